// Writes a run's results: the payout ledger (CSV), the run report (JSON) and a summary for people.
#pragma once

#include "interpreter/run.hpp"

#include <ostream>
#include <string>

namespace compplan {

// deal,person,role,event,date,amount,rule; RFC 4180 quoting where a value needs it. With jobs > 1
// the lines are formatted on that many threads, block by block; the bytes are the same.
void write_ledger_csv(const checked_plan& plan, const run_result& result, std::ostream& out, unsigned jobs = 1);

// Every input deal with its outcome, totals per person and role, and the run's diagnostics.
void write_report_json(const checked_plan& plan, const run_inputs& inputs, const run_result& result, std::ostream& out);

// A few lines: deals by outcome, lines written, and each person's total. With jobs > 1 the totals
// are summed on that many threads; the text is the same.
void write_summary(const checked_plan& plan, const run_result& result, std::ostream& out, unsigned jobs = 1);

}  // namespace compplan

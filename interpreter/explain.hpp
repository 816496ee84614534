// `compplan explain`: each ledger line of a deal or a person, traced back step by step to the
// clauses that made it, with every number exact.
#pragma once

#include "interpreter/run.hpp"
#include "interpreter/trace.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace compplan {

// One step of the chain that made a ledger line: what the plan's clause did, in words and numbers.
struct explain_step {
   std::string kind;      // credit, split, rate, band, commission, fee, tranche, clawback
   clause_place clause;   // the clause that decided the step
   std::string text;      // a sentence for people
   std::vector<std::pair<std::string, decimal>> numbers;    // exact
   std::vector<std::pair<std::string, std::string>> facts;  // dates, names, conditions
};

struct line_explanation {
   ledger_line line;
   std::string role;
   std::vector<explain_step> steps;
   decimal amount;  // what the steps come to; equal to line.amount
};

// Which lines to explain: those of one deal, or of one person.
struct explain_filter {
   std::string deal;
   std::string person;
   bool matches(const ledger_line& line) const
   {
      return (deal.empty() || line.deal == deal) && (person.empty() || line.person == person);
   }
};

// Every ledger line the filter selects, explained from the run's trace. `source` gives the plan's
// text by file name, to quote conditions as written.
std::vector<line_explanation> explain_lines(const checked_plan& plan, const run_result& result, const run_trace& trace,
                                            const explain_filter& filter, const source_lookup& source);

void write_explanation_text(const std::vector<line_explanation>& lines, std::ostream& out);
void write_explanation_json(const std::vector<line_explanation>& lines, std::ostream& out);

// 30000 as "30,000.00"; amounts that are not whole cents keep every digit.
std::string format_money(const decimal& amount);

}  // namespace compplan

// Writes a run's results: the payout ledger (CSV), the run report (JSON) and a summary for people.
#pragma once

#include "interpreter/run.hpp"

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace compplan {

// A ledger written as CSV a stretch of lines at a time: deal,person,role,event,date,amount,rule,
// with RFC 4180 quoting where a value needs it. The header is written first, then each stretch's
// lines in order. With jobs > 1 the lines are formatted on that many threads, block by block;
// the bytes are the same.
class ledger_csv_writer {
public:
   ledger_csv_writer(const checked_plan& plan, std::ostream& out, unsigned jobs = 1);
   ~ledger_csv_writer();
   ledger_csv_writer(const ledger_csv_writer&) = delete;
   ledger_csv_writer& operator=(const ledger_csv_writer&) = delete;
   void write(const ledger_book& lines);

private:
   struct buffers;
   const checked_plan& m_plan;
   std::ostream& m_out;
   unsigned m_jobs;
   std::unique_ptr<buffers> m_buffers;  // kept from write to write
};

// The whole ledger of a run, as a ledger_csv_writer writes it.
void write_ledger_csv(const checked_plan& plan, const run_result& result, std::ostream& out, unsigned jobs = 1);

// Each person and role's total over the lines of a ledger, summed a stretch of lines at a time.
// The sums are exact, so they are the same however the lines come.
class ledger_totals {
public:
   explicit ledger_totals(const checked_plan& plan);
   ~ledger_totals();
   ledger_totals(ledger_totals&&) noexcept;
   ledger_totals& operator=(ledger_totals&&) noexcept;
   ledger_totals(const ledger_totals&) = delete;
   ledger_totals& operator=(const ledger_totals&) = delete;
   // The totals of a whole ledger.
   static ledger_totals of(const checked_plan& plan, const ledger_book& ledger, unsigned jobs = 1);
   // With jobs > 1, stretches of the lines are summed side by side.
   void add(const ledger_book& lines, unsigned jobs = 1);
   void clear();
   std::size_t lines() const { return m_lines; }
   // Person and role with their total, sorted by person, then role. The people view the lines'.
   std::vector<std::pair<std::pair<std::string_view, int>, decimal>> sorted() const;

private:
   struct sums;
   const checked_plan* m_plan;
   std::unique_ptr<sums> m_sums;
   std::size_t m_lines = 0;
};

// Writes a run's ledger as CSV while the run pays the deals (run_inputs::ledger), and sums it for
// the summary and the report. `open` gives the stream to write, emptied, each time the ledger
// starts: when its first lines come, when the run restarts it, and at finish if no line came (an
// empty ledger has its header). A run that stops never opens it.
class ledger_csv_sink final : public ledger_sink {
public:
   ledger_csv_sink(const checked_plan& plan, std::function<std::ostream&()> open, unsigned jobs = 1);
   void write(const ledger_book& lines) override;
   void restart() override;
   // Once the run is done: opens the stream if no line came. The caller flushes it.
   void finish();
   const ledger_totals& totals() const { return m_totals; }

private:
   void start();
   const checked_plan& m_plan;
   std::function<std::ostream&()> m_open;
   unsigned m_jobs;
   std::unique_ptr<ledger_csv_writer> m_writer;  // null until the stream is opened
   ledger_totals m_totals;
};

// Every input deal with its outcome, totals per person and role, and the run's diagnostics.
void write_report_json(const checked_plan& plan, const run_inputs& inputs, const run_result& result,
                       const ledger_totals& totals, std::ostream& out);
// The same, with the totals of result.ledger.
void write_report_json(const checked_plan& plan, const run_inputs& inputs, const run_result& result, std::ostream& out);

// A few lines: deals by outcome, lines written, and each person's total.
void write_summary(const checked_plan& plan, const run_result& result, const ledger_totals& totals, std::ostream& out);
// The same, with the totals of result.ledger; with jobs > 1 they are summed on that many threads.
void write_summary(const checked_plan& plan, const run_result& result, std::ostream& out, unsigned jobs = 1);

}  // namespace compplan

// Runs a worked example through the same run as `compplan run`, and compares what it pays with
// what the example expects.
#pragma once

#include "interpreter/run.hpp"
#include "interpreter/trace.hpp"

#include <string>
#include <vector>

namespace compplan {

// One `expect` line, as data: a ledger line (pays, recovers) or a deal's outcome.
struct expect_line {
   ast::expected_kind kind = ast::expected_kind::pays;
   std::string deal;
   std::string person;
   std::string role;
   decimal amount;  // never negative: a recovery is written as the amount recovered
   date on;
   std::string tranche;
   std::string rule;  // the ledger's rule, the exclusion, or the code a deal fails with
   std::string note;  // why a deal failed, from the run; written as a comment, never compared
};

// The line in the plan's own syntax, as it can be pasted into an example (the note, if any, as
// a trailing comment when `with_note`).
std::string render(const expect_line& line, int currency_places, bool with_note = true);

// One line of a failed example's diff: '-' expected but not paid, '+' paid but not expected.
struct diff_line {
   char sign = '+';
   expect_line line;
};

struct example_result {
   const ast::example* example = nullptr;
   std::vector<expect_line> expected;  // in the example's order
   std::vector<expect_line> actual;    // deal by deal in row order: outcome, then ledger lines
   std::vector<diff_line> diff;
   std::vector<std::string> problems;  // what stopped the run, when it stopped
   std::string deals_csv;              // the rows as the run read them
   std::string people_csv;
   run_result run;
   run_trace trace;                    // what the run did for each credited deal

   bool passed() const { return diff.empty() && problems.empty(); }
};

// The example's rows as the plan's deals and people files: a header of every declared field,
// then one line per row, fields the row leaves out empty.
std::string example_csv(const checked_plan& plan, const ast::example& example, ast::record_kind record);

example_result run_example(const checked_plan& plan, const ast::example& example);

}  // namespace compplan

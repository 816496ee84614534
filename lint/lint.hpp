// The linter: plans that are valid but probably not what their author meant. Crediting rules
// that overlap or leave gaps (each shown with a witness deal that the plan, evaluated, confirms),
// shares and tranches that do not add up, tier tables with holes or cliffs, and clauses that
// can never take effect. Codes L001 to L016; see docs/diagnostics.md.
#pragma once

#include "check/checked_plan.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace compplan {

// A deal that shows a finding: a deals CSV with a header and one row, ready to be a test.
struct lint_witness {
   std::string code;
   std::string name;       // "L001-csm_small-csm_mid": a file name without extension
   std::string deals_csv;
};

struct lint_options {
   // How many regions of the deal space the coverage analysis may visit before it says it
   // cannot decide; generous for plans of tens of thousands of rules.
   std::size_t budget = 4'000'000;
};

struct lint_result {
   diagnostic_list diagnostics;  // L codes, in file order; silenced ones carry their reason
   std::vector<lint_witness> witnesses;
};

// `source` is the plan's text, read for suppression comments.
lint_result lint_plan(const checked_plan& plan, std::string_view source, const lint_options& options = {});

}  // namespace compplan

// The linter's working state, shared by its passes (coverage, clauses, suppressions).
#pragma once

#include "interpreter/run.hpp"
#include "lint/fragment.hpp"
#include "lint/lint.hpp"

#include <optional>
#include <string>
#include <vector>

namespace compplan::lint {

// Reported findings of one code stop at this many; a last note says how many more there were.
inline constexpr std::size_t max_findings_per_code = 20;

struct linter {
   const checked_plan& plan;
   const ast::plan& syntax;
   const lint_options& options;
   std::string_view source;  // the plan's text
   lint_result& result;
   deal_space space;
   std::vector<condition_cover> exclusions;  // by exclusion
   std::vector<condition_cover> credits;     // by crediting rule
   std::vector<condition_cover> rates;       // by rate
   std::vector<bool> mentioned;              // by deals field: some decided condition constrains it

   // A whole deal from a region of the space: the fields that matter from the region, the
   // others plain values (or blank, when optional).
   std::vector<value> deal_in(const box& region) const;
   // "kind=expansion, source=csm_sourced, amount=25000.00": the fields the conditions read and
   // the region constrains.
   std::string describe(const std::vector<value>& deal, const box& region) const;
   std::string csv_of(const std::vector<value>& deal) const;
   // The plan's verdict on the deal: how a run accounts for it.
   deal_outcome evaluate(const std::vector<value>& deal) const;
   void add_witness(const std::string& code, const std::string& name, const std::vector<value>& deal);
   // The plan's text at a span on one line ("activated_on"), or "" when it spans lines.
   std::string_view text_at(const source_span& span) const;
};

void lint_coverage(linter& l);
void lint_clauses(linter& l);
void apply_suppressions(std::string_view source, const std::string& file, diagnostic_list& diagnostics);

}  // namespace compplan::lint

// Which parts of a plan its examples exercise: crediting rules, exclusions, each schedule's
// tranches and clawbacks.
#pragma once

#include "examples/example_run.hpp"

#include <string>
#include <vector>

namespace compplan {

struct coverage_item {
   std::string kind;  // "crediting rule", "exclusion", "tranche", "clawback"
   std::string name;  // a tranche as schedule.tranche
   source_span span;
   bool exercised = false;
};

struct coverage_report {
   std::vector<coverage_item> items;  // in plan order, kind by kind

   std::size_t exercised() const;
   // Whether at least `percent` of the items are exercised (exactly: no rounding).
   bool reaches(const decimal& percent) const;
   // "94.4": the share exercised, in percent, cut to one decimal.
   std::string percent_text() const;
};

// An item is exercised when an example's run credits a deal by the rule, excludes one by the
// exclusion, pays a line in the tranche, or recovers a line by the clawback.
coverage_report measure_coverage(const checked_plan& plan, const std::vector<example_result>& results);

}  // namespace compplan

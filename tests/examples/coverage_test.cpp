// Tests for coverage: what the examples' runs exercise, per kind of rule and per schedule.
#include "examples/coverage.hpp"
#include "tests/examples/support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace compplan;

namespace {

coverage_report coverage_of(const std::string& examples)
{
   const auto checked = test_support::check_with_examples(examples);
   REQUIRE(checked.plan);
   std::vector<example_result> results;
   for (const auto& example : checked.plan->plan().examples) results.push_back(run_example(*checked.plan, example));
   return measure_coverage(*checked.plan, results);
}

std::vector<std::string> exercised(const coverage_report& report)
{
   std::vector<std::string> names;
   for (const auto& item : report.items) {
      if (item.exercised) names.push_back(item.kind + " " + item.name);
   }
   return names;
}

}  // namespace

TEST_CASE("coverage lists every rule, exclusion, tranche, clawback and tier band of the plan", "[examples]")
{
   const auto report = coverage_of("");
   CHECK(report.items.size() == 16);
   CHECK(report.items.back().kind == "tier band");
   CHECK(report.items.back().name == "ae_accelerator.accelerated");
   CHECK(report.exercised() == 0);
   CHECK(report.percent_text() == "0.0");
   CHECK(report.items.front().kind == "crediting rule");
   CHECK(report.items.front().name == "new_logo");
   CHECK(report.items.front().span.line == 62);
}

TEST_CASE("a renewal exercises the upfront schedule's booked tranche, not the milestones'", "[examples]")
{
   const auto report = coverage_of(R"(
example e as of 2027-12-31 {
   deal with id "R", account "A", kind renewal, amount 100, bundled false, booked_on 2027-01-01, csm "Chen", registered false
   expect "R" pays "Chen" as CSM 4.00 on 2027-01-01 for booked by renewal
}
)");
   CHECK(exercised(report) == std::vector<std::string>{"crediting rule renewal", "tranche upfront.booked"});
   CHECK(report.percent_text() == "12.5");
   CHECK(report.reaches(decimal::from_fraction(125, 10)));
   CHECK_FALSE(report.reaches(decimal::from_fraction(126, 10)));
}

TEST_CASE("the worked example and a clawback exercise their parts", "[examples]")
{
   const auto report = coverage_of(test_support::worked_example(test_support::worked_expectations) + R"(
example churn as of 2027-12-31 {
   deal with id "B", account "A", kind addon, source joint, amount 100, bundled true, booked_on 2027-01-01, registered false
   deal with id "C", account "A", kind renewal, amount 100, bundled false, booked_on 2027-01-01, churned_on 2027-02-01, csm "Chen", registered false
}
)");
   CHECK(exercised(report) == std::vector<std::string>{"crediting rule renewal", "crediting rule csm_mid", "exclusion addon_bundled",
                                                        "tranche milestones.booked", "tranche milestones.activated",
                                                        "tranche milestones.retained", "tranche upfront.booked", "clawback clawback",
                                                        "tier band ae_accelerator.base"});
}

TEST_CASE("true-up lines exercise no tranche, even one named true_up", "[examples][true_up]")
{
   // The true-up plan's schedule gets a tranche named true_up that is never paid (its remainder
   // is 0.00); the examples' true-up lines must not count for it.
   auto text = test_support::read_source_file("tests/golden/test/true_up/plan.plan");
   const std::string booked = "tranche booked on booked_on pays 100%";
   text.replace(text.find(booked), booked.size(), booked + "  tranche true_up on booked_on pays remainder");
   const auto plan = test_support::load_plan(text, "true_up.plan");
   std::vector<example_result> results;
   for (const auto& example : plan->plan().examples) results.push_back(run_example(*plan, example));
   for (const auto& result : results) CHECK(result.passed());
   const auto names = exercised(measure_coverage(*plan, results));
   CHECK(std::find(names.begin(), names.end(), "tranche upfront.booked") != names.end());
   CHECK(std::find(names.begin(), names.end(), "tranche upfront.true_up") == names.end());
}

// Tests for --update's rewriting: wrong lines replaced in place, right ones kept byte for byte.
#include "examples/update.hpp"
#include "tests/examples/support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace compplan;

namespace {

// Checks the reference plan followed by `examples` (as t.plan), runs every example, and returns
// the file after an update.
update_result updated(const std::string& examples)
{
   const auto text = test_support::reference_plan_text() + examples;
   const auto checked = test_support::check_with_examples(examples);
   REQUIRE(checked.plan);
   std::vector<example_result> results;
   for (const auto& example : checked.plan->plan().examples) results.push_back(run_example(*checked.plan, example));
   auto result = update_expectations(text, "t.plan", results, 2);
   result.text = result.text.substr(test_support::reference_plan_text().size());
   return result;
}

}  // namespace

TEST_CASE("--update replaces wrong expect lines in place and keeps the rest as written", "[examples]")
{
   auto lines = test_support::worked_expectations;
   lines.replace(lines.find("360.00"), 6, "361.00");
   lines.replace(lines.find("540.00 on 2027-03-01 for booked by csm_mid"), 42, "540 on 2027-03-01 for booked by csm_mid  // kept");
   lines.erase(lines.find("   expect \"D1\" pays \"Chen\" as CSM 192.00"));
   lines += "   // a comment between expect lines stays\n   expect \"D1\" uncredited\n";
   const auto result = updated(test_support::worked_example(lines));
   CHECK(result.updated == std::vector<std::string>{"worked"});
   CHECK(result.text == test_support::worked_example(
                           "   expect \"D1\" pays \"Ana\" as AE 540 on 2027-03-01 for booked by csm_mid  // kept\n"
                           "   expect \"D1\" pays \"Ana\" as AE 900.00 on 2027-03-20 for activated by csm_mid\n"
                           "   expect \"D1\" pays \"Ana\" as AE 360.00 on 2027-07-18 for retained by csm_mid\n"
                           "   expect \"D1\" pays \"Chen\" as CSM 288.00 on 2027-03-01 for booked by csm_mid\n"
                           "   expect \"D1\" pays \"Chen\" as CSM 480.00 on 2027-03-20 for activated by csm_mid\n"
                           "   expect \"D1\" pays \"Chen\" as CSM 192.00 on 2027-07-18 for retained by csm_mid\n"
                           "   // a comment between expect lines stays\n"));
}

TEST_CASE("--update fills an example that expects nothing, and leaves passing ones alone", "[examples]")
{
   const auto passing = test_support::worked_example(test_support::worked_expectations);
   const auto empty = "example fresh as of 2027-12-31 {\n"
                      "   deal with id \"F\", account \"A\", kind new, amount 100, bundled false, booked_on 2027-01-01, registered false\n"
                      "}\n";
   const auto result = updated(passing + empty);
   CHECK(result.updated == std::vector<std::string>{"fresh"});
   CHECK(result.text == passing +
                           "example fresh as of 2027-12-31 {\n"
                           "   deal with id \"F\", account \"A\", kind new, amount 100, bundled false, booked_on 2027-01-01, registered false\n"
                           "   expect \"F\" fails with R011  // the rule 'new_logo' gives the AE 100% of the credit, but the deal's 'ae' is empty\n"
                           "}\n");
   CHECK(updated(passing).text == passing);
}

TEST_CASE("--update skips an expect line that shares its line", "[examples]")
{
   const auto result = updated("example e as of 2027-12-31 { deal with id \"F\", account \"A\", kind new, amount 100, "
                               "bundled false, booked_on 2027-01-01, registered false expect \"F\" uncredited }\n");
   CHECK(result.updated.empty());
   CHECK(result.skipped == std::vector<std::string>{"e: the expect line at line 136 shares its line with something else"});
}

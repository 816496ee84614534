// Tests for the checker's phase 4: examples name what the plan declares, and can run as written.
#include "tests/examples/support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace compplan;
using test_support::check_with_examples;
using test_support::codes_of;

namespace {

// An example of one deal row (the worked example's, with `row` appended to it) and `lines`.
std::string example_with(const std::string& row, const std::string& lines)
{
   return "example e as of 2027-12-31 {\n"
          "   deal with id \"D1\", account \"A\", kind new, amount 100, bundled false, booked_on 2027-01-01, "
          "registered false" +
          row + "\n" + lines + "}\n";
}

}  // namespace

TEST_CASE("the reference plan's worked example checks clean", "[check][examples]")
{
   const auto result = check_with_examples(test_support::worked_example(test_support::worked_expectations));
   CHECK(codes_of(result).empty());
   REQUIRE(result.plan);
   CHECK(result.plan->plan().examples.size() == 1);
}

TEST_CASE("mistakes in examples are C diagnostics at their place", "[check][examples]")
{
   struct check_case {
      std::string examples;
      std::string codes;
      std::string first_message;
   };
   // clang-format off
   const std::vector<check_case> cases{
      {example_with(", colour \"red\"", ""), "C006", "the deals record has no field 'colour'"},
      {example_with(", kind new", ""), "C002", "the field 'kind' is given twice in this row"},
      {example_with(", source csm", ""), "C007", "'csm' is not one of the values (ae_sourced, csm_sourced, joint, csm_closed)"},
      {example_with(", churned_on \"2027-05-01\"", ""), "C003", "the field 'churned_on' is date: write a date, found quoted text"},
      {example_with(", ae Ana", ""), "C003", "the field 'ae' is text: write quoted text, found a name"},
      {"example e as of 2027-12-31 { person with person \"Ana\", role SE }", "C005", "unknown role 'SE'; the plan's roles are AE, CSM, PARTNER"},
      {"example e as of 2027-12-31 { person with person \"Ana\", quota 5 }", "C020", "the person row leaves out the required field 'role'"},
      {"example e as of 2027-12-31 { person with person \"Ana\", role AE, quotas 5 }", "C006", "the people record has no field 'quotas'"},
      {example_with("", "   expect \"D1\" pays \"Ana\" as SE 1 on 2027-01-01 for booked by new_logo\n"), "C005", "unknown role 'SE'; the plan's roles are AE, CSM, PARTNER"},
      {example_with("", "   expect \"D1\" pays \"Ana\" as AE 1 on 2027-01-01 for bookd by new_logo\n"), "C001", "no tranche of any schedule is named 'bookd'"},
      {example_with("", "   expect \"D1\" pays \"Ana\" as AE 1 on 2027-01-01 for booked by clawback\n"), "C001", "no crediting rule or fee is named 'clawback'"},
      // Only retroactive tables write true-ups; the reference plan's ae_accelerator is graduated.
      {example_with("", "   expect \"D1\" pays \"Ana\" as AE 1 on 2027-01-01 for true_up by ae_accelerator\n"), "C001 C001", "no tranche of any schedule is named 'true_up'"},
      {example_with("", "   expect \"D1\" recovers 1 from \"Ana\" as AE on 2027-01-01 by new_logo\n"), "C001", "no clawback is named 'new_logo'"},
      {example_with("", "   expect \"D1\" excluded by new_logo\n"), "C001", "no exclusion is named 'new_logo'"},
      {example_with("", "   expect \"D1\" fails with R007\n"), "C020", "a deal fails with R003, R010, R011 or R014; found 'R007'"},
      {example_with("", "   expect \"D2\" uncredited\n"), "C020", "no deal row of the example 'e' has the id 'D2'"},
      {example_with("", "   expect \"D1\" uncredited\n   expect \"D1\" out of period\n"), "C020", "the deal 'D1' is given a second outcome"},
      {example_with("", "   deal with id \"D1\", account \"A\", kind new, amount 1, bundled false, booked_on 2027-01-01, registered false\n"), "C020", "two deal rows have the id 'D1'"},
      {"example e as of 2027-12-31 { person with person \"Ana\", role AE person with person \"Ana\", role AE }", "C020", "two person rows have 'Ana' as AE"},
      {"example e as of 2027-12-31 { deal with id \"D1\", kind new }", "C020 C020 C020 C020 C020", "the deal row leaves out the required field 'account'"},
      {"example e as of 2027-12-31 {}\nexample e as of 2027-12-31 {}", "C002", "the example 'e' is declared twice"},
   };
   // clang-format on
   for (const auto& c : cases) {
      INFO(c.examples);
      const auto result = check_with_examples(c.examples);
      CHECK(codes_of(result) == c.codes);
      REQUIRE(!result.diagnostics.empty());
      const auto& first = result.diagnostics.items().front();
      CHECK(first.message == c.first_message);
      CHECK(first.span.file == "t.plan");
      CHECK(first.span.line > 135);  // in the example, after the reference plan's last line
      CHECK(result.plan == nullptr);
   }
}

TEST_CASE("an example may share its name with a rule", "[check][examples]")
{
   CHECK(codes_of(check_with_examples("example new_logo as of 2027-12-31 {}")).empty());
}

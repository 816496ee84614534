// Tests for running examples: the CSV the run reads, and the comparison with the expect lines.
#include "examples/example_run.hpp"
#include "tests/examples/support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace compplan;

namespace {

struct ran {
   check_result checked;
   std::vector<example_result> results;
};

ran run_all(const std::string& examples)
{
   ran r{test_support::check_with_examples(examples), {}};
   INFO(test_support::codes_of(r.checked));
   REQUIRE(r.checked.plan);
   for (const auto& example : r.checked.plan->plan().examples) {
      r.results.push_back(run_example(*r.checked.plan, example));
   }
   return r;
}

std::vector<std::string> diff_text(const example_result& result)
{
   std::vector<std::string> lines;
   for (const auto& line : result.diff) lines.push_back(std::string(1, line.sign) + " " + render(line.line, 2));
   return lines;
}

}  // namespace

TEST_CASE("the worked example passes, and its rows are CSV the run reads", "[examples]")
{
   const auto r = run_all(test_support::worked_example(test_support::worked_expectations));
   REQUIRE(r.results.size() == 1);
   const auto& result = r.results[0];
   CHECK(result.passed());
   CHECK(result.deals_csv ==
         "id,account,kind,source,amount,bundled,booked_on,activated_on,churned_on,ae,csm,partner,registered\n"
         "D1,Globex,expansion,csm_sourced,30000,false,2027-03-01,2027-03-20,,Ana,Chen,,false\n");
   CHECK(result.people_csv == "person,role,quota\nAna,AE,500000\n");
   CHECK(result.actual.size() == 6);
}

TEST_CASE("a wrong amount and a missing line show as '-' and '+' lines in expect syntax", "[examples]")
{
   auto lines = test_support::worked_expectations;
   lines.replace(lines.find("360.00"), 6, "361.00");
   lines.erase(lines.find("   expect \"D1\" pays \"Chen\" as CSM 480.00"), lines.find('\n', lines.find("CSM 480.00")) + 1 - lines.find("   expect \"D1\" pays \"Chen\" as CSM 480.00"));
   const auto r = run_all(test_support::worked_example(lines));
   const auto& result = r.results.at(0);
   CHECK_FALSE(result.passed());
   CHECK(diff_text(result) == std::vector<std::string>{
                                 "- expect \"D1\" pays \"Ana\" as AE 361.00 on 2027-07-18 for retained by csm_mid",
                                 "+ expect \"D1\" pays \"Ana\" as AE 360.00 on 2027-07-18 for retained by csm_mid",
                                 "+ expect \"D1\" pays \"Chen\" as CSM 480.00 on 2027-03-20 for activated by csm_mid",
                              });
}

TEST_CASE("outcomes: a deal is credited unless an expect line says otherwise", "[examples]")
{
   const auto r = run_all(R"(
example e as of 2027-12-31 {
   deal with id "X", account "A", kind addon, source joint, amount 100, bundled true, booked_on 2027-01-01, registered false
   deal with id "Y", account "A", kind new, amount 100, bundled false, booked_on 2027-01-01, registered false
   deal with id "Z", account "A", kind new, amount 100, bundled false, booked_on 2028-01-01, registered false
   expect "X" uncredited
}
)");
   CHECK(diff_text(r.results.at(0)) ==
         std::vector<std::string>{
            "- expect \"X\" uncredited",
            "+ expect \"X\" excluded by addon_bundled",
            "+ expect \"Y\" fails with R011  // the rule 'new_logo' gives the AE 100% of the credit, but the deal's 'ae' is empty",
            "+ expect \"Z\" out of period",
         });
}

TEST_CASE("expect lines render as they are written, amounts grouped and exact", "[examples]")
{
   expect_line line;
   line.kind = ast::expected_kind::recovers;
   line.deal = "D \"1\"";
   line.person = "Ana";
   line.role = "AE";
   line.amount = decimal::from_fraction(1280000, 100);
   line.on = *date::parse("2027-08-08");
   line.rule = "clawback";
   CHECK(render(line, 2) == "expect \"D \\\"1\\\"\" recovers 12_800.00 from \"Ana\" as AE on 2027-08-08 by clawback");
   line.amount = decimal::from_fraction(5, 1000);
   CHECK(render(line, 2) == "expect \"D \\\"1\\\"\" recovers 0.005 from \"Ana\" as AE on 2027-08-08 by clawback");
   line.kind = ast::expected_kind::fails;
   line.rule = "R003";
   line.note = "bad row";
   CHECK(render(line, 2) == "expect \"D \\\"1\\\"\" fails with R003  // bad row");
   CHECK(render(line, 2, false) == "expect \"D \\\"1\\\"\" fails with R003");
}

TEST_CASE("rows the files would reject are malformed in the example too", "[examples]")
{
   const auto r = run_all(R"(
example e as of 2027-12-31 {
   deal with id "M", account "A, Inc.", kind renewal, amount 100.005, bundled false, booked_on 2027-01-01, csm "Chen", registered false
   expect "M" fails with R003
}
)");
   CHECK(r.results.at(0).passed());
   CHECK(r.results.at(0).deals_csv.find("\"A, Inc.\"") != std::string::npos);
}

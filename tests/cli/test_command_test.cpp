// Tests for `compplan test`: its text and JUnit output, exit statuses, --update and coverage.
#include "tests/cli/support.hpp"
#include "tests/examples/support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace compplan;
using test_support::run_cli;

namespace {

std::string read_text(const std::string& path)
{
   std::ifstream in(path, std::ios::binary);
   std::ostringstream text;
   text << in.rdbuf();
   return std::move(text).str();
}

const std::string wrong_retained = [] {
   auto lines = test_support::worked_expectations;
   return lines.replace(lines.find("CSM 192.00"), 10, "CSM 193.00");
}();

}  // namespace

TEST_CASE("compplan test: PASS and FAIL lines, the diff, the summary and the exit status", "[cli][examples]")
{
   const test_support::scratch_folder folder;
   const auto plan = folder.write("p.plan", test_support::reference_plan_text());
   const auto examples = folder.write("p.examples.plan", test_support::worked_example(test_support::worked_expectations) +
                                                             "example wrong as of 2027-12-31 {\n" +
                                                             test_support::worked_example(wrong_retained).substr(35));
   SECTION("text")
   {
      const auto result = run_cli({"test", plan});
      CHECK(result.status == 1);
      CHECK(result.err.empty());
      CHECK(result.out == "PASS worked (" + examples + ":2)\n"
                          "FAIL wrong (" + examples + ":13)\n"
                          "    - expect \"D1\" pays \"Chen\" as CSM 193.00 on 2027-07-18 for retained by csm_mid\n"
                          "    + expect \"D1\" pays \"Chen\" as CSM 192.00 on 2027-07-18 for retained by csm_mid\n"
                          "1 passed, 1 failed\n");
      CHECK(run_cli({"test", examples}).out == result.out);  // the companion stands for its plan
   }
   SECTION("junit")
   {
      const auto result = run_cli({"test", plan, "--format", "junit"});
      CHECK(result.status == 1);
      CHECK(result.err == "1 passed, 1 failed\n");
      CHECK(result.out ==
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"compplan test\" tests=\"2\" failures=\"1\">\n"
            "  <testsuite name=\"" + plan + "\" tests=\"2\" failures=\"1\">\n"
            "    <testcase name=\"worked\" classname=\"" + plan + "\" file=\"" + examples + "\" line=\"2\"/>\n"
            "    <testcase name=\"wrong\" classname=\"" + plan + "\" file=\"" + examples + "\" line=\"13\">\n"
            "      <failure message=\"wrong differs from what the plan pays\">"
            "- expect &quot;D1&quot; pays &quot;Chen&quot; as CSM 193.00 on 2027-07-18 for retained by csm_mid\n"
            "+ expect &quot;D1&quot; pays &quot;Chen&quot; as CSM 192.00 on 2027-07-18 for retained by csm_mid\n"
            "</failure>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
   }
   SECTION("--update rewrites the failed example, and then every example passes")
   {
      const auto result = run_cli({"test", plan, "--update"});
      CHECK(result.status == 1);
      CHECK(result.out.find("updated " + examples + ": wrong\n") != std::string::npos);
      const auto again = run_cli({"test", plan});
      CHECK(again.status == 0);
      CHECK(again.out.ends_with("2 passed, 0 failed\n"));
      CHECK(read_text(examples) == test_support::worked_example(test_support::worked_expectations) +
                             "example wrong as of 2027-12-31 {\n" +
                             test_support::worked_example(test_support::worked_expectations).substr(35));
      CHECK(read_text(plan) == test_support::reference_plan_text());  // the plan itself is untouched
   }
   SECTION("--coverage and --min-coverage")
   {
      const auto result = run_cli({"test", plan, "--coverage"});
      CHECK(result.out.find("coverage of " + plan + ": 5 of 16 exercised (31.2%)\n"
                            "    not exercised: crediting rule new_logo (" + plan + ":62)\n") != std::string::npos);
      CHECK(result.out.find("    not exercised: tier band ae_accelerator.accelerated (" + plan + ":97)\n") !=
            std::string::npos);
      CHECK(result.out.ends_with("1 passed, 1 failed\n"));
      folder.write("p.examples.plan", test_support::worked_example(test_support::worked_expectations));
      CHECK(run_cli({"test", plan, "--min-coverage", "31.25"}).status == 0);
      const auto below = run_cli({"test", plan, "--min-coverage", "31.26"});
      CHECK(below.status == 1);
      CHECK(below.out.find("coverage of " + plan + " is below the minimum of 31.26%\n") != std::string::npos);
      CHECK(run_cli({"test", plan, "--min-coverage", "101"}).status == 2);
      CHECK(run_cli({"test", plan, "--min-coverage", "all"}).status == 2);
   }
}

TEST_CASE("compplan test: plans with errors and unreadable files exit 2", "[cli][examples]")
{
   const test_support::scratch_folder folder;
   const auto plan = folder.write("p.plan", test_support::reference_plan_text());
   const auto companion = folder.write("p.examples.plan", "example e as of 2027-12-31 { deal with id \"D1\" }\n");
   const auto result = run_cli({"test", plan});
   CHECK(result.status == 2);
   CHECK(result.err.starts_with(companion + ":1:30: error[C020]: the deal row leaves out the required field 'account'\n"));
   CHECK(result.err.ends_with(plan + ": the plan has errors: its examples were not run\n"));
   CHECK(result.out == "0 passed, 0 failed\n");
   CHECK(run_cli({"check", plan}).status == 1);
   CHECK(run_cli({"test", folder.path("missing.plan")}).status == 2);
   folder.write("p.examples.plan", "example e as of 2027-12-31 { deal }\n");
   CHECK(run_cli({"test", plan}).status == 2);
}

TEST_CASE("the reference plan's examples all pass and cover the plan", "[cli][examples]")
{
   const auto result = run_cli({"test", std::string(COMPPLAN_SOURCE_DIR) + "/plans/expansion-fy2027.plan", "--min-coverage", "100"});
   CHECK(result.status == 0);
   CHECK(result.out.find("FAIL") == std::string::npos);
   CHECK(result.out.find("16 of 16 exercised (100.0%)") != std::string::npos);
   CHECK(result.out.ends_with("11 passed, 0 failed\n"));
}

// compplan check for CI: --format json|sarif|github, --fail-level, --witnesses, --no-lint.
#include "cli/formats.hpp"
#include "tests/cli/support.hpp"
#include "tests/support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace compplan::test_support;
using json = nlohmann::json;

namespace {

const std::string reference_plan = std::string(COMPPLAN_SOURCE_DIR) + "/plans/expansion-fy2027.plan";

// One overlap (an error) at 25000.00 and one unused definition (a warning).
const std::string overlapping = plan_header("overlap") + R"(role AE "Account Executive"
deals {
   id        text, key
   amount    money, positive, credited
   booked_on date
   ae        text, names AE
}
big = amount > 1_000_000
credit small when amount <= 25_000 shares AE 100%
credit large when amount >= 25_000 shares AE 100%
rate base for AE when true pays 10% paid by upfront
schedule upfront { tranche booked on booked_on pays 100% }
)";

}  // namespace

TEST_CASE("check --format json: every diagnostic with its place, notes, suppression and a summary", "[cli]")
{
   const scratch_folder folder;
   const auto plan = folder.write("overlap.plan", overlapping);
   const auto result = run_cli({"check", "--format", "json", plan, reference_plan});
   CHECK(result.status == 1);
   const auto report = json::parse(result.out);
   CHECK(report["version"] == 1);
   REQUIRE(report["plans"].size() == 2);
   CHECK(report["plans"][0] == json{{"file", plan}, {"status", "checked"}});
   const auto& items = report["diagnostics"];
   REQUIRE(items.size() == 4);
   CHECK(items[0]["code"] == "L014");
   CHECK(items[0]["severity"] == "warning");
   CHECK(items[0]["line"] == 13);
   CHECK(items[0]["column"] == 1);
   CHECK(items[1]["code"] == "L001");
   CHECK(items[1]["severity"] == "error");
   CHECK(items[1]["file"] == plan);
   CHECK(items[1]["line"] == 15);
   CHECK(items[1]["column"] == 8);
   CHECK(items[1]["end_column"] == 13);
   CHECK(items[1]["message"] ==
         "crediting rules 'small' and 'large' both match a deal with amount=25000.00; exactly one rule may credit a deal");
   REQUIRE(items[1]["notes"].size() == 1);
   CHECK(items[1]["notes"][0]["line"] == 14);
   CHECK(items[1]["notes"][0]["message"] == "'small' is declared here");
   CHECK_FALSE(items[1].contains("suppression"));
   // The reference plan's intended gap: reported, with the reason it is silenced.
   CHECK(items[2]["code"] == "L002");
   CHECK(items[2]["suppression"]["reason"] ==
         "expansions and unbundled add-ons with no source match no rule on purpose (uncredited)");
   CHECK(report["summary"] == json{{"checked", 2}, {"unparsed", 0}, {"unreadable", 0}, {"errors", 1},
                                   {"warnings", 1}, {"notes", 0}, {"silenced", 2}});
   CHECK(result.err.empty());
}

TEST_CASE("check --format sarif: SARIF 2.1.0 with rules, locations and in-source suppressions", "[cli]")
{
   const scratch_folder folder;
   const auto plan = folder.write("overlap.plan", overlapping);
   const auto result = run_cli({"check", "--format", "sarif", plan, reference_plan, folder.path("missing.plan")});
   CHECK(result.status == 2);
   const auto sarif = json::parse(result.out);
   CHECK(sarif["version"] == "2.1.0");
   CHECK(sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
   REQUIRE(sarif["runs"].size() == 1);
   const auto& run = sarif["runs"][0];
   CHECK(run["tool"]["driver"]["name"] == "compplan");
   const auto& rules = run["tool"]["driver"]["rules"];
   REQUIRE(rules.size() == 3);  // the codes reported, in code order
   CHECK(rules[0]["id"] == "L001");
   CHECK(rules[0]["shortDescription"]["text"] == "two crediting rules match the same deal");
   CHECK(rules[0]["defaultConfiguration"]["level"] == "error");
   CHECK(rules[0]["helpUri"] == "docs/diagnostics.md#l001-two-crediting-rules-match-the-same-deal");
   CHECK(rules[1]["id"] == "L002");
   CHECK(rules[2]["id"] == "L014");
   const auto& results = run["results"];
   REQUIRE(results.size() == 4);
   const auto& overlap = results[1];
   CHECK(overlap["ruleId"] == "L001");
   CHECK(overlap["ruleIndex"] == 0);
   CHECK(overlap["level"] == "error");
   const auto& place = overlap["locations"][0]["physicalLocation"];
   CHECK(place["artifactLocation"]["uri"] == plan);
   CHECK(place["region"] == json{{"startLine", 15}, {"startColumn", 8}, {"endLine", 15}, {"endColumn", 13}});
   CHECK(overlap["relatedLocations"][0]["message"]["text"] == "'small' is declared here");
   CHECK_FALSE(overlap.contains("suppressions"));
   CHECK(results[2]["suppressions"] ==
         json::array({{{"kind", "inSource"},
                       {"justification", "expansions and unbundled add-ons with no source match no rule on purpose "
                                         "(uncredited)"}}}));
   const auto& invocation = run["invocations"][0];
   CHECK(invocation["executionSuccessful"] == false);
   CHECK(invocation["toolExecutionNotifications"][0]["message"]["text"] ==
         folder.path("missing.plan") + ": cannot read the file");
}

TEST_CASE("check --format github: one workflow annotation per finding, escaped", "[cli]")
{
   CHECK(compplan::cli::escape_github_data("50% of a,b\nnext\r") == "50%25 of a,b%0Anext%0D");
   CHECK(compplan::cli::escape_github_property("dir:a,b%.plan") == "dir%3Aa%2Cb%25.plan");
   const scratch_folder folder;
   const auto plan = folder.write("over,lap.plan", overlapping);
   const auto result = run_cli({"check", "--format", "github", plan});
   CHECK(result.status == 1);
   const auto file = compplan::cli::escape_github_property(plan);
   CHECK(result.out ==
         "::warning file=" + file + ",line=13,col=1,endColumn=4,title=L014::L014: the definition 'big' is never used\n"
         "::error file=" + file + ",line=15,col=8,endColumn=13,title=L001::L001: crediting rules 'small' and 'large' "
         "both match a deal with amount=25000.00; exactly one rule may credit a deal%0A" + plan +
         ":14:8: note: 'small' is declared here\n"
         "1 plan checked: 1 error, 1 warning\n");
   // Silenced findings are not annotated.
   const auto reference = run_cli({"check", "--format", "github", reference_plan});
   CHECK(reference.out == "1 plan checked: 0 errors, 0 warnings; 2 silenced in the plan\n");
}

TEST_CASE("check --fail-level: what makes the exit status 1", "[cli]")
{
   const scratch_folder folder;
   const auto warned = folder.write("warned.plan", plan_header("w") + R"(role AE "Account Executive"
deals {
   id        text, key
   amount    money, positive, credited
   booked_on date
   ae        text, names AE
}
unused = 1
credit all when true shares AE 100%
rate base for AE when true pays 10% paid by upfront
schedule upfront { tranche booked on booked_on pays 100% }
)");
   CHECK(run_cli({"check", warned}).status == 0);
   CHECK(run_cli({"check", "--fail-level", "error", warned}).status == 0);
   CHECK(run_cli({"check", "--fail-level", "warning", warned}).status == 1);
   CHECK(run_cli({"check", "--fail-level", "note", warned}).status == 1);
   CHECK(run_cli({"check", "--fail-level", "warning", reference_plan}).status == 0);  // silenced ones do not count
   CHECK(run_cli({"check", "--fail-level", "fatal", warned}).status == 2);
   CHECK(run_cli({"check", "--format", "xml", warned}).status == 2);
   // --no-lint: parse and check only.
   const auto unlinted = run_cli({"check", "--no-lint", "--fail-level", "warning", warned});
   CHECK(unlinted.status == 0);
   CHECK(unlinted.out == "1 plan checked: 0 errors, 0 warnings\n");
}

TEST_CASE("check --witnesses: each finding's deal as a one-row deals file that run reproduces", "[cli]")
{
   const scratch_folder folder;
   const auto plan = folder.write("overlap.plan", overlapping);
   const auto witnesses = folder.path("witnesses");
   CHECK(run_cli({"check", "--witnesses", witnesses, plan}).status == 1);
   const auto csv = witnesses + "/overlap-L001-small-large.csv";
   REQUIRE(fs::exists(csv));
   std::ifstream in(csv);
   std::stringstream text;
   text << in.rdbuf();
   CHECK(text.str() == "id,amount,booked_on,ae\nW1,25000.00,2027-01-01,ae-1\n");
   // Running the plan on it shows the same problem.
   const auto run = run_cli({"run", plan, "--deals", csv, "--as-of", "2027-12-31"});
   CHECK(run.status == 1);
   CHECK_THAT(run.err, Catch::Contains("error[R010]: deal 'W1': crediting rules small, large all match"));
}

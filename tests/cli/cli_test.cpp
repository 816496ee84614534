// Tests for the command line: main_command's exit codes and where its messages go.
#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "tests/cli/support.hpp"

#include "tests/support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

using namespace compplan::test_support;

const std::string reference_plan = std::string(COMPPLAN_SOURCE_DIR) + "/plans/expansion-fy2027.plan";

const std::string small_plan = plan_header("small") + R"(role AE "Account Executive"
deals {
   id        text, key
   amount    money, positive, credited
   booked_on date
   ae        text, names AE
}
credit all when true shares AE 100%
rate base for AE when true pays 10% paid by upfront
schedule upfront { tranche booked on booked_on pays 100% }
)";

const std::string small_deals = "id,amount,booked_on,ae\nD1,1000.00,2027-03-01,Ana\n";

// 20,000 deals, more than a round of the deals a run pays before writing their lines, in no
// order of ids; one has bad input.
std::string many_deals()
{
   std::string deals = "id,amount,booked_on,ae\n";
   for (int i = 0; i < 20'000; ++i) {
      const int id = (i * 7919) % 20'000;
      deals += id == 77 ? std::string("D77,lots,2027-03-01,Ana\n")
                        : fmt::format("D{},{}.{:02},2027-{:02}-{:02},{}\n", id, 1 + i % 5000, i % 100, i % 12 + 1,
                                      i % 28 + 1, i % 3 == 0 ? "Ana" : "Ben");
   }
   return deals;
}

std::string text_of(const std::string& path)
{
   std::ifstream in(path, std::ios::binary);
   std::ostringstream text;
   text << in.rdbuf();
   return text.str();
}

}  // namespace

TEST_CASE("check: 0 for a clean plan, 1 for a plan with errors, 2 for a missing file or a plan that does not parse", "[cli]")
{
   const scratch_folder folder;
   const auto clean = folder.write("clean.plan", small_plan);
   const auto bad = folder.write("bad.plan", small_plan + "x = amout\n");
   const auto missing = folder.path("missing.plan");

   SECTION("the reference plan")
   {
      const auto result = run_cli({"check", reference_plan});
      CHECK(result.status == 0);
      // The uncredited expansions with no source are intended: the plan says so in a comment.
      CHECK(result.out == "1 plan checked: 0 errors, 0 warnings; 2 silenced in the plan\n");
      CHECK(result.err.empty());
   }
   SECTION("a clean plan")
   {
      const auto result = run_cli({"check", clean});
      CHECK(result.status == 0);
      CHECK(result.out == "1 plan checked: 0 errors, 0 warnings\n");
   }
   SECTION("a plan with an error")
   {
      const auto result = run_cli({"check", bad});
      CHECK(result.status == 1);
      // The diagnostic goes to standard output with its place, then the summary.
      CHECK(result.out.starts_with(bad + ":16:5: error[C001]: unknown name 'amout'\n"));
      CHECK(result.out.ends_with("1 plan checked: 1 error, 0 warnings\n"));
      CHECK(result.err.empty());
   }
   SECTION("a plan that does not parse")
   {
      const auto broken = folder.write("broken.plan", "credits x\n");
      const auto result = run_cli({"check", broken});
      CHECK(result.status == 2);
      CHECK(result.out.find("error[P001]") != std::string::npos);
   }
   SECTION("a missing file")
   {
      const auto result = run_cli({"check", missing});
      CHECK(result.status == 2);
      CHECK(result.err == missing + ": error: cannot read the file\n");
      CHECK(result.out == "0 plans checked: 0 errors, 0 warnings; 1 file could not be read\n");
   }
   SECTION("several plans: the worst status wins, the summary counts them all")
   {
      const auto two = run_cli({"check", clean, bad});
      CHECK(two.status == 1);
      CHECK(two.out.ends_with("2 plans checked: 1 error, 0 warnings\n"));
      CHECK(run_cli({"check", bad, clean}).status == 1);
      const auto with_missing = run_cli({"check", clean, missing});
      CHECK(with_missing.status == 2);
      CHECK(with_missing.out == "1 plan checked: 0 errors, 0 warnings; 1 file could not be read\n");
      CHECK(run_cli({"check", missing, bad}).status == 2);
      CHECK(run_cli({"check", bad, missing}).status == 2);
      const auto errors = run_cli({"check", bad, bad});
      CHECK(errors.out.ends_with("2 plans checked: 2 errors, 0 warnings\n"));
   }
   SECTION("no plan given")
   {
      const auto result = run_cli({"check"});
      CHECK(result.status == 2);
      CHECK_FALSE(result.err.empty());
   }
}

TEST_CASE("run: exit codes", "[cli]")
{
   const scratch_folder folder;
   const auto plan = folder.write("small.plan", small_plan);
   const auto deals = folder.write("deals.csv", small_deals);

   SECTION("a clean run writes the ledger and exits 0")
   {
      const auto result = run_cli({"run", plan, "--deals", deals, "--as-of", "2027-12-31"});
      INFO(result.err);
      CHECK(result.status == 0);
      CHECK(result.out.starts_with("deal,person,role,event,date,amount,rule\n"));
      CHECK(result.out.find("D1,Ana,AE,booked,2027-03-01,100.00,") != std::string::npos);
   }
   SECTION("the ledger can go to a file")
   {
      const auto ledger = folder.path("ledger.csv");
      const auto result = run_cli({"run", plan, "--deals", deals, "--as-of", "2027-12-31", "--out", ledger});
      CHECK(result.status == 0);
      CHECK(fs::exists(ledger));
      CHECK(result.out.find("deal,person,role") == std::string::npos);
   }
   SECTION("a ledger file, written while the deals are paid, holds what standard output gets")
   {
      const auto many = folder.write("many.csv", many_deals());
      const auto printed = run_cli({"run", plan, "--deals", many, "--as-of", "2027-12-31"});
      REQUIRE(printed.status == 1);
      for (const char* jobs : {"1", "2"}) {
         INFO(jobs << " jobs");
         const auto ledger = folder.path("ledger.csv");
         const auto filed = run_cli({"run", plan, "--deals", many, "--as-of", "2027-12-31", "--out", ledger, "--jobs", jobs});
         CHECK(filed.status == printed.status);
         CHECK(text_of(ledger) == printed.out);
         CHECK(filed.err + filed.out == printed.err);  // the diagnostics, then the summary
         CHECK_THAT(filed.out, Catch::Contains("19999 ledger lines"));
      }
   }
   SECTION("a ledger file that cannot be written is exit 2; a run that stops leaves the file as it was")
   {
      const auto nowhere = folder.path("no-such-folder/ledger.csv");
      const auto failed = run_cli({"run", plan, "--deals", deals, "--as-of", "2027-12-31", "--out", nowhere});
      CHECK(failed.status == 2);
      CHECK_THAT(failed.err, Catch::EndsWith(nowhere + ": error: cannot write the ledger\n"));
      const auto ledger = folder.write("kept.csv", "an earlier ledger\n");
      const auto twice = folder.write("twice.csv", "id,amount,booked_on,ae\nD1,1.00,2027-03-01,Ana\nD1,2.00,2027-03-02,Ana\n");
      const auto stopped = run_cli({"run", plan, "--deals", twice, "--as-of", "2027-12-31", "--out", ledger});
      CHECK(stopped.status == 2);
      CHECK(text_of(ledger) == "an earlier ledger\n");
   }
   SECTION("an output that names an input, by any path, is refused before anything is read or written")
   {
      const auto deals_text = text_of(deals);
      const auto same_deals = folder.path(".") + "/deals.csv";
      REQUIRE(fs::equivalent(same_deals, deals));
      const auto link = folder.path("link.csv");
      fs::create_symlink(deals, link);
      const auto ledger = folder.path("ledger.csv");
      const auto report = folder.path("report.json");
      const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
         {{"--out", deals}, "error: --out names the deals file '" + deals + "': writing it would overwrite what the run reads\n"},
         {{"--out", same_deals}, "error: --out names the deals file '" + deals + "': writing it would overwrite what the run reads\n"},
         {{"--out", link}, "error: --out names the deals file '" + deals + "': writing it would overwrite what the run reads\n"},
         {{"--report", deals}, "error: --report names the deals file '" + deals + "': writing it would overwrite what the run reads\n"},
         {{"--out", plan}, "error: --out names the plan '" + plan + "': writing it would overwrite what the run reads\n"},
         {{"--out", ledger, "--report", ledger}, "error: --out and --report name the same file '" + ledger + "'\n"},
      };
      for (const auto& [extra, expected] : cases) {
         std::vector<std::string> args{"run", plan, "--deals", deals, "--as-of", "2027-12-31"};
         args.insert(args.end(), extra.begin(), extra.end());
         INFO(extra.front() << " " << extra[1]);
         const auto result = run_cli(args);
         CHECK(result.status == 2);
         CHECK(result.err == expected);
         CHECK(result.out.empty());
      }
      CHECK(text_of(deals) == deals_text);
      CHECK(text_of(plan) == small_plan);
      CHECK_FALSE(fs::exists(ledger));  // not made, neither not yet existing
      // A people file is an input too (the reference plan reads one).
      const auto people = folder.write("people.csv", "person,role,quota\nAna,AE,100000.00\n");
      const auto result = run_cli({"run", reference_plan, "--deals", deals, "--people", people, "--as-of", "2027-12-31",
                                   "--report", people});
      CHECK(result.status == 2);
      CHECK(result.err == "error: --report names the people file '" + people + "': writing it would overwrite what the run reads\n");
      // Standard output as a path names no input.
      CHECK(run_cli({"run", plan, "--deals", deals, "--as-of", "2027-12-31", "--out", "/dev/null"}).status == 0);
   }
   SECTION("--jobs N writes what one job writes; N below 1 is a usage error")
   {
      const auto one = run_cli({"run", plan, "--deals", deals, "--as-of", "2027-12-31"});
      const auto two = run_cli({"run", plan, "--deals", deals, "--as-of", "2027-12-31", "--jobs", "2"});
      CHECK(two.status == one.status);
      CHECK(two.out == one.out);
      CHECK(two.err == one.err);
      CHECK(run_cli({"run", plan, "--deals", deals, "--as-of", "2027-12-31", "--jobs", "0"}).status == 2);
      CHECK(run_cli({"run", plan, "--deals", deals, "--as-of", "2027-12-31", "--jobs", "two"}).status == 2);
   }
   SECTION("--timings adds each step's time to standard error and changes nothing else")
   {
      const auto plain = run_cli({"run", plan, "--deals", deals, "--as-of", "2027-12-31"});
      const auto timed = run_cli({"run", plan, "--deals", deals, "--as-of", "2027-12-31", "--timings"});
      CHECK(timed.status == plain.status);
      CHECK(timed.out == plain.out);
      REQUIRE(timed.err.starts_with(plain.err));
      const auto timings = timed.err.substr(plain.err.size());
      INFO(timings);
      CHECK(timings.starts_with("timings (wall time, seconds):\n"));
      std::size_t at = 0;
      for (const char* step : {"read the plan and check it, read the files", "read the deals and people",
                               "classify and credit", "cumulatives and pay", "true-ups", "order the ledger",
                               "free the deals' working state", "write the diagnostics", "write the ledger",
                               "write the summary", "total"}) {
         const auto found = timings.find(std::string("  ") + step + "\n", at);
         CHECK(found != std::string::npos);  // each step once, in the order they run
         if (found != std::string::npos) at = found;
      }
      CHECK(timings.find("write the report") == std::string::npos);  // no report was asked for
   }
   SECTION("diagnostics in the deals file quote its lines, with or without a report")
   {
      // The run lets the deals text go once it is read, and reads the file again to quote it.
      const auto bad = folder.write("bad.csv", "id,amount,booked_on,ae\nD1,1000.00,2027-03-01,Ana\n"
                                               "D2,lots,2027-03-02,Ana\nD1,5.00,2027-03-03,Ben\n");
      for (const bool report : {false, true}) {
         std::vector<std::string> args{"run", plan, "--deals", bad, "--as-of", "2027-12-31"};
         if (report) args.insert(args.end(), {"--report", folder.path("report.json")});
         const auto result = run_cli(args);
         INFO(result.err);
         CHECK(result.status == 2);  // D1 twice stops the run
         CHECK_THAT(result.err, Catch::Contains(bad + ":3:4: error[R003]: bad value 'lots' in column 'amount'"));
         CHECK_THAT(result.err, Catch::Contains(" 3 | D2,lots,2027-03-02,Ana\n"));
         CHECK_THAT(result.err, Catch::Contains("   |    ^^^^"));
         CHECK_THAT(result.err, Catch::Contains(" 4 | D1,5.00,2027-03-03,Ben\n"));  // the repeated id
         CHECK_THAT(result.err, Catch::Contains(" 2 | D1,1000.00,2027-03-01,Ana\n"));  // its note: the first row
      }
   }
   SECTION("a bad --as-of is a usage error")
   {
      for (const std::string as_of : {"2027-02-30", "tomorrow", "2027-1-1", ""}) {
         INFO("--as-of " << as_of);
         const auto result = run_cli({"run", plan, "--deals", deals, "--as-of", as_of});
         CHECK(result.status == 2);
         CHECK(result.err == "error: --as-of expects a date written YYYY-MM-DD, found '" + as_of + "'\n");
         CHECK(result.out.empty());
      }
   }
   SECTION("a deal with bad input still runs the rest and exits 1")
   {
      const auto mixed = folder.write("mixed.csv", small_deals + "D2,lots,2027-03-02,Ana\n");
      const auto result = run_cli({"run", plan, "--deals", mixed, "--as-of", "2027-12-31"});
      CHECK(result.status == 1);
      CHECK(result.out.find("D1,Ana,AE") != std::string::npos);
      CHECK(result.err.find("error[R") != std::string::npos);
   }
   SECTION("a plan with errors is not run")
   {
      const auto bad = folder.write("bad.plan", small_plan + "x = amout\n");
      const auto result = run_cli({"run", bad, "--deals", deals, "--as-of", "2027-12-31"});
      CHECK(result.status == 2);
      CHECK(result.err.find("error[C001]") != std::string::npos);
      CHECK(result.err.ends_with("the plan has errors: nothing was run\n"));
      CHECK(result.out.empty());
   }
   SECTION("missing files are usage errors")
   {
      CHECK(run_cli({"run", folder.path("none.plan"), "--deals", deals, "--as-of", "2027-12-31"}).status == 2);
      CHECK(run_cli({"run", plan, "--deals", folder.path("none.csv"), "--as-of", "2027-12-31"}).status == 2);
   }
   SECTION("a plan with a quota needs --people")
   {
      const auto result = run_cli({"run", reference_plan, "--deals", deals, "--as-of", "2027-12-31"});
      CHECK(result.status == 2);
      CHECK(result.err == "error: the plan reads a people file: pass it with --people FILE\n");
   }
   SECTION("required options")
   {
      CHECK(run_cli({"run"}).status == 2);
      CHECK(run_cli({"run", plan}).status == 2);
      CHECK(run_cli({"run", plan, "--deals", deals}).status == 2);
      CHECK(run_cli({"run", plan, "--as-of", "2027-12-31"}).status == 2);
   }
}

TEST_CASE("usage: no arguments, --help and unknown input", "[cli]")
{
   SECTION("no arguments at all")
   {
      const auto result = run_cli({});
      CHECK(result.status == 2);
      CHECK(result.err.find("A subcommand is required") != std::string::npos);
   }
   SECTION("--help prints the usage on standard output and exits 0")
   {
      const std::vector<std::vector<std::string>> forms = {{"--help"}, {"-h"}, {"check", "--help"}, {"run", "--help"}};
      for (const auto& arguments : forms) {
         const auto result = run_cli(arguments);
         INFO(arguments.front() << (arguments.size() > 1 ? " " + arguments[1] : ""));
         CHECK(result.status == 0);
         CHECK(result.out.find("Usage") != std::string::npos);
         CHECK(result.err.empty());
      }
      CHECK(run_cli({"--help"}).out.find("check") != std::string::npos);
      CHECK(run_cli({"run", "--help"}).out.find("--as-of") != std::string::npos);
   }
   SECTION("an unknown option")
   {
      CHECK(run_cli({"check", "--strict", reference_plan}).status == 2);
      CHECK(run_cli({"--verbose"}).status == 2);
   }
}

TEST_CASE("read_lines keeps the lines asked for at their numbers and empties the others", "[cli]")
{
   const scratch_folder folder;
   // A BOM, CRLF endings, a line longer than the megabyte read at a time, and no final line break.
   const std::string long_line(std::size_t{3} << 20, 'x');
   const auto path = folder.write("lines.csv", "\xEF\xBB\xBFid,amount\r\nD1,5\r\n" + long_line + "\nD3,7\nlast");
   const auto read = [&](const std::vector<std::uint32_t>& lines) {
      const auto text = compplan::cli::read_lines(path, lines);
      REQUIRE(text.has_value());
      return *text;
   };
   CHECK(read({}) == "\n\n\n\n");
   CHECK(read({1}) == "\xEF\xBB\xBFid,amount\r\n\n\n\n");
   CHECK(read({2, 4}) == "\nD1,5\r\n\nD3,7\n");
   CHECK(read({3}) == "\n\n" + long_line + "\n\n");
   CHECK(read({5}) == "\n\n\n\nlast");
   CHECK(read({5, 9}) == "\n\n\n\nlast");  // lines past the end are not there to keep
   CHECK_FALSE(compplan::cli::read_lines(folder.path("none.csv"), {1}).has_value());
}

// Golden tests: `compplan check` on each tests/golden/check/<case>/ plan, and `compplan test` on
// each tests/golden/test/<case>/ plan (with its plan.examples.plan, if any), compared with
// expected.txt.
//
// A case folder holds expected.txt and either plan.plan (the plan itself) or plan.path (one line:
// a repository-relative path to a plan checked where it lives, such as the reference plan).
// The check runs in-process with the repository root as the working directory, so file names in
// the rendered diagnostics are stable. COMPPLAN_UPDATE_GOLDEN=1 rewrites every expected.txt from
// the actual output (for authors after reading the new output; never in CI).
#include "cli/commands.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

fs::path golden_root(const std::string& command)
{
   return fs::path("tests") / "golden" / command;
}

// Restores the working directory when a case ends, whatever happens in it.
class working_directory {
public:
   explicit working_directory(const fs::path& to) : m_saved(fs::current_path()) { fs::current_path(to); }
   ~working_directory() { fs::current_path(m_saved); }
   working_directory(const working_directory&) = delete;
   working_directory& operator=(const working_directory&) = delete;

private:
   fs::path m_saved;
};

std::optional<std::string> read_text(const fs::path& path)
{
   std::ifstream in(path, std::ios::binary);
   if (!in) {
      return std::nullopt;
   }
   std::ostringstream text;
   text << in.rdbuf();
   return std::move(text).str();
}

void write_text(const fs::path& path, const std::string& text)
{
   std::ofstream out(path, std::ios::binary);
   out << text;
   REQUIRE(out.flush());
}

bool update_mode()
{
   const char* flag = std::getenv("COMPPLAN_UPDATE_GOLDEN");
   return flag != nullptr && std::string(flag) == "1";
}

// Case names, sorted so that every run of the test case meets its sections in the same order.
std::vector<std::string> case_names(const fs::path& root)
{
   std::vector<std::string> names;
   for (const auto& entry : fs::directory_iterator(root)) {
      if (entry.is_directory()) {
         names.push_back(entry.path().filename().string());
      }
   }
   std::sort(names.begin(), names.end());
   return names;
}

// The plan a case checks, relative to the repository root, with '/' separators.
std::string plan_argument(const std::string& command, const std::string& name)
{
   const auto folder = golden_root(command) / name;
   if (const auto redirect = read_text(folder / "plan.path")) {
      auto path = *redirect;
      while (!path.empty() && (path.back() == '\n' || path.back() == '\r' || path.back() == ' ')) {
         path.pop_back();
      }
      return path;
   }
   return "tests/golden/" + command + "/" + name + "/plan.plan";
}

// The words of a case's `arguments` file, which follow the plan on the command line; none when
// there is no such file.
std::vector<std::string> extra_arguments(const fs::path& folder)
{
   std::vector<std::string> words;
   std::istringstream text(read_text(folder / "arguments").value_or(""));
   for (std::string word; text >> word;) words.push_back(word);
   return words;
}

// Standard output of `compplan COMMAND PLAN ARGUMENTS...`, then "exit N".
std::string run_command(const std::string& command, const std::string& plan, const std::vector<std::string>& extra,
                        std::string& errors)
{
   std::vector<std::string> arguments{"compplan", command, plan};
   arguments.insert(arguments.end(), extra.begin(), extra.end());
   std::vector<const char*> argv;
   argv.reserve(arguments.size());
   for (const auto& argument : arguments) {
      argv.push_back(argument.c_str());
   }
   std::ostringstream out;
   std::ostringstream err;
   const int status = compplan::cli::main_command(static_cast<int>(argv.size()), argv.data(), out, err);
   errors = err.str();
   return out.str() + "exit " + std::to_string(status) + "\n";
}

// Runs every case of tests/golden/COMMAND; `with_errors` puts standard error in the expected
// text (after standard output), else standard error must be empty.
void check_golden_cases(const std::string& command, std::size_t at_least, bool with_errors)
{
   const working_directory in_repository(COMPPLAN_SOURCE_DIR);
   const auto root = golden_root(command);
   REQUIRE(fs::is_directory(root));
   const auto names = case_names(root);
   // A much smaller count than the corpus has means the walk is looking in the wrong place.
   REQUIRE(names.size() >= at_least);

   for (const auto& name : names) {
      DYNAMIC_SECTION(name)
      {
         const auto folder = root / name;
         const bool has_plan = fs::exists(folder / "plan.plan");
         const bool has_path = fs::exists(folder / "plan.path");
         {
            INFO("a case has exactly one of plan.plan and plan.path: " << folder.string());
            REQUIRE(has_plan != has_path);
         }
         const auto plan = plan_argument(command, name);
         REQUIRE(fs::exists(plan));

         std::string errors;
         auto actual = run_command(command, plan, extra_arguments(folder), errors);
         if (with_errors) {
            actual.insert(0, errors);
         }
         else {
            // check writes diagnostics on standard output; standard error is only for unreadable files.
            CHECK(errors.empty());
         }

         const auto expected_path = folder / "expected.txt";
         if (update_mode()) {
            write_text(expected_path, actual);
            WARN("rewrote " << expected_path.string());
            continue;
         }
         const auto expected = read_text(expected_path);
         {
            INFO("missing " << expected_path.string() << "; run with COMPPLAN_UPDATE_GOLDEN=1 to create it");
            REQUIRE(expected.has_value());
         }
         // On a mismatch Catch2 prints both texts in full.
         CHECK(actual == *expected);
      }
   }
}

}  // namespace

TEST_CASE("golden check output matches expected.txt", "[golden]")
{
   // The corpus covers every P code, the C codes and clean near-misses.
   check_golden_cases("check", 25, false);
}

TEST_CASE("golden explain output matches expected.txt", "[golden][explain]")
{
   check_golden_cases("explain", 2, true);
}

TEST_CASE("golden test output matches expected.txt", "[golden]")
{
   check_golden_cases("test", 5, true);
}

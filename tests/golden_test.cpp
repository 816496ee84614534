// Golden tests: `compplan check` on each tests/golden/check/<case>/ plan, compared with expected.txt.
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

const fs::path golden_root = fs::path("tests") / "golden" / "check";

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
std::string plan_argument(const std::string& name)
{
   const auto folder = golden_root / name;
   if (const auto redirect = read_text(folder / "plan.path")) {
      auto path = *redirect;
      while (!path.empty() && (path.back() == '\n' || path.back() == '\r' || path.back() == ' ')) {
         path.pop_back();
      }
      return path;
   }
   return "tests/golden/check/" + name + "/plan.plan";
}

// Standard output of `compplan check PLAN`, then "exit N".
std::string run_check(const std::string& plan, std::string& errors)
{
   const std::vector<std::string> arguments{"compplan", "check", plan};
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

}  // namespace

TEST_CASE("golden check output matches expected.txt", "[golden]")
{
   const working_directory in_repository(COMPPLAN_SOURCE_DIR);
   REQUIRE(fs::is_directory(golden_root));
   const auto names = case_names(golden_root);
   // The corpus covers every P code, the C codes and clean near-misses; a much smaller count
   // means the walk is looking in the wrong place.
   REQUIRE(names.size() >= 25);

   for (const auto& name : names) {
      DYNAMIC_SECTION(name)
      {
         const auto folder = golden_root / name;
         const bool has_plan = fs::exists(folder / "plan.plan");
         const bool has_path = fs::exists(folder / "plan.path");
         {
            INFO("a case has exactly one of plan.plan and plan.path: " << folder.string());
            REQUIRE(has_plan != has_path);
         }
         const auto plan = plan_argument(name);
         REQUIRE(fs::exists(plan));

         std::string errors;
         const auto actual = run_check(plan, errors);
         // check writes diagnostics on standard output; standard error is only for unreadable files.
         CHECK(errors.empty());

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

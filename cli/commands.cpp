// The check and run commands: read files, call the pipeline's libraries, render the results.
#include "cli/commands.hpp"

#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "interpreter/ledger.hpp"
#include "interpreter/run.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

namespace compplan::cli {

namespace {

std::optional<std::string> read_file(const std::string& path)
{
   std::ifstream in(path, std::ios::binary);
   if (!in) {
      return std::nullopt;
   }
   // Read into a string of the file's size where the size can be known: a stream copy grows its
   // buffer by doubling, which for a large deals file holds up to twice its size.
   std::string text;
   std::error_code error;
   const auto size = std::filesystem::is_regular_file(path, error) ? std::filesystem::file_size(path, error) : 0;
   if (!error && size > 0) {
      text.resize(static_cast<std::size_t>(size));
      in.read(text.data(), static_cast<std::streamsize>(size));
      text.resize(static_cast<std::size_t>(in.gcount()));
   }
   in.clear();
   // Whatever follows (a file that grew, or one that cannot seek, such as a pipe) is appended.
   std::ostringstream rest;
   rest << in.rdbuf();
   if (in.bad()) {
      return std::nullopt;
   }
   text += std::move(rest).str();
   return text;
}

struct loaded_plan {
   std::string text;
   std::shared_ptr<const checked_plan> plan;
   diagnostic_list diagnostics;
};

// Parses and checks one plan file; nullopt when the file cannot be read.
std::optional<loaded_plan> load_plan(const std::string& path)
{
   auto text = read_file(path);
   if (!text) {
      return std::nullopt;
   }
   loaded_plan loaded;
   loaded.text = std::move(*text);
   auto parsed = parse_plan(loaded.text, path);
   loaded.diagnostics = parsed.diagnostics;
   if (parsed.plan) {
      auto checked = check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan)));
      loaded.diagnostics.append(checked.diagnostics);
      loaded.plan = std::move(checked.plan);
   }
   return loaded;
}

source_lookup lookup_in(const std::map<std::string, const std::string*, std::less<>>& files)
{
   return [&files](std::string_view name) -> const std::string* {
      const auto it = files.find(name);
      return it == files.end() ? nullptr : it->second;
   };
}

}  // namespace

int check_command(const std::vector<std::string>& plans, std::ostream& out, std::ostream& err)
{
   int status = 0;
   std::size_t checked = 0;
   std::size_t unreadable = 0;
   std::size_t errors = 0;
   std::size_t warnings = 0;
   for (const auto& path : plans) {
      auto loaded = load_plan(path);
      if (!loaded) {
         err << fmt::format("{}: error: cannot read the file\n", path);
         status = 2;
         ++unreadable;
         continue;
      }
      ++checked;
      const std::map<std::string, const std::string*, std::less<>> files{{path, &loaded->text}};
      out << render_text(loaded->diagnostics, lookup_in(files));
      errors += loaded->diagnostics.error_count();
      warnings += loaded->diagnostics.warning_count();
      if (loaded->diagnostics.has_errors() && status == 0) {
         status = 1;
      }
   }
   out << fmt::format("{} plan{} checked: {} error{}, {} warning{}", checked, checked == 1 ? "" : "s", errors,
                      errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
   if (unreadable > 0) {
      out << fmt::format("; {} file{} could not be read", unreadable, unreadable == 1 ? "" : "s");
   }
   out << '\n';
   return status;
}

int run_command(const run_options& options, std::ostream& out, std::ostream& err)
{
   const auto as_of = date::parse(options.as_of);
   if (!as_of) {
      err << fmt::format("error: --as-of expects a date written YYYY-MM-DD, found '{}'\n", options.as_of);
      return 2;
   }
   auto loaded = load_plan(options.plan);
   if (!loaded) {
      err << fmt::format("{}: error: cannot read the file\n", options.plan);
      return 2;
   }
   std::map<std::string, const std::string*, std::less<>> files{{options.plan, &loaded->text}};
   if (!loaded->plan) {
      err << render_text(loaded->diagnostics, lookup_in(files));
      err << "the plan has errors: nothing was run\n";
      return 2;
   }
   run_inputs inputs;
   inputs.as_of = *as_of;
   inputs.jobs = options.jobs;
   inputs.deals_file = options.deals;
   inputs.people_file = options.people;
   auto deals = read_file(options.deals);
   if (!deals) {
      err << fmt::format("{}: error: cannot read the deals file\n", options.deals);
      return 2;
   }
   inputs.deals_text = std::move(*deals);
   if (loaded->plan->people_person >= 0) {
      if (options.people.empty()) {
         err << "error: the plan reads a people file: pass it with --people FILE\n";
         return 2;
      }
      auto people = read_file(options.people);
      if (!people) {
         err << fmt::format("{}: error: cannot read the people file\n", options.people);
         return 2;
      }
      inputs.people_text = std::move(*people);
   }
   const auto result = run_plan(*loaded->plan, inputs);
   files.emplace(inputs.deals_file, &inputs.deals_text);
   files.emplace(inputs.people_file, &inputs.people_text);
   err << render_text(result.diagnostics, lookup_in(files));
   if (!result.stopped) {
      if (options.out.empty()) {
         write_ledger_csv(*loaded->plan, result, out);
      }
      else {
         std::ofstream ledger(options.out, std::ios::binary);
         write_ledger_csv(*loaded->plan, result, ledger);
         if (!ledger.flush()) {
            err << fmt::format("{}: error: cannot write the ledger\n", options.out);
            return 2;
         }
      }
   }
   if (!options.report.empty()) {
      std::ofstream report(options.report, std::ios::binary);
      write_report_json(*loaded->plan, inputs, result, report);
      if (!report.flush()) {
         err << fmt::format("{}: error: cannot write the report\n", options.report);
         return 2;
      }
   }
   write_summary(*loaded->plan, result, options.out.empty() ? err : out);
   return result.exit_status();
}

int main_command(int argc, const char* const* argv, std::ostream& out, std::ostream& err)
{
   CLI::App app{"compplan: sales compensation plans that can be read, checked, tested and run"};
   app.require_subcommand(1);
   std::vector<std::string> plans;
   auto* check = app.add_subcommand("check", "Parse and check plans; print every problem with its place");
   check->add_option("PLAN", plans, "plan files")->required();
   run_options options;
   auto* run = app.add_subcommand("run", "Evaluate a plan on deals and write the payout ledger");
   run->add_option("PLAN", options.plan, "the plan file")->required();
   run->add_option("--deals", options.deals, "deals CSV exported from the CRM")->required();
   run->add_option("--people", options.people, "people CSV: person, role and quota");
   run->add_option("--as-of", options.as_of, "tranches dated on or before this date (YYYY-MM-DD) are paid")->required();
   run->add_option("--out", options.out, "write the ledger CSV here (default: standard output)");
   run->add_option("--report", options.report, "write the run report (JSON) here");
   run->add_option("--jobs", options.jobs, "threads that evaluate deals (default 1); the output is the same for any number")
      ->check(CLI::Range(1u, 256u));
   try {
      app.parse(argc, argv);
   }
   catch (const CLI::ParseError& e) {
      // --help prints and exits 0; a usage error prints the reason and exits 2.
      return app.exit(e, out, err) == 0 ? 0 : 2;
   }
   if (check->parsed()) {
      return check_command(plans, out, err);
   }
   return run_command(options, out, err);
}

}  // namespace compplan::cli

// The check and run commands: read files, call the pipeline's libraries, render the results.
#include "cli/commands.hpp"

#include "check/checked_plan.hpp"
#include "cli/formats.hpp"
#include "cli/load.hpp"
#include "examples/companion.hpp"
#include "interpreter/explain.hpp"
#include "interpreter/ledger.hpp"
#include "interpreter/run.hpp"
#include "lint/lint.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

namespace compplan::cli {

namespace {

std::optional<severity> severity_named(std::string_view name)
{
   for (const auto level : {severity::error, severity::warning, severity::note}) {
      if (to_string(level) == name) return level;
   }
   return std::nullopt;
}

// At or above: error > warning > note.
bool reaches(severity level, severity threshold)
{
   return static_cast<int>(level) <= static_cast<int>(threshold);
}

std::string plural(std::size_t n, std::string_view word)
{
   return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// Each witness deal as DIR/<plan>-<name>.csv; false (with a message) when one cannot be written.
bool write_witnesses(const std::string& folder, const std::string& plan_path, const lint_result& lint, std::ostream& err)
{
   std::error_code failed;
   std::filesystem::create_directories(folder, failed);
   const auto stem = std::filesystem::path(plan_path).stem().string();
   for (const auto& witness : lint.witnesses) {
      const auto path = std::filesystem::path(folder) / (stem + "-" + witness.name + ".csv");
      std::ofstream file(path, std::ios::binary);
      file << witness.deals_csv;
      if (!file.flush()) {
         err << fmt::format("{}: error: cannot write the witness deal\n", path.string());
         return false;
      }
   }
   return true;
}

}  // namespace

int check_command(const check_options& options, std::ostream& out, std::ostream& err)
{
   const auto threshold = severity_named(options.fail_level);
   if (!threshold) {
      err << fmt::format("error: --fail-level is error, warning or note, found '{}'\n", options.fail_level);
      return 2;
   }
   std::vector<checked_file> files;
   std::vector<std::optional<loaded_plan>> loaded_plans;  // kept for the text rendering's source lines
   int status = 0;
   for (const auto& path : plans_named(options.plans)) {
      auto& file = files.emplace_back();
      file.path = path;
      const auto& loaded = loaded_plans.emplace_back(load_plan(path, true));
      if (!loaded) {
         file.status = file_status::unreadable;
         status = 2;
         continue;
      }
      file.diagnostics = loaded->diagnostics;
      if (!loaded->parsed) {
         file.status = file_status::unparsed;
         status = 2;
         continue;
      }
      if (loaded->plan && options.lint) {
         const auto lint = lint_plan(*loaded->plan, loaded->text);
         file.diagnostics.append(lint.diagnostics);
         file.diagnostics.sort_by_place();
         if (!options.witnesses.empty() && !write_witnesses(options.witnesses, path, lint, err)) status = 2;
      }
      for (const auto& d : file.diagnostics) {
         if (!d.silenced() && reaches(d.level, *threshold) && status == 0) status = 1;
      }
   }
   if (options.format == "json") {
      write_check_json(files, out);
      return status;
   }
   if (options.format == "sarif") {
      write_sarif(files, out);
      return status;
   }
   std::size_t checked = 0;
   std::size_t unreadable = 0;
   std::size_t errors = 0;
   std::size_t warnings = 0;
   std::size_t notes = 0;
   std::size_t silenced = 0;
   for (std::size_t i = 0; i < files.size(); ++i) {
      const auto& file = files[i];
      if (file.status == file_status::unreadable) {
         ++unreadable;
         if (options.format == "text") err << fmt::format("{}: error: cannot read the file\n", file.path);
         continue;
      }
      ++checked;
      errors += file.diagnostics.error_count();
      warnings += file.diagnostics.warning_count();
      silenced += file.diagnostics.silenced_count();
      for (const auto& d : file.diagnostics) notes += d.level == severity::note && !d.silenced() ? 1 : 0;
      if (options.format == "text") {
         out << render_text(file.diagnostics, loaded_plans[i]->lookup());
      }
   }
   if (options.format == "github") write_github(files, out);
   out << fmt::format("{} checked: {}, {}", plural(checked, "plan"), plural(errors, "error"), plural(warnings, "warning"));
   if (notes > 0) out << fmt::format(", {}", plural(notes, "note"));
   if (silenced > 0) out << fmt::format("; {} silenced in the plan", silenced);
   if (unreadable > 0) out << fmt::format("; {} could not be read", plural(unreadable, "file"));
   out << '\n';
   return status;
}

namespace {

using file_stamp_type = std::pair<std::uintmax_t, std::filesystem::file_time_type>;

// A regular file's size and modification time, to tell whether it changed between two reads;
// nothing for anything else (a pipe cannot be read twice).
std::optional<file_stamp_type> file_stamp(const std::string& path)
{
   std::error_code error;
   if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
   const auto size = std::filesystem::file_size(path, error);
   if (error) return std::nullopt;
   const auto time = std::filesystem::last_write_time(path, error);
   if (error) return std::nullopt;
   return std::pair{size, time};
}

// A checked plan and the inputs of a run on it, read as `run` and `explain` read them.
struct prepared_run {
   loaded_plan loaded;
   run_inputs inputs;
   std::optional<file_stamp_type> deals_stamp;  // the deals file as it was before it was read

   // The plan, deals and people texts by file name, for rendering diagnostics and quoting the plan.
   std::map<std::string, const std::string*, std::less<>> files() const
   {
      return {{loaded.path, &loaded.text}, {inputs.deals_file, &inputs.deals_text},
              {inputs.people_file, &inputs.people_text}};
   }
};

// The lines of `file` that the diagnostics and their notes point at, sorted, once each.
std::vector<std::uint32_t> quoted_lines(const diagnostic_list& diagnostics, std::string_view file)
{
   std::vector<std::uint32_t> lines;
   const auto note = [&](const source_span& span) {
      if (span.file == file && span.known()) lines.push_back(span.line);
   };
   for (const auto& item : diagnostics) {
      note(item.span);
      for (const auto& attached : item.notes) note(attached.span);
   }
   std::sort(lines.begin(), lines.end());
   lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
   return lines;
}

// Each step's wall time, and their sum, in seconds.
void write_timings(const run_timings& timings, std::ostream& err)
{
   double total = 0;
   err << "timings (wall time, seconds):\n";
   for (const auto& [step, seconds] : timings.laps()) {
      err << fmt::format("{:9.3f}  {}\n", seconds, step);
      total += seconds;
   }
   err << fmt::format("{:9.3f}  total\n", total);
}

// nullopt, with the reason written to `err`, for a bad date, an unreadable file or a plan with errors.
std::optional<prepared_run> prepare_run(const run_options& options, std::ostream& err)
{
   const auto as_of = date::parse(options.as_of);
   if (!as_of) {
      err << fmt::format("error: --as-of expects a date written YYYY-MM-DD, found '{}'\n", options.as_of);
      return std::nullopt;
   }
   auto loaded = load_plan(options.plan, false);
   if (!loaded) {
      err << fmt::format("{}: error: cannot read the file\n", options.plan);
      return std::nullopt;
   }
   if (!loaded->plan) {
      const std::map<std::string, const std::string*, std::less<>> files{{options.plan, &loaded->text}};
      err << render_text(loaded->diagnostics, lookup_in(files));
      err << "the plan has errors: nothing was run\n";
      return std::nullopt;
   }
   prepared_run prepared{std::move(*loaded), {}, {}};
   auto& inputs = prepared.inputs;
   inputs.as_of = *as_of;
   inputs.jobs = options.jobs;
   inputs.deals_file = options.deals;
   inputs.people_file = options.people;
   prepared.deals_stamp = file_stamp(options.deals);
   auto deals = read_file(options.deals);
   if (!deals) {
      err << fmt::format("{}: error: cannot read the deals file\n", options.deals);
      return std::nullopt;
   }
   inputs.deals_text = std::move(*deals);
   if (prepared.loaded.plan->people_person >= 0) {
      if (options.people.empty()) {
         err << "error: the plan reads a people file: pass it with --people FILE\n";
         return std::nullopt;
      }
      auto people = read_file(options.people);
      if (!people) {
         err << fmt::format("{}: error: cannot read the people file\n", options.people);
         return std::nullopt;
      }
      inputs.people_text = std::move(*people);
   }
   return prepared;
}

}  // namespace

namespace {

// Whether a file may be written again from its start: a regular file, or none yet.
bool rewritable(const std::string& path)
{
   std::error_code error;
   const auto status = std::filesystem::status(path, error);
   return status.type() == std::filesystem::file_type::not_found || status.type() == std::filesystem::file_type::regular;
}

// Whether two paths name the same file, also by another path to it (a link, `./`, `..`), or would
// once it is made.
bool same_file(const std::string& a, const std::string& b)
{
   std::error_code error;
   if (std::filesystem::exists(a, error) && std::filesystem::exists(b, error)) {
      return std::filesystem::equivalent(a, b, error);
   }
   const auto first = std::filesystem::weakly_canonical(a, error);
   if (error) return false;
   const auto second = std::filesystem::weakly_canonical(b, error);
   return !error && first == second;
}

// What an output file of the run would overwrite, written as the error; nothing when each output
// has a file of its own. A ledger written over the deals it is paid from loses them.
std::optional<std::string> overwritten_by(const run_options& options)
{
   const std::vector<std::pair<std::string, std::string>> outputs{{"--out", options.out}, {"--report", options.report}};
   const std::vector<std::pair<std::string, std::string>> inputs{
      {"the plan", options.plan}, {"the deals file", options.deals}, {"the people file", options.people}};
   for (const auto& [option, path] : outputs) {
      if (path.empty() || !rewritable(path)) continue;  // standard output, a pipe or a device overwrites nothing
      for (const auto& [what, input] : inputs) {
         if (!input.empty() && same_file(path, input)) {
            return fmt::format("error: {} names {} '{}': writing it would overwrite what the run reads", option, what,
                               input);
         }
      }
   }
   if (!options.out.empty() && !options.report.empty() && rewritable(options.out) && same_file(options.out, options.report)) {
      return fmt::format("error: --out and --report name the same file '{}'", options.report);
   }
   return std::nullopt;
}

}  // namespace

int run_command(const run_options& options, std::ostream& out, std::ostream& err)
{
   run_timings timings;
   if (const auto clash = overwritten_by(options)) {
      err << *clash << "\n";
      return 2;
   }
   auto prepared = prepare_run(options, err);
   if (!prepared) return 2;
   timings.lap("read the plan and check it, read the files");
   if (options.timings) prepared->inputs.timings = &timings;
   // The deals text is needed again only to quote the lines diagnostics point at, so a file's
   // text is let go once the run has read it, and read again if a diagnostic quotes it.
   bool deals_released = false;
   if (prepared->deals_stamp) {
      prepared->inputs.deals_read = [&] {
         std::string().swap(prepared->inputs.deals_text);
         deals_released = true;
      };
   }
   const auto& loaded = prepared->loaded;
   // A ledger going to a file is written while the run pays, so the run never holds all of it.
   // Other outputs (standard output, a pipe) are written once the run is done, as a run that
   // restarts its ledger could not take back what such an output was given.
   std::optional<std::ofstream> ledger_file;
   std::optional<ledger_csv_sink> sink;
   if (!options.out.empty() && rewritable(options.out)) {
      sink.emplace(
         *loaded.plan,
         [&]() -> std::ostream& {
            ledger_file.reset();
            return ledger_file.emplace(options.out, std::ios::binary | std::ios::trunc);
         },
         options.jobs);
      prepared->inputs.ledger = &*sink;
   }
   const auto& inputs = prepared->inputs;
   const auto result = run_plan(*loaded.plan, inputs);
   if (const auto lines = deals_released ? quoted_lines(result.diagnostics, options.deals) : std::vector<std::uint32_t>{};
       !lines.empty()) {
      // Only the lines quoted are read back, each at its number. A file that changed since the
      // run read it would show other lines: it is not quoted then.
      auto again = read_lines(options.deals, lines);
      if (again && file_stamp(options.deals) == prepared->deals_stamp) prepared->inputs.deals_text = std::move(*again);
   }
   err << render_text(result.diagnostics, lookup_in(prepared->files()));
   timings.lap("write the diagnostics");
   if (!result.stopped) {
      if (sink) {
         sink->finish();
         if (!ledger_file->flush()) {
            err << fmt::format("{}: error: cannot write the ledger\n", options.out);
            return 2;
         }
      }
      else if (options.out.empty()) {
         write_ledger_csv(*loaded.plan, result, out, inputs.jobs);
      }
      else {
         std::ofstream ledger(options.out, std::ios::binary);
         write_ledger_csv(*loaded.plan, result, ledger, inputs.jobs);
         if (!ledger.flush()) {
            err << fmt::format("{}: error: cannot write the ledger\n", options.out);
            return 2;
         }
      }
      timings.lap("write the ledger");
   }
   std::optional<ledger_totals> summed;
   if (!sink) summed.emplace(ledger_totals::of(*loaded.plan, result.ledger, inputs.jobs));
   const auto& totals = sink ? sink->totals() : *summed;
   if (!options.report.empty()) {
      std::ofstream report(options.report, std::ios::binary);
      write_report_json(*loaded.plan, inputs, result, totals, report);
      if (!report.flush()) {
         err << fmt::format("{}: error: cannot write the report\n", options.report);
         return 2;
      }
      timings.lap("write the report");
   }
   write_summary(*loaded.plan, result, totals, options.out.empty() ? err : out);
   timings.lap("write the summary");
   if (options.timings) write_timings(timings, err);
   return result.exit_status();
}

namespace {

// What the run did with a deal that has no ledger lines, for explain to say instead.
std::optional<std::string> outcome_of(const run_result& result, const std::string& id)
{
   for (const auto& deal : result.deals) {
      if (deal.id() != id) continue;
      std::string rules;
      for (const auto& rule : deal.rules) rules += fmt::format("{}{}", rules.empty() ? " by " : ", ", rule);
      return fmt::format("deal '{}' (line {}): {}{}{}{}; no ledger lines", id, deal.line, to_string(deal.status),
                         rules, deal.message.empty() ? "" : ": ", deal.message.str());
   }
   return std::nullopt;
}

// The deals with a ledger line that pays the person.
std::set<std::string, std::less<>> deals_paying(const run_result& result, const std::string& person)
{
   std::set<std::string, std::less<>> deals;
   for (const auto& line : result.ledger) {
      if (line.person == person) deals.emplace(line.deal);
   }
   return deals;
}

// True, with the diagnostics written to `err`, when the run was stopped.
bool stopped(const run_result& result, const prepared_run& prepared, std::ostream& err)
{
   if (result.stopped) err << render_text(result.diagnostics, lookup_in(prepared.files()));
   return result.stopped;
}

}  // namespace

int explain_command(const explain_options& options, std::ostream& out, std::ostream& err)
{
   if (options.deal.empty() == options.person.empty()) {
      err << "error: explain takes exactly one of --deal ID and --person NAME\n";
      return 2;
   }
   auto prepared = prepare_run(options.run, err);
   if (!prepared) return 2;
   // Only the deal, or the person's deals, are traced: a trace of every deal of a large export
   // would take far more memory than the run. A person's deals take a run to find.
   run_trace trace;
   trace.only = {options.deal};
   if (!options.person.empty()) {
      const auto plain = run_plan(*prepared->loaded.plan, prepared->inputs);
      if (stopped(plain, *prepared, err)) return 2;
      trace.only = deals_paying(plain, options.person);
      if (trace.only.empty()) {
         err << fmt::format("error: no ledger line pays '{}'\n", options.person);
         return 2;
      }
   }
   prepared->inputs.jobs = 1;  // the trace is recorded by a single job
   prepared->inputs.trace = &trace;
   const auto result = run_plan(*prepared->loaded.plan, prepared->inputs);
   if (stopped(result, *prepared, err)) return 2;
   const auto files = prepared->files();
   const explain_filter filter{options.deal, options.person};
   const auto lines = explain_lines(*prepared->loaded.plan, result, trace, filter, lookup_in(files));
   if (lines.empty()) {
      const auto outcome = outcome_of(result, filter.deal);
      if (!outcome) {
         err << fmt::format("error: no deal '{}' in {}\n", filter.deal, options.run.deals);
         return 2;
      }
      (options.format == "json" ? err : out) << *outcome << '\n';
   }
   if (options.format == "json") write_explanation_json(lines, out);
   else write_explanation_text(lines, out);
   return 0;
}

int main_command(int argc, const char* const* argv, std::ostream& out, std::ostream& err)
{
   CLI::App app{"compplan: sales compensation plans that can be read, checked, tested and run"};
   app.require_subcommand(1);
   check_options checking;
   auto* check = app.add_subcommand("check", "Parse, check and lint plans; print every problem with its place");
   check->add_option("PLAN", checking.plans, "plan files")->required();
   check->add_option("--format", checking.format, "text (default), json, sarif or github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
   check->add_option("--fail-level", checking.fail_level,
                     "exit 1 when a finding is at or above this severity: error (default), warning or note")
      ->check(CLI::IsMember({"error", "warning", "note"}));
   check->add_option("--witnesses", checking.witnesses, "write each lint finding's witness deal as a CSV in this folder");
   check->add_flag("!--no-lint", checking.lint, "parse and check only; skip the linter");
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
   run->add_flag("--timings", options.timings, "write the wall time of each step of the run to standard error");
   explain_options explaining;
   auto* explain = app.add_subcommand("explain", "Show how each ledger line of a deal or a person was computed, clause by clause");
   explain->add_option("PLAN", explaining.run.plan, "the plan file")->required();
   explain->add_option("--deals", explaining.run.deals, "deals CSV exported from the CRM")->required();
   explain->add_option("--people", explaining.run.people, "people CSV: person, role and quota");
   explain->add_option("--as-of", explaining.run.as_of, "tranches dated on or before this date (YYYY-MM-DD) are paid")
      ->required();
   explain->add_option("--deal", explaining.deal, "explain every ledger line of this deal id");
   explain->add_option("--person", explaining.person, "explain every ledger line paying this person");
   explain->add_option("--format", explaining.format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
   test_options testing;
   auto* test = app.add_subcommand("test", "Run every worked example of the plans and report each as passed or failed");
   test->add_option("PLAN", testing.plans, "plan files (a plan's NAME.examples.plan is read with it)")->required();
   test->add_option("--format", testing.format, "text (default) or junit")->check(CLI::IsMember({"text", "junit"}));
   test->add_flag("--update", testing.update, "rewrite the expect lines of failed examples from what the plan pays");
   test->add_flag("--coverage", testing.coverage, "report the rules and tranches no example exercises");
   test->add_option("--min-coverage", testing.min_coverage, "exit 1 when less than this percentage is exercised");
   try {
      app.parse(argc, argv);
   }
   catch (const CLI::ParseError& e) {
      // --help prints and exits 0; a usage error prints the reason and exits 2.
      return app.exit(e, out, err) == 0 ? 0 : 2;
   }
   if (check->parsed()) {
      return check_command(checking, out, err);
   }
   if (test->parsed()) {
      return test_command(testing, out, err);
   }
   if (explain->parsed()) {
      return explain_command(explaining, out, err);
   }
   return run_command(options, out, err);
}

}  // namespace compplan::cli

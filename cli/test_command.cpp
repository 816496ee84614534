// compplan test: runs every worked example of each plan and reports it as passed or failed, as
// text or JUnit XML; rewrites failed examples' expect lines; measures coverage.
#include "cli/commands.hpp"

#include "cli/load.hpp"
#include "examples/companion.hpp"
#include "examples/coverage.hpp"
#include "examples/update.hpp"

#include <fmt/format.h>

#include <fstream>

namespace compplan::cli {

namespace {

struct tested_plan {
   loaded_plan loaded;
   std::vector<example_result> results;
   std::optional<coverage_report> coverage;

   std::size_t failed() const
   {
      return static_cast<std::size_t>(
         std::count_if(results.begin(), results.end(), [](const example_result& r) { return !r.passed(); }));
   }
};

std::string place_of(const ast::example& example)
{
   return fmt::format("{}:{}", example.span.file, example.span.line);
}

// The diff of a failed example, one line each, in the plan's own syntax after '- ' or '+ '.
std::vector<std::string> failure_lines(const example_result& result, int places)
{
   std::vector<std::string> lines = result.problems;
   for (const auto& line : result.diff) {
      lines.push_back(fmt::format("{} {}", line.sign, render(line.line, places)));
   }
   return lines;
}

void write_text(const std::vector<tested_plan>& plans, std::ostream& out)
{
   for (const auto& plan : plans) {
      for (const auto& result : plan.results) {
         out << fmt::format("{} {} ({})\n", result.passed() ? "PASS" : "FAIL", result.example->name.text,
                            place_of(*result.example));
         for (const auto& line : failure_lines(result, plan.loaded.plan->currency_places)) {
            out << "    " << line << '\n';
         }
      }
   }
}

std::string xml_escaped(std::string_view text)
{
   std::string escaped;
   for (const char c : text) {
      switch (c) {
         case '&': escaped += "&amp;"; break;
         case '<': escaped += "&lt;"; break;
         case '>': escaped += "&gt;"; break;
         case '"': escaped += "&quot;"; break;
         case '\'': escaped += "&apos;"; break;
         default:
            // XML 1.0 allows no control characters but tab and the line endings.
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') escaped += '?';
            else escaped += c;
      }
   }
   return escaped;
}

void write_junit(const std::vector<tested_plan>& plans, std::ostream& out)
{
   std::size_t tests = 0;
   std::size_t failures = 0;
   for (const auto& plan : plans) {
      tests += plan.results.size();
      failures += plan.failed();
   }
   out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
   out << fmt::format("<testsuites name=\"compplan test\" tests=\"{}\" failures=\"{}\">\n", tests, failures);
   for (const auto& plan : plans) {
      const auto& path = plan.loaded.path;
      out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n", xml_escaped(path),
                         plan.results.size(), plan.failed());
      for (const auto& result : plan.results) {
         const auto& example = *result.example;
         out << fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\"", xml_escaped(example.name.text),
                            xml_escaped(path), xml_escaped(example.span.file), example.span.line);
         if (result.passed()) {
            out << "/>\n";
            continue;
         }
         std::string body;
         for (const auto& line : failure_lines(result, plan.loaded.plan->currency_places)) body += line + '\n';
         out << fmt::format(">\n      <failure message=\"{} differs from what the plan pays\">{}</failure>\n    </testcase>\n",
                            xml_escaped(example.name.text), xml_escaped(body));
      }
      out << "  </testsuite>\n";
   }
   out << "</testsuites>\n";
}

void write_coverage(const tested_plan& plan, std::ostream& out)
{
   const auto& report = *plan.coverage;
   out << fmt::format("coverage of {}: {} of {} exercised ({}%)\n", plan.loaded.path, report.exercised(),
                      report.items.size(), report.percent_text());
   for (const auto& item : report.items) {
      if (item.exercised) continue;
      out << fmt::format("    not exercised: {} {} ({}:{})\n", item.kind, item.name, item.span.file, item.span.line);
   }
}

// Rewrites the failed examples' expect lines in the plan and its companion; false when a file
// cannot be written.
bool update_files(const tested_plan& plan, std::ostream& out, std::ostream& err)
{
   const std::vector<std::pair<std::string, const std::string*>> files{{plan.loaded.path, &plan.loaded.text},
                                                                       {plan.loaded.companion, &plan.loaded.companion_text}};
   for (const auto& [path, text] : files) {
      if (path.empty()) continue;
      const auto update = update_expectations(*text, path, plan.results, plan.loaded.plan->currency_places);
      for (const auto& skipped : update.skipped) {
         err << fmt::format("{}: cannot update the example {}\n", path, skipped);
      }
      if (update.updated.empty()) continue;
      std::ofstream file(path, std::ios::binary);
      file << update.text;
      if (!file.flush()) {
         err << fmt::format("{}: error: cannot write the file\n", path);
         return false;
      }
      std::string names;
      for (const auto& name : update.updated) names += (names.empty() ? "" : ", ") + name;
      out << fmt::format("updated {}: {}\n", path, names);
   }
   return true;
}

}  // namespace

int test_command(const test_options& options, std::ostream& out, std::ostream& err)
{
   std::optional<decimal> minimum;
   if (!options.min_coverage.empty()) {
      minimum = decimal::parse(options.min_coverage);
      if (!minimum || minimum->is_negative() || *minimum > decimal::from_int(100)) {
         err << fmt::format("error: --min-coverage is a percentage from 0 to 100, found '{}'\n", options.min_coverage);
         return 2;
      }
   }
   const bool text = options.format == "text";
   auto& notes = text ? out : err;
   int status = 0;
   std::vector<tested_plan> plans;
   for (const auto& path : plans_named(options.plans)) {
      auto loaded = load_plan(path, true);
      if (!loaded) {
         err << fmt::format("{}: error: cannot read the file\n", path);
         status = 2;
         continue;
      }
      if (!loaded->plan) {
         err << render_text(loaded->diagnostics, loaded->lookup());
         err << fmt::format("{}: the plan has errors: its examples were not run\n", path);
         status = 2;
         continue;
      }
      auto& plan = plans.emplace_back();
      plan.loaded = std::move(*loaded);
      for (const auto& example : plan.loaded.plan->plan().examples) {
         plan.results.push_back(run_example(*plan.loaded.plan, example));
      }
      if (options.coverage || minimum) plan.coverage = measure_coverage(*plan.loaded.plan, plan.results);
   }
   if (text) write_text(plans, out);
   else write_junit(plans, out);
   std::size_t passed = 0;
   std::size_t failed = 0;
   for (const auto& plan : plans) {
      failed += plan.failed();
      passed += plan.results.size() - plan.failed();
      if (plan.failed() > 0 && status == 0) status = 1;
      if (plan.coverage) {
         write_coverage(plan, notes);
         if (minimum && !plan.coverage->reaches(*minimum)) {
            notes << fmt::format("coverage of {} is below the minimum of {}%\n", plan.loaded.path, options.min_coverage);
            if (status == 0) status = 1;
         }
      }
      if (options.update && plan.failed() > 0 && !update_files(plan, notes, err)) status = 2;
   }
   notes << fmt::format("{} passed, {} failed\n", passed, failed);
   return status;
}

}  // namespace compplan::cli

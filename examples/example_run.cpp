// A worked example as a run: its rows become the deals and people files, run_plan pays them, and
// the ledger and each deal's outcome are compared with the example's `expect` lines.
#include "examples/example_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace compplan {

namespace {

constexpr std::string_view deals_file = "deals.csv";
constexpr std::string_view people_file = "people.csv";

std::string quoted(std::string_view text)
{
   std::string result = "\"";
   for (const char c : text) {
      if (c == '"' || c == '\\') result += '\\';
      if (c == '\n') result += "\\n";
      else if (c == '\t') result += "\\t";
      else result += c;
   }
   return result + "\"";
}

// 1800.00 as 1_800.00, the way a plan writes a large amount; an amount finer than the currency's
// unit keeps all its digits, so that it is never shown as something it is not.
std::string amount_text(const decimal& amount, int places)
{
   const auto exact_places = amount.decimal_places();
   auto text = exact_places && *exact_places <= places ? amount.to_fixed(places) : amount.to_string();
   if (text.find('/') != std::string::npos) return text;
   auto point = text.find('.');
   if (point == std::string::npos) point = text.size();
   for (auto at = point; at > 3; at -= 3) {
      text.insert(at - 3, "_");
   }
   return text;
}

std::string csv_cell(std::string_view text)
{
   if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
   std::string cell = "\"";
   for (const char c : text) {
      cell += c;
      if (c == '"') cell += '"';
   }
   return cell + "\"";
}

std::string_view cell_of(const ast::example_row& row, std::string_view field)
{
   for (const auto& given : row.fields) {
      if (given.field.text == field) return given.value.cell;
   }
   return {};
}

std::vector<std::string> deal_ids(const checked_plan& plan, const ast::example& example)
{
   std::vector<std::string> ids;
   const auto& key = plan.deals.fields[static_cast<std::size_t>(plan.deal_key)].decl->name.text;
   for (const auto& row : example.rows) {
      if (row.record == ast::record_kind::deals) ids.emplace_back(cell_of(row, key));
   }
   for (const auto& line : example.expectations) {
      if (std::find(ids.begin(), ids.end(), line.deal) == ids.end()) ids.push_back(line.deal);
   }
   return ids;
}

expect_line expected_line(const ast::expectation& given)
{
   return {given.kind, given.deal, given.person, given.role.text, given.amount, given.on,
           given.tranche.text, given.rule.text, {}};
}

// The code the run reported for a deal that earns nothing because of an error.
std::string failure_code(const run_result& run, const deal_outcome& outcome)
{
   if (outcome.status == deal_status::malformed) return "R003";
   if (outcome.status == deal_status::ambiguous) return "R010";
   for (const auto& d : run.diagnostics) {
      if (d.span.file == deals_file && d.span.line == outcome.line) return d.code;
   }
   return "R011";
}

std::optional<expect_line> outcome_line(const run_result& run, const deal_outcome& outcome)
{
   expect_line line;
   line.deal = outcome.id();
   switch (outcome.status) {
      case deal_status::credited: return std::nullopt;
      case deal_status::out_of_period: line.kind = ast::expected_kind::out_of_period; break;
      case deal_status::uncredited: line.kind = ast::expected_kind::uncredited; break;
      case deal_status::excluded:
         line.kind = ast::expected_kind::excluded;
         line.rule = outcome.rules.empty() ? std::string() : std::string(outcome.rules.front());
         break;
      case deal_status::ambiguous:
      case deal_status::input_error:
      case deal_status::malformed:
         line.kind = ast::expected_kind::fails;
         line.rule = failure_code(run, outcome);
         line.note = outcome.message;
         break;
   }
   return line;
}

expect_line ledger_expect_line(const checked_plan& plan, const ledger_line& paid)
{
   const bool recovered = paid.amount.is_negative();
   return {recovered ? ast::expected_kind::recovers : ast::expected_kind::pays,
           std::string(paid.deal),
           std::string(paid.person),
           std::string(plan.role_name(paid.role)),
           paid.amount.abs(),
           paid.on,
           recovered ? std::string() : std::string(paid.event),
           std::string(paid.rule),
           {}};
}

std::vector<expect_line> actual_lines(const checked_plan& plan, const run_result& run, const std::vector<std::string>& ids)
{
   std::vector<expect_line> lines;
   for (const auto& id : ids) {
      for (const auto& outcome : run.deals) {
         if (outcome.id() != id) continue;
         if (auto line = outcome_line(run, outcome)) lines.push_back(std::move(*line));
      }
      for (const auto& paid : run.ledger) {
         if (paid.deal == id) lines.push_back(ledger_expect_line(plan, paid));
      }
   }
   return lines;
}

// Lines of `from` that `against` does not have, each line of `against` matching once.
std::vector<const expect_line*> unmatched(const std::vector<expect_line>& from, const std::vector<expect_line>& against,
                                          int places)
{
   std::multiset<std::string> pool;
   for (const auto& line : against) pool.insert(render(line, places, false));
   std::vector<const expect_line*> left;
   for (const auto& line : from) {
      const auto it = pool.find(render(line, places, false));
      if (it == pool.end()) left.push_back(&line);
      else pool.erase(it);
   }
   return left;
}

// Deal by deal, what was expected and not paid, then what was paid and not expected.
std::vector<diff_line> diff_of(const example_result& result, const std::vector<std::string>& ids, int places)
{
   const auto missing = unmatched(result.expected, result.actual, places);
   const auto extra = unmatched(result.actual, result.expected, places);
   std::vector<diff_line> diff;
   for (const auto& id : ids) {
      for (const auto* line : missing) {
         if (line->deal == id) diff.push_back({'-', *line});
      }
      for (const auto* line : extra) {
         if (line->deal == id) diff.push_back({'+', *line});
      }
   }
   return diff;
}

}  // namespace

std::string render(const expect_line& line, int currency_places, bool with_note)
{
   auto text = fmt::format("expect {} ", quoted(line.deal));
   switch (line.kind) {
      case ast::expected_kind::pays:
         text += fmt::format("pays {} as {} {} on {} for {} by {}", quoted(line.person), line.role,
                             amount_text(line.amount, currency_places), line.on.to_string(), line.tranche, line.rule);
         break;
      case ast::expected_kind::recovers:
         text += fmt::format("recovers {} from {} as {} on {} by {}", amount_text(line.amount, currency_places),
                             quoted(line.person), line.role, line.on.to_string(), line.rule);
         break;
      case ast::expected_kind::excluded: text += "excluded by " + line.rule; break;
      case ast::expected_kind::uncredited: text += "uncredited"; break;
      case ast::expected_kind::out_of_period: text += "out of period"; break;
      case ast::expected_kind::fails: text += "fails with " + line.rule; break;
   }
   if (with_note && !line.note.empty()) {
      text += "  // " + line.note;
   }
   return text;
}

std::string example_csv(const checked_plan& plan, const ast::example& example, ast::record_kind record)
{
   const auto& schema = record == ast::record_kind::people ? plan.people : plan.deals;
   std::string text;
   for (const auto& field : schema.fields) {
      text += (text.empty() ? "" : ",") + field.decl->name.text;
   }
   text += '\n';
   for (const auto& row : example.rows) {
      if (row.record != record) continue;
      std::string line;
      for (std::size_t i = 0; i < schema.fields.size(); ++i) {
         line += (i == 0 ? "" : ",") + csv_cell(cell_of(row, schema.fields[i].decl->name.text));
      }
      text += line + '\n';
   }
   return text;
}

example_result run_example(const checked_plan& plan, const ast::example& example)
{
   example_result result;
   result.example = &example;
   result.deals_csv = example_csv(plan, example, ast::record_kind::deals);
   run_inputs inputs;
   inputs.deals_file = deals_file;
   inputs.deals_text = result.deals_csv;
   if (plan.people_person >= 0) {
      result.people_csv = example_csv(plan, example, ast::record_kind::people);
      inputs.people_file = people_file;
      inputs.people_text = result.people_csv;
   }
   inputs.as_of = example.as_of;
   inputs.trace = &result.trace;
   result.run = run_plan(plan, inputs);
   if (result.run.stopped) {
      for (const auto& d : result.run.diagnostics) {
         result.problems.push_back(fmt::format("the run stopped: {} {}", d.code, d.message));
      }
      return result;
   }
   for (const auto& given : example.expectations) {
      result.expected.push_back(expected_line(given));
   }
   const auto ids = deal_ids(plan, example);
   result.actual = actual_lines(plan, result.run, ids);
   result.diff = diff_of(result, ids, plan.currency_places);
   return result;
}

}  // namespace compplan

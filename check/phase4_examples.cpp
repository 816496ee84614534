// Phase 4: worked examples name fields, values, roles, rules and tranches the plan declares, and
// each of their rows can be read as a row of its file.
#include "check/checker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace compplan::check {

namespace {

// The codes a single deal can fail with; the others stop a whole run or are about the plan.
constexpr std::string_view deal_failure_codes[] = {"R003", "R010", "R011", "R014"};

std::string_view record_name(ast::record_kind record)
{
   return record == ast::record_kind::people ? "people" : "deals";
}

std::string_view kind_name(ast::example_value_kind kind)
{
   switch (kind) {
      case ast::example_value_kind::text: return "quoted text";
      case ast::example_value_kind::number: return "a number";
      case ast::example_value_kind::percent: return "a percentage";
      case ast::example_value_kind::date: return "a date";
      case ast::example_value_kind::boolean: return "true or false";
      case ast::example_value_kind::name: return "a name";
   }
   return "a value";
}

// How a value of `type` is written in an example row.
ast::example_value_kind written_as(const field_info& field)
{
   using ast::example_value_kind;
   switch (field.type.kind) {
      case type_kind::text: return example_value_kind::text;
      case type_kind::percent: return example_value_kind::percent;
      case type_kind::date: return example_value_kind::date;
      case type_kind::boolean: return example_value_kind::boolean;
      case type_kind::enumeration: return example_value_kind::name;
      default: return example_value_kind::number;
   }
}

void check_value(checker& c, const field_info& field, const ast::example_field& given)
{
   const auto expected = written_as(field);
   const auto& value = given.value;
   if (value.kind != expected) {
      c.diagnostics.error("C003", value.span,
                          fmt::format("the field '{}' is {}: write {}, found {}", given.field.text,
                                      describe(field.type.required()), kind_name(expected), kind_name(value.kind)));
      return;
   }
   if (field.decl->type == ast::field_type::role) {
      c.require_role({value.cell, value.span});
      return;
   }
   if (expected == ast::example_value_kind::name) {
      const auto& values = c.out.enumerations[static_cast<std::size_t>(field.type.enumeration)];
      if (!values.find(value.cell)) {
         c.diagnostics.error("C007", value.span,
                             fmt::format("'{}' is not one of the values ({})", value.cell, values.listed()));
      }
   }
}

void check_row(checker& c, const ast::example_row& row)
{
   const bool people = row.record == ast::record_kind::people;
   const auto& schema = people ? c.out.people : c.out.deals;
   if (people && c.out.people_person < 0) {
      c.diagnostics.error("C020", row.span, "a 'person' row needs a people record, and the plan declares none");
      return;
   }
   std::map<std::string, source_span, std::less<>> given;
   for (const auto& field : row.fields) {
      const int index = schema.find(field.field.text);
      if (index < 0) {
         c.diagnostics.error("C006", field.field.span,
                             fmt::format("the {} record has no field '{}'", record_name(row.record), field.field.text));
         continue;
      }
      if (const auto [it, inserted] = given.try_emplace(field.field.text, field.field.span); !inserted) {
         auto& d = c.diagnostics.error("C002", field.field.span,
                                       fmt::format("the field '{}' is given twice in this row", field.field.text));
         d.notes.push_back({it->second, "first given here"});
         continue;
      }
      check_value(c, schema.fields[static_cast<std::size_t>(index)], field);
   }
   auto keyword = row.span;  // "deal" or "person": the whole row may run over several lines
   keyword.end_line = keyword.line;
   keyword.end_column = keyword.column + (people ? 6 : 4);
   for (const auto& field : schema.fields) {
      if (!field.type.optional && !given.contains(field.decl->name.text)) {
         c.diagnostics.error("C020", keyword,
                             fmt::format("the {} row leaves out the required field '{}'", people ? "person" : "deal",
                                         field.decl->name.text));
      }
   }
}

// The value a row gives a field, or null.
const ast::example_value* value_of(const ast::example_row& row, const record_schema& schema, int field)
{
   if (field < 0) return nullptr;
   const auto& name = schema.fields[static_cast<std::size_t>(field)].decl->name.text;
   for (const auto& given : row.fields) {
      if (given.field.text == name) return &given.value;
   }
   return nullptr;
}

// Two rows that would stop the run: the same deal id, or the same person in the same role.
void check_keys(checker& c, const ast::example& example)
{
   std::map<std::string, source_span> deals;
   std::map<std::pair<std::string, std::string>, source_span> people;
   for (const auto& row : example.rows) {
      if (row.record == ast::record_kind::deals) {
         const auto* id = value_of(row, c.out.deals, c.out.deal_key);
         if (id == nullptr) continue;
         if (const auto [it, inserted] = deals.try_emplace(id->cell, id->span); !inserted) {
            auto& d = c.diagnostics.error("C020", id->span, fmt::format("two deal rows have the id '{}'", id->cell));
            d.notes.push_back({it->second, "the first"});
         }
         continue;
      }
      const auto* person = value_of(row, c.out.people, c.out.people_person);
      const auto* role = value_of(row, c.out.people, c.out.people_role);
      if (person == nullptr || role == nullptr) continue;
      if (const auto [it, inserted] = people.try_emplace({person->cell, role->cell}, person->span); !inserted) {
         auto& d = c.diagnostics.error("C020", person->span,
                                       fmt::format("two person rows have '{}' as {}", person->cell, role->cell));
         d.notes.push_back({it->second, "the first"});
      }
   }
}

template< typename Clauses >
bool has_clause(const Clauses& clauses, std::string_view name)
{
   return std::any_of(clauses.begin(), clauses.end(), [&](const auto& clause) { return clause.name.text == name; });
}

bool has_tranche(const ast::plan& plan, std::string_view name)
{
   return std::any_of(plan.schedules.begin(), plan.schedules.end(), [&](const ast::schedule& schedule) {
      return has_clause(schedule.tranches, name);
   });
}

void unknown(checker& c, const ast::identifier& name, std::string_view what)
{
   c.diagnostics.error("C001", name.span, fmt::format("no {} is named '{}'", what, name.text));
}

void check_ledger_expectation(checker& c, const ast::expectation& line)
{
   c.require_role(line.role);
   // A true-up line has event true_up and its retroactive tier table in the rule column; a
   // negative one, when a band's factor falls, is expected as recovered by the table.
   const bool true_up = std::any_of(c.plan.tier_tables.begin(), c.plan.tier_tables.end(), [&](const ast::tier_table& table) {
      return table.mode == ast::tier_mode::retroactive && table.name.text == line.rule.text;
   });
   if (line.kind == ast::expected_kind::recovers) {
      if (!true_up && !has_clause(c.plan.clawbacks, line.rule.text)) unknown(c, line.rule, "clawback");
      return;
   }
   if (true_up && line.tranche.text == "true_up") return;
   if (!has_tranche(c.plan, line.tranche.text)) unknown(c, line.tranche, "tranche of any schedule");
   if (!has_clause(c.plan.crediting_rules, line.rule.text) && !has_clause(c.plan.fees, line.rule.text)) {
      unknown(c, line.rule, "crediting rule or fee");
   }
}

void check_outcome_expectation(checker& c, const ast::expectation& line)
{
   if (line.kind == ast::expected_kind::excluded && !has_clause(c.plan.exclusions, line.rule.text)) {
      unknown(c, line.rule, "exclusion");
   }
   if (line.kind == ast::expected_kind::fails &&
       std::find(std::begin(deal_failure_codes), std::end(deal_failure_codes), line.rule.text) ==
          std::end(deal_failure_codes)) {
      c.diagnostics.error("C020", line.rule.span,
                          fmt::format("a deal fails with R003, R010, R011 or R014; found '{}'", line.rule.text));
   }
}

void check_expectations(checker& c, const ast::example& example)
{
   std::set<std::string, std::less<>> ids;
   for (const auto& row : example.rows) {
      if (row.record != ast::record_kind::deals) continue;
      if (const auto* id = value_of(row, c.out.deals, c.out.deal_key)) ids.insert(id->cell);
   }
   std::map<std::string, source_span, std::less<>> outcomes;
   for (const auto& line : example.expectations) {
      if (!ids.contains(line.deal)) {
         c.diagnostics.error("C020", line.deal_span,
                             fmt::format("no deal row of the example '{}' has the id '{}'", example.name.text, line.deal));
      }
      if (line.kind == ast::expected_kind::pays || line.kind == ast::expected_kind::recovers) {
         check_ledger_expectation(c, line);
         continue;
      }
      if (const auto [it, inserted] = outcomes.try_emplace(line.deal, line.span); !inserted) {
         auto& d = c.diagnostics.error("C020", line.span,
                                       fmt::format("the deal '{}' is given a second outcome", line.deal));
         d.notes.push_back({it->second, "the first"});
      }
      check_outcome_expectation(c, line);
   }
}

}  // namespace

void phase4_examples(checker& c)
{
   std::map<std::string, source_span, std::less<>> names;
   for (const auto& example : c.plan.examples) {
      if (const auto [it, inserted] = names.try_emplace(example.name.text, example.name.span); !inserted) {
         auto& d = c.diagnostics.error("C002", example.name.span,
                                       fmt::format("the example '{}' is declared twice", example.name.text));
         d.notes.push_back({it->second, "first declared here"});
      }
      for (const auto& row : example.rows) {
         check_row(c, row);
      }
      check_keys(c, example);
      check_expectations(c, example);
   }
}

}  // namespace compplan::check

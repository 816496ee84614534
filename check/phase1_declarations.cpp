// Phase 1: the header, roles, record schemas and clause names, before any expression is read.
#include "check/checker.hpp"

#include "core/currency.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace compplan::check {

namespace {

source_span file_start(const ast::plan& plan)
{
   return source_span::point(plan.file, 1, 1);
}

// One namespace for clause names and definitions: every name the ledger, report or another
// clause may cite must say one thing.
class name_table {
public:
   explicit name_table(diagnostic_list& diagnostics) : m_diagnostics(diagnostics) {}

   // Names are declared kind by kind; the error lands on whichever use comes later in the file.
   void declare(const ast::identifier& name, std::string_view what)
   {
      const auto [it, inserted] = m_names.try_emplace(name.text, name.span, std::string(what));
      if (inserted) {
         return;
      }
      const auto& [first_span, first_what] = it->second;
      const bool later = std::tie(first_span.line, first_span.column) < std::tie(name.span.line, name.span.column);
      const auto& error_span = later ? name.span : first_span;
      const auto& note_span = later ? first_span : name.span;
      auto& d = m_diagnostics.error("C002", error_span,
                                    fmt::format("the name '{}' is already used by a {}", name.text,
                                                later ? first_what : std::string(what)));
      d.notes.push_back({note_span, fmt::format("'{}' is first declared here", name.text)});
   }

private:
   diagnostic_list& m_diagnostics;
   std::map<std::string, std::pair<source_span, std::string>, std::less<>> m_names;
};

rounding_policy* stage_policy(checked_plan& out, std::string_view stage)
{
   if (stage == "credit") return &out.credit_rounding;
   if (stage == "commission") return &out.commission_rounding;
   if (stage == "tranche") return &out.tranche_rounding;
   if (stage == "fee") return &out.fee_rounding;
   return nullptr;
}

void check_header(checker& c)
{
   if (!c.plan.header) {
      c.diagnostics.error("C010", file_start(c.plan),
                          "the plan has no 'plan \"title\" { ... }' header; it states the period and the rounding");
      return;
   }
   const auto& header = *c.plan.header;
   if (!header.currency) {
      c.diagnostics.error("C010", header.title_span, "the plan header does not state its currency ('currency USD')");
   }
   else {
      const auto& code = header.currency->text;
      if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
         c.diagnostics.error("C010", header.currency->span,
                             fmt::format("'{}' is not a currency code; write three capital letters, such as USD", code));
      }
      else if (const auto* currency = find_currency(code); currency == nullptr) {
         c.diagnostics.error("C010", header.currency->span,
                             fmt::format("'{}' is not an active ISO 4217 currency code, such as USD or EUR", code));
      }
      else if (!currency->minor_units) {
         // Metals, the SDR and the testing codes have no smallest unit to round amounts to.
         c.diagnostics.error("C010", header.currency->span,
                             fmt::format("'{}' has no minor unit in ISO 4217, so amounts in it cannot be paid; "
                                         "use a national currency such as USD",
                                         code));
      }
      else {
         c.out.currency_places = *currency->minor_units;
      }
   }
   if (!header.period_start || !header.period_end || !header.period_field) {
      c.diagnostics.error("C010", header.title_span,
                          "the plan header does not state its period ('period 2027-01-01 through 2027-12-31 by booked_on')");
   }
   else {
      c.out.period_start = *header.period_start;
      c.out.period_end = *header.period_end;
      if (c.out.period_end < c.out.period_start) {
         c.diagnostics.error("C010", header.period_span,
                             fmt::format("the period ends ({}) before it starts ({})", c.out.period_end.to_string(),
                                         c.out.period_start.to_string()));
      }
   }
   // The currency's smallest unit (0.01 for USD): every rounding lands on whole units of it.
   decimal unit = decimal::from_int(1);
   for (int i = 0; i < c.out.currency_places; ++i) unit = unit / decimal::from_int(10);
   std::map<std::string, source_span, std::less<>> seen;
   for (const auto& step : header.rounding) {
      auto* policy = stage_policy(c.out, step.stage.text);
      if (policy == nullptr) {
         c.diagnostics.error("C011", step.stage.span,
                             fmt::format("'{}' is not a rounding step; the steps are credit, commission, tranche and fee",
                                         step.stage.text));
         continue;
      }
      if (const auto [it, inserted] = seen.try_emplace(step.stage.text, step.span); !inserted) {
         auto& d = c.diagnostics.error("C011", step.span,
                                       fmt::format("the rounding of '{}' is stated twice", step.stage.text));
         d.notes.push_back({it->second, "first stated here"});
         continue;
      }
      const auto mode = rounding_mode_from_string(step.mode.text);
      if (!mode) {
         c.diagnostics.error("C011", step.mode.span,
                             fmt::format("'{}' is not a rounding mode; the modes are half_up, half_even, half_down, "
                                         "floor, ceiling and toward_zero",
                                         step.mode.text));
         continue;
      }
      if (step.increment.sign() <= 0) {
         c.diagnostics.error("C011", step.span, "a rounding increment is above zero");
         continue;
      }
      if (!(step.increment / unit).is_integer()) {
         c.diagnostics.error("C011", step.span,
                             fmt::format("the increment {} is not a whole number of the currency's smallest unit "
                                         "({}): ledger amounts are whole units of it",
                                         step.increment.to_string(), unit.to_string()));
         continue;
      }
      if (step.largest_remainder && step.stage.text != "credit") {
         c.diagnostics.error("C011", step.span,
                             "'leftover cents to largest remainder' applies to the credit split only");
         continue;
      }
      *policy = {*mode, step.increment, step.largest_remainder};
   }
   for (const auto* stage : {"credit", "commission", "tranche", "fee"}) {
      if (!seen.contains(stage)) {
         c.diagnostics.error("C011", header.title_span,
                             fmt::format("the plan does not say how {} amounts are rounded: add '{} half_up to 0.01' "
                                         "(or another mode) to its rounding block",
                                         stage, stage));
      }
   }
}

void check_roles(checker& c, name_table& names)
{
   for (const auto& role : c.plan.roles) {
      names.declare(role.name, "role");
   }
   c.out.role_person_field.assign(c.plan.roles.size(), -1);
   c.out.role_quota.assign(c.plan.roles.size(), -1);
}

value_type field_value_type(checker& c, const ast::field_decl& field)
{
   value_type type;
   type.optional = field.optional;
   switch (field.type) {
      case ast::field_type::text: type.kind = type_kind::text; break;
      case ast::field_type::number: type.kind = type_kind::number; break;
      case ast::field_type::money: type.kind = type_kind::money; break;
      case ast::field_type::percent: type.kind = type_kind::percent; break;
      case ast::field_type::date: type.kind = type_kind::date; break;
      case ast::field_type::boolean: type.kind = type_kind::boolean; break;
      case ast::field_type::role:
         // A role column reads like an enumeration of the declared roles.
         type.kind = type_kind::enumeration;
         type.enumeration = static_cast<int>(c.out.enumerations.size());
         c.out.enumerations.push_back({});
         for (const auto& role : c.plan.roles) {
            c.out.enumerations.back().values.push_back(role.name.text);
         }
         break;
      case ast::field_type::enumeration: {
         type.kind = type_kind::enumeration;
         type.enumeration = static_cast<int>(c.out.enumerations.size());
         enumeration values;
         std::map<std::string, source_span, std::less<>> seen;
         for (const auto& value : field.enum_values) {
            if (const auto [it, inserted] = seen.try_emplace(value.text, value.span); !inserted) {
               auto& d = c.diagnostics.error("C002", value.span,
                                             fmt::format("the value '{}' is listed twice", value.text));
               d.notes.push_back({it->second, "first listed here"});
               continue;
            }
            values.values.push_back(value.text);
         }
         c.out.enumerations.push_back(std::move(values));
         break;
      }
   }
   return type;
}

void check_record(checker& c, const ast::record_decl& record, record_schema& schema)
{
   std::map<std::string, source_span, std::less<>> seen;
   for (const auto& field : record.fields) {
      if (const auto [it, inserted] = seen.try_emplace(field.name.text, field.name.span); !inserted) {
         auto& d = c.diagnostics.error("C002", field.name.span,
                                       fmt::format("the field '{}' is declared twice", field.name.text));
         d.notes.push_back({it->second, "first declared here"});
      }
      field_info info;
      info.decl = &field;
      info.type = field_value_type(c, field);
      if (field.positive && !info.type.is_numeric()) {
         c.diagnostics.error("C012", field.span,
                             fmt::format("'positive' applies to numbers, money and percentages; '{}' is {}",
                                         field.name.text, describe(info.type)));
      }
      if (field.type == ast::field_type::role && record.kind == ast::record_kind::deals) {
         c.diagnostics.error("C012", field.span, "a role column belongs in the people record");
      }
      if (field.names_role) {
         if (record.kind != ast::record_kind::deals) {
            c.diagnostics.error("C012", field.span, "'names ROLE' belongs in the deals record");
         }
         else if (info.type.kind != type_kind::text) {
            c.diagnostics.error("C012", field.span,
                                fmt::format("the field '{}' names a person, so it is text", field.name.text));
         }
         const int role = c.require_role(*field.names_role);
         if (role >= 0 && record.kind == ast::record_kind::deals) {
            auto& slot = c.out.role_person_field[static_cast<std::size_t>(role)];
            if (slot >= 0) {
               auto& d = c.diagnostics.error(
                  "C012", field.names_role->span,
                  fmt::format("two fields name the {}; a deal has one person per role", field.names_role->text));
               d.notes.push_back({schema.fields[static_cast<std::size_t>(slot)].decl->span, "the other field"});
            }
            else {
               slot = static_cast<int>(schema.fields.size());
               info.names_role = role;
            }
         }
      }
      schema.fields.push_back(info);
   }
}

void check_records(checker& c)
{
   const ast::record_decl* deals = nullptr;
   const ast::record_decl* people = nullptr;
   for (const auto& record : c.plan.records) {
      auto*& slot = record.kind == ast::record_kind::deals ? deals : people;
      if (slot != nullptr) {
         auto& d = c.diagnostics.error("C012", record.span,
                                       fmt::format("the {} record is declared twice",
                                                   record.kind == ast::record_kind::deals ? "deals" : "people"));
         d.notes.push_back({slot->span, "first declared here"});
         continue;
      }
      slot = &record;
      check_record(c, record, record.kind == ast::record_kind::deals ? c.out.deals : c.out.people);
   }
   if (deals == nullptr) {
      c.diagnostics.error("C012", file_start(c.plan),
                          "the plan has no 'deals { ... }' record: it says which columns a deal has");
      return;
   }
   for (std::size_t i = 0; i < c.out.deals.fields.size(); ++i) {
      const auto& field = c.out.deals.fields[i];
      if (!field.decl->key) {
         continue;
      }
      if (c.out.deal_key >= 0) {
         c.diagnostics.error("C012", field.decl->span, "the deals record has one key field: the deal's id");
      }
      else if (field.type.kind != type_kind::text || field.type.optional) {
         c.diagnostics.error("C012", field.decl->span, "the deal's key field is required text");
      }
      else {
         c.out.deal_key = static_cast<int>(i);
      }
   }
   for (std::size_t i = 0; i < c.out.deals.fields.size(); ++i) {
      const auto& field = c.out.deals.fields[i];
      if (!field.decl->credited) {
         continue;
      }
      if (c.out.credited_field >= 0) {
         c.diagnostics.error("C012", field.decl->span, "the deals record has one 'credited' field: the amount rules split");
      }
      else if (field.type != value_type{type_kind::money}) {
         c.diagnostics.error("C012", field.decl->span, "the 'credited' field is required money");
      }
      else {
         c.out.credited_field = static_cast<int>(i);
      }
   }
   if (c.out.credited_field < 0 && !c.plan.crediting_rules.empty()) {
      c.diagnostics.error("C012", deals->span,
                          "the deals record has no 'credited' field: mark the amount that crediting rules split "
                          "('amount money, positive, credited')");
   }
   if (c.out.deal_key < 0) {
      c.diagnostics.error("C012", deals->span, "the deals record has no key field ('id text, key')");
   }
   if (c.plan.header && c.plan.header->period_field) {
      const auto& name = *c.plan.header->period_field;
      const int field = c.out.deals.find(name.text);
      if (field < 0) {
         c.diagnostics.error("C006", name.span, fmt::format("the deals record has no field '{}'", name.text));
      }
      else if (c.out.deals.fields[static_cast<std::size_t>(field)].type != value_type{type_kind::date}) {
         c.diagnostics.error("C012", name.span,
                             fmt::format("the period is decided by a required date field; '{}' is {}", name.text,
                                         describe(c.out.deals.fields[static_cast<std::size_t>(field)].type)));
      }
      else {
         c.out.period_field = field;
      }
   }
   if (people != nullptr) {
      for (std::size_t i = 0; i < c.out.people.fields.size(); ++i) {
         const auto& field = c.out.people.fields[i];
         if (!field.decl->key) {
            continue;
         }
         if (field.decl->type == ast::field_type::role && c.out.people_role < 0) {
            c.out.people_role = static_cast<int>(i);
         }
         else if (field.type.kind == type_kind::text && !field.type.optional && c.out.people_person < 0) {
            c.out.people_person = static_cast<int>(i);
         }
         else {
            c.diagnostics.error("C012", field.decl->span,
                                "the people record's keys are one text field (the person) and one role field");
         }
      }
      if (c.out.people_person < 0 || c.out.people_role < 0) {
         c.diagnostics.error("C012", people->span,
                             "the people record needs a key text field naming the person and a key role field "
                             "('person text, key' and 'role role, key')");
      }
   }
}

void check_clause_names(checker& c, name_table& names)
{
   std::set<std::string_view> fields;  // a field declared twice is reported by check_record
   for (const auto& field : c.out.deals.fields) {
      if (fields.insert(field.decl->name.text).second) {
         names.declare(field.decl->name, "deal field");
      }
   }
   for (std::size_t i = 0; i < c.plan.definitions.size(); ++i) {
      names.declare(c.plan.definitions[i].name, "definition");
      c.definitions.try_emplace(c.plan.definitions[i].name.text, static_cast<int>(i));
   }
   for (const auto& rule : c.plan.exclusions) names.declare(rule.name, "exclusion");
   for (const auto& rule : c.plan.crediting_rules) names.declare(rule.name, "crediting rule");
   for (std::size_t i = 0; i < c.plan.cumulatives.size(); ++i) {
      names.declare(c.plan.cumulatives[i].name, "cumulative quantity");
      c.cumulatives.try_emplace(c.plan.cumulatives[i].name.text, static_cast<int>(i));
   }
   for (std::size_t i = 0; i < c.plan.tier_tables.size(); ++i) {
      names.declare(c.plan.tier_tables[i].name, "tier table");
      c.tier_tables.try_emplace(c.plan.tier_tables[i].name.text, static_cast<int>(i));
   }
   for (std::size_t i = 0; i < c.plan.schedules.size(); ++i) {
      names.declare(c.plan.schedules[i].name, "schedule");
      c.schedules.try_emplace(c.plan.schedules[i].name.text, static_cast<int>(i));
   }
   for (const auto& rule : c.plan.rates) names.declare(rule.name, "rate");
   for (const auto& rule : c.plan.fees) names.declare(rule.name, "fee");
   for (const auto& rule : c.plan.clawbacks) names.declare(rule.name, "clawback");
}

}  // namespace

void phase1_declarations(checker& c)
{
   name_table names(c.diagnostics);
   check_header(c);
   check_roles(c, names);
   check_records(c);
   check_clause_names(c, names);
}

}  // namespace compplan::check

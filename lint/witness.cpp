// Witness deals: built from a region of the deal space, written as CSV, and run through the
// plan so that every finding is confirmed by the evaluator itself.
#include "lint/linter.hpp"

#include <fmt/format.h>

namespace compplan::lint {

namespace {

// What a person would fill in for a field that does not matter to the finding.
value plain_value(const linter& l, const field_domain& domain)
{
   switch (domain.type) {
      case type_kind::text:
         return value{domain.field == l.plan.deal_key ? std::string("W1") : domain.name + "-1"};
      case type_kind::boolean: return value{false};
      case type_kind::date: return value{l.plan.period_start};
      case type_kind::money: return value{decimal::from_int(10'000)};
      case type_kind::percent: return value{decimal::from_fraction(1, 2)};
      case type_kind::number: return value{decimal::from_int(1)};
      default: return blank_value{};
   }
}

std::string csv_cell(std::string text)
{
   if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
   std::string quoted = "\"";
   for (const char c : text) {
      quoted += c;
      if (c == '"') quoted += '"';
   }
   return quoted + "\"";
}

std::string cell_text(const linter& l, const field_domain& domain, const value& v)
{
   if (is_blank(v)) return "";
   if (const auto* s = std::get_if<std::string>(&v)) return csv_cell(*s);
   return show(domain, v, l.plan.currency_places);
}

std::string header_of(const record_schema& schema)
{
   std::string header;
   for (const auto& field : schema.fields) header += (header.empty() ? "" : ",") + field.decl->name.text;
   return header + "\n";
}

}  // namespace

std::vector<value> linter::deal_in(const box& region) const
{
   std::vector<value> deal;
   for (std::size_t f = 0; f < space.fields.size(); ++f) {
      const auto& domain = space.fields[f];
      deal.push_back(pick(domain, region[f], plain_value(*this, domain)));
   }
   return deal;
}

std::string linter::describe(const std::vector<value>& deal, const box& region) const
{
   std::string text;
   for (std::size_t f = 0; f < space.fields.size(); ++f) {
      if (!mentioned[f] || region[f] == full_set(space.fields[f])) continue;
      text += fmt::format("{}{}={}", text.empty() ? "" : ", ", space.fields[f].name,
                          show(space.fields[f], deal[f], plan.currency_places));
   }
   return text.empty() ? "any deal" : text;
}

std::string linter::csv_of(const std::vector<value>& deal) const
{
   std::string row;
   for (std::size_t f = 0; f < space.fields.size(); ++f) {
      row += (f == 0 ? "" : ",") + cell_text(*this, space.fields[f], deal[f]);
   }
   return header_of(plan.deals) + row + "\n";
}

deal_outcome linter::evaluate(const std::vector<value>& deal) const
{
   run_inputs inputs;
   inputs.deals_file = "witness.csv";
   inputs.deals_text = csv_of(deal);
   inputs.people_file = "people.csv";
   inputs.people_text = header_of(plan.people);
   inputs.as_of = plan.period_end;
   auto run = run_plan(plan, inputs);
   if (run.deals.size() != 1) {
      deal_outcome unread{{}, 0, deal_status::malformed, {}, {}};
      unread.message = "the witness could not be read";
      return unread;
   }
   // The id views the run's records, which go with the run; the rules' names view the plan.
   auto outcome = std::move(run.deals.front());
   outcome.key = {};
   return outcome;
}

void linter::add_witness(const std::string& code, const std::string& name, const std::vector<value>& deal)
{
   result.witnesses.push_back({code, code + "-" + name, csv_of(deal)});
}

std::string_view linter::text_at(const source_span& span) const
{
   if (span.line != span.end_line || span.end_column < span.column) return {};
   const auto line = line_of(source, span.line);
   if (span.end_column - 1 > line.size()) return {};
   return line.substr(span.column - 1, span.end_column - span.column);
}

}  // namespace compplan::lint

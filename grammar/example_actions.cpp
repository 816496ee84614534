// The builder's actions for worked examples: `example NAME as of DATE { ... }` and its rows and
// expected outcomes.
#include "grammar/actions.hpp"

#include "grammar/literals.hpp"

#include <utility>

namespace compplan::grammar {

void builder::example_name(const source_span& span, std::string_view text)
{
   m_example = {};
   m_example.name = {std::string(text), span};
}

void builder::example_as_of(const source_span& span, std::string_view text)
{
   m_example.as_of = parse_date(span, text);
}

void builder::row_record(std::string_view text)
{
   m_row = {};
   m_row.record = text == "person" ? ast::record_kind::people : ast::record_kind::deals;
}

void builder::row_field(const source_span& span, std::string_view text)
{
   m_row_field = {};
   m_row_field.field = {std::string(text), span};
}

void builder::row_value(const source_span& span, ast::example_value_kind kind, std::string_view text)
{
   using ast::example_value_kind;
   if (kind == example_value_kind::date) {
      parse_date(span, text);
   }
   std::string cell = kind == example_value_kind::text                                                 ? unescape(text)
                      : kind == example_value_kind::number || kind == example_value_kind::percent ? without_separators(text)
                                                                                                   : std::string(text);
   m_row_field.value = {kind, std::move(cell), span};
}

void builder::row_field_value()
{
   m_row.fields.push_back(std::move(m_row_field));
   m_row_field = {};
}

void builder::example_row(const source_span& span)
{
   m_row.span = span;
   m_example.rows.push_back(std::exchange(m_row, {}));
}

void builder::expected_deal(const source_span& span, std::string_view text)
{
   m_expectation = {};
   m_expectation.deal = unescape(text);
   m_expectation.deal_span = span;
}

void builder::expected_person(std::string_view text)
{
   m_expectation.person = unescape(text);
}

void builder::expected_role(const source_span& span, std::string_view text)
{
   m_expectation.role = {std::string(text), span};
}

void builder::expected_amount(const source_span& span, std::string_view text)
{
   m_expectation.amount = parse_number(span, text);
}

void builder::expected_date(const source_span& span, std::string_view text)
{
   m_expectation.on = parse_date(span, text);
}

void builder::expected_tranche(const source_span& span, std::string_view text)
{
   m_expectation.tranche = {std::string(text), span};
}

void builder::expected_rule(const source_span& span, std::string_view text)
{
   m_expectation.rule = {std::string(text), span};
}

void builder::expected_outcome(ast::expected_kind kind)
{
   m_expectation.kind = kind;
}

void builder::expectation(const source_span& span)
{
   m_expectation.span = span;
   m_example.expectations.push_back(std::exchange(m_expectation, {}));
}

void builder::example_clause(const source_span& span)
{
   m_example.doc = take_doc();
   m_example.span = span;
   m_plan.examples.push_back(std::exchange(m_example, {}));
   add_clause(ast::clause_kind::example, m_plan.examples.size() - 1);
}

}  // namespace compplan::grammar

// The AST builder behind the grammar's actions: literals, operators and clause assembly.
#include "grammar/actions.hpp"

#include "grammar/literals.hpp"
#include "grammar/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cctype>
#include <utility>

namespace compplan::grammar {

namespace {

source_span merge(const source_span& first, const source_span& last)
{
   source_span span = first;
   span.end_line = last.end_line;
   span.end_column = last.end_column;
   return span;
}

ast::binary_op binary_op_of(std::string_view text)
{
   using ast::binary_op;
   // The tail's text starts with its operator; longer operators are tested first.
   if (text.starts_with("<=")) return binary_op::less_equal;
   if (text.starts_with(">=")) return binary_op::greater_equal;
   if (text.starts_with("!=")) return binary_op::not_equal;
   if (text.starts_with("<")) return binary_op::less;
   if (text.starts_with(">")) return binary_op::greater;
   if (text.starts_with("=")) return binary_op::equal;
   if (text.starts_with("+")) return binary_op::add;
   if (text.starts_with("-")) return binary_op::subtract;
   if (text.starts_with("*")) return binary_op::multiply;
   if (text.starts_with("/")) return binary_op::divide;
   if (text.starts_with("of")) return binary_op::percent_of;
   if (text.starts_with("and")) return binary_op::logical_and;
   return binary_op::logical_or;
}

std::string_view first_word(std::string_view text)
{
   std::size_t end = 0;
   while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) {
      ++end;
   }
   return text.substr(0, end);
}

}  // namespace

builder::builder(std::string file, std::string_view source) : m_source(source)
{
   m_plan.file = std::move(file);
}

ast::plan builder::finish()
{
   assert(m_stack.empty());
   return std::move(m_plan);
}

void builder::doc_line(std::string_view text)
{
   text.remove_prefix(3);  // "///"
   if (text.starts_with(' ')) {
      text.remove_prefix(1);
   }
   while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
      text.remove_suffix(1);
   }
   if (!m_doc.empty()) {
      m_doc.push_back('\n');
   }
   m_doc.append(text);
}

std::string builder::take_doc()
{
   return std::exchange(m_doc, {});
}

ast::expression_ptr builder::pop()
{
   assert(!m_stack.empty());
   auto top = std::move(m_stack.back());
   m_stack.pop_back();
   return top;
}

void builder::push(source_span span, decltype(ast::expression::node) node)
{
   auto expr = std::make_unique<ast::expression>();
   expr->id = m_plan.expression_count++;
   expr->span = std::move(span);
   expr->node = std::move(node);
   ast::for_each_child(*expr, [&](const ast::expression& child) { expr->height = std::max(expr->height, child.height + 1); });
   if (expr->height > max_expression_height) {
      throw syntax_error("P011",
                         fmt::format("this expression is more than {} operations deep; name parts of it as definitions",
                                     max_expression_height),
                         source_span::point(expr->span.file, expr->span.line, expr->span.column));
   }
   m_stack.push_back(std::move(expr));
}

ast::identifier builder::take_name()
{
   assert(m_name);
   return *std::exchange(m_name, std::nullopt);
}

ast::identifier builder::take_role()
{
   assert(m_role);
   return *std::exchange(m_role, std::nullopt);
}

void builder::add_clause(ast::clause_kind kind, std::size_t index)
{
   m_plan.clauses.push_back({kind, index});
}

// ------------------------------------------------------------------ expressions

void builder::literal_date(const source_span& span, std::string_view text)
{
   push(span, ast::literal{ast::literal_kind::date, parse_date(span, text)});
}

void builder::literal_days(const source_span& span, std::string_view text)
{
   const auto number = parse_number(span, text.substr(0, text.find_first_of(" \t")));
   if (!number.is_integer()) {
      throw syntax_error("P008", fmt::format("a duration is a whole number of days, found {}", text), span);
   }
   if (number.numerator() > 3'000'000 || number.numerator() < -3'000'000) {
      throw syntax_error("P008", fmt::format("the duration {} is longer than any calendar allows", text), span);
   }
   push(span, ast::literal{ast::literal_kind::days, day_count{static_cast<std::int64_t>(number.numerator())}});
}

void builder::literal_percent(const source_span& span, std::string_view text)
{
   push(span, ast::literal{ast::literal_kind::percent, parse_percent(span, text)});
}

void builder::literal_number(const source_span& span, std::string_view text)
{
   push(span, ast::literal{ast::literal_kind::number, parse_number(span, text)});
}

void builder::literal_text(const source_span& span, std::string_view text)
{
   push(span, ast::literal{ast::literal_kind::text, unescape(text)});
}

void builder::literal_boolean(const source_span& span, std::string_view text)
{
   push(span, ast::literal{ast::literal_kind::boolean, text == "true"});
}

void builder::name(const source_span& span, std::string_view text)
{
   push(span, ast::name_ref{std::string(text)});
}

void builder::member(const source_span& span, std::string_view text)
{
   const auto dot = text.find('.');
   source_span object_span = span;
   object_span.end_column = span.column + static_cast<std::uint32_t>(dot);
   source_span member_span = span;
   member_span.column = object_span.end_column + 1;
   push(span, ast::member_ref{{std::string(text.substr(0, dot)), object_span},
                              {std::string(text.substr(dot + 1)), member_span}});
}

void builder::call_name(const source_span& span, std::string_view text)
{
   m_calls.push_back({{std::string(text), span}, m_stack.size()});
}

void builder::call(const source_span& span)
{
   auto frame = std::move(m_calls.back());
   m_calls.pop_back();
   ast::call node{std::move(frame.function), {}};
   for (std::size_t i = frame.base; i < m_stack.size(); ++i) {
      node.arguments.push_back(std::move(m_stack[i]));
   }
   m_stack.resize(frame.base);
   push(span, std::move(node));
}

void builder::conditional(const source_span& span)
{
   auto otherwise = pop();
   auto then = pop();
   auto condition = pop();
   push(span, ast::conditional{std::move(condition), std::move(then), std::move(otherwise)});
}

void builder::unary(const source_span& span, ast::unary_op op)
{
   push(span, ast::unary{op, pop()});
}

void builder::binary_tail(const source_span& span, std::string_view text)
{
   auto right = pop();
   auto left = pop();
   const auto whole = merge(left->span, span);
   push(whole, ast::binary{binary_op_of(text), std::move(left), std::move(right)});
}

void builder::range_tail(const source_span& span, std::string_view text)
{
   auto high = pop();
   auto comparison = pop();
   auto* first = std::get_if<ast::binary>(&comparison->node);
   assert(first != nullptr);
   if (first->op != ast::binary_op::less && first->op != ast::binary_op::less_equal) {
      throw syntax_error("P009",
                         fmt::format("a range is written low < x <= high, with '<' or '<=' on both sides; "
                                     "found '{}' before '{}'",
                                     ast::to_string(first->op), ast::to_string(binary_op_of(text))),
                         merge(comparison->span, span));
   }
   // Moving out of the finished comparison is safe: it is discarded right after.
   auto& parts = const_cast<ast::binary&>(*first);
   const auto whole = merge(comparison->span, span);
   push(whole, ast::range{std::move(parts.left), parts.op, std::move(parts.right), binary_op_of(text), std::move(high)});
}

void builder::set_member(const source_span& span, std::string_view text)
{
   m_set_members.push_back({std::string(text), span});
}

void builder::membership_tail(const source_span& span)
{
   auto subject = pop();
   const auto whole = merge(subject->span, span);
   push(whole, ast::membership{std::move(subject), std::exchange(m_set_members, {})});
}

// ------------------------------------------------------------------ shared clause pieces

void builder::clause_name(const source_span& span, std::string_view text)
{
   m_name = ast::identifier{std::string(text), span};
}

void builder::clause_role(const source_span& span, std::string_view text)
{
   m_role = ast::identifier{std::string(text), span};
}

void builder::when_condition()
{
   m_when = pop();
}

void builder::pays_amount()
{
   m_pays = pop();
}

// ------------------------------------------------------------------ header

void builder::plan_title(const source_span& span, std::string_view text)
{
   m_header.emplace();
   m_header->doc = take_doc();
   m_header->title = unescape(text);
   m_header->title_span = span;
}

void builder::version(std::string_view text)
{
   m_header->version = unescape(text);
}

void builder::currency(const source_span& span, std::string_view text)
{
   m_header->currency = ast::identifier{std::string(text), span};
}

void builder::period_start(const source_span& span, std::string_view text)
{
   m_period_start = parse_date(span, text);
}

void builder::period_end(const source_span& span, std::string_view text)
{
   m_period_end = parse_date(span, text);
}

void builder::period_field(const source_span& span, std::string_view text)
{
   m_period_field = ast::identifier{std::string(text), span};
}

void builder::period_item(const source_span& span)
{
   m_header->period_start = m_period_start;
   m_header->period_end = m_period_end;
   m_header->period_field = std::exchange(m_period_field, std::nullopt);
   m_header->period_span = span;
}

void builder::rounding_stage(const source_span& span, std::string_view text)
{
   m_rounding = {};
   m_rounding.stage = {std::string(text), span};
}

void builder::rounding_mode(const source_span& span, std::string_view text)
{
   m_rounding.mode = {std::string(text), span};
}

void builder::rounding_increment(const source_span& span, std::string_view text)
{
   m_rounding.increment = parse_number(span, text);
}

void builder::largest_remainder()
{
   m_rounding.largest_remainder = true;
}

void builder::rounding_step(const source_span& span)
{
   m_rounding.span = span;
   m_header->rounding.push_back(std::move(m_rounding));
   m_rounding = {};
}

void builder::header_clause(const source_span& span)
{
   m_header->span = span;
   if (m_plan.header) {
      throw syntax_error("P010",
                         fmt::format("a plan has one 'plan' header; the first is at line {}", m_plan.header->span.line),
                         m_header->title_span);
   }
   m_plan.header = std::move(m_header);
   m_header.reset();
   add_clause(ast::clause_kind::header, 0);
}

// ------------------------------------------------------------------ roles and records

void builder::role_name(const source_span& span, std::string_view text)
{
   m_name = ast::identifier{std::string(text), span};
}

void builder::role_display(std::string_view text)
{
   m_reason = unescape(text);
}

void builder::role_clause(const source_span& span)
{
   m_plan.roles.push_back({take_doc(), take_name(), std::exchange(m_reason, {}), span});
   add_clause(ast::clause_kind::role, m_plan.roles.size() - 1);
}

void builder::record_kind(std::string_view text)
{
   m_record_kind = text == "people" ? ast::record_kind::people : ast::record_kind::deals;
}

void builder::field_name(const source_span& span, std::string_view text)
{
   m_field = {};
   m_field.name = {std::string(text), span};
}

void builder::field_optional()
{
   m_field.optional = true;
}

void builder::simple_type(std::string_view text)
{
   using ast::field_type;
   m_field.type = text == "text"      ? field_type::text
                  : text == "number"  ? field_type::number
                  : text == "money"   ? field_type::money
                  : text == "percent" ? field_type::percent
                  : text == "date"    ? field_type::date
                  : text == "boolean" ? field_type::boolean
                                      : field_type::role;
}

void builder::enum_value_name(const source_span& span, std::string_view text)
{
   m_enum_values.push_back({std::string(text), span});
}

void builder::enum_type()
{
   m_field.type = ast::field_type::enumeration;
   m_field.enum_values = std::exchange(m_enum_values, {});
}

void builder::field_attribute(std::string_view text)
{
   const auto word = first_word(text);
   if (word == "key") {
      m_field.key = true;
   }
   else if (word == "positive") {
      m_field.positive = true;
   }
   else if (word == "credited") {
      m_field.credited = true;
   }
}

void builder::names_role(const source_span& span, std::string_view text)
{
   m_field.names_role = ast::identifier{std::string(text), span};
}

void builder::field_decl(const source_span& span)
{
   m_field.span = span;
   m_fields.push_back(std::move(m_field));
   m_field = {};
}

void builder::record_clause(const source_span& span)
{
   m_plan.records.push_back({take_doc(), m_record_kind, std::exchange(m_fields, {}), span});
   add_clause(ast::clause_kind::record, m_plan.records.size() - 1);
}

// ------------------------------------------------------------------ definitions and rules

void builder::definition_name(const source_span& span, std::string_view text)
{
   m_name = ast::identifier{std::string(text), span};
}

void builder::definition_clause(const source_span& span)
{
   auto value = pop();
   m_plan.definitions.push_back({take_doc(), take_name(), std::move(value), span});
   add_clause(ast::clause_kind::definition, m_plan.definitions.size() - 1);
}

void builder::exclusion_reason(const source_span& span, std::string_view text)
{
   m_reason = unescape(text);
   m_reason_span = span;
}

void builder::exclusion_clause(const source_span& span)
{
   m_plan.exclusions.push_back(
      {take_doc(), take_name(), std::move(m_when), std::exchange(m_reason, {}), m_reason_span, span});
   add_clause(ast::clause_kind::exclusion, m_plan.exclusions.size() - 1);
}

void builder::share_role(const source_span& span, std::string_view text)
{
   m_share_role = ast::identifier{std::string(text), span};
}

void builder::share_percent(const source_span& span, std::string_view text)
{
   m_share_percent = parse_percent(span, text);
}

void builder::share(const source_span& span)
{
   m_shares.push_back({*std::exchange(m_share_role, std::nullopt), m_share_percent, span});
}

void builder::share_total(const source_span& span, std::string_view text)
{
   m_share_total = parse_percent(span, text);
   m_share_total_span = span;
}

void builder::crediting_clause(const source_span& span)
{
   m_plan.crediting_rules.push_back({take_doc(), take_name(), std::move(m_when), std::exchange(m_shares, {}),
                                     std::exchange(m_share_total, std::nullopt), m_share_total_span, span});
   add_clause(ast::clause_kind::crediting, m_plan.crediting_rules.size() - 1);
}

void builder::cumulative_quantity(const source_span& span, std::string_view text)
{
   m_quantity = ast::identifier{std::string(text), span};
}

void builder::order_field(const source_span& span, std::string_view text)
{
   m_order.push_back({std::string(text), span});
}

void builder::cumulative_clause(const source_span& span)
{
   m_plan.cumulatives.push_back({take_doc(), take_name(), take_role(),
                                 *std::exchange(m_quantity, std::nullopt), std::exchange(m_order, {}), span});
   add_clause(ast::clause_kind::cumulative, m_plan.cumulatives.size() - 1);
}

void builder::quota_clause(const source_span& span)
{
   m_plan.quotas.push_back({take_doc(), take_role(), std::move(m_pays), span});
   add_clause(ast::clause_kind::quota, m_plan.quotas.size() - 1);
}

void builder::tier_mode(std::string_view text)
{
   m_tier_mode = text == "retroactive" ? ast::tier_mode::retroactive : ast::tier_mode::graduated;
}

void builder::tier_quantity(const source_span& span, std::string_view text)
{
   m_quantity = ast::identifier{std::string(text), span};
}

void builder::band_name(const source_span& span, std::string_view text)
{
   m_band_name = ast::identifier{std::string(text), span};
}

void builder::band_pays()
{
   m_band_pays = pop();
}

void builder::tier_band(const source_span& span)
{
   m_bands.push_back({*std::exchange(m_band_name, std::nullopt), std::move(m_when), std::move(m_band_pays), span});
}

void builder::tiers_clause(const source_span& span)
{
   m_plan.tier_tables.push_back({take_doc(), take_name(), m_tier_mode, *std::exchange(m_quantity, std::nullopt),
                                 std::exchange(m_bands, {}), span});
   add_clause(ast::clause_kind::tiers, m_plan.tier_tables.size() - 1);
}

void builder::schedule_until()
{
   m_until = pop();
}

void builder::tranche_name(const source_span& span, std::string_view text)
{
   m_tranche_name = ast::identifier{std::string(text), span};
}

void builder::tranche_date()
{
   m_tranche_date = pop();
}

void builder::tranche_remainder()
{
   m_tranche_share.reset();
}

void builder::tranche_share()
{
   m_tranche_share = pop();
}

void builder::tranche(const source_span& span)
{
   m_tranches.push_back({*std::exchange(m_tranche_name, std::nullopt), std::move(m_tranche_date),
                         std::move(m_tranche_share), span});
}

void builder::schedule_clause(const source_span& span)
{
   m_plan.schedules.push_back({take_doc(), take_name(), std::move(m_until), std::exchange(m_tranches, {}), span});
   add_clause(ast::clause_kind::schedule, m_plan.schedules.size() - 1);
}

void builder::tiers_name(const source_span& span, std::string_view text)
{
   m_tiers_name = ast::identifier{std::string(text), span};
}

void builder::schedule_name(const source_span& span, std::string_view text)
{
   m_schedule_name = ast::identifier{std::string(text), span};
}

void builder::rate_clause(const source_span& span)
{
   m_plan.rates.push_back({take_doc(), take_name(), take_role(), std::move(m_when), std::move(m_pays),
                           std::exchange(m_tiers_name, std::nullopt), *std::exchange(m_schedule_name, std::nullopt),
                           span});
   add_clause(ast::clause_kind::rate, m_plan.rates.size() - 1);
}

void builder::fee_clause(const source_span& span)
{
   m_plan.fees.push_back({take_doc(), take_name(), take_role(), std::move(m_when), std::move(m_pays),
                          *std::exchange(m_schedule_name, std::nullopt), span});
   add_clause(ast::clause_kind::fee, m_plan.fees.size() - 1);
}

void builder::clawback_date()
{
   m_clawback_date = pop();
}

void builder::recovery_share()
{
   m_recovery_share = pop();
}

void builder::recovered_tranche(const source_span& span, std::string_view text)
{
   m_recovered_tranches.push_back({std::string(text), span});
}

void builder::clawback_clause(const source_span& span)
{
   m_plan.clawbacks.push_back({take_doc(), take_name(), std::move(m_when), std::move(m_clawback_date),
                               std::move(m_recovery_share), std::exchange(m_recovered_tranches, {}), span});
   add_clause(ast::clause_kind::clawback, m_plan.clawbacks.size() - 1);
}

}  // namespace compplan::grammar

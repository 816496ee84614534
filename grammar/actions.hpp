// PEGTL actions that build the AST: each rule's action hands its matched text and span to the
// builder, which keeps the expression stack and the clause under construction.
#pragma once

#include "grammar/ast.hpp"
#include "grammar/rules.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace compplan::grammar {

// A syntax error found while building (an impossible date, a number too large): raised by the
// builder, turned into a P diagnostic at the edge of the parser.
struct syntax_error : std::runtime_error {
   syntax_error(std::string code, const std::string& message, source_span span)
      : std::runtime_error(message), code(std::move(code)), span(std::move(span))
   {}
   std::string code;
   source_span span;
};

class builder {
public:
   builder(std::string file, std::string_view source);

   const std::string& file() const { return m_plan.file; }
   std::string_view source() const { return m_source; }
   ast::plan finish();

   std::size_t depth = 0;  // expression nesting, kept by the control

   // documentation comments
   void doc_line(std::string_view text);

   // expressions
   void literal_date(const source_span& span, std::string_view text);
   void literal_days(const source_span& span, std::string_view text);
   void literal_percent(const source_span& span, std::string_view text);
   void literal_number(const source_span& span, std::string_view text);
   void literal_text(const source_span& span, std::string_view text);
   void literal_boolean(const source_span& span, std::string_view text);
   void name(const source_span& span, std::string_view text);
   void member(const source_span& span, std::string_view text);
   void call_name(const source_span& span, std::string_view text);
   void call(const source_span& span);
   void conditional(const source_span& span);
   void unary(const source_span& span, ast::unary_op op);
   void binary_tail(const source_span& span, std::string_view text);
   void range_tail(const source_span& span, std::string_view text);
   void set_member(const source_span& span, std::string_view text);
   void membership_tail(const source_span& span);

   // pieces shared by clauses
   void clause_name(const source_span& span, std::string_view text);
   void clause_role(const source_span& span, std::string_view text);
   void when_condition();
   void pays_amount();

   // clauses
   void plan_title(const source_span& span, std::string_view text);
   void version(std::string_view text);
   void currency(const source_span& span, std::string_view text);
   void period_start(const source_span& span, std::string_view text);
   void period_end(const source_span& span, std::string_view text);
   void period_field(const source_span& span, std::string_view text);
   void period_item(const source_span& span);
   void rounding_stage(const source_span& span, std::string_view text);
   void rounding_mode(const source_span& span, std::string_view text);
   void rounding_increment(const source_span& span, std::string_view text);
   void largest_remainder();
   void rounding_step(const source_span& span);
   void header_clause(const source_span& span);

   void role_name(const source_span& span, std::string_view text);
   void role_display(std::string_view text);
   void role_clause(const source_span& span);

   void record_kind(std::string_view text);
   void field_name(const source_span& span, std::string_view text);
   void field_optional();
   void simple_type(std::string_view text);
   void enum_value_name(const source_span& span, std::string_view text);
   void enum_type();
   void field_attribute(std::string_view text);
   void names_role(const source_span& span, std::string_view text);
   void field_decl(const source_span& span);
   void record_clause(const source_span& span);

   void definition_name(const source_span& span, std::string_view text);
   void definition_clause(const source_span& span);

   void exclusion_reason(const source_span& span, std::string_view text);
   void exclusion_clause(const source_span& span);

   void share_role(const source_span& span, std::string_view text);
   void share_percent(const source_span& span, std::string_view text);
   void share(const source_span& span);
   void share_total(const source_span& span, std::string_view text);
   void crediting_clause(const source_span& span);

   void cumulative_quantity(const source_span& span, std::string_view text);
   void order_field(const source_span& span, std::string_view text);
   void cumulative_clause(const source_span& span);

   void quota_clause(const source_span& span);

   void tier_mode(std::string_view text);
   void tier_quantity(const source_span& span, std::string_view text);
   void band_name(const source_span& span, std::string_view text);
   void band_pays();
   void tier_band(const source_span& span);
   void tiers_clause(const source_span& span);

   void schedule_until();
   void tranche_name(const source_span& span, std::string_view text);
   void tranche_date();
   void tranche_remainder();
   void tranche_share();
   void tranche(const source_span& span);
   void schedule_clause(const source_span& span);

   void tiers_name(const source_span& span, std::string_view text);
   void schedule_name(const source_span& span, std::string_view text);
   void rate_clause(const source_span& span);
   void fee_clause(const source_span& span);

   void clawback_date();
   void recovery_share();
   void recovered_tranche(const source_span& span, std::string_view text);
   void clawback_clause(const source_span& span);

   void example_name(const source_span& span, std::string_view text);
   void example_as_of(const source_span& span, std::string_view text);
   void row_record(std::string_view text);
   void row_field(const source_span& span, std::string_view text);
   void row_value(const source_span& span, ast::example_value_kind kind, std::string_view text);
   void row_field_value();
   void example_row(const source_span& span);
   void expected_deal(const source_span& span, std::string_view text);
   void expected_person(std::string_view text);
   void expected_role(const source_span& span, std::string_view text);
   void expected_amount(const source_span& span, std::string_view text);
   void expected_date(const source_span& span, std::string_view text);
   void expected_tranche(const source_span& span, std::string_view text);
   void expected_rule(const source_span& span, std::string_view text);
   void expected_outcome(ast::expected_kind kind);
   void expectation(const source_span& span);
   void example_clause(const source_span& span);

private:
   ast::expression_ptr pop();
   void push(source_span span, decltype(ast::expression::node) node);
   ast::identifier take_name();
   ast::identifier take_role();
   std::string take_doc();
   void add_clause(ast::clause_kind kind, std::size_t index);

   ast::plan m_plan;
   std::string_view m_source;
   std::vector<ast::expression_ptr> m_stack;
   struct call_frame {
      ast::identifier function;
      std::size_t base;
   };
   std::vector<call_frame> m_calls;
   std::vector<ast::identifier> m_set_members;
   std::string m_doc;

   // the clause under construction
   std::optional<ast::identifier> m_name;
   std::optional<ast::identifier> m_role;
   ast::expression_ptr m_when;
   ast::expression_ptr m_pays;
   std::optional<ast::plan_header> m_header;
   ast::rounding_step m_rounding;
   std::optional<date> m_period_start;
   std::optional<date> m_period_end;
   std::optional<ast::identifier> m_period_field;
   ast::record_kind m_record_kind = ast::record_kind::deals;
   std::vector<ast::field_decl> m_fields;
   ast::field_decl m_field;
   std::vector<ast::identifier> m_enum_values;
   std::string m_reason;
   source_span m_reason_span;
   std::optional<ast::identifier> m_share_role;
   decimal m_share_percent;
   std::vector<ast::share> m_shares;
   std::optional<decimal> m_share_total;
   source_span m_share_total_span;
   std::optional<ast::identifier> m_quantity;
   std::vector<ast::identifier> m_order;
   ast::tier_mode m_tier_mode = ast::tier_mode::graduated;
   std::optional<ast::identifier> m_band_name;
   ast::expression_ptr m_band_pays;
   std::vector<ast::tier_band> m_bands;
   ast::expression_ptr m_until;
   std::optional<ast::identifier> m_tranche_name;
   ast::expression_ptr m_tranche_date;
   ast::expression_ptr m_tranche_share;
   std::vector<ast::tranche> m_tranches;
   std::optional<ast::identifier> m_tiers_name;
   std::optional<ast::identifier> m_schedule_name;
   ast::expression_ptr m_clawback_date;
   ast::expression_ptr m_recovery_share;
   std::vector<ast::identifier> m_recovered_tranches;
   ast::example m_example;
   ast::example_row m_row;
   ast::example_field m_row_field;
   ast::expectation m_expectation;
};

// The span of an action's match, in the builder's file.
template< typename ActionInput >
source_span span_of(const ActionInput& in, const builder& b)
{
   const auto begin = in.position();
   source_span span;
   span.file = b.file();
   span.line = static_cast<std::uint32_t>(begin.line);
   span.column = static_cast<std::uint32_t>(begin.column);
   span.end_line = span.line;
   span.end_column = span.column;
   for (const char c : in.string_view()) {
      if (c == '\n') {
         ++span.end_line;
         span.end_column = 1;
      }
      else {
         ++span.end_column;
      }
   }
   return span;
}

template< typename Rule >
struct action : nothing< Rule > {};

// An action that hands the builder the span and the matched text.
#define COMPPLAN_TEXT_ACTION( rule, method )                       \
   template<>                                                      \
   struct action< rule > {                                         \
      template< typename ActionInput >                             \
      static void apply(const ActionInput& in, builder& b)         \
      {                                                            \
         b.method(span_of(in, b), in.string_view());               \
      }                                                            \
   }
// An action that hands the builder the span only.
#define COMPPLAN_SPAN_ACTION( rule, method )                       \
   template<>                                                      \
   struct action< rule > {                                         \
      template< typename ActionInput >                             \
      static void apply(const ActionInput& in, builder& b)         \
      {                                                            \
         b.method(span_of(in, b));                                 \
      }                                                            \
   }
// An action that needs neither.
#define COMPPLAN_PLAIN_ACTION( rule, method )                      \
   template<>                                                      \
   struct action< rule > {                                         \
      static void apply0(builder& b) { b.method(); }               \
   }

// clang-format off
template<> struct action< doc_comment > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.doc_line(in.string_view()); }
};
COMPPLAN_TEXT_ACTION( date_literal, literal_date );
COMPPLAN_TEXT_ACTION( days_literal, literal_days );
COMPPLAN_TEXT_ACTION( percent_literal, literal_percent );
COMPPLAN_TEXT_ACTION( number_literal, literal_number );
COMPPLAN_TEXT_ACTION( text_literal, literal_text );
COMPPLAN_TEXT_ACTION( boolean_literal, literal_boolean );
COMPPLAN_TEXT_ACTION( name, name );
COMPPLAN_TEXT_ACTION( member, member );
COMPPLAN_TEXT_ACTION( call_name, call_name );
COMPPLAN_SPAN_ACTION( call, call );
COMPPLAN_SPAN_ACTION( conditional, conditional );
template<> struct action< negation_minus > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.unary(span_of(in, b), ast::unary_op::negate); }
};
template<> struct action< logical_not > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.unary(span_of(in, b), ast::unary_op::logical_not); }
};
COMPPLAN_TEXT_ACTION( product_tail, binary_tail );
COMPPLAN_TEXT_ACTION( sum_tail, binary_tail );
COMPPLAN_TEXT_ACTION( compare_tail, binary_tail );
COMPPLAN_TEXT_ACTION( and_tail, binary_tail );
COMPPLAN_TEXT_ACTION( or_tail, binary_tail );
COMPPLAN_TEXT_ACTION( range_tail, range_tail );
COMPPLAN_TEXT_ACTION( set_member, set_member );
COMPPLAN_SPAN_ACTION( membership_tail, membership_tail );

COMPPLAN_TEXT_ACTION( clause_name, clause_name );
COMPPLAN_TEXT_ACTION( clause_role, clause_role );
COMPPLAN_PLAIN_ACTION( when_condition, when_condition );
COMPPLAN_PLAIN_ACTION( pays_amount, pays_amount );

COMPPLAN_TEXT_ACTION( plan_title, plan_title );
template<> struct action< version_text > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.version(in.string_view()); }
};
COMPPLAN_TEXT_ACTION( currency_code, currency );
COMPPLAN_TEXT_ACTION( period_start, period_start );
COMPPLAN_TEXT_ACTION( period_end, period_end );
COMPPLAN_TEXT_ACTION( period_field, period_field );
COMPPLAN_SPAN_ACTION( period_item, period_item );
COMPPLAN_TEXT_ACTION( rounding_stage, rounding_stage );
COMPPLAN_TEXT_ACTION( rounding_mode_name, rounding_mode );
COMPPLAN_TEXT_ACTION( rounding_increment, rounding_increment );
COMPPLAN_PLAIN_ACTION( largest_remainder, largest_remainder );
COMPPLAN_SPAN_ACTION( rounding_step, rounding_step );
COMPPLAN_SPAN_ACTION( header_clause, header_clause );

COMPPLAN_TEXT_ACTION( role_name, role_name );
template<> struct action< role_display > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.role_display(in.string_view()); }
};
COMPPLAN_SPAN_ACTION( role_clause, role_clause );

template<> struct action< record_kind > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.record_kind(in.string_view()); }
};
COMPPLAN_TEXT_ACTION( field_name, field_name );
COMPPLAN_PLAIN_ACTION( field_optional, field_optional );
template<> struct action< simple_type > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.simple_type(in.string_view()); }
};
COMPPLAN_TEXT_ACTION( enum_value_name, enum_value_name );
COMPPLAN_PLAIN_ACTION( enum_type, enum_type );
template<> struct action< field_attribute > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.field_attribute(in.string_view()); }
};
COMPPLAN_TEXT_ACTION( names_role, names_role );
COMPPLAN_SPAN_ACTION( field_decl, field_decl );
COMPPLAN_SPAN_ACTION( record_clause, record_clause );

COMPPLAN_TEXT_ACTION( definition_name, definition_name );
COMPPLAN_SPAN_ACTION( definition_clause, definition_clause );

COMPPLAN_TEXT_ACTION( exclusion_reason, exclusion_reason );
COMPPLAN_SPAN_ACTION( exclusion_clause, exclusion_clause );

COMPPLAN_TEXT_ACTION( share_role, share_role );
COMPPLAN_TEXT_ACTION( share_percent, share_percent );
COMPPLAN_SPAN_ACTION( share, share );
COMPPLAN_TEXT_ACTION( share_total, share_total );
COMPPLAN_SPAN_ACTION( crediting_clause, crediting_clause );

COMPPLAN_TEXT_ACTION( cumulative_quantity, cumulative_quantity );
COMPPLAN_TEXT_ACTION( order_field, order_field );
COMPPLAN_SPAN_ACTION( cumulative_clause, cumulative_clause );

COMPPLAN_PLAIN_ACTION( quota_value, pays_amount );
COMPPLAN_SPAN_ACTION( quota_clause, quota_clause );

template<> struct action< tier_mode > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.tier_mode(in.string_view()); }
};
COMPPLAN_TEXT_ACTION( tier_quantity, tier_quantity );
COMPPLAN_TEXT_ACTION( band_name, band_name );
COMPPLAN_PLAIN_ACTION( band_pays, band_pays );
COMPPLAN_SPAN_ACTION( tier_band, tier_band );
COMPPLAN_SPAN_ACTION( tiers_clause, tiers_clause );

COMPPLAN_PLAIN_ACTION( schedule_until, schedule_until );
COMPPLAN_TEXT_ACTION( tranche_name, tranche_name );
COMPPLAN_PLAIN_ACTION( tranche_date, tranche_date );
COMPPLAN_PLAIN_ACTION( tranche_remainder, tranche_remainder );
COMPPLAN_PLAIN_ACTION( tranche_share, tranche_share );
COMPPLAN_SPAN_ACTION( tranche, tranche );
COMPPLAN_SPAN_ACTION( schedule_clause, schedule_clause );

COMPPLAN_TEXT_ACTION( tiers_name, tiers_name );
COMPPLAN_TEXT_ACTION( schedule_name, schedule_name );
COMPPLAN_SPAN_ACTION( rate_clause, rate_clause );
COMPPLAN_SPAN_ACTION( fee_clause, fee_clause );

COMPPLAN_PLAIN_ACTION( clawback_date, clawback_date );
COMPPLAN_PLAIN_ACTION( recovery_share, recovery_share );
COMPPLAN_TEXT_ACTION( recovered_tranche, recovered_tranche );
COMPPLAN_SPAN_ACTION( clawback_clause, clawback_clause );

COMPPLAN_TEXT_ACTION( example_name, example_name );
COMPPLAN_TEXT_ACTION( example_as_of, example_as_of );
template<> struct action< row_record > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.row_record(in.string_view()); }
};
COMPPLAN_TEXT_ACTION( row_field, row_field );
#define COMPPLAN_VALUE_ACTION( rule, kind )                                                        \
   template<>                                                                                      \
   struct action< rule > {                                                                         \
      template< typename ActionInput >                                                             \
      static void apply(const ActionInput& in, builder& b)                                         \
      {                                                                                            \
         b.row_value(span_of(in, b), ast::example_value_kind::kind, in.string_view());             \
      }                                                                                            \
   }
COMPPLAN_VALUE_ACTION( value_date, date );
COMPPLAN_VALUE_ACTION( value_percent, percent );
COMPPLAN_VALUE_ACTION( value_number, number );
COMPPLAN_VALUE_ACTION( value_text, text );
COMPPLAN_VALUE_ACTION( value_boolean, boolean );
COMPPLAN_VALUE_ACTION( value_name, name );
#undef COMPPLAN_VALUE_ACTION
COMPPLAN_PLAIN_ACTION( row_field_value, row_field_value );
COMPPLAN_SPAN_ACTION( example_row, example_row );
COMPPLAN_TEXT_ACTION( expected_deal, expected_deal );
template<> struct action< expected_person > {
   template< typename ActionInput >
   static void apply(const ActionInput& in, builder& b) { b.expected_person(in.string_view()); }
};
COMPPLAN_TEXT_ACTION( expected_role, expected_role );
COMPPLAN_TEXT_ACTION( expected_amount, expected_amount );
COMPPLAN_TEXT_ACTION( expected_date, expected_date );
COMPPLAN_TEXT_ACTION( expected_tranche, expected_tranche );
COMPPLAN_TEXT_ACTION( expected_rule, expected_rule );
COMPPLAN_TEXT_ACTION( expected_code, expected_rule );
#define COMPPLAN_OUTCOME_ACTION( rule, kind )                                                      \
   template<>                                                                                      \
   struct action< rule > {                                                                         \
      static void apply0(builder& b) { b.expected_outcome(ast::expected_kind::kind); }             \
   }
COMPPLAN_OUTCOME_ACTION( pays_outcome, pays );
COMPPLAN_OUTCOME_ACTION( recovers_outcome, recovers );
COMPPLAN_OUTCOME_ACTION( excluded_outcome, excluded );
COMPPLAN_OUTCOME_ACTION( uncredited_outcome, uncredited );
COMPPLAN_OUTCOME_ACTION( out_of_period_outcome, out_of_period );
COMPPLAN_OUTCOME_ACTION( fails_outcome, fails );
#undef COMPPLAN_OUTCOME_ACTION
COMPPLAN_SPAN_ACTION( expectation, expectation );
COMPPLAN_SPAN_ACTION( example_clause, example_clause );
// clang-format on

#undef COMPPLAN_TEXT_ACTION
#undef COMPPLAN_SPAN_ACTION
#undef COMPPLAN_PLAIN_ACTION

}  // namespace compplan::grammar

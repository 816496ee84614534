// Parse error messages, one per rule that may fail after a commitment (PEGTL's must<> idiom).
// "{before}" in a message is replaced by the token before the error, quoted; every message
// is followed by ", found <what is there>".
#pragma once

#include "grammar/rules.hpp"

namespace compplan::grammar {

struct parse_message {
   const char* code = nullptr;
   const char* text = nullptr;
};

// Codes: P001 clause level, P002 names, P003 keywords, P004 literals, P005 expressions,
// P006 brackets, P007 types and attributes, P014 '==' for '=', P015 chained comparisons;
// P008-P010 are raised by the actions (parse.cpp).
template< typename Rule >
inline constexpr parse_message message{};

#define COMPPLAN_MESSAGE( rule, code, text ) \
   template<>                                \
   inline constexpr parse_message message< rule >{ code, text }

// clang-format off
COMPPLAN_MESSAGE( end_of_plan, "P001", "expected a clause (plan, role, deals, people, exclude, credit, cumulative, quota, tiers, schedule, rate, fee, clawback, example) or a definition 'name = expression'" );

COMPPLAN_MESSAGE( clause_name, "P002", "expected the clause's name after {before}" );
COMPPLAN_MESSAGE( role_name, "P002", "expected the role's short name after 'role'" );
COMPPLAN_MESSAGE( clause_role, "P002", "expected a role name after {before}" );
COMPPLAN_MESSAGE( member_name, "P002", "expected a field name after '.'" );
COMPPLAN_MESSAGE( set_member, "P002", "expected an enumeration value after {before}" );
COMPPLAN_MESSAGE( set_members, "P002", "expected an enumeration value after '{'" );
COMPPLAN_MESSAGE( enum_value_name, "P002", "expected an enumeration value after {before}" );
COMPPLAN_MESSAGE( enum_values, "P002", "expected an enumeration value after '{'" );
COMPPLAN_MESSAGE( names_role, "P002", "expected the role this field names after 'names'" );
COMPPLAN_MESSAGE( period_field, "P002", "expected the date field that decides the period after 'by'" );
COMPPLAN_MESSAGE( currency_code, "P002", "expected a currency code such as USD after 'currency'" );
COMPPLAN_MESSAGE( rounding_mode_name, "P002", "expected a rounding mode (half_up, half_even, half_down, floor, ceiling, toward_zero) after {before}" );
COMPPLAN_MESSAGE( cumulative_quantity, "P002", "expected what is summed (credit) after 'sums'" );
COMPPLAN_MESSAGE( order_field, "P002", "expected a deal field to order by after {before}" );
COMPPLAN_MESSAGE( tier_quantity, "P002", "expected the quantity the tiers are over after 'over'" );
COMPPLAN_MESSAGE( band_name, "P002", "expected the band's name after 'band'" );
COMPPLAN_MESSAGE( tranche_name, "P002", "expected the tranche's name after 'tranche'" );
COMPPLAN_MESSAGE( tiers_name, "P002", "expected the name of a tier table after 'by'" );
COMPPLAN_MESSAGE( schedule_name, "P002", "expected the name of a payout schedule after 'by'" );
COMPPLAN_MESSAGE( row_field_value, "P002", "expected a field name and its value after {before}" );
COMPPLAN_MESSAGE( expected_role, "P002", "expected a role name after 'as'" );
COMPPLAN_MESSAGE( expected_tranche, "P002", "expected the tranche's name after 'for'" );
COMPPLAN_MESSAGE( expected_rule, "P002", "expected the name of a rule after 'by'" );
COMPPLAN_MESSAGE( recovered_tranche, "P002", "expected the name of a tranche after {before}" );
COMPPLAN_MESSAGE( expected_code, "P002", "expected a diagnostic code, such as R011, after 'with'" );

COMPPLAN_MESSAGE( kw_when, "P003", "expected 'when' and a condition after {before}" );
COMPPLAN_MESSAGE( kw_because, "P003", "expected 'because' and the reason after the condition" );
COMPPLAN_MESSAGE( kw_shares, "P003", "expected 'shares' and the split after the condition" );
COMPPLAN_MESSAGE( kw_for, "P003", "expected 'for' and a role after {before}" );
COMPPLAN_MESSAGE( kw_sums, "P003", "expected 'sums' after {before}" );
COMPPLAN_MESSAGE( kw_ordered, "P003", "expected 'ordered by' after {before}" );
COMPPLAN_MESSAGE( kw_by, "P003", "expected 'by' after {before}" );
COMPPLAN_MESSAGE( kw_is, "P003", "expected 'is' after {before}" );
COMPPLAN_MESSAGE( kw_over, "P003", "expected 'over' and a quantity after {before}" );
COMPPLAN_MESSAGE( kw_pays, "P003", "expected 'pays' after {before}" );
COMPPLAN_MESSAGE( kw_on, "P003", "expected 'on' and a date after {before}" );
COMPPLAN_MESSAGE( kw_paid, "P003", "expected 'paid by' and a schedule after {before}" );
COMPPLAN_MESSAGE( kw_recovers, "P003", "expected 'recovers' and what the clawback recovers after the date" );
COMPPLAN_MESSAGE( recovery, "P003", "expected a percentage, 'everything paid' or 'tranches' and their names after 'recovers'" );
COMPPLAN_MESSAGE( recovery_of, "P003", "expected 'of' after the share {before}, as in 'recovers 50% of everything paid' (a share with operators is written in parentheses)" );
COMPPLAN_MESSAGE( recovered_part, "P003", "expected 'everything paid' or 'tranches' and their names after 'of'" );
COMPPLAN_MESSAGE( recovered_paid, "P003", "expected 'paid' after 'everything'" );
COMPPLAN_MESSAGE( kw_then, "P003", "expected 'then' after the condition of 'if'" );
COMPPLAN_MESSAGE( kw_else, "P003", "expected 'else' after {before}: an 'if' always says what happens otherwise" );
COMPPLAN_MESSAGE( kw_through, "P003", "expected 'through' and the last day of the period after {before}" );
COMPPLAN_MESSAGE( kw_to, "P003", "expected 'to' and an increment after {before}" );
COMPPLAN_MESSAGE( kw_of, "P003", "expected 'of' after 'one'" );
COMPPLAN_MESSAGE( kw_cents, "P003", "expected 'leftover cents to largest remainder'" );
COMPPLAN_MESSAGE( kw_largest, "P003", "expected 'leftover cents to largest remainder'" );
COMPPLAN_MESSAGE( kw_remainder, "P003", "expected 'leftover cents to largest remainder'" );
COMPPLAN_MESSAGE( largest_remainder, "P003", "expected 'leftover cents to largest remainder' after ','" );
COMPPLAN_MESSAGE( example_of, "P003", "expected 'of' and the date the example is run on after 'as'" );
COMPPLAN_MESSAGE( row_with, "P003", "expected 'with' and the row's fields after {before}" );
COMPPLAN_MESSAGE( expected_outcome, "P003", "expected what happens to the deal (pays, recovers, excluded by, uncredited, out of period, fails with) after {before}" );
COMPPLAN_MESSAGE( expected_as, "P003", "expected 'as' and a role after {before}" );
COMPPLAN_MESSAGE( expected_on, "P003", "expected 'on' and the date of the ledger line after {before}" );
COMPPLAN_MESSAGE( expected_for, "P003", "expected 'for' and the tranche after the date" );
COMPPLAN_MESSAGE( kw_from, "P003", "expected 'from' and the person after the amount" );
COMPPLAN_MESSAGE( out_of, "P003", "expected 'of period' after 'out'" );
COMPPLAN_MESSAGE( out_of_period, "P003", "expected 'period' after 'out of'" );
COMPPLAN_MESSAGE( fails_with, "P003", "expected 'with' and a diagnostic code after 'fails'" );
COMPPLAN_MESSAGE( tier_mode, "P003", "expected 'graduated' or 'retroactive' after the tier table's name" );

COMPPLAN_MESSAGE( share_percent, "P004", "expected a percentage after {before}" );
COMPPLAN_MESSAGE( share_total, "P004", "expected the shares' total as a percentage, such as 200%, after 'totalling'" );
COMPPLAN_MESSAGE( share, "P004", "expected a role and its percentage after {before}" );
COMPPLAN_MESSAGE( plan_title, "P004", "expected the plan's title in double quotes after 'plan'" );
COMPPLAN_MESSAGE( version_text, "P004", "expected the version in double quotes after 'version'" );
COMPPLAN_MESSAGE( role_display, "P004", "expected the role's display name in double quotes after {before}" );
COMPPLAN_MESSAGE( exclusion_reason, "P004", "expected the reason in double quotes after 'because'" );
COMPPLAN_MESSAGE( period_start, "P004", "expected the first day of the period (YYYY-MM-DD) after 'period'" );
COMPPLAN_MESSAGE( period_end, "P004", "expected the last day of the period (YYYY-MM-DD) after 'through'" );
COMPPLAN_MESSAGE( rounding_increment, "P004", "expected the rounding increment, such as 0.01, after 'to'" );
COMPPLAN_MESSAGE( example_as_of, "P004", "expected the date the example is run on (YYYY-MM-DD) after 'of'" );
COMPPLAN_MESSAGE( row_value, "P004", "expected the field's value (quoted text, a number, a percentage, a date, true, false or a name) after {before}" );
COMPPLAN_MESSAGE( expected_deal, "P004", "expected the deal's id in double quotes after 'expect'" );
COMPPLAN_MESSAGE( expected_person, "P004", "expected the person's name in double quotes after {before}" );
COMPPLAN_MESSAGE( expected_amount, "P004", "expected an amount, such as 540.00, after {before}" );
COMPPLAN_MESSAGE( expected_date, "P004", "expected a date (YYYY-MM-DD) after 'on'" );
COMPPLAN_MESSAGE( text_close, "P004", "unterminated text: expected a closing '\"' on the same line" );

COMPPLAN_MESSAGE( nested_expression, "P005", "expected an expression after '('" );
COMPPLAN_MESSAGE( if_condition, "P005", "expected a condition after 'if'" );
COMPPLAN_MESSAGE( then_branch, "P005", "expected an expression after 'then'" );
COMPPLAN_MESSAGE( else_branch, "P005", "expected an expression after 'else'" );
COMPPLAN_MESSAGE( call_argument, "P005", "expected an argument after ','" );
COMPPLAN_MESSAGE( negated_operand, "P005", "expected an expression after '-'" );
COMPPLAN_MESSAGE( product_operand, "P005", "expected an expression after {before}" );
COMPPLAN_MESSAGE( sum_operand, "P005", "expected an expression after {before}" );
COMPPLAN_MESSAGE( compare_operand, "P005", "expected an expression after {before}" );
COMPPLAN_MESSAGE( range_operand, "P005", "expected the upper end of the range after {before}" );
COMPPLAN_MESSAGE( not_operand, "P005", "expected a condition after 'not'" );
COMPPLAN_MESSAGE( and_operand, "P005", "expected a condition after 'and'" );
COMPPLAN_MESSAGE( or_operand, "P005", "expected a condition after 'or'" );
COMPPLAN_MESSAGE( definition_value, "P005", "expected an expression after '='" );
COMPPLAN_MESSAGE( when_condition, "P005", "expected a condition after 'when'" );
COMPPLAN_MESSAGE( quota_value, "P005", "expected the quota, such as people.quota, after 'is'" );
COMPPLAN_MESSAGE( band_pays, "P005", "expected the band's factor, such as 150%, after 'pays'" );
COMPPLAN_MESSAGE( schedule_until, "P005", "expected a date after 'until'" );
COMPPLAN_MESSAGE( tranche_date, "P005", "expected the tranche's date after 'on'" );
COMPPLAN_MESSAGE( tranche_pays, "P005", "expected the tranche's share, such as 30%, or 'remainder' after 'pays'" );
COMPPLAN_MESSAGE( pays_amount, "P005", "expected what is paid after 'pays'" );
COMPPLAN_MESSAGE( clawback_date, "P005", "expected the clawback's date after 'on'" );

COMPPLAN_MESSAGE( close_paren, "P006", "expected ')' after {before}" );
COMPPLAN_MESSAGE( set_open, "P006", "expected '{' and a list of values after {before}" );
COMPPLAN_MESSAGE( set_close, "P006", "expected ',' or '}' after {before}" );
COMPPLAN_MESSAGE( block_open, "P006", "expected '{' after {before}" );
COMPPLAN_MESSAGE( header_close, "P006", "expected a plan setting (version, currency, period, rounding) or '}' after {before}" );
COMPPLAN_MESSAGE( rounding_block_close, "P006", "expected a rounding step (credit, commission, tranche, fee) or '}' after {before}" );
COMPPLAN_MESSAGE( record_close, "P006", "expected a field ('name type') or '}' after {before}" );
COMPPLAN_MESSAGE( tiers_close, "P006", "expected a band ('band name when ... pays ...') or '}' after {before}" );
COMPPLAN_MESSAGE( example_close, "P006", "expected a row ('deal with ...', 'person with ...'), an expectation ('expect ...') or '}' after {before}" );
COMPPLAN_MESSAGE( schedule_close, "P006", "expected a tranche ('tranche name on ... pays ...') or '}' after {before}" );

COMPPLAN_MESSAGE( field_type, "P007", "expected a type (text, number, money, percent, date, boolean, role, one of {...}) after {before}" );
COMPPLAN_MESSAGE( field_attribute, "P007", "expected a field attribute (key, positive, credited, names ROLE) after ','" );

COMPPLAN_MESSAGE( compare_equals, "P014", "expected a single '=' to compare two values, as in 'amount = 100' (a plan has no '==')" );
COMPPLAN_MESSAGE( definition_equals, "P014", "expected a single '=' after the definition's name, as in 'name = expression' (a plan has no '==')" );
COMPPLAN_MESSAGE( comparison_end, "P015", "expected the end of the comparison after {before}: comparisons do not chain, join them with 'and', as in 'a = b and b = c'" );
// clang-format on

#undef COMPPLAN_MESSAGE

}  // namespace compplan::grammar

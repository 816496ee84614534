// The plan language's PEGTL grammar: one struct per rule, its EBNF production above it.
// docs/language.md carries the same productions; keep the two in step.
#pragma once

#include <tao/pegtl.hpp>

namespace compplan::grammar {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;  // NOLINT: the rule vocabulary (seq, sor, opt, ...) reads best unqualified

// clang-format off

// ------------------------------------------------------------------ lexical

// line_comment = "//" { character } end_of_line ;
struct line_comment : seq< two< '/' >, until< eolf > > {};
// doc_comment = "///" { character } end_of_line ;
struct doc_comment : seq< string< '/', '/', '/' >, until< eolf > > {};
// ws = { white_space | line_comment } ;
struct ws : star< sor< space, line_comment > > {};
// separator between clauses; "///" lines here are kept as the next clause's documentation.
struct clause_separator : star< sor< doc_comment, line_comment, space > > {};

struct word_end : not_at< identifier_other > {};
template< typename Key > struct kw : seq< Key, word_end > {};

#define COMPPLAN_KEYWORD( name, text ) struct kw_##name : kw< TAO_PEGTL_STRING( text ) > {}
COMPPLAN_KEYWORD( and, "and" );
COMPPLAN_KEYWORD( or, "or" );
COMPPLAN_KEYWORD( not, "not" );
COMPPLAN_KEYWORD( in, "in" );
COMPPLAN_KEYWORD( if, "if" );
COMPPLAN_KEYWORD( then, "then" );
COMPPLAN_KEYWORD( else, "else" );
COMPPLAN_KEYWORD( true, "true" );
COMPPLAN_KEYWORD( false, "false" );
COMPPLAN_KEYWORD( of, "of" );
COMPPLAN_KEYWORD( days, "days" );
COMPPLAN_KEYWORD( day, "day" );
COMPPLAN_KEYWORD( plan, "plan" );
COMPPLAN_KEYWORD( version, "version" );
COMPPLAN_KEYWORD( currency, "currency" );
COMPPLAN_KEYWORD( period, "period" );
COMPPLAN_KEYWORD( through, "through" );
COMPPLAN_KEYWORD( by, "by" );
COMPPLAN_KEYWORD( rounding, "rounding" );
COMPPLAN_KEYWORD( to, "to" );
COMPPLAN_KEYWORD( leftover, "leftover" );
COMPPLAN_KEYWORD( cents, "cents" );
COMPPLAN_KEYWORD( largest, "largest" );
COMPPLAN_KEYWORD( remainder, "remainder" );
COMPPLAN_KEYWORD( role, "role" );
COMPPLAN_KEYWORD( deals, "deals" );
COMPPLAN_KEYWORD( people, "people" );
COMPPLAN_KEYWORD( optional, "optional" );
COMPPLAN_KEYWORD( one, "one" );
COMPPLAN_KEYWORD( text, "text" );
COMPPLAN_KEYWORD( number, "number" );
COMPPLAN_KEYWORD( money, "money" );
COMPPLAN_KEYWORD( percent, "percent" );
COMPPLAN_KEYWORD( date, "date" );
COMPPLAN_KEYWORD( boolean, "boolean" );
COMPPLAN_KEYWORD( key, "key" );
COMPPLAN_KEYWORD( positive, "positive" );
COMPPLAN_KEYWORD( credited, "credited" );
COMPPLAN_KEYWORD( names, "names" );
COMPPLAN_KEYWORD( exclude, "exclude" );
COMPPLAN_KEYWORD( when, "when" );
COMPPLAN_KEYWORD( because, "because" );
COMPPLAN_KEYWORD( credit, "credit" );
COMPPLAN_KEYWORD( shares, "shares" );
COMPPLAN_KEYWORD( totalling, "totalling" );
COMPPLAN_KEYWORD( cumulative, "cumulative" );
COMPPLAN_KEYWORD( for, "for" );
COMPPLAN_KEYWORD( sums, "sums" );
COMPPLAN_KEYWORD( ordered, "ordered" );
COMPPLAN_KEYWORD( quota, "quota" );
COMPPLAN_KEYWORD( is, "is" );
COMPPLAN_KEYWORD( tiers, "tiers" );
COMPPLAN_KEYWORD( graduated, "graduated" );
COMPPLAN_KEYWORD( retroactive, "retroactive" );
COMPPLAN_KEYWORD( over, "over" );
COMPPLAN_KEYWORD( band, "band" );
COMPPLAN_KEYWORD( pays, "pays" );
COMPPLAN_KEYWORD( schedule, "schedule" );
COMPPLAN_KEYWORD( until, "until" );
COMPPLAN_KEYWORD( tranche, "tranche" );
COMPPLAN_KEYWORD( on, "on" );
COMPPLAN_KEYWORD( rate, "rate" );
COMPPLAN_KEYWORD( tiered, "tiered" );
COMPPLAN_KEYWORD( paid, "paid" );
COMPPLAN_KEYWORD( fee, "fee" );
COMPPLAN_KEYWORD( clawback, "clawback" );
COMPPLAN_KEYWORD( recovers, "recovers" );
COMPPLAN_KEYWORD( everything, "everything" );
COMPPLAN_KEYWORD( tranches, "tranches" );
COMPPLAN_KEYWORD( example, "example" );
COMPPLAN_KEYWORD( as, "as" );
COMPPLAN_KEYWORD( deal, "deal" );
COMPPLAN_KEYWORD( person, "person" );
COMPPLAN_KEYWORD( with, "with" );
COMPPLAN_KEYWORD( expect, "expect" );
COMPPLAN_KEYWORD( from, "from" );
COMPPLAN_KEYWORD( excluded, "excluded" );
COMPPLAN_KEYWORD( uncredited, "uncredited" );
COMPPLAN_KEYWORD( out, "out" );
COMPPLAN_KEYWORD( fails, "fails" );
#undef COMPPLAN_KEYWORD

// reserved = "and" | "or" | "not" | "in" | "if" | "then" | "else" | "true" | "false" | "of" ;
struct reserved : sor< kw_and, kw_or, kw_not, kw_in, kw_if, kw_then, kw_else, kw_true, kw_false, kw_of > {};
// identifier = ( letter | "_" ) { letter | digit | "_" } - reserved ;
struct identifier : seq< not_at< reserved >, pegtl::identifier > {};

// digits = digit { digit } { "_" digit { digit } } ;
struct digits : seq< plus< digit >, star< one< '_' >, plus< digit > > > {};
// decimal_number = digits [ "." digit { digit } ] ;
struct decimal_number : seq< digits, opt< one< '.' >, plus< digit > > > {};
// date_literal = digit digit digit digit "-" digit digit "-" digit digit ;
struct date_literal : seq< rep< 4, digit >, one< '-' >, rep< 2, digit >, one< '-' >, rep< 2, digit >, word_end > {};
// percent_literal = decimal_number "%" ;
struct percent_literal : seq< decimal_number, one< '%' > > {};
// days_literal = decimal_number ( "days" | "day" ) ;
struct days_literal : seq< decimal_number, plus< blank >, sor< kw_days, kw_day > > {};
// number_literal = decimal_number ;
struct number_literal : seq< decimal_number, word_end > {};
// text_literal = '"' { character - '"' | '\"' | '\\' } '"' ;
struct text_escape : seq< one< '\\' >, one< '"', '\\', 'n', 't' > > {};
struct text_character : sor< text_escape, not_one< '"', '\\', '\n', '\r' > > {};
struct text_close : one< '"' > {};
struct text_literal : seq< one< '"' >, star< text_character >, must< text_close > > {};
// boolean_literal = "true" | "false" ;
struct boolean_literal : sor< kw_true, kw_false > {};

// ------------------------------------------------------------------ expressions

struct expression;

// literal = date_literal | days_literal | percent_literal | number_literal | text_literal | boolean_literal ;
struct literal : sor< date_literal, days_literal, percent_literal, number_literal, text_literal, boolean_literal > {};

struct close_paren : one< ')' > {};
struct nested_expression;
// parenthesized = "(" expression ")" ;
struct parenthesized : seq< one< '(' >, ws, must< nested_expression >, ws, must< close_paren > > {};

struct then_branch;
struct else_branch;
struct if_condition;
// conditional = "if" expression "then" expression "else" expression ;
struct conditional : seq< kw_if, ws, must< if_condition >, ws, must< kw_then >, ws, must< then_branch >, ws, must< kw_else >, ws, must< else_branch > > {};

// call = identifier "(" [ expression { "," expression } ] ")" ;
struct call_name : seq< identifier, at< star< blank >, one< '(' > > > {};
struct call_argument;
struct call_arguments : opt< call_argument, star< ws, one< ',' >, ws, must< call_argument > > > {};
struct call : seq< call_name, star< blank >, one< '(' >, ws, call_arguments, ws, must< close_paren > > {};

// member = identifier "." identifier ;
struct member_name : identifier {};
struct member : seq< identifier, one< '.' >, must< member_name > > {};
// name = identifier ;
struct name : identifier {};

// primary = parenthesized | conditional | literal | call | member | name ;
struct primary : sor< parenthesized, conditional, literal, call, member, name > {};

struct operand : seq< primary > {};
// unary = "-" unary | primary ;
struct negated_operand;
struct negation_minus : seq< one< '-' >, ws, must< negated_operand > > {};
struct unary : sor< negation_minus, operand > {};
struct negated_operand : unary {};

// product = unary { ( "*" | "/" | "of" ) unary } ;
struct multiply_op : sor< one< '*' >, seq< one< '/' >, not_at< one< '/' > > >, kw_of > {};
struct product_operand : unary {};
struct product_tail : seq< multiply_op, ws, must< product_operand > > {};
struct product : seq< unary, star< ws, product_tail > > {};

// sum = product { ( "+" | "-" ) product } ;
struct add_op : one< '+', '-' > {};
struct sum_operand : product {};
struct sum_tail : seq< add_op, ws, must< sum_operand > > {};
struct sum : seq< product, star< ws, sum_tail > > {};

// comparison = sum [ compare_op sum [ range_op sum ] | "in" "{" identifier { "," identifier } "}" ] ;
// compare_op = "<=" | ">=" | "!=" | "<" | ">" | "=" ;  range_op = "<=" | "<" ;
// There is no '==': where it stands for '=', the error says so (P014) rather than stopping at
// whatever follows the comparison. must<> fails on '==' by design, to raise with the message;
// the not_at<> comes first so that the error points at the first '=', not the second.
struct compare_equals : seq< not_at< string< '=', '=' > >, one< '=' > > {};
struct compare_double_equals : seq< at< string< '=', '=' > >, must< compare_equals > > {};
struct compare_op : sor< string< '<', '=' >, string< '>', '=' >, string< '!', '=' >, one< '<' >, one< '>' >, compare_equals, compare_double_equals > {};
struct range_op : sor< string< '<', '=' >, one< '<' > > {};
struct compare_operand : sum {};
struct compare_tail : seq< compare_op, ws, must< compare_operand > > {};
struct range_operand : sum {};
struct range_tail : seq< range_op, ws, must< range_operand > > {};
struct set_open : one< '{' > {};
struct set_close : one< '}' > {};
struct set_member : identifier {};
struct set_members : seq< set_member, star< ws, one< ',' >, ws, must< set_member > > > {};
struct membership_tail : seq< kw_in, ws, must< set_open >, ws, must< set_members >, ws, must< set_close > > {};
// Comparisons do not chain: '=' or '!=' after a whole comparison is P015 at that operator, as
// nothing else can follow there. ('<' and '>' are left to the rule after the expression, which
// names what it expected.) must<> fails by design, to raise with the message.
struct comparison_end : not_at< sor< one< '=' >, string< '!', '=' > > > {};
struct chained_equality : seq< at< ws, sor< one< '=' >, string< '!', '=' > > >, ws, must< comparison_end > > {};
struct comparison : seq< sum, opt< ws, sor< membership_tail, seq< compare_tail, opt< ws, range_tail >, opt< chained_equality > > > > > {};

// negation = "not" negation | comparison ;
struct not_operand;
struct logical_not : seq< kw_not, ws, must< not_operand > > {};
struct negation : sor< logical_not, comparison > {};
struct not_operand : negation {};

// conjunction = negation { "and" negation } ;
struct and_operand : negation {};
struct and_tail : seq< kw_and, ws, must< and_operand > > {};
struct conjunction : seq< negation, star< ws, and_tail > > {};

// expression = conjunction { "or" conjunction } ;
struct or_operand : conjunction {};
struct or_tail : seq< kw_or, ws, must< or_operand > > {};
struct expression : seq< conjunction, star< ws, or_tail > > {};

// Names for the places an expression appears, so that errors and actions can tell them apart.
struct nested_expression : expression {};
struct if_condition : expression {};
struct then_branch : expression {};
struct else_branch : expression {};
struct call_argument : expression {};

// ------------------------------------------------------------------ clauses

struct block_open : one< '{' > {};
struct block_close : one< '}' > {};

// header = "plan" text_literal "{" { header_item } "}" ;
// header_item = "version" text_literal | "currency" identifier
//             | "period" date_literal "through" date_literal "by" identifier
//             | "rounding" "{" { rounding_step } "}" ;
// rounding_step = identifier identifier "to" decimal_number [ "," "leftover" "cents" "to" "largest" "remainder" ] ;
struct plan_title : text_literal {};
struct version_text : text_literal {};
struct version_item : seq< kw_version, ws, must< version_text > > {};
struct currency_code : identifier {};
struct currency_item : seq< kw_currency, ws, must< currency_code > > {};
struct period_start : date_literal {};
struct period_end : date_literal {};
struct period_field : identifier {};
struct period_item : seq< kw_period, ws, must< period_start >, ws, must< kw_through >, ws, must< period_end >, ws, must< kw_by >, ws, must< period_field > > {};
struct rounding_stage : identifier {};
struct rounding_mode_name : identifier {};
struct rounding_increment : seq< decimal_number, word_end > {};
struct largest_remainder : seq< kw_leftover, ws, must< kw_cents >, ws, must< kw_to >, ws, must< kw_largest >, ws, must< kw_remainder > > {};
struct rounding_step : seq< rounding_stage, ws, must< rounding_mode_name >, ws, must< kw_to >, ws, must< rounding_increment >, opt< ws, one< ',' >, ws, must< largest_remainder > > > {};
struct rounding_block_close : one< '}' > {};
struct rounding_item : seq< kw_rounding, ws, must< block_open >, ws, star< rounding_step, ws >, must< rounding_block_close > > {};
struct header_item : sor< version_item, currency_item, period_item, rounding_item > {};
struct header_close : one< '}' > {};
struct header_clause : seq< kw_plan, ws, must< plan_title >, ws, must< block_open >, ws, star< header_item, ws >, must< header_close > > {};

// role = "role" identifier text_literal ;
struct role_name : identifier {};
struct role_display : text_literal {};
struct role_clause : seq< kw_role, ws, must< role_name >, ws, must< role_display > > {};

// record = ( "deals" | "people" ) "{" { field } "}" ;
// field = identifier [ "optional" ] type { "," attribute } ;
// type = "text" | "number" | "money" | "percent" | "date" | "boolean" | "role"
//      | "one" "of" "{" identifier { "," identifier } "}" ;
// attribute = "key" | "positive" | "credited" | "names" identifier ;
struct field_name : identifier {};
struct field_optional : kw_optional {};
struct enum_value_name : identifier {};
struct enum_values : seq< enum_value_name, star< ws, one< ',' >, ws, must< enum_value_name > > > {};
struct enum_type : seq< kw_one, ws, must< kw_of >, ws, must< set_open >, ws, must< enum_values >, ws, must< set_close > > {};
struct simple_type : sor< kw_text, kw_number, kw_money, kw_percent, kw_date, kw_boolean, kw_role > {};
struct field_type : sor< enum_type, simple_type > {};
struct names_role : identifier {};
struct field_attribute : sor< kw_key, kw_positive, kw_credited, seq< kw_names, ws, must< names_role > > > {};
struct field_decl : seq< field_name, ws, opt< field_optional, ws >, must< field_type >, star< ws, one< ',' >, ws, must< field_attribute > > > {};
struct record_kind : sor< kw_deals, kw_people > {};
struct record_close : one< '}' > {};
struct record_clause : seq< record_kind, ws, must< block_open >, ws, star< field_decl, ws >, must< record_close > > {};

// definition = identifier "=" expression ;
struct definition_name : identifier {};
struct definition_value : expression {};
// As in compare_op: 'name == expression' is told to use one '=' (P014), not sent to P001.
struct definition_equals : seq< not_at< string< '=', '=' > >, one< '=' > > {};
struct definition_double_equals : seq< at< string< '=', '=' > >, must< definition_equals > > {};
struct definition_clause : seq< definition_name, ws, sor< definition_equals, definition_double_equals >, ws, must< definition_value > > {};

// exclusion = "exclude" identifier "when" expression "because" text_literal ;
struct clause_name : identifier {};
struct when_condition : expression {};
struct exclusion_reason : text_literal {};
struct exclusion_clause : seq< kw_exclude, ws, must< clause_name >, ws, must< kw_when >, ws, must< when_condition >, ws, must< kw_because >, ws, must< exclusion_reason > > {};

// crediting_rule = "credit" identifier "when" expression "shares" share { "," share } [ "totalling" percent_literal ] ;
// share = identifier percent_literal ;
struct share_role : identifier {};
struct share_percent : percent_literal {};
struct share : seq< share_role, ws, must< share_percent > > {};
struct share_total : percent_literal {};
struct declared_total : seq< kw_totalling, not_at< ws, one< '=' > >, ws, must< share_total > > {};
struct crediting_clause : seq< kw_credit, ws, must< clause_name >, ws, must< kw_when >, ws, must< when_condition >, ws, must< kw_shares >, ws, must< share >, star< ws, one< ',' >, ws, must< share > >, opt< ws, declared_total > > {};

// cumulative = "cumulative" identifier "for" identifier "sums" identifier "ordered" "by" identifier { "," identifier } ;
struct clause_role : identifier {};
struct cumulative_quantity : identifier {};
struct order_field : identifier {};
struct cumulative_clause : seq< kw_cumulative, ws, must< clause_name >, ws, must< kw_for >, ws, must< clause_role >, ws, must< kw_sums >, ws, must< cumulative_quantity >, ws, must< kw_ordered >, ws, must< kw_by >, ws, must< order_field >, star< ws, one< ',' >, ws, must< order_field > > > {};

// quota = "quota" "for" identifier "is" expression ;
struct quota_value : expression {};
struct quota_clause : seq< kw_quota, ws, must< kw_for >, ws, must< clause_role >, ws, must< kw_is >, ws, must< quota_value > > {};

// tiers = "tiers" identifier ( "graduated" | "retroactive" ) "over" identifier "{" { band } "}" ;
// band = "band" identifier "when" expression "pays" expression ;
struct tier_mode : sor< kw_graduated, kw_retroactive > {};
struct tier_quantity : identifier {};
struct band_name : identifier {};
struct band_pays : expression {};
struct tier_band : seq< kw_band, ws, must< band_name >, ws, must< kw_when >, ws, must< when_condition >, ws, must< kw_pays >, ws, must< band_pays > > {};
struct tiers_close : one< '}' > {};
struct tiers_clause : seq< kw_tiers, ws, must< clause_name >, ws, must< tier_mode >, ws, must< kw_over >, ws, must< tier_quantity >, ws, must< block_open >, ws, star< tier_band, ws >, must< tiers_close > > {};

// schedule = "schedule" identifier [ "until" expression ] "{" { tranche } "}" ;
// tranche = "tranche" identifier "on" expression "pays" ( "remainder" | expression ) ;
struct schedule_until : expression {};
struct tranche_name : identifier {};
struct tranche_date : expression {};
struct tranche_remainder : kw_remainder {};
struct tranche_share : expression {};
struct tranche_pays : sor< tranche_remainder, tranche_share > {};
struct tranche : seq< kw_tranche, ws, must< tranche_name >, ws, must< kw_on >, ws, must< tranche_date >, ws, must< kw_pays >, ws, must< tranche_pays > > {};
struct schedule_close : one< '}' > {};
struct schedule_clause : seq< kw_schedule, ws, must< clause_name >, opt< ws, kw_until, ws, must< schedule_until > >, ws, must< block_open >, ws, star< tranche, ws >, must< schedule_close > > {};

// rate = "rate" identifier "for" identifier "when" expression "pays" expression
//        [ "tiered" "by" identifier ] "paid" "by" identifier ;
struct pays_amount : expression {};
struct tiers_name : identifier {};
struct schedule_name : identifier {};
struct rate_clause : seq< kw_rate, ws, must< clause_name >, ws, must< kw_for >, ws, must< clause_role >, ws, must< kw_when >, ws, must< when_condition >, ws, must< kw_pays >, ws, must< pays_amount >, opt< ws, kw_tiered, ws, must< kw_by >, ws, must< tiers_name > >, ws, must< kw_paid >, ws, must< kw_by >, ws, must< schedule_name > > {};

// fee = "fee" identifier "for" identifier "when" expression "pays" expression "paid" "by" identifier ;
struct fee_clause : seq< kw_fee, ws, must< clause_name >, ws, must< kw_for >, ws, must< clause_role >, ws, must< kw_when >, ws, must< when_condition >, ws, must< kw_pays >, ws, must< pays_amount >, ws, must< kw_paid >, ws, must< kw_by >, ws, must< schedule_name > > {};

// clawback = "clawback" identifier "when" expression "on" expression "recovers" recovery ;
// recovery = [ unary "of" ] ( "everything" "paid" | "tranches" identifier { "," identifier } ) ;
// The share is a unary, not a whole expression, because "of" would otherwise take it in as
// "50% of everything"; an expression with operators is written in parentheses.
struct clawback_date : expression {};
struct recovered_paid : kw_paid {};
struct recovered_everything : seq< kw_everything, ws, must< recovered_paid > > {};
struct recovered_tranche : identifier {};
struct recovered_tranches : seq< kw_tranches, ws, must< recovered_tranche >, star< ws, one< ',' >, ws, must< recovered_tranche > > > {};
struct recovered_part : sor< recovered_everything, recovered_tranches > {};
struct recovery_share : unary {};
struct recovery_of : kw_of {};
struct shared_recovery : seq< recovery_share, ws, must< recovery_of >, ws, must< recovered_part > > {};
struct recovery : sor< recovered_part, shared_recovery > {};
struct clawback_clause : seq< kw_clawback, ws, must< clause_name >, ws, must< kw_when >, ws, must< when_condition >, ws, must< kw_on >, ws, must< clawback_date >, ws, must< kw_recovers >, ws, must< recovery > > {};

// ------------------------------------------------------------------ examples

// example = "example" identifier "as" "of" date_literal "{" { example_item } "}" ;
// example_item = example_row | expectation ;
// example_row = ( "deal" | "person" ) "with" field_value { "," field_value } ;
// field_value = identifier example_value ;
// example_value = date_literal | percent_literal | number_literal | text_literal | boolean_literal | identifier ;
struct value_date : date_literal {};
struct value_percent : percent_literal {};
struct value_number : number_literal {};
struct value_text : text_literal {};
struct value_boolean : boolean_literal {};
struct value_name : identifier {};
struct row_value : sor< value_date, value_percent, value_number, value_text, value_boolean, value_name > {};
struct row_field : identifier {};
struct row_field_value : seq< row_field, ws, must< row_value > > {};
struct row_record : sor< kw_deal, kw_person > {};
struct row_with : kw_with {};
struct example_row : seq< row_record, ws, must< row_with >, ws, must< row_field_value >, star< ws, one< ',' >, ws, must< row_field_value > > > {};

// expectation = "expect" text_literal outcome ;
// outcome = "pays" text_literal "as" identifier decimal_number "on" date_literal "for" identifier "by" identifier
//         | "recovers" decimal_number "from" text_literal "as" identifier "on" date_literal "by" identifier
//         | "excluded" "by" identifier
//         | "uncredited"
//         | "out" "of" "period"
//         | "fails" "with" identifier ;
struct expected_deal : text_literal {};
struct expected_person : text_literal {};
struct expected_role : identifier {};
struct expected_amount : seq< decimal_number, word_end > {};
struct expected_date : date_literal {};
struct expected_tranche : identifier {};
struct expected_rule : identifier {};
struct expected_code : identifier {};
struct expected_as : kw_as {};
struct expected_for : kw_for {};
struct expected_on : kw_on {};
struct pays_outcome : seq< kw_pays, ws, must< expected_person >, ws, must< expected_as >, ws, must< expected_role >, ws, must< expected_amount >, ws, must< expected_on >, ws, must< expected_date >, ws, must< expected_for >, ws, must< expected_tranche >, ws, must< kw_by >, ws, must< expected_rule > > {};
struct recovers_outcome : seq< kw_recovers, ws, must< expected_amount >, ws, must< kw_from >, ws, must< expected_person >, ws, must< expected_as >, ws, must< expected_role >, ws, must< expected_on >, ws, must< expected_date >, ws, must< kw_by >, ws, must< expected_rule > > {};
struct excluded_outcome : seq< kw_excluded, ws, must< kw_by >, ws, must< expected_rule > > {};
struct uncredited_outcome : kw_uncredited {};
struct out_of : kw_of {};
struct out_of_period : kw_period {};
struct out_of_period_outcome : seq< kw_out, ws, must< out_of >, ws, must< out_of_period > > {};
struct fails_with : kw_with {};
struct fails_outcome : seq< kw_fails, ws, must< fails_with >, ws, must< expected_code > > {};
struct expected_outcome : sor< pays_outcome, recovers_outcome, excluded_outcome, uncredited_outcome, out_of_period_outcome, fails_outcome > {};
struct expectation : seq< kw_expect, ws, must< expected_deal >, ws, must< expected_outcome > > {};

// Only "example NAME as" commits, so that a definition may still be named example.
struct example_name : identifier {};
struct example_of : kw_of {};
struct example_as_of : date_literal {};
struct example_item : sor< example_row, expectation > {};
struct example_close : one< '}' > {};
struct example_clause : seq< kw_example, ws, example_name, ws, kw_as, ws, must< example_of >, ws, must< example_as_of >, ws, must< block_open >, ws, star< example_item, ws >, must< example_close > > {};

// clause = header | role | record | exclusion | crediting_rule | cumulative | quota | tiers
//        | schedule | rate | fee | clawback | example | definition ;
struct clause : sor< header_clause, role_clause, record_clause, exclusion_clause, crediting_clause, cumulative_clause, quota_clause, tiers_clause, schedule_clause, rate_clause, fee_clause, clawback_clause, example_clause, definition_clause > {};

// plan_file = { clause } end_of_file ;
struct end_of_plan : eof {};
struct plan_file : seq< opt< utf8::bom >, clause_separator, star< clause, clause_separator >, must< end_of_plan > > {};

// clang-format on

}  // namespace compplan::grammar

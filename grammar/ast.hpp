// The plan's abstract syntax tree: plain immutable structs, each carrying its source span.
#pragma once

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "core/diagnostic.hpp"
#include "core/value.hpp"

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace compplan::ast {

struct identifier {
   std::string text;
   source_span span;
};

// ---------------------------------------------------------------- expressions

struct expression;
using expression_ptr = std::unique_ptr<const expression>;

enum class literal_kind { number, percent, date, days, text, boolean };

struct literal {
   literal_kind kind = literal_kind::number;
   value constant;  // decimal for number/percent (70% holds 0.7), date, day_count, string, bool
};

// A bare name: a deal field, a definition, an enumeration value, or one of the names a
// clause provides (credit, a cumulative quantity, quota). The checker decides which.
struct name_ref {
   std::string name;
};

// object.member, such as people.quota.
struct member_ref {
   identifier object;
   identifier member;
};

enum class unary_op { negate, logical_not };

struct unary {
   unary_op op;
   expression_ptr operand;
};

enum class binary_op {
   add, subtract, multiply, divide, percent_of,  // arithmetic ("of": 5% of amount)
   logical_and, logical_or,
   equal, not_equal, less, less_equal, greater, greater_equal,
};
std::string_view to_string(binary_op op);
bool is_comparison(binary_op op);

struct binary {
   binary_op op;
   expression_ptr left;
   expression_ptr right;
};

// A range with both ends visible: low OP subject OP high, each OP < or <=.
struct range {
   expression_ptr low;
   binary_op low_op;  // less or less_equal
   expression_ptr subject;
   binary_op high_op;  // less or less_equal
   expression_ptr high;
};

// subject in {a, b, c}: membership in a set of enumeration values.
struct membership {
   expression_ptr subject;
   std::vector<identifier> members;
};

struct conditional {
   expression_ptr condition;
   expression_ptr then_branch;
   expression_ptr else_branch;
};

struct call {
   identifier function;
   std::vector<expression_ptr> arguments;
};

struct expression {
   std::size_t id = 0;  // dense, unique within a plan: the key of the checker's side tables
   std::uint32_t height = 1;  // levels in this subtree; the parser bounds it, so passes may recurse
   source_span span;
   std::variant<literal, name_ref, member_ref, unary, binary, range, membership, conditional, call> node;
};

// Calls `visit` on each direct child of `expr`, left to right.
template< typename Visit >
void for_each_child(const expression& expr, Visit&& visit)
{
   std::visit(
      [&](const auto& node) {
         using node_type = std::decay_t<decltype(node)>;
         if constexpr (std::is_same_v<node_type, unary>) {
            visit(*node.operand);
         }
         else if constexpr (std::is_same_v<node_type, binary>) {
            visit(*node.left);
            visit(*node.right);
         }
         else if constexpr (std::is_same_v<node_type, range>) {
            visit(*node.low);
            visit(*node.subject);
            visit(*node.high);
         }
         else if constexpr (std::is_same_v<node_type, membership>) {
            visit(*node.subject);
         }
         else if constexpr (std::is_same_v<node_type, conditional>) {
            visit(*node.condition);
            visit(*node.then_branch);
            visit(*node.else_branch);
         }
         else if constexpr (std::is_same_v<node_type, call>) {
            for (const auto& argument : node.arguments) {
               visit(*argument);
            }
         }
      },
      expr.node);
}

// ---------------------------------------------------------------- declarations

struct rounding_step {
   identifier stage;  // credit, commission, tranche, fee
   identifier mode;   // half_up, half_even, half_down, floor, ceiling, toward_zero
   decimal increment;
   bool largest_remainder = false;  // "leftover cents to largest remainder" (credit only)
   source_span span;
};

struct plan_header {
   std::string doc;
   std::string title;
   source_span title_span;
   std::optional<std::string> version;
   std::optional<identifier> currency;
   std::optional<date> period_start;
   std::optional<date> period_end;
   std::optional<identifier> period_field;
   source_span period_span;
   std::vector<rounding_step> rounding;
   source_span span;
};

struct role_decl {
   std::string doc;
   identifier name;
   std::string display_name;
   source_span span;
};

enum class field_type { text, number, money, percent, date, boolean, role, enumeration };
std::string_view to_string(field_type type);

struct field_decl {
   identifier name;
   field_type type = field_type::text;
   bool optional = false;
   std::vector<identifier> enum_values;  // for field_type::enumeration, in declared order
   bool key = false;
   bool positive = false;
   bool credited = false;  // the amount that crediting rules split
   std::optional<identifier> names_role;  // "names AE": this column holds the AE's name
   source_span span;
};

enum class record_kind { deals, people };

struct record_decl {
   std::string doc;
   record_kind kind = record_kind::deals;
   std::vector<field_decl> fields;
   source_span span;
};

struct definition {
   std::string doc;
   identifier name;
   expression_ptr value;
   source_span span;
};

struct exclusion {
   std::string doc;
   identifier name;
   expression_ptr when;
   std::string reason;
   source_span reason_span;
   source_span span;
};

struct share {
   identifier role;
   decimal percent;  // 70% holds 0.7
   source_span span;
};

struct crediting_rule {
   std::string doc;
   identifier name;
   expression_ptr when;
   std::vector<share> shares;
   std::optional<decimal> total;  // "totalling 200%": what the shares add up to on purpose (100% if absent)
   source_span total_span;
   source_span span;
};

struct cumulative_decl {
   std::string doc;
   identifier name;
   identifier role;
   identifier quantity;  // what is summed: credit
   std::vector<identifier> order;  // deal fields, compared in turn
   source_span span;
};

struct quota_decl {
   std::string doc;
   identifier role;
   expression_ptr value;
   source_span span;
};

enum class tier_mode { graduated, retroactive };

struct tier_band {
   identifier name;
   expression_ptr when;  // a range over the tier's quantity
   expression_ptr pays;  // a factor applied to the base rate (150% = one and a half times)
   source_span span;
};

struct tier_table {
   std::string doc;
   identifier name;
   tier_mode mode = tier_mode::graduated;
   identifier quantity;
   std::vector<tier_band> bands;
   source_span span;
};

struct tranche {
   identifier name;
   expression_ptr on;     // the payout date
   expression_ptr share;  // null for "pays remainder"
   source_span span;
};

struct schedule {
   std::string doc;
   identifier name;
   expression_ptr until;  // may be null: tranches dated on or after it are not paid
   std::vector<tranche> tranches;
   source_span span;
};

struct rate_rule {
   std::string doc;
   identifier name;
   identifier role;
   expression_ptr when;
   expression_ptr pays;
   std::optional<identifier> tiers;
   identifier schedule;
   source_span span;
};

struct fee_rule {
   std::string doc;
   identifier name;
   identifier role;
   expression_ptr when;
   expression_ptr pays;
   identifier schedule;
   source_span span;
};

struct clawback_rule {
   std::string doc;
   identifier name;
   expression_ptr when;
   expression_ptr on;
   expression_ptr share;              // "50% of ...": the part recovered; null for all of it
   std::vector<identifier> tranches;  // "tranches a, b": the tranches recovered; empty for everything paid
   source_span span;
};

// Whether the clawback takes back what tranche `name` paid: every tranche unless it names some.
bool recovers_tranche(const clawback_rule& rule, std::string_view name);

// ---------------------------------------------------------------- examples

enum class example_value_kind { text, number, percent, date, boolean, name };

// A value in an example's row, and the CSV cell it stands for (30_000 is the cell 30000).
struct example_value {
   example_value_kind kind = example_value_kind::text;
   std::string cell;
   source_span span;
};

struct example_field {
   identifier field;
   example_value value;
};

// "deal with ..." (a row of the deals file) or "person with ..." (a row of the people file).
struct example_row {
   record_kind record = record_kind::deals;
   std::vector<example_field> fields;
   source_span span;
};

enum class expected_kind { pays, recovers, excluded, uncredited, out_of_period, fails };

// One "expect" line: a ledger line (pays, recovers) or how a deal is accounted for.
struct expectation {
   expected_kind kind = expected_kind::pays;
   std::string deal;
   source_span deal_span;
   std::string person;  // pays, recovers
   identifier role;     // pays, recovers
   decimal amount;      // pays, recovers: as written (a recovery is written positive)
   date on;             // pays, recovers
   identifier tranche;  // pays
   identifier rule;     // pays, recovers: the ledger's rule; excluded: the exclusion; fails: the code
   source_span span;
};

// A worked example: deals and people written inline, run as of a date, with what it must pay.
struct example {
   std::string doc;
   identifier name;
   date as_of;
   std::vector<example_row> rows;
   std::vector<expectation> expectations;
   source_span span;
};

enum class clause_kind {
   header, role, record, definition, exclusion, crediting, cumulative, quota, tiers, schedule, rate,
   fee, clawback, example,
};

// A clause's place in the file, so that formatters and renderings keep the author's order.
struct clause_ref {
   clause_kind kind;
   std::size_t index;  // into the vector of that kind
};

struct plan {
   std::string file;
   std::optional<plan_header> header;
   std::vector<role_decl> roles;
   std::vector<record_decl> records;
   std::vector<definition> definitions;
   std::vector<exclusion> exclusions;
   std::vector<crediting_rule> crediting_rules;
   std::vector<cumulative_decl> cumulatives;
   std::vector<quota_decl> quotas;
   std::vector<tier_table> tier_tables;
   std::vector<schedule> schedules;
   std::vector<rate_rule> rates;
   std::vector<fee_rule> fees;
   std::vector<clawback_rule> clawbacks;
   std::vector<example> examples;  // those of a companion NAME.examples.plan follow the plan's own
   std::vector<clause_ref> clauses;
   std::size_t expression_count = 0;  // ids run from 0 to expression_count - 1
};

// Calls `visit` on the expression at the root of each clause other than a definition (exclusions,
// crediting rules, quotas, tier bands, schedules and their tranches, rates, fees, clawbacks), in
// that order; parts a clause leaves out (a schedule without `until`) are skipped. Definitions are
// left to the caller, which may want all of them or only those the clauses use.
template< typename Visit >
void for_each_clause_expression(const plan& syntax, Visit&& visit)
{
   const auto root = [&](const expression_ptr& expr) {
      if (expr) visit(*expr);
   };
   for (const auto& x : syntax.exclusions) root(x.when);
   for (const auto& r : syntax.crediting_rules) root(r.when);
   for (const auto& q : syntax.quotas) root(q.value);
   for (const auto& t : syntax.tier_tables) {
      for (const auto& band : t.bands) {
         root(band.when);
         root(band.pays);
      }
   }
   for (const auto& s : syntax.schedules) {
      root(s.until);
      for (const auto& tranche : s.tranches) {
         root(tranche.on);
         root(tranche.share);
      }
   }
   for (const auto& r : syntax.rates) {
      root(r.when);
      root(r.pays);
   }
   for (const auto& f : syntax.fees) {
      root(f.when);
      root(f.pays);
   }
   for (const auto& c : syntax.clawbacks) {
      root(c.when);
      root(c.on);
      root(c.share);
   }
}

// Where a clause stands in its file.
source_span clause_span(const plan& syntax, const clause_ref& clause);

}  // namespace compplan::ast

// Names of AST enumerations, as the plan language spells them, and small questions about clauses.
#include "grammar/ast.hpp"

#include <algorithm>

namespace compplan::ast {

std::string_view to_string(binary_op op)
{
   switch (op) {
      case binary_op::add: return "+";
      case binary_op::subtract: return "-";
      case binary_op::multiply: return "*";
      case binary_op::divide: return "/";
      case binary_op::percent_of: return "of";
      case binary_op::logical_and: return "and";
      case binary_op::logical_or: return "or";
      case binary_op::equal: return "=";
      case binary_op::not_equal: return "!=";
      case binary_op::less: return "<";
      case binary_op::less_equal: return "<=";
      case binary_op::greater: return ">";
      case binary_op::greater_equal: return ">=";
   }
   return "?";
}

bool is_comparison(binary_op op)
{
   switch (op) {
      case binary_op::equal:
      case binary_op::not_equal:
      case binary_op::less:
      case binary_op::less_equal:
      case binary_op::greater:
      case binary_op::greater_equal: return true;
      default: return false;
   }
}

std::string_view to_string(field_type type)
{
   switch (type) {
      case field_type::text: return "text";
      case field_type::number: return "number";
      case field_type::money: return "money";
      case field_type::percent: return "percent";
      case field_type::date: return "date";
      case field_type::boolean: return "boolean";
      case field_type::role: return "role";
      case field_type::enumeration: return "one of {...}";
   }
   return "?";
}

source_span clause_span(const plan& syntax, const clause_ref& clause)
{
   const auto i = clause.index;
   switch (clause.kind) {
      case clause_kind::header: return syntax.header ? syntax.header->span : source_span{};
      case clause_kind::role: return syntax.roles[i].span;
      case clause_kind::record: return syntax.records[i].span;
      case clause_kind::definition: return syntax.definitions[i].span;
      case clause_kind::exclusion: return syntax.exclusions[i].span;
      case clause_kind::crediting: return syntax.crediting_rules[i].span;
      case clause_kind::cumulative: return syntax.cumulatives[i].span;
      case clause_kind::quota: return syntax.quotas[i].span;
      case clause_kind::tiers: return syntax.tier_tables[i].span;
      case clause_kind::schedule: return syntax.schedules[i].span;
      case clause_kind::rate: return syntax.rates[i].span;
      case clause_kind::fee: return syntax.fees[i].span;
      case clause_kind::clawback: return syntax.clawbacks[i].span;
      case clause_kind::example: return syntax.examples[i].span;
   }
   return {};
}

bool recovers_tranche(const clawback_rule& rule, std::string_view name)
{
   return rule.tranches.empty() || std::any_of(rule.tranches.begin(), rule.tranches.end(),
                                               [&](const identifier& tranche) { return tranche.text == name; });
}

}  // namespace compplan::ast

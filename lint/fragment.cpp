// Turns conditions into unions of boxes, pushing `not` inward the way the evaluator reads it:
// a comparison with a blank is false, so its negation holds on blank.
#include "lint/fragment.hpp"

#include "interpreter/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

namespace compplan::lint {

// ------------------------------------------------------------------ constants

bool is_constant(const checked_plan& plan, const ast::expression& expr)
{
   if (std::holds_alternative<ast::literal>(expr.node)) return true;
   if (std::holds_alternative<ast::name_ref>(expr.node) || std::holds_alternative<ast::member_ref>(expr.node)) {
      const auto& symbol = plan.symbols[expr.id];
      if (!symbol) return false;
      if (symbol->kind == symbol_kind::enum_value) return true;
      if (symbol->kind == symbol_kind::definition) {
         return is_constant(plan, *plan.plan().definitions[static_cast<std::size_t>(symbol->index)].value);
      }
      return false;
   }
   bool constant = true;
   ast::for_each_child(expr, [&](const ast::expression& child) { constant = constant && is_constant(plan, child); });
   return constant;
}

std::optional<value> constant_value(const checked_plan& plan, const ast::expression& expr)
{
   if (!is_constant(plan, expr)) return std::nullopt;
   const std::vector<value> no_fields;
   std::vector<std::optional<value>> definitions(plan.plan().definitions.size());
   evaluation_scope scope;
   scope.deal = no_fields;
   scope.definitions = &definitions;
   try {
      return evaluator(plan).evaluate(expr, scope);
   }
   catch (const std::exception&) {
      return std::nullopt;
   }
}

// ------------------------------------------------------------------ the space

namespace {

int field_of(const checked_plan& plan, const ast::expression& expr)
{
   if (!std::holds_alternative<ast::name_ref>(expr.node)) return -1;
   const auto& symbol = plan.symbols[expr.id];
   return symbol && symbol->kind == symbol_kind::deal_field ? symbol->index : -1;
}

// Calls `visit` on every expression of every definition, exclusion, crediting rule and rate.
void for_each_condition_expression(const checked_plan& plan, const std::function<void(const ast::expression&)>& visit)
{
   std::function<void(const ast::expression&)> walk = [&](const ast::expression& expr) {
      visit(expr);
      ast::for_each_child(expr, walk);
   };
   for (const auto& d : plan.plan().definitions) walk(*d.value);
   for (const auto& x : plan.plan().exclusions) walk(*x.when);
   for (const auto& r : plan.plan().crediting_rules) walk(*r.when);
   for (const auto& r : plan.plan().rates) walk(*r.when);
}

}  // namespace

deal_space build_space(const checked_plan& plan)
{
   deal_space space;
   space.currency_places = plan.currency_places;
   // Text fields are seen through the constants they are compared with.
   std::map<int, std::vector<std::string>> texts;
   for_each_condition_expression(plan, [&](const ast::expression& expr) {
      const auto* node = std::get_if<ast::binary>(&expr.node);
      if (node == nullptr || !ast::is_comparison(node->op)) return;
      for (const auto& [side, other] : {std::pair{&*node->left, &*node->right}, std::pair{&*node->right, &*node->left}}) {
         const int field = field_of(plan, *side);
         if (field < 0 || plan.deals.fields[static_cast<std::size_t>(field)].type.kind != type_kind::text) continue;
         if (const auto constant = constant_value(plan, *other)) {
            if (const auto* text = std::get_if<std::string>(&*constant)) {
               auto& list = texts[field];
               if (std::find(list.begin(), list.end(), *text) == list.end()) list.push_back(*text);
            }
         }
      }
   });
   const auto first_day = decimal::from_int(date::from_ymd(1, 1, 1)->serial());
   const auto last_day = decimal::from_int(date::from_ymd(9999, 12, 31)->serial());
   for (std::size_t i = 0; i < plan.deals.fields.size(); ++i) {
      const auto& info = plan.deals.fields[i];
      field_domain domain;
      domain.field = static_cast<int>(i);
      domain.name = info.decl->name.text;
      domain.type = info.type.kind;
      domain.optional = info.type.optional;
      switch (info.type.kind) {
         case type_kind::enumeration:
            domain.cells = plan.enumerations[static_cast<std::size_t>(info.type.enumeration)].values;
            break;
         case type_kind::boolean: domain.cells = {"false", "true"}; break;
         case type_kind::text:
            domain.cells = texts[static_cast<int>(i)];
            domain.cells.emplace_back("(any other text)");
            break;
         case type_kind::date:
            domain.kind = domain_kind::ordered;
            domain.step = decimal::from_int(1);
            domain.range = {bound::finite(first_day, true), bound::finite(last_day, true)};
            if (static_cast<int>(i) == plan.period_field) {
               domain.range = {bound::finite(decimal::from_int(plan.period_start.serial()), true),
                               bound::finite(decimal::from_int(plan.period_end.serial()), true)};
            }
            break;
         default:  // money, numbers, percentages
            domain.kind = domain_kind::ordered;
            if (info.type.kind == type_kind::money) {
               decimal unit = decimal::from_int(1);
               for (int p = 0; p < plan.currency_places; ++p) unit = unit / decimal::from_int(10);
               domain.step = unit;
            }
            if (info.decl->positive) domain.range.low = bound::finite(decimal{}, false);
            break;
      }
      space.fields.push_back(std::move(domain));
   }
   return space;
}

box deal_space::full() const
{
   box b;
   b.reserve(fields.size());
   for (const auto& f : fields) b.push_back(full_set(f));
   return b;
}

bool deal_space::is_empty(const box& b) const
{
   return std::any_of(b.begin(), b.end(), [](const field_set& s) { return lint::is_empty(s); });
}

std::optional<box> deal_space::meet(const box& a, const box& b) const
{
   box out;
   out.reserve(fields.size());
   for (std::size_t f = 0; f < fields.size(); ++f) {
      out.push_back(intersect(fields[f], a[f], b[f]));
      if (lint::is_empty(out.back())) return std::nullopt;
   }
   return out;
}

bool deal_space::intersects(const box& a, const box& b) const
{
   for (std::size_t f = 0; f < fields.size(); ++f) {
      if (!lint::intersects(fields[f], a[f], b[f])) return false;
   }
   return true;
}

bool deal_space::contains(const box& outer, const box& inner) const
{
   for (std::size_t f = 0; f < fields.size(); ++f) {
      if (!lint::contains(fields[f], outer[f], inner[f])) return false;
   }
   return true;
}

// ------------------------------------------------------------------ conditions

namespace {

struct undecidable {
   const ast::expression* where;
   std::string why;
};

using union_of_boxes = std::vector<box>;

class converter {
public:
   converter(const deal_space& space, const checked_plan& plan) : m_space(space), m_plan(plan) {}

   union_of_boxes convert(const ast::expression& expr, bool negated);

private:
   union_of_boxes everything() const { return {m_space.full()}; }
   union_of_boxes atom(int field, const field_set& set, bool negated) const
   {
      const auto& domain = m_space.fields[static_cast<std::size_t>(field)];
      auto b = m_space.full();
      b[static_cast<std::size_t>(field)] = negated ? complement(domain, set) : intersect(domain, full_set(domain), set);
      if (lint::is_empty(b[static_cast<std::size_t>(field)])) return {};
      return {std::move(b)};
   }
   union_of_boxes both(const union_of_boxes& a, const union_of_boxes& b, const ast::expression& where) const
   {
      union_of_boxes out;
      for (const auto& x : a) {
         for (const auto& y : b) {
            if (auto z = m_space.meet(x, y)) {
               out.push_back(std::move(*z));
               limit(out, where);
            }
         }
      }
      return out;
   }
   union_of_boxes either(union_of_boxes a, union_of_boxes b, const ast::expression& where) const
   {
      a.insert(a.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
      limit(a, where);
      return a;
   }
   void limit(const union_of_boxes& u, const ast::expression& where) const
   {
      if (u.size() > max_boxes_per_condition) {
         throw undecidable{&where, fmt::format("its and/or/not combinations expand to more than {} cases",
                                               max_boxes_per_condition)};
      }
   }

   union_of_boxes comparison(const ast::expression& expr, const ast::binary& node, bool negated);
   field_set compare_set(int field, ast::binary_op op, const value& constant, const ast::expression& where) const;

   const deal_space& m_space;
   const checked_plan& m_plan;
   std::map<std::pair<std::size_t, bool>, union_of_boxes> m_definitions;
};

ast::binary_op flipped(ast::binary_op op)
{
   using ast::binary_op;
   switch (op) {
      case binary_op::less: return binary_op::greater;
      case binary_op::less_equal: return binary_op::greater_equal;
      case binary_op::greater: return binary_op::less;
      case binary_op::greater_equal: return binary_op::less_equal;
      default: return op;
   }
}

field_set converter::compare_set(int field, ast::binary_op op, const value& constant, const ast::expression& where) const
{
   using ast::binary_op;
   const auto& domain = m_space.fields[static_cast<std::size_t>(field)];
   if (is_blank(constant)) return empty_set(domain);  // a comparison with a blank is false
   if (domain.kind == domain_kind::finite) {
      if (domain.is_text() && op != binary_op::equal && op != binary_op::not_equal) {
         throw undecidable{&where, "it orders text, which the analysis reads only through = and !="};
      }
      auto set = empty_set(domain);
      for (std::size_t cell = 0; cell < domain.cells.size(); ++cell) {
         int order = 0;
         if (domain.is_text()) {
            const bool other = cell + 1 == domain.cells.size();
            order = other ? 1 : compare_values(value{domain.cells[cell]}, constant);
         }
         else if (domain.type == type_kind::boolean) {
            order = compare_values(value{cell == 1}, constant);
         }
         else {
            order = compare_values(value{enum_value{static_cast<std::uint32_t>(cell)}}, constant);
         }
         const bool holds = op == binary_op::equal           ? order == 0
                            : op == binary_op::not_equal     ? order != 0
                            : op == binary_op::less          ? order < 0
                            : op == binary_op::less_equal    ? order <= 0
                            : op == binary_op::greater       ? order > 0
                                                             : order >= 0;
         if (holds) set.cells[cell / 64] |= std::uint64_t{1} << (cell % 64);
      }
      return set;
   }
   const auto c = ordered_key(constant);
   switch (op) {
      case binary_op::equal: return interval_set(domain, bound::finite(c, true), bound::finite(c, true));
      case binary_op::not_equal:
         return unite(domain, interval_set(domain, bound::unbounded(), bound::finite(c, false)),
                      interval_set(domain, bound::finite(c, false), bound::unbounded()));
      case binary_op::less: return interval_set(domain, bound::unbounded(), bound::finite(c, false));
      case binary_op::less_equal: return interval_set(domain, bound::unbounded(), bound::finite(c, true));
      case binary_op::greater: return interval_set(domain, bound::finite(c, false), bound::unbounded());
      default: return interval_set(domain, bound::finite(c, true), bound::unbounded());
   }
}

union_of_boxes converter::comparison(const ast::expression& expr, const ast::binary& node, bool negated)
{
   int field = field_of(m_plan, *node.left);
   const ast::expression* other = &*node.right;
   auto op = node.op;
   if (field < 0) {
      field = field_of(m_plan, *node.right);
      other = &*node.left;
      op = flipped(op);
   }
   if (field < 0) {
      throw undecidable{&expr, "it compares values computed from fields, not a field with a constant"};
   }
   const auto constant = constant_value(m_plan, *other);
   if (!constant) {
      throw undecidable{&expr, field_of(m_plan, *other) >= 0 ? "it compares two fields"
                                                              : "it compares a field with a computed value"};
   }
   return atom(field, compare_set(field, op, *constant, expr), negated);
}

union_of_boxes converter::convert(const ast::expression& expr, bool negated)
{
   using ast::binary_op;
   if (is_constant(m_plan, expr)) {
      const auto truth = constant_value(m_plan, expr);
      const auto* b = truth ? std::get_if<bool>(&*truth) : nullptr;
      const bool holds = b != nullptr && *b;
      return holds != negated ? everything() : union_of_boxes{};
   }
   if (std::holds_alternative<ast::name_ref>(expr.node)) {
      const auto& symbol = *m_plan.symbols[expr.id];
      if (symbol.kind == symbol_kind::deal_field) {
         const auto& domain = m_space.fields[static_cast<std::size_t>(symbol.index)];
         return atom(symbol.index, cell_set(domain, 1), negated);  // a boolean field: true
      }
      if (symbol.kind == symbol_kind::definition) {
         const auto key = std::pair{static_cast<std::size_t>(symbol.index), negated};
         if (const auto it = m_definitions.find(key); it != m_definitions.end()) return it->second;
         auto result = convert(*m_plan.plan().definitions[key.first].value, negated);
         m_definitions.emplace(key, result);
         return result;
      }
      throw undecidable{&expr, "it depends on the person credited, not only on the deal"};
   }
   if (const auto* node = std::get_if<ast::unary>(&expr.node); node != nullptr && node->op == ast::unary_op::logical_not) {
      return convert(*node->operand, !negated);
   }
   if (const auto* node = std::get_if<ast::binary>(&expr.node)) {
      if (node->op == binary_op::logical_and || node->op == binary_op::logical_or) {
         auto left = convert(*node->left, negated);
         auto right = convert(*node->right, negated);
         // not (a and b) = not a or not b; not (a or b) = not a and not b
         const bool conjunction = (node->op == binary_op::logical_and) != negated;
         return conjunction ? both(left, right, expr) : either(std::move(left), std::move(right), expr);
      }
      if (ast::is_comparison(node->op)) return comparison(expr, *node, negated);
   }
   if (const auto* node = std::get_if<ast::range>(&expr.node)) {
      const int field = field_of(m_plan, *node->subject);
      const auto low = constant_value(m_plan, *node->low);
      const auto high = constant_value(m_plan, *node->high);
      if (field < 0 || !low || !high) {
         throw undecidable{&expr, "its range is not a field between two constants"};
      }
      const auto& domain = m_space.fields[static_cast<std::size_t>(field)];
      if (is_blank(*low) || is_blank(*high)) return negated ? everything() : union_of_boxes{};
      const auto set = interval_set(domain, bound::finite(ordered_key(*low), node->low_op == binary_op::less_equal),
                                    bound::finite(ordered_key(*high), node->high_op == binary_op::less_equal));
      return atom(field, set, negated);
   }
   if (const auto* node = std::get_if<ast::membership>(&expr.node)) {
      const int field = field_of(m_plan, *node->subject);
      if (field < 0) throw undecidable{&expr, "it tests membership of a computed value"};
      const auto& domain = m_space.fields[static_cast<std::size_t>(field)];
      auto set = empty_set(domain);
      for (const auto position : m_plan.set_members[expr.id]) set.cells[position / 64] |= std::uint64_t{1} << (position % 64);
      return atom(field, set, negated);
   }
   if (const auto* node = std::get_if<ast::conditional>(&expr.node)) {
      // (c and t) or (not c and e), with t and e negated when the whole is
      auto when = both(convert(*node->condition, false), convert(*node->then_branch, negated), expr);
      auto otherwise = both(convert(*node->condition, true), convert(*node->else_branch, negated), expr);
      return either(std::move(when), std::move(otherwise), expr);
   }
   if (const auto* node = std::get_if<ast::call>(&expr.node)) {
      const auto* function = m_plan.functions[expr.id];
      if (function != nullptr && function->name == "is_blank" && node->arguments.size() == 1) {
         const int field = field_of(m_plan, *node->arguments.front());
         if (field >= 0) {
            return atom(field, blank_set(m_space.fields[static_cast<std::size_t>(field)]), negated);
         }
      }
      throw undecidable{&expr, fmt::format("it calls '{}'", node->function.text)};
   }
   throw undecidable{&expr, "the analysis does not reason about this kind of expression"};
}

}  // namespace

condition_cover cover_of(const deal_space& space, const checked_plan& plan, const ast::expression& condition)
{
   condition_cover cover;
   try {
      cover.boxes = converter(space, plan).convert(condition, false);
   }
   catch (const undecidable& stop) {
      cover.boxes.clear();
      cover.decided = false;
      cover.undecided_at = stop.where->span;
      cover.why = stop.why;
   }
   catch (const std::exception& error) {  // arithmetic on constants out of range
      cover.boxes.clear();
      cover.decided = false;
      cover.undecided_at = condition.span;
      cover.why = error.what();
   }
   return cover;
}

}  // namespace compplan::lint

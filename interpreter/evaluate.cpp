// Expression evaluation on a deal, following the checker's resolutions and types.
#include "interpreter/evaluate.hpp"

#include <array>
#include <span>

namespace compplan {

namespace {

// The position of T among value's alternatives.
template <typename T, std::size_t I = 0>
constexpr std::size_t find_alternative()
{
   if constexpr (std::is_same_v<std::variant_alternative_t<I, value>, T>) {
      return I;
   }
   else {
      return find_alternative<T, I + 1>();
   }
}
template <typename T>
constexpr std::size_t variant_index = find_alternative<T>();

const decimal& as_decimal(const value& v)
{
   return std::get<decimal>(v);
}

// A value of type T, or nothing when it is blank.
template <typename T>
std::optional<T> read_as(const value& v)
{
   if (is_blank(v)) return std::nullopt;
   return std::get<T>(v);
}

bool is_numeric(type_kind kind)
{
   return kind == type_kind::number || kind == type_kind::money || kind == type_kind::percent;
}

bool decide(ast::binary_op op, std::strong_ordering order)
{
   switch (op) {
      case ast::binary_op::equal: return order == 0;
      case ast::binary_op::not_equal: return order != 0;
      case ast::binary_op::less: return order < 0;
      case ast::binary_op::less_equal: return order <= 0;
      case ast::binary_op::greater: return order > 0;
      default: return order >= 0;
   }
}

}  // namespace

int compare_values(const value& a, const value& b)
{
   // By the alternative's index: both values are of one kind, so one switch finds it.
   const auto three_way = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
   switch (a.index()) {
      case variant_index<decimal>: {
         const auto order = std::get<decimal>(a) <=> std::get<decimal>(b);
         return order < 0 ? -1 : order > 0 ? 1 : 0;
      }
      case variant_index<date>: return three_way(std::get<date>(a), std::get<date>(b));
      case variant_index<day_count>: return three_way(std::get<day_count>(a).days, std::get<day_count>(b).days);
      case variant_index<std::string>: {
         const int order = std::get<std::string>(a).compare(std::get<std::string>(b));
         return order < 0 ? -1 : order > 0 ? 1 : 0;
      }
      case variant_index<enum_value>: return three_way(std::get<enum_value>(a).index, std::get<enum_value>(b).index);
      case variant_index<bool>: return three_way(std::get<bool>(a), std::get<bool>(b));
      default: return 0;
   }
}

evaluator::evaluator(const checked_plan& plan, bool typed_readings)
   : m_plan(plan), m_typed(typed_readings), m_members(plan.symbols.size()), m_cell_tests(plan.symbols.size()),
     m_deal_fields(plan.symbols.size(), -1)
{
   for (std::size_t id = 0; id < plan.symbols.size(); ++id) {
      if (plan.symbols[id] && plan.symbols[id]->kind == symbol_kind::enum_value) {
         m_members[id] = enum_value{static_cast<std::uint32_t>(plan.symbols[id]->index)};
      }
      // Only a bare name is given a deal field's symbol (the typer's name).
      if (plan.symbols[id] && plan.symbols[id]->kind == symbol_kind::deal_field) {
         m_deal_fields[id] = static_cast<std::int32_t>(plan.symbols[id]->index);
      }
   }
   // Every expression a run evaluates, from the clauses down; one left out is only slower.
   const auto walk = [this](const ast::expression& root) {
      std::vector<const ast::expression*> pending{&root};  // not recursive: nesting may be deep
      while (!pending.empty()) {
         const auto* expr = pending.back();
         pending.pop_back();
         prepare_cell_test(*expr);
         ast::for_each_child(*expr, [&](const ast::expression& child) { pending.push_back(&child); });
      }
   };
   for (const auto& definition : plan.plan().definitions) walk(*definition.value);
   ast::for_each_clause_expression(plan.plan(), walk);
   for (const auto* function : plan.functions) {
      if (function == nullptr || !m_typed) continue;
      if (function->name == "coalesce") m_coalesce = function;
      if (function->name == "is_blank") m_is_blank = function;
   }
}

void evaluator::prepare_cell_test(const ast::expression& expr)
{
   const auto* node = std::get_if<ast::binary>(&expr.node);
   if (node == nullptr || !ast::is_comparison(node->op) || expr.id >= m_cell_tests.size()) return;
   bool field_left = true;
   auto field = field_named(*node->left);
   auto constant = field ? ordinal_constant(*node->right) : std::nullopt;
   if (!field || !constant) {
      field_left = false;
      field = field_named(*node->right);
      constant = field ? ordinal_constant(*node->left) : std::nullopt;
      if (!field || !constant) return;
   }
   m_cell_tests[expr.id] = {*constant, static_cast<std::uint32_t>(*field), field_left, true};
}

bool evaluator::holds(const ast::expression& expr, evaluation_scope& scope) const
{
   // Conditions are mostly comparisons joined by and, or and not: decided here as truths, without
   // a value made for each step (evaluate gives the same truth).
   if (const auto* node = std::get_if<ast::binary>(&expr.node)) {
      if (node->op == ast::binary_op::logical_and) return holds(*node->left, scope) && holds(*node->right, scope);
      if (node->op == ast::binary_op::logical_or) return holds(*node->left, scope) || holds(*node->right, scope);
      if (ast::is_comparison(node->op)) return compare(expr, *node, scope);
   }
   else if (const auto* node = std::get_if<ast::unary>(&expr.node); node != nullptr && node->op == ast::unary_op::logical_not) {
      return !holds(*node->operand, scope);
   }
   else if (const auto* range = std::get_if<ast::range>(&expr.node); range != nullptr && m_typed) {
      // low < x and x <= high, each bound evaluated once, in the order evaluate takes them.
      const auto kind = m_plan.types[range->subject->id].kind;
      const auto within = [&](const auto& low, const auto& subject, const auto& high) {
         if (!low || !subject || !high) return false;
         return (range->low_op == ast::binary_op::less ? *low < *subject : *low <= *subject) &&
                (range->high_op == ast::binary_op::less ? *subject < *high : *subject <= *high);
      };
      if (kind == type_kind::date) {
         const auto low = date_of(*range->low, scope);
         const auto subject = date_of(*range->subject, scope);
         return within(low, subject, date_of(*range->high, scope));
      }
      if (is_numeric(kind)) {
         const auto low = number_of(*range->low, scope);
         const auto subject = number_of(*range->subject, scope);
         return within(low, subject, number_of(*range->high, scope));
      }
   }
   else if (is_call_to(expr, m_is_blank)) {
      const auto& argument = *std::get<ast::call>(expr.node).arguments.front();
      if (const auto field = field_cell(argument, scope)) return field->is_blank();
      std::optional<value> temporary;
      return is_blank(evaluate(argument, scope, temporary));
   }
   if (const auto field = field_named(expr);
       field && scope.row != nullptr && m_plan.types[expr.id].kind == type_kind::boolean) {  // read on its cell
      const auto cell = scope.row->at(*field);
      if (cell.is_blank()) return false;
      if (const auto truth = cell.ordinal()) return *truth != 0;
   }
   if (m_typed && scope.truths != nullptr && std::holds_alternative<ast::name_ref>(expr.node) &&
       m_plan.symbols[expr.id]->kind == symbol_kind::definition) {
      // A definition in a condition is decided as a condition itself, once per deal: the same
      // truth as its value gives, without making the value.
      const auto index = static_cast<std::size_t>(m_plan.symbols[expr.id]->index);
      auto& truth = (*scope.truths)[index];
      if (truth < 0) truth = holds(*m_plan.plan().definitions[index].value, scope) ? 1 : 0;
      return truth == 1;
   }
   if (const value* kept = stored(expr, scope)) {  // a boolean field or definition, read in place
      const auto* truth = std::get_if<bool>(kept);
      return truth != nullptr && *truth;
   }
   const auto result = evaluate(expr, scope);
   const auto* truth = std::get_if<bool>(&result);
   return truth != nullptr && *truth;
}

const value& deal_field(evaluation_scope& scope, std::size_t index)
{
   if (scope.row == nullptr) return scope.deal[index];
   auto& slot = (*scope.fields)[index];
   if (!slot) slot = scope.row->get(index);
   return *slot;
}

const value* evaluator::stored(const ast::expression& expr, evaluation_scope& scope) const
{
   if (const auto* constant = std::get_if<ast::literal>(&expr.node)) {
      return &constant->constant;
   }
   if (!std::holds_alternative<ast::name_ref>(expr.node) && !std::holds_alternative<ast::member_ref>(expr.node)) {
      return nullptr;
   }
   const auto& resolved = *m_plan.symbols[expr.id];
   const auto index = static_cast<std::size_t>(resolved.index);
   switch (resolved.kind) {
      case symbol_kind::deal_field: return &deal_field(scope, index);
      case symbol_kind::definition: {
         auto& slot = (*scope.definitions)[index];
         if (!slot) {
            slot = evaluate(*m_plan.plan().definitions[index].value, scope);
         }
         return &*slot;
      }
      case symbol_kind::people_field: return scope.person.empty() ? nullptr : &scope.person[index];
      case symbol_kind::enum_value: return &*m_members[expr.id];
      default: return nullptr;
   }
}

value evaluator::evaluate_symbol(const ast::expression& expr, evaluation_scope& scope) const
{
   const auto& resolved = *m_plan.symbols[expr.id];
   const auto index = static_cast<std::size_t>(resolved.index);
   switch (resolved.kind) {
      case symbol_kind::deal_field: return deal_field(scope, index);
      case symbol_kind::definition: {
         auto& slot = (*scope.definitions)[index];
         if (!slot) {
            slot = evaluate(*m_plan.plan().definitions[index].value, scope);
         }
         return *slot;
      }
      case symbol_kind::enum_value: return enum_value{static_cast<std::uint32_t>(resolved.index)};
      case symbol_kind::people_field:
         if (scope.person.empty()) return blank_value{};
         return scope.person[index];
      case symbol_kind::credit:
         if (!scope.credit) return blank_value{};
         return *scope.credit;
      case symbol_kind::quota:
         if (!scope.quota) return blank_value{};
         return *scope.quota;
      case symbol_kind::cumulative:
         if (index >= scope.cumulatives.size()) return blank_value{};
         if (auto total = scope.cumulatives[index].number()) return *total;
         return blank_value{};
   }
   return blank_value{};
}

const value& evaluator::evaluate(const ast::expression& expr, evaluation_scope& scope,
                                 std::optional<value>& temporary) const
{
   const value* kept = stored(expr, scope);
   return kept != nullptr ? *kept : temporary.emplace(evaluate(expr, scope));
}

// The deal field an expression names, when it is a bare name of one.
std::optional<std::size_t> evaluator::field_named(const ast::expression& expr) const
{
   if (expr.id >= m_deal_fields.size() || m_deal_fields[expr.id] < 0) return std::nullopt;
   return static_cast<std::size_t>(m_deal_fields[expr.id]);
}

// An enumeration member, a date or a truth written in the plan, as the ordinal its cells are
// ordered by (cell::ordinal); nothing for any other expression.
std::optional<std::int64_t> evaluator::ordinal_constant(const ast::expression& expr) const
{
   if (const auto* constant = std::get_if<ast::literal>(&expr.node)) {
      if (const auto* day = std::get_if<date>(&constant->constant)) return day->serial();
      if (const auto* truth = std::get_if<bool>(&constant->constant)) return *truth ? 1 : 0;
      return std::nullopt;
   }
   if (const auto* member = m_members[expr.id] ? std::get_if<enum_value>(&*m_members[expr.id]) : nullptr) {
      return member->index;
   }
   return std::nullopt;
}

// Fields, definitions and literals are compared where they are stored; only other operands are
// computed into temporaries. Conditions are mostly such comparisons, and copying a value (a
// string, say) for each one cost more than the comparison.
bool evaluator::compare(const ast::expression& expr, const ast::binary& node, evaluation_scope& scope) const
{
   using ast::binary_op;
   // A field of a row read from a file compared with a member, a date or a truth (`kind = new`)
   // is decided on the cell itself, in the order compare_values gives such values.
   if (expr.id < m_cell_tests.size() && m_cell_tests[expr.id].usable && scope.row != nullptr) {
      const auto& test = m_cell_tests[expr.id];
      const auto cell = scope.row->at(test.field);
      if (cell.is_blank()) return false;  // a comparison with a blank is false, != included
      if (const auto ordinal = cell.ordinal()) {
         const auto left = test.field_left ? *ordinal : test.constant;
         const auto right = test.field_left ? test.constant : *ordinal;
         switch (node.op) {
            case binary_op::equal: return left == right;
            case binary_op::not_equal: return left != right;
            case binary_op::less: return left < right;
            case binary_op::less_equal: return left <= right;
            case binary_op::greater: return left > right;
            default: return left >= right;
         }
      }
   }
   if (const auto decided = m_typed ? compare_typed(*node.left, node.op, *node.right, scope) : std::nullopt) {
      return *decided;
   }
   std::optional<value> left_temporary;
   std::optional<value> right_temporary;
   const value& left = evaluate(*node.left, scope, left_temporary);
   const value& right = evaluate(*node.right, scope, right_temporary);
   if (is_blank(left) || is_blank(right)) {
      return false;  // a comparison with a blank is false, != included
   }
   const int order = compare_values(left, right);
   switch (node.op) {
      case binary_op::equal: return order == 0;
      case binary_op::not_equal: return order != 0;
      case binary_op::less: return order < 0;
      case binary_op::less_equal: return order <= 0;
      case binary_op::greater: return order > 0;
      default: return order >= 0;
   }
}

std::optional<cell> evaluator::field_cell(const ast::expression& expr, const evaluation_scope& scope) const
{
   if (scope.row == nullptr) return std::nullopt;
   const auto field = field_named(expr);
   if (!field) return std::nullopt;
   return scope.row->at(*field);
}

bool evaluator::is_call_to(const ast::expression& expr, const builtin_function* function) const
{
   return function != nullptr && std::holds_alternative<ast::call>(expr.node) && m_plan.functions[expr.id] == function;
}

std::optional<bool> evaluator::compare_typed(const ast::expression& left, ast::binary_op op,
                                             const ast::expression& right, evaluation_scope& scope) const
{
   const auto left_kind = m_plan.types[left.id].kind;
   const auto right_kind = m_plan.types[right.id].kind;
   // Both sides are evaluated before either is looked at, as evaluate does: an error on the right
   // is reported even when the left is blank.
   if (left_kind == type_kind::date && right_kind == type_kind::date) {
      const auto a = date_of(left, scope);
      const auto b = date_of(right, scope);
      if (!a || !b) return false;  // a comparison with a blank is false, != included
      return decide(op, *a <=> *b);
   }
   if (is_numeric(left_kind) && is_numeric(right_kind)) {
      const auto a = number_of(left, scope);
      const auto b = number_of(right, scope);
      if (!a || !b) return false;
      return decide(op, *a <=> *b);
   }
   return std::nullopt;
}

std::optional<date> evaluator::date_of(const ast::expression& expr, evaluation_scope& scope) const
{
   std::optional<value> temporary;
   if (!m_typed) return read_as<date>(evaluate(expr, scope, temporary));
   if (const auto* constant = std::get_if<ast::literal>(&expr.node)) {
      if (const auto* day = std::get_if<date>(&constant->constant)) return *day;
   }
   else if (const auto field = field_cell(expr, scope)) {
      if (field->is_blank()) return std::nullopt;
      if (const auto serial = field->ordinal()) return date::from_serial(*serial);
   }
   else if (const auto* node = std::get_if<ast::binary>(&expr.node);
            node != nullptr && (node->op == ast::binary_op::add || node->op == ast::binary_op::subtract)) {
      const auto left_kind = m_plan.types[node->left->id].kind;
      const auto right_kind = m_plan.types[node->right->id].kind;
      if (left_kind == type_kind::date && right_kind == type_kind::days) {
         const auto day = date_of(*node->left, scope);
         const auto days = days_of(*node->right, scope);
         if (!day || !days) return std::nullopt;
         return day->add_days(node->op == ast::binary_op::add ? *days : -*days);
      }
      if (left_kind == type_kind::days && right_kind == type_kind::date && node->op == ast::binary_op::add) {
         const auto days = days_of(*node->left, scope);
         const auto day = date_of(*node->right, scope);
         if (!day || !days) return std::nullopt;
         return day->add_days(*days);
      }
   }
   else if (is_call_to(expr, m_coalesce)) {
      // Every argument is evaluated, as for any call; the first that is not blank is the value.
      std::optional<date> first;
      for (const auto& argument : std::get<ast::call>(expr.node).arguments) {
         const auto day = date_of(*argument, scope);
         if (!first) first = day;
      }
      return first;
   }
   return read_as<date>(evaluate(expr, scope, temporary));
}

std::optional<std::int64_t> evaluator::days_of(const ast::expression& expr, evaluation_scope& scope) const
{
   if (const auto* constant = std::get_if<ast::literal>(&expr.node); constant != nullptr && m_typed) {
      if (const auto* days = std::get_if<day_count>(&constant->constant)) return days->days;
   }
   std::optional<value> temporary;
   const auto days = read_as<day_count>(evaluate(expr, scope, temporary));
   if (!days) return std::nullopt;
   return days->days;
}

std::optional<decimal> evaluator::number_of(const ast::expression& expr, evaluation_scope& scope) const
{
   using ast::binary_op;
   std::optional<value> temporary;
   if (!m_typed) return read_as<decimal>(evaluate(expr, scope, temporary));
   if (const auto* constant = std::get_if<ast::literal>(&expr.node)) {
      if (const auto* number = std::get_if<decimal>(&constant->constant)) return *number;
   }
   else if (const auto field = field_cell(expr, scope)) {
      if (field->is_blank()) return std::nullopt;
      if (auto number = field->number()) return number;
   }
   else if (std::holds_alternative<ast::name_ref>(expr.node)) {
      const auto& resolved = *m_plan.symbols[expr.id];
      const auto index = static_cast<std::size_t>(resolved.index);
      switch (resolved.kind) {
         case symbol_kind::credit: return scope.credit;
         case symbol_kind::quota: return scope.quota;
         case symbol_kind::cumulative:
            if (index >= scope.cumulatives.size()) return std::nullopt;
            return scope.cumulatives[index].number();
         default: break;
      }
   }
   else if (const auto* node = std::get_if<ast::binary>(&expr.node);
            node != nullptr && is_numeric(m_plan.types[node->left->id].kind) &&
            is_numeric(m_plan.types[node->right->id].kind)) {
      const auto op = node->op;
      if (op == binary_op::add || op == binary_op::subtract || op == binary_op::multiply ||
          op == binary_op::percent_of || op == binary_op::divide) {
         const auto a = number_of(*node->left, scope);
         const auto b = number_of(*node->right, scope);
         if (!a || !b) return std::nullopt;
         switch (op) {
            case binary_op::add: return *a + *b;
            case binary_op::subtract: return *a - *b;
            case binary_op::divide:
               if (b->is_zero()) throw evaluation_error("division by zero");
               return *a / *b;
            default: return *a * *b;
         }
      }
   }
   return read_as<decimal>(evaluate(expr, scope, temporary));
}

value evaluator::evaluate_binary(const ast::expression& expr, const ast::binary& node, evaluation_scope& scope) const
{
   using ast::binary_op;
   if (node.op == binary_op::logical_and) {
      return holds(*node.left, scope) && holds(*node.right, scope);
   }
   if (node.op == binary_op::logical_or) {
      return holds(*node.left, scope) || holds(*node.right, scope);
   }
   if (ast::is_comparison(node.op)) {
      return compare(expr, node, scope);
   }
   const auto left = evaluate(*node.left, scope);
   const auto right = evaluate(*node.right, scope);
   if (is_blank(left) || is_blank(right)) {
      return blank_value{};
   }
   if (const auto* d = std::get_if<date>(&left)) {
      if (const auto* days = std::get_if<day_count>(&right)) {
         return d->add_days(node.op == binary_op::add ? days->days : -days->days);
      }
      return day_count{std::get<date>(right).serial() - d->serial()};
   }
   if (const auto* days = std::get_if<day_count>(&left)) {
      if (const auto* d = std::get_if<date>(&right)) {
         return d->add_days(days->days);
      }
      const auto other = std::get<day_count>(right).days;
      return day_count{node.op == binary_op::add ? days->days + other : days->days - other};
   }
   const auto& a = as_decimal(left);
   const auto& b = as_decimal(right);
   switch (node.op) {
      case binary_op::add: return a + b;
      case binary_op::subtract: return a - b;
      case binary_op::multiply:
      case binary_op::percent_of: return a * b;
      case binary_op::divide:
         if (b.is_zero()) {
            throw evaluation_error("division by zero");
         }
         return a / b;
      default: return blank_value{};
   }
}

value evaluator::evaluate(const ast::expression& expr, evaluation_scope& scope) const
{
   return std::visit(
      [&](const auto& node) -> value {
         using node_type = std::decay_t<decltype(node)>;
         if constexpr (std::is_same_v<node_type, ast::literal>) {
            return node.constant;
         }
         else if constexpr (std::is_same_v<node_type, ast::name_ref> || std::is_same_v<node_type, ast::member_ref>) {
            return evaluate_symbol(expr, scope);
         }
         else if constexpr (std::is_same_v<node_type, ast::unary>) {
            if (node.op == ast::unary_op::logical_not) {
               return !holds(*node.operand, scope);
            }
            const auto operand = evaluate(*node.operand, scope);
            if (is_blank(operand)) return blank_value{};
            if (const auto* days = std::get_if<day_count>(&operand)) return day_count{-days->days};
            return -as_decimal(operand);
         }
         else if constexpr (std::is_same_v<node_type, ast::binary>) {
            return evaluate_binary(expr, node, scope);
         }
         else if constexpr (std::is_same_v<node_type, ast::range>) {
            std::optional<value> temporaries[3];
            const value& low = evaluate(*node.low, scope, temporaries[0]);
            const value& subject = evaluate(*node.subject, scope, temporaries[1]);
            const value& high = evaluate(*node.high, scope, temporaries[2]);
            if (is_blank(low) || is_blank(subject) || is_blank(high)) return false;
            const int lower = compare_values(low, subject);
            const int upper = compare_values(subject, high);
            const bool above = node.low_op == ast::binary_op::less ? lower < 0 : lower <= 0;
            const bool below = node.high_op == ast::binary_op::less ? upper < 0 : upper <= 0;
            return above && below;
         }
         else if constexpr (std::is_same_v<node_type, ast::membership>) {
            const auto subject = evaluate(*node.subject, scope);
            const auto* member = std::get_if<enum_value>(&subject);
            if (member == nullptr) return false;
            for (const auto position : m_plan.set_members[expr.id]) {
               if (position == member->index) return true;
            }
            return false;
         }
         else if constexpr (std::is_same_v<node_type, ast::conditional>) {
            return holds(*node.condition, scope) ? evaluate(*node.then_branch, scope)
                                                 : evaluate(*node.else_branch, scope);
         }
         else {
            const auto* function = m_plan.functions[expr.id];
            // Calls with a few arguments (nearly all) keep them on the stack, not in a new vector.
            constexpr std::size_t kept_inline = 4;
            std::array<value, kept_inline> inline_arguments;
            std::vector<value> spilled_arguments;
            std::span<value> arguments(inline_arguments.data(), node.arguments.size());
            if (node.arguments.size() > kept_inline) {
               spilled_arguments.resize(node.arguments.size());
               arguments = spilled_arguments;
            }
            for (std::size_t i = 0; i < node.arguments.size(); ++i) {
               arguments[i] = evaluate(*node.arguments[i], scope);
               if (function->blank_in_blank_out && is_blank(arguments[i])) {
                  return blank_value{};
               }
            }
            return function->call(arguments);
         }
      },
      expr.node);
}

}  // namespace compplan

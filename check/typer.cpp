// The typer: resolves names and infers types for an expression, recorded by expression id.
#include "check/checker.hpp"

#include <fmt/format.h>

namespace compplan::check {

namespace {

const ast::name_ref* bare_name(const ast::expression& expr)
{
   return std::get_if<ast::name_ref>(&expr.node);
}

struct typer {
   checker& c;
   const scope& where;

   value_type record(const ast::expression& expr, value_type type)
   {
      c.out.types[expr.id] = type;
      return type;
   }

   value_type fail(const ast::expression& expr, std::string code, std::string message)
   {
      c.diagnostics.error(std::move(code), expr.span, std::move(message));
      return record(expr, error_type);
   }

   // A bare name compared with an enumeration names one of its values.
   std::optional<value_type> as_enum_value(const ast::expression& expr, const value_type& other)
   {
      const auto* name = bare_name(expr);
      if (name == nullptr || other.kind != type_kind::enumeration || other.enumeration < 0) {
         return std::nullopt;
      }
      const auto& values = c.out.enumerations[static_cast<std::size_t>(other.enumeration)];
      const auto position = values.find(name->name);
      if (!position) {
         return std::nullopt;
      }
      c.out.symbols[expr.id] = symbol{symbol_kind::enum_value, static_cast<int>(*position)};
      return record(expr, value_type{type_kind::enumeration, false, other.enumeration});
   }

   // Whether a bare name stands for something in this scope (else it may be an enumeration value).
   bool names_something(const ast::name_ref& ref) const
   {
      return (where.deal && (c.out.deals.find(ref.name) >= 0 || c.definitions.contains(ref.name))) ||
             (where.credit && ref.name == "credit") || (where.quota && ref.name == "quota") ||
             (where.cumulatives && c.cumulatives.contains(ref.name));
   }

   value_type name(const ast::expression& expr, const ast::name_ref& ref)
   {
      if (where.deal) {
         if (const int field = c.out.deals.find(ref.name); field >= 0) {
            c.out.symbols[expr.id] = symbol{symbol_kind::deal_field, field};
            return record(expr, c.out.deals.fields[static_cast<std::size_t>(field)].type);
         }
         if (const auto it = c.definitions.find(ref.name); it != c.definitions.end()) {
            c.out.symbols[expr.id] = symbol{symbol_kind::definition, it->second};
            return record(expr, c.type_definition(it->second));
         }
      }
      if (where.credit && ref.name == "credit") {
         c.out.symbols[expr.id] = symbol{symbol_kind::credit, -1};
         return record(expr, value_type{type_kind::money});
      }
      if (where.quota && ref.name == "quota") {
         c.out.symbols[expr.id] = symbol{symbol_kind::quota, -1};
         return record(expr, value_type{type_kind::money});
      }
      if (where.cumulatives) {
         if (const auto it = c.cumulatives.find(ref.name); it != c.cumulatives.end()) {
            c.out.symbols[expr.id] = symbol{symbol_kind::cumulative, it->second};
            return record(expr, value_type{type_kind::money});
         }
      }
      std::string hint;
      if (!where.deal && c.out.deals.find(ref.name) >= 0) {
         hint = "; deal fields cannot be used here";
      }
      for (const auto& values : c.out.enumerations) {
         if (values.find(ref.name)) {
            hint = fmt::format("; '{}' is an enumeration value, which is written compared with its field, "
                               "as in 'kind = {}'",
                               ref.name, ref.name);
            break;
         }
      }
      return fail(expr, "C001", fmt::format("unknown name '{}'{}", ref.name, hint));
   }

   value_type member(const ast::expression& expr, const ast::member_ref& ref)
   {
      if (ref.object.text != "people" || !where.people) {
         return fail(expr, "C001",
                     ref.object.text == "people"
                        ? std::string("people fields can be used only in a quota clause")
                        : fmt::format("unknown record '{}'; only 'people.FIELD' is written with a dot", ref.object.text));
      }
      const int field = c.out.people.find(ref.member.text);
      if (field < 0) {
         return fail(expr, "C006", fmt::format("the people record has no field '{}'", ref.member.text));
      }
      c.out.symbols[expr.id] = symbol{symbol_kind::people_field, field};
      return record(expr, c.out.people.fields[static_cast<std::size_t>(field)].type);
   }

   value_type arithmetic(const ast::expression& expr, ast::binary_op op, value_type l, value_type r)
   {
      const bool blank = l.optional || r.optional;
      const auto result = [&](type_kind kind) { return record(expr, value_type{kind, blank}); };
      const auto mismatch = [&] {
         return fail(expr, "C003",
                     fmt::format("'{}' cannot combine {} with {}", ast::to_string(op), describe(l.required()),
                                 describe(r.required())));
      };
      using ast::binary_op;
      if (op == binary_op::add || op == binary_op::subtract) {
         if (l.kind == type_kind::date && r.kind == type_kind::days) return result(type_kind::date);
         if (op == binary_op::add && l.kind == type_kind::days && r.kind == type_kind::date) return result(type_kind::date);
         if (op == binary_op::subtract && l.kind == type_kind::date && r.kind == type_kind::date) return result(type_kind::days);
         if (l.kind == type_kind::days && r.kind == type_kind::days) return result(type_kind::days);
         if (const auto joined = join_numeric(l.kind, r.kind)) {
            return result(*joined);
         }
         return mismatch();
      }
      if (!l.is_numeric() || !r.is_numeric()) {
         return mismatch();
      }
      if (op == binary_op::percent_of) {
         if (l.kind != type_kind::percent && l.kind != type_kind::number) {
            return fail(expr, "C003", fmt::format("'of' takes a percentage on its left, found {}", describe(l.required())));
         }
         return result(r.kind == type_kind::number ? l.kind : r.kind);
      }
      if (op == binary_op::multiply) {
         if (l.kind == type_kind::money && r.kind == type_kind::money) {
            return fail(expr, "C003", "money times money is not an amount; one side should be a rate or a number");
         }
         if (l.kind == type_kind::money || r.kind == type_kind::money) return result(type_kind::money);
         if (l.kind == type_kind::percent || r.kind == type_kind::percent) return result(type_kind::percent);
         return result(type_kind::number);
      }
      // divide
      if (l.kind == type_kind::money && r.kind == type_kind::money) return result(type_kind::number);
      if (r.kind == type_kind::money) {
         return fail(expr, "C003", fmt::format("dividing {} by money has no meaning here", describe(l.required())));
      }
      return result(l.kind == type_kind::percent && r.kind == type_kind::percent ? type_kind::number : l.kind);
   }

   bool comparable(const value_type& l, const value_type& r, bool ordered)
   {
      if (l.is_numeric() && r.is_numeric()) return join_numeric(l.kind, r.kind).has_value();
      if (l.kind != r.kind) return false;
      if (l.kind == type_kind::enumeration) return !ordered && l.enumeration == r.enumeration;
      if (l.kind == type_kind::boolean) return !ordered;
      return true;  // date, days, text
   }

   value_type comparison(const ast::expression& expr, const ast::binary& node)
   {
      const bool ordered = node.op != ast::binary_op::equal && node.op != ast::binary_op::not_equal;
      // A bare enumeration value takes its meaning from the other side.
      value_type l, r;
      const auto* left_name = bare_name(*node.left);
      if (left_name != nullptr && (bare_name(*node.right) == nullptr || !names_something(*left_name))) {
         r = infer(*node.right);
         auto as_value = as_enum_value(*node.left, r);
         l = as_value ? *as_value : infer(*node.left);
      }
      else {
         l = infer(*node.left);
         auto as_value = as_enum_value(*node.right, l);
         r = as_value ? *as_value : infer(*node.right);
      }
      if (is_error(l) || is_error(r)) {
         return record(expr, value_type{type_kind::boolean});
      }
      if (!comparable(l, r, ordered)) {
         c.diagnostics.error("C003", expr.span,
                             fmt::format("cannot compare {} with {} using '{}'", describe(l.required()),
                                         describe(r.required()), ast::to_string(node.op)));
      }
      // A comparison with a blank is false, so the result is never blank.
      return record(expr, value_type{type_kind::boolean});
   }

   value_type require_boolean(const ast::expression& expr, std::string_view what)
   {
      const auto type = infer(expr);
      if (!is_error(type) && type.kind != type_kind::boolean) {
         c.diagnostics.error("C004", expr.span, fmt::format("{} must be true or false, found {}", what, describe(type)));
      }
      return type;
   }

   value_type infer(const ast::expression& expr)
   {
      return std::visit([&](const auto& node) { return infer_node(expr, node); }, expr.node);
   }

   value_type infer_node(const ast::expression& expr, const ast::literal& node)
   {
      switch (node.kind) {
         case ast::literal_kind::number: return record(expr, value_type{type_kind::number});
         case ast::literal_kind::percent: return record(expr, value_type{type_kind::percent});
         case ast::literal_kind::date: return record(expr, value_type{type_kind::date});
         case ast::literal_kind::days: return record(expr, value_type{type_kind::days});
         case ast::literal_kind::text: return record(expr, value_type{type_kind::text});
         case ast::literal_kind::boolean: return record(expr, value_type{type_kind::boolean});
      }
      return record(expr, error_type);
   }

   value_type infer_node(const ast::expression& expr, const ast::name_ref& node) { return name(expr, node); }
   value_type infer_node(const ast::expression& expr, const ast::member_ref& node) { return member(expr, node); }

   value_type infer_node(const ast::expression& expr, const ast::unary& node)
   {
      if (node.op == ast::unary_op::logical_not) {
         require_boolean(*node.operand, "the operand of 'not'");
         return record(expr, value_type{type_kind::boolean});
      }
      const auto type = infer(*node.operand);
      if (is_error(type)) return record(expr, error_type);
      if (!type.is_numeric() && type.kind != type_kind::days) {
         return fail(expr, "C003", fmt::format("cannot negate {}", describe(type)));
      }
      return record(expr, type);
   }

   value_type infer_node(const ast::expression& expr, const ast::binary& node)
   {
      if (node.op == ast::binary_op::logical_and || node.op == ast::binary_op::logical_or) {
         require_boolean(*node.left, fmt::format("each side of '{}'", ast::to_string(node.op)));
         require_boolean(*node.right, fmt::format("each side of '{}'", ast::to_string(node.op)));
         return record(expr, value_type{type_kind::boolean});
      }
      if (ast::is_comparison(node.op)) {
         return comparison(expr, node);
      }
      const auto l = infer(*node.left);
      const auto r = infer(*node.right);
      if (is_error(l) || is_error(r)) return record(expr, error_type);
      return arithmetic(expr, node.op, l, r);
   }

   value_type infer_node(const ast::expression& expr, const ast::range& node)
   {
      const auto low = infer(*node.low);
      const auto subject = infer(*node.subject);
      const auto high = infer(*node.high);
      if (!is_error(low) && !is_error(subject) && !is_error(high) &&
          (!comparable(low, subject, true) || !comparable(subject, high, true))) {
         c.diagnostics.error("C003", expr.span,
                             fmt::format("a range compares values of one kind; found {} <= {} <= {}",
                                         describe(low.required()), describe(subject.required()),
                                         describe(high.required())));
      }
      return record(expr, value_type{type_kind::boolean});
   }

   value_type infer_node(const ast::expression& expr, const ast::membership& node)
   {
      const auto subject = infer(*node.subject);
      if (is_error(subject)) return record(expr, value_type{type_kind::boolean});
      if (subject.kind != type_kind::enumeration) {
         return fail(expr, "C003", fmt::format("'in {{...}}' tests an enumeration field, found {}", describe(subject)));
      }
      const auto& values = c.out.enumerations[static_cast<std::size_t>(subject.enumeration)];
      auto& positions = c.out.set_members[expr.id];
      for (const auto& member : node.members) {
         const auto position = values.find(member.text);
         if (!position) {
            c.diagnostics.error("C007", member.span,
                                fmt::format("'{}' is not one of the values ({})", member.text, values.listed()));
            continue;
         }
         positions.push_back(*position);
      }
      return record(expr, value_type{type_kind::boolean});
   }

   value_type infer_node(const ast::expression& expr, const ast::conditional& node)
   {
      require_boolean(*node.condition, "the condition of 'if'");
      const auto a = infer(*node.then_branch);
      const auto b = infer(*node.else_branch);
      if (is_error(a) || is_error(b)) return record(expr, error_type);
      const bool blank = a.optional || b.optional;
      if (const auto joined = join_numeric(a.kind, b.kind)) {
         return record(expr, value_type{*joined, blank});
      }
      if (a.required() != b.required()) {
         return fail(expr, "C003",
                     fmt::format("the branches of 'if' differ: {} and {}", describe(a.required()), describe(b.required())));
      }
      return record(expr, a.maybe_blank(blank));
   }

   value_type infer_node(const ast::expression& expr, const ast::call& node)
   {
      const auto* function = standard_library().find(node.function.text);
      if (function == nullptr) {
         return fail(expr, "C009", fmt::format("unknown function '{}'", node.function.text));
      }
      c.out.functions[expr.id] = function;
      std::vector<value_type> arguments;
      bool failed = false;
      for (const auto& argument : node.arguments) {
         arguments.push_back(infer(*argument));
         failed = failed || is_error(arguments.back());
      }
      if (node.arguments.size() < function->min_args || node.arguments.size() > function->max_args) {
         const auto expected = function->min_args == function->max_args
                                  ? fmt::format("{}", function->min_args)
                                  : function->max_args > 100 ? fmt::format("at least {}", function->min_args)
                                                             : fmt::format("{} to {}", function->min_args, function->max_args);
         return fail(expr, "C009",
                     fmt::format("{} takes {} argument{}, found {}: {}", function->name, expected,
                                 function->max_args == 1 ? "" : "s", node.arguments.size(), function->signature));
      }
      if (failed) return record(expr, error_type);
      std::string error;
      const auto result = function->check(arguments, error);
      if (!result) {
         return fail(expr, "C009", error);
      }
      return record(expr, *result);
   }
};

}  // namespace

value_type checker::infer(const ast::expression& expr, const scope& where)
{
   typer t{*this, where};
   return t.infer(expr);
}

value_type checker::expect(const ast::expression& expr, const scope& where, type_kind expected, std::string_view what)
{
   const auto type = infer(expr, where);
   if (is_error(type)) {
      return type;
   }
   const bool fits = type.kind == expected || (expected != type_kind::money && value_type{expected}.is_numeric() &&
                                               type.kind == type_kind::number) ||
                     (expected == type_kind::money && type.kind == type_kind::number);
   if (!fits) {
      diagnostics.error(expected == type_kind::boolean ? "C004" : "C003", expr.span,
                        fmt::format("{} must be {}, found {}", what, describe(value_type{expected}), describe(type)));
   }
   return type;
}

}  // namespace compplan::check

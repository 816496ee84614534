// Evaluates checked expressions on one deal: blanks propagate, comparisons with a blank are false.
#pragma once

#include "check/checked_plan.hpp"
#include "interpreter/records.hpp"

#include <optional>
#include <span>
#include <vector>

namespace compplan {

// What an expression can see: the deal's fields, its definitions (computed once, on demand),
// and, for clauses about one person, that person's credit, quota, people row and cumulative
// quantities.
struct evaluation_scope {
   std::span<const value> deal;
   // Or, for a deal read from a file, its row, whose fields are decoded into `fields` as
   // expressions first use them: most clauses read a few fields of many.
   const typed_row* row = nullptr;
   std::vector<std::optional<value>>* fields = nullptr;
   std::vector<std::optional<value>>* definitions = nullptr;
   // By definition, for conditions: whether a boolean definition holds (1) or not (0), or not yet
   // decided (-1). Kept apart from its value, as deciding a condition makes no value.
   std::vector<std::int8_t>* truths = nullptr;
   std::span<const value> person;  // people row; empty when the person has none
   std::optional<decimal> credit;
   std::optional<decimal> quota;
   std::span<const cell> cumulatives;  // numbers, by cumulative clause; empty outside a person's share
};

// The deal's field `index`, from the row (decoded on first use) or from `deal`.
const value& deal_field(evaluation_scope& scope, std::size_t index);

class evaluator {
public:
   // With typed_readings off, every expression is evaluated into values step by step, as the
   // reference the typed readings (date_of, number_of, and conditions decided on them) are
   // tested against.
   explicit evaluator(const checked_plan& plan, bool typed_readings = true);

   // Throws evaluation_error or arithmetic_error; the caller names the deal and the clause.
   value evaluate(const ast::expression& expr, evaluation_scope& scope) const;
   // The same value, read where it is kept when the expression is a literal, a field or a
   // definition, and otherwise computed into `temporary`: no copy of a value the deal holds.
   const value& evaluate(const ast::expression& expr, evaluation_scope& scope, std::optional<value>& temporary) const;
   // A condition: blank counts as false.
   bool holds(const ast::expression& expr, evaluation_scope& scope) const;
   // The value evaluate gives a date-, days- or number-typed expression, nothing for blank: read
   // from cells, literals and the scope, and worked out step by step, without a value made for
   // each step. Expressions of other shapes are evaluated as usual.
   std::optional<date> date_of(const ast::expression& expr, evaluation_scope& scope) const;
   std::optional<std::int64_t> days_of(const ast::expression& expr, evaluation_scope& scope) const;
   std::optional<decimal> number_of(const ast::expression& expr, evaluation_scope& scope) const;

private:
   value evaluate_binary(const ast::expression& expr, const ast::binary& node, evaluation_scope& scope) const;
   bool compare(const ast::expression& expr, const ast::binary& node, evaluation_scope& scope) const;
   std::optional<std::size_t> field_named(const ast::expression& expr) const;
   std::optional<std::int64_t> ordinal_constant(const ast::expression& expr) const;
   void prepare_cell_test(const ast::expression& expr);
   // Where the value of a literal, a field or a computed definition is kept, or nullptr when the
   // expression is something else or the people row is missing.
   const value* stored(const ast::expression& expr, evaluation_scope& scope) const;
   value evaluate_symbol(const ast::expression& expr, evaluation_scope& scope) const;
   // The deal's cell for a bare name of one of its fields, when the deal was read from a file.
   std::optional<cell> field_cell(const ast::expression& expr, const evaluation_scope& scope) const;
   bool is_call_to(const ast::expression& expr, const builtin_function* function) const;
   // A comparison or a range (`low <= x <= high`) of dates or numbers, decided on typed readings.
   std::optional<bool> compare_typed(const ast::expression& left, ast::binary_op op, const ast::expression& right,
                                     evaluation_scope& scope) const;
   const checked_plan& m_plan;
   bool m_typed;
   const builtin_function* m_coalesce = nullptr;  // the plan's calls to it, when it makes any
   const builtin_function* m_is_blank = nullptr;
   // By expression id: the value of each enumeration member named in the plan (`kind = new`), so
   // that comparisons read it in place, like a literal, rather than make it for every deal.
   std::vector<std::optional<value>> m_members;
   // By expression id, for comparisons of a deal field with a member, a date or a truth
   // (`kind = new`): decided on a row's cell as ordinals (cell::ordinal), without decoding it.
   struct cell_test {
      std::int64_t constant = 0;
      std::uint32_t field = 0;
      bool field_left = true;
      bool usable = false;
   };
   std::vector<cell_test> m_cell_tests;
   // By expression: the deal field a bare name stands for, or -1 (the typer's symbol, looked up
   // once rather than for every deal).
   std::vector<std::int32_t> m_deal_fields;
};

// Orders two values of one kind: numbers, dates, days and text (byte order). Blanks never reach it.
int compare_values(const value& a, const value& b);

}  // namespace compplan

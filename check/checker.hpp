// The checker's working state, shared by its numbered phases (one entry function each).
#pragma once

#include "check/checked_plan.hpp"

#include <map>
#include <string>

namespace compplan::check {

// Which names an expression may use, by where it appears.
struct scope {
   bool deal = true;         // deal fields and definitions
   bool credit = false;      // `credit`: the person's credited amount
   bool cumulatives = false; // cumulative quantities
   bool quota = false;       // `quota`: the person's quota
   bool people = false;      // people.FIELD
};

struct checker {
   const ast::plan& plan;
   checked_plan& out;
   diagnostic_list& diagnostics;

   // Plan-level names: definitions by name (for resolution before typing).
   std::map<std::string, int, std::less<>> definitions;
   std::map<std::string, int, std::less<>> cumulatives;
   std::map<std::string, int, std::less<>> tier_tables;
   std::map<std::string, int, std::less<>> schedules;
   // Definitions are typed on first use, so their order follows the names as the typer
   // resolves them (phase 2).
   enum class progress { untyped, typing, typed };
   std::vector<progress> definition_progress;
   std::vector<int> definitions_typing;  // the chain of definitions being typed, for cycles

   // The type of a definition, typing it (and what it uses) first if needed; a definition
   // that uses itself is a cycle, reported once, and gets error_type.
   value_type type_definition(int index);

   value_type infer(const ast::expression& expr, const scope& where);
   // Infers and requires `expected` (numeric kinds are compatible as the rules say).
   value_type expect(const ast::expression& expr, const scope& where, type_kind expected, std::string_view what);
   int require_role(const ast::identifier& name);
};

// Marks a result that already produced a diagnostic, so that one mistake is reported once.
inline constexpr value_type error_type{type_kind::number, false, -2};
inline bool is_error(const value_type& type)
{
   return type.enumeration == -2;
}

void phase1_declarations(checker& c);
void phase2_definitions(checker& c);
void phase3_clauses(checker& c);
void phase4_examples(checker& c);

}  // namespace compplan::check

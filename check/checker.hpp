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
   std::vector<bool> definition_typed;

   value_type infer(const ast::expression& expr, const scope& where);
   // Infers and requires `expected` (numeric kinds are compatible as the rules say).
   value_type expect(const ast::expression& expr, const scope& where, type_kind expected, std::string_view what);
   int require_role(const ast::identifier& name);
};

void phase1_declarations(checker& c);
void phase2_definitions(checker& c);
void phase3_expressions(checker& c);
void phase4_clauses(checker& c);

}  // namespace compplan::check

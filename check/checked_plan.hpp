// What the checker learns about a plan: resolved names, types and clause links, kept in side
// tables beside the immutable AST (keyed by expression id or clause index).
#pragma once

#include "core/diagnostic.hpp"
#include "core/value.hpp"
#include "grammar/ast.hpp"
#include "stdlib/registry.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compplan {

struct enumeration {
   std::vector<std::string> values;

   std::optional<std::uint32_t> find(std::string_view name) const;  // position of a value
   std::string listed() const;                                       // "new, renewal, expansion"
};

struct field_info {
   const ast::field_decl* decl = nullptr;
   value_type type;
   int names_role = -1;  // index into roles when the field names the person for a role
};

struct record_schema {
   std::vector<field_info> fields;
   int find(std::string_view name) const;
};

struct rounding_policy {
   rounding_mode mode = rounding_mode::half_up;
   decimal increment = decimal::from_fraction(1, 100);
   bool largest_remainder = false;
};

// What a name in an expression stands for.
enum class symbol_kind {
   deal_field,   // index: deal field
   definition,   // index: definition
   enum_value,   // index: position in the enumeration
   people_field, // index: people field (people.quota)
   credit,       // the person's credited amount on the deal
   cumulative,   // index: cumulative declaration
   quota,        // the person's quota for the clause's role
};

struct symbol {
   symbol_kind kind = symbol_kind::deal_field;
   int index = -1;
};

struct tier_band_info {
   const ast::expression* low = nullptr;   // null: unbounded below
   bool low_inclusive = true;
   const ast::expression* high = nullptr;  // null: unbounded above
   bool high_inclusive = true;
};

struct tier_table_info {
   symbol quantity;  // credit or a cumulative
   std::vector<tier_band_info> bands;
};

struct checked_plan {
   std::shared_ptr<const ast::plan> syntax;

   // by expression id
   std::vector<value_type> types;
   std::vector<std::optional<symbol>> symbols;           // names and members
   std::vector<const builtin_function*> functions;       // calls
   std::vector<std::vector<std::uint32_t>> set_members;  // memberships: enumeration positions

   std::vector<enumeration> enumerations;
   record_schema deals;
   record_schema people;
   int deal_key = -1;      // deals field that identifies a deal
   int period_field = -1;  // deals field that decides the period
   int credited_field = -1;  // deals field that crediting rules split
   int people_person = -1; // people field holding the person's name
   int people_role = -1;   // people field holding the role
   int currency_places = 2;  // minor-unit digits of the plan's currency (USD: 2)
   date period_start;
   date period_end;

   rounding_policy credit_rounding;
   rounding_policy commission_rounding;
   rounding_policy tranche_rounding;
   rounding_policy fee_rounding;

   std::vector<int> role_person_field;  // by role: deals field naming the person, or -1
   std::vector<int> role_quota;         // by role: quota clause, or -1
   std::vector<int> definition_order;   // definitions in dependency order

   // by clause index
   std::vector<std::vector<int>> share_roles;  // crediting rule -> role of each share
   std::vector<int> cumulative_role;
   std::vector<std::vector<int>> cumulative_order;  // deals fields
   std::vector<int> rate_role;
   std::vector<int> rate_tiers;     // tier table or -1
   std::vector<int> rate_schedule;
   std::vector<int> fee_role;
   std::vector<int> fee_schedule;
   std::vector<tier_table_info> tiers;

   const ast::plan& plan() const { return *syntax; }
   int role_index(std::string_view name) const;
   std::string_view role_name(int role) const { return plan().roles[static_cast<std::size_t>(role)].name.text; }
};

struct check_result {
   std::shared_ptr<const checked_plan> plan;  // null when the plan has errors
   diagnostic_list diagnostics;               // C codes (and the P code when it did not parse)
};

check_result check_plan(const std::shared_ptr<const ast::plan>& syntax);

}  // namespace compplan

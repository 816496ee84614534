// Conditions as sets of deals: the decidable fragment, turned into unions of boxes.
//
// A box gives, for every deals field, the set of values it allows; a condition in the fragment
// (fields compared with constants, enumeration membership, booleans, ranges, is_blank, and/or/not,
// if/then/else, and definitions made of these) is exactly a union of boxes. Anything else is
// "cannot decide", with the place that leaves the fragment.
#pragma once

#include "check/checked_plan.hpp"
#include "lint/domain.hpp"

#include <optional>
#include <string>
#include <vector>

namespace compplan::lint {

using box = std::vector<field_set>;  // by deals field

// The deals a plan can be given, field by field.
struct deal_space {
   std::vector<field_domain> fields;  // by deals field
   int currency_places = 2;

   box full() const;
   bool is_empty(const box& b) const;
   std::optional<box> meet(const box& a, const box& b) const;
   bool intersects(const box& a, const box& b) const;
   bool contains(const box& outer, const box& inner) const;
};

deal_space build_space(const checked_plan& plan);

struct condition_cover {
   std::vector<box> boxes;  // the deals the condition holds on, as a union (empty: never)
   bool decided = true;
   source_span undecided_at;  // when not decided: the part the analysis does not reason about
   std::string why;
};

// Larger unions are "cannot decide": a condition whose and/or/not expand past this many boxes.
inline constexpr std::size_t max_boxes_per_condition = 4096;

condition_cover cover_of(const deal_space& space, const checked_plan& plan, const ast::expression& condition);

// Whether an expression depends on nothing but constants (literals, enumeration values,
// constant definitions and functions of these), and its value when it does.
bool is_constant(const checked_plan& plan, const ast::expression& expr);
std::optional<value> constant_value(const checked_plan& plan, const ast::expression& expr);

}  // namespace compplan::lint

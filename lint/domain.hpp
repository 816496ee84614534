// The values a deal field can take, and sets of them: what the linter reasons about exactly.
//
// A field is either finite (an enumeration, a boolean, or a text field seen only through
// equality with constants: its cells are those constants and "any other text") or ordered
// (money, numbers, percentages and dates: unions of intervals). Money moves in steps of the
// currency's minor unit and dates in whole days, so `< 25_000` and `> 24_999.999` leave no
// amount between them; numbers and percentages are dense. Blank is one more value of an
// optional field.
#pragma once

#include "core/decimal.hpp"
#include "core/value.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace compplan::lint {

// One end of an interval. An infinite end is open and has no value.
struct bound {
   decimal at;
   bool inclusive = false;
   bool infinite = true;

   static bound finite(decimal value, bool inclusive) { return {value, inclusive, false}; }
   static bound unbounded() { return {}; }
   friend bool operator==(const bound&, const bound&) = default;
};

struct interval {
   bound low;
   bound high;
   friend bool operator==(const interval&, const interval&) = default;
};

enum class domain_kind { finite, ordered };

struct field_domain {
   int field = -1;  // deals field
   std::string name;
   domain_kind kind = domain_kind::finite;
   type_kind type = type_kind::text;
   bool optional = false;
   std::vector<std::string> cells;  // finite: the cell names; text: constants, then "any other text"
   decimal step;                    // ordered: 0 for dense values, else the unit of money or of days
   interval range;                  // ordered: the values a deal may have (positive, the plan's period)

   bool is_text() const { return type == type_kind::text; }
};

// A set of values of one field. Intervals are sorted, disjoint and not empty; on a stepped
// field their ends are inclusive and on the step.
struct field_set {
   bool blank = false;
   std::vector<std::uint64_t> cells;  // finite: bit per cell
   std::vector<interval> intervals;   // ordered

   friend bool operator==(const field_set&, const field_set&) = default;
};

// A place where an ordered set can be split: just before or just after a value.
struct cut {
   decimal at;
   bool after = false;
   friend bool operator==(const cut&, const cut&) = default;
};
bool operator<(const cut& a, const cut& b);

field_set full_set(const field_domain& domain);
field_set empty_set(const field_domain& domain);
field_set cell_set(const field_domain& domain, std::size_t cell);
field_set blank_set(const field_domain& domain);
// The values v with `low <= v <= high` (ends as given), within the field's range.
field_set interval_set(const field_domain& domain, bound low, bound high);

field_set intersect(const field_domain& domain, const field_set& a, const field_set& b);
field_set complement(const field_domain& domain, const field_set& a);
field_set unite(const field_domain& domain, const field_set& a, const field_set& b);
bool is_empty(const field_set& set);
bool intersects(const field_domain& domain, const field_set& a, const field_set& b);
bool contains(const field_domain& domain, const field_set& outer, const field_set& inner);

bool has_cell(const field_set& set, std::size_t cell);
std::size_t cell_count(const field_set& set);

// The two sides of `set` split at `where` (below, above).
std::pair<field_set, field_set> split_at(const field_domain& domain, const field_set& set, const cut& where);
// The cuts at the ends of `set`'s intervals.
void cuts_of(const field_set& set, std::vector<cut>& out);

// A date or a number as a point of an ordered field (dates count days).
decimal ordered_key(const value& v);

// A witness value from the set: blank when the set is the whole optional domain (the field
// does not matter) or only blank; otherwise a value a person would pick: the preferred value
// when the set has it, else the first end of the first interval, or the first cell.
value pick(const field_domain& domain, const field_set& set, const value& preferred);

// "25000.00", "2027-03-01", "expansion", "(blank)": a value as the witness message shows it.
std::string show(const field_domain& domain, const value& v, int currency_places);

}  // namespace compplan::lint

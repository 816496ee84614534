// Sets of field values: bit sets of cells, and unions of intervals kept sorted and normalized.
#include "lint/domain.hpp"

#include <algorithm>

namespace compplan::lint {

namespace {

// ------------------------------------------------------------------ bounds

// Whether low end `a` admits a smaller value than low end `b`.
bool low_before(const bound& a, const bound& b)
{
   if (a.infinite != b.infinite) return a.infinite;
   if (a.infinite) return false;
   if (a.at != b.at) return a.at < b.at;
   return a.inclusive && !b.inclusive;
}

// Whether high end `a` admits a larger value than high end `b`.
bool high_after(const bound& a, const bound& b)
{
   if (a.infinite != b.infinite) return a.infinite;
   if (a.infinite) return false;
   if (a.at != b.at) return a.at > b.at;
   return a.inclusive && !b.inclusive;
}

bool empty_interval(const interval& i)
{
   if (i.low.infinite || i.high.infinite) return false;
   if (i.low.at != i.high.at) return i.low.at > i.high.at;
   return !(i.low.inclusive && i.high.inclusive);
}

// On a stepped field, the inclusive multiple of the step at or inside each end.
interval snap(const field_domain& domain, interval i)
{
   if (domain.step.is_zero()) return i;
   if (!i.low.infinite) {
      auto n = i.low.at.floor_div(domain.step);
      auto v = domain.step * decimal::from_fraction(n, 1);
      if (v < i.low.at || (v == i.low.at && !i.low.inclusive)) v = domain.step * decimal::from_fraction(n + 1, 1);
      i.low = bound::finite(v, true);
   }
   if (!i.high.infinite) {
      auto n = i.high.at.floor_div(domain.step);
      auto v = domain.step * decimal::from_fraction(n, 1);
      if (v == i.high.at && !i.high.inclusive) v = domain.step * decimal::from_fraction(n - 1, 1);
      i.high = bound::finite(v, true);
   }
   return i;
}

// The common part of two intervals; normalized inputs give a normalized result, so nothing
// needs snapping here.
std::optional<interval> meet(const interval& a, const interval& b)
{
   interval i{low_before(a.low, b.low) ? b.low : a.low, high_after(a.high, b.high) ? b.high : a.high};
   if (empty_interval(i)) return std::nullopt;
   return i;
}

// An interval made from arbitrary ends: snapped to the step and kept inside the range.
std::optional<interval> normalize(const field_domain& domain, const interval& i)
{
   auto snapped = snap(domain, i);
   if (empty_interval(snapped)) return std::nullopt;
   return meet(snapped, domain.range.low.infinite && domain.range.high.infinite ? interval{} : snap(domain, domain.range));
}

std::vector<interval> meet_all(const std::vector<interval>& a, const std::vector<interval>& b)
{
   std::vector<interval> out;
   std::size_t i = 0;
   std::size_t j = 0;
   while (i < a.size() && j < b.size()) {
      if (auto both = meet(a[i], b[j])) out.push_back(*both);
      // advance the one that ends first
      if (high_after(a[i].high, b[j].high)) ++j;
      else ++i;
   }
   return out;
}

// Whether a high end comes before a low end: nothing lies in both.
bool ends_before(const bound& high, const bound& low)
{
   if (high.infinite || low.infinite) return false;
   if (high.at != low.at) return high.at < low.at;
   return !(high.inclusive && low.inclusive);
}

std::size_t words_for(std::size_t cells)
{
   return (cells + 63) / 64;
}

}  // namespace

bool operator<(const cut& a, const cut& b)
{
   if (a.at != b.at) return a.at < b.at;
   return !a.after && b.after;
}

field_set empty_set(const field_domain& domain)
{
   field_set set;
   if (domain.kind == domain_kind::finite) set.cells.assign(words_for(domain.cells.size()), 0);
   return set;
}

field_set full_set(const field_domain& domain)
{
   auto set = empty_set(domain);
   set.blank = domain.optional;
   if (domain.kind == domain_kind::finite) {
      for (std::size_t cell = 0; cell < domain.cells.size(); ++cell) set.cells[cell / 64] |= std::uint64_t{1} << (cell % 64);
   }
   else if (auto range = normalize(domain, interval{})) {
      set.intervals.push_back(*range);
   }
   return set;
}

field_set cell_set(const field_domain& domain, std::size_t cell)
{
   auto set = empty_set(domain);
   set.cells[cell / 64] |= std::uint64_t{1} << (cell % 64);
   return set;
}

field_set blank_set(const field_domain& domain)
{
   auto set = empty_set(domain);
   set.blank = domain.optional;
   return set;
}

field_set interval_set(const field_domain& domain, bound low, bound high)
{
   auto set = empty_set(domain);
   if (auto i = normalize(domain, interval{low, high})) set.intervals.push_back(*i);
   return set;
}

field_set intersect(const field_domain& domain, const field_set& a, const field_set& b)
{
   field_set set;
   set.blank = a.blank && b.blank;
   if (domain.kind == domain_kind::finite) {
      set.cells.resize(a.cells.size());
      for (std::size_t w = 0; w < a.cells.size(); ++w) set.cells[w] = a.cells[w] & b.cells[w];
   }
   else {
      set.intervals = meet_all(a.intervals, b.intervals);
   }
   return set;
}

field_set complement(const field_domain& domain, const field_set& a)
{
   auto set = empty_set(domain);
   set.blank = domain.optional && !a.blank;
   if (domain.kind == domain_kind::finite) {
      const auto full = full_set(domain);
      for (std::size_t w = 0; w < a.cells.size(); ++w) set.cells[w] = full.cells[w] & ~a.cells[w];
      return set;
   }
   // The gaps between the intervals, each end flipped, then kept inside the range.
   std::vector<interval> gaps;
   bound low = bound::unbounded();
   bool open_end = true;
   for (const auto& i : a.intervals) {
      if (!i.low.infinite) gaps.push_back({low, bound::finite(i.low.at, !i.low.inclusive)});
      if (i.high.infinite) {
         open_end = false;
         break;
      }
      low = bound::finite(i.high.at, !i.high.inclusive);
   }
   if (open_end) gaps.push_back({low, bound::unbounded()});
   for (const auto& gap : gaps) {
      if (auto i = normalize(domain, gap)) set.intervals.push_back(*i);
   }
   return set;
}

field_set unite(const field_domain& domain, const field_set& a, const field_set& b)
{
   return complement(domain, intersect(domain, complement(domain, a), complement(domain, b)));
}

bool is_empty(const field_set& set)
{
   if (set.blank || !set.intervals.empty()) return false;
   return std::all_of(set.cells.begin(), set.cells.end(), [](std::uint64_t w) { return w == 0; });
}

bool intersects(const field_domain& domain, const field_set& a, const field_set& b)
{
   if (a.blank && b.blank) return true;
   if (domain.kind == domain_kind::finite) {
      for (std::size_t w = 0; w < a.cells.size(); ++w) {
         if ((a.cells[w] & b.cells[w]) != 0) return true;
      }
      return false;
   }
   std::size_t i = 0;
   std::size_t j = 0;
   while (i < a.intervals.size() && j < b.intervals.size()) {
      if (meet(a.intervals[i], b.intervals[j])) return true;
      if (high_after(a.intervals[i].high, b.intervals[j].high)) ++j;
      else ++i;
   }
   return false;
}

// Intervals are kept canonical (sorted, disjoint, never adjacent), so a set contains an
// interval only when one of its intervals does.
bool contains(const field_domain& domain, const field_set& outer, const field_set& inner)
{
   if (inner.blank && !outer.blank) return false;
   if (domain.kind == domain_kind::finite) {
      for (std::size_t w = 0; w < inner.cells.size(); ++w) {
         if ((inner.cells[w] & ~outer.cells[w]) != 0) return false;
      }
      return true;
   }
   std::size_t j = 0;
   for (const auto& x : inner.intervals) {
      while (j < outer.intervals.size() && ends_before(outer.intervals[j].high, x.low)) ++j;
      if (j == outer.intervals.size()) return false;
      const auto& o = outer.intervals[j];
      if (low_before(x.low, o.low) || high_after(x.high, o.high)) return false;
   }
   return true;
}

bool has_cell(const field_set& set, std::size_t cell)
{
   return (set.cells[cell / 64] >> (cell % 64) & 1) != 0;
}

std::size_t cell_count(const field_set& set)
{
   std::size_t n = 0;
   for (const auto w : set.cells) n += static_cast<std::size_t>(__builtin_popcountll(w));
   return n;
}

std::pair<field_set, field_set> split_at(const field_domain& domain, const field_set& set, const cut& where)
{
   const bound below_high = bound::finite(where.at, where.after);
   const bound above_low = bound::finite(where.at, !where.after);
   field_set below = empty_set(domain);
   field_set above = empty_set(domain);
   below.blank = set.blank;  // blank stays with the lower side
   for (const auto& i : set.intervals) {
      if (auto part = meet(i, interval{bound::unbounded(), below_high})) {
         if ((part = normalize(domain, *part))) below.intervals.push_back(*part);
      }
      if (auto part = meet(i, interval{above_low, bound::unbounded()})) {
         if ((part = normalize(domain, *part))) above.intervals.push_back(*part);
      }
   }
   return {std::move(below), std::move(above)};
}

void cuts_of(const field_set& set, std::vector<cut>& out)
{
   for (const auto& i : set.intervals) {
      if (!i.low.infinite) out.push_back({i.low.at, !i.low.inclusive});
      if (!i.high.infinite) out.push_back({i.high.at, i.high.inclusive});
   }
}

namespace {

value cell_value(const field_domain& domain, std::size_t cell)
{
   if (domain.type == type_kind::boolean) return value{cell == 1};
   if (domain.type == type_kind::enumeration) return value{enum_value{static_cast<std::uint32_t>(cell)}};
   if (cell + 1 < domain.cells.size()) return value{domain.cells[cell]};
   // "any other text": a text none of the constants equals
   std::string other = "other";
   while (std::find(domain.cells.begin(), domain.cells.end() - 1, other) != domain.cells.end() - 1) other += '_';
   return value{other};
}

value ordered_value(const field_domain& domain, const decimal& v)
{
   if (domain.type == type_kind::date) {
      return value{date{}.add_days(static_cast<std::int64_t>(v.numerator()))};
   }
   return value{v};
}

bool interval_has(const interval& i, const decimal& v)
{
   const bool above = i.low.infinite || i.low.at < v || (i.low.at == v && i.low.inclusive);
   const bool below = i.high.infinite || v < i.high.at || (v == i.high.at && i.high.inclusive);
   return above && below;
}

decimal inside(const field_domain& domain, const interval& i)
{
   const decimal one = domain.step.is_zero() ? decimal::from_int(1) : domain.step;
   if (!i.low.infinite) {
      if (i.low.inclusive) return i.low.at;
      if (i.high.infinite) return i.low.at + one;
      return (i.low.at + i.high.at) / decimal::from_int(2);  // dense: both ends open
   }
   if (!i.high.infinite) return i.high.inclusive ? i.high.at : i.high.at - one;
   return decimal{};
}

}  // namespace

decimal ordered_key(const value& v)
{
   if (const auto* d = std::get_if<date>(&v)) return decimal::from_int(d->serial());
   if (const auto* n = std::get_if<decimal>(&v)) return *n;
   return decimal{};
}

value pick(const field_domain& domain, const field_set& set, const value& preferred)
{
   if (set.blank && (set == full_set(domain) || (set.intervals.empty() && cell_count(set) == 0))) {
      return blank_value{};
   }
   if (domain.kind == domain_kind::finite) {
      for (std::size_t cell = 0; cell < domain.cells.size(); ++cell) {
         if (has_cell(set, cell) && cell_value(domain, cell) == preferred) return preferred;
      }
      // A preferred text that is none of the constants is "any other text".
      if (const auto* text = std::get_if<std::string>(&preferred); text != nullptr && domain.is_text() &&
          has_cell(set, domain.cells.size() - 1) &&
          std::find(domain.cells.begin(), domain.cells.end() - 1, *text) == domain.cells.end() - 1) {
         return preferred;
      }
      for (std::size_t cell = 0; cell < domain.cells.size(); ++cell) {
         if (has_cell(set, cell)) return cell_value(domain, cell);
      }
      return blank_value{};
   }
   if (!is_blank(preferred)) {
      const auto key = ordered_key(preferred);
      for (const auto& i : set.intervals) {
         if (interval_has(i, key)) return preferred;
      }
   }
   if (set.intervals.empty()) return blank_value{};
   return ordered_value(domain, inside(domain, set.intervals.front()));
}

std::string show(const field_domain& domain, const value& v, int currency_places)
{
   if (is_blank(v)) return "(blank)";
   if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
   if (const auto* e = std::get_if<enum_value>(&v)) return domain.cells[e->index];
   if (const auto* s = std::get_if<std::string>(&v)) return "\"" + *s + "\"";
   if (const auto* d = std::get_if<date>(&v)) return d->to_string();
   const auto& n = std::get<decimal>(v);
   if (domain.type == type_kind::money) return n.to_fixed(currency_places);
   if (domain.type == type_kind::percent) return (n * decimal::from_int(100)).to_string() + "%";
   return n.to_string();
}

}  // namespace compplan::lint

// Orders of a run: deals by a cumulative's stated fields, and the ledger's lines.
#include "interpreter/order.hpp"

#include "interpreter/evaluate.hpp"
#include "interpreter/parallel.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <numeric>
#include <optional>
#include <string_view>
#include <tuple>

namespace compplan {

namespace {

// An order field's value reduced to what ordering needs: dates, days, enumerations and booleans
// as a number, text as a view. Ordered as compare_values orders the values themselves.
struct packed_key {
   std::int64_t number = 0;
   std::string_view text;

   // Negative, zero or positive as a is before, with or after b.
   friend int compare(const packed_key& a, const packed_key& b)
   {
      if (a.number != b.number) return a.number < b.number ? -1 : 1;
      return a.text.compare(b.text);
   }
};

std::optional<packed_key> pack(const cell& field)
{
   if (const auto number = field.ordinal()) return packed_key{*number, {}};
   if (field.is_text()) return packed_key{0, field.text()};
   return std::nullopt;  // numbers and blanks take the general path
}

// One field of dates, enumeration members or booleans (the usual order: by booking date) over a
// span of values not much wider than the rows are many: a counting sort, which is stable, in two
// passes over the rows instead of a comparison sort. Nothing when the field is anything else.
std::optional<deal_order> counted_order(std::span<const typed_row* const> rows, const std::vector<int>& fields)
{
   if (fields.size() != 1 || rows.empty()) return std::nullopt;
   const auto field = static_cast<std::size_t>(fields.front());
   std::vector<std::int64_t> keys(rows.size());
   for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto key = rows[i]->at(field).ordinal();
      if (!key) return std::nullopt;
      keys[i] = *key;
   }
   const auto [low, high] = std::minmax_element(keys.begin(), keys.end());
   const auto width = static_cast<std::uint64_t>(*high) - static_cast<std::uint64_t>(*low) + 1;
   if (width > 4 * static_cast<std::uint64_t>(rows.size()) + 1024) return std::nullopt;
   const auto first = *low;
   std::vector<std::uint32_t> starts(static_cast<std::size_t>(width) + 1, 0);
   for (const auto key : keys) ++starts[static_cast<std::size_t>(key - first) + 1];
   std::partial_sum(starts.begin(), starts.end(), starts.begin());
   deal_order order(rows.size());
   for (std::size_t i = 0; i < rows.size(); ++i) {
      order[starts[static_cast<std::size_t>(keys[i] - first)]++] = static_cast<std::uint32_t>(i);
   }
   return order;
}

}  // namespace

// The keys are copied out of the rows into the sorted array itself when they pack (the common
// case), so sorting a million deals reads memory in order instead of two scattered rows per
// comparison.
deal_order stated_order(std::span<const typed_row* const> rows, const std::vector<int>& order_fields, int key_field,
                        bool ids_ascending)
{
   std::vector<int> fields;
   for (const int field : order_fields) {
      if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
   }
   // Ids break the remaining ties. When the rows already come in id order, a stable sort on the
   // other fields gives the same order without comparing ids.
   if (ids_ascending && !fields.empty() && fields.back() == key_field) {
      fields.pop_back();
   }
   else if (!ids_ascending && std::find(fields.begin(), fields.end(), key_field) == fields.end()) {
      fields.push_back(key_field);
   }
   if (auto counted = counted_order(rows, fields)) return std::move(*counted);
   constexpr std::size_t packed_width = 3;
   struct entry {
      std::array<packed_key, packed_width> keys;
      std::uint32_t index;
   };
   std::vector<entry> entries;
   if (fields.size() <= packed_width) {
      entries.resize(rows.size());
      for (std::size_t i = 0; i < rows.size() && !entries.empty(); ++i) {
         entries[i].index = static_cast<std::uint32_t>(i);
         for (std::size_t k = 0; k < fields.size(); ++k) {
            const auto key = pack(rows[i]->at(static_cast<std::size_t>(fields[k])));
            if (!key) {
               entries.clear();
               break;
            }
            entries[i].keys[k] = *key;
         }
      }
   }
   deal_order order(rows.size());
   if (entries.size() == rows.size()) {
      const std::size_t width = fields.size();
      std::stable_sort(entries.begin(), entries.end(), [width](const entry& a, const entry& b) {
         for (std::size_t k = 0; k < width; ++k) {
            if (const int cmp = compare(a.keys[k], b.keys[k]); cmp != 0) return cmp < 0;
         }
         return false;
      });
      std::transform(entries.begin(), entries.end(), order.begin(), [](const entry& e) { return e.index; });
      return order;
   }
   std::iota(order.begin(), order.end(), 0);
   std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      for (const int field : fields) {
         const auto f = static_cast<std::size_t>(field);
         const int cmp = compare_values(rows[a]->get(f), rows[b]->get(f));
         if (cmp != 0) return cmp < 0;
      }
      return false;
   });
   return order;
}

// Puts the ledger in its order (deal id, role, person; stable) knowing how it was built: each
// deal's lines are contiguous, so only the lines within a deal and then whole deals are sorted,
// and deals that already come in id order are not moved. With jobs > 1, stretches of whole deals
// are put in order side by side; the lines end in the same order either way.
void sort_ledger(ledger_book& book, unsigned jobs)
{
   using entry = ledger_book::entry;
   auto& ledger = book.entries();
   struct deal_lines {
      std::size_t begin;
      std::size_t end;
   };
   const auto by_role_and_person = [](const entry& a, const entry& b) {
      if (a.role != b.role) return a.role < b.role;
      return !same_text(a.person, b.person) && a.person < b.person;
   };
   const auto by_id = [&](const deal_lines& a, const deal_lines& b) { return ledger[a.begin].deal < ledger[b.begin].deal; };
   // Each stretch starts where a deal does, at or after an even share of the lines.
   const auto deal_start_from = [&](std::size_t at) {
      while (at > 0 && at < ledger.size() && same_text(ledger[at].deal, ledger[at - 1].deal)) ++at;
      return std::min(at, ledger.size());
   };
   struct stretch {
      std::vector<deal_lines> deals;
      bool ids_ascending = true;
   };
   const std::size_t parts = std::max(1U, jobs);
   auto stretches = in_slices<stretch>(parts, jobs, [&](std::size_t s, std::size_t) {
      const auto first = deal_start_from(ledger.size() * s / parts);
      const auto last = deal_start_from(ledger.size() * (s + 1) / parts);
      stretch result;
      for (std::size_t begin = first, end = first; begin < last; begin = end) {
         end = begin + 1;
         while (end < last && same_text(ledger[end].deal, ledger[begin].deal)) ++end;
         const auto from = ledger.begin() + static_cast<std::ptrdiff_t>(begin);
         const auto to = ledger.begin() + static_cast<std::ptrdiff_t>(end);
         if (!std::is_sorted(from, to, by_role_and_person)) std::stable_sort(from, to, by_role_and_person);
         if (!result.deals.empty() && result.ids_ascending) result.ids_ascending = by_id(result.deals.back(), {begin, end});
         result.deals.push_back({begin, end});
      }
      return result;
   });
   bool ascending = true;
   const deal_lines* previous = nullptr;
   for (const auto& part : stretches) {
      ascending = ascending && part.ids_ascending;
      if (!part.deals.empty()) {
         if (previous != nullptr && ascending) ascending = by_id(*previous, part.deals.front());
         previous = &part.deals.back();
      }
   }
   if (ascending) return;
   std::vector<deal_lines> deals;
   for (const auto& part : stretches) deals.insert(deals.end(), part.deals.begin(), part.deals.end());
   std::sort(deals.begin(), deals.end(), by_id);  // ids are unique: no two deals are equal
   std::vector<entry> sorted;
   sorted.reserve(ledger.size());
   for (const auto& deal : deals) {
      std::move(ledger.begin() + static_cast<std::ptrdiff_t>(deal.begin),
                ledger.begin() + static_cast<std::ptrdiff_t>(deal.end), std::back_inserter(sorted));
   }
   ledger = std::move(sorted);
}

}  // namespace compplan

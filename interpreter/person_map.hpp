// A map keyed by (person, role), hashed in one flat array, for the lookups a run makes once per
// share and its totals once per ledger line.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace compplan {

// Open addressing with linear probing over a power-of-two table of (hash, position) slots; the
// entries themselves stay in insertion order in a vector of their own. A lookup reads one slot
// or a few neighbours and compares the key once, where a node-based map chased a pointer per
// bucket and per node: with millions of lookups that chasing was most of their cost.
// References to values are valid until the next insertion.
template <typename T>
class person_role_map {
public:
   using key_type = std::pair<std::string_view, int>;
   using entry = std::pair<key_type, T>;

   const T* find(const key_type& key) const
   {
      if (m_slots.empty()) return nullptr;
      const auto hash = hash_of(key);
      for (auto at = hash & mask();; at = (at + 1) & mask()) {
         const auto& slot = m_slots[at];
         if (slot.position == 0) return nullptr;
         if (slot.hash == hash && m_entries[slot.position - 1].first == key) return &m_entries[slot.position - 1].second;
      }
   }
   T* find(const key_type& key) { return const_cast<T*>(std::as_const(*this).find(key)); }

   // The value for key, made with T{} when the map has none.
   T& operator[](const key_type& key)
   {
      if (2 * (m_entries.size() + 1) > m_slots.size()) grow();
      const auto hash = hash_of(key);
      auto at = hash & mask();
      for (; m_slots[at].position != 0; at = (at + 1) & mask()) {
         const auto& slot = m_slots[at];
         if (slot.hash == hash && m_entries[slot.position - 1].first == key) return m_entries[slot.position - 1].second;
      }
      m_entries.emplace_back(key, T{});
      m_slots[at] = {hash, static_cast<std::uint32_t>(m_entries.size())};
      return m_entries.back().second;
   }

   std::size_t size() const { return m_entries.size(); }
   bool empty() const { return m_entries.empty(); }
   // In insertion order.
   auto begin() const { return m_entries.begin(); }
   auto end() const { return m_entries.end(); }

private:
   struct slot {
      std::uint64_t hash = 0;
      std::uint32_t position = 0;  // in m_entries, plus one; 0 for an empty slot
   };

   static std::uint64_t hash_of(const key_type& key)
   {
      return std::hash<std::string_view>{}(key.first) * 31 + static_cast<std::uint64_t>(key.second);
   }
   std::uint64_t mask() const { return m_slots.size() - 1; }

   // Doubles the table (at least 16 slots) and places every entry again: at most half the slots
   // are ever in use, so probes stay short.
   void grow()
   {
      std::vector<slot> slots(m_slots.empty() ? 16 : 2 * m_slots.size());
      const auto new_mask = slots.size() - 1;
      for (const auto& old : m_slots) {
         if (old.position == 0) continue;
         auto at = old.hash & new_mask;
         while (slots[at].position != 0) at = (at + 1) & new_mask;
         slots[at] = old;
      }
      m_slots = std::move(slots);
   }

   std::vector<slot> m_slots;
   std::vector<entry> m_entries;
};

}  // namespace compplan

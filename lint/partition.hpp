// Splits the deal space along the boxes' own edges until, in each region, every box either
// holds everywhere or nowhere. Splits are balanced (the median edge, half the cells), so a
// plan of n bands over one field is settled in O(n log n) boxes visited, not all pairs.
#pragma once

#include "lint/fragment.hpp"

#include <functional>

namespace compplan::lint {

struct owned_box {
   const box* cells = nullptr;
   int owner = -1;  // whose box this is; the caller's numbering
};

struct region_view {
   const box& region;
   const std::vector<owned_box>& relevant;    // the boxes that meet the region
   const std::vector<owned_box>& containing;  // those that hold on all of it
   bool leaf;                                 // relevant == containing: nothing left to split
};

// Returns whether to split the region further (ignored at a leaf).
using region_visitor = std::function<bool(const region_view&)>;

class partition {
public:
   partition(const deal_space& space, std::size_t budget) : m_space(space), m_budget(budget) {}

   // Visits `region` and, while the visitor asks, its parts.
   void explore(const box& region, const std::vector<owned_box>& boxes, const region_visitor& visit);
   // Whether the budget of regions ran out: the analysis is then incomplete.
   bool exhausted() const { return m_visited > m_budget; }
   std::size_t visited() const { return m_visited; }

private:
   const deal_space& m_space;
   std::size_t m_budget;
   std::size_t m_visited = 0;
};

}  // namespace compplan::lint

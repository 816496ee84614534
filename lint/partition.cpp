// The balanced split of the deal space: the field most boxes disagree on, cut at its median edge.
#include "lint/partition.hpp"

#include <algorithm>

namespace compplan::lint {

namespace {

bool has_values(const field_set& set)
{
   return !set.intervals.empty() || cell_count(set) > 0;
}

// The parts of `set` when split for the boxes that do not contain it on this field; empty
// when it cannot be split.
std::vector<field_set> parts_of(const field_domain& domain, const field_set& set, const std::vector<const field_set*>& edges)
{
   if (set.blank && has_values(set)) {
      auto values = set;
      values.blank = false;
      return {blank_set(domain), std::move(values)};
   }
   if (domain.kind == domain_kind::finite) {
      std::vector<std::size_t> cells;
      for (std::size_t cell = 0; cell < domain.cells.size(); ++cell) {
         if (has_cell(set, cell)) cells.push_back(cell);
      }
      if (cells.size() < 2) return {};
      auto lower = empty_set(domain);
      auto upper = empty_set(domain);
      for (std::size_t i = 0; i < cells.size(); ++i) {
         auto& half = i < cells.size() / 2 ? lower : upper;
         half.cells[cells[i] / 64] |= std::uint64_t{1} << (cells[i] % 64);
      }
      return {std::move(lower), std::move(upper)};
   }
   std::vector<cut> cuts;
   for (const auto* edge : edges) cuts_of(*edge, cuts);
   std::sort(cuts.begin(), cuts.end());
   cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
   // Only cuts that leave values on both sides; then the median of those.
   std::vector<cut> inside;
   for (const auto& c : cuts) {
      auto [below, above] = split_at(domain, set, c);
      if (has_values(below) && has_values(above)) inside.push_back(c);
   }
   if (inside.empty()) return {};
   auto [below, above] = split_at(domain, set, inside[inside.size() / 2]);
   return {std::move(below), std::move(above)};
}

}  // namespace

void partition::explore(const box& region, const std::vector<owned_box>& boxes, const region_visitor& visit)
{
   if (++m_visited > m_budget) return;
   std::vector<owned_box> relevant;
   std::vector<owned_box> containing;
   for (const auto& b : boxes) {
      if (!m_space.intersects(*b.cells, region)) continue;
      relevant.push_back(b);
      if (m_space.contains(*b.cells, region)) containing.push_back(b);
   }
   const bool leaf = relevant.size() == containing.size();
   if (!visit(region_view{region, relevant, containing, leaf}) || leaf) return;

   // The field on which most of the undecided boxes draw an edge inside the region.
   std::size_t best = 0;
   std::size_t best_count = 0;
   std::vector<std::vector<const field_set*>> edges(m_space.fields.size());
   for (const auto& b : relevant) {
      if (m_space.contains(*b.cells, region)) continue;
      for (std::size_t f = 0; f < m_space.fields.size(); ++f) {
         if (!contains(m_space.fields[f], (*b.cells)[f], region[f])) edges[f].push_back(&(*b.cells)[f]);
      }
   }
   for (std::size_t f = 0; f < edges.size(); ++f) {
      if (edges[f].size() > best_count) {
         best = f;
         best_count = edges[f].size();
      }
   }
   if (best_count == 0) return;
   for (auto& part : parts_of(m_space.fields[best], region[best], edges[best])) {
      box sub = region;
      sub[best] = std::move(part);
      explore(sub, relevant, visit);
      if (exhausted()) return;
   }
}

}  // namespace compplan::lint

// Coverage of the deal space by exclusions and crediting rules: overlaps (L001), gaps (L002),
// rules that never match (L003), exclusions that never apply (L004), conditions that always
// hold (L005), and conditions outside the decidable fragment (L006).
#include "lint/linter.hpp"

#include "lint/partition.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace compplan::lint {

namespace {

int exclusion_owner(std::size_t exclusion)
{
   return -static_cast<int>(exclusion) - 1;
}

std::vector<owned_box> boxes_of(const condition_cover& cover, int owner)
{
   std::vector<owned_box> boxes;
   if (!cover.decided) return boxes;
   for (const auto& b : cover.boxes) boxes.push_back({&b, owner});
   return boxes;
}

void append(std::vector<owned_box>& to, const std::vector<owned_box>& more)
{
   to.insert(to.end(), more.begin(), more.end());
}

std::vector<owned_box> exclusion_boxes(const linter& l, std::size_t count)
{
   std::vector<owned_box> boxes;
   for (std::size_t j = 0; j < count; ++j) append(boxes, boxes_of(l.exclusions[j], exclusion_owner(j)));
   return boxes;
}

// A region of `region` that none of `covers` holds on, if there is one.
std::optional<box> uncovered(const linter& l, const box& region, const std::vector<owned_box>& covers, bool& exhausted)
{
   std::optional<box> found;
   partition p(l.space, l.options.budget);
   p.explore(region, covers, [&](const region_view& view) {
      if (found || !view.containing.empty()) return false;
      if (view.leaf) found = view.region;
      return !found;
   });
   exhausted = exhausted || p.exhausted();
   return found;
}

// The whole deal space as exclusions and crediting rules divide it.
struct coverage_map {
   std::vector<bool> live;                           // by crediting rule: matches a deal nothing excludes
   std::map<std::pair<int, int>, box> overlaps;      // rule pair -> a region where both match
   std::vector<box> gaps;                            // regions nothing covers
   bool exhausted = false;
};

inline constexpr std::size_t max_gap_regions = 256;

coverage_map map_coverage(const linter& l)
{
   coverage_map map;
   map.live.assign(l.credits.size(), false);
   auto boxes = exclusion_boxes(l, l.exclusions.size());
   for (std::size_t i = 0; i < l.credits.size(); ++i) append(boxes, boxes_of(l.credits[i], static_cast<int>(i)));
   partition p(l.space, l.options.budget);
   p.explore(l.space.full(), boxes, [&](const region_view& view) {
      for (const auto& b : view.containing) {
         if (b.owner < 0) return false;  // excluded before any crediting rule is asked
      }
      if (!view.leaf) {
         // One rule alone, holding on all of the region and nothing else in play: settled.
         int only = -1;
         bool alone = true;
         for (const auto& b : view.relevant) {
            if (b.owner < 0 || (only >= 0 && b.owner != only)) alone = false;
            only = b.owner;
         }
         if (alone && !view.containing.empty()) {
            map.live[static_cast<std::size_t>(only)] = true;
            return false;
         }
         return true;
      }
      std::vector<int> rules;
      for (const auto& b : view.containing) {
         if (std::find(rules.begin(), rules.end(), b.owner) == rules.end()) rules.push_back(b.owner);
      }
      std::sort(rules.begin(), rules.end());
      if (rules.empty() && map.gaps.size() < max_gap_regions) map.gaps.push_back(view.region);
      for (std::size_t a = 0; a < rules.size(); ++a) {
         map.live[static_cast<std::size_t>(rules[a])] = true;
         for (std::size_t b = a + 1; b < rules.size(); ++b) map.overlaps.try_emplace({rules[a], rules[b]}, view.region);
      }
      return false;
   });
   map.exhausted = p.exhausted();
   return map;
}

// Joins gap regions that differ in one field only, so one hole is reported once.
void merge_gaps(const deal_space& space, std::vector<box>& gaps)
{
   for (bool merged = true; merged;) {
      merged = false;
      for (std::size_t i = 0; i < gaps.size() && !merged; ++i) {
         for (std::size_t j = i + 1; j < gaps.size() && !merged; ++j) {
            std::size_t differing = 0;
            std::size_t field = 0;
            for (std::size_t f = 0; f < space.fields.size(); ++f) {
               if (!(gaps[i][f] == gaps[j][f])) {
                  ++differing;
                  field = f;
               }
            }
            if (differing <= 1) {
               gaps[i][field] = unite(space.fields[field], gaps[i][field], gaps[j][field]);
               gaps.erase(gaps.begin() + static_cast<std::ptrdiff_t>(j));
               merged = true;
            }
         }
      }
   }
}

void note_more(linter& l, const char* code, std::size_t more, const source_span& span, std::string_view what)
{
   if (more == 0) return;
   l.result.diagnostics.add(severity::note, code, span,
                            fmt::format("{} more {} not shown; fix these and check again", more, what));
}

void report_overlaps(linter& l, const coverage_map& map)
{
   const auto& rules = l.syntax.crediting_rules;
   std::size_t reported = 0;
   std::size_t more = 0;
   source_span last;
   for (const auto& [pair, region] : map.overlaps) {
      const auto& first = rules[static_cast<std::size_t>(pair.first)];
      const auto& second = rules[static_cast<std::size_t>(pair.second)];
      const auto deal = l.deal_in(region);
      const auto outcome = l.evaluate(deal);
      const bool confirmed = outcome.status == deal_status::ambiguous &&
                             std::count(outcome.rules.begin(), outcome.rules.end(), first.name.text) == 1 &&
                             std::count(outcome.rules.begin(), outcome.rules.end(), second.name.text) == 1;
      if (!confirmed) continue;  // a rule the analysis could not read decides it (L006 says so)
      if (reported == max_findings_per_code) {
         ++more;
         continue;
      }
      ++reported;
      const auto& later = first.span.line > second.span.line ? first : second;
      const auto& earlier = &later == &first ? second : first;
      auto& d = l.result.diagnostics.error(
         "L001", later.name.span,
         fmt::format("crediting rules '{}' and '{}' both match a deal with {}; exactly one rule may credit a deal",
                     first.name.text, second.name.text, l.describe(deal, region)));
      d.notes.push_back({earlier.name.span, fmt::format("'{}' is declared here", earlier.name.text)});
      // Subsumed: every deal of one rule (not excluded) also matches the other.
      auto covers = exclusion_boxes(l, l.exclusions.size());
      for (const auto& [inner, outer] : {std::pair{&later, &earlier}, std::pair{&earlier, &later}}) {
         const auto index = static_cast<int>(inner - rules.data());
         const auto outer_index = static_cast<int>(outer - rules.data());
         auto all = covers;
         append(all, boxes_of(l.credits[static_cast<std::size_t>(outer_index)], outer_index));
         bool exhausted = false;
         bool inside = true;
         for (const auto& b : l.credits[static_cast<std::size_t>(index)].boxes) {
            inside = inside && !uncovered(l, b, all, exhausted);
         }
         if (inside && !exhausted) {
            d.notes.push_back({inner->name.span, fmt::format("every deal that '{}' matches also matches '{}', so it "
                                                              "can never credit a deal alone",
                                                              inner->name.text, outer->name.text)});
            break;
         }
      }
      l.add_witness("L001", first.name.text + "-" + second.name.text, deal);
      last = later.name.span;
   }
   note_more(l, "L001", more, last, "overlapping pairs of crediting rules are");
}

source_span deals_record_span(const linter& l)
{
   for (const auto& record : l.syntax.records) {
      if (record.kind == ast::record_kind::deals) {
         return source_span{record.span.file, record.span.line, record.span.column, record.span.line,
                            record.span.column + 5};
      }
   }
   return {};
}

void report_gaps(linter& l, coverage_map& map)
{
   merge_gaps(l.space, map.gaps);
   std::size_t reported = 0;
   std::size_t more = 0;
   const auto where = deals_record_span(l);
   for (const auto& region : map.gaps) {
      const auto deal = l.deal_in(region);
      if (l.evaluate(deal).status != deal_status::uncredited) continue;
      if (reported == max_findings_per_code) {
         ++more;
         continue;
      }
      ++reported;
      l.result.diagnostics.warning(
         "L002", where,
         fmt::format("no crediting rule or exclusion covers a deal with {}; such a deal would earn nothing and "
                     "be reported as uncredited",
                     l.describe(deal, region)));
      l.add_witness("L002", std::to_string(reported), deal);
   }
   note_more(l, "L002", more, where, "uncovered kinds of deal are");
}

void report_impossible(linter& l, std::string_view what, const ast::identifier& name)
{
   l.result.diagnostics.warning("L003", name.span,
                                fmt::format("the condition of {} '{}' can never hold: no deal the deals record "
                                            "allows satisfies it",
                                            what, name.text));
}

bool meet(const deal_space& space, const condition_cover& a, const condition_cover& b)
{
   for (const auto& x : a.boxes) {
      for (const auto& y : b.boxes) {
         if (space.intersects(x, y)) return true;
      }
   }
   return false;
}

void report_never_matching(linter& l, const coverage_map& map)
{
   for (std::size_t i = 0; i < l.credits.size(); ++i) {
      const auto& cover = l.credits[i];
      if (!cover.decided || map.live[i]) continue;
      const auto& rule = l.syntax.crediting_rules[i];
      if (cover.boxes.empty()) {
         report_impossible(l, "crediting rule", rule.name);
         continue;
      }
      auto& d = l.result.diagnostics.warning(
         "L003", rule.name.span,
         fmt::format("crediting rule '{}' never credits a deal: every deal it matches is excluded first",
                     rule.name.text));
      for (std::size_t j = 0; j < l.exclusions.size(); ++j) {
         if (meet(l.space, l.exclusions[j], cover)) {
            const auto& exclusion = l.syntax.exclusions[j];
            d.notes.push_back({exclusion.name.span, fmt::format("'{}' excludes them", exclusion.name.text)});
         }
      }
   }
}

void report_exclusions(linter& l)
{
   for (std::size_t j = 0; j < l.exclusions.size(); ++j) {
      const auto& cover = l.exclusions[j];
      const auto& exclusion = l.syntax.exclusions[j];
      if (!cover.decided) continue;
      if (cover.boxes.empty()) {
         report_impossible(l, "exclusion", exclusion.name);
         continue;
      }
      const auto earlier = exclusion_boxes(l, j);
      if (earlier.empty()) continue;
      bool exhausted = false;
      bool applies = false;
      for (const auto& b : cover.boxes) applies = applies || uncovered(l, b, earlier, exhausted);
      if (applies || exhausted) continue;
      auto& d = l.result.diagnostics.warning(
         "L004", exclusion.name.span,
         fmt::format("exclusion '{}' never applies: every deal it matches is excluded first by an exclusion "
                     "before it",
                     exclusion.name.text));
      for (std::size_t k = 0; k < j; ++k) {
         if (meet(l.space, l.exclusions[k], cover)) {
            d.notes.push_back({l.syntax.exclusions[k].name.span,
                               fmt::format("'{}' is decided first", l.syntax.exclusions[k].name.text)});
         }
      }
   }
}

bool is_literal_true(const ast::expression& expr)
{
   const auto* literal = std::get_if<ast::literal>(&expr.node);
   return literal != nullptr && literal->constant == value{true};
}

void report_always_true(linter& l, const std::vector<condition_cover>& covers, std::string_view what,
                        const auto& clauses, bool literal_true_allowed)
{
   for (std::size_t i = 0; i < covers.size(); ++i) {
      if (!covers[i].decided || covers[i].boxes.empty()) continue;
      const auto& clause = clauses[i];
      // A crediting rule written `when true` says so on purpose; any other condition that
      // always holds was meant to restrict something.
      if (literal_true_allowed && is_literal_true(*clause.when)) continue;
      bool exhausted = false;
      if (uncovered(l, l.space.full(), boxes_of(covers[i], 0), exhausted) || exhausted) continue;
      l.result.diagnostics.warning(
         "L005", clause.when->span,
         fmt::format("the condition of {} '{}' holds for every deal the deals record allows", what, clause.name.text));
   }
}

void report_undecided(linter& l, const std::vector<condition_cover>& covers, std::string_view what,
                      const auto& clauses)
{
   for (std::size_t i = 0; i < covers.size(); ++i) {
      if (covers[i].decided) continue;
      const auto& clause = clauses[i];
      auto& d = l.result.diagnostics.add(
         severity::note, "L006", covers[i].undecided_at,
         fmt::format("cannot decide whether {} '{}' overlaps another or leaves deals uncovered: {}", what,
                     clause.name.text, covers[i].why));
      d.notes.push_back({clause.name.span, fmt::format("'{}' is left out of the overlap and gap analysis; the "
                                                        "analysis reads fields compared with constants, sets, "
                                                        "booleans, ranges, is_blank, and/or/not",
                                                        clause.name.text)});
   }
}

}  // namespace

void lint_coverage(linter& l)
{
   report_undecided(l, l.exclusions, "exclusion", l.syntax.exclusions);
   report_undecided(l, l.credits, "crediting rule", l.syntax.crediting_rules);
   if (l.syntax.crediting_rules.empty()) return;
   auto map = map_coverage(l);
   if (map.exhausted) {
      l.result.diagnostics.add(
         severity::note, "L006", l.syntax.crediting_rules.front().name.span,
         fmt::format("cannot decide whether the crediting rules overlap or leave deals uncovered: the analysis "
                     "stopped after {} regions of the deal space",
                     l.options.budget));
   }
   report_overlaps(l, map);
   if (!map.exhausted) {
      report_gaps(l, map);
      report_never_matching(l, map);
   }
   report_exclusions(l);
   report_always_true(l, l.credits, "crediting rule", l.syntax.crediting_rules, true);
   report_always_true(l, l.exclusions, "exclusion", l.syntax.exclusions, false);
}

}  // namespace compplan::lint

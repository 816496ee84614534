// Clause-level findings: shares and tranches that do not add up (L007, L008), tier tables with
// holes or a falling payout (L009, L010), credited shares without exactly one rate (L011, L012),
// rates nobody earns (L013), unused definitions (L014), tranches that are never paid (L015),
// tranches a clawback cannot recover (L017).
#include "lint/linter.hpp"

#include "interpreter/evaluate.hpp"
#include "lint/partition.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace compplan::lint {

namespace {

std::string percent(const decimal& share)
{
   return (share * decimal::from_int(100)).to_string() + "%";
}

// ------------------------------------------------------------------ sums

void lint_shares(linter& l)
{
   for (const auto& rule : l.syntax.crediting_rules) {
      decimal total;
      for (const auto& share : rule.shares) total += share.percent;
      const auto expected = rule.total.value_or(decimal::from_int(1));
      if (total == expected || rule.shares.empty()) continue;
      auto& d = l.result.diagnostics.error(
         "L007", rule.name.span,
         rule.total ? fmt::format("the shares of crediting rule '{}' total {}, not the {} it declares", rule.name.text,
                                  percent(total), percent(expected))
                    : fmt::format("the shares of crediting rule '{}' total {}; they must total 100% so that the deal's "
                                  "whole credit is split, no more and no less{}",
                                  rule.name.text, percent(total),
                                  decimal::from_int(1) < total
                                     ? fmt::format(" (to credit the deal more than once on purpose, say 'totalling {}')",
                                                   percent(total))
                                     : ""));
      if (rule.total) d.notes.push_back({rule.total_span, "the declared total"});
      for (const auto& share : rule.shares) {
         if (decimal::from_int(1) < share.percent) {
            d.notes.push_back({share.span, fmt::format("the {} alone is given {}", share.role.text, percent(share.percent))});
         }
      }
   }
}

void lint_tranches(linter& l)
{
   for (const auto& schedule : l.syntax.schedules) {
      decimal total;
      const ast::tranche* remainder = nullptr;
      bool known = true;
      for (const auto& tranche : schedule.tranches) {
         if (!tranche.share) {
            remainder = &tranche;
            continue;
         }
         const auto share = constant_value(l.plan, *tranche.share);
         if (!share || !std::holds_alternative<decimal>(*share)) {
            known = false;
            break;
         }
         total += std::get<decimal>(*share);
      }
      if (!known || schedule.tranches.empty()) continue;
      const auto whole = decimal::from_int(1);
      if (remainder == nullptr && total != whole) {
         l.result.diagnostics.error(
            "L008", schedule.name.span,
            fmt::format("the tranches of schedule '{}' pay {} of the commission in total; make them total 100% or "
                        "end with a tranche that pays remainder",
                        schedule.name.text, percent(total)));
      }
      else if (remainder != nullptr && whole < total) {
         l.result.diagnostics.error(
            "L008", remainder->span,
            fmt::format("the other tranches of schedule '{}' already pay {}, so the remainder would be negative",
                        schedule.name.text, percent(total)));
      }
      else if (remainder != nullptr && total == whole) {
         l.result.diagnostics.warning(
            "L008", remainder->span,
            fmt::format("the other tranches of schedule '{}' already pay 100%, so the remainder tranche '{}' always "
                        "pays nothing",
                        schedule.name.text, remainder->name.text));
      }
   }
}

// ------------------------------------------------------------------ tiers

// A band end as constant + factor x quota (factor 0: a plain amount).
struct linear_bound {
   decimal constant;
   decimal of_quota;
};

std::optional<linear_bound> linear(const linter& l, const ast::expression& expr)
{
   if (const auto v = constant_value(l.plan, expr)) {
      if (const auto* d = std::get_if<decimal>(&*v)) return linear_bound{*d, {}};
      return std::nullopt;
   }
   const auto& symbol = l.plan.symbols[expr.id];
   if (symbol && symbol->kind == symbol_kind::quota) return linear_bound{{}, decimal::from_int(1)};
   const auto* node = std::get_if<ast::binary>(&expr.node);
   if (node == nullptr) return std::nullopt;
   const auto a = linear(l, *node->left);
   const auto b = linear(l, *node->right);
   if (!a || !b) return std::nullopt;
   switch (node->op) {
      case ast::binary_op::add: return linear_bound{a->constant + b->constant, a->of_quota + b->of_quota};
      case ast::binary_op::subtract: return linear_bound{a->constant - b->constant, a->of_quota - b->of_quota};
      case ast::binary_op::multiply:
      case ast::binary_op::percent_of:
         if (a->of_quota.is_zero()) return linear_bound{a->constant * b->constant, a->constant * b->of_quota};
         if (b->of_quota.is_zero()) return linear_bound{a->constant * b->constant, b->constant * a->of_quota};
         return std::nullopt;
      default: return std::nullopt;
   }
}

std::string show_bound(const linear_bound& b)
{
   if (b.of_quota.is_zero()) return b.constant.to_string();
   std::string text = b.of_quota == decimal::from_int(1) ? "quota" : percent(b.of_quota) + " of quota";
   if (!b.constant.is_zero()) text += (b.constant.is_negative() ? " - " : " + ") + b.constant.abs().to_string();
   return text;
}

// -1, 0, 1; nothing when the order depends on the quota.
std::optional<int> order(const linear_bound& a, const linear_bound& b)
{
   if (a.of_quota != b.of_quota) return std::nullopt;
   return a.constant < b.constant ? -1 : b.constant < a.constant ? 1 : 0;
}

struct band_ends {
   std::size_t band;
   std::optional<linear_bound> low;  // nothing: unbounded
   bool low_inclusive;
   std::optional<linear_bound> high;
   bool high_inclusive;
};

void lint_tier_table(linter& l, std::size_t t)
{
   const auto& table = l.syntax.tier_tables[t];
   const auto& info = l.plan.tiers[t];
   std::vector<band_ends> bands;
   for (std::size_t b = 0; b < info.bands.size(); ++b) {
      const auto& band = info.bands[b];
      band_ends ends{b, std::nullopt, band.low_inclusive, std::nullopt, band.high_inclusive};
      if (band.low != nullptr && !(ends.low = linear(l, *band.low))) return;
      if (band.high != nullptr && !(ends.high = linear(l, *band.high))) return;
      bands.push_back(ends);
   }
   // In order of their low ends; a table whose order depends on the quota is left alone.
   bool comparable = true;
   std::stable_sort(bands.begin(), bands.end(), [&](const band_ends& a, const band_ends& b) {
      if (!a.low || !b.low) return !a.low && b.low;
      const auto o = order(*a.low, *b.low);
      comparable = comparable && o.has_value();
      return o.value_or(0) < 0 || (o.value_or(1) == 0 && a.low_inclusive && !b.low_inclusive);
   });
   if (!comparable) return;
   const auto name = [&](const band_ends& b) { return table.bands[b.band].name; };
   const auto& quantity = table.quantity.text;
   // Below the first band: the quantity starts at zero.
   const auto& first = bands.front();
   if (first.low) {
      const linear_bound zero{};
      if (const auto o = order(zero, *first.low); o && (*o < 0 || (*o == 0 && !first.low_inclusive))) {
         l.result.diagnostics.error("L009", name(first).span,
                                    fmt::format("no band of '{}' covers {} from 0 up to {}; the first band '{}' "
                                                "starts there",
                                                table.name.text, quantity, show_bound(*first.low), name(first).text));
      }
   }
   for (std::size_t i = 0; i + 1 < bands.size(); ++i) {
      const auto& a = bands[i];
      const auto& b = bands[i + 1];
      if (!a.high) {
         auto& d = l.result.diagnostics.error(
            "L009", name(b).span,
            fmt::format("bands '{}' and '{}' of '{}' overlap: '{}' has no upper end", name(a).text, name(b).text,
                        table.name.text, name(a).text));
         d.notes.push_back({name(a).span, fmt::format("'{}' is declared here", name(a).text)});
         continue;
      }
      const auto o = order(*a.high, *b.low);
      if (!o) continue;
      const bool touching = *o == 0;
      if (*o < 0 || (touching && !a.high_inclusive && !b.low_inclusive)) {
         auto& d = l.result.diagnostics.error(
            "L009", name(b).span,
            fmt::format("no band of '{}' covers {} {}: '{}' ends {} {} and '{}' starts {} {}", table.name.text,
                        quantity, touching ? "at " + show_bound(*a.high) : "between " + show_bound(*a.high) + " and " + show_bound(*b.low),
                        name(a).text, a.high_inclusive ? "at" : "below", show_bound(*a.high), name(b).text,
                        b.low_inclusive ? "at" : "above", show_bound(*b.low)));
         d.notes.push_back({name(a).span, fmt::format("'{}' is declared here", name(a).text)});
      }
      else if (*o > 0 || (touching && a.high_inclusive && b.low_inclusive)) {
         auto& d = l.result.diagnostics.error(
            "L009", name(b).span,
            fmt::format("bands '{}' and '{}' of '{}' overlap {} {}", name(a).text, name(b).text, table.name.text,
                        touching ? "at" : "from", touching ? show_bound(*b.low) : show_bound(*b.low) + " to " + show_bound(*a.high)));
         d.notes.push_back({name(a).span, fmt::format("'{}' is declared here", name(a).text)});
      }
   }
   const auto& last = bands.back();
   if (last.high) {
      l.result.diagnostics.error("L009", name(last).span,
                                 fmt::format("no band of '{}' covers {} {} {}; the last band '{}' ends there",
                                             table.name.text, quantity, last.high_inclusive ? "above" : "from",
                                             show_bound(*last.high), name(last).text));
   }
   // A payout that falls as the quantity rises.
   for (std::size_t i = 0; i < bands.size(); ++i) {
      const auto factor = constant_value(l.plan, *table.bands[bands[i].band].pays);
      if (!factor || !std::holds_alternative<decimal>(*factor)) continue;
      const auto f = std::get<decimal>(*factor);
      if (f.is_negative()) {
         l.result.diagnostics.warning("L010", table.bands[bands[i].band].pays->span,
                                      fmt::format("band '{}' pays a negative factor, so the payout falls as {} rises",
                                                  name(bands[i]).text, quantity));
      }
      if (table.mode != ast::tier_mode::retroactive || i + 1 == bands.size() || !bands[i].high) continue;
      const auto next = constant_value(l.plan, *table.bands[bands[i + 1].band].pays);
      if (!next || !std::holds_alternative<decimal>(*next) || !(std::get<decimal>(*next) < f)) continue;
      const auto g = std::get<decimal>(*next);
      const auto& edge = *bands[i].high;
      std::string message;
      if (edge.of_quota.is_zero()) {
         const auto step = decimal::from_fraction(1, 100);
         const auto top = bands[i].high_inclusive ? edge.constant : edge.constant - step;
         const auto above = top + step;
         message = fmt::format("the payout of retroactive tiers '{}' falls as {} rises: at {} the whole {} earns {} "
                               "({} times the rate), at {} it earns {} ({} times the rate)",
                               table.name.text, quantity, top.to_fixed(2), quantity, percent(f), (top * f).to_string(),
                               above.to_fixed(2), percent(g), (above * g).to_string());
      }
      else {
         message = fmt::format("the payout of retroactive tiers '{}' falls as {} rises: at {} the whole {} earns {}, "
                               "just above it earns {}",
                               table.name.text, quantity, show_bound(edge), quantity, percent(f), percent(g));
      }
      auto& d = l.result.diagnostics.warning("L010", name(bands[i + 1]).span, message);
      d.notes.push_back({name(bands[i]).span, fmt::format("'{}' pays {}", name(bands[i]).text, percent(f))});
   }
}

// ------------------------------------------------------------------ rates

bool holds(const linter& l, const ast::expression& condition, const std::vector<value>& deal)
{
   std::vector<std::optional<value>> definitions(l.syntax.definitions.size());
   evaluation_scope scope;
   scope.deal = deal;
   scope.definitions = &definitions;
   try {
      return evaluator(l.plan).holds(condition, scope);
   }
   catch (const std::exception&) {
      return false;
   }
}

// For one role: deals a rule credits to the role where no rate, or two rates, apply.
void lint_rates_of_role(linter& l, int role, std::size_t& gaps, std::size_t& overlaps)
{
   std::vector<const condition_cover*> rate_covers;
   std::vector<std::size_t> rates;
   for (std::size_t r = 0; r < l.syntax.rates.size(); ++r) {
      if (l.plan.rate_role[r] != role) continue;
      rates.push_back(r);
      rate_covers.push_back(&l.rates[r]);
      if (!l.rates[r].decided) return;  // not claimed either way
   }
   constexpr int rate_base = 1 << 24;
   std::vector<owned_box> boxes;
   for (std::size_t j = 0; j < l.exclusions.size(); ++j) {
      if (!l.exclusions[j].decided) return;
      for (const auto& b : l.exclusions[j].boxes) boxes.push_back({&b, -static_cast<int>(j) - 1});
   }
   std::vector<std::size_t> share_of(l.credits.size(), SIZE_MAX);
   for (std::size_t i = 0; i < l.credits.size(); ++i) {
      const auto& rule = l.syntax.crediting_rules[i];
      for (std::size_t s = 0; s < rule.shares.size(); ++s) {
         if (l.plan.share_roles[i][s] == role && !rule.shares[s].percent.is_zero()) share_of[i] = s;
      }
      if (share_of[i] == SIZE_MAX || !l.credits[i].decided) continue;
      for (const auto& b : l.credits[i].boxes) boxes.push_back({&b, static_cast<int>(i)});
   }
   for (std::size_t k = 0; k < rate_covers.size(); ++k) {
      for (const auto& b : rate_covers[k]->boxes) boxes.push_back({&b, rate_base + static_cast<int>(k)});
   }
   std::map<int, box> unrated;                    // crediting rule -> region
   std::map<std::pair<int, int>, box> doubled;    // rate pair -> region
   partition p(l.space, l.options.budget);
   p.explore(l.space.full(), boxes, [&](const region_view& view) {
      bool credited = false;
      for (const auto& b : view.containing) {
         if (b.owner < 0) return false;
      }
      for (const auto& b : view.relevant) credited = credited || (b.owner >= 0 && b.owner < rate_base);
      if (!credited) return false;
      if (!view.leaf) return true;
      std::vector<int> applying;
      int rule = -1;
      for (const auto& b : view.containing) {
         if (b.owner >= rate_base) {
            if (std::find(applying.begin(), applying.end(), b.owner - rate_base) == applying.end()) {
               applying.push_back(b.owner - rate_base);
            }
         }
         else if (rule < 0) {
            rule = b.owner;
         }
      }
      std::sort(applying.begin(), applying.end());
      if (applying.empty()) unrated.try_emplace(rule, view.region);
      if (applying.size() > 1) doubled.try_emplace({applying[0], applying[1]}, view.region);
      return false;
   });
   const auto role_name = l.plan.role_name(role);
   for (const auto& [rule_index, region] : unrated) {
      const auto& rule = l.syntax.crediting_rules[static_cast<std::size_t>(rule_index)];
      const auto deal = l.deal_in(region);
      bool confirmed = holds(l, *rule.when, deal);
      for (const auto r : rates) confirmed = confirmed && !holds(l, *l.syntax.rates[r].when, deal);
      if (!confirmed || ++gaps > max_findings_per_code) continue;
      l.result.diagnostics.error(
         "L011", rule.shares[share_of[static_cast<std::size_t>(rule_index)]].span,
         fmt::format("'{}' credits the {} on a deal with {}, but no rate for the {} applies to it, so the deal "
                     "cannot be paid",
                     rule.name.text, role_name, l.describe(deal, region), role_name));
      l.add_witness("L011", rule.name.text + "-" + std::string(role_name), deal);
   }
   for (const auto& [pair, region] : doubled) {
      const auto& a = l.syntax.rates[rates[static_cast<std::size_t>(pair.first)]];
      const auto& b = l.syntax.rates[rates[static_cast<std::size_t>(pair.second)]];
      const auto deal = l.deal_in(region);
      if (!holds(l, *a.when, deal) || !holds(l, *b.when, deal) || ++overlaps > max_findings_per_code) continue;
      auto& d = l.result.diagnostics.error(
         "L012", b.name.span,
         fmt::format("rates '{}' and '{}' for the {} both apply to a deal with {}; exactly one rate may apply",
                     a.name.text, b.name.text, role_name, l.describe(deal, region)));
      d.notes.push_back({a.name.span, fmt::format("'{}' is declared here", a.name.text)});
      l.add_witness("L012", a.name.text + "-" + b.name.text, deal);
   }
}

void lint_rates(linter& l)
{
   std::size_t gaps = 0;
   std::size_t overlaps = 0;
   for (std::size_t role = 0; role < l.syntax.roles.size(); ++role) {
      bool credited = false;
      for (std::size_t i = 0; i < l.syntax.crediting_rules.size(); ++i) {
         for (std::size_t s = 0; s < l.syntax.crediting_rules[i].shares.size(); ++s) {
            credited = credited || (l.plan.share_roles[i][s] == static_cast<int>(role) &&
                                    !l.syntax.crediting_rules[i].shares[s].percent.is_zero());
         }
      }
      if (credited) {
         lint_rates_of_role(l, static_cast<int>(role), gaps, overlaps);
         continue;
      }
      for (std::size_t r = 0; r < l.syntax.rates.size(); ++r) {
         if (l.plan.rate_role[r] != static_cast<int>(role)) continue;
         l.result.diagnostics.warning(
            "L013", l.syntax.rates[r].name.span,
            fmt::format("rate '{}' never pays: no crediting rule gives the {} a share above 0%",
                        l.syntax.rates[r].name.text, l.syntax.rates[r].role.text));
      }
   }
}

// ------------------------------------------------------------------ definitions

void lint_definitions(linter& l)
{
   std::vector<bool> used(l.syntax.definitions.size(), false);
   std::function<void(const ast::expression&)> walk = [&](const ast::expression& expr) {
      const auto& symbol = l.plan.symbols[expr.id];
      if (symbol && symbol->kind == symbol_kind::definition && !used[static_cast<std::size_t>(symbol->index)]) {
         used[static_cast<std::size_t>(symbol->index)] = true;
         walk(*l.syntax.definitions[static_cast<std::size_t>(symbol->index)].value);
      }
      ast::for_each_child(expr, walk);
   };
   ast::for_each_clause_expression(l.syntax, walk);
   for (std::size_t d = 0; d < used.size(); ++d) {
      if (used[d]) continue;
      const auto& definition = l.syntax.definitions[d];
      l.result.diagnostics.warning("L014", definition.name.span,
                                   fmt::format("the definition '{}' is never used", definition.name.text));
   }
}

// ------------------------------------------------------------------ schedules

// Two expressions that are written the same way (same structure, names and constants).
bool same_expression(const checked_plan& plan, const ast::expression& a, const ast::expression& b)
{
   if (a.node.index() != b.node.index()) return false;
   if (plan.symbols[a.id] || plan.symbols[b.id]) {
      const auto& x = plan.symbols[a.id];
      const auto& y = plan.symbols[b.id];
      return x && y && x->kind == y->kind && x->index == y->index;
   }
   if (const auto* x = std::get_if<ast::literal>(&a.node)) return x->constant == std::get<ast::literal>(b.node).constant;
   if (const auto* x = std::get_if<ast::binary>(&a.node); x != nullptr && x->op != std::get<ast::binary>(b.node).op) return false;
   if (const auto* x = std::get_if<ast::call>(&a.node); x != nullptr && x->function.text != std::get<ast::call>(b.node).function.text) return false;
   std::vector<const ast::expression*> left;
   std::vector<const ast::expression*> right;
   ast::for_each_child(a, [&](const ast::expression& e) { left.push_back(&e); });
   ast::for_each_child(b, [&](const ast::expression& e) { right.push_back(&e); });
   if (left.size() != right.size()) return false;
   for (std::size_t i = 0; i < left.size(); ++i) {
      if (!same_expression(plan, *left[i], *right[i])) return false;
   }
   return true;
}

// A date written as base, base + N days or base - N days.
std::pair<const ast::expression*, std::int64_t> date_offset(const checked_plan& plan, const ast::expression& expr)
{
   if (const auto* node = std::get_if<ast::binary>(&expr.node);
       node != nullptr && (node->op == ast::binary_op::add || node->op == ast::binary_op::subtract)) {
      if (const auto days = constant_value(plan, *node->right)) {
         if (const auto* n = std::get_if<day_count>(&*days)) {
            auto [base, offset] = date_offset(plan, *node->left);
            return {base, offset + (node->op == ast::binary_op::add ? n->days : -n->days)};
         }
      }
   }
   return {&expr, 0};
}

void lint_schedules(linter& l)
{
   for (const auto& schedule : l.syntax.schedules) {
      if (!schedule.until) continue;
      const auto [until, until_offset] = date_offset(l.plan, *schedule.until);
      for (const auto& tranche : schedule.tranches) {
         const auto [on, offset] = date_offset(l.plan, *tranche.on);
         if (!same_expression(l.plan, *on, *until) || offset < until_offset) continue;
         auto& d = l.result.diagnostics.warning(
            "L015", tranche.name.span,
            fmt::format("tranche '{}' is never paid: it falls on or after the date the schedule '{}' stops paying, "
                        "or has no date when that date is blank",
                        tranche.name.text, schedule.name.text));
         d.notes.push_back({schedule.until->span, "the schedule pays nothing on or after this date"});
      }
   }
}

// ------------------------------------------------------------------ clawbacks

// The last day of a clawback's window, as base + offset days, when its condition says
// `DATE <= base + N days` (or `<`, or the same written the other way round, or inside an `and`).
std::optional<std::pair<const ast::expression*, std::int64_t>> window_end(const checked_plan& plan,
                                                                           const ast::expression& when,
                                                                           const ast::expression& on)
{
   const auto* node = std::get_if<ast::binary>(&when.node);
   if (node == nullptr) return std::nullopt;
   if (node->op == ast::binary_op::logical_and) {
      if (auto end = window_end(plan, *node->left, on)) return end;
      return window_end(plan, *node->right, on);
   }
   using ast::binary_op;
   const ast::expression* limit = nullptr;
   bool inclusive = false;
   if ((node->op == binary_op::less_equal || node->op == binary_op::less) && same_expression(plan, *node->left, on)) {
      limit = &*node->right;
      inclusive = node->op == binary_op::less_equal;
   }
   else if ((node->op == binary_op::greater_equal || node->op == binary_op::greater) &&
            same_expression(plan, *node->right, on)) {
      limit = &*node->left;
      inclusive = node->op == binary_op::greater_equal;
   }
   if (limit == nullptr) return std::nullopt;
   auto [base, offset] = date_offset(plan, *limit);
   return std::pair{base, inclusive ? offset : offset - 1};
}

bool paid_by_some_clause(const linter& l, std::size_t schedule)
{
   for (std::size_t r = 0; r < l.syntax.rates.size(); ++r) {
      if (l.plan.rate_schedule[r] == static_cast<int>(schedule)) return true;
   }
   for (std::size_t f = 0; f < l.syntax.fees.size(); ++f) {
      if (l.plan.fee_schedule[f] == static_cast<int>(schedule)) return true;
   }
   return false;
}

void lint_clawbacks(linter& l)
{
   for (const auto& clawback : l.syntax.clawbacks) {
      const auto end = window_end(l.plan, *clawback.when, *clawback.on);
      for (std::size_t s = 0; s < l.syntax.schedules.size(); ++s) {
         const auto& schedule = l.syntax.schedules[s];
         // A clawback of named tranches leaves the others on purpose: only its own are judged.
         const auto recovered = [&](const ast::tranche& tranche) { return ast::recovers_tranche(clawback, tranche.name.text); };
         if (!paid_by_some_clause(l, s) || std::none_of(schedule.tranches.begin(), schedule.tranches.end(), recovered)) {
            continue;
         }
         // Without 'until', tranches due after the clawback's date are still paid on the deal.
         if (!schedule.until && schedule.tranches.size() > 1) {
            auto& d = l.result.diagnostics.warning(
               "L017", schedule.name.span,
               fmt::format("schedule '{}' has no 'until': on a deal that clawback '{}' recovers, the tranches due "
                           "after the clawback's date are still paid; stop the schedule at that date with 'until'",
                           schedule.name.text, clawback.name.text));
            d.notes.push_back({clawback.on->span, "the clawback's date"});
            continue;
         }
         if (!end) continue;
         for (const auto& tranche : schedule.tranches) {
            if (!recovered(tranche)) continue;
            const auto [base, offset] = date_offset(l.plan, *tranche.on);
            if (!same_expression(l.plan, *base, *end->first) || offset <= end->second) continue;
            auto& d = l.result.diagnostics.warning(
               "L017", tranche.name.span,
               fmt::format("clawback '{}' can never recover tranche '{}': the tranche falls {} days after {}, and the "
                           "clawback's window closes {} days after it",
                           clawback.name.text, tranche.name.text, offset, l.text_at(base->span), end->second));
            d.notes.push_back({clawback.when->span, "the clawback's window"});
         }
      }
   }
}

}  // namespace

void lint_clauses(linter& l)
{
   lint_shares(l);
   lint_tranches(l);
   for (std::size_t t = 0; t < l.syntax.tier_tables.size(); ++t) lint_tier_table(l, t);
   lint_rates(l);
   lint_definitions(l);
   lint_schedules(l);
   lint_clawbacks(l);
}

}  // namespace compplan::lint

// Phase 3: each clause's parts have the right kinds and refer to things that exist.
#include "check/checker.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string_view>
#include <vector>

namespace compplan::check {

namespace {

int find_in(const std::map<std::string, int, std::less<>>& names, const ast::identifier& name)
{
   const auto it = names.find(name.text);
   return it == names.end() ? -1 : it->second;
}

void check_conditions(checker& c)
{
   const scope deal{};
   for (const auto& rule : c.plan.exclusions) c.expect(*rule.when, deal, type_kind::boolean, "an exclusion's condition");
   for (const auto& rule : c.plan.crediting_rules) c.expect(*rule.when, deal, type_kind::boolean, "a crediting rule's condition");
   for (const auto& rule : c.plan.clawbacks) {
      c.expect(*rule.when, deal, type_kind::boolean, "a clawback's condition");
      c.expect(*rule.on, deal, type_kind::date, "a clawback's date");
   }
}

// A clawback's share is a percentage of the deal, and the tranches it names exist in some
// schedule (tranche names are local to their schedule, so a name may stand in several).
void check_recoveries(checker& c)
{
   std::vector<std::string_view> tranche_names;
   for (const auto& schedule : c.plan.schedules) {
      for (const auto& tranche : schedule.tranches) {
         if (std::find(tranche_names.begin(), tranche_names.end(), tranche.name.text) == tranche_names.end()) {
            tranche_names.push_back(tranche.name.text);
         }
      }
   }
   for (const auto& rule : c.plan.clawbacks) {
      if (rule.share) {
         c.expect(*rule.share, scope{}, type_kind::percent, "a clawback's share");
         // A share written as a literal is judged now; any other is judged on each deal (R011).
         const auto* literal = std::get_if<ast::literal>(&rule.share->node);
         const auto* share = literal != nullptr ? std::get_if<decimal>(&literal->constant) : nullptr;
         if (share != nullptr && (share->is_negative() || decimal::from_int(1) < *share)) {
            c.diagnostics.error("C022", rule.share->span,
                                fmt::format("a clawback recovers from 0% to 100% of what was paid; '{}' recovers {}%",
                                            rule.name.text, (*share * decimal::from_int(100)).to_string()));
         }
      }
      std::map<std::string, source_span, std::less<>> named;
      for (const auto& tranche : rule.tranches) {
         if (const auto [it, inserted] = named.try_emplace(tranche.text, tranche.span); !inserted) {
            auto& d = c.diagnostics.error("C022", tranche.span,
                                          fmt::format("the clawback '{}' names the tranche '{}' twice", rule.name.text,
                                                      tranche.text));
            d.notes.push_back({it->second, "first named here"});
            continue;
         }
         if (std::find(tranche_names.begin(), tranche_names.end(), tranche.text) != tranche_names.end()) continue;
         auto& d = c.diagnostics.error("C001", tranche.span,
                                       fmt::format("no tranche of any schedule is named '{}'", tranche.text));
         if (!tranche_names.empty()) {
            d.notes.push_back({c.plan.schedules.front().name.span,
                               fmt::format("the schedules' tranches are '{}'", fmt::join(tranche_names, "', '"))});
         }
      }
   }
}

void check_shares(checker& c)
{
   for (const auto& rule : c.plan.crediting_rules) {
      std::vector<int> roles;
      for (const auto& share : rule.shares) {
         const int role = c.require_role(share.role);
         if (role >= 0 && std::find(roles.begin(), roles.end(), role) != roles.end()) {
            c.diagnostics.error("C013", share.span,
                                fmt::format("the rule '{}' gives the {} a share twice", rule.name.text, share.role.text));
         }
         if (role >= 0 && c.out.role_person_field[static_cast<std::size_t>(role)] < 0) {
            c.diagnostics.error("C013", share.role.span,
                                fmt::format("no deals field names the {}: add ', names {}' to the field that holds "
                                            "the person",
                                            share.role.text, share.role.text));
         }
         if (share.percent.is_negative()) {
            c.diagnostics.error("C013", share.span, "a share cannot be negative");
         }
         roles.push_back(role);
      }
      c.out.share_roles.push_back(std::move(roles));
   }
}

void check_cumulatives(checker& c)
{
   for (const auto& cumulative : c.plan.cumulatives) {
      c.out.cumulative_role.push_back(c.require_role(cumulative.role));
      if (cumulative.quantity.text != "credit") {
         c.diagnostics.error("C018", cumulative.quantity.span,
                             fmt::format("a cumulative quantity sums 'credit', found '{}'", cumulative.quantity.text));
      }
      std::vector<int> order;
      for (const auto& field : cumulative.order) {
         const int index = c.out.deals.find(field.text);
         if (index < 0) {
            c.diagnostics.error("C006", field.span, fmt::format("the deals record has no field '{}'", field.text));
            continue;
         }
         const auto& type = c.out.deals.fields[static_cast<std::size_t>(index)].type;
         if (type.optional || (type.kind != type_kind::date && type.kind != type_kind::text && !type.is_numeric())) {
            c.diagnostics.error("C018", field.span,
                                fmt::format("deals are ordered by required dates, text or numbers; '{}' is {}",
                                            field.text, describe(type)));
         }
         order.push_back(index);
      }
      c.out.cumulative_order.push_back(std::move(order));
   }
}

void check_quotas(checker& c)
{
   const scope people_scope{false, false, false, false, true};
   for (std::size_t i = 0; i < c.plan.quotas.size(); ++i) {
      const auto& quota = c.plan.quotas[i];
      const int role = c.require_role(quota.role);
      if (c.out.people_person < 0) {
         c.diagnostics.error("C019", quota.span, "a quota is read from the people record, and the plan declares none");
      }
      else {
         c.expect(*quota.value, people_scope, type_kind::money, "a quota");
      }
      if (role >= 0) {
         auto& slot = c.out.role_quota[static_cast<std::size_t>(role)];
         if (slot >= 0) {
            c.diagnostics.error("C019", quota.span, fmt::format("the {} has two quota clauses", quota.role.text));
         }
         slot = static_cast<int>(i);
      }
   }
}

// A band's condition, as the interval of the tier quantity it covers.
std::optional<tier_band_info> band_interval(const checker& c, const ast::expression& when, const symbol& quantity)
{
   const auto is_quantity = [&](const ast::expression& expr) {
      const auto& found = c.out.symbols[expr.id];
      return found && found->kind == quantity.kind && found->index == quantity.index;
   };
   if (const auto* range = std::get_if<ast::range>(&when.node)) {
      if (!is_quantity(*range->subject)) return std::nullopt;
      return tier_band_info{range->low.get(), range->low_op == ast::binary_op::less_equal, range->high.get(),
                            range->high_op == ast::binary_op::less_equal};
   }
   const auto* compare = std::get_if<ast::binary>(&when.node);
   if (compare == nullptr || !ast::is_comparison(compare->op) || compare->op == ast::binary_op::equal ||
       compare->op == ast::binary_op::not_equal) {
      return std::nullopt;
   }
   using ast::binary_op;
   if (is_quantity(*compare->left)) {
      // quantity < x, quantity <= x, quantity > x, quantity >= x
      if (compare->op == binary_op::less || compare->op == binary_op::less_equal) {
         return tier_band_info{nullptr, true, compare->right.get(), compare->op == binary_op::less_equal};
      }
      return tier_band_info{compare->right.get(), compare->op == binary_op::greater_equal, nullptr, true};
   }
   if (is_quantity(*compare->right)) {
      // x < quantity, x <= quantity, x > quantity, x >= quantity
      if (compare->op == binary_op::less || compare->op == binary_op::less_equal) {
         return tier_band_info{compare->left.get(), compare->op == binary_op::less_equal, nullptr, true};
      }
      return tier_band_info{nullptr, true, compare->left.get(), compare->op == binary_op::greater_equal};
   }
   return std::nullopt;
}

void check_tiers(checker& c)
{
   for (const auto& table : c.plan.tier_tables) {
      tier_table_info info;
      bool known_quantity = true;
      if (table.quantity.text == "credit") {
         info.quantity = symbol{symbol_kind::credit, -1};
      }
      else if (const int cumulative = find_in(c.cumulatives, table.quantity); cumulative >= 0) {
         info.quantity = symbol{symbol_kind::cumulative, cumulative};
      }
      else {
         c.diagnostics.error("C014", table.quantity.span,
                             fmt::format("tiers are over 'credit' or a cumulative quantity; '{}' is neither",
                                         table.quantity.text));
         known_quantity = false;
      }
      const scope band_scope{true, true, true, !c.plan.quotas.empty(), false};
      std::map<std::string, source_span, std::less<>> names;
      for (const auto& band : table.bands) {
         if (const auto [it, inserted] = names.try_emplace(band.name.text, band.name.span); !inserted) {
            auto& d = c.diagnostics.error("C002", band.name.span,
                                          fmt::format("the band '{}' is declared twice", band.name.text));
            d.notes.push_back({it->second, "first declared here"});
         }
         c.expect(*band.when, band_scope, type_kind::boolean, "a band's condition");
         c.expect(*band.pays, band_scope, type_kind::percent, "a band's factor");
         auto interval = band_interval(c, *band.when, info.quantity);
         if (!interval && known_quantity) {
            c.diagnostics.error("C015", band.when->span,
                                fmt::format("a band's condition is a range over '{}', such as '0 <= {} < 100_000' or "
                                            "'{} > quota'",
                                            table.quantity.text, table.quantity.text, table.quantity.text));
         }
         info.bands.push_back(interval.value_or(tier_band_info{}));
      }
      if (table.bands.empty()) {
         c.diagnostics.error("C015", table.name.span, fmt::format("the tier table '{}' has no bands", table.name.text));
      }
      c.out.tiers.push_back(std::move(info));
   }
}

void check_schedules(checker& c)
{
   const scope deal{};
   for (const auto& schedule : c.plan.schedules) {
      if (schedule.until) {
         c.expect(*schedule.until, deal, type_kind::date, "a schedule's 'until'");
      }
      std::map<std::string, source_span, std::less<>> names;
      const ast::tranche* remainder = nullptr;
      for (const auto& tranche : schedule.tranches) {
         if (const auto [it, inserted] = names.try_emplace(tranche.name.text, tranche.name.span); !inserted) {
            auto& d = c.diagnostics.error("C002", tranche.name.span,
                                          fmt::format("the tranche '{}' is declared twice", tranche.name.text));
            d.notes.push_back({it->second, "first declared here"});
         }
         c.expect(*tranche.on, deal, type_kind::date, "a tranche's date");
         if (tranche.share) {
            c.expect(*tranche.share, deal, type_kind::percent, "a tranche's share");
         }
         else if (remainder != nullptr) {
            auto& d = c.diagnostics.error("C016", tranche.span, "a schedule has at most one 'remainder' tranche");
            d.notes.push_back({remainder->span, "the other remainder tranche"});
         }
         else {
            remainder = &tranche;
         }
      }
      if (schedule.tranches.empty()) {
         c.diagnostics.error("C016", schedule.name.span, fmt::format("the schedule '{}' has no tranches", schedule.name.text));
      }
   }
}

int require_schedule(checker& c, const ast::identifier& name)
{
   const int index = find_in(c.schedules, name);
   if (index < 0) {
      c.diagnostics.error("C014", name.span, fmt::format("there is no schedule named '{}'", name.text));
   }
   return index;
}

void check_rates_and_fees(checker& c)
{
   const scope deal{};
   for (const auto& rate : c.plan.rates) {
      c.out.rate_role.push_back(c.require_role(rate.role));
      c.expect(*rate.when, deal, type_kind::boolean, "a rate's condition");
      c.expect(*rate.pays, deal, type_kind::percent, "a rate");
      int tiers = -1;
      if (rate.tiers) {
         tiers = find_in(c.tier_tables, *rate.tiers);
         if (tiers < 0) {
            c.diagnostics.error("C014", rate.tiers->span, fmt::format("there is no tier table named '{}'", rate.tiers->text));
         }
         else if (const auto& quantity = c.out.tiers[static_cast<std::size_t>(tiers)].quantity;
                  quantity.kind == symbol_kind::cumulative && quantity.index >= 0 &&
                  c.out.cumulative_role[static_cast<std::size_t>(quantity.index)] != c.out.rate_role.back()) {
            c.diagnostics.error("C014", rate.tiers->span,
                                fmt::format("the tier table '{}' is over a quantity of another role than {}",
                                            rate.tiers->text, rate.role.text));
         }
      }
      c.out.rate_tiers.push_back(tiers);
      c.out.rate_schedule.push_back(require_schedule(c, rate.schedule));
   }
   for (const auto& fee : c.plan.fees) {
      const int role = c.require_role(fee.role);
      c.out.fee_role.push_back(role);
      if (role >= 0 && c.out.role_person_field[static_cast<std::size_t>(role)] < 0) {
         c.diagnostics.error("C013", fee.role.span, fmt::format("no deals field names the {}", fee.role.text));
      }
      c.expect(*fee.when, deal, type_kind::boolean, "a fee's condition");
      c.expect(*fee.pays, deal, type_kind::money, "a fee");
      c.out.fee_schedule.push_back(require_schedule(c, fee.schedule));
   }
}

}  // namespace

void phase3_clauses(checker& c)
{
   check_conditions(c);
   check_shares(c);
   check_cumulatives(c);
   check_quotas(c);
   check_tiers(c);
   check_schedules(c);
   check_rates_and_fees(c);
   check_recoveries(c);
}

}  // namespace compplan::check

// Coverage of a plan by its examples, read from each example's run: its outcomes and ledger.
#include "examples/coverage.hpp"

#include "interpreter/evaluate.hpp"
#include "interpreter/records.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace compplan {

namespace {

using exercised_set = std::set<std::pair<std::string, std::string>>;  // kind, name

std::vector<coverage_item> plan_items(const ast::plan& plan)
{
   std::vector<coverage_item> items;
   for (const auto& rule : plan.crediting_rules) items.push_back({"crediting rule", rule.name.text, rule.span});
   for (const auto& rule : plan.exclusions) items.push_back({"exclusion", rule.name.text, rule.span});
   for (const auto& schedule : plan.schedules) {
      for (const auto& tranche : schedule.tranches) {
         items.push_back({"tranche", schedule.name.text + "." + tranche.name.text, tranche.span});
      }
   }
   for (const auto& rule : plan.clawbacks) items.push_back({"clawback", rule.name.text, rule.span});
   for (const auto& table : plan.tier_tables) {
      for (const auto& band : table.bands) {
         items.push_back({"tier band", table.name.text + "." + band.name.text, band.span});
      }
   }
   return items;
}

// The schedules that paid a commission line: those of the rates for its role whose condition
// holds on the deal (the linter's L012 keeps that to one).
std::vector<int> rate_schedules(const checked_plan& plan, const typed_row& deal, int role)
{
   const evaluator eval(plan);
   std::vector<std::optional<value>> definitions(plan.plan().definitions.size());
   const auto values = deal.decode();
   evaluation_scope scope;
   scope.deal = values;
   scope.definitions = &definitions;
   std::vector<int> schedules;
   for (std::size_t r = 0; r < plan.plan().rates.size(); ++r) {
      if (plan.rate_role[r] != role) continue;
      try {
         if (eval.holds(*plan.plan().rates[r].when, scope)) schedules.push_back(plan.rate_schedule[r]);
      }
      catch (const std::exception&) {  // the run reported it; the line cannot come from this rate
      }
   }
   return schedules;
}

std::vector<int> schedules_of(const checked_plan& plan, const ledger_line& line, const typed_row* deal)
{
   const auto& fees = plan.plan().fees;
   for (std::size_t f = 0; f < fees.size(); ++f) {
      if (fees[f].name.text == line.rule) return {plan.fee_schedule[f]};
   }
   return deal != nullptr ? rate_schedules(plan, *deal, line.role) : std::vector<int>{};
}

void add_ledger(const checked_plan& plan, const example_result& result, exercised_set& exercised)
{
   diagnostic_list ignored;  // the run has read the same text and reported its problems
   const auto deals = read_deals(plan, result.deals_csv, "deals.csv", ignored);
   std::map<std::string, const typed_row*, std::less<>> by_id;
   for (const auto& row : deals.rows) {
      by_id.emplace(row.text(static_cast<std::size_t>(plan.deal_key)), &row);
   }
   const auto& tables = plan.plan().tier_tables;
   for (const auto& line : result.run.ledger) {
      // A true-up is in no schedule and is no clawback, whatever its sign; the bands it comes
      // from are counted from the trace.
      const auto true_up = [&](const ast::tier_table& table) { return table.name.text == line.rule; };
      if (line.event == "true_up" && std::any_of(tables.begin(), tables.end(), true_up)) continue;
      if (line.amount.is_negative()) {
         exercised.insert({"clawback", std::string(line.rule)});
         continue;
      }
      const auto it = by_id.find(line.deal);
      for (const int schedule : schedules_of(plan, line, it == by_id.end() ? nullptr : it->second)) {
         if (schedule < 0) continue;
         exercised.insert({"tranche", plan.plan().schedules[static_cast<std::size_t>(schedule)].name.text + "." + std::string(line.event)});
      }
   }
}

// The tier bands the run used for each credited share, as its trace recorded them.
void add_bands(const example_result& result, exercised_set& exercised)
{
   for (const auto& [id, deal] : result.trace.deals) {
      for (const auto& share : deal.shares) {
         if (!share.tiers) continue;
         for (const auto& band : share.bands) exercised.insert({"tier band", share.tiers->name + "." + band.band.name});
      }
   }
}

void add_outcomes(const example_result& result, exercised_set& exercised)
{
   for (const auto& outcome : result.run.deals) {
      if (outcome.rules.empty()) continue;
      if (outcome.status == deal_status::credited) exercised.insert({"crediting rule", std::string(outcome.rules.front())});
      if (outcome.status == deal_status::excluded) exercised.insert({"exclusion", std::string(outcome.rules.front())});
   }
}

}  // namespace

std::size_t coverage_report::exercised() const
{
   std::size_t count = 0;
   for (const auto& item : items) count += item.exercised ? 1 : 0;
   return count;
}

bool coverage_report::reaches(const decimal& percent) const
{
   if (items.empty()) return true;
   return decimal::from_int(static_cast<std::int64_t>(exercised())) * decimal::from_int(100) >=
          percent * decimal::from_int(static_cast<std::int64_t>(items.size()));
}

std::string coverage_report::percent_text() const
{
   if (items.empty()) return "100.0";
   const auto share = decimal::from_fraction(static_cast<decimal::int_type>(exercised()) * 100,
                                             static_cast<decimal::int_type>(items.size()));
   return share.round_to(decimal::from_fraction(1, 10), rounding_mode::floor).to_fixed(1);
}

coverage_report measure_coverage(const checked_plan& plan, const std::vector<example_result>& results)
{
   exercised_set exercised;
   for (const auto& result : results) {
      add_outcomes(result, exercised);
      add_ledger(plan, result, exercised);
      add_bands(result, exercised);
   }
   coverage_report report;
   report.items = plan_items(plan.plan());
   for (auto& item : report.items) {
      item.exercised = exercised.contains({item.kind, item.name});
   }
   return report;
}

}  // namespace compplan

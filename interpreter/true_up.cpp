// True-ups: retroactive tiers over a cumulative quantity rate a person's earlier deals again when a
// later deal takes the quantity into a band with another factor.
#include "interpreter/run_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <unordered_map>

namespace compplan::run_detail {

// The until date of the schedule that pays the share's commission, when it has one that is not
// blank. pay_schedule evaluated it already for this deal, so it cannot fail here.
std::optional<date> run_engine::schedule_until(deal_state& deal, const credit_share& share) const
{
   const auto schedule = m_plan.rate_schedule[static_cast<std::size_t>(share.rate)];
   const auto& until = m_syntax.schedules[static_cast<std::size_t>(schedule)].until;
   if (!until) return std::nullopt;
   deal.load_fields(m_syntax.definitions.size());
   auto scope = deal_scope(deal);
   const auto v = m_eval.evaluate(*until, scope);
   if (is_blank(v)) return std::nullopt;
   return std::get<date>(v);
}

// Walks each person's deals rated by the retroactive table in its cumulative's order. Once a deal
// has been trued up to the factor of the latest deal, every earlier deal of the person stands at
// that factor, so one factor per person says where all of them stand. lines[i] receives the
// true-ups of m_credited[i].
void run_engine::true_up_table(std::size_t t, std::vector<std::vector<ledger_line>>& lines)
{
   const auto& table = m_syntax.tier_tables[t];
   const auto c = static_cast<std::size_t>(m_plan.tiers[t].quantity.index);
   const int role = m_plan.cumulative_role[c];
   const auto& rounding = m_plan.commission_rounding;
   // Each side rounded as the commission was, so a deal's commission and its true-ups add up to
   // its commission at the factor it stands at, to the cent.
   const auto rated = [&](const credit_share& share, const decimal& factor) {
      return (share.credit() * retroactive_of(share)->base * factor).round_to(rounding.increment, rounding.mode);
   };
   // Why a true-up is not written, or nothing when it is: it is due as a tranche dated `on` would be.
   const auto unpaid_because = [&](deal_state& deal, const credit_share& share, const decimal& amount,
                                   const date& on) -> std::string {
      if (amount.is_zero()) return "the amount is zero";
      if (m_inputs.as_of < on) return "not yet due at the as-of date";
      if (const auto until = schedule_until(deal, share); until && !(on < *until)) {
         return "on or after the schedule's until date";
      }
      return {};
   };
   struct standing {
      decimal factor;
      std::vector<std::pair<std::size_t, std::size_t>> shares;  // (position in m_credited, share)
   };
   std::unordered_map<std::string_view, standing> people;
   for (const auto index : cumulative_order(c)) {
      const auto& later = m_credited[index];
      for (std::size_t k = 0; k < later.shares().size(); ++k) {
         const auto& crossing = later.shares()[k];
         const auto* const reached = retroactive_of(crossing);
         if (crossing.role != role || crossing.rate < 0 || reached == nullptr ||
             m_plan.rate_tiers[static_cast<std::size_t>(crossing.rate)] != static_cast<int>(t)) {
            continue;
         }
         auto& person = people[person_of(later, crossing)];
         if (!person.shares.empty() && person.factor != reached->factor) {
            const auto on = std::get<date>(later.row->get(static_cast<std::size_t>(m_plan.period_field)));
            for (const auto& [earlier, s] : person.shares) {
               auto& deal = m_credited[earlier];
               const auto& share = deal.shares()[s];
               decimal amount;
               std::string unpaid;
               try {
                  amount = rated(share, reached->factor) - rated(share, person.factor);
                  unpaid = unpaid_because(deal, share, amount, on);
               }
               catch (const arithmetic_error& error) {
                  // Both deals are paid by now; the true-up alone is left out, and the run says so.
                  unpaid = error.what();
                  m_result.diagnostics.error(
                     "R014", source_span::point(m_inputs.deals_file, deal.row->line(), 1),
                     fmt::format("deal '{}': its true-up to the factor that deal '{}' reached is not written: {}",
                                 id_of(deal), id_of(later), unpaid));
               }
               if (unpaid.empty()) {
                  lines[earlier].push_back({id_of(deal), person_of(deal, share), share.role, true_up_event, on, amount,
                                            table.name.text});
               }
               if (auto* trace = trace_of(deal)) {
                  const auto& band = table.bands[static_cast<std::size_t>(reached->band)];
                  trace->true_ups.push_back({share.role, std::string(person_of(deal, share)),
                                             {table.name.text, table.span},
                                             table.quantity.text, std::string(id_of(later)), {band.name.text, band.span},
                                             *before_of(crossing)[c].number() + crossing.credit(), on, share.credit(),
                                             retroactive_of(share)->base, person.factor, reached->factor, amount,
                                             unpaid.empty(), unpaid});
               }
            }
         }
         person.factor = reached->factor;
         person.shares.emplace_back(index, k);
      }
   }
}

// Puts each deal's true-ups among its lines, after its tranches, and takes its clawbacks again,
// since what a clawback recovers is everything paid up to its date, true-ups included. Each
// deal's lines stay together, as sort_ledger expects.
void run_engine::add_true_ups(std::vector<std::vector<ledger_line>>& lines)
{
   std::unordered_map<std::string_view, std::size_t> trued_up;
   std::size_t added = 0;
   for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].empty()) continue;
      trued_up.emplace(id_of(m_credited[i]), i);
      added += lines[i].size();
   }
   if (added == 0) return;
   auto& ledger = m_result.ledger;
   ledger_book merged = m_named;
   merged.reserve(ledger.size() + added);
   const auto settle = [&](std::size_t i, std::size_t first_line) {
      auto& deal = m_credited[i];
      for (const auto& line : lines[i]) merged.push_back(line);
      lines[i].clear();
      if (m_syntax.clawbacks.empty()) return;
      if (auto* trace = trace_of(deal)) trace->clawbacks.clear();
      // The clawbacks held for this deal when it was paid, with the same definitions; only the
      // lines they recover have changed.
      deal.load_fields(m_syntax.definitions.size());
      claw_back(deal, first_line, merged);
   };
   // Clause names are unique across kinds, so a clawback's name in the rule column marks its lines
   // even if a tranche is named `clawback`.
   const auto is_clawback = [&](const ledger_book::entry& line) {
      return line.event == m_names.recovery &&
             std::find(m_names.clawbacks.begin(), m_names.clawbacks.end(), line.rule) != m_names.clawbacks.end();
   };
   const auto& entries = ledger.entries();
   for (std::size_t begin = 0, end = 0; begin < entries.size(); begin = end) {
      end = begin + 1;
      while (end < entries.size() && entries[end].deal == entries[begin].deal) ++end;
      const auto found = trued_up.find(entries[begin].deal);
      const auto first_line = merged.size();
      for (std::size_t k = begin; k < end; ++k) {
         if (found == trued_up.end() || !is_clawback(entries[k])) merged.push_back(entries[k]);
      }
      if (found != trued_up.end()) settle(found->second, first_line);
   }
   // Deals that had no lines before their true-ups.
   for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!lines[i].empty()) settle(i, merged.size());
   }
   ledger = std::move(merged);
}

// Runs after every deal is paid: only the deals that paid count toward the running totals, and
// a deal's true-ups depend on the deals after it.
// Whether tier table t rates a person's earlier deals again (true_up_table).
bool run_engine::trues_up(std::size_t t) const
{
   return m_syntax.tier_tables[t].mode == ast::tier_mode::retroactive &&
          m_plan.tiers[t].quantity.kind == symbol_kind::cumulative;
}

bool run_engine::has_true_ups() const
{
   for (std::size_t t = 0; t < m_syntax.tier_tables.size(); ++t) {
      if (trues_up(t)) return true;
   }
   return false;
}

void run_engine::true_up()
{
   if (!has_true_ups()) return;
   if (m_trace != nullptr) {
      for (const auto& deal : m_credited) {
         if (auto* trace = trace_of(deal)) trace->true_ups.clear();
      }
   }
   std::vector<std::vector<ledger_line>> lines(m_credited.size());
   for (std::size_t t = 0; t < m_syntax.tier_tables.size(); ++t) {
      if (trues_up(t)) true_up_table(t, lines);
   }
   add_true_ups(lines);
}

}  // namespace compplan::run_detail

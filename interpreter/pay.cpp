// The run's paying half: cumulative totals, commissions with their tiers, schedules, clawbacks.
#include "interpreter/order.hpp"
#include "interpreter/parallel.hpp"
#include "interpreter/run_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>
#include <iterator>
#include <numeric>
#include <unordered_map>

namespace compplan::run_detail {

namespace {

// Zero as a running total's cell: it fits the cell itself, so no table keeps it.
cell zero_total()
{
   static const cell zero = [] {
      std::deque<decimal> unused;
      return cell::of_number(decimal{}, unused);
   }();
   return zero;
}

}  // namespace


// The credited deals' positions in cumulative c's stated order, ids breaking ties.
deal_order run_engine::cumulative_order(std::size_t c) const
{
   std::vector<const typed_row*> rows;
   rows.reserve(m_credited.size());
   for (const auto& deal : m_credited) rows.push_back(deal.row);
   // When the credited deals already come in id order, as exports usually do, ids need not be
   // compared at all.
   const auto by_id = [this](const deal_state& a, const deal_state& b) { return id_of(a) < id_of(b); };
   const bool ids_ascending = std::is_sorted(m_credited.begin(), m_credited.end(), by_id);
   return stated_order(rows, m_plan.cumulative_order[c], m_plan.deal_key, ids_ascending);
}

// Numbers each person who earns on a share (above 0%, with a rate) from 0, so that running totals
// are kept in an array by number rather than in a map hashed by name once per share and pass,
// and gives each such share its place in the array of running totals. Returns how many numbers
// there are.
// A share whose person has a people row in its role takes the row's position, found when the
// deal was credited; only the others are numbered by name. A cumulative quantity sums one role's
// shares, so numbering by row (person and role) keeps each person's total in that role apart
// just as numbering by name does.
std::size_t run_engine::number_people()
{
   if (m_people_numbered > 0 || m_credited.empty()) return m_people_numbered;
   const auto rows = m_people_entries.size();
   std::unordered_map<std::string_view, std::uint32_t> numbers;  // people without a row
   std::size_t shares = 0;
   const auto cumulatives = m_syntax.cumulatives.size();
   // Only the shares of a role that some cumulative sums keep running totals; the others read
   // zeros (before_of), which is all they ever held.
   const auto totalled = [&](const credit_share& share) {
      return share.rate >= 0 && std::find(m_plan.cumulative_role.begin(), m_plan.cumulative_role.end(),
                                          share.role) != m_plan.cumulative_role.end();
   };
   for (auto& deal : m_credited) {
      for (const auto& share : deal.shares()) shares += totalled(share) ? 1 : 0;
   }
   // Places in the array are 32-bit, as they are kept in every share.
   if (shares * cumulatives >= credit_share::no_totals) {
      throw std::length_error(fmt::format("{} shares of credit with {} cumulative quantities are more than a run can "
                                          "keep running totals for", shares, cumulatives));
   }
   std::uint32_t at = 0;
   for (auto& deal : m_credited) {
      for (auto& share : deal.shares()) {
         if (share.rate < 0) continue;
         if (share.person_id >= rows) {  // no people row: numbered after the rows
            const auto next = static_cast<std::uint32_t>(numbers.size());
            const auto number = numbers.try_emplace(person_of(deal, share), next).first->second;
            share.person_id = static_cast<std::uint32_t>(rows) + number;
         }
         if (!totalled(share)) continue;
         share.before_at = at;
         at += static_cast<std::uint32_t>(cumulatives);
      }
   }
   m_before.assign(shares * cumulatives, zero_total());
   m_no_totals.assign(cumulatives, zero_total());
   if (has_true_ups()) m_retroactive.assign(shares, retroactive_rating{});
   m_people_numbered = rows + numbers.size();
   return m_people_numbered;
}

std::span<const cell> run_engine::before_of(const credit_share& share) const
{
   if (share.before_at == credit_share::no_totals) return m_no_totals;
   return std::span<const cell>(m_before).subspan(share.before_at, m_syntax.cumulatives.size());
}

std::span<cell> run_engine::before_of(const credit_share& share)
{
   if (share.before_at == credit_share::no_totals) return {};
   return std::span<cell>(m_before).subspan(share.before_at, m_syntax.cumulatives.size());
}

cell run_engine::before_cell(const decimal& total, std::size_t part)
{
   return cell::of_number(total, *m_before_large[part]);
}

// Each cumulative quantity: the running total of a person's credit in the stated deal order.
// first_order is the first cumulative's order, which the caller has already sorted.
void run_engine::compute_cumulatives(const deal_order& first_order)
{
   const auto people = number_people();
   for (auto& deal : m_credited) deal.cumulative_overflow = 0;
   m_cumulative_overflows.clear();
   const std::size_t parts = std::max(1U, m_inputs.jobs);
   m_before_large.clear();
   for (std::size_t part = 0; part < parts; ++part) m_before_large.push_back(std::make_unique<std::deque<decimal>>());
   std::fill(m_before.begin(), m_before.end(), zero_total());
   // With jobs > 1 the people are shared out by number: each thread walks the whole order but
   // keeps the totals of its own people only, so no total is touched by two threads. A total
   // that overflows is noted with its place in the order and applied after, in that order, as
   // one thread would have. Each keeps the totals no cell can hold in a table of its own.
   struct overflow {
      std::size_t k;      // position in the order
      std::size_t share;  // position among the deal's shares
      std::string message;
   };
   for (std::size_t c = 0; c < m_syntax.cumulatives.size(); ++c) {
      const int role = m_plan.cumulative_role[c];
      deal_order later;  // the first order is not copied
      const auto& order = c == 0 ? first_order : (later = cumulative_order(c));
      auto overflows = in_slices<std::vector<overflow>>(parts, m_inputs.jobs, [&](std::size_t part, std::size_t) {
         std::vector<overflow> found;
         std::vector<decimal> running(people);
         // The order jumps about the credited deals, so each deal and its shares are fetched from
         // memory a few deals ahead of their turn rather than waited for.
         constexpr std::size_t ahead = 8;
         for (std::size_t k = 0; k < order.size(); ++k) {
            if (k + 2 * ahead < order.size()) __builtin_prefetch(&m_credited[order[k + 2 * ahead]]);
            if (k + ahead < order.size()) __builtin_prefetch(m_credited[order[k + ahead]].shares().data());
            auto& deal = m_credited[order[k]];
            for (std::size_t i = 0; i < deal.shares().size(); ++i) {
               auto& share = deal.shares()[i];
               if (share.role != role || share.rate < 0 || share.person_id % parts != part) continue;
               auto& total = running[share.person_id];
               before_of(share)[c] = before_cell(total, part);
               try {
                  total += share.credit();
               }
               catch (const arithmetic_error& error) {
                  // The deal that does not fit fails when it is paid (R014) and leaves the total.
                  found.push_back({k, i, error.what()});
               }
            }
         }
         return found;
      });
      std::vector<overflow> all;
      for (auto& part : overflows) std::move(part.begin(), part.end(), std::back_inserter(all));
      std::sort(all.begin(), all.end(), [](const overflow& a, const overflow& b) {
         return std::tie(a.k, a.share) < std::tie(b.k, b.share);
      });
      for (auto& found : all) {
         auto& deal = m_credited[order[found.k]];
         deal.cumulative_overflow = 1;
         m_cumulative_overflows[deal.outcome] = std::move(found.message);
      }
   }
}

// Every name a line of the run's ledger can have, numbered once.
void run_engine::name_ledger()
{
   auto& book = m_named;
   for (const auto& schedule : m_syntax.schedules) {
      auto& numbers = m_names.tranches.emplace_back();
      for (const auto& tranche : schedule.tranches) numbers.push_back(book.name(tranche.name.text));
   }
   for (const auto& rule : m_syntax.crediting_rules) m_names.crediting_rules.push_back(book.name(rule.name.text));
   for (const auto& fee : m_syntax.fees) m_names.fees.push_back(book.name(fee.name.text));
   for (const auto& clawback : m_syntax.clawbacks) m_names.clawbacks.push_back(book.name(clawback.name.text));
   m_names.recovery = book.name(clawback_event);
   // True-ups are few, and are named as they are added (true_up.cpp); their names are here so
   // that every ledger of the run has the same table.
   book.name(true_up_event);
   for (const auto& table : m_syntax.tier_tables) book.name(table.name.text);
   // k when the tranche rounding's increment is 10^-k (0.01: 2), within what a line keeps.
   const auto& increment = m_plan.tranche_rounding.increment;
   for (int places = 0; places <= ledger_book::entry::most_places; ++places) {
      if (increment.numerator() == 1 && increment.denominator() == power_of_ten(places)) m_tranche_places = places;
   }
}

// Positions in m_credited by deal id. Deals are paid in this order, so the ledger comes out
// sorted by deal; an export already in id order costs one pass.
deal_order run_engine::id_order() const
{
   deal_order order(m_credited.size());
   std::iota(order.begin(), order.end(), 0);
   const auto by_id = [&](std::uint32_t a, std::uint32_t b) { return id_of(m_credited[a]) < id_of(m_credited[b]); };
   if (!std::is_sorted(order.begin(), order.end(), by_id)) {
      std::sort(order.begin(), order.end(), by_id);  // ids are unique: no ties
   }
   return order;
}

decimal run_engine::commission(deal_state& deal, credit_share& share, share_trace* trace) const
{
   const auto& rate = m_syntax.rates[static_cast<std::size_t>(share.rate)];
   auto scope = deal_scope(deal, &share);
   const auto base_value = m_eval.number_of(*rate.pays, scope);
   if (!base_value) {
      throw deal_problem{fmt::format("the rate '{}' is blank for this deal", rate.name.text)};
   }
   const auto& base = *base_value;
   const int tiers = m_plan.rate_tiers[static_cast<std::size_t>(share.rate)];
   if (trace != nullptr) {
      trace->rate = {rate.name.text, rate.span};
      trace->base_rate = base;
   }
   if (tiers < 0) {
      return share.credit() * base;
   }
   const auto& table = m_syntax.tier_tables[static_cast<std::size_t>(tiers)];
   const auto& info = m_plan.tiers[static_cast<std::size_t>(tiers)];
   const decimal start = info.quantity.kind == symbol_kind::cumulative
                            ? *before_of(share)[static_cast<std::size_t>(info.quantity.index)].number()
                            : decimal{};
   const decimal credit = share.credit();
   const decimal end = start + credit;
   if (trace != nullptr) {
      trace->tiers = clause_place{table.name.text, table.span};
      trace->graduated = table.mode == ast::tier_mode::graduated;
      trace->quantity = table.quantity.text;
      trace->before = start;
      trace->after = end;
      trace->bands.clear();
   }
   const auto band_end = [&](const ast::expression* bound) -> std::optional<decimal> {
      if (bound == nullptr) return std::nullopt;
      auto end = m_eval.number_of(*bound, scope);
      if (!end) {
         throw deal_problem{fmt::format("a band of the tier table '{}' has a blank end for {} '{}'", table.name.text,
                                        m_plan.role_name(share.role), person_of(deal, share))};
      }
      return end;
   };
   const auto factor_of = [&](std::size_t band) {
      const auto factor = m_eval.number_of(*table.bands[band].pays, scope);
      if (!factor) {
         throw deal_problem{fmt::format("the band '{}' pays a blank factor", table.bands[band].name.text)};
      }
      return *factor;
   };
   if (table.mode == ast::tier_mode::graduated) {
      // The credit covers (start, end]; each band pays its factor on the part inside it.
      decimal total;
      decimal covered;
      for (std::size_t b = 0; b < info.bands.size(); ++b) {
         const auto low = band_end(info.bands[b].low);
         const auto high = band_end(info.bands[b].high);
         const auto from = low ? std::max(*low, start) : start;
         const auto to = high ? std::min(*high, end) : end;
         if (to <= from) continue;
         const auto part = to - from;
         const auto factor = factor_of(b);
         total += part * base * factor;
         covered += part;
         if (trace != nullptr) {
            trace->bands.push_back({{table.bands[b].name.text, table.bands[b].span}, low, high, part, factor});
         }
      }
      if (covered != credit) {
         throw deal_problem{fmt::format("the bands of '{}' cover {} of {}'s credit of {} on this deal, not all of it once",
                                        table.name.text, covered.to_string(), person_of(deal, share),
                                        credit.to_string())};
      }
      return total;
   }
   // Retroactive: the whole credit at the factor of the band the quantity reaches.
   const decimal& reached = end;
   for (std::size_t b = 0; b < info.bands.size(); ++b) {
      const auto low = band_end(info.bands[b].low);
      const auto high = band_end(info.bands[b].high);
      const bool above = !low || (info.bands[b].low_inclusive ? *low <= reached : *low < reached);
      const bool below = !high || (info.bands[b].high_inclusive ? reached <= *high : reached < *high);
      if (above && below) {
         const auto factor = factor_of(b);
         if (trace != nullptr) {
            trace->bands.push_back({{table.bands[b].name.text, table.bands[b].span}, low, high, credit, factor});
         }
         if (share.before_at != credit_share::no_totals && !m_retroactive.empty()) {
            m_retroactive[share.before_at / m_syntax.cumulatives.size()] = {base, static_cast<int>(b), factor};
         }
         return credit * base * factor;
      }
   }
   throw deal_problem{fmt::format("no band of '{}' contains {}", table.name.text, reached.to_string())};
}

void run_engine::pay_schedule(deal_state& deal, int schedule_index, const decimal& total, std::string_view person,
                              int role, std::uint16_t rule, ledger_book& ledger, schedule_trace* trace) const
{
   const auto& schedule = m_syntax.schedules[static_cast<std::size_t>(schedule_index)];
   auto scope = deal_scope(deal);
   std::optional<date> until;
   if (schedule.until) until = m_eval.date_of(*schedule.until, scope);
   // The tranches' amounts, in arrays each thread keeps from share to share: as a decimal, or as
   // a whole number of increments of the tranche rounding (in_units).
   thread_local std::vector<decimal> amounts;
   thread_local std::vector<decimal::int_type> units;
   thread_local std::vector<char> in_units;
   amounts.assign(schedule.tranches.size(), decimal{});
   units.assign(schedule.tranches.size(), 0);
   in_units.assign(schedule.tranches.size(), 0);
   std::optional<std::size_t> remainder;
   // In whole increments of the tranche rounding while every share allows (run_engine.hpp):
   // the same amounts as total * share rounded, and the remainder as the total less the others.
   const auto& rounding = m_plan.tranche_rounding;
   const auto m = rounding.increment.denominator();
   const auto amount_of = [&](std::size_t t) {
      return in_units[t] != 0 ? decimal::from_fraction(units[t], m) : amounts[t];
   };
   auto whole = trace == nullptr ? whole_increments(total, rounding.increment) : std::nullopt;
   decimal::int_type assigned_whole = 0;
   if (trace != nullptr) {
      trace->schedule = {schedule.name.text, schedule.span};
      trace->until = until;
      trace->until_expression = schedule.until ? schedule.until->span : source_span{};
      trace->tranches.assign(schedule.tranches.size(), {});
   }
   for (std::size_t t = 0; t < schedule.tranches.size(); ++t) {
      const auto& tranche = schedule.tranches[t];
      if (trace != nullptr) {
         trace->tranches[t].tranche = {tranche.name.text, tranche.span};
         trace->tranches[t].on_expression = tranche.on->span;
      }
      if (!tranche.share) {
         remainder = t;
         continue;
      }
      const auto share = m_eval.number_of(*tranche.share, scope);
      if (!share) {
         throw deal_problem{fmt::format("the tranche '{}' of '{}' has a blank share", tranche.name.text, schedule.name.text)};
      }
      if (whole && has_small_parts(*share)) {
         const auto part = round_quotient(*whole * share->numerator(), share->denominator(), rounding.mode);
         if (!__builtin_add_overflow(assigned_whole, part, &assigned_whole)) {
            units[t] = part;
            in_units[t] = 1;
            continue;
         }
      }
      whole.reset();
      const auto exact = total * *share;
      amounts[t] = exact.round_to(rounding.increment, rounding.mode);
      if (trace != nullptr) {
         trace->tranches[t].share = *share;
         trace->tranches[t].exact = exact;
      }
   }
   decimal::int_type rest = 0;
   if (remainder && whole && !__builtin_sub_overflow(*whole, assigned_whole, &rest)) {
      units[*remainder] = rest;
      in_units[*remainder] = 1;
   }
   else if (remainder) {
      decimal assigned;
      for (std::size_t t = 0; t < schedule.tranches.size(); ++t) {
         if (t != *remainder) assigned += amount_of(t);
      }
      amounts[*remainder] = total - assigned;
      if (trace != nullptr) trace->tranches[*remainder].exact = amounts[*remainder];
   }
   for (std::size_t t = 0; t < schedule.tranches.size(); ++t) {
      const auto on = m_eval.date_of(*schedule.tranches[t].on, scope);
      tranche_step* step = nullptr;
      if (trace != nullptr) {
         step = &trace->tranches[t];
         step->amount = amount_of(t);
         step->on = on;
      }
      const auto unpaid = [&](const char* because) {
         if (step != nullptr) step->unpaid_because = because;
      };
      if (!on) {
         unpaid("the milestone has not happened");
         continue;
      }
      const auto& day = *on;
      if (m_inputs.as_of < day) {
         unpaid("not yet due at the as-of date");
         continue;
      }
      if (until && !(day < *until)) {
         unpaid("on or after the schedule's until date");
         continue;
      }
      if (in_units[t] != 0 ? units[t] == 0 : amounts[t].is_zero()) {
         unpaid("the amount is zero");
         continue;
      }
      if (step != nullptr) step->paid = true;
      ledger_book::entry line{id_of(deal), person, 0, day, static_cast<std::int16_t>(role),
                              m_names.tranches[static_cast<std::size_t>(schedule_index)][t], rule, 0};
      // Increments of 10^-k are the line's units at k places, as set_amount would keep them
      // (perhaps at more places, which write and sum alike).
      if (in_units[t] != 0 && m_tranche_places >= 0) {
         line.units = units[t];
         line.places = static_cast<std::uint8_t>(m_tranche_places);
      }
      else {
         line.set_amount(amount_of(t));
      }
      ledger.push_back(line);
   }
}

// The share of what was paid that a clawback recovers: none for all of it. A share outside
// 0%..100% would pay the rep or recover more than was paid, so the deal cannot be paid (R011).
std::optional<decimal> run_engine::recovery_share(const ast::clawback_rule& clawback, evaluation_scope& scope) const
{
   if (!clawback.share) return std::nullopt;
   const auto v = m_eval.number_of(*clawback.share, scope);
   if (!v) {
      throw deal_problem{fmt::format("the clawback '{}' recovers a blank share of what was paid", clawback.name.text)};
   }
   const auto& share = *v;
   if (share.is_negative() || decimal::from_int(1) < share) {
      throw deal_problem{fmt::format("the clawback '{}' recovers {}% of what was paid; a share is from 0% to 100%",
                                     clawback.name.text, (share * decimal::from_int(100)).to_string())};
   }
   return share;
}

void run_engine::claw_back(deal_state& deal, std::size_t first_line, ledger_book& ledger) const
{
   auto scope = deal_scope(deal);
   deal_trace* const trace = trace_of(deal);
   // The deal's tranche lines end where its clawback lines begin. A clawback of named tranches
   // recovers from tranche lines only; one of everything paid also counts the lines of the
   // clawbacks before it, as it always has.
   const auto tranche_lines_end = ledger.size();
   for (const auto& clawback : m_syntax.clawbacks) {
      clawback_trace* step = nullptr;
      if (trace != nullptr) {
         step = &trace->clawbacks.emplace_back();
         step->clawback = {clawback.name.text, clawback.span};
         step->condition = clawback.when->span;
         if (clawback.share) step->share_expression = clawback.share->span;
         for (const auto& tranche : clawback.tranches) step->tranches.push_back(tranche.text);
      }
      // Only an explanation keeps the reason: most deals' clawbacks do not fire.
      const auto not_fired = [&](const char* because) {
         if (step != nullptr) step->not_fired_because = because;
      };
      if (!m_eval.holds(*clawback.when, scope)) {
         if (step != nullptr) step->failed = first_failing(*clawback.when, scope).span;
         not_fired("its condition is false");
         continue;
      }
      const auto on = m_eval.date_of(*clawback.on, scope);
      if (!on) {
         not_fired("its date is blank");
         continue;
      }
      const auto& day = *on;
      if (step != nullptr) step->on = day;
      if (m_inputs.as_of < day) {
         not_fired("its date is after the as-of date");
         continue;
      }
      const auto share = recovery_share(clawback, scope);
      if (step != nullptr) {
         step->fired = true;
         step->share = share;
      }
      // For each person (in each role), up to the clawback's date: what they still hold from the
      // deal (paid, less what clawbacks before this one took back), and what this one recovers
      // from (the same for everything paid; the named tranches' lines otherwise).
      struct holding {
         std::pair<int, std::string_view> who;
         decimal held;
         decimal recoverable;
      };
      std::vector<holding> holdings;
      for (std::size_t i = first_line; i < ledger.size(); ++i) {
         const auto& line = ledger.entries()[i];
         if (day < line.on) continue;
         const auto key = std::pair{static_cast<int>(line.role), line.person};
         auto it = std::find_if(holdings.begin(), holdings.end(), [&](const holding& entry) { return entry.who == key; });
         if (it == holdings.end()) {
            holdings.push_back({key, decimal{}, decimal{}});
            it = std::prev(holdings.end());
         }
         const auto amount = line.amount();
         it->held += amount;
         if (clawback.tranches.empty() ||
             (i < tranche_lines_end && ast::recovers_tranche(clawback, ledger.name_of(line.event)))) {
            it->recoverable += amount;
         }
      }
      const auto name = m_names.clawbacks[static_cast<std::size_t>(&clawback - m_syntax.clawbacks.data())];
      for (const auto& [who, held, amount] : holdings) {
         // A share is rounded like a tranche, and never to more than was paid; 100% is exactly
         // what was paid, whatever the tranche rounding.
         const auto exact = share ? amount * *share : amount;
         auto rounded = amount;
         if (share && *share != decimal::from_int(1)) {
            rounded = exact.round_to(m_plan.tranche_rounding.increment, m_plan.tranche_rounding.mode);
            if (amount.abs() < rounded.abs()) rounded = amount;
         }
         // Two clawbacks that both fire never take back the same pay twice: no more is recovered
         // than the person still holds.
         auto recovered = rounded;
         if (recovered.sign() > 0 && held < recovered) recovered = held.sign() > 0 ? held : decimal{};
         if (recovered.is_zero()) continue;
         ledger_book::entry line{id_of(deal), who.second, 0, day, static_cast<std::int16_t>(who.first),
                                 m_names.recovery, name, 0};
         line.set_amount(-recovered);
         ledger.push_back(line);
         if (step != nullptr) {
            step->recovered.push_back({who.first, std::string(who.second), amount, exact, rounded, held, recovered});
         }
      }
   }
}

void run_engine::pay(deal_state& deal, ledger_book& ledger) const
{
   // Definitions depend on the deal's fields alone, so computing them again gives what classify
   // had; holding them for every credited deal in between cost more memory than that.
   if (deal.cumulative_overflow != 0) {
      throw arithmetic_error(m_cumulative_overflows.at(deal.outcome));
   }
   deal.load_fields(m_syntax.definitions.size());
   const auto first_line = ledger.size();
   deal_trace* const trace = trace_of(deal);
   if (trace != nullptr) {
      trace->fees.clear();
      trace->clawbacks.clear();
   }
   for (std::size_t i = 0; i < deal.shares().size(); ++i) {
      auto& share = deal.shares()[i];
      if (share.rate < 0) continue;
      share_trace* const traced = trace != nullptr ? &trace->shares[i] : nullptr;
      const auto exact = commission(deal, share, traced);
      const auto total = exact.round_to(m_plan.commission_rounding.increment, m_plan.commission_rounding.mode);
      if (traced != nullptr) {
         traced->paid = true;
         traced->commission = exact;
         traced->rounded = total;
      }
      pay_schedule(deal, m_plan.rate_schedule[static_cast<std::size_t>(share.rate)], total, person_of(deal, share),
                   share.role,
                   m_names.crediting_rules[static_cast<std::size_t>(deal.rule)], ledger,
                   traced != nullptr ? &traced->schedule : nullptr);
   }
   auto scope = deal_scope(deal);
   for (std::size_t f = 0; f < m_syntax.fees.size(); ++f) {
      // Decided when the deal was credited; past the noted ones, decided again, as then.
      const bool applies =
         f < deal_state::noted_fees ? (deal.fees >> f & 1U) != 0 : m_eval.holds(*m_syntax.fees[f].when, scope);
      if (!applies) continue;
      const auto& fee = m_syntax.fees[f];
      const auto amount = m_eval.number_of(*fee.pays, scope);
      if (!amount) continue;
      const auto total = amount->round_to(m_plan.fee_rounding.increment, m_plan.fee_rounding.mode);
      const int role = m_plan.fee_role[f];
      const auto field = m_plan.role_person_field[static_cast<std::size_t>(role)];
      const auto person = deal.row->text(static_cast<std::size_t>(field));
      fee_trace* traced = nullptr;
      if (trace != nullptr) {
         traced = &trace->fees.emplace_back(
            fee_trace{{fee.name.text, fee.span}, role, std::string(person), *amount, total, {}});
      }
      pay_schedule(deal, m_plan.fee_schedule[f], total, person, role,
                   m_names.fees[f], ledger, traced != nullptr ? &traced->schedule : nullptr);
   }
   claw_back(deal, first_line, ledger);
}

// Pays the credited deals order[begin, end) into the slice's ledger, emptied first (its room is
// kept); a deal with a problem leaves no lines and its problem is kept, in order, for pay_all to
// report.
void run_engine::pay_deals(const deal_order& order, std::size_t begin, std::size_t end,
                           std::size_t room_for, paid_slice& slice)
{
   // After a sample of deals, room is reserved for `room_for` deals at the sample's lines per deal
   // and a tenth more: a ledger left to double as it grows holds up to twice the room it needs.
   // The first slice's ledger takes room for every slice's lines when the others are to be
   // appended to it without moving it.
   constexpr std::size_t sample = 1024;
   slice.ledger.resize(0);
   slice.failures.clear();
   for (std::size_t k = begin; k < end; ++k) {
      if (k == begin + sample) {
         const auto estimate = slice.ledger.size() * room_for / sample;
         slice.ledger.reserve(estimate + estimate / 10);
      }
      const auto first_line = slice.ledger.size();
      try {
         pay(m_credited[order[k]], slice.ledger);
         continue;
      }
      catch (const deal_problem& error) {
         slice.failures.push_back({order[k], "R011", error.message});
      }
      catch (const std::exception& error) {  // arithmetic limits, bad function arguments
         slice.failures.push_back({order[k], "R014", error.what()});
      }
      slice.ledger.resize(first_line);  // no partial pay for a deal
   }
}

// Only deals that pay count toward cumulative quantities. When a deal fails, it leaves the
// credited set; with cumulatives the rest are paid again without it, since the deals after it in
// the first cumulative's order may have been rated on its credit, and of several failures the
// first in that order is the one that leaves. Without cumulatives every failing deal leaves.
// Each deal's pay depends only on its own cumulatives, so the deals are paid in id order.
void run_engine::pay_all()
{
   const bool cumulative = !m_syntax.cumulatives.empty();
   for (bool again = true; again;) {
      const auto first_order = cumulative ? cumulative_order(0) : deal_order{};
      compute_cumulatives(first_order);
      const auto order = id_order();
      auto slices = in_slices<paid_slice>(order.size(), m_inputs.jobs, [&](std::size_t begin, std::size_t end) {
         paid_slice slice{m_named, {}};
         pay_deals(order, begin, end, begin == 0 ? order.size() : end - begin, slice);
         return slice;
      });
      std::vector<payment_failure> failures;
      for (auto& slice : slices) {
         std::move(slice.failures.begin(), slice.failures.end(), std::back_inserter(failures));
      }
      if (!failures.empty() && m_syntax.cumulatives.size() == 1) {
         pay_in_cumulative_order(first_order);
         return;
      }
      again = cumulative && !failures.empty();
      if (again) {
         deal_order rank(m_credited.size());
         for (std::size_t k = 0; k < first_order.size(); ++k) rank[first_order[k]] = static_cast<std::uint32_t>(k);
         const auto first = std::min_element(failures.begin(), failures.end(), [&](const auto& a, const auto& b) {
            return rank[a.deal] < rank[b.deal];
         });
         failures = {*first};
      }
      drop_failed(failures);
      if (!again) {
         std::size_t lines = 0;
         for (const auto& slice : slices) lines += slice.ledger.size();
         m_result.ledger = std::move(slices.front().ledger);
         m_result.ledger.reserve(lines);  // the later slices' lines are moved once, not regrown
         for (std::size_t s = 1; s < slices.size(); ++s) {
            m_result.ledger.append(slices[s].ledger);
            slices[s].ledger.clear_lines();
         }
      }
   }
}

// The deals that failed while paid earn nothing, and the run says why; they leave the credited set.
void run_engine::drop_failed(std::vector<payment_failure>& failures)
{
   for (const auto& failure : failures) {
      auto& deal = m_credited[failure.deal];
      report_problem(deal, m_result.deals[deal.outcome], deal_status::input_error, failure.code, failure.message,
                     m_result.diagnostics);
   }
   std::sort(failures.begin(), failures.end(), [](const auto& a, const auto& b) { return a.deal > b.deal; });
   for (const auto& failure : failures) {
      m_credited.erase(m_credited.begin() + static_cast<std::ptrdiff_t>(failure.deal));
   }
}

// Pays the deals in id order a round at a time, and hands each round's lines, put in ledger
// order, to the ledger sink: the run holds one round of the ledger, never the whole. Each deal's
// pay depends only on its own running totals, worked out beforehand, so the lines are those
// pay_all gives. Two cases take pay_all instead, and false says so: a plan whose retroactive
// tiers true up earlier deals once all are paid, and a deal failing while paid where the plan
// keeps running totals, since the deals after it may have been rated on its credit (the sink is
// restarted then). A deal that fails where there are none simply leaves, as in pay_all.
bool run_engine::pay_streamed()
{
   auto* const sink = m_inputs.ledger;
   if (sink == nullptr || has_true_ups()) return false;
   const bool cumulative = !m_syntax.cumulatives.empty();
   compute_cumulatives(cumulative ? cumulative_order(0) : deal_order{});
   const auto order = id_order();
   constexpr std::size_t round = std::size_t{1} << 14;
   // Each slice's ledger is kept from round to round, with its room: made afresh each round on
   // another thread and let go on this one, it was mapped and faulted in again every time.
   std::vector<paid_slice> slices(std::max(1U, m_inputs.jobs), paid_slice{m_named, {}});
   std::vector<payment_failure> failures;
   for (std::size_t first = 0; first < order.size(); first += round) {
      const auto count = std::min(round, order.size() - first);
      for_each_slice(count, m_inputs.jobs, [&](std::size_t s, std::size_t begin, std::size_t end) {
         pay_deals(order, first + begin, first + end, end - begin, slices[s]);
         sort_ledger(slices[s].ledger);  // the slice's deals come in id order: only their own lines move
      });
      const auto used = slice_count(count, m_inputs.jobs);
      for (std::size_t s = 0; s < used; ++s) {
         std::move(slices[s].failures.begin(), slices[s].failures.end(), std::back_inserter(failures));
      }
      if (cumulative && !failures.empty()) {
         sink->restart();
         return false;
      }
      for (std::size_t s = 0; s < used; ++s) sink->write(slices[s].ledger);
   }
   drop_failed(failures);
   return true;
}

// With one cumulative quantity, deals paid one by one in its order can keep its running totals
// as they go: a deal that fails adds nothing, and the deals after it see totals without it. That
// is what paying everything again without each failed deal gives, in one pass instead of one
// pass per failure.
void run_engine::pay_in_cumulative_order(const deal_order& order)
{
   const int role = m_plan.cumulative_role[0];
   std::vector<decimal> running(number_people());
   ledger_book ledger = m_named;
   std::vector<bool> failed(m_credited.size(), false);
   for (const auto index : order) {
      auto& deal = m_credited[index];
      const auto first_line = ledger.size();
      std::optional<std::pair<std::string, std::string>> problem;  // code, message
      try {
         std::vector<std::pair<decimal*, decimal>> after;  // the totals once this deal has paid
         deal.cumulative_overflow = 0;
         for (auto& share : deal.shares()) {
            if (share.rate < 0 || share.role != role) continue;
            auto& total = running[share.person_id];
            before_of(share)[0] = before_cell(total, 0);
            after.emplace_back(&total, total + share.credit());
         }
         pay(deal, ledger);
         for (auto& [total, value] : after) *total = value;
      }
      catch (const deal_problem& error) {
         problem.emplace("R011", error.message);
      }
      catch (const std::exception& error) {  // arithmetic limits, bad function arguments
         problem.emplace("R014", error.what());
      }
      if (!problem) continue;
      ledger.resize(first_line);  // no partial pay for a deal
      failed[index] = true;
      report_problem(deal, m_result.deals[deal.outcome], deal_status::input_error, problem->first, problem->second,
                     m_result.diagnostics);
   }
   std::size_t kept = 0;
   for (std::size_t i = 0; i < m_credited.size(); ++i) {
      if (failed[i]) continue;
      if (kept != i) m_credited[kept] = m_credited[i];
      ++kept;
   }
   m_credited.resize(kept);
   m_result.ledger = std::move(ledger);
}
}  // namespace compplan::run_detail

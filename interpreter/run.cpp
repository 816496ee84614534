// The run: every deal classified, credited deals split, rated (with tiers), scheduled and clawed back.
#include "interpreter/run.hpp"

#include "interpreter/evaluate.hpp"
#include "interpreter/records.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>

namespace compplan {

std::string_view to_string(deal_status status)
{
   switch (status) {
      case deal_status::credited: return "credited";
      case deal_status::out_of_period: return "out_of_period";
      case deal_status::excluded: return "excluded";
      case deal_status::uncredited: return "uncredited";
      case deal_status::ambiguous: return "ambiguous";
      case deal_status::input_error: return "input_error";
      case deal_status::malformed: return "malformed";
   }
   return "?";
}

int run_result::exit_status() const
{
   if (stopped) return 2;
   for (const auto& deal : deals) {
      if (deal.status == deal_status::ambiguous || deal.status == deal_status::input_error ||
          deal.status == deal_status::malformed) {
         return 1;
      }
   }
   return diagnostics.has_errors() ? 1 : 0;
}

namespace {

// One person's part of a credited deal.
struct credit_share {
   int role = -1;
   std::string person;
   decimal credit;
   int rate = -1;                                 // rate clause, when the share is above 0%
   const typed_row* person_row = nullptr;         // people row for (person, role)
   std::optional<decimal> quota;
   std::vector<decimal> before;                   // by cumulative: the person's total before this deal
};

struct deal_state {
   const typed_row* row = nullptr;
   std::string id;
   int rule = -1;
   std::vector<credit_share> shares;
   std::vector<int> fees;
   std::vector<std::optional<value>> definitions;
   std::optional<std::string> cumulative_overflow;  // a running total that cannot hold this deal's credit
};

// A problem with one deal: it earns nothing, and the run says why.
struct deal_problem {
   std::string message;
};

class run_engine {
public:
   run_engine(const checked_plan& plan, const run_inputs& inputs, run_result& result)
      : m_plan(plan), m_syntax(plan.plan()), m_inputs(inputs), m_result(result), m_eval(plan)
   {}

   void run();

private:
   evaluation_scope deal_scope(deal_state& deal, const credit_share* share = nullptr)
   {
      evaluation_scope scope;
      scope.deal = &deal.row->values;
      scope.definitions = &deal.definitions;
      if (share != nullptr) {
         scope.person = share->person_row != nullptr ? &share->person_row->values : nullptr;
         scope.credit = share->credit;
         scope.quota = share->quota;
         scope.cumulatives = &share->before;
      }
      return scope;
   }

   void read_inputs();
   std::optional<deal_status> classify(deal_state& deal, deal_outcome& outcome);
   void prepare_shares(deal_state& deal);
   void split_credit(deal_state& deal);
   bool ordered_before(std::size_t c, const deal_state& a, const deal_state& b) const;
   void compute_cumulatives();
   void pay(deal_state& deal);
   decimal commission(deal_state& deal, credit_share& share);
   void pay_schedule(deal_state& deal, int schedule, const decimal& total, const std::string& person, int role,
                     const std::string& rule);
   void claw_back(deal_state& deal, std::size_t first_line);
   bool try_pay(deal_state& deal, deal_outcome& outcome, const std::function<void()>& prepare = {});
   void pay_in_cumulative_order(std::map<std::string, std::size_t>& outcome_of);
   void report_problem(const deal_state& deal, deal_outcome& outcome, deal_status status, const std::string& code,
                       const std::string& message);

   const checked_plan& m_plan;
   const ast::plan& m_syntax;
   const run_inputs& m_inputs;
   run_result& m_result;
   evaluator m_eval;
   record_file m_deals;
   record_file m_people;
   std::map<std::pair<std::string, int>, const typed_row*> m_people_index;
   std::vector<deal_state> m_credited;
};

void run_engine::read_inputs()
{
   m_deals = read_deals(m_plan, m_inputs.deals_text, m_inputs.deals_file, m_result.diagnostics);
   if (m_plan.people_person >= 0) {
      m_people = read_people(m_plan, m_inputs.people_text, m_inputs.people_file, m_result.diagnostics);
      for (const auto& row : m_people.rows) {
         const auto& person = std::get<std::string>(row.values[static_cast<std::size_t>(m_plan.people_person)]);
         const auto role = std::get<enum_value>(row.values[static_cast<std::size_t>(m_plan.people_role)]).index;
         m_people_index.emplace(std::pair{person, static_cast<int>(role)}, &row);
      }
   }
   m_result.stopped = m_deals.stopped || m_people.stopped;
}

void run_engine::report_problem(const deal_state& deal, deal_outcome& outcome, deal_status status,
                                const std::string& code, const std::string& message)
{
   outcome.status = status;
   outcome.message = message;
   m_result.diagnostics.error(code, source_span::point(m_inputs.deals_file, deal.row->line, 1),
                              fmt::format("deal '{}': {}", deal.id, message));
}

std::optional<deal_status> run_engine::classify(deal_state& deal, deal_outcome& outcome)
{
   auto scope = deal_scope(deal);
   const auto& booked = std::get<date>(deal.row->values[static_cast<std::size_t>(m_plan.period_field)]);
   if (booked < m_plan.period_start || m_plan.period_end < booked) {
      outcome.message = fmt::format("booked {} outside the plan period {} through {}", booked.to_string(),
                                    m_plan.period_start.to_string(), m_plan.period_end.to_string());
      return deal_status::out_of_period;
   }
   for (const auto& exclusion : m_syntax.exclusions) {
      if (m_eval.holds(*exclusion.when, scope)) {
         outcome.rules.push_back(exclusion.name.text);
         outcome.message = exclusion.reason;
         return deal_status::excluded;
      }
   }
   std::vector<int> matched;
   for (std::size_t i = 0; i < m_syntax.crediting_rules.size(); ++i) {
      if (m_eval.holds(*m_syntax.crediting_rules[i].when, scope)) {
         matched.push_back(static_cast<int>(i));
         outcome.rules.push_back(m_syntax.crediting_rules[i].name.text);
      }
   }
   if (matched.empty()) {
      outcome.message = "no crediting rule matches the deal";
      return deal_status::uncredited;
   }
   if (matched.size() > 1) {
      std::string names;
      for (const auto& name : outcome.rules) names += (names.empty() ? "" : ", ") + name;
      report_problem(deal, outcome, deal_status::ambiguous, "R010",
                     fmt::format("crediting rules {} all match; exactly one may, so the deal earns nothing", names));
      return deal_status::ambiguous;
   }
   deal.rule = matched.front();
   return std::nullopt;
}

// People, quotas and rates for each share above 0%, or a deal_problem naming what is missing.
void run_engine::prepare_shares(deal_state& deal)
{
   const auto& rule = m_syntax.crediting_rules[static_cast<std::size_t>(deal.rule)];
   const auto& roles = m_plan.share_roles[static_cast<std::size_t>(deal.rule)];
   auto scope = deal_scope(deal);
   for (std::size_t i = 0; i < rule.shares.size(); ++i) {
      credit_share share;
      share.role = roles[i];
      if (rule.shares[i].percent.is_zero()) {
         deal.shares.push_back(std::move(share));  // keeps positions aligned with the rule's shares
         continue;
      }
      const auto role_name = m_plan.role_name(share.role);
      const auto field = m_plan.role_person_field[static_cast<std::size_t>(share.role)];
      const auto& person = deal.row->values[static_cast<std::size_t>(field)];
      if (is_blank(person)) {
         throw deal_problem{fmt::format("the rule '{}' gives the {} {}% of the credit, but the deal's '{}' is empty",
                                        rule.name.text, role_name,
                                        (rule.shares[i].percent * decimal::from_int(100)).to_string(),
                                        m_plan.deals.fields[static_cast<std::size_t>(field)].decl->name.text)};
      }
      share.person = std::get<std::string>(person);
      if (const auto it = m_people_index.find({share.person, share.role}); it != m_people_index.end()) {
         share.person_row = it->second;
      }
      if (const int quota = m_plan.role_quota[static_cast<std::size_t>(share.role)]; quota >= 0) {
         if (share.person_row == nullptr) {
            throw deal_problem{fmt::format("{} '{}' has no row of role {} in the people file, so has no quota",
                                           role_name, share.person, role_name)};
         }
         evaluation_scope person_scope;
         person_scope.person = &share.person_row->values;
         const auto value = m_eval.evaluate(*m_syntax.quotas[static_cast<std::size_t>(quota)].value, person_scope);
         if (is_blank(value)) {
            throw deal_problem{fmt::format("{} '{}' has no quota in the people file", role_name, share.person)};
         }
         share.quota = std::get<decimal>(value);
      }
      std::vector<int> rates;
      for (std::size_t r = 0; r < m_syntax.rates.size(); ++r) {
         if (m_plan.rate_role[r] == share.role && m_eval.holds(*m_syntax.rates[r].when, scope)) {
            rates.push_back(static_cast<int>(r));
         }
      }
      if (rates.empty()) {
         throw deal_problem{fmt::format("no rate clause for the {} matches the deal", role_name)};
      }
      if (rates.size() > 1) {
         throw deal_problem{fmt::format("rate clauses '{}' and '{}' both match for the {}",
                                        m_syntax.rates[static_cast<std::size_t>(rates[0])].name.text,
                                        m_syntax.rates[static_cast<std::size_t>(rates[1])].name.text, role_name)};
      }
      share.rate = rates.front();
      deal.shares.push_back(std::move(share));
   }
   for (std::size_t f = 0; f < m_syntax.fees.size(); ++f) {
      if (!m_eval.holds(*m_syntax.fees[f].when, scope)) continue;
      const auto field = m_plan.role_person_field[static_cast<std::size_t>(m_plan.fee_role[f])];
      if (is_blank(deal.row->values[static_cast<std::size_t>(field)])) {
         throw deal_problem{fmt::format("the fee '{}' applies, but the deal's '{}' is empty", m_syntax.fees[f].name.text,
                                        m_plan.deals.fields[static_cast<std::size_t>(field)].decl->name.text)};
      }
      deal.fees.push_back(static_cast<int>(f));
   }
}

// Each share exactly, then cut to the increment as the plan's credit rounding says.
void run_engine::split_credit(deal_state& deal)
{
   const auto& rule = m_syntax.crediting_rules[static_cast<std::size_t>(deal.rule)];
   const auto& amount = std::get<decimal>(deal.row->values[static_cast<std::size_t>(m_plan.credited_field)]);
   const auto& policy = m_plan.credit_rounding;
   std::vector<decimal> exact;
   for (const auto& share : rule.shares) {
      exact.push_back(amount * share.percent);
   }
   if (!policy.largest_remainder) {
      for (std::size_t i = 0; i < exact.size(); ++i) {
         deal.shares[i].credit = exact[i].round_to(policy.increment, policy.mode);
      }
      return;
   }
   decimal floored_total;
   decimal exact_total;
   for (std::size_t i = 0; i < exact.size(); ++i) {
      deal.shares[i].credit = exact[i].round_to(policy.increment, rounding_mode::floor);
      floored_total += deal.shares[i].credit;
      exact_total += exact[i];
   }
   // Leftover increments go one at a time to the largest remainders; ties in the rule's order.
   const auto target = exact_total.round_to(policy.increment, policy.mode);
   auto leftover = (target - floored_total).floor_div(policy.increment);
   std::vector<std::size_t> order(exact.size());
   std::iota(order.begin(), order.end(), 0);
   std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return exact[a] - deal.shares[a].credit > exact[b] - deal.shares[b].credit;
   });
   for (std::size_t k = 0; leftover > 0 && k < order.size(); ++k) {
      if (rule.shares[order[k]].percent.is_zero()) continue;
      deal.shares[order[k]].credit += policy.increment;
      --leftover;
   }
}

// Each cumulative quantity: the running total of a person's credit in the stated deal order.
// Whether deal a comes before deal b in cumulative c's stated order; ids break ties, so the
// order is total.
bool run_engine::ordered_before(std::size_t c, const deal_state& a, const deal_state& b) const
{
   const auto& x = a.row->values;
   const auto& y = b.row->values;
   for (const int field : m_plan.cumulative_order[c]) {
      const int cmp = compare_values(x[static_cast<std::size_t>(field)], y[static_cast<std::size_t>(field)]);
      if (cmp != 0) return cmp < 0;
   }
   const auto key = static_cast<std::size_t>(m_plan.deal_key);
   return compare_values(x[key], y[key]) < 0;
}

void run_engine::compute_cumulatives()
{
   for (auto& deal : m_credited) {
      deal.cumulative_overflow.reset();
      for (auto& share : deal.shares) {
         share.before.assign(m_syntax.cumulatives.size(), decimal{});
      }
   }
   for (std::size_t c = 0; c < m_syntax.cumulatives.size(); ++c) {
      const int role = m_plan.cumulative_role[c];
      std::vector<std::size_t> order(m_credited.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
         return ordered_before(c, m_credited[a], m_credited[b]);
      });
      std::map<std::string, decimal, std::less<>> running;
      for (const auto index : order) {
         for (auto& share : m_credited[index].shares) {
            if (share.role != role || share.rate < 0) continue;
            auto& total = running[share.person];
            share.before[c] = total;
            try {
               total += share.credit;
            }
            catch (const arithmetic_error& error) {
               // The deal that does not fit fails when it is paid (R014) and leaves the total.
               m_credited[index].cumulative_overflow = error.what();
            }
         }
      }
   }
}

decimal run_engine::commission(deal_state& deal, credit_share& share)
{
   const auto& rate = m_syntax.rates[static_cast<std::size_t>(share.rate)];
   auto scope = deal_scope(deal, &share);
   const auto base_value = m_eval.evaluate(*rate.pays, scope);
   if (is_blank(base_value)) {
      throw deal_problem{fmt::format("the rate '{}' is blank for this deal", rate.name.text)};
   }
   const auto& base = std::get<decimal>(base_value);
   const int tiers = m_plan.rate_tiers[static_cast<std::size_t>(share.rate)];
   if (tiers < 0) {
      return share.credit * base;
   }
   const auto& table = m_syntax.tier_tables[static_cast<std::size_t>(tiers)];
   const auto& info = m_plan.tiers[static_cast<std::size_t>(tiers)];
   const decimal start = info.quantity.kind == symbol_kind::cumulative
                            ? share.before[static_cast<std::size_t>(info.quantity.index)]
                            : decimal{};
   const decimal end = start + share.credit;
   const auto band_end = [&](const ast::expression* bound) -> std::optional<decimal> {
      if (bound == nullptr) return std::nullopt;
      const auto v = m_eval.evaluate(*bound, scope);
      if (is_blank(v)) {
         throw deal_problem{fmt::format("a band of the tier table '{}' has a blank end for {} '{}'", table.name.text,
                                        m_plan.role_name(share.role), share.person)};
      }
      return std::get<decimal>(v);
   };
   const auto factor_of = [&](std::size_t band) {
      const auto v = m_eval.evaluate(*table.bands[band].pays, scope);
      if (is_blank(v)) {
         throw deal_problem{fmt::format("the band '{}' pays a blank factor", table.bands[band].name.text)};
      }
      return std::get<decimal>(v);
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
         total += part * base * factor_of(b);
         covered += part;
      }
      if (covered != share.credit) {
         throw deal_problem{fmt::format("the bands of '{}' cover {} of {}'s credit of {} on this deal, not all of it once",
                                        table.name.text, covered.to_string(), share.person, share.credit.to_string())};
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
         return share.credit * base * factor_of(b);
      }
   }
   throw deal_problem{fmt::format("no band of '{}' contains {}", table.name.text, reached.to_string())};
}

void run_engine::pay_schedule(deal_state& deal, int schedule_index, const decimal& total, const std::string& person,
                              int role, const std::string& rule)
{
   const auto& schedule = m_syntax.schedules[static_cast<std::size_t>(schedule_index)];
   auto scope = deal_scope(deal);
   std::optional<date> until;
   if (schedule.until) {
      const auto v = m_eval.evaluate(*schedule.until, scope);
      if (!is_blank(v)) until = std::get<date>(v);
   }
   std::vector<decimal> amounts(schedule.tranches.size());
   decimal assigned;
   std::optional<std::size_t> remainder;
   for (std::size_t t = 0; t < schedule.tranches.size(); ++t) {
      const auto& tranche = schedule.tranches[t];
      if (!tranche.share) {
         remainder = t;
         continue;
      }
      const auto share = m_eval.evaluate(*tranche.share, scope);
      if (is_blank(share)) {
         throw deal_problem{fmt::format("the tranche '{}' of '{}' has a blank share", tranche.name.text, schedule.name.text)};
      }
      amounts[t] = (total * std::get<decimal>(share)).round_to(m_plan.tranche_rounding.increment, m_plan.tranche_rounding.mode);
      assigned += amounts[t];
   }
   if (remainder) {
      amounts[*remainder] = total - assigned;
   }
   for (std::size_t t = 0; t < schedule.tranches.size(); ++t) {
      const auto on = m_eval.evaluate(*schedule.tranches[t].on, scope);
      if (is_blank(on)) continue;  // the milestone has not happened
      const auto& day = std::get<date>(on);
      if (m_inputs.as_of < day) continue;  // not yet due
      if (until && !(day < *until)) continue;  // on or after the stop date
      if (amounts[t].is_zero()) continue;
      m_result.ledger.push_back({deal.id, person, role, schedule.tranches[t].name.text, day, amounts[t], rule});
   }
}

void run_engine::claw_back(deal_state& deal, std::size_t first_line)
{
   auto scope = deal_scope(deal);
   for (const auto& clawback : m_syntax.clawbacks) {
      if (!m_eval.holds(*clawback.when, scope)) continue;
      const auto on = m_eval.evaluate(*clawback.on, scope);
      if (is_blank(on)) continue;
      const auto& day = std::get<date>(on);
      if (m_inputs.as_of < day) continue;
      // What each person (in each role) has been paid on the deal up to the clawback's date.
      std::vector<std::pair<std::pair<int, std::string>, decimal>> paid;
      for (std::size_t i = first_line; i < m_result.ledger.size(); ++i) {
         const auto& line = m_result.ledger[i];
         if (day < line.on) continue;
         const auto key = std::pair{line.role, line.person};
         auto it = std::find_if(paid.begin(), paid.end(), [&](const auto& entry) { return entry.first == key; });
         if (it == paid.end()) {
            paid.push_back({key, decimal{}});
            it = std::prev(paid.end());
         }
         it->second += line.amount;
      }
      for (const auto& [who, amount] : paid) {
         if (amount.is_zero()) continue;
         m_result.ledger.push_back({deal.id, who.second, who.first, "clawback", day, -amount, clawback.name.text});
      }
   }
}

void run_engine::pay(deal_state& deal)
{
   if (deal.cumulative_overflow) {
      throw arithmetic_error(*deal.cumulative_overflow);
   }
   const auto first_line = m_result.ledger.size();
   const auto& rule = m_syntax.crediting_rules[static_cast<std::size_t>(deal.rule)];
   for (auto& share : deal.shares) {
      if (share.rate < 0) continue;
      const auto exact = commission(deal, share);
      const auto total = exact.round_to(m_plan.commission_rounding.increment, m_plan.commission_rounding.mode);
      pay_schedule(deal, m_plan.rate_schedule[static_cast<std::size_t>(share.rate)], total, share.person, share.role,
                   rule.name.text);
   }
   auto scope = deal_scope(deal);
   for (const int f : deal.fees) {
      const auto& fee = m_syntax.fees[static_cast<std::size_t>(f)];
      const auto amount = m_eval.evaluate(*fee.pays, scope);
      if (is_blank(amount)) continue;
      const auto total = std::get<decimal>(amount).round_to(m_plan.fee_rounding.increment, m_plan.fee_rounding.mode);
      const int role = m_plan.fee_role[static_cast<std::size_t>(f)];
      const auto field = m_plan.role_person_field[static_cast<std::size_t>(role)];
      pay_schedule(deal, m_plan.fee_schedule[static_cast<std::size_t>(f)], total,
                   std::get<std::string>(deal.row->values[static_cast<std::size_t>(field)]), role, fee.name.text);
   }
   claw_back(deal, first_line);
}

// Pays one deal after `prepare` (which may throw like pay); when either fails, the deal's lines
// are taken out (no partial pay), it is reported with R011 or R014, and the result is false.
bool run_engine::try_pay(deal_state& deal, deal_outcome& outcome, const std::function<void()>& prepare)
{
   const auto first_line = m_result.ledger.size();
   std::optional<std::pair<std::string, std::string>> problem;  // code, message
   try {
      if (prepare) prepare();
      pay(deal);
   }
   catch (const deal_problem& error) {
      problem.emplace("R011", error.message);
   }
   catch (const std::exception& error) {  // arithmetic limits, bad function arguments
      problem.emplace("R014", error.what());
   }
   if (!problem) return true;
   m_result.ledger.resize(first_line);
   report_problem(deal, outcome, deal_status::input_error, problem->first, problem->second);
   return false;
}

// With one cumulative quantity the deals are paid in its order, so its running totals can be
// kept while paying: a deal that fails adds nothing, and the deals after it see totals without
// it. This gives what paying everything again without the failed deal gives, in linear time
// (paying again after each failure is quadratic in the number of deals).
void run_engine::pay_in_cumulative_order(std::map<std::string, std::size_t>& outcome_of)
{
   m_result.ledger.clear();
   const int role = m_plan.cumulative_role[0];
   std::map<std::string, decimal, std::less<>> running;
   std::vector<deal_state> paying;
   for (auto& deal : m_credited) {
      std::vector<std::pair<decimal*, decimal>> totals_after;  // applied only if the deal pays
      const auto totals = [&] {
         for (auto& share : deal.shares) {
            share.before.assign(1, decimal{});
            if (share.role != role || share.rate < 0) continue;
            auto& total = running[share.person];
            share.before[0] = total;
            totals_after.emplace_back(&total, total + share.credit);
         }
      };
      if (try_pay(deal, m_result.deals[outcome_of[deal.id]], totals)) {
         for (auto& [total, after] : totals_after) {
            *total = after;
         }
         paying.push_back(std::move(deal));
      }
   }
   m_credited = std::move(paying);
}

void run_engine::run()
{
   read_inputs();
   if (m_result.stopped) {
      return;
   }
   // Every input row gets an outcome, in file order.
   std::vector<std::pair<std::uint32_t, deal_outcome>> outcomes;
   for (const auto& rejected : m_deals.rejected) {
      outcomes.push_back({rejected.line, {rejected.id, rejected.line, deal_status::malformed, {}, rejected.problem.message}});
   }
   std::vector<std::pair<std::size_t, deal_state>> credited;  // outcome position, deal
   for (const auto& row : m_deals.rows) {
      deal_state deal;
      deal.row = &row;
      deal.id = std::get<std::string>(row.values[static_cast<std::size_t>(m_plan.deal_key)]);
      deal.definitions.assign(m_syntax.definitions.size(), std::nullopt);
      deal_outcome outcome{deal.id, row.line, deal_status::credited, {}, {}};
      try {
         if (const auto status = classify(deal, outcome)) {
            outcome.status = *status;
         }
         else {
            prepare_shares(deal);
            split_credit(deal);
         }
      }
      catch (const deal_problem& problem) {
         report_problem(deal, outcome, deal_status::input_error, "R011", problem.message);
      }
      catch (const std::exception& error) {  // arithmetic limits, bad function arguments
         report_problem(deal, outcome, deal_status::input_error, "R014", error.what());
      }
      const bool ok = outcome.status == deal_status::credited;
      outcomes.emplace_back(row.line, std::move(outcome));
      if (ok) {
         m_credited.push_back(std::move(deal));
      }
   }
   std::stable_sort(outcomes.begin(), outcomes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
   std::map<std::string, std::size_t> outcome_of;
   for (auto& [line, outcome] : outcomes) {
      outcome_of[outcome.id] = m_result.deals.size();
      m_result.deals.push_back(std::move(outcome));
   }
   // Only deals that pay count toward cumulative quantities. Deals are paid in the first
   // cumulative's order; when one fails, it leaves the credited set and the rest are paid again
   // without it, since the deals after it may have been rated on its credit.
   const bool cumulative = !m_syntax.cumulatives.empty();
   bool again_loop_skipped = false;
   if (cumulative) {
      std::stable_sort(m_credited.begin(), m_credited.end(),
                       [&](const deal_state& a, const deal_state& b) { return ordered_before(0, a, b); });
   }
   if (m_syntax.cumulatives.size() == 1) {
      pay_in_cumulative_order(outcome_of);
      again_loop_skipped = true;
   }
   for (bool again = !again_loop_skipped; again;) {
      again = false;
      m_result.ledger.clear();
      compute_cumulatives();
      std::vector<deal_state> paying;
      for (std::size_t i = 0; i < m_credited.size(); ++i) {
         auto& deal = m_credited[i];
         if (try_pay(deal, m_result.deals[outcome_of[deal.id]])) {
            paying.push_back(std::move(deal));
            continue;
         }
         if (cumulative) {
            for (std::size_t rest = i + 1; rest < m_credited.size(); ++rest) {
               paying.push_back(std::move(m_credited[rest]));
            }
            again = true;
            break;
         }
      }
      m_credited = std::move(paying);
   }
   std::stable_sort(m_result.ledger.begin(), m_result.ledger.end(), [](const ledger_line& a, const ledger_line& b) {
      return std::tie(a.deal, a.role, a.person) < std::tie(b.deal, b.role, b.person);
   });
}

}  // namespace

run_result run_plan(const checked_plan& plan, const run_inputs& inputs)
{
   run_result result;
   run_engine engine(plan, inputs, result);
   engine.run();
   result.diagnostics.sort_by_place();
   if (result.stopped) {
      result.ledger.clear();
   }
   return result;
}

}  // namespace compplan

// The run: every deal classified, credited deals split, rated (with tiers), scheduled and clawed back.
#include "interpreter/run.hpp"

#include "interpreter/evaluate.hpp"
#include "interpreter/order.hpp"
#include "interpreter/parallel.hpp"
#include "interpreter/records.hpp"
#include "interpreter/trace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <numeric>
#include <unordered_map>

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
// The deal's rows outlive its state, so names are views into them rather than copies.
struct credit_share {
   int role = -1;
   std::string_view person;
   decimal credit;
   int rate = -1;                                 // rate clause, when the share is above 0%
   const typed_row* person_row = nullptr;         // people row for (person, role)
   std::optional<decimal> quota;
   std::vector<decimal> before;                   // by cumulative: the person's total before this deal
};

struct deal_state {
   const typed_row* row = nullptr;
   std::string_view id;
   std::size_t outcome = 0;  // position in run_result::deals
   int rule = -1;
   std::vector<credit_share> shares;
   std::vector<int> fees;
   std::vector<std::optional<value>> definitions;  // computed on demand; released between classify and pay
   std::optional<std::string> cumulative_overflow;  // a running total that cannot hold this deal's credit
};

// A problem with one deal: it earns nothing, and the run says why.
struct deal_problem {
   std::string message;
};

class run_engine {
public:
   run_engine(const checked_plan& plan, const run_inputs& inputs, run_result& result)
      : m_plan(plan), m_syntax(plan.plan()), m_inputs(inputs), m_result(result), m_eval(plan),
        m_trace(inputs.jobs == 1 ? inputs.trace : nullptr)
   {}

   void run();

private:
   evaluation_scope deal_scope(deal_state& deal, const credit_share* share = nullptr) const
   {
      evaluation_scope scope;
      scope.deal = deal.row->values;
      scope.definitions = &deal.definitions;
      if (share != nullptr) {
         if (share->person_row != nullptr) scope.person = share->person_row->values;
         scope.credit = share->credit;
         scope.quota = share->quota;
         scope.cumulatives = &share->before;
      }
      return scope;
   }

   // What evaluating a slice of the deals gives; slices are joined in order, so the result is
   // the same however many there are.
   struct classified_slice {
      std::vector<deal_outcome> outcomes;  // one per row, in file order
      std::vector<deal_state> credited;
      diagnostic_list diagnostics;
   };
   struct payment_failure {
      std::size_t deal;  // position in m_credited
      std::string code;
      std::string message;
   };
   struct paid_slice {
      std::vector<ledger_line> ledger;
      std::vector<payment_failure> failures;
   };

   void read_inputs();
   classified_slice classify_rows(std::size_t begin, std::size_t end) const;
   void classify_all();
   paid_slice pay_deals(const std::vector<std::size_t>& order, std::size_t begin, std::size_t end);
   void pay_all();
   void pay_in_cumulative_order(const std::vector<std::size_t>& order);
   std::optional<deal_status> classify(deal_state& deal, deal_outcome& outcome, diagnostic_list& diagnostics) const;
   void prepare_shares(deal_state& deal) const;
   void split_credit(deal_state& deal) const;
   std::vector<std::size_t> cumulative_order(std::size_t c) const;
   void compute_cumulatives(const std::vector<std::size_t>& first_order);
   std::vector<std::size_t> id_order() const;
   void pay(deal_state& deal, std::vector<ledger_line>& ledger) const;
   decimal commission(deal_state& deal, credit_share& share, share_trace* trace) const;
   void pay_schedule(deal_state& deal, int schedule, const decimal& total, std::string_view person, int role,
                     const std::string& rule, std::vector<ledger_line>& ledger, schedule_trace* trace) const;
   deal_trace* trace_of(const deal_state& deal) const;
   const ast::expression& first_failing(const ast::expression& condition, evaluation_scope& scope) const;
   void trace_split(deal_state& deal, const std::vector<decimal>& exact, const std::vector<decimal>& floored) const;
   void claw_back(deal_state& deal, std::size_t first_line, std::vector<ledger_line>& ledger) const;
   void report_problem(const deal_state& deal, deal_outcome& outcome, deal_status status, const std::string& code,
                       const std::string& message, diagnostic_list& diagnostics) const;

   const checked_plan& m_plan;
   const ast::plan& m_syntax;
   const run_inputs& m_inputs;
   run_result& m_result;
   evaluator m_eval;
   run_trace* m_trace;  // null unless explaining
   record_file m_deals;
   record_file m_people;
   std::unordered_map<std::pair<std::string_view, int>, const typed_row*, person_role_hash> m_people_index;
   std::vector<deal_state> m_credited;
};

void run_engine::read_inputs()
{
   m_deals = read_deals(m_plan, m_inputs.deals_text, m_inputs.deals_file, m_result.diagnostics, m_inputs.jobs);
   if (m_plan.people_person >= 0) {
      m_people = read_people(m_plan, m_inputs.people_text, m_inputs.people_file, m_result.diagnostics);
      for (const auto& row : m_people.rows) {
         const auto& person = std::get<std::string>(row.values[static_cast<std::size_t>(m_plan.people_person)]);
         const auto role = std::get<enum_value>(row.values[static_cast<std::size_t>(m_plan.people_role)]).index;
         m_people_index.emplace(std::pair{std::string_view(person), static_cast<int>(role)}, &row);
      }
   }
   m_result.stopped = m_deals.stopped || m_people.stopped;
}

void run_engine::report_problem(const deal_state& deal, deal_outcome& outcome, deal_status status,
                                const std::string& code, const std::string& message,
                                diagnostic_list& diagnostics) const
{
   outcome.status = status;
   outcome.message = message;
   diagnostics.error(code, source_span::point(m_inputs.deals_file, deal.row->line, 1),
                              fmt::format("deal '{}': {}", deal.id, message));
}

std::optional<deal_status> run_engine::classify(deal_state& deal, deal_outcome& outcome,
                                                diagnostic_list& diagnostics) const
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
   deal_trace* const trace = trace_of(deal);
   for (std::size_t i = 0; i < m_syntax.crediting_rules.size(); ++i) {
      const auto& rule = m_syntax.crediting_rules[i];
      const bool holds = m_eval.holds(*rule.when, scope);
      if (holds) {
         matched.push_back(static_cast<int>(i));
         outcome.rules.push_back(rule.name.text);
      }
      if (trace != nullptr) {
         const auto failed = holds ? source_span{} : first_failing(*rule.when, scope).span;
         trace->rules.push_back({{rule.name.text, rule.span}, holds, failed});
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
                     fmt::format("crediting rules {} all match; exactly one may, so the deal earns nothing", names),
                     diagnostics);
      return deal_status::ambiguous;
   }
   deal.rule = matched.front();
   return std::nullopt;
}

// People, quotas and rates for each share above 0%, or a deal_problem naming what is missing.
void run_engine::prepare_shares(deal_state& deal) const
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
      if (const auto it = m_people_index.find({std::string_view(share.person), share.role}); it != m_people_index.end()) {
         share.person_row = it->second;
      }
      if (const int quota = m_plan.role_quota[static_cast<std::size_t>(share.role)]; quota >= 0) {
         if (share.person_row == nullptr) {
            throw deal_problem{fmt::format("{} '{}' has no row of role {} in the people file, so has no quota",
                                           role_name, share.person, role_name)};
         }
         evaluation_scope person_scope;
         person_scope.person = share.person_row->values;
         const auto value = m_eval.evaluate(*m_syntax.quotas[static_cast<std::size_t>(quota)].value, person_scope);
         if (is_blank(value)) {
            throw deal_problem{fmt::format("{} '{}' has no quota in the people file", role_name, share.person)};
         }
         share.quota = std::get<decimal>(value);
      }
      std::array<std::size_t, 2> rates{};  // the first two that match
      std::size_t matched = 0;
      for (std::size_t r = 0; r < m_syntax.rates.size() && matched < rates.size(); ++r) {
         if (m_plan.rate_role[r] == share.role && m_eval.holds(*m_syntax.rates[r].when, scope)) {
            rates[matched++] = r;
         }
      }
      if (matched == 0) {
         throw deal_problem{fmt::format("no rate clause for the {} matches the deal", role_name)};
      }
      if (matched > 1) {
         throw deal_problem{fmt::format("rate clauses '{}' and '{}' both match for the {}",
                                        m_syntax.rates[rates[0]].name.text, m_syntax.rates[rates[1]].name.text,
                                        role_name)};
      }
      share.rate = static_cast<int>(rates[0]);
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
void run_engine::split_credit(deal_state& deal) const
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
      if (trace_of(deal) != nullptr) {
         std::vector<decimal> rounded;
         for (const auto& share : deal.shares) rounded.push_back(share.credit);
         trace_split(deal, exact, rounded);
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
   std::vector<decimal> traced_exact;  // kept only when explaining: `exact` becomes the remainders
   std::vector<decimal> traced_floored;
   if (trace_of(deal) != nullptr) {
      traced_exact = exact;
      for (const auto& share : deal.shares) traced_floored.push_back(share.credit);
   }
   // Leftover increments go one at a time to the largest remainders; ties in the rule's order.
   const auto target = exact_total.round_to(policy.increment, policy.mode);
   auto leftover = (target - floored_total).floor_div(policy.increment);
   // Remainders largest first, ties in the rule's order: a stable insertion sort, as a rule has
   // only a few shares (std::stable_sort would take a buffer from the heap for each deal).
   std::vector<decimal>& remainders = exact;
   for (std::size_t i = 0; i < exact.size(); ++i) {
      remainders[i] = exact[i] - deal.shares[i].credit;
   }
   std::vector<std::size_t> order(exact.size());
   std::iota(order.begin(), order.end(), 0);
   for (std::size_t i = 1; i < order.size(); ++i) {
      for (std::size_t j = i; j > 0 && remainders[order[j]] > remainders[order[j - 1]]; --j) {
         std::swap(order[j], order[j - 1]);
      }
   }
   for (std::size_t k = 0; leftover > 0 && k < order.size(); ++k) {
      if (rule.shares[order[k]].percent.is_zero()) continue;
      deal.shares[order[k]].credit += policy.increment;
      --leftover;
   }
   if (trace_of(deal) != nullptr) trace_split(deal, traced_exact, traced_floored);
}

deal_trace* run_engine::trace_of(const deal_state& deal) const
{
   if (m_trace == nullptr) return nullptr;
   if (!m_trace->only.empty() && !m_trace->only.contains(deal.id)) return nullptr;
   auto& trace = m_trace->deals[std::string(deal.id)];
   trace.id = deal.id;
   trace.line = deal.row->line;
   return &trace;
}

// The first conjunct of `condition` that does not hold, looking inside "and"; the whole
// condition when it is not a conjunction.
const ast::expression& run_engine::first_failing(const ast::expression& condition, evaluation_scope& scope) const
{
   const auto* conjunction = std::get_if<ast::binary>(&condition.node);
   if (conjunction == nullptr || conjunction->op != ast::binary_op::logical_and) return condition;
   if (!m_eval.holds(*conjunction->left, scope)) return first_failing(*conjunction->left, scope);
   return first_failing(*conjunction->right, scope);
}

void run_engine::trace_split(deal_state& deal, const std::vector<decimal>& exact, const std::vector<decimal>& floored) const
{
   const auto& rule = m_syntax.crediting_rules[static_cast<std::size_t>(deal.rule)];
   auto& trace = *trace_of(deal);
   trace.credited = std::get<decimal>(deal.row->values[static_cast<std::size_t>(m_plan.credited_field)]);
   auto& shares = trace.shares;
   shares.clear();
   for (std::size_t i = 0; i < deal.shares.size(); ++i) {
      share_trace share;
      share.role = deal.shares[i].role;
      share.person = deal.shares[i].person;
      share.percent = rule.shares[i].percent;
      share.exact = exact[i];
      share.floored = floored[i];
      share.credit = deal.shares[i].credit;
      shares.push_back(std::move(share));
   }
}

// The credited deals' positions in cumulative c's stated order, ids breaking ties.
std::vector<std::size_t> run_engine::cumulative_order(std::size_t c) const
{
   std::vector<std::span<const value>> rows;
   rows.reserve(m_credited.size());
   for (const auto& deal : m_credited) rows.push_back(deal.row->values);
   // When the credited deals already come in id order, as exports usually do, ids need not be
   // compared at all.
   const bool ids_ascending = std::is_sorted(m_credited.begin(), m_credited.end(),
                                             [](const deal_state& a, const deal_state& b) { return a.id < b.id; });
   return stated_order(rows, m_plan.cumulative_order[c], m_plan.deal_key, ids_ascending);
}

// Each cumulative quantity: the running total of a person's credit in the stated deal order.
// first_order is the first cumulative's order, which the caller has already sorted.
void run_engine::compute_cumulatives(const std::vector<std::size_t>& first_order)
{
   for (auto& deal : m_credited) {
      deal.cumulative_overflow.reset();
      for (auto& share : deal.shares) {
         share.before.assign(m_syntax.cumulatives.size(), decimal{});
      }
   }
   for (std::size_t c = 0; c < m_syntax.cumulatives.size(); ++c) {
      const int role = m_plan.cumulative_role[c];
      const auto order = c == 0 ? first_order : cumulative_order(c);
      std::unordered_map<std::string_view, decimal> running;
      for (const auto index : order) {
         auto& deal = m_credited[index];
         for (auto& share : deal.shares) {
            if (share.role != role || share.rate < 0) continue;
            auto& total = running[share.person];
            share.before[c] = total;
            try {
               total += share.credit;
            }
            catch (const arithmetic_error& error) {
               // The deal that does not fit fails when it is paid (R014) and leaves the total.
               deal.cumulative_overflow = error.what();
            }
         }
      }
   }
}

// Positions in m_credited by deal id. Deals are paid in this order, so the ledger comes out
// sorted by deal; an export already in id order costs one pass.
std::vector<std::size_t> run_engine::id_order() const
{
   std::vector<std::size_t> order(m_credited.size());
   std::iota(order.begin(), order.end(), 0);
   const auto by_id = [&](std::size_t a, std::size_t b) { return m_credited[a].id < m_credited[b].id; };
   if (!std::is_sorted(order.begin(), order.end(), by_id)) {
      std::sort(order.begin(), order.end(), by_id);  // ids are unique: no ties
   }
   return order;
}

decimal run_engine::commission(deal_state& deal, credit_share& share, share_trace* trace) const
{
   const auto& rate = m_syntax.rates[static_cast<std::size_t>(share.rate)];
   auto scope = deal_scope(deal, &share);
   const auto base_value = m_eval.evaluate(*rate.pays, scope);
   if (is_blank(base_value)) {
      throw deal_problem{fmt::format("the rate '{}' is blank for this deal", rate.name.text)};
   }
   const auto& base = std::get<decimal>(base_value);
   const int tiers = m_plan.rate_tiers[static_cast<std::size_t>(share.rate)];
   if (trace != nullptr) {
      trace->rate = {rate.name.text, rate.span};
      trace->base_rate = base;
   }
   if (tiers < 0) {
      return share.credit * base;
   }
   const auto& table = m_syntax.tier_tables[static_cast<std::size_t>(tiers)];
   const auto& info = m_plan.tiers[static_cast<std::size_t>(tiers)];
   const decimal start = info.quantity.kind == symbol_kind::cumulative
                            ? share.before[static_cast<std::size_t>(info.quantity.index)]
                            : decimal{};
   const decimal end = start + share.credit;
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
         const auto factor = factor_of(b);
         total += part * base * factor;
         covered += part;
         if (trace != nullptr) {
            trace->bands.push_back({{table.bands[b].name.text, table.bands[b].span}, low, high, part, factor});
         }
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
         const auto factor = factor_of(b);
         if (trace != nullptr) {
            trace->bands.push_back({{table.bands[b].name.text, table.bands[b].span}, low, high, share.credit, factor});
         }
         return share.credit * base * factor;
      }
   }
   throw deal_problem{fmt::format("no band of '{}' contains {}", table.name.text, reached.to_string())};
}

void run_engine::pay_schedule(deal_state& deal, int schedule_index, const decimal& total, std::string_view person,
                              int role, const std::string& rule, std::vector<ledger_line>& ledger,
                              schedule_trace* trace) const
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
      const auto share = m_eval.evaluate(*tranche.share, scope);
      if (is_blank(share)) {
         throw deal_problem{fmt::format("the tranche '{}' of '{}' has a blank share", tranche.name.text, schedule.name.text)};
      }
      const auto exact = total * std::get<decimal>(share);
      amounts[t] = exact.round_to(m_plan.tranche_rounding.increment, m_plan.tranche_rounding.mode);
      assigned += amounts[t];
      if (trace != nullptr) {
         trace->tranches[t].share = std::get<decimal>(share);
         trace->tranches[t].exact = exact;
      }
   }
   if (remainder) {
      amounts[*remainder] = total - assigned;
      if (trace != nullptr) trace->tranches[*remainder].exact = amounts[*remainder];
   }
   for (std::size_t t = 0; t < schedule.tranches.size(); ++t) {
      const auto on = m_eval.evaluate(*schedule.tranches[t].on, scope);
      tranche_step* step = nullptr;
      if (trace != nullptr) {
         step = &trace->tranches[t];
         step->amount = amounts[t];
         if (!is_blank(on)) step->on = std::get<date>(on);
      }
      const auto unpaid = [&](const char* because) {
         if (step != nullptr) step->unpaid_because = because;
      };
      if (is_blank(on)) {
         unpaid("the milestone has not happened");
         continue;
      }
      const auto& day = std::get<date>(on);
      if (m_inputs.as_of < day) {
         unpaid("not yet due at the as-of date");
         continue;
      }
      if (until && !(day < *until)) {
         unpaid("on or after the schedule's until date");
         continue;
      }
      if (amounts[t].is_zero()) {
         unpaid("the amount is zero");
         continue;
      }
      if (step != nullptr) step->paid = true;
      ledger.push_back({std::string(deal.id), std::string(person), role, schedule.tranches[t].name.text, day, amounts[t],
                        rule});
   }
}

void run_engine::claw_back(deal_state& deal, std::size_t first_line, std::vector<ledger_line>& ledger) const
{
   auto scope = deal_scope(deal);
   deal_trace* const trace = trace_of(deal);
   for (const auto& clawback : m_syntax.clawbacks) {
      clawback_trace* step = nullptr;
      if (trace != nullptr) {
         step = &trace->clawbacks.emplace_back();
         step->clawback = {clawback.name.text, clawback.span};
         step->condition = clawback.when->span;
      }
      const auto not_fired = [&](std::string because) {
         if (step != nullptr) step->not_fired_because = std::move(because);
      };
      if (!m_eval.holds(*clawback.when, scope)) {
         if (step != nullptr) step->failed = first_failing(*clawback.when, scope).span;
         not_fired("its condition is false");
         continue;
      }
      const auto on = m_eval.evaluate(*clawback.on, scope);
      if (is_blank(on)) {
         not_fired("its date is blank");
         continue;
      }
      const auto& day = std::get<date>(on);
      if (step != nullptr) step->on = day;
      if (m_inputs.as_of < day) {
         not_fired("its date is after the as-of date");
         continue;
      }
      if (step != nullptr) step->fired = true;
      // What each person (in each role) has been paid on the deal up to the clawback's date.
      std::vector<std::pair<std::pair<int, std::string>, decimal>> paid;
      for (std::size_t i = first_line; i < ledger.size(); ++i) {
         const auto& line = ledger[i];
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
         ledger.push_back({std::string(deal.id), who.second, who.first, "clawback", day, -amount, clawback.name.text});
         if (step != nullptr) step->recovered.push_back({who.first, who.second, amount});
      }
   }
}

void run_engine::pay(deal_state& deal, std::vector<ledger_line>& ledger) const
{
   // Definitions depend on the deal's fields alone, so computing them again gives what classify
   // had; holding them for every credited deal in between cost more memory than that.
   if (deal.cumulative_overflow) {
      throw arithmetic_error(*deal.cumulative_overflow);
   }
   deal.definitions.assign(m_syntax.definitions.size(), std::nullopt);
   const auto first_line = ledger.size();
   const auto& rule = m_syntax.crediting_rules[static_cast<std::size_t>(deal.rule)];
   deal_trace* const trace = trace_of(deal);
   if (trace != nullptr) {
      trace->fees.clear();
      trace->clawbacks.clear();
   }
   for (std::size_t i = 0; i < deal.shares.size(); ++i) {
      auto& share = deal.shares[i];
      if (share.rate < 0) continue;
      share_trace* const traced = trace != nullptr ? &trace->shares[i] : nullptr;
      const auto exact = commission(deal, share, traced);
      const auto total = exact.round_to(m_plan.commission_rounding.increment, m_plan.commission_rounding.mode);
      if (traced != nullptr) {
         traced->paid = true;
         traced->commission = exact;
         traced->rounded = total;
      }
      pay_schedule(deal, m_plan.rate_schedule[static_cast<std::size_t>(share.rate)], total, share.person, share.role,
                   rule.name.text, ledger, traced != nullptr ? &traced->schedule : nullptr);
   }
   auto scope = deal_scope(deal);
   for (const int f : deal.fees) {
      const auto& fee = m_syntax.fees[static_cast<std::size_t>(f)];
      const auto amount = m_eval.evaluate(*fee.pays, scope);
      if (is_blank(amount)) continue;
      const auto total = std::get<decimal>(amount).round_to(m_plan.fee_rounding.increment, m_plan.fee_rounding.mode);
      const int role = m_plan.fee_role[static_cast<std::size_t>(f)];
      const auto field = m_plan.role_person_field[static_cast<std::size_t>(role)];
      const auto& person = std::get<std::string>(deal.row->values[static_cast<std::size_t>(field)]);
      fee_trace* traced = nullptr;
      if (trace != nullptr) {
         traced = &trace->fees.emplace_back(
            fee_trace{{fee.name.text, fee.span}, role, person, std::get<decimal>(amount), total, {}});
      }
      pay_schedule(deal, m_plan.fee_schedule[static_cast<std::size_t>(f)], total, person, role, fee.name.text, ledger,
                   traced != nullptr ? &traced->schedule : nullptr);
   }
   claw_back(deal, first_line, ledger);
   deal.definitions = {};
}

// Classifies and credits the deals of rows [begin, end), in file order.
run_engine::classified_slice run_engine::classify_rows(std::size_t begin, std::size_t end) const
{
   classified_slice slice;
   slice.outcomes.reserve(end - begin);
   for (std::size_t r = begin; r < end; ++r) {
      const auto& row = m_deals.rows[r];
      deal_state deal;
      deal.row = &row;
      deal.id = std::get<std::string>(row.values[static_cast<std::size_t>(m_plan.deal_key)]);
      deal.definitions.assign(m_syntax.definitions.size(), std::nullopt);
      deal_outcome outcome{std::string(deal.id), row.line, deal_status::credited, {}, {}};
      try {
         if (const auto status = classify(deal, outcome, slice.diagnostics)) {
            outcome.status = *status;
         }
         else {
            prepare_shares(deal);
            split_credit(deal);
         }
      }
      catch (const deal_problem& problem) {
         report_problem(deal, outcome, deal_status::input_error, "R011", problem.message, slice.diagnostics);
      }
      catch (const std::exception& error) {  // arithmetic limits, bad function arguments
         report_problem(deal, outcome, deal_status::input_error, "R014", error.what(), slice.diagnostics);
      }
      if (outcome.status == deal_status::credited) {
         deal.definitions = {};
         slice.credited.push_back(std::move(deal));
      }
      slice.outcomes.push_back(std::move(outcome));
   }
   return slice;
}

// Every input row gets an outcome, in file order: the rejected rows merged in among the others.
void run_engine::classify_all()
{
   auto slices = in_slices<classified_slice>(m_deals.rows.size(), m_inputs.jobs,
                                             [this](std::size_t begin, std::size_t end) { return classify_rows(begin, end); });
   std::size_t credited = 0;
   for (const auto& slice : slices) credited += slice.credited.size();
   m_credited.reserve(credited);
   m_result.deals.reserve(m_deals.rows.size() + m_deals.rejected.size());
   std::vector<deal_outcome> rejected;
   for (const auto& row : m_deals.rejected) {
      rejected.push_back({row.id, row.line, deal_status::malformed, {}, row.problem.message});
   }
   auto next_rejected = rejected.begin();
   for (auto& slice : slices) {
      m_result.diagnostics.append(slice.diagnostics);
      for (auto& outcome : slice.outcomes) {
         while (next_rejected != rejected.end() && next_rejected->line < outcome.line) {
            m_result.deals.push_back(std::move(*next_rejected++));
         }
         m_result.deals.push_back(std::move(outcome));
      }
      for (auto& deal : slice.credited) {
         m_credited.push_back(std::move(deal));
      }
   }
   std::move(next_rejected, rejected.end(), std::back_inserter(m_result.deals));
   // Credited outcomes come in the order of m_credited: both follow the file.
   auto next_credited = m_credited.begin();
   for (std::size_t position = 0; position < m_result.deals.size(); ++position) {
      if (m_result.deals[position].status == deal_status::credited) {
         (next_credited++)->outcome = position;
      }
   }
}

// Pays the credited deals order[begin, end) into a ledger of their own; a deal with a problem
// leaves no lines and its problem is kept, in order, for pay_all to report.
run_engine::paid_slice run_engine::pay_deals(const std::vector<std::size_t>& order, std::size_t begin, std::size_t end)
{
   // After a sample of deals, room is reserved for the rest at the sample's lines per deal and a
   // tenth more: a ledger left to double as it grows holds up to twice the room it needs.
   constexpr std::size_t sample = 1024;
   paid_slice slice;
   for (std::size_t k = begin; k < end; ++k) {
      if (k == begin + sample) {
         const auto estimate = slice.ledger.size() * (end - begin) / sample;
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
   return slice;
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
      const auto first_order = cumulative ? cumulative_order(0) : std::vector<std::size_t>{};
      compute_cumulatives(first_order);
      const auto order = id_order();
      auto slices = in_slices<paid_slice>(order.size(), m_inputs.jobs, [&](std::size_t begin, std::size_t end) {
         return pay_deals(order, begin, end);
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
         std::vector<std::size_t> rank(m_credited.size());
         for (std::size_t k = 0; k < first_order.size(); ++k) rank[first_order[k]] = k;
         const auto first = std::min_element(failures.begin(), failures.end(), [&](const auto& a, const auto& b) {
            return rank[a.deal] < rank[b.deal];
         });
         failures = {*first};
      }
      for (const auto& failure : failures) {
         auto& deal = m_credited[failure.deal];
         report_problem(deal, m_result.deals[deal.outcome], deal_status::input_error, failure.code, failure.message,
                        m_result.diagnostics);
      }
      std::sort(failures.begin(), failures.end(), [](const auto& a, const auto& b) { return a.deal > b.deal; });
      for (const auto& failure : failures) {
         m_credited.erase(m_credited.begin() + static_cast<std::ptrdiff_t>(failure.deal));
      }
      if (!again) {
         std::size_t lines = 0;
         for (const auto& slice : slices) lines += slice.ledger.size();
         m_result.ledger = std::move(slices.front().ledger);
         m_result.ledger.reserve(lines);  // the later slices' lines are moved once, not regrown
         for (std::size_t s = 1; s < slices.size(); ++s) {
            std::move(slices[s].ledger.begin(), slices[s].ledger.end(), std::back_inserter(m_result.ledger));
            slices[s].ledger = {};
         }
      }
   }
}

// With one cumulative quantity, deals paid one by one in its order can keep its running totals
// as they go: a deal that fails adds nothing, and the deals after it see totals without it. That
// is what paying everything again without each failed deal gives, in one pass instead of one
// pass per failure.
void run_engine::pay_in_cumulative_order(const std::vector<std::size_t>& order)
{
   const int role = m_plan.cumulative_role[0];
   std::unordered_map<std::string_view, decimal> running;
   std::vector<ledger_line> ledger;
   std::vector<bool> failed(m_credited.size(), false);
   for (const auto index : order) {
      auto& deal = m_credited[index];
      const auto first_line = ledger.size();
      std::optional<std::pair<std::string, std::string>> problem;  // code, message
      try {
         std::vector<std::pair<decimal*, decimal>> after;  // the totals once this deal has paid
         deal.cumulative_overflow.reset();
         for (auto& share : deal.shares) {
            share.before.assign(1, decimal{});
            if (share.role != role || share.rate < 0) continue;
            auto& total = running[share.person];
            share.before[0] = total;
            after.emplace_back(&total, total + share.credit);
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
      if (!failed[i]) m_credited[kept++] = std::move(m_credited[i]);
   }
   m_credited.resize(kept);
   m_result.ledger = std::move(ledger);
}

void run_engine::run()
{
   read_inputs();
   if (m_result.stopped) {
      return;
   }
   classify_all();
   pay_all();
   sort_ledger(m_result.ledger);
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

// The run: every deal classified and its credit split; the paying half is in pay.cpp.
#include "interpreter/run.hpp"

#include "interpreter/order.hpp"
#include "interpreter/parallel.hpp"
#include "interpreter/run_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
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

namespace run_detail {


void run_engine::read_inputs()
{
   m_deals = std::make_shared<const record_file>(
      read_deals(m_plan, m_inputs.deals_text, m_inputs.deals_file, m_result.diagnostics, m_inputs.jobs));
   m_result.records = m_deals;
   if (m_inputs.deals_read) m_inputs.deals_read();
   if (m_plan.people_person >= 0) {
      m_people = read_people(m_plan, m_inputs.people_text, m_inputs.people_file, m_result.diagnostics);
      m_people_entries.reserve(m_people.rows.size());
      for (const auto& row : m_people.rows) {
         const auto person = row.text(static_cast<std::size_t>(m_plan.people_person));
         const auto role = std::get<enum_value>(row.get(static_cast<std::size_t>(m_plan.people_role))).index;
         auto& entry = m_people_entries.emplace_back(person_entry{row.decode(), std::nullopt, {}});
         if (const int quota = m_plan.role_quota[role]; quota >= 0) {
            evaluation_scope person_scope;
            person_scope.person = entry.values;
            try {
               const auto value = m_eval.evaluate(*m_syntax.quotas[static_cast<std::size_t>(quota)].value, person_scope);
               if (!is_blank(value)) entry.quota = std::get<decimal>(value);
            }
            catch (const std::exception& error) {  // arithmetic limits, bad function arguments
               entry.quota_error = error.what();
            }
         }
         auto& indexed = m_people_index[{person, static_cast<int>(role)}];
         if (indexed == nullptr) indexed = &entry;  // the first row of a person and role, as before
      }
   }
   m_result.stopped = m_deals->stopped || m_people.stopped;
}

void run_engine::report_problem(const deal_state& deal, deal_outcome& outcome, deal_status status,
                                const std::string& code, const std::string& message,
                                diagnostic_list& diagnostics) const
{
   outcome.status = status;
   outcome.message = message;
   diagnostics.error(code, source_span::point(m_inputs.deals_file, deal.row->line(), 1),
                              fmt::format("deal '{}': {}", id_of(deal), message));
}

std::optional<deal_status> run_engine::classify(deal_state& deal, deal_outcome& outcome,
                                                diagnostic_list& diagnostics) const
{
   auto scope = deal_scope(deal);
   const auto& booked = std::get<date>(field_of(deal, m_plan.period_field));
   if (booked < m_plan.period_start || m_plan.period_end < booked) {
      outcome.message = fmt::format("booked {} outside the plan period {} through {}", booked.to_string(),
                                    m_plan.period_start.to_string(), m_plan.period_end.to_string());
      return deal_status::out_of_period;
   }
   for (const auto& exclusion : m_syntax.exclusions) {
      if (m_eval.holds(*exclusion.when, scope)) {
         outcome.rules.push_back(exclusion.name.text);
         outcome.message.view(exclusion.reason);
         return deal_status::excluded;
      }
   }
   // The rules that match, in an array each thread keeps from deal to deal.
   thread_local std::vector<int> matched;
   matched.clear();
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
      static const std::string no_rule = "no crediting rule matches the deal";
      outcome.message.view(no_rule);
      return deal_status::uncredited;
   }
   if (matched.size() > 1) {
      std::string names;
      for (const auto& name : outcome.rules) names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
      report_problem(deal, outcome, deal_status::ambiguous, "R010",
                     fmt::format("crediting rules {} all match; exactly one may, so the deal earns nothing", names),
                     diagnostics);
      return deal_status::ambiguous;
   }
   deal.rule = static_cast<std::int16_t>(matched.front());
   return std::nullopt;
}

// People, quotas and rates for each share above 0%, or a deal_problem naming what is missing.
void run_engine::prepare_shares(deal_state& deal, share_pool& pool) const
{
   const auto& rule = m_syntax.crediting_rules[static_cast<std::size_t>(deal.rule)];
   const auto& roles = m_plan.share_roles[static_cast<std::size_t>(deal.rule)];
   auto scope = deal_scope(deal);
   // Made in an array each thread keeps, and moved to the pool once every share is ready.
   thread_local std::vector<credit_share> shares;
   shares.clear();
   for (std::size_t i = 0; i < rule.shares.size(); ++i) {
      credit_share share;
      share.role = static_cast<std::int16_t>(roles[i]);
      if (rule.shares[i].percent.is_zero()) {
         shares.push_back(share);  // keeps positions aligned with the rule's shares
         continue;
      }
      const auto role_name = m_plan.role_name(share.role);
      const auto field = m_plan.role_person_field[static_cast<std::size_t>(share.role)];
      if (deal.row->at(static_cast<std::size_t>(field)).is_blank()) {
         throw deal_problem{fmt::format("the rule '{}' gives the {} {}% of the credit, but the deal's '{}' is empty",
                                        rule.name.text, role_name,
                                        (rule.shares[i].percent * decimal::from_int(100)).to_string(),
                                        m_plan.deals.fields[static_cast<std::size_t>(field)].decl->name.text)};
      }
      const auto person = deal.row->text(static_cast<std::size_t>(field));
      const person_entry* entry = nullptr;
      if (const auto* found = m_people_index.find({person, share.role})) {
         entry = *found;
         share.person_id = static_cast<std::uint32_t>(entry - m_people_entries.data());
      }
      if (m_plan.role_quota[static_cast<std::size_t>(share.role)] >= 0) {
         if (entry == nullptr) {
            throw deal_problem{fmt::format("{} '{}' has no row of role {} in the people file, so has no quota",
                                           role_name, person, role_name)};
         }
         if (!entry->quota_error.empty()) throw evaluation_error(entry->quota_error);
         if (!entry->quota) {
            throw deal_problem{fmt::format("{} '{}' has no quota in the people file", role_name, person)};
         }
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
      share.rate = static_cast<std::int16_t>(rates[0]);
      shares.push_back(share);
   }
   for (std::size_t f = 0; f < m_syntax.fees.size(); ++f) {
      if (!m_eval.holds(*m_syntax.fees[f].when, scope)) continue;
      const auto field = m_plan.role_person_field[static_cast<std::size_t>(m_plan.fee_role[f])];
      if (deal.row->at(static_cast<std::size_t>(field)).is_blank()) {
         throw deal_problem{fmt::format("the fee '{}' applies, but the deal's '{}' is empty", m_syntax.fees[f].name.text,
                                        m_plan.deals.fields[static_cast<std::size_t>(field)].decl->name.text)};
      }
      if (f < deal_state::noted_fees) deal.fees |= std::uint64_t{1} << f;
   }
   deal.set_shares(pool.take(shares));
}

// The split below, in whole increments: when the increment is 1/m and the amount a whole number
// A of increments, a share of n/d is A*n/d increments exactly, cut into its floor and remainder
// in 128-bit integers, and remainders n1/d1 and n2/d2 are ordered by n1*d2 against n2*d1. The
// integers are those the decimal steps reach (round_quotient is their rounding), so the credits
// are the same; an amount or share too large for them takes the decimal steps. Explaining
// takes them too, to record each step.
bool run_engine::split_in_increments(deal_state& deal, const decimal& amount, share_pool& pool) const
{
   using int_type = decimal::int_type;
   const auto& policy = m_plan.credit_rounding;
   const auto& rule = m_syntax.crediting_rules[static_cast<std::size_t>(deal.rule)];
   const auto& total = m_percent_totals[static_cast<std::size_t>(deal.rule)];
   if (!has_small_parts(total) || trace_of(deal) != nullptr) return false;
   const auto counted = whole_increments(amount, policy.increment);
   if (!counted) return false;
   const int_type whole = *counted;
   const int_type m = policy.increment.denominator();
   struct part {
      int_type floor;
      int_type remainder;  // of the division by the share's denominator
      int_type denominator;
   };
   thread_local std::vector<part> parts;
   parts.clear();
   for (const auto& share : rule.shares) {
      if (!has_small_parts(share.percent)) return false;
      const int_type exact = whole * share.percent.numerator();
      const int_type denominator = share.percent.denominator();
      if (!policy.largest_remainder) {
         parts.push_back({round_quotient(exact, denominator, policy.mode), 0, denominator});
         continue;
      }
      const int_type floor = round_quotient(exact, denominator, rounding_mode::floor);
      parts.push_back({floor, exact - floor * denominator, denominator});
   }
   if (policy.largest_remainder) {
      int_type floored = 0;
      for (const auto& p : parts) {
         if (__builtin_add_overflow(floored, p.floor, &floored)) return false;
      }
      // The exact shares sum to the amount times the rule's shares' total.
      int_type leftover = 0;
      if (__builtin_sub_overflow(round_quotient(whole * total.numerator(), total.denominator(), policy.mode), floored,
                                 &leftover)) {
         return false;
      }
      thread_local std::vector<std::size_t> order;
      order.resize(parts.size());
      std::iota(order.begin(), order.end(), 0);
      const auto larger = [&](std::size_t a, std::size_t b) {
         return parts[a].remainder * parts[b].denominator > parts[b].remainder * parts[a].denominator;
      };
      for (std::size_t i = 1; i < order.size(); ++i) {
         for (std::size_t j = i; j > 0 && larger(order[j], order[j - 1]); --j) std::swap(order[j], order[j - 1]);
      }
      for (std::size_t k = 0; leftover > 0 && k < order.size(); ++k) {
         if (rule.shares[order[k]].percent.is_zero()) continue;
         ++parts[order[k]].floor;
         --leftover;
      }
   }
   for (std::size_t i = 0; i < parts.size(); ++i) {
      deal.shares()[i].set_credit(decimal::from_fraction(parts[i].floor, m), pool.large());
   }
   return true;
}

// Each share exactly, then cut to the increment as the plan's credit rounding says.
void run_engine::split_credit(deal_state& deal, share_pool& pool) const
{
   const auto& rule = m_syntax.crediting_rules[static_cast<std::size_t>(deal.rule)];
   const auto& amount = std::get<decimal>(field_of(deal, m_plan.credited_field));
   const auto& policy = m_plan.credit_rounding;
   if (split_in_increments(deal, amount, pool)) return;
   // The rule's few shares, in arrays each thread keeps from deal to deal.
   thread_local std::vector<decimal> exact;
   exact.clear();
   for (const auto& share : rule.shares) {
      exact.push_back(amount * share.percent);
   }
   if (!policy.largest_remainder) {
      for (std::size_t i = 0; i < exact.size(); ++i) {
         deal.shares()[i].set_credit(exact[i].round_to(policy.increment, policy.mode), pool.large());
      }
      if (trace_of(deal) != nullptr) {
         std::vector<decimal> rounded;
         for (const auto& share : deal.shares()) rounded.push_back(share.credit());
         trace_split(deal, exact, rounded);
      }
      return;
   }
   decimal floored_total;
   decimal exact_total;
   for (std::size_t i = 0; i < exact.size(); ++i) {
      deal.shares()[i].set_credit(exact[i].round_to(policy.increment, rounding_mode::floor), pool.large());
      floored_total += deal.shares()[i].credit();
      exact_total += exact[i];
   }
   std::vector<decimal> traced_exact;  // kept only when explaining: `exact` becomes the remainders
   std::vector<decimal> traced_floored;
   if (trace_of(deal) != nullptr) {
      traced_exact = exact;
      for (const auto& share : deal.shares()) traced_floored.push_back(share.credit());
   }
   // Leftover increments go one at a time to the largest remainders; ties in the rule's order.
   const auto target = exact_total.round_to(policy.increment, policy.mode);
   auto leftover = (target - floored_total).floor_div(policy.increment);
   // Remainders largest first, ties in the rule's order: a stable insertion sort, as a rule has
   // only a few shares (std::stable_sort would take a buffer from the heap for each deal).
   std::vector<decimal>& remainders = exact;
   for (std::size_t i = 0; i < exact.size(); ++i) {
      remainders[i] = exact[i] - deal.shares()[i].credit();
   }
   thread_local std::vector<std::size_t> order;
   order.resize(exact.size());
   std::iota(order.begin(), order.end(), 0);
   for (std::size_t i = 1; i < order.size(); ++i) {
      for (std::size_t j = i; j > 0 && remainders[order[j]] > remainders[order[j - 1]]; --j) {
         std::swap(order[j], order[j - 1]);
      }
   }
   for (std::size_t k = 0; leftover > 0 && k < order.size(); ++k) {
      if (rule.shares[order[k]].percent.is_zero()) continue;
      auto& share = deal.shares()[order[k]];
      share.set_credit(share.credit() + policy.increment, pool.large());
      --leftover;
   }
   if (trace_of(deal) != nullptr) trace_split(deal, traced_exact, traced_floored);
}

deal_trace* run_engine::trace_of(const deal_state& deal) const
{
   if (m_trace == nullptr) return nullptr;
   const auto id = id_of(deal);
   if (!m_trace->only.empty() && !m_trace->only.contains(id)) return nullptr;
   auto& trace = m_trace->deals[std::string(id)];
   trace.id = id;
   trace.line = deal.row->line();
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
   trace.credited = std::get<decimal>(field_of(deal, m_plan.credited_field));
   auto& shares = trace.shares;
   shares.clear();
   for (std::size_t i = 0; i < deal.shares().size(); ++i) {
      share_trace share;
      share.role = deal.shares()[i].role;
      share.person = person_of(deal, deal.shares()[i]);
      share.percent = rule.shares[i].percent;
      share.exact = exact[i];
      share.floored = floored[i];
      share.credit = deal.shares()[i].credit();
      shares.push_back(std::move(share));
   }
}
// Classifies and credits the deals of rows [begin, end), in file order. Each row's outcome goes
// straight to its place among the run's outcomes, which classify_all has made room for.
run_engine::classified_slice run_engine::classify_rows(std::size_t begin, std::size_t end) const
{
   const auto& rows = m_deals->rows;
   const auto& rejected = m_deals->rejected;
   // A row's place: after every row before it, typed or rejected (both are in line order).
   auto next_rejected = std::lower_bound(rejected.begin(), rejected.end(), rows[begin].line(),
                                         [](const rejected_row& row, std::uint32_t line) { return row.line < line; });
   classified_slice slice;
   // Most deals are credited. The first slice's deals become the run's, so it takes room for all
   // of them, and the other slices' are appended without moving it.
   slice.credited.reserve(begin == 0 ? rows.size() : end - begin);
   for (std::size_t r = begin; r < end; ++r) {
      const auto& row = rows[r];
      while (next_rejected != rejected.end() && next_rejected->line < row.line()) ++next_rejected;
      const auto place = r + static_cast<std::size_t>(next_rejected - rejected.begin());
      deal_state deal;
      deal.row = &row;
      deal.outcome = static_cast<std::uint32_t>(place);
      deal.load_fields(m_syntax.definitions.size());
      auto& outcome = m_result.deals[place];
      outcome = deal_outcome{row.at(static_cast<std::size_t>(m_plan.deal_key)), row.line(), deal_status::credited, {}, {}};
      try {
         if (const auto status = classify(deal, outcome, slice.diagnostics)) {
            outcome.status = *status;
         }
         else {
            prepare_shares(deal, slice.shares);
            split_credit(deal, slice.shares);
         }
      }
      catch (const deal_problem& problem) {
         report_problem(deal, outcome, deal_status::input_error, "R011", problem.message, slice.diagnostics);
      }
      catch (const std::exception& error) {  // arithmetic limits, bad function arguments
         report_problem(deal, outcome, deal_status::input_error, "R014", error.what(), slice.diagnostics);
      }
      if (outcome.status == deal_status::credited) slice.credited.push_back(deal);
   }
   return slice;
}

// Every input row gets an outcome, in file order: the rejected rows among the others.
void run_engine::classify_all()
{
   const auto& rows = m_deals->rows;
   const auto& rejected = m_deals->rejected;
   m_result.deals.resize(rows.size() + rejected.size());
   // A rejected row's place: after every row before it, typed or rejected.
   auto next_row = rows.begin();
   for (std::size_t i = 0; i < rejected.size(); ++i) {
      while (next_row != rows.end() && next_row->line() < rejected[i].line) ++next_row;
      const auto place = i + static_cast<std::size_t>(next_row - rows.begin());
      auto& outcome = m_result.deals[place];
      outcome.key = cell::of_text(rejected[i].id, m_result.long_ids);
      outcome.line = rejected[i].line;
      outcome.status = deal_status::malformed;
      outcome.message = rejected[i].problem.message;
   }
   if (rows.empty()) return;
   for (const auto& rule : m_syntax.crediting_rules) {
      decimal total;
      for (const auto& share : rule.shares) total += share.percent;
      m_percent_totals.push_back(total);
   }
   auto slices = in_slices<classified_slice>(rows.size(), m_inputs.jobs,
                                             [this](std::size_t begin, std::size_t end) { return classify_rows(begin, end); });
   m_credited = std::move(slices.front().credited);
   for (std::size_t s = 0; s < slices.size(); ++s) {
      m_result.diagnostics.append(slices[s].diagnostics);
      m_share_pools.push_back(std::move(slices[s].shares));
      if (s > 0) std::move(slices[s].credited.begin(), slices[s].credited.end(), std::back_inserter(m_credited));
   }
}


void run_engine::run()
{
   const auto lap = [this](const char* step) {
      if (m_inputs.timings != nullptr) m_inputs.timings->lap(step);
   };
   if (m_syntax.crediting_rules.size() > deal_state::most_rules) {
      throw std::length_error(fmt::format("the plan has {} crediting rules; a run numbers at most {}",
                                          m_syntax.crediting_rules.size(), deal_state::most_rules));
   }
   read_inputs();
   lap("read the deals and people");
   if (m_result.stopped) {
      return;
   }
   // Deals are numbered in 32 bits: an outcome's place, and positions in the orders of deal_order.
   if (const auto rows = m_deals->rows.size() + m_deals->rejected.size(); rows > std::numeric_limits<std::uint32_t>::max()) {
      throw std::length_error(fmt::format("the deals file has {} rows; a run numbers at most {}", rows,
                                          std::numeric_limits<std::uint32_t>::max()));
   }
   classify_all();
   lap("classify and credit");
   name_ledger();
   if (pay_streamed()) {
      lap("cumulatives, pay and write the ledger");
      return;
   }
   pay_all();
   lap("cumulatives and pay");
   true_up();
   lap("true-ups");
   sort_ledger(m_result.ledger, m_inputs.jobs);
   lap("order the ledger");
   if (m_inputs.ledger != nullptr) {
      m_inputs.ledger->write(m_result.ledger);
      m_result.ledger.clear_lines();
      lap("write the ledger");
   }
}

}  // namespace run_detail

run_result run_plan(const checked_plan& plan, const run_inputs& inputs)
{
   run_result result;
   {
      run_detail::run_engine engine(plan, inputs, result);
      engine.run();
   }
   if (inputs.timings != nullptr) inputs.timings->lap("free the deals' working state");
   result.diagnostics.sort_by_place();
   if (result.stopped) {
      result.ledger.clear_lines();
   }
   return result;
}

}  // namespace compplan
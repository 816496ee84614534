// Builds the explanation of ledger lines from a run's trace: each step in words and exact numbers.
#include "interpreter/explain.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <stdexcept>

namespace compplan {

std::string format_money(const decimal& amount)
{
   const auto cent = decimal::from_fraction(1, 100);
   if (amount.round_to(cent, rounding_mode::half_up) != amount) return amount.to_string();
   auto text = amount.abs().to_fixed(2);
   for (auto at = static_cast<std::ptrdiff_t>(text.size()) - 6; at > 0; at -= 3) {
      text.insert(static_cast<std::size_t>(at), ",");
   }
   return amount.is_negative() ? "-" + text : text;
}

namespace {

// 0.6 as "60%"; a ratio with no finite percentage, such as 1/3, as the ratio.
std::string format_percent(const decimal& ratio)
{
   const auto percent = (ratio * decimal::from_int(100)).to_string();
   return percent.find('/') == std::string::npos ? percent + "%" : ratio.to_string();
}

std::string place_of(const clause_place& clause)
{
   return fmt::format("{}:{}", clause.span.file, clause.span.line);
}

std::string named(const clause_place& clause)
{
   return fmt::format("{} ({})", clause.name, place_of(clause));
}

std::string rounding_text(std::string_view stage, const rounding_policy& policy, const decimal& rounded)
{
   return fmt::format("{} {} to {}: {}", stage, to_string(policy.mode), policy.increment.to_string(),
                      format_money(rounded));
}

// The text a span covers, its runs of white space made one space.
std::string source_text(const source_lookup& source, const source_span& span)
{
   const std::string* text = source && span.known() ? source(span.file) : nullptr;
   if (text == nullptr) return fmt::format("the condition at line {}", span.line);
   std::size_t begin = 0;
   for (std::uint32_t line = 1; line < span.line && begin != std::string::npos; ++line) {
      begin = text->find('\n', begin);
      if (begin != std::string::npos) ++begin;
   }
   std::size_t end = begin;
   for (std::uint32_t line = span.line; line < span.end_line && end != std::string::npos; ++line) {
      end = text->find('\n', end);
      if (end != std::string::npos) ++end;
   }
   if (begin == std::string::npos || end == std::string::npos) return fmt::format("the condition at line {}", span.line);
   begin += span.column - 1;
   end = std::min(text->size(), end + span.end_column - 1);
   std::string quoted;
   for (std::size_t i = begin; i < end; ++i) {
      const char c = (*text)[i];
      const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
      if (!space) quoted += c;
      else if (!quoted.empty() && quoted.back() != ' ') quoted += ' ';
   }
   while (!quoted.empty() && quoted.back() == ' ') quoted.pop_back();
   return quoted;
}

std::string date_text(const std::optional<date>& day)
{
   return day ? day->to_string() : "blank";
}

// The crediting rule that matched: a deal with ledger lines has exactly one.
const clause_place& matched_rule(const deal_trace& deal)
{
   for (const auto& trial : deal.rules) {
      if (trial.matched) return trial.rule;
   }
   throw std::logic_error("the trace of deal " + deal.id + " has no matching crediting rule");
}

class explainer {
public:
   explainer(const checked_plan& plan, const run_trace& trace, const source_lookup& source)
      : m_plan(plan), m_trace(trace), m_source(source)
   {}

   line_explanation explain(const ledger_line& line) const;

private:
   explain_step credit_step(const deal_trace& deal) const;
   explain_step split_step(const deal_trace& deal, const share_trace& share) const;
   void add_rate_steps(const share_trace& share, std::vector<explain_step>& steps) const;
   explain_step band_step(const share_trace& share, const band_use& band) const;
   explain_step commission_step(const share_trace& share) const;
   explain_step fee_step(const fee_trace& fee) const;
   explain_step tranche_step_of(const schedule_trace& schedule, const tranche_step& tranche, const decimal& total) const;
   explain_step window_step(const clawback_trace& clawback) const;
   explain_step true_up_step(const true_up_trace& true_up) const;
   decimal add_true_up_steps(const deal_trace& deal, const ledger_line& line, std::vector<explain_step>& steps) const;
   decimal add_recovery_steps(const deal_trace& deal, const ledger_line& line, std::vector<explain_step>& steps) const;
   const share_trace* share_of(const deal_trace& deal, const ledger_line& line) const;
   const fee_trace* fee_of(const deal_trace& deal, const ledger_line& line) const;

   const checked_plan& m_plan;
   const run_trace& m_trace;
   const source_lookup& m_source;
};

explain_step explainer::credit_step(const deal_trace& deal) const
{
   explain_step step{"credit", matched_rule(deal), {}, {}, {}};
   std::string others;
   for (const auto& trial : deal.rules) {
      if (trial.matched) {
         step.facts.emplace_back(trial.rule.name, "matched");
         continue;
      }
      const auto failed = source_text(m_source, trial.failed);
      step.facts.emplace_back(trial.rule.name, failed + " is false");
      others += fmt::format("; {}: {} is false", trial.rule.name, failed);
   }
   step.text = fmt::format("rule {} matched{}", named(step.clause), others);
   return step;
}

explain_step explainer::split_step(const deal_trace& deal, const share_trace& share) const
{
   explain_step step{"split", matched_rule(deal), {}, {}, {}};
   const auto& policy = m_plan.credit_rounding;
   const auto leftover = share.credit - share.floored;
   step.numbers = {{"amount", deal.credited},  {"share", share.percent},   {"exact", share.exact},
                   {"rounded", share.floored}, {"leftover", leftover},     {"credit", share.credit}};
   step.text = fmt::format("{} x {} = {} ({}", format_money(deal.credited), format_percent(share.percent),
                           format_money(share.exact), rounding_text("credit", policy, share.floored));
   if (!leftover.is_zero()) {
      step.text += fmt::format("; plus {} of leftover cents by largest remainder: {}", format_money(leftover),
                               format_money(share.credit));
   }
   step.text += ")";
   return step;
}

explain_step explainer::band_step(const share_trace& share, const band_use& band) const
{
   explain_step step{"band", band.band, {}, {}, {}};
   std::string bounds = "unbounded";
   if (band.low && band.high) bounds = fmt::format("from {} to {}", format_money(*band.low), format_money(*band.high));
   else if (band.low) bounds = fmt::format("above {}", format_money(*band.low));
   else if (band.high) bounds = fmt::format("up to {}", format_money(*band.high));
   step.numbers = {{"part", band.part}, {"factor", band.factor}};
   if (band.low) step.numbers.emplace_back("low", *band.low);
   if (band.high) step.numbers.emplace_back("high", *band.high);
   step.text = share.graduated
                  ? fmt::format("{} ({} {}) pays {} on {} of the credit", named(band.band), share.quantity, bounds,
                                format_percent(band.factor), format_money(band.part))
                  : fmt::format("{} reaches band {} ({} {}): {} on the whole credit of {}", share.quantity,
                                named(band.band), share.quantity, bounds, format_percent(band.factor),
                                format_money(band.part));
   return step;
}

void explainer::add_rate_steps(const share_trace& share, std::vector<explain_step>& steps) const
{
   explain_step rate{"rate", share.rate, {}, {{"rate", share.base_rate}}, {}};
   rate.text = fmt::format("{} pays {}", named(share.rate), format_percent(share.base_rate));
   if (share.tiers) {
      rate.numbers.emplace_back("before", share.before);
      rate.numbers.emplace_back("after", share.after);
      rate.facts.emplace_back("tiers", share.tiers->name);
      rate.text += fmt::format(", tiered by {}, {} over {}: {} -> {}", named(*share.tiers),
                               share.graduated ? "graduated" : "retroactive", share.quantity,
                               format_money(share.before), format_money(share.after));
   }
   steps.push_back(std::move(rate));
   for (const auto& band : share.bands) {
      steps.push_back(band_step(share, band));
   }
   steps.push_back(commission_step(share));
}

explain_step explainer::commission_step(const share_trace& share) const
{
   explain_step step{"commission", share.rate, {}, {{"exact", share.commission}, {"rounded", share.rounded}}, {}};
   std::string terms;
   if (!share.tiers) terms = fmt::format("{} x {}", format_money(share.credit), format_percent(share.base_rate));
   for (const auto& band : share.bands) {
      terms += fmt::format("{}{} x {} x {}", terms.empty() ? "" : " + ", format_money(band.part),
                           format_percent(share.base_rate), format_percent(band.factor));
   }
   step.text = fmt::format("{} = {} ({})", terms, format_money(share.commission),
                           rounding_text("commission", m_plan.commission_rounding, share.rounded));
   return step;
}

explain_step explainer::fee_step(const fee_trace& fee) const
{
   explain_step step{"fee", fee.fee, {}, {{"exact", fee.amount}, {"rounded", fee.rounded}}, {}};
   step.text = fmt::format("{} for {} {} pays {} ({})", named(fee.fee), m_plan.role_name(fee.role), fee.person,
                           format_money(fee.amount), rounding_text("fee", m_plan.fee_rounding, fee.rounded));
   return step;
}

explain_step explainer::tranche_step_of(const schedule_trace& schedule, const tranche_step& tranche,
                                        const decimal& total) const
{
   explain_step step{"tranche", tranche.tranche, {}, {{"total", total}, {"amount", tranche.amount}}, {}};
   step.facts = {{"schedule", schedule.schedule.name}, {"on", date_text(tranche.on)}};
   step.text = fmt::format("{} of {} on {} = {}", named(tranche.tranche), schedule.schedule.name,
                           source_text(m_source, tranche.on_expression), date_text(tranche.on));
   if (tranche.share) {
      step.numbers.emplace_back("share", *tranche.share);
      step.numbers.emplace_back("exact", tranche.exact);
      step.text += fmt::format(" pays {}: {} x {} = {} ({})", format_percent(*tranche.share), format_money(total),
                               format_percent(*tranche.share), format_money(tranche.exact),
                               rounding_text("tranche", m_plan.tranche_rounding, tranche.amount));
   }
   else {
      std::string others;
      for (const auto& other : schedule.tranches) {
         if (&other != &tranche) others += " - " + format_money(other.amount);
      }
      step.text += fmt::format(" pays the remainder: {}{} = {}", format_money(total), others, format_money(tranche.amount));
   }
   if (schedule.until_expression.known()) {
      const auto until = source_text(m_source, schedule.until_expression);
      step.facts.emplace_back("until", date_text(schedule.until));
      step.text += schedule.until ? fmt::format("; before the stop date, until {} = {}", until, schedule.until->to_string())
                                  : fmt::format("; no stop date: until {} is blank", until);
   }
   return step;
}

// tranche booked; tranches booked and activated; tranches booked, activated and retained.
std::string tranche_list(const std::vector<std::string>& names)
{
   std::string text = names.size() == 1 ? "tranche " : "tranches ";
   for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
      text += names[i];
   }
   return text;
}

// What a clawback recovers, as its plan says it: "everything paid", "50% of tranches booked, activated".
std::string recovery_words(const source_lookup& source, const clawback_trace& clawback)
{
   auto part = clawback.tranches.empty() ? std::string("everything paid")
                                         : fmt::format("tranches {}", fmt::join(clawback.tranches, ", "));
   if (!clawback.share_expression.known()) return part;
   return fmt::format("{} of {}", source_text(source, clawback.share_expression), part);
}

// "what was paid", "50% of what tranches booked and activated paid": the part of the pay that a
// fired clawback takes back.
std::string recovered_part(const clawback_trace& clawback)
{
   const auto what = clawback.tranches.empty() ? std::string("what was paid")
                                               : fmt::format("what {} paid", tranche_list(clawback.tranches));
   return clawback.share ? fmt::format("{} of {}", format_percent(*clawback.share), what) : what;
}

explain_step explainer::window_step(const clawback_trace& clawback) const
{
   explain_step step{"clawback", clawback.clawback, {}, {}, {}};
   const auto window = source_text(m_source, clawback.condition);
   step.facts = {{"window", window},
                 {"on", date_text(clawback.on)},
                 {"fired", clawback.fired ? "true" : "false"},
                 {"recovers", recovery_words(m_source, clawback)}};
   if (clawback.fired) {
      step.text = fmt::format("{} fired on {} ({}): {} up to that date is recovered by a clawback line",
                              named(clawback.clawback), date_text(clawback.on), window, recovered_part(clawback));
   }
   else if (clawback.failed.known()) {
      step.text = fmt::format("{} did not fire: {} is false", named(clawback.clawback),
                              source_text(m_source, clawback.failed));
   }
   else {
      step.text = fmt::format("{} did not fire: {} ({})", named(clawback.clawback), clawback.not_fired_because, window);
   }
   return step;
}

explain_step explainer::true_up_step(const true_up_trace& true_up) const
{
   const auto& policy = m_plan.commission_rounding;
   const auto base = true_up.credit * true_up.base_rate;
   const auto was = (base * true_up.old_factor).round_to(policy.increment, policy.mode);
   const auto now = (base * true_up.new_factor).round_to(policy.increment, policy.mode);
   explain_step step{"true_up", true_up.tiers, {}, {}, {}};
   step.numbers = {{"reached", true_up.reached}, {"credit", true_up.credit},     {"rate", true_up.base_rate},
                   {"old_factor", true_up.old_factor}, {"new_factor", true_up.new_factor}, {"old", was},
                   {"new", now},                       {"amount", true_up.amount}};
   step.facts = {{"deal", true_up.crossing}, {"band", true_up.band.name}, {"on", true_up.on.to_string()},
                 {"paid", true_up.paid ? "true" : "false"}};
   step.text = fmt::format("deal {} on {} took {}'s {} to {}, into band {} of {}: this deal's credit is rated "
                           "again at {} instead of {}, {} x {} x {} - {} x {} x {} = {} - {} = {} ({} each)",
                           true_up.crossing, true_up.on.to_string(), true_up.person, true_up.quantity,
                           format_money(true_up.reached), named(true_up.band), named(true_up.tiers),
                           format_percent(true_up.new_factor), format_percent(true_up.old_factor),
                           format_money(true_up.credit), format_percent(true_up.base_rate),
                           format_percent(true_up.new_factor), format_money(true_up.credit),
                           format_percent(true_up.base_rate), format_percent(true_up.old_factor), format_money(now),
                           format_money(was), format_money(true_up.amount),
                           fmt::format("commission {} to {}", to_string(policy.mode), policy.increment.to_string()));
   if (!true_up.paid) step.text += fmt::format("; not paid: {}", true_up.unpaid_because);
   return step;
}

// Whether the line is a true-up: a tranche may be named true_up too, but its rule is then a
// crediting rule or a fee, never a tier table.
bool is_true_up_line(const deal_trace& deal, const ledger_line& line)
{
   return line.event == "true_up" && std::any_of(deal.true_ups.begin(), deal.true_ups.end(), [&](const auto& true_up) {
             return true_up.tiers.name == line.rule;
          });
}

// On a true-up line, the true-up it is; on a clawback line, the true-ups of its person (in its
// role) paid on or before it, one step each. Returns what they come to.
decimal explainer::add_true_up_steps(const deal_trace& deal, const ledger_line& line,
                                     std::vector<explain_step>& steps) const
{
   const bool true_up_line = is_true_up_line(deal, line);
   decimal paid;
   for (const auto& true_up : deal.true_ups) {
      if (!true_up.paid || true_up.person != line.person || true_up.role != line.role || line.on < true_up.on) continue;
      if (true_up_line) {
         if (true_up.tiers.name != line.rule || true_up.on != line.on || true_up.amount != line.amount) continue;
         steps.push_back(true_up_step(true_up));
         return true_up.amount;
      }
      steps.push_back(true_up_step(true_up));
      paid += true_up.amount;
   }
   if (true_up_line) throw std::logic_error("the trace of deal " + deal.id + " has no true-up for a true-up line");
   return paid;
}

const share_trace* explainer::share_of(const deal_trace& deal, const ledger_line& line) const
{
   if (matched_rule(deal).name != line.rule) return nullptr;
   for (const auto& share : deal.shares) {
      if (share.paid && share.person == line.person && share.role == line.role) return &share;
   }
   return nullptr;
}

const fee_trace* explainer::fee_of(const deal_trace& deal, const ledger_line& line) const
{
   for (const auto& fee : deal.fees) {
      if (fee.fee.name == line.rule && fee.person == line.person && fee.role == line.role) return &fee;
   }
   return nullptr;
}

const tranche_step* paid_tranche(const schedule_trace& schedule, const ledger_line& line)
{
   for (const auto& tranche : schedule.tranches) {
      if (tranche.paid && tranche.tranche.name == line.event && tranche.on == line.on) return &tranche;
   }
   return nullptr;
}

// The tranches the clawback recovers that were paid to the line's person (in its role) on or
// before the clawback, one step each, and the clawback; returns what the clawback recovers.
decimal explainer::add_recovery_steps(const deal_trace& deal, const ledger_line& line,
                                      std::vector<explain_step>& steps) const
{
   const clawback_trace* clawback = nullptr;
   const recovery* taken = nullptr;
   for (const auto& fired : deal.clawbacks) {
      if (fired.clawback.name != line.rule || !fired.fired || fired.on != line.on) continue;
      for (const auto& recovered : fired.recovered) {
         if (recovered.person == line.person && recovered.role == line.role) {
            clawback = &fired;
            taken = &recovered;
         }
      }
   }
   if (taken == nullptr) throw std::logic_error("the trace of deal " + deal.id + " has no clawback for a clawback line");
   const auto recovers = [&](const std::string& tranche) {
      return clawback->tranches.empty() ||
             std::find(clawback->tranches.begin(), clawback->tranches.end(), tranche) != clawback->tranches.end();
   };
   decimal paid;
   std::string terms;
   const auto recover = [&](const schedule_trace& schedule, const decimal& total) {
      for (const auto& tranche : schedule.tranches) {
         if (!tranche.paid || line.on < *tranche.on || !recovers(tranche.tranche.name)) continue;
         steps.push_back(tranche_step_of(schedule, tranche, total));
         paid += tranche.amount;
         terms += fmt::format("{}{}", terms.empty() ? "" : " + ", format_money(tranche.amount));
      }
   };
   for (const auto& share : deal.shares) {
      if (share.paid && share.person == line.person && share.role == line.role) {
         steps.push_back(split_step(deal, share));
         add_rate_steps(share, steps);
         recover(share.schedule, share.rounded);
      }
   }
   for (const auto& fee : deal.fees) {
      if (fee.person == line.person && fee.role == line.role) {
         steps.push_back(fee_step(fee));
         recover(fee.schedule, fee.rounded);
      }
   }
   // True-ups are pay on the deal too, which a clawback of everything paid takes back.
   if (clawback->tranches.empty()) {
      if (const auto trued_up = add_true_up_steps(deal, line, steps); !trued_up.is_zero()) {
         paid += trued_up;
         terms += fmt::format("{}{} of true-ups", terms.empty() ? "" : " + ", format_money(trued_up));
      }
   }
   auto step = window_step(*clawback);
   step.numbers = {{"paid", paid}};
   const auto in_tranches =
      clawback->tranches.empty() ? std::string() : fmt::format(" in {}", tranche_list(clawback->tranches));
   // What the run recovered from: less than the tranches listed when it counts the lines of
   // clawbacks before it (everything paid does).
   const auto& base = taken->paid;
   const auto earlier = base != paid ? fmt::format(", less {} that clawbacks before it took back", format_money(paid - base))
                                     : std::string();
   if (base != paid) step.numbers.emplace_back("base", base);
   std::string recovered = format_money(taken->rounded);
   if (clawback->share) {
      step.numbers.emplace_back("share", *clawback->share);
      step.numbers.emplace_back("exact", taken->exact);
      recovered = fmt::format("{} of {}, {} x {} = {} ({}),", format_percent(*clawback->share),
                              base != paid ? format_money(base) : std::string("it"), format_money(base),
                              format_percent(*clawback->share), format_money(taken->exact),
                              rounding_text("tranche", m_plan.tranche_rounding, taken->rounded));
   }
   step.numbers.emplace_back("recovered", taken->amount);
   step.numbers.emplace_back("amount", -taken->amount);
   // Clawbacks before this one may have taken back part of the pay: only what is still held is.
   const bool capped = taken->amount != taken->rounded;
   if (capped) step.numbers.emplace_back("held", taken->held);
   const auto outcome = capped ? fmt::format("would be recovered, but clawbacks before it took back part of the pay: "
                                             "only the {} still held is recovered",
                                             format_money(taken->amount))
                               : std::string("is recovered");
   step.text = fmt::format(
      "{} fired on {} ({}), on or before the as-of date: {} was paid to {}{} up to then ({}){}, so {} {}",
      named(clawback->clawback), date_text(clawback->on), source_text(m_source, clawback->condition),
      format_money(paid), line.person, in_tranches, terms, earlier, recovered, outcome);
   steps.push_back(std::move(step));
   return -taken->amount;
}

line_explanation explainer::explain(const ledger_line& line) const
{
   const auto found = m_trace.deals.find(line.deal);
   if (found == m_trace.deals.end()) throw std::logic_error(fmt::format("the run left no trace of deal {}", line.deal));
   const auto& deal = found->second;
   line_explanation result{line, std::string(m_plan.role_name(line.role)), {}, {}};
   auto& steps = result.steps;
   steps.push_back(credit_step(deal));
   if (line.event == "clawback") {
      result.amount = add_recovery_steps(deal, line, steps);
      return result;
   }
   if (is_true_up_line(deal, line)) {
      // The share the true-up rates again: its split and its own rating, then the true-up.
      for (const auto& share : deal.shares) {
         if (!share.paid || share.person != line.person || share.role != line.role) continue;
         steps.push_back(split_step(deal, share));
         add_rate_steps(share, steps);
      }
      result.amount = add_true_up_steps(deal, line, steps);
      return result;
   }
   const schedule_trace* schedule = nullptr;
   decimal total;
   if (const auto* share = share_of(deal, line)) {
      steps.push_back(split_step(deal, *share));
      add_rate_steps(*share, steps);
      schedule = &share->schedule;
      total = share->rounded;
   }
   else if (const auto* fee = fee_of(deal, line)) {
      steps.push_back(fee_step(*fee));
      schedule = &fee->schedule;
      total = fee->rounded;
   }
   const auto* tranche = schedule != nullptr ? paid_tranche(*schedule, line) : nullptr;
   if (tranche == nullptr) throw std::logic_error(fmt::format("the trace of deal {} has no step for a ledger line", line.deal));
   steps.push_back(tranche_step_of(*schedule, *tranche, total));
   for (const auto& clawback : deal.clawbacks) {
      steps.push_back(window_step(clawback));
   }
   result.amount = tranche->amount;
   return result;
}

}  // namespace

std::vector<line_explanation> explain_lines(const checked_plan& plan, const run_result& result, const run_trace& trace,
                                            const explain_filter& filter, const source_lookup& source)
{
   const explainer explaining(plan, trace, source);
   std::vector<line_explanation> lines;
   for (const auto& line : result.ledger) {
      if (filter.matches(line)) lines.push_back(explaining.explain(line));
   }
   return lines;
}

}  // namespace compplan

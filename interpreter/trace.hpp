// What a run did for each credited deal, step by step: filled only when run_inputs::trace is set.
#pragma once

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "core/diagnostic.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace compplan {

// A clause of the plan by name and place.
struct clause_place {
   std::string name;
   source_span span;
};

// A crediting rule tried on the deal; when it did not match, the first condition that failed.
struct rule_trial {
   clause_place rule;
   bool matched = false;
   source_span failed;  // unknown when the rule matched
};

// A tier band a share's credit used: graduated, the part of the credit inside the band; retroactive,
// the whole credit at the band the quantity reached.
struct band_use {
   clause_place band;
   std::optional<decimal> low;   // the band's ends as evaluated; none when open
   std::optional<decimal> high;
   decimal part;
   decimal factor;
};

struct tranche_step {
   clause_place tranche;
   std::optional<decimal> share;  // none: the remainder
   decimal exact;                 // the total times the share, before tranche rounding
   decimal amount;
   source_span on_expression;     // the tranche's date, as written
   std::optional<date> on;        // none: the milestone has not happened
   bool paid = false;
   std::string unpaid_because;    // when not paid
};

struct schedule_trace {
   clause_place schedule;
   source_span until_expression;  // unknown when the schedule has no until
   std::optional<date> until;
   std::vector<tranche_step> tranches;
};

// One person's share of a credited deal, from the split to the schedule.
struct share_trace {
   int role = -1;
   std::string person;
   decimal percent;
   decimal exact;   // the deal's amount times the percent
   decimal floored; // after the credit rounding alone
   decimal credit;  // with any leftover increment
   bool paid = false;  // false for a 0% share
   clause_place rate;
   decimal base_rate;
   std::optional<clause_place> tiers;
   bool graduated = false;
   std::string quantity;  // the tiers' quantity, e.g. attainment
   decimal before;
   decimal after;
   std::vector<band_use> bands;
   decimal commission;  // exact
   decimal rounded;
   schedule_trace schedule;
};

struct fee_trace {
   clause_place fee;
   int role = -1;
   std::string person;
   decimal amount;  // exact
   decimal rounded;
   schedule_trace schedule;
};

// What a clawback took back from one person in one role.
struct recovery {
   int role = -1;
   std::string person;
   decimal paid;     // what had been paid in the tranches the clawback recovers
   decimal exact;    // paid times the share, before tranche rounding
   decimal rounded;  // after tranche rounding
   decimal held;     // all that had been paid, less what earlier clawbacks took back
   decimal amount;   // what is recovered, a positive number: rounded, but no more than held
};

struct clawback_trace {
   clause_place clawback;
   std::optional<date> on;
   source_span condition;  // the clawback's window, as written
   source_span share_expression;       // the share as written; unknown when it recovers all
   std::optional<decimal> share;       // the share's value, when it fired with one
   std::vector<std::string> tranches;  // the tranches it recovers; empty for everything paid
   bool fired = false;
   std::string not_fired_because;
   source_span failed;  // the condition that failed, when that is why
   std::vector<recovery> recovered;  // when it fired
};

// A true-up of this deal's retroactive commission: a later deal of the same person took the
// cumulative quantity into a band with another factor, and this deal's credit is rated again at it.
struct true_up_trace {
   int role = -1;
   std::string person;
   clause_place tiers;
   std::string quantity;   // the tiers' cumulative quantity, e.g. attainment
   std::string crossing;   // the later deal's id
   clause_place band;      // the band the later deal reached
   decimal reached;        // the quantity after the later deal
   date on;                // the later deal's period field
   decimal credit;         // this deal's credit and base rate
   decimal base_rate;
   decimal old_factor;     // the factor this deal stood at
   decimal new_factor;
   decimal amount;         // the commission at the new factor less that at the old, each rounded
   bool paid = false;
   std::string unpaid_because;  // when not paid
};

struct deal_trace {
   std::string id;
   std::uint32_t line = 0;
   decimal credited;  // the deal's credited amount, which the shares split
   std::vector<rule_trial> rules;
   std::vector<share_trace> shares;  // aligned with the matched rule's shares
   std::vector<fee_trace> fees;
   std::vector<true_up_trace> true_ups;  // in the order of the crossings
   std::vector<clawback_trace> clawbacks;
};

// Filled by a run with one job; a deal paid again (when another deal fails) keeps its last pay.
struct run_trace {
   std::set<std::string, std::less<>> only;  // the deal ids to trace; empty: every deal
   std::map<std::string, deal_trace, std::less<>> deals;
};

}  // namespace compplan

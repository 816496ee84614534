// The run engine shared by the run's two halves: classifying and crediting deals (run.cpp), and
// rating, scheduling and clawing back the credited ones (pay.cpp). Private to the interpreter.
#pragma once

#include "interpreter/evaluate.hpp"
#include "interpreter/order.hpp"
#include "interpreter/person_map.hpp"
#include "interpreter/records.hpp"
#include "interpreter/run.hpp"
#include "interpreter/trace.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace compplan::run_detail {

// A people row, with its quota worked out once rather than on every deal the person is on.
struct person_entry {
   std::vector<value> values;     // the row's fields, decoded once
   std::optional<decimal> quota;  // blank when the row has none, or the role has no quota clause
   std::string quota_error;       // what went wrong working it out, if anything
};

// How a retroactive tier table rated a share.
struct retroactive_rating {
   decimal base;
   int band = -1;
   decimal factor;
};

// One person's part of a credited deal. A run keeps one or two for each of a million deals, so
// it is 24 bytes. The person is not kept: it is the deal's field naming the share's role
// (run_engine::person_of); their people row is found by their number. The credit is kept as a
// row keeps a number, in a cell: a credit cut to the cent fits the cell itself, and a larger or
// finer one is kept in its share pool's table.
struct credit_share {
   decimal credit() const
   {
      if (auto kept = m_credit.number()) return *kept;
      return decimal{};  // none set yet
   }
   // `large` keeps a credit the cell cannot hold; it must outlive the share (share_pool::large).
   void set_credit(const decimal& credit, std::deque<decimal>& large) { m_credit = cell::of_number(credit, large); }

private:
   cell m_credit;

public:
   // The person's number in the run: the position of their people row for (person, role) when
   // they have one (run_engine::person_row_of), else a number after every row's, given out for
   // running totals (run_engine::number_people).
   std::uint32_t person_id = no_row;
   // Where, in the run's array of running totals, this share's totals before the deal begin: one
   // per cumulative (run_engine::before_of), for a share of a role that a cumulative sums; none
   // for the others. One array for all shares, not a vector each. The same place, divided by the
   // cumulatives, finds a retroactive tier's rating of the share.
   std::uint32_t before_at = no_totals;
   static constexpr std::uint32_t no_totals = ~std::uint32_t{0};
   static constexpr std::uint32_t no_row = ~std::uint32_t{0};
   std::int16_t role = -1;
   std::int16_t rate = -1;  // rate clause, when the share is above 0%
};
static_assert(sizeof(credit_share) == 24, "a share of credit is 24 bytes");

// The shares of the deals one slice credits, in blocks that never move: a deal's shares are a
// span into a block rather than a vector of their own, which for a million deals was a million
// allocations to make and free.
class share_pool {
public:
   // Moves `shares` into the pool; the span stays valid as long as the pool.
   std::span<credit_share> take(std::vector<credit_share>& shares)
   {
      if (m_used + shares.size() > m_capacity) {
         m_capacity = std::max(block, shares.size());
         m_blocks.push_back(std::make_unique<credit_share[]>(m_capacity));
         m_used = 0;
      }
      const std::span<credit_share> taken(m_blocks.back().get() + m_used, shares.size());
      std::move(shares.begin(), shares.end(), taken.begin());
      m_used += shares.size();
      return taken;
   }

   // Where the shares' credits too large or too fine for their cell are kept; its entries never
   // move, not even when the pool does.
   std::deque<decimal>& large() { return *m_large; }

private:
   static constexpr std::size_t block = 4096;
   std::vector<std::unique_ptr<credit_share[]>> m_blocks;
   // On the heap, so that moving the pool moves a pointer (a deque's own move may allocate).
   std::unique_ptr<std::deque<decimal>> m_large = std::make_unique<std::deque<decimal>>();
   std::size_t m_used = 0;      // in the last block
   std::size_t m_capacity = 0;  // of the last block
};

// The room for the fields and definitions of the deal a thread is classifying or paying: each
// thread lends it to one deal at a time, so that a million deals neither allocate it a million
// times nor hold it between classifying and paying.
struct field_room {
   std::vector<std::optional<value>> fields;
   std::vector<std::optional<value>> definitions;
   std::vector<std::int8_t> truths;  // by definition: evaluation_scope::truths
   const void* owner = nullptr;  // the deal whose fields these are
};
inline field_room& thread_fields()
{
   thread_local field_room room;
   return room;
}

// A credited deal while the run works on it: 32 bytes, for a million of them. Its id is its
// row's key field (run_engine::id_of).
// Its members are laid out in this order, the shares' address and count apart, so that none
// leaves a gap.
struct deal_state {
   const typed_row* row = nullptr;

private:
   credit_share* m_shares = nullptr;

public:
   // In the run's share pools, by the rule's shares.
   std::span<credit_share> shares() const { return {m_shares, m_share_count}; }
   void set_shares(std::span<credit_share> shares)
   {
      if (shares.size() > most_shares) throw std::length_error("a crediting rule shares credit among too many roles");
      m_shares = shares.data();
      m_share_count = static_cast<std::uint16_t>(shares.size());
   }
   static constexpr std::size_t most_shares = std::numeric_limits<std::uint16_t>::max();
   static constexpr std::size_t most_rules = std::numeric_limits<std::int16_t>::max();
   // Bit f: fee clause f applies. Fees past the first noted_fees are decided again when the deal
   // is paid (run_engine::pay), so a plan may have any number.
   std::uint64_t fees : 63 = 0;
   static constexpr std::size_t noted_fees = 63;
   // A running total cannot hold this deal's credit; what the run says is kept apart, as it is
   // rare (run_engine::m_cumulative_overflows).
   std::uint64_t cumulative_overflow : 1 = 0;
   std::uint32_t outcome = 0;  // position in run_result::deals
   std::int16_t rule = -1;     // a plan has at most most_rules crediting rules (run_engine::run)

private:
   std::uint16_t m_share_count = 0;

public:
   // Lends the thread's room to this deal, emptied: its fields and definitions are computed again
   // as expressions use them. Definitions depend on the deal's fields alone, so computing them
   // again while paying gives what classifying had.
   void load_fields(std::size_t definition_count) const
   {
      auto& room = thread_fields();
      empty(room.fields, row->size());
      empty(room.definitions, definition_count);
      room.truths.assign(definition_count, -1);
      room.owner = this;
   }

private:
   // `count` empty slots. Only the slots the last deal filled are emptied: assigning every slot
   // afresh wrote each one's whole room, twice for every deal.
   static void empty(std::vector<std::optional<value>>& slots, std::size_t count)
   {
      if (slots.size() != count) {
         slots.assign(count, std::nullopt);
         return;
      }
      for (auto& slot : slots) {
         if (slot.has_value()) slot.reset();
      }
   }
};
static_assert(sizeof(deal_state) == 32, "a credited deal's state is 32 bytes");

// The events of the ledger's lines that are not a tranche's.
inline constexpr std::string_view clawback_event = "clawback";
inline constexpr std::string_view true_up_event = "true_up";

// Amounts that are rounded to an increment 1/m (0.01 is 1/100) kept as whole numbers of it, so
// that shares of them are cut in 128-bit integers rather than in rationals. Every part is kept
// below 2^62, so that the product of two fits with room to spare; what does not fit takes the
// decimal steps, which give the same amounts (round_quotient is their rounding).
inline constexpr decimal::int_type increment_part_limit = decimal::int_type{1} << 62;
inline bool fits_increment_part(decimal::int_type v)
{
   return v > -increment_part_limit && v < increment_part_limit;
}
inline bool has_small_parts(const decimal& v)
{
   return fits_increment_part(v.numerator()) && fits_increment_part(v.denominator());
}
// `amount` as a whole number of `increment`, when the increment is 1/m and the amount a whole
// number of it, with small parts.
inline std::optional<decimal::int_type> whole_increments(const decimal& amount, const decimal& increment)
{
   if (increment.numerator() != 1 || !has_small_parts(increment) || !has_small_parts(amount)) return std::nullopt;
   // In 64 bits: both are below 2^62.
   const auto m = static_cast<std::int64_t>(increment.denominator());
   const auto d = static_cast<std::int64_t>(amount.denominator());
   if (m % d != 0) return std::nullopt;
   const decimal::int_type whole = amount.numerator() * (m / d);
   if (!fits_increment_part(whole)) return std::nullopt;
   return whole;
}

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
   // The person a share credits: the deal's field naming the share's role; no one for a share of
   // 0%, which has no rate.
   std::string_view person_of(const deal_state& deal, const credit_share& share) const
   {
      if (share.rate < 0) return {};
      return deal.row->text(static_cast<std::size_t>(m_plan.role_person_field[static_cast<std::size_t>(share.role)]));
   }
   // The people row of the share's person and role, when they have one.
   const person_entry* person_row_of(const credit_share& share) const
   {
      return share.person_id < m_people_entries.size() ? &m_people_entries[share.person_id] : nullptr;
   }
   // How the retroactive tier table the share's rate is tiered by rated it, once the share is paid;
   // null when it has none.
   const retroactive_rating* retroactive_of(const credit_share& share) const
   {
      if (share.before_at == credit_share::no_totals || m_retroactive.empty()) return nullptr;
      const auto& rating = m_retroactive[share.before_at / m_syntax.cumulatives.size()];
      return rating.band >= 0 ? &rating : nullptr;
   }
   std::string_view id_of(const deal_state& deal) const
   {
      return deal.row->text(static_cast<std::size_t>(m_plan.deal_key));
   }
   // The deal's field `index`, decoded on first use.
   const value& field_of(deal_state& deal, int index) const
   {
      auto scope = deal_scope(deal);
      return deal_field(scope, static_cast<std::size_t>(index));
   }
   // The deal's fields and definitions are those in the thread's room, which load_fields lent it.
   evaluation_scope deal_scope(const deal_state& deal, const credit_share* share = nullptr) const
   {
      auto& room = thread_fields();
      assert(room.owner == &deal && "the deal's fields are not loaded");
      evaluation_scope scope;
      scope.row = deal.row;
      scope.fields = &room.fields;
      scope.definitions = &room.definitions;
      scope.truths = &room.truths;
      if (share != nullptr) {
         if (const auto* row = person_row_of(*share)) {
            scope.person = row->values;
            scope.quota = row->quota;  // blank unless the share's role has a quota
         }
         scope.credit = share->credit();
         scope.cumulatives = before_of(*share);
      }
      return scope;
   }

   // What evaluating a slice of the deals gives; slices are joined in order, so the result is
   // the same however many there are.
   struct classified_slice {
      std::vector<deal_state> credited;
      share_pool shares;  // the credited deals' shares
      diagnostic_list diagnostics;
   };
   struct payment_failure {
      std::size_t deal;  // position in m_credited
      std::string code;
      std::string message;
   };
   struct paid_slice {
      ledger_book ledger;
      std::vector<payment_failure> failures;
   };

   void read_inputs();
   classified_slice classify_rows(std::size_t begin, std::size_t end) const;
   void classify_all();
   void pay_deals(const deal_order& order, std::size_t begin, std::size_t end, std::size_t room_for,
                  paid_slice& slice);
   void pay_all();
   bool pay_streamed();
   void drop_failed(std::vector<payment_failure>& failures);
   bool trues_up(std::size_t table) const;
   bool has_true_ups() const;
   void pay_in_cumulative_order(const deal_order& order);
   std::optional<deal_status> classify(deal_state& deal, deal_outcome& outcome, diagnostic_list& diagnostics) const;
   void prepare_shares(deal_state& deal, share_pool& pool) const;
   void split_credit(deal_state& deal, share_pool& pool) const;
   bool split_in_increments(deal_state& deal, const decimal& amount, share_pool& pool) const;
   deal_order cumulative_order(std::size_t c) const;
   void compute_cumulatives(const deal_order& first_order);
   deal_order id_order() const;
   std::size_t number_people();
   // By cumulative: the share's person's total before the deal.
   std::span<const cell> before_of(const credit_share& share) const;
   std::span<cell> before_of(const credit_share& share);
   // The running total `total` as one of m_before's cells, kept by `part` of the threads.
   cell before_cell(const decimal& total, std::size_t part);
   void name_ledger();
   void pay(deal_state& deal, ledger_book& ledger) const;
   decimal commission(deal_state& deal, credit_share& share, share_trace* trace) const;
   void pay_schedule(deal_state& deal, int schedule, const decimal& total, std::string_view person, int role,
                     std::uint16_t rule, ledger_book& ledger, schedule_trace* trace) const;
   deal_trace* trace_of(const deal_state& deal) const;
   const ast::expression& first_failing(const ast::expression& condition, evaluation_scope& scope) const;
   void trace_split(deal_state& deal, const std::vector<decimal>& exact, const std::vector<decimal>& floored) const;
   std::optional<decimal> recovery_share(const ast::clawback_rule& clawback, evaluation_scope& scope) const;
   void claw_back(deal_state& deal, std::size_t first_line, ledger_book& ledger) const;
   void true_up();
   void true_up_table(std::size_t table, std::vector<std::vector<ledger_line>>& lines);
   std::optional<date> schedule_until(deal_state& deal, const credit_share& share) const;
   void add_true_ups(std::vector<std::vector<ledger_line>>& lines);
   void report_problem(const deal_state& deal, deal_outcome& outcome, deal_status status, const std::string& code,
                       const std::string& message, diagnostic_list& diagnostics) const;

   const checked_plan& m_plan;
   const ast::plan& m_syntax;
   const run_inputs& m_inputs;
   run_result& m_result;
   evaluator m_eval;
   run_trace* m_trace;  // null unless explaining
   std::shared_ptr<const record_file> m_deals;  // handed to the result, which the ledger views
   record_file m_people;
   std::vector<person_entry> m_people_entries;  // by people row
   person_role_map<const person_entry*> m_people_index;
   std::vector<deal_state> m_credited;
   std::vector<decimal> m_percent_totals;  // by crediting rule: its shares' percentages summed
   std::vector<share_pool> m_share_pools;  // one per slice that classified: the shares of m_credited
   std::size_t m_people_numbered = 0;  // person ids run from 0 to this
   // Each totalled share's totals before its deal, by cumulative, as cells (most totals are
   // whole cents); what a cell cannot hold is kept in the table of the thread that summed it.
   std::vector<cell> m_before;
   std::vector<std::unique_ptr<std::deque<decimal>>> m_before_large;  // by part of the threads
   std::vector<cell> m_no_totals;  // zeros, one per cumulative: what other shares read
   // By deal (deal_state::outcome): why a running total cannot hold the deal's credit, for the
   // deals whose cumulative_overflow is set.
   std::unordered_map<std::uint32_t, std::string> m_cumulative_overflows;
   // Each earning share's retroactive rating (retroactive_of), when the plan trues up: each share
   // is paid by one thread, which writes its own place.
   mutable std::vector<retroactive_rating> m_retroactive;
   // The numbers of the names the run writes in the ledger, given out once (name_ledger), so
   // that every slice's ledger numbers them alike and a line is written without looking them up.
   struct ledger_names {
      std::vector<std::vector<std::uint16_t>> tranches;  // by schedule, then tranche
      std::vector<std::uint16_t> crediting_rules;
      std::vector<std::uint16_t> fees;
      std::vector<std::uint16_t> clawbacks;
      std::uint16_t recovery = 0;  // the event of a clawback's line
   };
   ledger_names m_names;
   ledger_book m_named;  // no lines, every name: what each ledger of the run starts from
   int m_tranche_places = -1;  // k when the tranche rounding's increment is 10^-k, else -1
};

}  // namespace compplan::run_detail

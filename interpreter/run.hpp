// Evaluates a checked plan on deal records: classification, credit, commission, tranches, clawback.
#pragma once

#include "check/checked_plan.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace compplan {

struct run_trace;
struct record_file;
class ledger_sink;

// The wall time of each step of a run, for `compplan run --timings`: each lap is the time since
// the one before (or since the stopwatch was made).
class run_timings {
public:
   run_timings() : m_last(std::chrono::steady_clock::now()) {}
   void lap(std::string name)
   {
      const auto now = std::chrono::steady_clock::now();
      m_laps.emplace_back(std::move(name), std::chrono::duration<double>(now - m_last).count());
      m_last = now;
   }
   const std::vector<std::pair<std::string, double>>& laps() const { return m_laps; }  // name, seconds

private:
   std::chrono::steady_clock::time_point m_last;
   std::vector<std::pair<std::string, double>> m_laps;
};

struct run_inputs {
   std::string deals_file;
   std::string deals_text;
   std::string people_file;  // may be empty when the plan declares no people record
   std::string people_text;
   date as_of;
   unsigned jobs = 1;  // threads that evaluate deals; the results are the same for any number
   run_trace* trace = nullptr;  // when set (and jobs is 1), credited deals' steps are recorded here
   run_timings* timings = nullptr;  // when set, each step of the run adds a lap
   // Called once the deals text has been read into the run's records, which keep what they need
   // of it: a caller that owns the text may let it go then, as `compplan run` does.
   std::function<void()> deals_read;
   // When set, the ledger goes here as the run pays the deals, and run_result::ledger stays empty
   // (see ledger_sink).
   ledger_sink* ledger = nullptr;
};

enum class deal_status { credited, out_of_period, excluded, uncredited, ambiguous, input_error, malformed };
std::string_view to_string(deal_status status);

// A value few objects of a kind have, kept on the heap and copied with its owner: a unique_ptr
// that copies what it points to, so that its owner keeps the copies and moves the compiler makes.
template <typename T>
class heap_copy {
public:
   heap_copy() = default;
   heap_copy(const heap_copy& other) : m_value(other.m_value ? std::make_unique<T>(*other.m_value) : nullptr) {}
   heap_copy(heap_copy&&) noexcept = default;
   heap_copy& operator=(const heap_copy& other)
   {
      if (this != &other) m_value = other.m_value ? std::make_unique<T>(*other.m_value) : nullptr;
      return *this;
   }
   heap_copy& operator=(heap_copy&&) noexcept = default;
   ~heap_copy() = default;

   template <typename... Args>
   T& emplace(Args&&... args)
   {
      m_value = std::make_unique<T>(std::forward<Args>(args)...);
      return *m_value;
   }
   void reset() { m_value.reset(); }
   explicit operator bool() const { return m_value != nullptr; }
   T& operator*() const { return *m_value; }
   T* operator->() const { return m_value.get(); }

private:
   std::unique_ptr<T> m_value;
};

// The names of the rules an outcome names. Nearly every outcome names one (the crediting rule or
// the exclusion), which is kept in place: a run of a million deals would otherwise allocate a
// million one-name vectors. Only an ambiguous deal's list goes to the heap.
class rule_names {
public:
   rule_names() = default;
   rule_names(std::initializer_list<std::string_view> names)
   {
      for (const auto name : names) push_back(name);
   }

   void push_back(std::string_view name)
   {
      if (m_one.data() == nullptr && !m_many) {
         m_one = name;
         return;
      }
      if (!m_many) m_many.emplace(1, m_one);
      m_many->push_back(name);
   }
   const std::string_view* begin() const { return m_many ? m_many->data() : &m_one; }
   const std::string_view* end() const
   {
      return m_many ? m_many->data() + m_many->size() : &m_one + (m_one.data() != nullptr ? 1 : 0);
   }
   std::size_t size() const { return static_cast<std::size_t>(end() - begin()); }
   bool empty() const { return begin() == end(); }
   std::string_view front() const { return *begin(); }
   std::string_view operator[](std::size_t i) const { return begin()[i]; }
   std::vector<std::string_view> to_vector() const { return {begin(), end()}; }
   friend bool operator==(const rule_names& a, const rule_names& b)
   {
      return std::equal(a.begin(), a.end(), b.begin(), b.end());
   }
   friend bool operator==(const rule_names& a, const std::vector<std::string_view>& b)
   {
      return std::equal(a.begin(), a.end(), b.begin(), b.end());
   }

private:
   std::string_view m_one;  // the one name; names view the plan, so never a null view
   heap_copy<std::vector<std::string_view>> m_many;  // every name, when there are two or more
};

// What an outcome says besides its status: why the deal was excluded or what is wrong with it.
// Most deals are credited and say nothing, so an outcome holds a pointer rather than a string's
// 32 bytes. A text every deal of a kind says alike (an exclusion's reason, which the plan
// holds) is viewed rather than copied, as tens of thousands of deals may say it.
class outcome_message {
public:
   outcome_message() = default;
   outcome_message(const outcome_message& other) { *this = other; }
   outcome_message(outcome_message&& other) noexcept : m_bits(std::exchange(other.m_bits, 0)) {}
   outcome_message& operator=(const outcome_message& other)
   {
      if (this == &other) return *this;
      if (other.viewed()) {
         reset(other.m_bits);
         return *this;
      }
      return *this = other.str();
   }
   outcome_message& operator=(outcome_message&& other) noexcept
   {
      if (this != &other) reset(std::exchange(other.m_bits, 0));
      return *this;
   }
   ~outcome_message() { reset(0); }

   outcome_message& operator=(std::string text)
   {
      reset(text.empty() ? 0 : std::bit_cast<std::uintptr_t>(new std::string(std::move(text))));
      return *this;
   }
   // Views `text`, which must outlive the message, as the plan outlives a run's result.
   void view(const std::string& text) { reset(text.empty() ? 0 : std::bit_cast<std::uintptr_t>(&text) | viewed_bit); }

   const std::string& str() const
   {
      static const std::string none;
      return m_bits == 0 ? none : *std::bit_cast<const std::string*>(m_bits & ~viewed_bit);
   }
   operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor): reads as the text
   bool empty() const { return m_bits == 0; }
   friend bool operator==(const outcome_message& a, std::string_view b) { return a.str() == b; }

private:
   static constexpr std::uintptr_t viewed_bit = 1;  // a string's address is even
   bool viewed() const { return (m_bits & viewed_bit) != 0; }
   // Takes `bits` in place of the text held, which is deleted if owned.
   void reset(std::uintptr_t bits)
   {
      if (m_bits != 0 && !viewed()) delete std::bit_cast<std::string*>(m_bits);  // NOLINT(cppcoreguidelines-owning-memory)
      m_bits = bits;
   }

   std::uintptr_t m_bits = 0;  // an owned text's address, a viewed one's with viewed_bit, or 0
};

// How one input deal was accounted for: every row of the deals file gets exactly one.
// The id views the run's records and the rules' names view the plan (see run_result).
struct deal_outcome {
   std::string_view id;
   std::uint32_t line = 0;
   deal_status status = deal_status::credited;
   rule_names rules;     // the crediting rule, the exclusion, or the rules that all matched
   outcome_message message;  // the exclusion's reason, or what is wrong with the deal
};

// One payment or recovery, as a ledger gives it out. The text is viewed, not copied: the deal and
// the person in the run's records, the event and the rule in the plan (see run_result).
struct ledger_line {
   std::string_view deal;
   std::string_view person;
   int role = -1;
   std::string_view event;  // a tranche's name, "true_up", or "clawback"
   date on;
   decimal amount;
   std::string_view rule;
   friend bool operator==(const ledger_line&, const ledger_line&) = default;
};

// Whether two texts are equal, where they are often the same bytes: a deal's lines view its id,
// and a person's name, stored once for its column (text_cache), is viewed by each of their deals.
inline bool same_text(std::string_view a, std::string_view b)
{
   return (a.data() == b.data() && a.size() == b.size()) || a == b;
}

// The lines of a ledger. A run writes millions, so each is kept in 64 bytes rather than as a
// ledger_line's 112: its event and rule as numbers in the ledger's table of names, and its amount
// as a whole number of units at a number of decimal places, which is how the ledger writes it.
class ledger_book {
public:
   struct entry {
      std::string_view deal;
      std::string_view person;
      __int128 units = 0;  // the amount is units / 10^places, exactly
      date on;
      std::int16_t role = -1;
      std::uint16_t event = 0;  // names()[event]
      std::uint16_t rule = 0;   // names()[rule]
      std::uint8_t places = 0;
      static constexpr int most_places = 38;  // 10^38 is the largest power of ten in 128 bits

      decimal amount() const;
      // Keeps `amount` as units and places. Throws arithmetic_error when it has no finite decimal
      // form that fits (1/3, or more than 38 digits): such an amount could not be written.
      void set_amount(const decimal& amount);
   };

   class iterator {
   public:
      using iterator_category = std::input_iterator_tag;
      using value_type = ledger_line;
      using difference_type = std::ptrdiff_t;
      using pointer = void;
      using reference = ledger_line;
      iterator() = default;
      iterator(const ledger_book* book, std::size_t at) : m_book(book), m_at(at) {}
      ledger_line operator*() const { return (*m_book)[m_at]; }
      iterator& operator++()
      {
         ++m_at;
         return *this;
      }
      iterator operator++(int)
      {
         auto was = *this;
         ++m_at;
         return was;
      }
      friend bool operator==(const iterator& a, const iterator& b) { return a.m_at == b.m_at; }

   private:
      const ledger_book* m_book = nullptr;
      std::size_t m_at = 0;
   };

   ledger_book() = default;
   ledger_book(std::initializer_list<ledger_line> lines) : ledger_book(std::span<const ledger_line>(lines)) {}
   explicit ledger_book(std::span<const ledger_line> lines);

   // The number of a name in the table, which is added when new. Names view the plan (or literals).
   std::uint16_t name(std::string_view text);
   std::string_view name_of(std::uint16_t number) const { return m_names[number]; }
   const std::vector<std::string_view>& names() const { return m_names; }

   void push_back(const ledger_line& line);
   void push_back(const entry& line) { m_entries.push_back(line); }
   // The lines of `other`, whose table of names must be this one's.
   void append(const ledger_book& other);

   ledger_line operator[](std::size_t i) const { return line(m_entries[i]); }
   ledger_line line(const entry& line) const;
   std::vector<entry>& entries() { return m_entries; }
   const std::vector<entry>& entries() const { return m_entries; }
   std::size_t size() const { return m_entries.size(); }
   bool empty() const { return m_entries.empty(); }
   void reserve(std::size_t lines) { m_entries.reserve(lines); }
   void resize(std::size_t lines) { m_entries.resize(lines); }  // to fewer lines: drops the last
   // The lines only, keeping the table of names; their room is let go.
   void clear_lines() { m_entries = std::vector<entry>(); }
   iterator begin() const { return {this, 0}; }
   iterator end() const { return {this, m_entries.size()}; }

   // The same lines, whatever the tables' numbering.
   friend bool operator==(const ledger_book& a, const ledger_book& b)
   {
      return std::equal(a.begin(), a.end(), b.begin(), b.end());
   }

private:
   std::vector<entry> m_entries;
   std::vector<std::string_view> m_names;
};

// Takes a run's ledger while the run pays, so that the run never holds the whole of it: whole
// deals at a time, in ledger order, the lines of each write following those of the one before.
// The lines view the run's records and the plan, as run_result's do, and are gone once write
// returns. A plan with retroactive tiers trues up earlier deals once every deal is paid, so its
// ledger comes in one write at the end; so does the ledger of a run that was restarted.
class ledger_sink {
public:
   virtual ~ledger_sink() = default;
   // The next lines of the ledger; their events and rules are numbered in the book's names.
   virtual void write(const ledger_book& lines) = 0;
   // What was written is void: the ledger comes again from its first line. A run restarts when a
   // deal fails while paid and the plan keeps running totals, since the deals after it in their
   // order may have been rated on its credit.
   virtual void restart() = 0;
};

// The ledger and the outcomes view the deals' records, which the result shares, and the plan's
// names, so the plan must outlive the result.
struct run_result {
   std::shared_ptr<const record_file> records;  // the deals file as read
   ledger_book ledger;                 // in ledger order: deal id, role, person, event; empty when
                                       // run_inputs::ledger took the lines
   std::vector<deal_outcome> deals;    // in file order
   diagnostic_list diagnostics;        // R codes
   bool stopped = false;               // nothing may be written
   int exit_status() const;            // 0 clean, 1 deals with errors, 2 stopped
};

run_result run_plan(const checked_plan& plan, const run_inputs& inputs);

}  // namespace compplan

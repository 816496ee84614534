// Evaluates a checked plan on deal records: classification, credit, commission, tranches, clawback.
#pragma once

#include "check/checked_plan.hpp"
#include "interpreter/records.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace compplan {

struct run_trace;
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

// Reads a container's items by position, each made by its operator[] as it is read (a view, or
// a line made from an entry), for containers that keep no such items to point at.
template <typename Container, typename Value>
class position_iterator {
public:
   using iterator_category = std::input_iterator_tag;  // its items are made, not referred to
   using value_type = Value;
   using difference_type = std::ptrdiff_t;
   using pointer = void;
   using reference = Value;

   position_iterator() = default;
   position_iterator(const Container* items, std::size_t at) : m_items(items), m_at(at) {}
   Value operator*() const { return (*m_items)[m_at]; }
   position_iterator& operator++()
   {
      ++m_at;
      return *this;
   }
   position_iterator operator++(int)
   {
      auto before = *this;
      ++m_at;
      return before;
   }
   friend bool operator==(const position_iterator& a, const position_iterator& b) { return a.m_at == b.m_at; }

private:
   const Container* m_items = nullptr;
   std::size_t m_at = 0;
};

// The names of the rules an outcome names, in 8 bytes. Nearly every outcome names one (the
// crediting rule or the exclusion), whose address and length are packed in place: a run of a
// million deals would otherwise allocate a million one-name lists. Only an ambiguous deal's list
// goes to the heap, and so does a name too long to pack (a plan's names are far shorter). Names
// view the plan.
class rule_names {
public:
   using iterator = position_iterator<rule_names, std::string_view>;  // each name as a view

   rule_names() = default;
   rule_names(std::initializer_list<std::string_view> names)
   {
      for (const auto name : names) push_back(name);
   }
   rule_names(const rule_names& other) { *this = other; }
   rule_names(rule_names&& other) noexcept : m_bits(std::exchange(other.m_bits, 0)) {}
   rule_names& operator=(const rule_names& other)
   {
      if (this == &other) return *this;
      clear();
      m_bits = other.on_heap() ? pack(new std::vector<std::string_view>(*other.many()), heap)  // NOLINT(cppcoreguidelines-owning-memory)
                               : other.m_bits;
      return *this;
   }
   rule_names& operator=(rule_names&& other) noexcept
   {
      if (this != &other) {
         clear();
         m_bits = std::exchange(other.m_bits, 0);
      }
      return *this;
   }
   ~rule_names() { clear(); }

   void push_back(std::string_view name)
   {
      const char* const bytes = name.data() != nullptr ? name.data() : "";  // never 0: 0 is no name
      if (m_bits == 0 && name.size() < heap && fits(bytes)) {
         m_bits = pack(bytes, name.size());
         return;
      }
      if (m_bits == 0) {
         m_bits = pack(new std::vector<std::string_view>, heap);  // NOLINT(cppcoreguidelines-owning-memory)
      }
      else if (!on_heap()) {
         m_bits = pack(new std::vector<std::string_view>{one()}, heap);  // NOLINT(cppcoreguidelines-owning-memory)
      }
      many()->push_back(name);
   }
   iterator begin() const { return {this, 0}; }
   iterator end() const { return {this, size()}; }
   std::size_t size() const
   {
      if (on_heap()) return many()->size();
      return m_bits != 0 ? 1 : 0;
   }
   bool empty() const { return size() == 0; }
   std::string_view front() const { return (*this)[0]; }
   std::string_view operator[](std::size_t i) const { return on_heap() ? (*many())[i] : one(); }
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
   // An address in the top 48 bits and a length (or heap) in the low 16.
   static constexpr unsigned length_bits = 16;
   static constexpr std::size_t heap = (std::size_t{1} << length_bits) - 1;  // the length of a list on the heap
   static bool fits(const void* address) { return std::bit_cast<std::uintptr_t>(address) >> (64 - length_bits) == 0; }
   static std::uint64_t pack(const void* address, std::size_t length)
   {
      return std::uint64_t{std::bit_cast<std::uintptr_t>(address)} << length_bits | length;
   }
   const void* address() const { return std::bit_cast<const void*>(static_cast<std::uintptr_t>(m_bits >> length_bits)); }
   bool on_heap() const { return (m_bits & heap) == heap; }
   std::string_view one() const { return {static_cast<const char*>(address()), m_bits & heap}; }
   std::vector<std::string_view>* many() const
   {
      return static_cast<std::vector<std::string_view>*>(const_cast<void*>(address()));  // NOLINT(cppcoreguidelines-pro-type-const-cast): the list is this object's
   }
   void clear()
   {
      if (on_heap()) delete many();  // NOLINT(cppcoreguidelines-owning-memory)
      m_bits = 0;
   }

   // The one name's packed address and length (never 0, an empty name included), or the heap
   // list's with the length heap, or 0 for none.
   std::uint64_t m_bits = 0;
};
static_assert(sizeof(rule_names) == 8, "an outcome's rule names are 8 bytes");

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
   cell key;  // the deal's id: its row's key cell, or a text cell over a rejected row's id
   std::uint32_t line = 0;
   deal_status status = deal_status::credited;
   rule_names rules;     // the crediting rule, the exclusion, or the rules that all matched
   outcome_message message;  // the exclusion's reason, or what is wrong with the deal

   std::string_view id() const { return key.text(); }
};

static_assert(sizeof(deal_outcome) == 32, "an outcome is 32 bytes");

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

   using iterator = position_iterator<ledger_book, ledger_line>;  // each line made as it is read

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
   std::deque<std::string_view> long_ids;  // the rejected rows' ids too long for a cell (deal_outcome::key)
   diagnostic_list diagnostics;        // R codes
   bool stopped = false;               // nothing may be written
   int exit_status() const;            // 0 clean, 1 deals with errors, 2 stopped
};

run_result run_plan(const checked_plan& plan, const run_inputs& inputs);

}  // namespace compplan

// Reads the deals and people CSV files by the plan's record schemas into typed rows.
#pragma once

#include "check/checked_plan.hpp"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace compplan {

// One field of a row as read, in 8 bytes where a value takes 48: a large file's rows are most of
// a run's memory. The low three bits say what the cell holds, and the bits above them hold:
// - a truth, a day number or an enumeration member's position;
// - a text: its length in 13 bits, and the address of its bytes (in the record file's own copy
//   of the text cells) in the top 48;
// - a number: its numerator in the top 51 bits, signed, and its denominator, which for a decimal
//   written in a file is 2^a * 5^b, as a and b in 5 bits each when it is below 2^64.
// What does not fit (a longer text, a larger number) is kept in the file's tables, and the cell
// holds the address of its entry there, whose alignment leaves the low three bits free.
class cell {
public:
   cell() = default;  // blank
   static cell of(bool truth);
   static cell of(date day);
   static cell of(enum_value member);
   // `stored` must outlive the cell, and so must `long_texts`, which keeps the view when the
   // text is too long for the cell to count.
   static cell of_text(std::string_view stored, std::deque<std::string_view>& long_texts);
   static cell of_number(const decimal& number, std::deque<decimal>& large);

   bool is_blank() const { return what() == kind::blank; }
   bool is_text() const { return what() == kind::text || what() == kind::long_text; }
   std::string_view text() const;  // a text cell's text; empty for any other
   // A date's day number, an enumeration member's position or a boolean as 0 or 1, in the order
   // of their values; nothing for other cells.
   std::optional<std::int64_t> ordinal() const;
   // A number cell's value; nothing for other cells.
   std::optional<decimal> number() const;
   value get() const;

   static constexpr std::size_t longest_text_in_cell = (std::size_t{1} << 13) - 1;

private:
   friend class row_layout;  // packs a cell in fewer bytes, and makes it again
   enum class kind : std::uint8_t { blank, boolean, day, member, text, long_text, small_number, large_number };
   static constexpr unsigned kind_bits = 3;
   static constexpr std::uint64_t kind_mask = (std::uint64_t{1} << kind_bits) - 1;
   static constexpr unsigned address_shift = 16;         // a text's bytes: bits 16 to 63
   static constexpr unsigned exponent_bits = 5;          // a number's twos (bits 3 to 7) and fives (8 to 12)
   static constexpr unsigned numerator_shift = 13;       // a number's numerator: bits 13 to 63

   kind what() const { return static_cast<kind>(m_bits & kind_mask); }
   std::uint64_t above_kind() const { return m_bits >> kind_bits; }
   // For an entry in a table: its address, which the kind's bits were added to.
   template <typename T>
   const T& entry() const
   {
      return *std::bit_cast<const T*>(m_bits & ~kind_mask);
   }
   static cell make(kind what, std::uint64_t bits)
   {
      cell made;
      made.m_bits = bits | static_cast<std::uint64_t>(what);
      return made;
   }

   std::uint64_t m_bits = 0;
};

static_assert(sizeof(cell) == 8, "a cell is 8 bytes");

// Inline, as conditions and dates read it for every deal.
inline std::optional<std::int64_t> cell::ordinal() const
{
   switch (what()) {
      case kind::boolean:
      case kind::member: return static_cast<std::int64_t>(above_kind());
      case kind::day: return std::bit_cast<std::int64_t>(m_bits) >> kind_bits;  // arithmetic: keeps the sign
      default: return std::nullopt;
   }
}

// How the rows of a file are packed, a million of them: each row's line in 4 bytes, then each
// field in as few bytes as its type needs, in the schema's order. A truth takes 1 byte, a member
// of an enumeration 2 (4 for one of more than 65,535 members), a date 4, and a text or a number
// its cell's 8. The reference plan's deals take 70 bytes a row rather than 13 cells' 104.
class row_layout {
public:
   row_layout(const checked_plan& plan, const record_schema& schema);
   // Every field a whole cell: for rows of any values.
   static row_layout of_cells(std::size_t fields);

   std::size_t fields() const { return m_places.size(); }
   std::size_t stride() const { return m_stride; }  // bytes a row
   cell get(const std::byte* row, std::size_t field) const;
   // `value` must be blank or of the field's type, as decode_cell makes it.
   void put(std::byte* row, std::size_t field, const cell& value) const;
   static std::uint32_t line(const std::byte* row);
   static void put_line(std::byte* row, std::uint32_t line);

private:
   enum class packing : std::uint8_t { whole, truth, day, small_member, member };
   struct place {
      std::uint32_t offset;
      packing packed;
   };
   row_layout() = default;
   void add(packing packed, std::size_t width);

   std::vector<place> m_places;      // by field
   std::size_t m_stride = sizeof(std::uint32_t);  // the line comes first
};

inline std::uint32_t row_layout::line(const std::byte* row)
{
   std::uint32_t line = 0;
   std::memcpy(&line, row, sizeof line);
   return line;
}

inline void row_layout::put_line(std::byte* row, std::uint32_t line)
{
   std::memcpy(row, &line, sizeof line);
}

// Inline, as evaluating a deal reads its fields this way again and again.
inline cell row_layout::get(const std::byte* row, std::size_t field) const
{
   const auto& [offset, packed] = m_places[field];
   const std::byte* const at = row + offset;
   switch (packed) {
      case packing::whole: {
         cell whole;
         std::memcpy(&whole.m_bits, at, sizeof whole.m_bits);
         return whole;
      }
      case packing::truth: {
         const auto truth = static_cast<std::uint8_t>(*at);
         return truth == 0 ? cell{} : cell::make(cell::kind::boolean, std::uint64_t{truth - 1U} << cell::kind_bits);
      }
      case packing::day: {
         std::int32_t serial = 0;
         std::memcpy(&serial, at, sizeof serial);
         if (serial == std::numeric_limits<std::int32_t>::min()) return cell{};
         return cell::make(cell::kind::day, std::bit_cast<std::uint64_t>(std::int64_t{serial}) << cell::kind_bits);
      }
      case packing::small_member: {
         std::uint16_t member = 0;
         std::memcpy(&member, at, sizeof member);
         return member == 0 ? cell{} : cell::make(cell::kind::member, std::uint64_t{member - 1U} << cell::kind_bits);
      }
      case packing::member: {
         std::uint32_t member = 0;
         std::memcpy(&member, at, sizeof member);
         return member == 0 ? cell{} : cell::make(cell::kind::member, std::uint64_t{member - 1U} << cell::kind_bits);
      }
   }
   return cell{};
}

// A row read from a file: its packed bytes and their layout. 16 bytes, for a million rows.
class typed_row {
public:
   typed_row() = default;
   typed_row(const std::byte* bytes, const row_layout* layout) : m_bytes(bytes), m_layout(layout) {}

   std::uint32_t line() const { return row_layout::line(m_bytes); }
   std::size_t size() const { return m_layout->fields(); }
   cell at(std::size_t field) const { return m_layout->get(m_bytes, field); }
   value get(std::size_t field) const { return at(field).get(); }
   std::string_view text(std::size_t field) const { return at(field).text(); }
   // Every field's value, for evaluating expressions on the row.
   std::vector<value> decode() const;

private:
   const std::byte* m_bytes = nullptr;
   const row_layout* m_layout = nullptr;
};

static_assert(sizeof(typed_row) == 16, "a row is 16 bytes");

// A row that could not be read: the place and what was found are in the diagnostic.
struct rejected_row {
   std::string id;  // the deal's id when it could be read, else empty
   std::uint32_t line = 0;
   diagnostic problem;
};

// What the rows of one stretch of a file view: their packed bytes, the bytes of their text cells,
// and the numbers too large for a cell. Held by pointer, so that it never moves.
struct record_storage {
   std::vector<std::byte> rows;  // row_layout::stride() bytes a row
   std::unique_ptr<char[]> text;
   std::size_t text_size = 0;
   std::deque<decimal> large_numbers;
   std::deque<std::string_view> long_texts;
};

// The rows view their storage, which moves with the file.
struct record_file {
   std::unique_ptr<const row_layout> layout;  // the rows', which never moves
   // One storage per stretch of the file that was read on its own thread: a few allocations,
   // not one per row or per text cell.
   std::vector<std::unique_ptr<record_storage>> storage;
   std::vector<typed_row> rows;
   std::vector<rejected_row> rejected;
   bool stopped = false;  // a missing column or a duplicate key: nothing may be paid
};

// The texts of one column that a stretch of a file has stored, so that a text repeated down the
// column (a rep's name on thousands of deals) is stored once: a million deals' text cells took
// 31 MB, of which the ids are 9. It holds up to most_held texts, in a table that grows with them;
// a column whose texts rarely repeat (the ids) stops being looked up once that shows.
class text_cache {
public:
   // The stored copy of `text`, when the cache holds one.
   std::optional<std::string_view> find(std::string_view text);
   // Remembers `stored`, which must outlive the cache's use and equal the text last looked for.
   void keep(std::string_view stored);
   // Starts fetching the slot where find(text) will look, so that it need not wait for memory
   // when it is called a little later: a column of many texts has a table larger than the cache.
   void prefetch(std::string_view text) const
   {
      if (!m_slots.empty()) __builtin_prefetch(&m_slots[key_of(text).hash & (m_slots.size() - 1)]);
   }

   static constexpr std::size_t first_slots = 256;
   static constexpr std::size_t most_held = std::size_t{1} << 15;
   static constexpr std::size_t trial = 16384;  // lookups before deciding whether to go on
   static constexpr std::size_t worth_it = 8;   // go on when at least 1 in this many found a text

private:
   struct text_key {
      std::uint64_t low;   // a short text's bytes, or a long one's hash
      std::uint64_t high;
      std::uint32_t size;
      std::uint32_t hash;
   };
   struct slot {
      text_key key;
      const char* data = nullptr;  // none: an empty slot
   };
   static text_key key_of(std::string_view text);
   void put(const slot& kept);

   std::vector<slot> m_slots;  // a power of two of them, or none before the first text
   std::size_t m_held = 0;
   text_key m_key{};  // the text last looked for's
   std::size_t m_looked = 0;
   std::size_t m_found = 0;
   bool m_off = false;
};

// Decodes one cell by its field's type ("" is blank), keeping its text or large number in
// `storage`. A text found in `cache` is not stored again. Returns the reason when it does not fit.
std::optional<cell> decode_cell(const checked_plan& plan, const field_info& field, std::string_view text,
                                record_storage& storage, std::string& reason, text_cache* cache = nullptr);

// With jobs > 1, a large file whose rows cannot span lines (it has no quotes) is read in that
// many stretches of whole lines side by side; the result is the same.
record_file read_deals(const checked_plan& plan, std::string_view text, const std::string& file,
                       diagnostic_list& diagnostics, unsigned jobs = 1);
record_file read_people(const checked_plan& plan, std::string_view text, const std::string& file,
                        diagnostic_list& diagnostics);

}  // namespace compplan

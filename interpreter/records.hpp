// Reads the deals and people CSV files by the plan's record schemas into typed rows.
#pragma once

#include "check/checked_plan.hpp"

#include <array>
#include <deque>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace compplan {

// One field of a row as read, in 12 bytes where a value takes 48: a large file's rows are most
// of a run's memory. Text views the record file's own copy of the text cells; a number is held
// as its numerator and denominator when they fit 64 and 24 bits, else in the file's table of
// large numbers, as is the view of a text longer than 24 bits can count.
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

private:
   enum class kind : std::uint8_t { blank, boolean, day, member, text, long_text, small_number, large_number };
   static constexpr std::uint32_t most_extra = (std::uint32_t{1} << 24) - 1;

   kind what() const { return static_cast<kind>(m_tag & 0xFFU); }
   std::uint32_t extra() const { return m_tag >> 8U; }
   // The payload: a truth, a day number, a member's position, a pointer to the text, a numerator,
   // or a pointer to a large number or to a long text's view.
   std::uint64_t bits() const { return m_payload[0] | (std::uint64_t{m_payload[1]} << 32U); }
   static cell make(kind what, std::uint64_t bits, std::uint32_t extra = 0)
   {
      cell made;
      made.m_payload = {static_cast<std::uint32_t>(bits), static_cast<std::uint32_t>(bits >> 32U)};
      made.m_tag = static_cast<std::uint32_t>(what) | (extra << 8U);
      return made;
   }

   // Eight bytes in two halves, so that a cell is aligned to four bytes and takes 12, not 16.
   std::array<std::uint32_t, 2> m_payload{};
   std::uint32_t m_tag = 0;  // the kind in the low byte; above it a text's length or a small number's denominator
};

static_assert(sizeof(cell) == 12, "a cell is 12 bytes");

struct typed_row {
   std::span<const cell> cells;  // by schema field
   std::uint32_t line = 0;

   value get(std::size_t field) const { return cells[field].get(); }
   std::string_view text(std::size_t field) const { return cells[field].text(); }
   // Every field's value, for evaluating expressions on the row.
   std::vector<value> decode() const;
};

// A row that could not be read: the place and what was found are in the diagnostic.
struct rejected_row {
   std::string id;  // the deal's id when it could be read, else empty
   std::uint32_t line = 0;
   diagnostic problem;
};

// What the rows of one stretch of a file view: their cells, the bytes of their text cells, and the
// numbers too large for a cell. Held by pointer, so that it never moves.
struct record_storage {
   std::vector<cell> cells;
   std::unique_ptr<char[]> text;
   std::size_t text_size = 0;
   std::deque<decimal> large_numbers;
   std::deque<std::string_view> long_texts;
};

// The rows view their storage, which moves with the file.
struct record_file {
   // One storage per stretch of the file that was read on its own thread: a few allocations,
   // not one per row or per text cell.
   std::vector<std::unique_ptr<record_storage>> storage;
   std::vector<typed_row> rows;
   std::vector<rejected_row> rejected;
   bool stopped = false;  // a missing column or a duplicate key: nothing may be paid
};

// Decodes one cell by its field's type ("" is blank), keeping its text or large number in
// `storage`. Returns the reason when it does not fit.
std::optional<cell> decode_cell(const checked_plan& plan, const field_info& field, std::string_view text,
                                record_storage& storage, std::string& reason);

// With jobs > 1, a large file whose rows cannot span lines (it has no quotes) is read in that
// many stretches of whole lines side by side; the result is the same.
record_file read_deals(const checked_plan& plan, std::string_view text, const std::string& file,
                       diagnostic_list& diagnostics, unsigned jobs = 1);
record_file read_people(const checked_plan& plan, std::string_view text, const std::string& file,
                        diagnostic_list& diagnostics);

}  // namespace compplan

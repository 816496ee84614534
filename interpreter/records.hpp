// Reads the deals and people CSV files by the plan's record schemas into typed rows.
#pragma once

#include "check/checked_plan.hpp"

#include <deque>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace compplan {

// One field of a row as read, in 16 bytes where a value takes 48: a large file's rows are most
// of a run's memory. Text views the record file's own copy of the text cells; a number is held
// as its numerator and denominator when they fit 64 and 32 bits, else in the file's table of
// large numbers.
class cell {
public:
   cell() = default;  // blank
   static cell of(bool truth);
   static cell of(date day);
   static cell of(enum_value member);
   static cell of_text(std::string_view stored);  // `stored` must outlive the cell
   static cell of_number(const decimal& number, std::deque<decimal>& large);

   bool is_blank() const { return m_kind == kind::blank; }
   bool is_text() const { return m_kind == kind::text; }
   std::string_view text() const;  // a text cell's text; empty for any other
   // A date's day number, an enumeration member's position or a boolean as 0 or 1, in the order
   // of their values; nothing for other cells.
   std::optional<std::int64_t> ordinal() const;
   value get() const;

private:
   enum class kind : std::uint8_t { blank, boolean, day, member, text, small_number, large_number };
   union {
      bool truth;
      std::int64_t serial;  // a date's day number
      std::uint32_t member;
      const char* text;
      std::int64_t numerator;
      const decimal* large;
   } m_bits{.serial = 0};
   std::uint32_t m_extra = 0;  // a text's length, or a small number's denominator
   kind m_kind = kind::blank;
};

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

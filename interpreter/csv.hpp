// RFC 4180 CSV reader: streams the records of a CRM export held in memory, with places and recovery.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace compplan {

// Lines and columns count from 1; columns count bytes from the start of the line
// (a UTF-8 BOM at the start of the input is not counted).
struct csv_error {
   std::uint32_t line = 0;
   std::uint32_t column = 0;
   std::string message;
};

struct csv_field {
   std::string_view text;   // unescaped; quoted fields without "" and unquoted fields view the input
   std::uint32_t line = 0;  // first character of the field: the opening quote when quoted
   std::uint32_t column = 0;
   bool quoted = false;
};

// The fields of a row. A reader appends some ten million of them to a large file's rows, each
// row reusing the room of the one before, so an append is a compare and a store here; the room
// grows (out of line) only for a row wider than any before it.
class csv_fields {
public:
   void clear() noexcept { m_size = 0; }
   void push_back(const csv_field& field)
   {
      if (m_size == m_room.size()) grow();
      m_room[m_size++] = field;
   }
   std::size_t size() const noexcept { return m_size; }
   bool empty() const noexcept { return m_size == 0; }
   csv_field& operator[](std::size_t i) noexcept { return m_room[i]; }
   const csv_field& operator[](std::size_t i) const noexcept { return m_room[i]; }
   const csv_field* begin() const noexcept { return m_room.data(); }
   const csv_field* end() const noexcept { return m_room.data() + m_size; }

private:
   void grow();
   std::vector<csv_field> m_room;  // the first m_size are the row's
   std::size_t m_size = 0;
};

struct csv_row {
   csv_fields fields;               // views valid until this row is read into again
   std::uint32_t line = 0;          // line where the record starts
   std::optional<csv_error> error;  // set when the record is malformed; fields then hold what was read
   // The text of quoted fields with "", unescaped, which their views see. The row keeps it, so
   // that a caller may read the next row into another before it is done with this one.
   std::string unescaped;
};

// Reads one record per call to next(). The text must outlive the reader and the rows it fills.
// Reusing a csv_row (or two, taking turns) across calls keeps the common case free of heap
// allocation.
//
// On a malformed record the first problem is reported in row.error and reading goes on with the
// ordinary rules, so the record ends at the next line break outside a properly quoted field and the
// following records are read as usual. Within the malformed record: a stray quote, a lone CR or a
// NUL byte stays in the field text; characters after a closing quote up to the next ',' or line
// break are dropped. An unterminated quoted field takes the rest of the input and its error
// replaces any earlier one in the record (it is the one that explains the missing rows); its
// place is the end of the input, and the message names the opening quote.
class csv_reader {
public:
   explicit csv_reader(std::string_view text);  // the whole file in memory; a UTF-8 BOM at the start is skipped
   // A stretch of whole lines from inside a file, its first line numbered first_line; no BOM is skipped.
   csv_reader(std::string_view text, std::uint32_t first_line);

   bool next(csv_row& row);  // false at end of input

   // The line of the next unread byte: after next() returned a record, the line following it.
   std::uint32_t current_line() const noexcept { return m_line; }
   // The next unread byte.
   const char* position() const noexcept { return m_pos; }

private:
   struct buffered_field {
      std::size_t index;   // into csv_row::fields
      std::size_t offset;  // into csv_row::unescaped
      std::size_t size;
   };

   void read_unquoted(csv_row& row);
   void read_quoted(csv_row& row);
   void new_line(const char* start) noexcept;
   std::uint32_t column_of(const char* at) const noexcept;
   void fail(csv_row& row, const char* at, std::string message) const;

   const char* m_pos;
   const char* m_end;
   const char* m_line_start;  // first byte of the current line; columns count from here
   std::uint32_t m_line = 1;
   std::vector<buffered_field> m_pending;  // fields whose text lives in the row's unescaped, patched at row end
};

// The index of the first header field whose text equals name exactly, or nullopt.
std::optional<std::size_t> find_column(const csv_row& header, std::string_view name);

}  // namespace compplan

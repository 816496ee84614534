// RFC 4180 CSV reader: table-driven scanning over the input, copying only fields that contain "".
#include "interpreter/csv.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace compplan {

namespace {

// Bytes that end the fast scan inside a field. Everything else is plain text, so the inner loops
// are a single table lookup per byte: that is what keeps a 100 MB export quick.
constexpr std::array<bool, 256> make_stops(std::string_view bytes) {
   std::array<bool, 256> stops{};
   for (char c : bytes) {
      stops[static_cast<unsigned char>(c)] = true;
   }
   return stops;
}

constexpr auto k_unquoted_stops = make_stops(std::string_view(",\n\r\"\0", 5));
// A CR inside quotes is field text, and a lone LF is too; LF stops only to count the line.
constexpr auto k_quoted_stops = make_stops(std::string_view("\"\n\0", 3));

bool stops_at(const std::array<bool, 256>& stops, char c) {
   return stops[static_cast<unsigned char>(c)];
}

// The first byte at or after `at` that stops an unquoted field, or `end`. Fields are short and
// plain, so sixteen bytes are compared with every stop at once where the processor can (SSE2 is
// part of every x86-64), and the table decides the last few bytes of the input.
const char* find_unquoted_stop(const char* at, const char* const end) {
#if defined(__SSE2__)
   const __m128i comma = _mm_set1_epi8(',');
   const __m128i line_feed = _mm_set1_epi8('\n');
   const __m128i carriage_return = _mm_set1_epi8('\r');
   const __m128i quote = _mm_set1_epi8('"');
   const __m128i nul = _mm_setzero_si128();
   while (end - at >= 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      const __m128i stops =
         _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, comma), _mm_cmpeq_epi8(bytes, line_feed)),
                      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, carriage_return), _mm_cmpeq_epi8(bytes, quote)),
                                   _mm_cmpeq_epi8(bytes, nul)));
      if (const int found = _mm_movemask_epi8(stops); found != 0) {
         return at + __builtin_ctz(static_cast<unsigned>(found));
      }
      at += 16;
   }
#endif
   while (at < end && !stops_at(k_unquoted_stops, *at)) {
      ++at;
   }
   return at;
}

bool is_crlf(const char* at, const char* end) {
   return at[0] == '\r' && at + 1 < end && at[1] == '\n';
}

// How a byte reads in a message: the character itself when printable, a name otherwise.
std::string describe(char c) {
   switch (c) {
   case '\r': return "a carriage return";
   case '\t': return "a tab";
   case '\0': return "a NUL byte";
   default: break;
   }
   const auto byte = static_cast<unsigned char>(c);
   if (byte >= 0x20 && byte < 0x7f) {
      return std::string("'") + c + "'";
   }
   constexpr char digits[] = "0123456789ABCDEF";
   return std::string("byte 0x") + digits[byte >> 4] + digits[byte & 0xf];
}

}  // namespace

csv_reader::csv_reader(std::string_view text)
   : m_pos(text.data()), m_end(text.data() + text.size()), m_line_start(text.data()) {
   if (text.starts_with("\xEF\xBB\xBF")) {
      m_pos += 3;
      m_line_start = m_pos;  // the BOM is not part of line 1: its first character is column 1
   }
}

csv_reader::csv_reader(std::string_view text, std::uint32_t first_line)
   : m_pos(text.data()), m_end(text.data() + text.size()), m_line_start(text.data()), m_line(first_line) {}

void csv_reader::new_line(const char* start) noexcept {
   ++m_line;
   m_line_start = start;
}

std::uint32_t csv_reader::column_of(const char* at) const noexcept {
   // Saturate rather than wrap on absurdly long lines: a wrong small column would mislead.
   const auto column = static_cast<std::size_t>(at - m_line_start) + 1;
   constexpr std::size_t max = std::numeric_limits<std::uint32_t>::max();
   return static_cast<std::uint32_t>(column < max ? column : max);
}

void csv_reader::fail(csv_row& row, const char* at, std::string message) const {
   // The first problem is the one to report: later ones are often its consequences.
   if (!row.error) {
      row.error = csv_error{m_line, column_of(at), std::move(message)};
   }
}

void csv_fields::grow() {
   m_room.resize(std::max<std::size_t>(16, 2 * m_room.size()));
}

bool csv_reader::next(csv_row& row) {
   row.fields.clear();
   row.error.reset();
   row.unescaped.clear();
   m_pending.clear();

   // Empty lines carry no record (a lone empty field cannot be told apart from them anyway).
   while (m_pos < m_end) {
      if (*m_pos == '\n') {
         new_line(++m_pos);
      } else if (is_crlf(m_pos, m_end)) {
         m_pos += 2;
         new_line(m_pos);
      } else {
         break;
      }
   }
   if (m_pos == m_end) {
      return false;
   }

   row.line = m_line;
   for (;;) {
      if (m_pos < m_end && *m_pos == '"') {  // after a final ',' the last, empty field is at the end
         read_quoted(row);
      } else {
         read_unquoted(row);
      }
      // A field stops at ',', at a line break or at the end of the input; nothing else.
      if (m_pos == m_end) {
         break;
      }
      if (*m_pos == ',') {
         ++m_pos;  // at the end of the input this still yields the trailing empty field
         continue;
      }
      if (*m_pos == '\n') {
         new_line(++m_pos);
      } else {
         m_pos += 2;  // CRLF
         new_line(m_pos);
      }
      break;
   }

   // Patched only now because appending to the unescaped text may move it while the row is read.
   for (const auto& pending : m_pending) {
      row.fields[pending.index].text = std::string_view(row.unescaped.data() + pending.offset, pending.size);
   }
   return true;
}

void csv_reader::read_unquoted(csv_row& row) {
   const char* start = m_pos;
   for (;;) {
      m_pos = find_unquoted_stop(m_pos, m_end);
      if (m_pos == m_end || *m_pos == ',' || *m_pos == '\n' || is_crlf(m_pos, m_end)) {
         break;
      }
      // The remaining stops are malformed but kept as text, so the field shows what was there.
      switch (*m_pos) {
      case '"': fail(row, m_pos, "unexpected quote inside an unquoted field"); break;
      case '\r':
         fail(row, m_pos, "carriage return without a line feed inside an unquoted field "
                          "(lines must end with LF or CRLF)");
         break;
      default: fail(row, m_pos, "NUL byte in field"); break;
      }
      ++m_pos;
   }
   row.fields.push_back(csv_field{std::string_view(start, static_cast<std::size_t>(m_pos - start)),
                                  m_line, column_of(start), false});
}

void csv_reader::read_quoted(csv_row& row) {
   const char* open = m_pos;
   const std::uint32_t open_line = m_line;
   const std::uint32_t open_column = column_of(open);
   const char* content = ++m_pos;
   const char* segment = content;  // start of the text not yet copied, once copying began
   bool buffered = false;           // set at the first "": only then does the field need a copy
   std::size_t offset = 0;
   const std::size_t index = row.fields.size();
   row.fields.push_back(csv_field{{}, open_line, open_column, true});

   for (;;) {
      while (m_pos < m_end && !stops_at(k_quoted_stops, *m_pos)) {
         ++m_pos;
      }
      if (m_pos == m_end) {
         // Everything after the quote was swallowed: this error explains why no rows follow,
         // so it replaces whatever the record reported before.
         row.error = csv_error{m_line, column_of(m_pos),
                               "unterminated quoted field: the quote opened at line " +
                                  std::to_string(open_line) + ", column " + std::to_string(open_column) +
                                  " is never closed"};
         break;
      }
      if (*m_pos == '\n') {
         new_line(++m_pos);  // the line break stays in the text, as it was written
         continue;
      }
      if (*m_pos == '\0') {
         fail(row, m_pos, "NUL byte in field");
         ++m_pos;
         continue;
      }
      if (m_pos + 1 < m_end && m_pos[1] == '"') {
         if (!buffered) {
            buffered = true;
            offset = row.unescaped.size();
         }
         row.unescaped.append(segment, m_pos + 1);  // up to and including one of the two quotes
         m_pos += 2;
         segment = m_pos;
         continue;
      }
      break;  // the closing quote
   }

   const char* close = m_pos;
   if (buffered) {
      row.unescaped.append(segment, close);
      m_pending.push_back(buffered_field{index, offset, row.unescaped.size() - offset});
   } else {
      row.fields[index].text = std::string_view(content, static_cast<std::size_t>(close - content));
   }
   if (m_pos == m_end) {
      return;
   }

   ++m_pos;  // past the closing quote
   if (m_pos == m_end || *m_pos == ',' || *m_pos == '\n' || is_crlf(m_pos, m_end)) {
      return;
   }
   fail(row, m_pos, "expected ',' or end of line after the closing quote, found " + describe(*m_pos));
   // Drop the rest of the field; quotes in it open nothing, so the record ends at the next line break.
   while (m_pos < m_end && *m_pos != ',' && *m_pos != '\n' && !is_crlf(m_pos, m_end)) {
      ++m_pos;
   }
}

std::optional<std::size_t> find_column(const csv_row& header, std::string_view name) {
   for (std::size_t i = 0; i < header.fields.size(); ++i) {
      if (header.fields[i].text == name) {
         return i;
      }
   }
   return std::nullopt;
}

}  // namespace compplan

// The one diagnostic type for every stage (P parse, C check, L lint, R runtime/input).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace compplan {

enum class severity { error, warning, note };
std::string_view to_string(severity level);

// A place in a named file. Lines and columns count from 1; columns count bytes.
// end_line/end_column point one past the last character (end == start: a point).
struct source_span {
   std::string file;
   std::uint32_t line = 0;
   std::uint32_t column = 0;
   std::uint32_t end_line = 0;
   std::uint32_t end_column = 0;

   bool known() const { return line != 0; }
   static source_span point(std::string file, std::uint32_t line, std::uint32_t column);
};

struct diagnostic_note {
   source_span span;  // may be unknown: a note with no place
   std::string message;
};

struct diagnostic {
   severity level = severity::error;
   std::string code;  // stable: P001, C012, R004...
   source_span span;
   std::string message;
   std::vector<diagnostic_note> notes;
   std::string suppression;  // the reason the plan gives for silencing it; empty: not silenced

   bool silenced() const { return !suppression.empty(); }
};

// Diagnostics collected by a pass, in the order found.
class diagnostic_list {
public:
   diagnostic& add(severity level, std::string code, source_span span, std::string message);
   diagnostic& error(std::string code, source_span span, std::string message)
   {
      return add(severity::error, std::move(code), std::move(span), std::move(message));
   }
   diagnostic& warning(std::string code, source_span span, std::string message)
   {
      return add(severity::warning, std::move(code), std::move(span), std::move(message));
   }
   void append(const diagnostic_list& other);
   // Orders by file, line and column, keeping the found order among equal places.
   void sort_by_place();

   bool has_errors() const;
   std::size_t error_count() const;
   std::size_t warning_count() const;
   std::size_t silenced_count() const;  // silenced diagnostics count in neither of the above
   bool empty() const { return m_items.empty(); }
   std::size_t size() const { return m_items.size(); }
   const std::vector<diagnostic>& items() const { return m_items; }
   auto begin() const { return m_items.begin(); }
   auto end() const { return m_items.end(); }
   std::vector<diagnostic>& edit() { return m_items; }

private:
   std::vector<diagnostic> m_items;
};

// Returns the text of a file by name, or nullptr when it is not available.
using source_lookup = std::function<const std::string*(std::string_view file)>;

// file:line:col: error[CODE]: message, the source line, a caret line under the span,
// then each note the same way. Without the source text, only the header lines. A list leaves
// out its silenced diagnostics.
// A source line longer than max_excerpt_bytes is shown as a window of that many bytes that starts
// excerpt_context_bytes before the span (or earlier, near the end of the line), with "..." marking
// each cut; the carets stop at the window's end.
inline constexpr std::size_t max_excerpt_bytes = 160;
inline constexpr std::size_t excerpt_context_bytes = 40;
std::string render_text(const diagnostic& item, const source_lookup& lookup);
std::string render_text(const diagnostic_list& items, const source_lookup& lookup);

// The text of line `line` (1-based) of `text`, without its line ending.
std::string_view line_of(std::string_view text, std::uint32_t line);

}  // namespace compplan

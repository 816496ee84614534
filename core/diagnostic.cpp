// Diagnostic collection and the plain-text rendering with source excerpts and carets.
#include "core/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace compplan {

namespace {

// Where each line of a text starts, found only as far as asked and kept: rendering many
// diagnostics of one large file then reads it once, not once per diagnostic.
class line_starts {
public:
   explicit line_starts(std::string_view text) : m_text(text) {}

   // Line `line` without its ending, or nothing when the text has fewer lines. The empty
   // remainder after a final newline counts as a line, so an end-of-file span can be shown.
   std::optional<std::string_view> line(std::uint32_t line)
   {
      if (line == 0) {
         return std::nullopt;
      }
      while (m_starts.size() < line) {
         const std::size_t newline = m_text.find('\n', m_starts.back());
         if (newline == std::string_view::npos) {
            return std::nullopt;
         }
         m_starts.push_back(newline + 1);
      }
      const std::size_t start = m_starts[line - 1];
      const std::size_t end = m_text.find('\n', start);
      std::string_view result = m_text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      if (!result.empty() && result.back() == '\r') {
         result.remove_suffix(1);
      }
      return result;
   }

private:
   std::string_view m_text;
   std::vector<std::size_t> m_starts{0};  // m_starts[i]: offset of line i + 1
};

// The source lines that excerpts show, by file, through one line index per file text.
class excerpt_source {
public:
   explicit excerpt_source(const source_lookup& lookup) : m_lookup(lookup) {}

   // The source line a span starts on, when its file's text can be had.
   std::optional<std::string_view> line_of(const source_span& span)
   {
      if (!span.known() || !m_lookup) {
         return std::nullopt;
      }
      const std::string* text = m_lookup(span.file);
      if (text == nullptr) {
         return std::nullopt;
      }
      return m_lines.try_emplace(text, *text).first->second.line(span.line);
   }

private:
   const source_lookup& m_lookup;
   std::map<const std::string*, line_starts> m_lines;
};

std::size_t digit_count(std::uint32_t value)
{
   std::size_t count = 1;
   while (value >= 10) {
      value /= 10;
      ++count;
   }
   return count;
}

// `   12 | source` and the caret line under the span; `width` is the line-number column.
void render_excerpt(std::string& out, const source_span& span, std::string_view line, std::size_t width)
{
   out += fmt::format(" {:>{}} | {}\n", span.line, width, line);
   out += fmt::format(" {:>{}} | ", "", width);
   std::size_t offset = span.column > 0 ? span.column - 1 : 0;
   // Copy tabs so the carets sit under the same characters whatever the tab width.
   for (std::size_t i = 0; i < offset; ++i) {
      out.push_back(i < line.size() && line[i] == '\t' ? '\t' : ' ');
   }
   std::size_t carets = 1;
   if (span.end_line == span.line && span.end_column > span.column) {
      carets = span.end_column - span.column;
   } else if (span.end_line > span.line && line.size() > offset) {
      carets = line.size() - offset;  // the span goes on below: mark to the end of this line
   }
   out.append(carets, '^');
   out.push_back('\n');
}

std::string location(const source_span& span)
{
   return fmt::format("{}:{}:{}: ", span.file, span.line, span.column);
}

}  // namespace

std::string_view to_string(severity level)
{
   switch (level) {
   case severity::error:
      return "error";
   case severity::warning:
      return "warning";
   case severity::note:
      return "note";
   }
   return "?";
}

source_span source_span::point(std::string file, std::uint32_t line, std::uint32_t column)
{
   return source_span{std::move(file), line, column, line, column + 1};
}

diagnostic& diagnostic_list::add(severity level, std::string code, source_span span, std::string message)
{
   m_items.push_back(diagnostic{level, std::move(code), std::move(span), std::move(message), {}, {}});
   return m_items.back();
}

void diagnostic_list::append(const diagnostic_list& other)
{
   m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool diagnostic_list::has_errors() const
{
   return error_count() > 0;
}

std::size_t diagnostic_list::error_count() const
{
   return static_cast<std::size_t>(std::count_if(
      m_items.begin(), m_items.end(), [](const diagnostic& d) { return d.level == severity::error && !d.silenced(); }));
}

std::size_t diagnostic_list::silenced_count() const
{
   return static_cast<std::size_t>(
      std::count_if(m_items.begin(), m_items.end(), [](const diagnostic& d) { return d.silenced(); }));
}

std::size_t diagnostic_list::warning_count() const
{
   return static_cast<std::size_t>(std::count_if(
      m_items.begin(), m_items.end(), [](const diagnostic& d) { return d.level == severity::warning && !d.silenced(); }));
}

namespace {

std::string render_with(const diagnostic& item, excerpt_source& source)
{
   // Source lines are looked up once; the gutter is as wide as the largest line number shown
   // (at least four digits) so every excerpt of one diagnostic lines up.
   std::optional<std::string_view> main_line = source.line_of(item.span);
   std::vector<std::optional<std::string_view>> note_lines;
   std::uint32_t largest = 0;
   if (main_line) {
      largest = item.span.line;
   }
   for (const diagnostic_note& note : item.notes) {
      note_lines.push_back(source.line_of(note.span));
      if (note_lines.back()) {
         largest = std::max(largest, note.span.line);
      }
   }
   std::size_t width = std::max<std::size_t>(4, digit_count(largest));

   std::string out;
   if (item.span.known()) {
      out += location(item.span);
   }
   out += to_string(item.level);
   if (!item.code.empty()) {
      out += fmt::format("[{}]", item.code);
   }
   out += fmt::format(": {}\n", item.message);
   if (main_line) {
      render_excerpt(out, item.span, *main_line, width);
   }
   for (std::size_t i = 0; i < item.notes.size(); ++i) {
      const diagnostic_note& note = item.notes[i];
      if (note.span.known()) {
         out += location(note.span);
      }
      out += fmt::format("note: {}\n", note.message);
      if (note_lines[i]) {
         render_excerpt(out, note.span, *note_lines[i], width);
      }
   }
   return out;
}

}  // namespace

std::string render_text(const diagnostic& item, const source_lookup& lookup)
{
   excerpt_source source(lookup);
   return render_with(item, source);
}

std::string render_text(const diagnostic_list& items, const source_lookup& lookup)
{
   excerpt_source source(lookup);
   std::string out;
   for (const diagnostic& item : items) {
      if (item.silenced()) continue;
      out += render_with(item, source);
   }
   return out;
}

std::string_view line_of(std::string_view text, std::uint32_t line)
{
   return line_starts(text).line(line).value_or(std::string_view{});
}

void diagnostic_list::sort_by_place()
{
   std::stable_sort(m_items.begin(), m_items.end(), [](const diagnostic& a, const diagnostic& b) {
      return std::tie(a.span.file, a.span.line, a.span.column) < std::tie(b.span.file, b.span.line, b.span.column);
   });
}

}  // namespace compplan

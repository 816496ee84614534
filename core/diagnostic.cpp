// Diagnostic collection and the plain-text rendering with source excerpts and carets.
#include "core/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace compplan {

namespace {

// The text of a line from its start offset, without its ending.
std::string_view line_from(std::string_view text, std::size_t start)
{
   std::size_t end = text.find('\n', start);
   std::string_view result = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
   if (!result.empty() && result.back() == '\r') {
      result.remove_suffix(1);
   }
   return result;
}

// Line `line` of `text` without its ending, or nothing when the text has fewer lines. The
// empty remainder after a final newline counts as a line, so an end-of-file span can be shown.
std::optional<std::string_view> find_line(std::string_view text, std::uint32_t line)
{
   if (line == 0) {
      return std::nullopt;
   }
   std::size_t start = 0;
   for (std::uint32_t current = 1; current < line; ++current) {
      std::size_t newline = text.find('\n', start);
      if (newline == std::string_view::npos) {
         return std::nullopt;
      }
      start = newline + 1;
   }
   return line_from(text, start);
}

// Source lines of the files a rendering shows. Each file's line starts are indexed once, so
// rendering many diagnostics on one large file (a deals export with every row bad) stays linear.
class line_finder {
public:
   explicit line_finder(const source_lookup& lookup) : m_lookup(lookup) {}

   // The source line a span starts on, when its file's text can be had.
   std::optional<std::string_view> line(const source_span& span)
   {
      if (!span.known() || !m_lookup) {
         return std::nullopt;
      }
      auto found = m_files.find(span.file);
      if (found == m_files.end()) {
         found = m_files.emplace(span.file, index(m_lookup(span.file))).first;
      }
      const indexed_file& file = found->second;
      if (file.text == nullptr || span.line > file.starts.size()) {
         return std::nullopt;
      }
      return line_from(*file.text, file.starts[span.line - 1]);
   }

private:
   struct indexed_file {
      const std::string* text = nullptr;
      std::vector<std::size_t> starts;  // offset of each line's first byte
   };

   static indexed_file index(const std::string* text)
   {
      indexed_file file{text, {}};
      if (text != nullptr) {
         file.starts.push_back(0);
         for (std::size_t at = text->find('\n'); at != std::string::npos; at = text->find('\n', at + 1)) {
            file.starts.push_back(at + 1);
         }
      }
      return file;
   }

   const source_lookup& m_lookup;
   std::map<std::string, indexed_file, std::less<>> m_files;
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

// `   12 | source` and the caret line under the span; `width` is the line-number column. A line
// longer than max_excerpt_bytes is shown as a window of that many bytes starting a little before
// the span, with "..." where it was cut, so one huge line cannot flood the output.
void render_excerpt(std::string& out, const source_span& span, std::string_view line, std::size_t width)
{
   const std::size_t offset = std::min<std::size_t>(span.column > 0 ? span.column - 1 : 0, line.size());
   std::size_t carets = 1;
   if (span.end_line == span.line && span.end_column > span.column) {
      carets = span.end_column - span.column;
   } else if (span.end_line > span.line && line.size() > offset) {
      carets = line.size() - offset;  // the span goes on below: mark to the end of this line
   }
   std::size_t from = 0;
   std::size_t to = line.size();
   if (line.size() > max_excerpt_bytes) {
      from = std::min(offset > excerpt_context_bytes ? offset - excerpt_context_bytes : 0, line.size() - max_excerpt_bytes);
      to = from + max_excerpt_bytes;
      // Cut between characters, not inside a UTF-8 sequence.
      while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) {
         --from;
      }
      while (to < line.size() && (static_cast<unsigned char>(line[to]) & 0xC0) == 0x80) {
         --to;
      }
   }
   const std::string_view before = from > 0 ? "..." : "";
   const std::string_view after = to < line.size() ? "..." : "";
   out += fmt::format(" {:>{}} | {}{}{}\n", span.line, width, before, line.substr(from, to - from), after);
   out += fmt::format(" {:>{}} | {}", "", width, std::string(before.size(), ' '));
   // Copy tabs so the carets sit under the same characters whatever the tab width.
   for (std::size_t i = from; i < offset; ++i) {
      out.push_back(line[i] == '\t' ? '\t' : ' ');
   }
   out.append(std::min(carets, std::max<std::size_t>(to - offset, 1)), '^');
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

std::string render_with(const diagnostic& item, line_finder& lines)
{
   // Source lines are looked up once; the gutter is as wide as the largest line number shown
   // (at least four digits) so every excerpt of one diagnostic lines up.
   std::optional<std::string_view> main_line = lines.line(item.span);
   std::vector<std::optional<std::string_view>> note_lines;
   std::uint32_t largest = 0;
   if (main_line) {
      largest = item.span.line;
   }
   for (const diagnostic_note& note : item.notes) {
      note_lines.push_back(lines.line(note.span));
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
   line_finder lines(lookup);
   return render_with(item, lines);
}

std::string render_text(const diagnostic_list& items, const source_lookup& lookup)
{
   line_finder lines(lookup);
   std::string out;
   for (const diagnostic& item : items) {
      if (item.silenced()) continue;
      out += render_with(item, lines);
   }
   return out;
}

std::string_view line_of(std::string_view text, std::uint32_t line)
{
   return find_line(text, line).value_or(std::string_view{});
}

void diagnostic_list::sort_by_place()
{
   std::stable_sort(m_items.begin(), m_items.end(), [](const diagnostic& a, const diagnostic& b) {
      return std::tie(a.span.file, a.span.line, a.span.column) < std::tie(b.span.file, b.span.line, b.span.column);
   });
}

}  // namespace compplan

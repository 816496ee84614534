// Rewriting expect lines in place: an edit per failed example, all applied in one pass over the
// file's lines, so that each edit's line numbers are those the parser gave.
#include "examples/update.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace compplan {

namespace {

// The file's lines, each with its line ending.
std::vector<std::string> split_lines(std::string_view text)
{
   std::vector<std::string> lines;
   while (!text.empty()) {
      const auto end = text.find('\n');
      const auto size = end == std::string_view::npos ? text.size() : end + 1;
      lines.emplace_back(text.substr(0, size));
      text.remove_prefix(size);
   }
   return lines;
}

bool blank(std::string_view text)
{
   return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string indentation(std::string_view line)
{
   return std::string(line.substr(0, line.find_first_not_of(" \t")));
}

struct edit {
   std::uint32_t insert_at = 0;  // the block goes before this line
   std::set<std::uint32_t> removed;
   std::vector<std::string> block;
};

class file_lines {
public:
   explicit file_lines(std::string_view text)
      : m_lines(split_lines(text)), m_eol(text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n")
   {}

   const std::string& line(std::uint32_t number) const { return m_lines[number - 1]; }
   const std::string& eol() const { return m_eol; }

   // Whether an expectation has its lines to itself (a trailing comment is allowed).
   bool stands_alone(const source_span& span) const
   {
      const auto& first = line(span.line);
      const auto& last = line(span.end_line);
      const auto rest = std::string_view(last).substr(std::min<std::size_t>(span.end_column - 1, last.size()));
      const auto after = rest.substr(std::min(rest.size(), rest.find_first_not_of(" \t")));
      return blank(first.substr(0, span.column - 1)) && (blank(after) || after.starts_with("//"));
   }

   std::string lines_of(const source_span& span) const
   {
      std::string text;
      for (auto n = span.line; n <= span.end_line; ++n) text += line(n);
      return text;
   }

   std::string apply(const std::vector<edit>& edits) const
   {
      std::map<std::uint32_t, const edit*> at;
      std::set<std::uint32_t> removed;
      for (const auto& e : edits) {
         at[e.insert_at] = &e;
         removed.insert(e.removed.begin(), e.removed.end());
      }
      std::string text;
      for (std::uint32_t n = 1; n <= m_lines.size(); ++n) {
         if (const auto it = at.find(n); it != at.end()) {
            for (const auto& entry : it->second->block) text += entry;
         }
         if (!removed.contains(n)) text += m_lines[n - 1];
      }
      return text;
   }

private:
   std::vector<std::string> m_lines;
   std::string m_eol;
};

// Where new expect lines go, and with what indentation, in an example without any.
std::pair<std::uint32_t, std::string> empty_example_place(const file_lines& lines, const ast::example& example)
{
   const auto& close = lines.line(example.span.end_line);
   const auto indent = example.rows.empty() ? indentation(close) + "   " : indentation(lines.line(example.rows.front().span.line));
   return {example.span.end_line, indent};
}

// An expect line's place in the rewritten block: a line that held (kept as written), a line that
// did not (its slot goes to the paid line with the same identity, or goes away), or a new line.
struct block_entry {
   std::string text;
   std::string identity;  // of a line that did not hold: the slot's owner
   std::string key;       // of a line that held: its rendering
   bool held = false;
};

// What makes two lines the same line with different values: the deal, and for a ledger line the
// person, role and tranche (a recovery has none).
std::string identity_of(const expect_line& line)
{
   const bool ledger = line.kind == ast::expected_kind::pays || line.kind == ast::expected_kind::recovers;
   return ledger ? fmt::format("{}\n{}\n{}\n{}\n{}", line.deal, static_cast<int>(line.kind), line.person, line.role, line.tranche)
                 : line.deal;
}

std::optional<edit> edit_for(const file_lines& lines, const example_result& result, int places, std::string& problem)
{
   const auto& example = *result.example;
   for (const auto& given : example.expectations) {
      if (!lines.stands_alone(given.span)) {
         problem = fmt::format("the expect line at line {} shares its line with something else", given.span.line);
         return std::nullopt;
      }
   }
   if (example.expectations.empty() &&
       !blank(std::string_view(lines.line(example.span.end_line)).substr(0, example.span.end_column - 2))) {
      problem = "its closing '}' shares its line with something else";
      return std::nullopt;
   }
   edit change;
   std::string indent;
   if (example.expectations.empty()) {
      std::tie(change.insert_at, indent) = empty_example_place(lines, example);
   }
   else {
      change.insert_at = example.expectations.front().span.line;
      indent = indentation(lines.line(change.insert_at));
   }
   std::multiset<std::string> paid;
   for (const auto& line : result.actual) paid.insert(render(line, places, false));
   std::vector<block_entry> block;
   std::multiset<std::string> held;
   for (std::size_t i = 0; i < example.expectations.size(); ++i) {
      const auto& given = example.expectations[i];
      for (auto n = given.span.line; n <= given.span.end_line; ++n) change.removed.insert(n);
      const auto key = render(result.expected[i], places, false);
      if (const auto it = paid.find(key); it != paid.end()) {
         paid.erase(it);
         held.insert(key);
         block.push_back({lines.lines_of(given.span), {}, key, true});
      }
      else {
         block.push_back({{}, identity_of(result.expected[i]), {}, false});
      }
   }
   // A paid line that no expect line held takes the slot of the wrong line it corrects, or else
   // goes after the line the run put before it.
   std::size_t next = 0;
   for (const auto& line : result.actual) {
      const auto key = render(line, places, false);
      const auto find = [&](auto&& matches) {
         return static_cast<std::size_t>(std::find_if(block.begin(), block.end(), matches) - block.begin());
      };
      if (const auto it = held.find(key); it != held.end()) {
         held.erase(it);
         next = find([&](const block_entry& entry) { return entry.held && entry.key == key; }) + 1;
         continue;
      }
      const auto text = indent + render(line, places) + lines.eol();
      const auto slot = find([&](const block_entry& entry) { return !entry.held && entry.text.empty() && entry.identity == identity_of(line); });
      if (slot < block.size()) {
         block[slot].text = text;
         next = slot + 1;
         continue;
      }
      block.insert(block.begin() + static_cast<std::ptrdiff_t>(next), {text, {}, {}, false});
      ++next;
   }
   for (auto& entry : block) {
      if (!entry.text.empty()) change.block.push_back(std::move(entry.text));
   }
   return change;
}

}  // namespace

update_result update_expectations(std::string_view text, std::string_view file,
                                  const std::vector<example_result>& results, int currency_places)
{
   const file_lines lines(text);
   update_result result;
   std::vector<edit> edits;
   for (const auto& run : results) {
      if (run.passed() || !run.problems.empty() || run.example->span.file != file) continue;
      std::string problem;
      if (auto change = edit_for(lines, run, currency_places, problem)) {
         edits.push_back(std::move(*change));
         result.updated.push_back(run.example->name.text);
      }
      else {
         result.skipped.push_back(fmt::format("{}: {}", run.example->name.text, problem));
      }
   }
   result.text = edits.empty() ? std::string(text) : lines.apply(edits);
   return result;
}

}  // namespace compplan

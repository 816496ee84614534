// Unit tests for diagnostics: the exact text rendering, line lookup and the list's counts.
#include "core/diagnostic.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using compplan::diagnostic;
using compplan::diagnostic_list;
using compplan::diagnostic_note;
using compplan::render_text;
using compplan::severity;
using compplan::source_lookup;
using compplan::source_span;

namespace {

// Twelve lines: the role on line 3, a tab-indented line 5, the bad percentage on line 12.
const std::string plan_text =
   "plan \"x\"\n"
   "currency USD\n"
   "role AE\n"
   "\n"
   "\trate\t= 70x\n"
   "line 6\n"
   "line 7\n"
   "line 8\n"
   "line 9\n"
   "line 10\n"
   "line 11\n"
   "    commission for role AE is 70 of bookings\n";

const std::map<std::string, std::string, std::less<>> files = {
   {"plans/x.plan", plan_text},
   {"plans/roles.plan", "# roles\r\nrole AE\r\n"},
};

const source_lookup lookup = [](std::string_view file) -> const std::string* {
   auto found = files.find(file);
   return found == files.end() ? nullptr : &found->second;
};

source_span span(std::string file, std::uint32_t line, std::uint32_t column, std::uint32_t end_line,
                 std::uint32_t end_column)
{
   return source_span{std::move(file), line, column, end_line, end_column};
}

diagnostic percentage_error()
{
   diagnostic item;
   item.code = "P004";
   item.span = span("plans/x.plan", 12, 31, 12, 33);
   item.message = "expected a percentage after 'AE', found '70'";
   return item;
}

}  // namespace

TEST_CASE("render_text shows the source line and carets under the span", "[core][diagnostic]")
{
   CHECK(render_text(percentage_error(), lookup) ==
         "plans/x.plan:12:31: error[P004]: expected a percentage after 'AE', found '70'\n"
         "   12 |     commission for role AE is 70 of bookings\n"
         "      |                               ^^\n");
}

TEST_CASE("render_text renders notes with and without a place", "[core][diagnostic]")
{
   diagnostic item = percentage_error();
   item.notes.push_back(diagnostic_note{span("plans/x.plan", 3, 6, 3, 8), "'AE' is declared here"});
   item.notes.push_back(diagnostic_note{source_span{}, "write 70% for a percentage"});
   item.notes.push_back(diagnostic_note{source_span::point("plans/roles.plan", 2, 1), "and also here"});
   CHECK(render_text(item, lookup) ==
         "plans/x.plan:12:31: error[P004]: expected a percentage after 'AE', found '70'\n"
         "   12 |     commission for role AE is 70 of bookings\n"
         "      |                               ^^\n"
         "plans/x.plan:3:6: note: 'AE' is declared here\n"
         "    3 | role AE\n"
         "      |      ^^\n"
         "note: write 70% for a percentage\n"
         "plans/roles.plan:2:1: note: and also here\n"
         "    2 | role AE\n"
         "      | ^\n");
}

TEST_CASE("render_text copies tabs into the caret line", "[core][diagnostic]")
{
   diagnostic item;
   item.code = "P002";
   item.span = span("plans/x.plan", 5, 9, 5, 12);
   item.message = "unexpected '70x'";
   CHECK(render_text(item, lookup) ==
         "plans/x.plan:5:9: error[P002]: unexpected '70x'\n"
         "    5 | \trate\t= 70x\n"
         "      | \t    \t  ^^^\n");
}

TEST_CASE("render_text renders warnings", "[core][diagnostic]")
{
   diagnostic item;
   item.level = severity::warning;
   item.code = "L001";
   item.span = span("plans/x.plan", 2, 10, 2, 13);
   item.message = "currency USD is the default";
   CHECK(render_text(item, lookup) ==
         "plans/x.plan:2:10: warning[L001]: currency USD is the default\n"
         "    2 | currency USD\n"
         "      |          ^^^\n");
}

TEST_CASE("render_text without a place or without the source", "[core][diagnostic]")
{
   diagnostic item;
   item.code = "R004";
   item.message = "no deals file given";
   item.notes.push_back(diagnostic_note{source_span{}, "pass --deals FILE"});
   CHECK(render_text(item, lookup) == "error[R004]: no deals file given\nnote: pass --deals FILE\n");

   diagnostic missing = percentage_error();
   missing.span.file = "plans/elsewhere.plan";
   CHECK(render_text(missing, lookup) ==
         "plans/elsewhere.plan:12:31: error[P004]: expected a percentage after 'AE', found '70'\n");
   CHECK(render_text(percentage_error(), source_lookup{}) ==
         "plans/x.plan:12:31: error[P004]: expected a percentage after 'AE', found '70'\n");
   // A line past the end of the file shows no excerpt rather than an invented one.
   diagnostic past_end = percentage_error();
   past_end.span = source_span::point("plans/x.plan", 40, 1);
   CHECK(render_text(past_end, lookup) == "plans/x.plan:40:1: error[P004]: expected a percentage after 'AE', found '70'\n");
}

TEST_CASE("render_text caret widths for points and multi-line spans", "[core][diagnostic]")
{
   diagnostic item;
   item.code = "P001";
   item.message = "m";
   SECTION("a point gets one caret")
   {
      item.span = source_span::point("plans/x.plan", 3, 1);
      CHECK(render_text(item, lookup) ==
            "plans/x.plan:3:1: error[P001]: m\n"
            "    3 | role AE\n"
            "      | ^\n");
   }
   SECTION("a span running onto later lines is marked to the end of its first line")
   {
      item.span = span("plans/x.plan", 12, 29, 14, 2);
      CHECK(render_text(item, lookup) ==
            "plans/x.plan:12:29: error[P001]: m\n"
            "   12 |     commission for role AE is 70 of bookings\n"
            "      |                             ^^^^^^^^^^^^^^^^\n");
   }
   SECTION("an empty span still gets one caret")
   {
      item.span = span("plans/x.plan", 3, 6, 3, 6);
      CHECK(render_text(item, lookup) ==
            "plans/x.plan:3:6: error[P001]: m\n"
            "    3 | role AE\n"
            "      |      ^\n");
   }
}

TEST_CASE("render_text widens the gutter for large line numbers", "[core][diagnostic]")
{
   std::string long_text;
   for (int i = 1; i < 12345; ++i) {
      long_text += "x\n";
   }
   long_text += "final line\n";
   const source_lookup long_lookup = [&](std::string_view file) -> const std::string* {
      return file == "big.plan" ? &long_text : nullptr;
   };
   diagnostic item;
   item.code = "C010";
   item.span = span("big.plan", 12345, 7, 12345, 11);
   item.message = "unused";
   item.notes.push_back(diagnostic_note{source_span::point("big.plan", 3, 1), "first use"});
   CHECK(render_text(item, long_lookup) ==
         "big.plan:12345:7: error[C010]: unused\n"
         " 12345 | final line\n"
         "       |       ^^^^\n"
         "big.plan:3:1: note: first use\n"
         "     3 | x\n"
         "       | ^\n");
}

TEST_CASE("diagnostic_list collects and renders in order", "[core][diagnostic]")
{
   diagnostic_list list;
   CHECK(list.empty());
   list.warning("L001", source_span::point("plans/x.plan", 2, 10), "w");
   CHECK_FALSE(list.has_errors());
   list.error("P004", source_span{}, "e").notes.push_back(diagnostic_note{source_span{}, "n"});
   diagnostic_list other;
   other.error("C001", source_span{}, "second error");
   list.append(other);
   CHECK(list.size() == 3);
   CHECK(list.error_count() == 2);
   CHECK(list.warning_count() == 1);
   CHECK(list.has_errors());
   CHECK(render_text(list, lookup) ==
         "plans/x.plan:2:10: warning[L001]: w\n"
         "    2 | currency USD\n"
         "      |          ^\n"
         "error[P004]: e\n"
         "note: n\n"
         "error[C001]: second error\n");
}

TEST_CASE("line_of and the small helpers", "[core][diagnostic]")
{
   const std::string_view text = "a\r\nbb\nccc";
   CHECK(compplan::line_of(text, 1) == "a");
   CHECK(compplan::line_of(text, 2) == "bb");
   CHECK(compplan::line_of(text, 3) == "ccc");
   CHECK(compplan::line_of(text, 4).empty());
   CHECK(compplan::line_of(text, 0).empty());
   CHECK(compplan::line_of("one\n\nthree\n", 2).empty());
   CHECK(compplan::line_of("one\n\nthree\n", 3) == "three");

   const source_span point = source_span::point("f", 4, 9);
   CHECK(point.end_line == 4);
   CHECK(point.end_column == 10);
   CHECK(point.known());
   CHECK_FALSE(source_span{}.known());

   CHECK(compplan::to_string(severity::error) == "error");
   CHECK(compplan::to_string(severity::warning) == "warning");
   CHECK(compplan::to_string(severity::note) == "note");
}

TEST_CASE("render_text shows a window of a long line", "[core][diagnostic]")
{
   // 300 bytes: digits 0-9 repeated, so the window's bounds can be read off its first digit.
   std::string long_line;
   for (int i = 0; i < 300; ++i) {
      long_line += static_cast<char>('0' + i % 10);
   }
   const std::map<std::string, std::string, std::less<>> long_files{
      {"long.csv", long_line + "\n"},
      {"utf8.csv", std::string(100, 'a') + "\xC3\xA9" + std::string(200, 'b')},
   };
   const source_lookup long_lookup = [&](std::string_view file) -> const std::string* {
      auto found = long_files.find(file);
      return found == long_files.end() ? nullptr : &found->second;
   };
   const auto render = [&](source_span where) {
      diagnostic item;
      item.code = "R003";
      item.span = std::move(where);
      item.message = "m";
      return render_text(item, long_lookup);
   };
   const std::string gutter = "      | ";

   SECTION("in the middle: from 40 bytes before the place, cut on both sides")
   {
      const auto out = render(span("long.csv", 1, 151, 1, 154));  // byte 150, a '0'
      CHECK(out == "long.csv:1:151: error[R003]: m\n    1 | ..." + long_line.substr(110, 160) + "...\n" + gutter +
                      std::string(3 + 40, ' ') + "^^^\n");
   }
   SECTION("near the start: no cut before")
   {
      const auto out = render(span("long.csv", 1, 5, 1, 6));
      CHECK(out == "long.csv:1:5: error[R003]: m\n    1 | " + long_line.substr(0, 160) + "...\n" + gutter + "    ^\n");
   }
   SECTION("near the end: the window ends with the line")
   {
      const auto out = render(span("long.csv", 1, 295, 1, 296));
      CHECK(out == "long.csv:1:295: error[R003]: m\n    1 | ..." + long_line.substr(140) + "\n" + gutter +
                      std::string(3 + 154, ' ') + "^\n");
   }
   SECTION("carets stop at the end of the window")
   {
      const auto out = render(span("long.csv", 1, 1, 1, 301));
      CHECK(out == "long.csv:1:1: error[R003]: m\n    1 | " + long_line.substr(0, 160) + "...\n" + gutter +
                      std::string(160, '^') + "\n");
   }
   SECTION("a cut never splits a UTF-8 sequence")
   {
      // The window would start at byte 101, inside the two bytes of the e with acute; it starts at 100.
      const auto out = render(span("utf8.csv", 1, 142, 1, 143));
      CHECK(out == "utf8.csv:1:142: error[R003]: m\n    1 | ..." + std::string("\xC3\xA9") + std::string(159, 'b') +
                      "...\n" + gutter + std::string(3 + 41, ' ') + "^\n");
   }
}

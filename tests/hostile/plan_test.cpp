// Hostile plans, generated here rather than kept as files: each gets one clear diagnostic at a
// named place, with an excerpt of bounded size, and nothing crashes or overflows the stack.
#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "tests/support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace compplan;

namespace {

const std::string plan_name = "hostile.plan";

struct checked_text {
   diagnostic_list diagnostics;
   std::string rendered;
};

// What `compplan check` reports for the text: parse diagnostics, then the checker's.
checked_text check_text(const std::string& text)
{
   checked_text out;
   auto parsed = parse_plan(text, plan_name);
   out.diagnostics = parsed.diagnostics;
   if (parsed.plan) {
      out.diagnostics.append(check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan))).diagnostics);
   }
   out.rendered = render_text(out.diagnostics, [&](std::string_view file) -> const std::string* {
      return file == plan_name ? &text : nullptr;
   });
   return out;
}

std::string first_line(const std::string& text)
{
   return text.substr(0, text.find('\n'));
}

using test_support::repeated;

struct hostile_plan {
   std::string name;
   std::string text;
   std::string expected;  // the first line of the rendered diagnostics
};

}  // namespace

TEST_CASE("nesting 100,000 levels deep is P011 at the 65th level, not a stack overflow", "[hostile][grammar]")
{
   // The error points where the 65th level's contents start: after its '(', 'not', '-' or 'if'.
   constexpr std::size_t levels = 100'000;
   const std::string nesting_error =
      "error[P011]: expressions nest more than 64 levels deep here; name the inner parts as definitions";
   const std::vector<hostile_plan> cases{
      {"parentheses", "x = " + repeated("(", levels) + "1" + repeated(")", levels) + "\n",
       "hostile.plan:1:70: " + nesting_error},
      {"not", "x = " + repeated("not ", levels) + "true\n", "hostile.plan:1:265: " + nesting_error},
      {"unary minus", "x = " + repeated("-", levels) + "1\n", "hostile.plan:1:70: " + nesting_error},
      {"if branches", "x = " + repeated("if true then 1 else ", levels) + "1\n", "hostile.plan:1:1288: " + nesting_error},
      {"call arguments", "x = " + repeated("abs(", levels) + "1" + repeated(")", levels) + "\n",
       "hostile.plan:1:265: " + nesting_error},
      {"one level per line", "x =\n" + repeated("(\n", levels) + "1" + repeated(")", levels) + "\n",
       "hostile.plan:67:1: " + nesting_error},
      {"a chain of 100,000 operators", "x = 1" + repeated(" + 1", levels) + "\n",
       "hostile.plan:1:5: error[P011]: this expression is more than 500 operations deep; name parts of it as definitions"},
      {"a chain of 100,000 'and's", "x = true" + repeated(" and true", levels) + "\n",
       "hostile.plan:1:5: error[P011]: this expression is more than 500 operations deep; name parts of it as definitions"},
   };
   for (const auto& c : cases) {
      DYNAMIC_SECTION(c.name)
      {
         const auto out = check_text(c.text);
         CHECK(first_line(out.rendered) == c.expected);
         CHECK(out.diagnostics.error_count() == 1);
         // The excerpt is a window of the line, not the whole of it.
         CHECK(out.rendered.size() < 1000);
      }
   }
}

TEST_CASE("a 50-megabyte line is reported with an excerpt of bounded size", "[hostile][grammar]")
{
   constexpr std::size_t size = 50'000'000;
   SECTION("an unterminated text literal")
   {
      const auto out = check_text("x = \"" + std::string(size, 'a') + "\n");
      CHECK(first_line(out.rendered) ==
            "hostile.plan:1:50000006: error[P004]: unterminated text: expected a closing '\"' on the same line, found "
            "the end of the line");
      CHECK(out.rendered.size() < 1000);
      // The window ends at the end of the line, where the caret is.
      CHECK_THAT(out.rendered, Catch::Contains("    1 | ..." + std::string(max_excerpt_bytes, 'a') + "\n"));
   }
   SECTION("a name as long as the line is P013, quoted by its first characters")
   {
      const auto out = check_text("x = " + std::string(size, 'a') + "\n");
      CHECK(first_line(out.rendered) == "hostile.plan:1:5: error[P013]: a name longer than 200 characters, starting '" +
                                           std::string(20, 'a') + "...'");
      CHECK(out.rendered.size() < 1000);
   }
   SECTION("a name of 200 characters is a name")
   {
      const auto out = check_text("x = " + std::string(200, 'a') + "\n");
      REQUIRE_FALSE(out.diagnostics.empty());
      CHECK(out.diagnostics.items().back().code == "C001");
      // The excerpt under it is a window of the line; the carets stop at the window's end.
      CHECK_THAT(out.rendered, Catch::Contains(std::string(max_excerpt_bytes - 4, '^') + "\n"));
   }
   SECTION("a 50-megabyte comment before an error on the next line")
   {
      const auto out = check_text("// " + std::string(size, 'c') + "\nx = (1\n");
      CHECK(first_line(out.rendered) == "hostile.plan:3:1: error[P006]: expected ')' after '1', found the end of the file");
      CHECK(out.rendered.size() < 1000);
   }
   SECTION("a long word where a clause should start is quoted in part")
   {
      const auto out = check_text(std::string(150, 'w') + "\n");
      CHECK(first_line(out.rendered) ==
            "hostile.plan:1:1: error[P001]: expected a clause (plan, role, deals, people, exclude, credit, cumulative, "
            "quota, tiers, schedule, rate, fee, clawback, example) or a definition 'name = expression', found '" +
               std::string(80, 'w') + "'");
      CHECK(out.rendered.size() < 1000);
   }
   SECTION("a long word before the error is quoted by its end")
   {
      const auto out = check_text("x = " + std::string(150, 'v') + " +\n");
      CHECK(first_line(out.rendered) ==
            "hostile.plan:2:1: error[P005]: expected an expression after '+', found the end of the file");
      const auto b = check_text("x = (" + std::string(150, 'r') + "\n");
      CHECK_THAT(first_line(b.rendered), Catch::Contains("'..." + std::string(80, 'r') + "'"));
      CHECK(b.rendered.size() < 1000);
   }
}

TEST_CASE("invalid UTF-8 and NUL bytes are P012 at their byte", "[hostile][grammar]")
{
   const std::string not_utf8 = "is not UTF-8 text; a plan file is UTF-8";
   const std::vector<hostile_plan> cases{
      {"a stray byte in a text literal", "role AE \"\xFF\"\n", "hostile.plan:1:10: error[P012]: the byte 0xFF " + not_utf8},
      {"in a comment", "x = 1\n// caf\xE9\n", "hostile.plan:2:7: error[P012]: the byte 0xE9 " + not_utf8},
      {"a truncated sequence at the end", "x = 1 // \xE2\x82", "hostile.plan:1:10: error[P012]: the byte 0xE2 " + not_utf8},
      {"an overlong slash", "x = \"\xC0\xAF\"\n", "hostile.plan:1:6: error[P012]: the byte 0xC0 " + not_utf8},
      {"a UTF-16 surrogate", "x = \"\xED\xA0\x80\"\n", "hostile.plan:1:6: error[P012]: the byte 0xED " + not_utf8},
      {"above U+10FFFF", "x = \"\xF4\x90\x80\x80\"\n", "hostile.plan:1:6: error[P012]: the byte 0xF4 " + not_utf8},
      {"a NUL byte", std::string("x = 1\ny = \"a\0b\"\n", 15),
       "hostile.plan:2:7: error[P012]: a NUL byte; a plan file is UTF-8 text without NUL bytes"},
      {"a NUL byte after invalid UTF-8", std::string("x = \"\x80\0\"\n", 9), "hostile.plan:1:6: error[P012]: the byte 0x80 " + not_utf8},
   };
   for (const auto& c : cases) {
      DYNAMIC_SECTION(c.name)
      {
         const auto out = check_text(c.text);
         CHECK(first_line(out.rendered) == c.expected);
         CHECK(out.diagnostics.size() == 1);
      }
   }
   SECTION("well-formed UTF-8 and a BOM are fine")
   {
      const auto out = check_text("\xEF\xBB\xBF" "// caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x92\xB0\n");
      for (const auto& d : out.diagnostics) {
         CHECK(d.code != "P012");
      }
   }
}

TEST_CASE("an empty or blank plan names what is missing at line 1, column 1", "[hostile][check]")
{
   for (const std::string text : {"", "\n\n\n", "\xEF\xBB\xBF", "   \t  "}) {
      const auto out = check_text(text);
      CHECK(first_line(out.rendered) ==
            "hostile.plan:1:1: error[C010]: the plan has no 'plan \"title\" { ... }' header; it states the period and "
            "the rounding");
      CHECK(out.diagnostics.size() == 2);
      CHECK(out.diagnostics.items()[1].code == "C012");
   }
}

TEST_CASE("the reference plan with CRLF line ends checks clean", "[hostile][check]")
{
   std::string crlf;
   for (const char c : test_support::reference_plan_text()) {
      if (c == '\n') crlf += '\r';
      crlf += c;
   }
   const auto out = check_text(crlf);
   CHECK(out.rendered.empty());
}

// The parser's edge: runs the grammar with its actions and turns every failure into a P diagnostic.
#include "grammar/parse.hpp"

#include "grammar/actions.hpp"
#include "grammar/errors.hpp"
#include "grammar/rules.hpp"

#include "core/utf8.hpp"

#include <fmt/format.h>
#include <tao/pegtl/contrib/analyze.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <type_traits>

namespace compplan {

namespace grammar {
namespace {

bool is_word_char(char c)
{
   return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool is_digit(char c)
{
   return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

constexpr std::ptrdiff_t max_quoted_word = 80;
constexpr std::ptrdiff_t max_quoted_text = 40;

// The end of the token that starts at `at`, as the grammar reads tokens: a date (2027-01-01), a
// number with its '_' groups, decimals and '%', a name or member, a text literal up to its
// closing quote (or the end of the line), or an operator, two characters for <=, >=, != and ==.
// A quoted token then reads as the writer sees it, not cut at the first '-' or after the first
// '>'. Letters run straight on from a number ("10k", "1e5") are kept with it: the whole word is
// what is wrong. Words are cut at `limit` characters and text at max_quoted_text, so messages
// stay bounded.
const char* token_end(const char* at, const char* end, std::ptrdiff_t limit = max_quoted_word)
{
   const auto rest = end - at;
   const char first = *at;
   if (first == '"') {
      const char* stop = at + 1;
      while (stop != end && *stop != '"' && *stop != '\n' && *stop != '\r' && stop - at < max_quoted_text) {
         stop += (*stop == '\\' && stop + 1 != end && stop[1] != '\n') ? 2 : 1;
      }
      return stop != end && *stop == '"' ? stop + 1 : stop;
   }
   if (is_digit(first)) {
      const auto digit_at = [&](std::ptrdiff_t i) { return i < rest && is_digit(at[i]); };
      if (digit_at(0) && digit_at(1) && digit_at(2) && digit_at(3) && rest > 4 && at[4] == '-' && digit_at(5) &&
          digit_at(6) && rest > 7 && at[7] == '-' && digit_at(8) && digit_at(9)) {
         const char* stop = at + 10;
         while (stop != end && stop - at < limit && is_word_char(*stop)) ++stop;
         return stop;
      }
      const char* stop = at;
      while (stop != end && stop - at < limit && (is_digit(*stop) || *stop == '_')) ++stop;
      if (stop + 1 < end && *stop == '.' && is_digit(stop[1])) {
         ++stop;
         while (stop != end && stop - at < limit && is_digit(*stop)) ++stop;
      }
      if (stop != end && *stop == '%') {
         return stop + 1;
      }
      while (stop != end && stop - at < limit && is_word_char(*stop)) ++stop;
      return stop;
   }
   if (is_word_char(first)) {
      // A member, deal.amount, is one token too: the grammar reads it as one name.
      const char* stop = at;
      while (stop != end && stop - at < limit && is_word_char(*stop)) ++stop;
      if (stop + 1 < end && *stop == '.' && (std::isalpha(static_cast<unsigned char>(stop[1])) != 0 || stop[1] == '_')) {
         ++stop;
         while (stop != end && stop - at < limit && is_word_char(*stop)) ++stop;
      }
      return stop;
   }
   if (rest >= 2 && (first == '<' || first == '>' || first == '!' || first == '=') && at[1] == '=') {
      return at + 2;
   }
   // A character outside ASCII is kept whole, so that a message never holds part of one.
   const char* stop = at + 1;
   if (static_cast<unsigned char>(first) >= 0xC0) {
      while (stop != end && (static_cast<unsigned char>(*stop) & 0xC0) == 0x80) ++stop;
   }
   return stop;
}

// Where a line comment starts on the line that ends at `end`, if it has one: "//" outside text.
std::optional<std::size_t> line_comment_start(std::string_view source, std::size_t end)
{
   const auto newline = source.rfind('\n', end - 1);
   bool in_text = false;
   for (std::size_t i = newline == std::string_view::npos ? 0 : newline + 1; i + 1 < end; ++i) {
      if (in_text && source[i] == '\\') {
         ++i;
      }
      else if (source[i] == '"') {
         in_text = !in_text;
      }
      else if (!in_text && source[i] == '/' && source[i + 1] == '/') {
         return i;
      }
   }
   return std::nullopt;
}

// What stands at the error position, quoted, for "found ...".
std::string describe_found(const char* current, const char* end)
{
   if (current == end) {
      return "the end of the file";
   }
   const char first = *current;
   if (first == '\n' || first == '\r') {
      return "the end of the line";
   }
   if (static_cast<unsigned char>(first) < 0x20 || static_cast<unsigned char>(first) >= 0x7f) {
      return fmt::format("the byte 0x{:02X}", static_cast<unsigned char>(first));
   }
   // Quoted in full up to a length; a longer word is cut (the carets then cover the part shown).
   const char* stop = token_end(current, end);
   return fmt::format("'{}'", std::string_view(current, static_cast<std::size_t>(stop - current)));
}

// The token just before the error position, quoted, for "after ...".
std::string describe_before(std::string_view source, std::size_t offset)
{
   // Blanks and comments are passed over: the token before is the last one the grammar read.
   std::size_t end = offset;
   for (;;) {
      while (end > 0 && std::isspace(static_cast<unsigned char>(source[end - 1]))) {
         --end;
      }
      if (end == 0) {
         return "the start of the file";
      }
      const auto comment = line_comment_start(source, end);
      if (!comment) break;
      end = *comment;
   }
   std::size_t begin = end - 1;
   if (source[begin] == '"') {
      // A text literal: back to its opening quote on the same line.
      while (begin > 0 && source[begin - 1] != '"' && source[begin - 1] != '\n') {
         --begin;
      }
      begin = begin > 0 ? begin - 1 : 0;
   }
   else {
      // The tokens of the run of characters without blanks or quotes that ends here are read
      // forward, as the grammar reads them, and the last one is the token before the error:
      // reading backward cannot tell "2027-01-01" from "x-1" or "amount>=" from ">=".
      const std::size_t lookback = 4 * static_cast<std::size_t>(max_quoted_word);
      std::size_t run = end - 1;
      while (run > 0 && end - run < lookback && !std::isspace(static_cast<unsigned char>(source[run - 1])) &&
             source[run - 1] != '"') {
         --run;
      }
      const char* const stop = source.data() + end;
      const char* token = source.data() + run;
      while (token < stop) {
         // Uncut here: a long token is shortened below, keeping its end, which is next to the error.
         const char* next = token_end(token, stop, static_cast<std::ptrdiff_t>(lookback));
         if (next >= stop) break;
         token = next;
      }
      begin = static_cast<std::size_t>(token - source.data());
   }
   if (end - begin > static_cast<std::size_t>(max_quoted_word)) {
      return fmt::format("'...{}'", source.substr(end - max_quoted_word, max_quoted_word));
   }
   return fmt::format("'{}'", source.substr(begin, end - begin));
}

std::string substitute_before(std::string_view text, const std::string& before)
{
   std::string result(text);
   const auto at = result.find("{before}");
   if (at != std::string::npos) {
      result.replace(at, 8, before);
   }
   return result;
}

template< typename Rule >
inline constexpr bool is_nesting = std::is_same_v<Rule, expression> || std::is_same_v<Rule, nested_expression> ||
                                   std::is_same_v<Rule, if_condition> || std::is_same_v<Rule, then_branch> ||
                                   std::is_same_v<Rule, else_branch> || std::is_same_v<Rule, call_argument> ||
                                   std::is_same_v<Rule, negated_operand> || std::is_same_v<Rule, not_operand>;

template< typename Rule >
struct plan_control : normal<Rule> {
   template< typename ParseInput >
   static void start(const ParseInput& in, builder& b)
   {
      if constexpr (is_nesting<Rule>) {
         if (++b.depth > max_expression_depth) {
            const auto p = in.position();
            throw syntax_error(
               "P011",
               fmt::format("expressions nest more than {} levels deep here; name the inner parts as definitions",
                           max_expression_depth),
               source_span::point(b.file(), static_cast<std::uint32_t>(p.line), static_cast<std::uint32_t>(p.column)));
         }
      }
   }
   template< typename ParseInput >
   static void success(const ParseInput& /*in*/, builder& b)
   {
      if constexpr (is_nesting<Rule>) {
         --b.depth;
      }
   }
   template< typename ParseInput >
   static void failure(const ParseInput& /*in*/, builder& b)
   {
      if constexpr (is_nesting<Rule>) {
         --b.depth;
      }
   }

   template< typename ParseInput >
   [[noreturn]] static void raise(const ParseInput& in, builder& b)
   {
      constexpr parse_message entry = message<Rule>;
      static_assert(entry.text != nullptr, "every rule under must<> needs a message in grammar/errors.hpp");
      const auto p = in.position();
      const auto offset = static_cast<std::size_t>(in.current() - in.begin());
      const auto found = describe_found(in.current(), in.end());
      auto span = source_span::point(b.file(), static_cast<std::uint32_t>(p.line), static_cast<std::uint32_t>(p.column));
      if (found.starts_with('\'')) {
         span.end_column = span.column + static_cast<std::uint32_t>(found.size() - 2);
      }
      throw syntax_error(entry.code,
                         fmt::format("{}, found {}", substitute_before(entry.text, describe_before(b.source(), offset)), found),
                         std::move(span));
   }
};

// A NUL byte or a byte that is not UTF-8, anywhere in the file (comments included), as P012 at
// its line and column; nothing when the text is clean. Checked before parsing so that no rule
// has to think about such bytes and the message can say exactly what is wrong.
std::optional<diagnostic> find_bad_byte(std::string_view text, const std::string& file_name)
{
   const auto nul = text.find('\0');
   const auto invalid = find_invalid_utf8(text.substr(0, nul));
   if (nul == std::string_view::npos && !invalid) {
      return std::nullopt;
   }
   const std::size_t at = invalid ? *invalid : nul;
   const std::string_view before = text.substr(0, at);
   const auto line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
   const auto line = 1 + std::count(before.begin(), before.end(), '\n');
   diagnostic d;
   d.code = "P012";
   d.span = source_span::point(file_name, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(at - line_start + 1));
   d.message = invalid ? fmt::format("the byte 0x{:02X} is not UTF-8 text; a plan file is UTF-8",
                                     static_cast<unsigned char>(text[at]))
                       : std::string("a NUL byte; a plan file is UTF-8 text without NUL bytes");
   return d;
}

// A name (or any run of letters, digits and '_') longer than max_name_length, outside comments and
// text literals, as P013 at its start: names are quoted in messages, so a bounded name keeps
// every message bounded.
std::optional<diagnostic> find_long_name(std::string_view text, const std::string& file_name)
{
   std::uint32_t line = 1;
   std::size_t line_start = 0;
   std::size_t run_start = 0;
   std::size_t run = 0;
   bool in_text = false;
   for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\n') {
         ++line;
         line_start = i + 1;
         in_text = false;  // a text literal ends at the line (P004 says so when it is parsed)
         run = 0;
         continue;
      }
      if (in_text) {
         if (c == '\\') ++i;
         else if (c == '"') in_text = false;
         continue;
      }
      if (c == '"') {
         in_text = true;
         run = 0;
         continue;
      }
      if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
         const auto end = text.find('\n', i);
         i = (end == std::string_view::npos ? text.size() : end) - 1;
         run = 0;
         continue;
      }
      if (!is_word_char(c)) {
         run = 0;
         continue;
      }
      if (run++ == 0) run_start = i;
      // A run that starts with a digit is a number: P008 says when it has too many digits.
      if (run > max_name_length && std::isdigit(static_cast<unsigned char>(text[run_start])) == 0) {
         diagnostic d;
         d.code = "P013";
         d.span = source_span::point(file_name, line, static_cast<std::uint32_t>(run_start - line_start + 1));
         d.message = fmt::format("a name longer than {} characters, starting '{}...'", max_name_length,
                                 text.substr(run_start, 20));
         return d;
      }
   }
   return std::nullopt;
}

}  // namespace
}  // namespace grammar

parse_result parse_plan(std::string_view text, const std::string& file_name)
{
   parse_result result;
   for (const auto& find : {&grammar::find_bad_byte, &grammar::find_long_name}) {
      if (auto bad = find(text, file_name)) {
         result.diagnostics.error(bad->code, std::move(bad->span), std::move(bad->message));
         return result;
      }
   }
   grammar::builder state(file_name, text);
   tao::pegtl::memory_input<> in(text.data(), text.size(), file_name);
   try {
      tao::pegtl::parse<grammar::plan_file, grammar::action, grammar::plan_control>(in, state);
      result.plan = state.finish();
   }
   catch (const grammar::syntax_error& e) {
      result.diagnostics.error(e.code, e.span, e.what());
   }
   catch (const tao::pegtl::parse_error& e) {
      const auto& p = e.positions().front();
      result.diagnostics.error("P001", source_span::point(file_name, static_cast<std::uint32_t>(p.line),
                                                          static_cast<std::uint32_t>(p.column)),
                               std::string(e.message()));
   }
   catch (const std::exception& e) {
      // Arithmetic limits in literals and the like: report, never crash.
      result.diagnostics.error("P008", source_span{}, e.what()).span.file = file_name;
   }
   return result;
}

std::size_t analyze_plan_grammar()
{
   return tao::pegtl::analyze<grammar::plan_file>();
}

}  // namespace compplan

// Literal text from a plan read into values.
#include "grammar/literals.hpp"

#include "grammar/actions.hpp"

#include <fmt/format.h>

namespace compplan::grammar {

std::string without_separators(std::string_view text)
{
   std::string plain;
   plain.reserve(text.size());
   for (const char c : text) {
      if (c != '_') {
         plain.push_back(c);
      }
   }
   return plain;
}

decimal parse_number(const source_span& span, std::string_view text)
{
   const auto parsed = decimal::parse(without_separators(text));
   if (!parsed) {
      throw syntax_error("P008",
                         fmt::format("the number {} cannot be held exactly: it has too many digits", text), span);
   }
   return *parsed;
}

// Hundredths of a number with the most digits there are can leave the range.
decimal parse_percent(const source_span& span, std::string_view text)
{
   const auto number = parse_number(span, text.substr(0, text.size() - 1));
   try {
      return number / decimal::from_int(100);
   }
   catch (const arithmetic_error&) {
      throw syntax_error("P008",
                         fmt::format("the percentage {} cannot be held exactly: it has too many digits", text), span);
   }
}

date parse_date(const source_span& span, std::string_view text)
{
   const auto parsed = date::parse(text);
   if (!parsed) {
      throw syntax_error("P008", fmt::format("{} is not a calendar date", text), span);
   }
   return *parsed;
}

std::string unescape(std::string_view quoted)
{
   std::string text;
   const auto inner = quoted.substr(1, quoted.size() - 2);
   for (std::size_t i = 0; i < inner.size(); ++i) {
      if (inner[i] == '\\' && i + 1 < inner.size()) {
         const char next = inner[++i];
         text.push_back(next == 'n' ? '\n' : next == 't' ? '\t' : next);
      }
      else {
         text.push_back(inner[i]);
      }
   }
   return text;
}

}  // namespace compplan::grammar

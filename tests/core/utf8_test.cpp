// Unit tests for UTF-8 validation: each malformed form is caught at its first byte.
#include "core/utf8.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using compplan::find_invalid_utf8;

TEST_CASE("find_invalid_utf8 accepts well-formed text and points at the first bad byte", "[core][utf8]")
{
   struct utf8_case {
      std::string name;
      std::string text;
      std::optional<std::size_t> expected;
   };
   const std::vector<utf8_case> cases{
      {"empty", "", std::nullopt},
      {"ASCII", "plan \"x\"", std::nullopt},
      {"two, three and four bytes", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x92\xB0", std::nullopt},
      {"the edges", "\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xF0\x90\x80\x80\xF4\x8F\xBF\xBF", std::nullopt},
      {"a byte order mark", "\xEF\xBB\xBFx", std::nullopt},
      {"a lone continuation byte", "ab\x80", 2},
      {"a Latin-1 letter", "caf\xE9!", 3},
      {"0xFF", "\xFF", 0},
      {"an overlong two-byte form", "x\xC0\xAF", 1},
      {"an overlong three-byte form", "\xE0\x80\xAF", 0},
      {"an overlong four-byte form", "\xF0\x80\x80\xAF", 0},
      {"a surrogate", "\xED\xA0\x80", 0},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0},
      {"a lead byte F5", "\xF5\x80\x80\x80", 0},
      {"truncated at the end", "ok\xE2\x82", 2},
      {"a missing continuation", "\xE2\x28\xA1", 0},
      {"a bad third byte", "\xF0\x9F\x28\x80", 0},
   };
   for (const auto& c : cases) {
      DYNAMIC_SECTION(c.name)
      {
         CHECK(find_invalid_utf8(c.text) == c.expected);
      }
   }
}

TEST_CASE("find_invalid_utf8 finds a bad byte at every place in long ASCII text", "[core][utf8]")
{
   // ASCII is passed over eight bytes at a time: a bad byte and a well-formed sequence are put at
   // every offset, across those eight-byte steps and in the last few bytes.
   for (std::size_t length = 1; length <= 40; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
         INFO("length " << length << ", at " << at);
         std::string text(length, 'a');
         text[at] = '\xFF';
         CHECK(find_invalid_utf8(text) == at);
         std::string good(length, 'a');
         good.insert(at, "\xE2\x82\xAC");  // the euro sign, three bytes
         CHECK(find_invalid_utf8(good) == std::nullopt);
         good.insert(at + 3, "\xC3");  // a lead byte whose continuation is missing
         CHECK(find_invalid_utf8(good) == at + 3);
      }
   }
}

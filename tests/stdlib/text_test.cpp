// Tests for the text family: typing (enumerations are not text), ASCII case, code point counts.
#include "support.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

using namespace compplan;
using namespace compplan::stdlib_test;

namespace {

using value_case = call_case<std::string>;

}  // namespace

TEST_CASE("text functions accept text only", "[stdlib][text]")
{
   const std::vector<type_case> cases = {
      {"upper", {a_text}, "text"},
      {"lower", {optional_text}, "optional text"},
      {"starts_with", {a_text, a_text}, "boolean"},
      {"starts_with", {optional_text, a_text}, "optional boolean"},
      {"contains", {a_text, optional_text}, "optional boolean"},
      {"length", {a_text}, "number"},
      {"length", {optional_text}, "optional number"},
      {"upper", {region}, "error: upper expects text as argument 1 (t), found enumeration"},
      {"starts_with", {region, a_text}, "error: starts_with expects text as argument 1 (t), found enumeration"},
      {"starts_with", {a_text, region}, "error: starts_with expects text as argument 2 (prefix), found enumeration"},
      {"contains", {a_text, number}, "error: contains expects text as argument 2 (part), found number"},
      {"length", {a_date}, "error: length expects text as argument 1 (t), found date"},
      {"lower", {number}, "error: lower expects text as argument 1 (t), found number"},
   };
   for (const auto& c : cases) {
      INFO(call_text(c.name, c.args));
      CHECK(check(c.name, c.args) == c.expected);
   }
}

TEST_CASE("text functions compute on bytes and code points", "[stdlib][text]")
{
   const std::vector<value_case> cases = {
      {"upper", {"Acme Corp, north-2"}, "\"ACME CORP, NORTH-2\""},
      {"upper", {"Nord-S\u00fcd"}, "\"NORD-S\u00fcD\""},
      {"lower", {"EMEA North"}, "\"emea north\""},
      {"lower", {"\u00c9COLE"}, "\"\u00c9cole\""},
      {"upper", {""}, "\"\""},
      {"upper", {"`az{"}, "\"`AZ{\""},
      {"lower", {"@AZ["}, "\"@az[\""},
      {"starts_with", {"EMEA-North", "EMEA"}, "true"},
      {"starts_with", {"EMEA-North", "emea"}, "false"},
      {"starts_with", {"EM", "EMEA"}, "false"},
      {"starts_with", {"North-EMEA", "EMEA"}, "false"},
      {"starts_with", {"abc", ""}, "true"},
      {"contains", {"Enterprise renewal", "renew"}, "true"},
      {"contains", {"Enterprise renewal", "Renew"}, "false"},
      {"contains", {"renewal", "renewals"}, "false"},
      {"contains", {"abc", ""}, "true"},
      {"length", {""}, "0"},
      {"length", {"abc"}, "3"},
      {"length", {"S\u00fcd"}, "3"},
      {"length", {"\u65e5\u672c"}, "2"},
      {"length", {"\u20ac5"}, "2"},
      {"length", {"\U0001F600!"}, "2"},
   };
   for (const auto& c : cases) {
      INFO(fmt::format("{}(\"{}\")", c.name, fmt::join(c.args, "\", \"")));
      std::vector<value> args(c.args.begin(), c.args.end());
      CHECK(show(function(c.name).call(args)) == c.expected);
   }
}

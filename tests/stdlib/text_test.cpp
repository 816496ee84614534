// Tests for the text family: typing (enumerations are not text), ASCII case, code point counts.
#include "stdlib/registry.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

using namespace compplan;

namespace {

const value_type a_text{type_kind::text};
const value_type optional_text{type_kind::text, true};
const value_type region{type_kind::enumeration, false, 3};
const value_type number{type_kind::number};
const value_type a_date{type_kind::date};

const builtin_function& function(const std::string& name)
{
   const builtin_function* found = standard_library().find(name);
   INFO(name);
   REQUIRE(found != nullptr);
   return *found;
}

std::string check(const std::string& name, const std::vector<value_type>& args)
{
   std::string error;
   auto result = function(name).check(args, error);
   return result ? describe(*result) : "error: " + error;
}

std::string types_label(const std::string& name, const std::vector<value_type>& args)
{
   std::vector<std::string> parts;
   for (const auto& a : args) {
      parts.push_back(describe(a));
   }
   return fmt::format("{}({})", name, fmt::join(parts, ", "));
}

std::string show(const value& v)
{
   if (const auto* b = std::get_if<bool>(&v)) {
      return *b ? "true" : "false";
   }
   if (const auto* n = std::get_if<decimal>(&v)) {
      return n->to_string();
   }
   if (const auto* t = std::get_if<std::string>(&v)) {
      return '"' + *t + '"';
   }
   return "unexpected value";
}

struct type_case {
   std::string name;
   std::vector<value_type> args;
   std::string expected;
};

struct value_case {
   std::string name;
   std::vector<std::string> args;
   std::string expected;
};

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
      INFO(types_label(c.name, c.args));
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

// Tests for the dates family: typing rules, month-end clamping, signs and range errors.
#include "stdlib/registry.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <type_traits>
#include <vector>

using namespace compplan;

namespace {

const value_type a_date{type_kind::date};
const value_type optional_date{type_kind::date, true};
const value_type number{type_kind::number};
const value_type optional_number{type_kind::number, true};
const value_type money{type_kind::money};
const value_type days{type_kind::days};
const value_type optional_days{type_kind::days, true};
const value_type a_text{type_kind::text};

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

date on(const char* text) { return date::parse(text).value(); }
decimal num(const char* text) { return decimal::parse(text).value(); }

std::string show(const value& v)
{
   if (const auto* d = std::get_if<date>(&v)) {
      return d->to_string();
   }
   if (const auto* n = std::get_if<decimal>(&v)) {
      return n->to_string();
   }
   if (const auto* c = std::get_if<day_count>(&v)) {
      return fmt::format("{} days", c->days);
   }
   return "unexpected value";
}

template <typename Types>
std::string label(const std::string& name, const Types& args)
{
   std::vector<std::string> parts;
   for (const auto& a : args) {
      if constexpr (std::is_same_v<typename Types::value_type, value_type>) {
         parts.push_back(describe(a));
      } else {
         parts.push_back(show(a));
      }
   }
   return fmt::format("{}({})", name, fmt::join(parts, ", "));
}

std::string run(const std::string& name, const std::vector<value>& args)
{
   try {
      return show(function(name).call(args));
   } catch (const evaluation_error& e) {
      return std::string("evaluation error: ") + e.what();
   } catch (const arithmetic_error& e) {
      return std::string("arithmetic error: ") + e.what();
   }
}

struct type_case {
   std::string name;
   std::vector<value_type> args;
   std::string expected;
};

struct value_case {
   std::string name;
   std::vector<value> args;
   std::string expected;
};

}  // namespace

TEST_CASE("date functions check their argument types", "[stdlib][dates]")
{
   const std::vector<type_case> cases = {
      {"add_days", {a_date, number}, "date"},
      {"add_days", {a_date, days}, "date"},
      {"add_days", {optional_date, number}, "optional date"},
      {"add_days", {a_date, optional_days}, "optional date"},
      {"add_days", {number, number}, "error: add_days expects a date as argument 1 (date), found number"},
      {"add_days", {a_date, money}, "error: add_days expects a number or days as argument 2 (n), found money"},
      {"add_months", {a_date, number}, "date"},
      {"add_months", {optional_date, optional_number}, "optional date"},
      {"add_months", {a_date, optional_number}, "optional date"},
      {"add_months", {optional_date, number}, "optional date"},
      {"add_months", {a_date, days}, "error: add_months expects a number as argument 2 (n), found days"},
      {"add_months", {a_text, number}, "error: add_months expects a date as argument 1 (date), found text"},
      {"days_between", {a_date, a_date}, "days"},
      {"days_between", {optional_date, a_date}, "optional days"},
      {"days_between", {a_date, optional_date}, "optional days"},
      {"days_between", {a_date, a_text}, "error: days_between expects a date as argument 2 (to), found text"},
      {"days_between", {number, a_date}, "error: days_between expects a date as argument 1 (from), found number"},
      {"year", {a_date}, "number"},
      {"month", {optional_date}, "optional number"},
      {"day", {a_date}, "number"},
      {"day", {days}, "error: day expects a date as argument 1 (date), found days"},
      {"year", {a_text}, "error: year expects a date as argument 1 (date), found text"},
   };
   for (const auto& c : cases) {
      INFO(label(c.name, c.args));
      CHECK(check(c.name, c.args) == c.expected);
   }
}

TEST_CASE("date functions compute calendar values", "[stdlib][dates]")
{
   const std::vector<value_case> cases = {
      {"add_days", {on("2027-03-01"), num("120")}, "2027-06-29"},
      {"add_days", {on("2027-03-01"), day_count{90}}, "2027-05-30"},
      {"add_days", {on("2027-03-01"), num("-1")}, "2027-02-28"},
      {"add_days", {on("2028-03-01"), num("-1")}, "2028-02-29"},
      {"add_days", {on("2027-12-31"), day_count{1}}, "2028-01-01"},
      {"add_days", {on("2027-03-01"), num("0")}, "2027-03-01"},
      {"add_days", {on("2027-03-01"), num("1.5")}, "evaluation error: add_days needs a whole number of days, found 1.5"},
      {"add_days", {on("9999-12-31"), num("1")}, "arithmetic error: date outside 0001-01-01..9999-12-31"},
      {"add_days", {on("0001-01-01"), day_count{-1}}, "arithmetic error: date outside 0001-01-01..9999-12-31"},
      {"add_days",
       {on("2027-03-01"), num("100000000000000000000")},
       "arithmetic error: date outside 0001-01-01..9999-12-31"},
      {"add_months", {on("2027-01-31"), num("1")}, "2027-02-28"},
      {"add_months", {on("2028-01-31"), num("1")}, "2028-02-29"},
      {"add_months", {on("2027-03-31"), num("-1")}, "2027-02-28"},
      {"add_months", {on("2027-05-31"), num("1")}, "2027-06-30"},
      {"add_months", {on("2024-02-29"), num("12")}, "2025-02-28"},
      {"add_months", {on("2024-02-29"), num("48")}, "2028-02-29"},
      {"add_months", {on("2027-01-15"), num("13")}, "2028-02-15"},
      {"add_months", {on("2027-03-15"), num("-15")}, "2025-12-15"},
      {"add_months", {on("2027-03-15"), num("0")}, "2027-03-15"},
      {"add_months", {on("2027-03-15"), num("0.5")},
       "evaluation error: add_months needs a whole number of months, found 0.5"},
      {"add_months", {on("9999-12-01"), num("1")}, "arithmetic error: date outside 0001-01-01..9999-12-31"},
      {"add_months",
       {on("2027-03-15"), num("-100000000000000000000")},
       "arithmetic error: date outside 0001-01-01..9999-12-31"},
      {"days_between", {on("2027-01-01"), on("2027-03-01")}, "59 days"},
      {"days_between", {on("2027-03-01"), on("2027-01-01")}, "-59 days"},
      {"days_between", {on("2028-01-01"), on("2028-03-01")}, "60 days"},
      {"days_between", {on("2027-03-01"), on("2027-03-01")}, "0 days"},
      {"days_between", {on("2024-02-29"), on("2027-01-01")}, "1037 days"},
      {"year", {on("2027-03-09")}, "2027"},
      {"month", {on("2027-03-09")}, "3"},
      {"day", {on("2027-03-09")}, "9"},
      {"month", {on("2027-12-31")}, "12"},
      {"day", {on("2027-12-31")}, "31"},
   };
   for (const auto& c : cases) {
      INFO(label(c.name, c.args));
      CHECK(run(c.name, c.args) == c.expected);
   }
}

// Tests for the dates family: typing rules, month-end clamping, signs and range errors.
#include "support.hpp"

#include <vector>

using namespace compplan;
using namespace compplan::stdlib_test;

namespace {

date on(const char* text) { return date::parse(text).value(); }

using value_case = call_case<value>;

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
      INFO(call_text(c.name, c.args));
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
      INFO(call_text(c.name, c.args));
      CHECK(run(c.name, c.args) == c.expected);
   }
}

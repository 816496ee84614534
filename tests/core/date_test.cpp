// Unit tests for calendar dates: validity, parsing, serials, day and month arithmetic.
#include "core/date.hpp"
#include "core/decimal.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <string>

using compplan::arithmetic_error;
using compplan::date;

namespace Catch {
template <>
struct StringMaker<date> {
   static std::string convert(const date& value) { return value.to_string(); }
};
}  // namespace Catch

namespace {

date day(std::string_view text)
{
   auto value = date::parse(text);
   REQUIRE(value.has_value());
   return *value;
}

}  // namespace

TEST_CASE("date::from_ymd accepts only real dates in range", "[core][date]")
{
   struct validity_case {
      int year;
      int month;
      int day;
      bool valid;
   };
   const validity_case cases[] = {
      {2027, 2, 28, true},   {2027, 2, 29, false},  {2026, 2, 29, false}, {2028, 2, 29, true},
      {2000, 2, 29, true},   {1900, 2, 29, false},  {2100, 2, 29, false}, {2400, 2, 29, true},
      {2027, 2, 30, false},  {2027, 13, 1, false},  {2027, 0, 10, false}, {2027, 4, 31, false},
      {2027, 4, 30, true},   {2027, 12, 31, true},  {2027, 1, 0, false},  {2027, 1, 32, false},
      {2027, 1, -1, false},  {1, 1, 1, true},       {9999, 12, 31, true}, {0, 12, 31, false},
      {10000, 1, 1, false},  {-1, 1, 1, false},     {2027, 6, 31, false}, {2027, 7, 31, true},
   };
   for (const validity_case& c : cases) {
      CAPTURE(c.year, c.month, c.day);
      auto value = date::from_ymd(c.year, c.month, c.day);
      REQUIRE(value.has_value() == c.valid);
      if (value) {
         CHECK(value->year() == c.year);
         CHECK(value->month() == c.month);
         CHECK(value->day() == c.day);
      }
   }
}

TEST_CASE("date::parse is strict YYYY-MM-DD", "[core][date]")
{
   const char* const rejected[] = {
      "2027-3-1",    " 2027-03-01", "2027-03-01 ", "2027/03/01", "2027-03-01T00", "",
      "20270301",    "2027-02-30",  "+027-03-01",  "2027-0a-01", "-027-03-01",    "2027-13-01",
      "0000-01-01",  "27-03-01",    "2027-03-1 ",  "2027-03--1",    "2027.03-01",    "2027-03.01",
   };
   for (const char* text : rejected) {
      CAPTURE(text);
      CHECK_FALSE(date::parse(text).has_value());
   }
   const date parsed = day("2027-03-01");
   CHECK(parsed.year() == 2027);
   CHECK(parsed.month() == 3);
   CHECK(parsed.day() == 1);
   CHECK(parsed == *date::from_ymd(2027, 3, 1));
}

TEST_CASE("date serials count days from 1970-01-01", "[core][date]")
{
   CHECK(day("1970-01-01").serial() == 0);
   CHECK(day("1969-12-31").serial() == -1);
   CHECK(day("2000-03-01").serial() == 11017);
   CHECK(day("2027-03-01").serial() == 20878);
   CHECK(day("0001-01-01").serial() == -719162);
   CHECK(day("9999-12-31").serial() == 2932896);
   CHECK(date{}.to_string() == "1970-01-01");
}

TEST_CASE("date leap years and month lengths", "[core][date]")
{
   CHECK(compplan::is_leap_year(2028));
   CHECK(compplan::is_leap_year(2000));
   CHECK_FALSE(compplan::is_leap_year(1900));
   CHECK_FALSE(compplan::is_leap_year(2027));
   CHECK(compplan::days_in_month(2028, 2) == 29);
   CHECK(compplan::days_in_month(2027, 2) == 28);
   CHECK(compplan::days_in_month(2027, 4) == 30);
   CHECK(compplan::days_in_month(2027, 12) == 31);
}

TEST_CASE("date::add_days", "[core][date]")
{
   struct add_case {
      const char* from;
      std::int64_t days;
      const char* expected;
   };
   const add_case cases[] = {
      {"2027-12-31", 1, "2028-01-01"},    {"2028-02-28", 1, "2028-02-29"},
      {"2027-02-28", 1, "2027-03-01"},    {"2027-01-01", -1, "2026-12-31"},
      {"2027-01-01", 365, "2028-01-01"},  {"2028-01-01", 365, "2028-12-31"},
      {"2027-01-01", 1000, "2029-09-27"}, {"2029-09-27", -1000, "2027-01-01"},
      {"2027-06-15", 0, "2027-06-15"},    {"0001-01-01", 3652058, "9999-12-31"},
   };
   for (const add_case& c : cases) {
      CAPTURE(c.from, c.days);
      CHECK(day(c.from).add_days(c.days) == day(c.expected));
   }
   CHECK_THROWS_AS(day("9999-12-31").add_days(1), arithmetic_error);
   CHECK_THROWS_AS(day("0001-01-01").add_days(-1), arithmetic_error);
   CHECK_THROWS_AS(day("2027-01-01").add_days(std::numeric_limits<std::int64_t>::max()), arithmetic_error);
   CHECK_THROWS_AS(day("2027-01-01").add_days(std::numeric_limits<std::int64_t>::min()), arithmetic_error);
}

TEST_CASE("date::add_months clamps to the end of shorter months", "[core][date]")
{
   struct month_case {
      const char* from;
      std::int64_t months;
      const char* expected;
   };
   const month_case cases[] = {
      {"2027-01-31", 1, "2027-02-28"},   {"2028-01-31", 1, "2028-02-29"},
      {"2027-03-31", -1, "2027-02-28"},  {"2027-05-31", 1, "2027-06-30"},
      {"2027-01-15", -1, "2026-12-15"},  {"2027-11-30", 3, "2028-02-29"},
      {"2027-01-31", 13, "2028-02-29"},  {"2027-01-31", -25, "2024-12-31"},
      {"2027-08-31", 0, "2027-08-31"},   {"2027-12-15", 1, "2028-01-15"},
      {"2027-01-15", -12, "2026-01-15"}, {"2028-02-29", 12, "2029-02-28"},
      {"2027-06-30", 1, "2027-07-30"},   {"0001-01-31", 119987, "9999-12-31"},
   };
   for (const month_case& c : cases) {
      CAPTURE(c.from, c.months);
      CHECK(day(c.from).add_months(c.months) == day(c.expected));
   }
   CHECK_THROWS_AS(day("9999-12-01").add_months(1), arithmetic_error);
   CHECK_THROWS_AS(day("0001-01-15").add_months(-1), arithmetic_error);
   CHECK_THROWS_AS(day("2027-01-01").add_months(std::numeric_limits<std::int64_t>::max()), arithmetic_error);
   CHECK_THROWS_AS(day("2027-01-01").add_months(std::numeric_limits<std::int64_t>::min()), arithmetic_error);
}

TEST_CASE("date::days_until and ordering", "[core][date]")
{
   CHECK(day("2027-01-01").days_until(day("2028-01-01")) == 365);
   CHECK(day("2028-01-01").days_until(day("2029-01-01")) == 366);
   CHECK(day("2028-01-01").days_until(day("2027-01-01")) == -365);
   CHECK(day("2027-04-01").days_until(day("2027-04-01")) == 0);
   CHECK(day("2027-03-01").days_until(day("2027-03-31")) == 30);
   CHECK(day("2027-01-01") < day("2027-01-02"));
   CHECK(day("2026-12-31") < day("2027-01-01"));
   CHECK(day("2027-02-01") > day("2027-01-31"));
}

TEST_CASE("date::to_string round trips", "[core][date]")
{
   const char* const texts[] = {"0001-01-01", "0999-09-09", "1970-01-01", "2028-02-29", "9999-12-31"};
   for (const char* text : texts) {
      CAPTURE(text);
      CHECK(day(text).to_string() == text);
   }
   // Walk the whole range: serial -> civil -> serial and text -> date agree everywhere.
   const date first = day("0001-01-01");
   const date last = day("9999-12-31");
   for (std::int64_t serial = first.serial(); serial <= last.serial(); serial += 97) {
      const date d = first.add_days(serial - first.serial());
      auto rebuilt = date::from_ymd(d.year(), d.month(), d.day());
      REQUIRE(rebuilt.has_value());
      REQUIRE(rebuilt->serial() == serial);
      REQUIRE(date::parse(d.to_string()) == d);
   }
}

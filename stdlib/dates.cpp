// The dates family: add_days, add_months, days_between, and the year, month and day of a date.
#include "stdlib/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

namespace compplan {
namespace {

bool is_date(const value_type& t) { return t.kind == type_kind::date; }

const date& date_argument(std::string_view function, std::span<const value> args, std::size_t index)
{
   return argument<date>(function, args, index, "date");
}

// A whole count of days or months from a number (or, for days, a day duration). A count too
// large for 64 bits is clamped: it is far outside the supported dates either way, and `date`
// then reports the range error itself.
std::int64_t whole_step(std::string_view function, const value& v, std::string_view unit)
{
   if (const auto* count = std::get_if<day_count>(&v)) {
      return count->days;
   }
   const auto* number = std::get_if<decimal>(&v);
   if (number == nullptr) {
      throw evaluation_error(fmt::format("{} received a non-numeric count of {}", function, unit));
   }
   if (!number->is_integer()) {
      throw evaluation_error(
         fmt::format("{} needs a whole number of {}, found {}", function, unit, number->to_string()));
   }
   constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
   constexpr auto highest = std::numeric_limits<std::int64_t>::max();
   return static_cast<std::int64_t>(std::clamp<decimal::int_type>(number->numerator(), lowest, highest));
}

builtin_function add_days()
{
   builtin_function f;
   f.name = "add_days";
   f.family = "dates";
   f.signature = "add_days(date, n)";
   f.summary = "The date n days later (earlier when n is negative).";
   f.min_args = 2;
   f.max_args = 2;
   f.check = [](std::span<const value_type> args, std::string& error) -> std::optional<value_type> {
      if (!is_date(args[0])) {
         error = fmt::format("add_days expects a date as argument 1 (date), found {}", describe(args[0]));
         return std::nullopt;
      }
      if (args[1].kind != type_kind::number && args[1].kind != type_kind::days) {
         error = fmt::format("add_days expects a number or days as argument 2 (n), found {}", describe(args[1]));
         return std::nullopt;
      }
      return value_type{type_kind::date, args[0].optional || args[1].optional};
   };
   f.call = [](std::span<const value> args) -> value {
      const date& start = date_argument("add_days", args, 0);
      return start.add_days(whole_step("add_days", args[1], "days"));
   };
   return f;
}

builtin_function add_months()
{
   builtin_function f;
   f.name = "add_months";
   f.family = "dates";
   f.signature = "add_months(date, n)";
   f.summary = "The same day n months later, or the last day of that month when it is shorter.";
   f.min_args = 2;
   f.max_args = 2;
   f.check = [](std::span<const value_type> args, std::string& error) -> std::optional<value_type> {
      if (!is_date(args[0])) {
         error = fmt::format("add_months expects a date as argument 1 (date), found {}", describe(args[0]));
         return std::nullopt;
      }
      if (args[1].kind != type_kind::number) {
         error = fmt::format("add_months expects a number as argument 2 (n), found {}", describe(args[1]));
         return std::nullopt;
      }
      return value_type{type_kind::date, args[0].optional || args[1].optional};
   };
   f.call = [](std::span<const value> args) -> value {
      const date& start = date_argument("add_months", args, 0);
      return start.add_months(whole_step("add_months", args[1], "months"));
   };
   return f;
}

builtin_function days_between()
{
   builtin_function f;
   f.name = "days_between";
   f.family = "dates";
   f.signature = "days_between(from, to)";
   f.summary = "The days from one date to another, negative when `to` is earlier.";
   f.min_args = 2;
   f.max_args = 2;
   f.check = [](std::span<const value_type> args, std::string& error) -> std::optional<value_type> {
      if (!is_date(args[0])) {
         error = fmt::format("days_between expects a date as argument 1 (from), found {}", describe(args[0]));
         return std::nullopt;
      }
      if (!is_date(args[1])) {
         error = fmt::format("days_between expects a date as argument 2 (to), found {}", describe(args[1]));
         return std::nullopt;
      }
      return value_type{type_kind::days, args[0].optional || args[1].optional};
   };
   f.call = [](std::span<const value> args) -> value {
      const date& from = date_argument("days_between", args, 0);
      const date& to = date_argument("days_between", args, 1);
      return day_count{from.days_until(to)};
   };
   return f;
}

// year, month and day: one part of a date as a number.
builtin_function date_part(const std::string& name, std::string summary, int (date::*part)() const)
{
   builtin_function f;
   f.name = name;
   f.family = "dates";
   f.signature = name + "(date)";
   f.summary = std::move(summary);
   f.min_args = 1;
   f.max_args = 1;
   f.check = [name](std::span<const value_type> args, std::string& error) -> std::optional<value_type> {
      if (!is_date(args[0])) {
         error = fmt::format("{} expects a date as argument 1 (date), found {}", name, describe(args[0]));
         return std::nullopt;
      }
      return value_type{type_kind::number, args[0].optional};
   };
   f.call = [name, part](std::span<const value> args) -> value {
      return decimal::from_int((date_argument(name, args, 0).*part)());
   };
   return f;
}

}  // namespace

void register_dates(function_registry& registry)
{
   registry.add(add_days());
   registry.add(add_months());
   registry.add(days_between());
   registry.add(date_part("year", "The year of a date, as a number: year(2027-03-01) is 2027.", &date::year));
   registry.add(date_part("month", "The month of a date, 1 to 12: month(2027-03-01) is 3.", &date::month));
   registry.add(date_part("day", "The day of the month, 1 to 31: day(2027-03-01) is 1.", &date::day));
}

}  // namespace compplan

// Calendar dates (proleptic Gregorian) as day numbers, and day durations.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace compplan {

// A whole number of days, the type of `90 days` and of date differences.
struct day_count {
   std::int64_t days = 0;
   friend auto operator<=>(const day_count&, const day_count&) = default;
};

class date {
public:
   constexpr date() = default;

   // Valid calendar dates between 0001-01-01 and 9999-12-31 only; nothing otherwise.
   static std::optional<date> from_ymd(int year, int month, int day);
   // Strictly YYYY-MM-DD, with the day existing in that month (2027-02-30 is rejected).
   static std::optional<date> parse(std::string_view text);

   // The date whose serial() this is; `serial` must come from a valid date.
   static constexpr date from_serial(std::int64_t serial) { return date(serial); }

   int year() const;
   int month() const;
   int day() const;
   std::int64_t serial() const { return m_serial; }  // days since 1970-01-01

   // Throws arithmetic_error when the result leaves the supported range.
   date add_days(std::int64_t days) const;
   // Same day of month, N months later (N may be negative); when that month is shorter the
   // result is its last day (2027-01-31 + 1 month = 2027-02-28).
   date add_months(std::int64_t months) const;
   std::int64_t days_until(const date& later) const { return later.m_serial - m_serial; }

   std::string to_string() const;  // YYYY-MM-DD

   friend auto operator<=>(const date&, const date&) = default;

private:
   explicit constexpr date(std::int64_t serial) : m_serial(serial) {}
   std::int64_t m_serial = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

}  // namespace compplan

// Proleptic Gregorian dates as day serials, using Howard Hinnant's civil-calendar algorithms.
#include "core/date.hpp"

#include "core/decimal.hpp"


namespace compplan {

namespace {

constexpr int min_year = 1;
constexpr int max_year = 9999;

struct civil {
   std::int64_t year;
   unsigned month;
   unsigned day;
};

// Days since 1970-01-01 of a valid civil date (Hinnant's days_from_civil).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d)
{
   y -= m <= 2;
   const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
   const unsigned yoe = static_cast<unsigned>(y - era * 400);              // [0, 399]
   const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
   const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
   return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// The civil date of a day serial (Hinnant's civil_from_days).
constexpr civil civil_from_days(std::int64_t z)
{
   z += 719468;
   const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
   const unsigned doe = static_cast<unsigned>(z - era * 146097);                // [0, 146096]
   const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
   const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
   const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // [0, 365]
   const unsigned mp = (5 * doy + 2) / 153;                       // [0, 11]
   const unsigned d = doy - (153 * mp + 2) / 5 + 1;               // [1, 31]
   const unsigned m = mp < 10 ? mp + 3 : mp - 9;                  // [1, 12]
   return civil{y + (m <= 2), m, d};
}

constexpr std::int64_t min_serial = days_from_civil(min_year, 1, 1);
constexpr std::int64_t max_serial = days_from_civil(max_year, 12, 31);

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);

[[noreturn]] void out_of_range()
{
   throw arithmetic_error("date outside 0001-01-01..9999-12-31");
}

}  // namespace

bool is_leap_year(int year)
{
   return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int days_in_month(int year, int month)
{
   static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
   if (month < 1 || month > 12) {
      return 0;
   }
   return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
}

std::optional<date> date::from_ymd(int year, int month, int day)
{
   if (year < min_year || year > max_year || month < 1 || month > 12 || day < 1 ||
       day > days_in_month(year, month)) {
      return std::nullopt;
   }
   return date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<date> date::parse(std::string_view text)
{
   if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
      return std::nullopt;
   }
   auto number = [&](std::size_t from, std::size_t count) -> int {
      int value = 0;
      for (std::size_t i = from; i < from + count; ++i) {
         if (text[i] < '0' || text[i] > '9') {
            return -1;
         }
         value = value * 10 + (text[i] - '0');
      }
      return value;
   };
   int year = number(0, 4);
   int month = number(5, 2);
   int day = number(8, 2);
   if (year < 0 || month < 0 || day < 0) {
      return std::nullopt;
   }
   return from_ymd(year, month, day);
}

int date::year() const
{
   return static_cast<int>(civil_from_days(m_serial).year);
}

int date::month() const
{
   return static_cast<int>(civil_from_days(m_serial).month);
}

int date::day() const
{
   return static_cast<int>(civil_from_days(m_serial).day);
}

date date::add_days(std::int64_t days) const
{
   std::int64_t serial;
   if (__builtin_add_overflow(m_serial, days, &serial) || serial < min_serial || serial > max_serial) {
      out_of_range();
   }
   return date(serial);
}

date date::add_months(std::int64_t months) const
{
   const civil c = civil_from_days(m_serial);
   // Count months from year 0 so that negative steps are plain floor division.
   std::int64_t index;
   if (__builtin_add_overflow(c.year * 12 + static_cast<std::int64_t>(c.month) - 1, months, &index)) {
      out_of_range();
   }
   std::int64_t year = index >= 0 ? index / 12 : (index - 11) / 12;
   int month = static_cast<int>(index - year * 12) + 1;
   if (year < min_year || year > max_year) {
      out_of_range();
   }
   int last = days_in_month(static_cast<int>(year), month);
   int day = static_cast<int>(c.day) < last ? static_cast<int>(c.day) : last;
   return date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::string date::to_string() const
{
   // Digit by digit rather than through fmt: the ledger writes a date on every line.
   const civil c = civil_from_days(m_serial);
   const auto digit = [](std::int64_t value) { return static_cast<char>('0' + value % 10); };
   const auto year = static_cast<std::int64_t>(c.year);
   return {digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), '-',
           digit(c.month / 10), digit(c.month), '-', digit(c.day / 10), digit(c.day)};
}

}  // namespace compplan

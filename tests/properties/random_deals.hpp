// A seeded generator of deals for the reference plan's deal record, for the property tests.
// Its own arithmetic (splitmix64, std::chrono days, integer cents) shares nothing with the
// interpreter, so the tests that compare against it are independent of the code under test.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace compplan::test_support {

// splitmix64: the same numbers on every platform and standard library, unlike std::*_distribution.
class random_source {
public:
   explicit random_source(std::uint64_t seed) : m_state(seed) {}

   std::uint64_t next()
   {
      std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      return z ^ (z >> 31);
   }
   // A whole number in [low, high].
   long long between(long long low, long long high)
   {
      return low + static_cast<long long>(next() % static_cast<std::uint64_t>(high - low + 1));
   }
   bool chance(int percent) { return between(1, 100) <= percent; }
   template< typename T >
   const T& pick(const std::vector<T>& items)
   {
      return items[static_cast<std::size_t>(between(0, static_cast<long long>(items.size()) - 1))];
   }

private:
   std::uint64_t m_state;
};

using day = std::chrono::sys_days;
using std::chrono::days;

inline day day_of(int y, unsigned m, unsigned d)
{
   return day{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

inline std::string format_day(day value)
{
   const std::chrono::year_month_day ymd{value};
   char text[16];
   std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                 static_cast<unsigned>(ymd.day()));
   return text;
}

// "-12.34" -> -1234.
inline long long parse_cents(const std::string& text)
{
   const bool negative = text.starts_with('-');
   const auto point = text.find('.');
   const long long whole = std::llabs(std::stoll(text.substr(0, point)));
   const long long cents = whole * 100 + std::stoll(text.substr(point + 1));
   return negative ? -cents : cents;
}

inline std::string format_cents(long long cents)
{
   char text[32];
   std::snprintf(text, sizeof text, "%lld.%02lld", cents / 100, cents % 100);
   return text;
}

struct random_deal {
   std::string id;
   std::string kind;
   std::string source;
   long long amount = 0;  // cents, above zero
   bool bundled = false;
   day booked;
   std::optional<day> activated;
   std::optional<day> churned;
   std::string ae;
   std::string csm;
   std::string partner;
   bool registered = false;
};

// Deals spread over every rule, boundary and outcome of the reference plan: all four kinds and
// sources (and none), amounts at the crediting bands' edges, bookings a little outside the period,
// missing and unknown people, AEs without a quota, churn inside and outside the clawback window.
inline std::vector<random_deal> random_deals(random_source& random, std::size_t count)
{
   const std::vector<std::string> kinds{"new", "new", "renewal", "expansion", "expansion", "addon"};
   const std::vector<std::string> sources{"ae_sourced", "csm_sourced", "csm_sourced", "joint", "csm_closed", ""};
   const std::vector<std::string> aes{"Ana", "Ana", "Ben", "Ben", "Eve", "Eve", "Cy", "Zed", ""};
   const std::vector<std::string> csms{"Chen", "Chen", "Dana", "Dana", ""};
   const std::vector<long long> edges{2'499'999, 2'500'000, 2'500'001, 9'999'999, 10'000'000, 10'000'001, 1, 3, 7};
   std::vector<random_deal> deals;
   deals.reserve(count);
   for (std::size_t i = 0; i < count; ++i) {
      random_deal d;
      d.id = "D" + std::to_string(i);
      d.kind = random.pick(kinds);
      d.source = random.pick(sources);
      d.amount = random.chance(10) ? random.pick(edges) : random.between(1, random.chance(50) ? 3'000'000 : 30'000'000);
      d.bundled = random.chance(30);
      d.booked = day_of(2026, 12, 20) + days(random.between(0, 385));
      if (random.chance(70)) d.activated = d.booked + days(random.between(0, 60));
      if (random.chance(30)) d.churned = d.booked + days(random.between(-10, 250));
      d.ae = random.pick(aes);
      d.csm = random.pick(csms);
      d.partner = random.chance(30) ? "Acme" : "";
      d.registered = random.chance(50);
      deals.push_back(std::move(d));
   }
   return deals;
}

inline std::string deal_row(const random_deal& d)
{
   const auto optional_day = [](const std::optional<day>& value) { return value ? format_day(*value) : std::string(); };
   return d.id + ",Account," + d.kind + "," + d.source + "," + format_cents(d.amount) + "," +
          (d.bundled ? "true" : "false") + "," + format_day(d.booked) + "," + optional_day(d.activated) + "," +
          optional_day(d.churned) + "," + d.ae + "," + d.csm + "," + d.partner + "," + (d.registered ? "true" : "false") +
          "\n";
}

inline std::string deals_csv(const std::vector<random_deal>& deals)
{
   std::string text = "id,account,kind,source,amount,bundled,booked_on,activated_on,churned_on,ae,csm,partner,registered\n";
   for (const auto& d : deals) {
      text += deal_row(d);
   }
   return text;
}

}  // namespace compplan::test_support

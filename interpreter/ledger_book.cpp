// The ledger's lines as a run keeps them: names by number, amounts as units at a number of places.
#include "interpreter/run.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace compplan {

namespace {

constexpr int most_places = ledger_book::entry::most_places;

// For each denominator below a thousand that divides a power of ten: the fewest decimal places
// that write its fractions, and 10^places / denominator. Others have no places (-1).
struct small_denominator {
   int places = -1;
   std::int64_t factor = 0;
};

const std::array<small_denominator, 1000>& small_denominators()
{
   static const auto table = [] {
      std::array<small_denominator, 1000> all{};
      for (std::int64_t d = 1; d < static_cast<std::int64_t>(all.size()); ++d) {
         for (int k = 0; k <= 18; ++k) {
            const auto power = static_cast<std::int64_t>(power_of_ten(k));
            if (power % d == 0) {
               all[static_cast<std::size_t>(d)] = {k, power / d};
               break;
            }
         }
      }
      return all;
   }();
   return table;
}

}  // namespace

decimal ledger_book::entry::amount() const
{
   return decimal::from_fraction(units, power_of_ten(places));
}

void ledger_book::entry::set_amount(const decimal& amount)
{
   // Amounts rounded to cents have a denominator that divides 100: for denominators up to a
   // thousand a table gives the places and the factor to the units, and a numerator that fits
   // 64 bits makes units without an overflow check (two 64-bit factors fit in 128 bits).
   const auto denominator = amount.denominator();
   const auto numerator = amount.numerator();
   if (denominator < static_cast<decimal::int_type>(small_denominators().size()) &&
       numerator >= std::numeric_limits<std::int64_t>::min() && numerator <= std::numeric_limits<std::int64_t>::max()) {
      const auto& small = small_denominators()[static_cast<std::size_t>(denominator)];
      if (small.places >= 0) {
         units = static_cast<__int128>(static_cast<std::int64_t>(numerator)) * small.factor;
         places = static_cast<std::uint8_t>(small.places);
         return;
      }
   }
   const auto exact_places = amount.decimal_places();
   __int128 scaled = 0;
   if (!exact_places || *exact_places > most_places ||
       __builtin_mul_overflow(amount.numerator(), power_of_ten(*exact_places) / denominator, &scaled)) {
      throw arithmetic_error(fmt::format("the amount {} has no decimal form of at most {} digits to write in the ledger",
                                         amount.to_string(), most_places));
   }
   units = scaled;
   places = static_cast<std::uint8_t>(*exact_places);
}

ledger_book::ledger_book(std::span<const ledger_line> lines)
{
   for (const auto& line : lines) push_back(line);
}

std::uint16_t ledger_book::name(std::string_view text)
{
   for (std::size_t i = 0; i < m_names.size(); ++i) {
      if (m_names[i] == text) return static_cast<std::uint16_t>(i);
   }
   if (m_names.size() > std::numeric_limits<std::uint16_t>::max()) {
      throw std::length_error("a ledger names more events and rules than it can number");
   }
   m_names.push_back(text);
   return static_cast<std::uint16_t>(m_names.size() - 1);
}

void ledger_book::push_back(const ledger_line& line)
{
   entry kept{line.deal, line.person, 0, line.on, static_cast<std::int16_t>(line.role), name(line.event), name(line.rule), 0};
   kept.set_amount(line.amount);
   m_entries.push_back(kept);
}

void ledger_book::append(const ledger_book& other)
{
   if (other.m_names != m_names) throw std::logic_error("ledgers with different tables of names");
   m_entries.insert(m_entries.end(), other.m_entries.begin(), other.m_entries.end());
}

ledger_line ledger_book::line(const entry& line) const
{
   return {line.deal, line.person, line.role, m_names[line.event], line.on, line.amount(), m_names[line.rule]};
}

}  // namespace compplan

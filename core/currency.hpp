// ISO 4217 currency codes and their minor units: how many decimal places an amount may have.
#pragma once

#include <optional>
#include <string_view>

namespace compplan {

struct currency_info {
   std::string_view code;
   // The number of decimal places of the minor unit (2 for USD, 0 for JPY); nullopt for the
   // codes ISO 4217 lists without one: precious metals, the IMF's SDR, bond-market units and
   // the testing and "no currency" codes, which cannot be paid out as amounts.
   std::optional<int> minor_units;
};

// The active ISO 4217 entry for `code` (three capital letters), or nullptr when there is none.
const currency_info* find_currency(std::string_view code);

}  // namespace compplan

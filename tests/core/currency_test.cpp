// The ISO 4217 table: minor units by code, and the codes it does not hold.
#include "core/currency.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace compplan;

TEST_CASE("currencies have the minor units ISO 4217 gives them", "[core]")
{
   const auto places = [](std::string_view code) -> int {
      const auto* found = find_currency(code);
      REQUIRE(found != nullptr);
      REQUIRE(found->minor_units.has_value());
      CHECK(found->code == code);
      return *found->minor_units;
   };
   for (const auto* code : {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
                            "VUV", "XAF", "XOF", "XPF"}) {
      INFO(code);
      CHECK(places(code) == 0);
   }
   for (const auto* code : {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}) {
      INFO(code);
      CHECK(places(code) == 3);
   }
   for (const auto* code : {"CLF", "UYW"}) {
      INFO(code);
      CHECK(places(code) == 4);
   }
   for (const auto* code : {"AED", "CHF", "EUR", "GBP", "INR", "USD", "XCD", "XCG", "ZAR", "ZWG"}) {
      INFO(code);
      CHECK(places(code) == 2);
   }
}

TEST_CASE("metals, funds and testing codes are known but have no minor unit", "[core]")
{
   for (const auto* code : {"XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"}) {
      INFO(code);
      const auto* found = find_currency(code);
      REQUIRE(found != nullptr);
      CHECK_FALSE(found->minor_units.has_value());
   }
}

TEST_CASE("withdrawn and made-up codes are not in the table", "[core]")
{
   for (const auto* code : {"HRK", "ZWL", "DEM", "ABC", "AAA", "ZZZ", "usd", "US", "USDX", ""}) {
      INFO(code);
      CHECK(find_currency(code) == nullptr);
   }
}

#include "core/currency.hpp"

#include <algorithm>
#include <array>

namespace compplan {

namespace {

constexpr std::optional<int> none = std::nullopt;

// ISO 4217 list one (active codes), sorted by code for the binary search below. Withdrawn codes
// are left out on purpose, since a plan written in one today is a mistake: among recent ones
// HRK and BGN (now EUR), ANG (now XCG), SLL (now SLE) and ZWL (now ZWG).
constexpr std::array currencies{
   currency_info{"AED", 2}, currency_info{"AFN", 2}, currency_info{"ALL", 2}, currency_info{"AMD", 2},
   currency_info{"AOA", 2}, currency_info{"ARS", 2}, currency_info{"AUD", 2}, currency_info{"AWG", 2},
   currency_info{"AZN", 2}, currency_info{"BAM", 2}, currency_info{"BBD", 2}, currency_info{"BDT", 2},
   currency_info{"BHD", 3}, currency_info{"BIF", 0}, currency_info{"BMD", 2}, currency_info{"BND", 2},
   currency_info{"BOB", 2}, currency_info{"BOV", 2}, currency_info{"BRL", 2}, currency_info{"BSD", 2},
   currency_info{"BTN", 2}, currency_info{"BWP", 2}, currency_info{"BYN", 2}, currency_info{"BZD", 2},
   currency_info{"CAD", 2}, currency_info{"CDF", 2}, currency_info{"CHE", 2}, currency_info{"CHF", 2},
   currency_info{"CHW", 2}, currency_info{"CLF", 4}, currency_info{"CLP", 0}, currency_info{"CNY", 2},
   currency_info{"COP", 2}, currency_info{"COU", 2}, currency_info{"CRC", 2}, currency_info{"CUC", 2},
   currency_info{"CUP", 2}, currency_info{"CVE", 2}, currency_info{"CZK", 2}, currency_info{"DJF", 0},
   currency_info{"DKK", 2}, currency_info{"DOP", 2}, currency_info{"DZD", 2}, currency_info{"EGP", 2},
   currency_info{"ERN", 2}, currency_info{"ETB", 2}, currency_info{"EUR", 2}, currency_info{"FJD", 2},
   currency_info{"FKP", 2}, currency_info{"GBP", 2}, currency_info{"GEL", 2}, currency_info{"GHS", 2},
   currency_info{"GIP", 2}, currency_info{"GMD", 2}, currency_info{"GNF", 0}, currency_info{"GTQ", 2},
   currency_info{"GYD", 2}, currency_info{"HKD", 2}, currency_info{"HNL", 2}, currency_info{"HTG", 2},
   currency_info{"HUF", 2}, currency_info{"IDR", 2}, currency_info{"ILS", 2}, currency_info{"INR", 2},
   currency_info{"IQD", 3}, currency_info{"IRR", 2}, currency_info{"ISK", 0}, currency_info{"JMD", 2},
   currency_info{"JOD", 3}, currency_info{"JPY", 0}, currency_info{"KES", 2}, currency_info{"KGS", 2},
   currency_info{"KHR", 2}, currency_info{"KMF", 0}, currency_info{"KPW", 2}, currency_info{"KRW", 0},
   currency_info{"KWD", 3}, currency_info{"KYD", 2}, currency_info{"KZT", 2}, currency_info{"LAK", 2},
   currency_info{"LBP", 2}, currency_info{"LKR", 2}, currency_info{"LRD", 2}, currency_info{"LSL", 2},
   currency_info{"LYD", 3}, currency_info{"MAD", 2}, currency_info{"MDL", 2}, currency_info{"MGA", 2},
   currency_info{"MKD", 2}, currency_info{"MMK", 2}, currency_info{"MNT", 2}, currency_info{"MOP", 2},
   currency_info{"MRU", 2}, currency_info{"MUR", 2}, currency_info{"MVR", 2}, currency_info{"MWK", 2},
   currency_info{"MXN", 2}, currency_info{"MXV", 2}, currency_info{"MYR", 2}, currency_info{"MZN", 2},
   currency_info{"NAD", 2}, currency_info{"NGN", 2}, currency_info{"NIO", 2}, currency_info{"NOK", 2},
   currency_info{"NPR", 2}, currency_info{"NZD", 2}, currency_info{"OMR", 3}, currency_info{"PAB", 2},
   currency_info{"PEN", 2}, currency_info{"PGK", 2}, currency_info{"PHP", 2}, currency_info{"PKR", 2},
   currency_info{"PLN", 2}, currency_info{"PYG", 0}, currency_info{"QAR", 2}, currency_info{"RON", 2},
   currency_info{"RSD", 2}, currency_info{"RUB", 2}, currency_info{"RWF", 0}, currency_info{"SAR", 2},
   currency_info{"SBD", 2}, currency_info{"SCR", 2}, currency_info{"SDG", 2}, currency_info{"SEK", 2},
   currency_info{"SGD", 2}, currency_info{"SHP", 2}, currency_info{"SLE", 2}, currency_info{"SOS", 2},
   currency_info{"SRD", 2}, currency_info{"SSP", 2}, currency_info{"STN", 2}, currency_info{"SVC", 2},
   currency_info{"SYP", 2}, currency_info{"SZL", 2}, currency_info{"THB", 2}, currency_info{"TJS", 2},
   currency_info{"TMT", 2}, currency_info{"TND", 3}, currency_info{"TOP", 2}, currency_info{"TRY", 2},
   currency_info{"TTD", 2}, currency_info{"TWD", 2}, currency_info{"TZS", 2}, currency_info{"UAH", 2},
   currency_info{"UGX", 0}, currency_info{"USD", 2}, currency_info{"USN", 2}, currency_info{"UYI", 0},
   currency_info{"UYU", 2}, currency_info{"UYW", 4}, currency_info{"UZS", 2}, currency_info{"VED", 2},
   currency_info{"VES", 2}, currency_info{"VND", 0}, currency_info{"VUV", 0}, currency_info{"WST", 2},
   currency_info{"XAF", 0}, currency_info{"XAG", none}, currency_info{"XAU", none}, currency_info{"XBA", none},
   currency_info{"XBB", none}, currency_info{"XBC", none}, currency_info{"XBD", none}, currency_info{"XCD", 2},
   currency_info{"XCG", 2}, currency_info{"XDR", none}, currency_info{"XOF", 0}, currency_info{"XPD", none},
   currency_info{"XPF", 0}, currency_info{"XPT", none}, currency_info{"XSU", none}, currency_info{"XTS", none},
   currency_info{"XUA", none}, currency_info{"XXX", none}, currency_info{"YER", 2}, currency_info{"ZAR", 2},
   currency_info{"ZMW", 2}, currency_info{"ZWG", 2},
};

constexpr bool sorted_by_code()
{
   for (std::size_t i = 1; i < currencies.size(); ++i) {
      if (!(currencies[i - 1].code < currencies[i].code)) return false;
   }
   return true;
}
static_assert(sorted_by_code(), "the currency table must stay sorted by code, with no code twice");

}  // namespace

const currency_info* find_currency(std::string_view code)
{
   const auto* it = std::lower_bound(currencies.begin(), currencies.end(), code,
                                     [](const currency_info& c, std::string_view key) { return c.code < key; });
   return it != currencies.end() && it->code == code ? &*it : nullptr;
}

}  // namespace compplan

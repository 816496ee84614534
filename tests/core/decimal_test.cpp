// Unit tests for the exact rational arithmetic: parsing, exactness, rounding, overflow, output.
#include "core/decimal.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>

#include <regex>

#include <algorithm>
#include <string>
#include <vector>

using compplan::arithmetic_error;
using compplan::decimal;
using compplan::rounding_mode;
using int_type = decimal::int_type;

namespace Catch {
template <>
struct StringMaker<decimal> {
   static std::string convert(const decimal& value) { return value.to_string(); }
};
}  // namespace Catch

namespace {

constexpr int_type int_max = static_cast<int_type>(~static_cast<unsigned __int128>(0) >> 1);

decimal dec(std::string_view text)
{
   auto value = decimal::parse(text);
   REQUIRE(value.has_value());
   return *value;
}

int_type power(int_type base, int exponent)
{
   int_type result = 1;
   for (int i = 0; i < exponent; ++i) {
      result *= base;
   }
   return result;
}

}  // namespace

TEST_CASE("decimal::parse accepts plain decimals exactly", "[core][decimal]")
{
   struct accepted {
      const char* text;
      int_type numerator;
      int_type denominator;
   };
   const accepted cases[] = {
      {"25000", 25000, 1},
      {"100.5", 201, 2},
      {"0.001", 1, 1000},
      {"-0.50", -1, 2},
      {"-1.5", -3, 2},
      {"007", 7, 1},
      {"-0", 0, 1},
      {"0.0", 0, 1},
      {"1.000", 1, 1},
      {"12.34", 617, 50},
      // Trailing zeros past the 38 digits a 128-bit denominator can hold still parse.
      {"1.000000000000000000000000000000000000000000000", 1, 1},
      {"0.00000000000000000000000000000000000001", 1, power(10, 38)},
      {"170141183460469231731687303715884105727", int_max, 1},
      {"-170141183460469231731687303715884105727", -int_max, 1},
      // Up to 18 digits are read in 64 bits; 19 and more in 128.
      {"999999999999999999", power(10, 18) - 1, 1},
      {"-999999999999999999", 1 - power(10, 18), 1},
      {"9999999999999999999", power(10, 19) - 1, 1},
      {"9223372036854775807", power(2, 63) - 1, 1},
      {"123456789.123456789", 123456789123456789, power(10, 9)},
      {"-12345678901234567.8", -61728394506172839, 5},
      {"0.00000000000000001", 1, power(10, 17)},
      {"0.000000000000000001", 1, power(10, 18)},
      {"-0.0000000000000000001", -1, power(10, 19)},
      {"99999999.9999999999", power(10, 18) - 1, power(10, 10)},
      {"999999999.9999999999", power(10, 19) - 1, power(10, 10)},
      {"48213.570000000000000", 4821357, 100},
   };
   for (const accepted& c : cases) {
      CAPTURE(c.text);
      decimal value = dec(c.text);
      CHECK(value.numerator() == c.numerator);
      CHECK(value.denominator() == c.denominator);
   }
}

TEST_CASE("decimal::parse rejects anything but a plain decimal", "[core][decimal]")
{
   const char* const rejected[] = {
      "1e5", "+5", ".5", "5.", "1,000.00", "$100", "", "-", " 5", "5 ", "1_000", "--5",
      "1.2.3", "-.5", "0x10", "5%", "1 000", "12a",
      // 2^127 does not fit; 39 significant fraction digits need a denominator of 10^39.
      "170141183460469231731687303715884105728",
      "99999999999999999999999999999999999999999",
      "0.000000000000000000000000000000000000001",
   };
   for (const char* text : rejected) {
      CAPTURE(text);
      CHECK_FALSE(decimal::parse(text).has_value());
   }
}

TEST_CASE("decimal arithmetic is exact", "[core][decimal]")
{
   SECTION("15/3 is exactly 5")
   {
      decimal q = decimal::from_int(15) / decimal::from_int(3);
      CHECK(q == decimal::from_int(5));
      CHECK(q.is_integer());
      CHECK(q.to_string() == "5");
   }
   SECTION("1/3 * 3 is exactly 1")
   {
      decimal third = decimal::from_int(1) / decimal::from_int(3);
      CHECK(third.to_string() == "1/3");
      CHECK(third * decimal::from_int(3) == decimal::from_int(1));
      CHECK(third + third + third == decimal::from_int(1));
   }
   SECTION("100.01 * 70% is 70.007")
   {
      decimal product = dec("100.01") * dec("0.7");
      CHECK(product == dec("70.007"));
      CHECK(product.to_string() == "70.007");
      CHECK(product.decimal_places() == 3);
   }
   SECTION("0.1 + 0.2 is 0.3, and sums stay in lowest terms")
   {
      CHECK(dec("0.1") + dec("0.2") == dec("0.3"));
      decimal half = decimal::from_fraction(1, 6) + decimal::from_fraction(1, 3);
      CHECK(half.numerator() == 1);
      CHECK(half.denominator() == 2);
      decimal zero = dec("0.3") - dec("0.3");
      CHECK(zero.is_zero());
      CHECK(zero.denominator() == 1);
      CHECK(zero == decimal{});
   }
   SECTION("a cent added ten thousand times is exactly 100")
   {
      decimal total;
      for (int i = 0; i < 10000; ++i) {
         total += dec("0.01");
      }
      CHECK(total == decimal::from_int(100));
   }
   SECTION("signs and fractions normalise")
   {
      decimal value = decimal::from_fraction(2, -4);
      CHECK(value.numerator() == -1);
      CHECK(value.denominator() == 2);
      CHECK(decimal::from_fraction(-3, -9) == decimal::from_fraction(1, 3));
      CHECK((-dec("2.5")).to_string() == "-2.5");
      CHECK(dec("-2.5").abs() == dec("2.5"));
      CHECK(dec("-2.5").sign() == -1);
      CHECK(decimal{}.sign() == 0);
      CHECK(dec("1") / dec("-4") == dec("-0.25"));
      CHECK(dec("-1.5") - dec("-2") == dec("0.5"));
   }
   SECTION("division by zero throws")
   {
      CHECK_THROWS_AS(decimal::from_int(1) / decimal{}, arithmetic_error);
      CHECK_THROWS_AS(decimal::from_fraction(1, 0), arithmetic_error);
      CHECK_THROWS_AS(decimal::from_int(5).floor_div(decimal{}), arithmetic_error);
   }
}

TEST_CASE("decimal overflow throws and never wraps", "[core][decimal]")
{
   const decimal big = decimal::from_fraction(power(10, 30), 1);
   const decimal max = decimal::from_fraction(int_max, 1);
   CHECK_THROWS_AS(big * big, arithmetic_error);
   CHECK_THROWS_AS(big * -big, arithmetic_error);
   CHECK_THROWS_AS(max + decimal::from_int(1), arithmetic_error);
   CHECK_THROWS_AS(-max - decimal::from_int(1), arithmetic_error);
   CHECK_THROWS_AS(max * decimal::from_int(2), arithmetic_error);
   // Tiny values overflow through their denominators.
   const decimal tiny = decimal::from_int(1) / big;
   CHECK_THROWS_AS(tiny * tiny, arithmetic_error);
   CHECK_THROWS_AS(big / tiny, arithmetic_error);
   // 1/2^70 + 1/3^45 needs a denominator of about 2^141.
   CHECK_THROWS_AS(decimal::from_fraction(1, power(2, 70)) + decimal::from_fraction(1, power(3, 45)),
                   arithmetic_error);
   CHECK_THROWS_AS(max.round_to(decimal::from_int(2), rounding_mode::ceiling), arithmetic_error);
   // The lone minimum 128-bit value is kept out so that negation can never overflow...
   CHECK_THROWS_AS(decimal::from_fraction(-int_max - 1, 1), arithmetic_error);
   // ...but it is accepted as an input that reduces into range.
   CHECK(decimal::from_fraction(-int_max - 1, 2) == -decimal::from_fraction(power(2, 126), 1));

   SECTION("cross-reduction and reduction keep results that fit")
   {
      // The naive product's numerator would be 2^100 * 3^60, about 2^195.
      decimal product = decimal::from_fraction(power(2, 100), 3) * decimal::from_fraction(power(3, 60), power(2, 90));
      CHECK(product == decimal::from_fraction(power(2, 10) * power(3, 59), 1));
      // The unreduced sum 2*max overflows, the reduced one is max.
      decimal half_max = decimal::from_fraction(int_max, 2);
      CHECK(half_max + half_max == max);
      CHECK(max - max == decimal{});
   }
}

TEST_CASE("decimal comparison", "[core][decimal]")
{
   CHECK(dec("0.5") < dec("0.7"));
   CHECK(dec("-1") < dec("0.5"));
   CHECK(dec("-0.7") < dec("-0.5"));
   CHECK(decimal::from_fraction(1, 3) < dec("0.334"));
   CHECK(decimal::from_fraction(1, 3) > dec("0.333"));
   CHECK(dec("2.50") == dec("2.5"));
   CHECK((dec("2.5") <=> dec("2.50")) == std::strong_ordering::equal);
   CHECK(dec("10") > dec("9.99"));

   SECTION("cross products beyond 128 bits fall back to exact big integers")
   {
      // max/(max-1) = 1 + 1/(max-1) is just below (max-1)/(max-2) = 1 + 1/(max-2);
      // both cross products are near 2^254.
      const decimal a = decimal::from_fraction(int_max, int_max - 1);
      const decimal b = decimal::from_fraction(int_max - 1, int_max - 2);
      CHECK(a < b);
      CHECK(b > a);
      CHECK(-a > -b);
      CHECK((a <=> b) == std::strong_ordering::less);
      CHECK((a <=> a) == std::strong_ordering::equal);
      // Same numerators, different huge denominators: the larger denominator is smaller.
      const decimal c = decimal::from_fraction(int_max - 4, int_max);
      const decimal d = decimal::from_fraction(int_max - 4, int_max - 2);
      CHECK(c < d);
      CHECK(decimal::from_int(1) > c);
   }
}

TEST_CASE("decimal::round_to in every mode", "[core][decimal]")
{
   struct rounding_case {
      const char* value;
      const char* increment;
      const char* half_up;
      const char* half_down;
      const char* half_even;
      const char* floor;
      const char* ceiling;
      const char* toward_zero;
   };
   const rounding_case cases[] = {
      // value      increment  half_up   half_down half_even floor     ceiling   toward_zero
      {"2.345", "0.01", "2.35", "2.34", "2.34", "2.34", "2.35", "2.34"},
      {"-2.345", "0.01", "-2.35", "-2.34", "-2.34", "-2.35", "-2.34", "-2.34"},
      {"2.355", "0.01", "2.36", "2.35", "2.36", "2.35", "2.36", "2.35"},
      {"-2.355", "0.01", "-2.36", "-2.35", "-2.36", "-2.36", "-2.35", "-2.35"},
      {"2.3449", "0.01", "2.34", "2.34", "2.34", "2.34", "2.35", "2.34"},
      {"2.3451", "0.01", "2.35", "2.35", "2.35", "2.34", "2.35", "2.34"},
      {"-2.3449", "0.01", "-2.34", "-2.34", "-2.34", "-2.35", "-2.34", "-2.34"},
      {"-2.3451", "0.01", "-2.35", "-2.35", "-2.35", "-2.35", "-2.34", "-2.34"},
      {"2.34", "0.01", "2.34", "2.34", "2.34", "2.34", "2.34", "2.34"},
      {"-0.005", "0.01", "-0.01", "0", "0", "-0.01", "0", "0"},
      {"2.5", "1", "3", "2", "2", "2", "3", "2"},
      {"-2.5", "1", "-3", "-2", "-2", "-3", "-2", "-2"},
      {"3.5", "1", "4", "3", "4", "3", "4", "3"},
      {"-3.5", "1", "-4", "-3", "-4", "-4", "-3", "-3"},
      {"2.4", "1", "2", "2", "2", "2", "3", "2"},
      {"2.6", "1", "3", "3", "3", "2", "3", "2"},
      {"-2.6", "1", "-3", "-3", "-3", "-3", "-2", "-2"},
      {"-2.4", "1", "-2", "-2", "-2", "-3", "-2", "-2"},
      {"0.5", "1", "1", "0", "0", "0", "1", "0"},
      {"7", "1", "7", "7", "7", "7", "7", "7"},
      {"1.025", "0.05", "1.05", "1", "1", "1", "1.05", "1"},
      {"1.075", "0.05", "1.1", "1.05", "1.1", "1.05", "1.1", "1.05"},
      {"-1.025", "0.05", "-1.05", "-1", "-1", "-1.05", "-1", "-1"},
      {"-1.075", "0.05", "-1.1", "-1.05", "-1.1", "-1.1", "-1.05", "-1.05"},
      {"1.03", "0.05", "1.05", "1.05", "1.05", "1", "1.05", "1"},
      {"1.02", "0.05", "1", "1", "1", "1", "1.05", "1"},
      {"-1.03", "0.05", "-1.05", "-1.05", "-1.05", "-1.05", "-1", "-1"},
      {"-1.02", "0.05", "-1", "-1", "-1", "-1.05", "-1", "-1"},
      {"1.05", "0.05", "1.05", "1.05", "1.05", "1.05", "1.05", "1.05"},
   };
   for (const rounding_case& c : cases) {
      CAPTURE(c.value, c.increment);
      const decimal value = dec(c.value);
      const decimal increment = dec(c.increment);
      CHECK(value.round_to(increment, rounding_mode::half_up) == dec(c.half_up));
      CHECK(value.round_to(increment, rounding_mode::half_down) == dec(c.half_down));
      CHECK(value.round_to(increment, rounding_mode::half_even) == dec(c.half_even));
      CHECK(value.round_to(increment, rounding_mode::floor) == dec(c.floor));
      CHECK(value.round_to(increment, rounding_mode::ceiling) == dec(c.ceiling));
      CHECK(value.round_to(increment, rounding_mode::toward_zero) == dec(c.toward_zero));
   }

   SECTION("values without a finite expansion round too")
   {
      const decimal two_thirds = decimal::from_fraction(2, 3);
      CHECK(two_thirds.round_to(dec("0.01"), rounding_mode::half_up) == dec("0.67"));
      CHECK(two_thirds.round_to(dec("0.01"), rounding_mode::floor) == dec("0.66"));
      CHECK((-two_thirds).round_to(dec("0.01"), rounding_mode::toward_zero) == dec("-0.66"));
   }
   SECTION("negative zero does not appear after rounding")
   {
      CHECK(dec("-0.004").round_to(dec("0.01"), rounding_mode::half_up).to_fixed(2) == "0.00");
   }
   SECTION("the increment must be positive")
   {
      CHECK_THROWS_AS(dec("1.5").round_to(decimal{}, rounding_mode::half_up), arithmetic_error);
      CHECK_THROWS_AS(dec("1.5").round_to(dec("-0.01"), rounding_mode::half_up), arithmetic_error);
   }
}

TEST_CASE("decimal::floor_div rounds toward negative infinity", "[core][decimal]")
{
   CHECK(dec("7.5").floor_div(dec("2")) == 3);
   CHECK(dec("-7.5").floor_div(dec("2")) == -4);
   CHECK(dec("6").floor_div(dec("2")) == 3);
   CHECK(dec("-6").floor_div(dec("2")) == -3);
   CHECK(dec("25000").floor_div(dec("0.01")) == 2500000);
   CHECK(dec("0.99").floor_div(dec("1")) == 0);
   CHECK(dec("-0.01").floor_div(dec("1")) == -1);
}

TEST_CASE("decimal::to_fixed writes exactly the requested places", "[core][decimal]")
{
   struct fixed_case {
      const char* value;
      int places;
      const char* expected;
   };
   const fixed_case cases[] = {
      {"1800", 2, "1800.00"}, {"-0.5", 2, "-0.50"}, {"0", 2, "0.00"},    {"-0", 2, "0.00"},
      {"0.005", 3, "0.005"},  {"-0.05", 2, "-0.05"}, {"12", 0, "12"},    {"12.5", 1, "12.5"},
      {"0.7", 4, "0.7000"},   {"-123456789.01", 2, "-123456789.01"},
   };
   for (const fixed_case& c : cases) {
      CAPTURE(c.value, c.places);
      CHECK(dec(c.value).to_fixed(c.places) == c.expected);
   }
   CHECK_THROWS_AS(decimal::from_fraction(1, 3).to_fixed(2), arithmetic_error);
   CHECK_THROWS_AS(dec("0.005").to_fixed(2), arithmetic_error);
   CHECK_THROWS_AS(dec("12.5").to_fixed(0), arithmetic_error);
   CHECK_THROWS_AS(dec("1").to_fixed(-1), arithmetic_error);
}

TEST_CASE("decimal::to_string and decimal_places", "[core][decimal]")
{
   struct string_case {
      decimal value;
      const char* expected;
      std::optional<int> places;
   };
   const std::vector<string_case> cases = {
      {dec("0.7"), "0.7", 1},
      {dec("25000"), "25000", 0},
      {dec("-1.5"), "-1.5", 1},
      {dec("0.125"), "0.125", 3},
      {dec("0.025"), "0.025", 3},
      {dec("-0.001"), "-0.001", 3},
      {decimal{}, "0", 0},
      {decimal::from_fraction(1, 3), "1/3", std::nullopt},
      {decimal::from_fraction(-2, 3), "-2/3", std::nullopt},
      {decimal::from_fraction(7, 6), "7/6", std::nullopt},
   };
   for (const string_case& c : cases) {
      CAPTURE(c.expected);
      CHECK(c.value.to_string() == c.expected);
      CHECK(c.value.decimal_places() == c.places);
   }

   SECTION("denominators too large for 128-bit long division still print exactly")
   {
      // 2^-124 = 5^124 / 10^124: 124 places whose digits are 5^124, zero padded.
      const decimal tiny = decimal::from_fraction(1, power(2, 124));
      boost::multiprecision::cpp_int five_power = boost::multiprecision::pow(boost::multiprecision::cpp_int(5), 124);
      std::string digits = five_power.str();
      std::string expected = "0." + std::string(124 - digits.size(), '0') + digits;
      CHECK(tiny.decimal_places() == 124);
      CHECK(tiny.to_string() == expected);
      CHECK((-tiny).to_string() == "-" + expected);
   }
}

TEST_CASE("rounding mode names", "[core][decimal]")
{
   const std::pair<rounding_mode, const char*> names[] = {
      {rounding_mode::half_up, "half_up"},     {rounding_mode::half_even, "half_even"},
      {rounding_mode::half_down, "half_down"}, {rounding_mode::floor, "floor"},
      {rounding_mode::ceiling, "ceiling"},     {rounding_mode::toward_zero, "toward_zero"},
   };
   for (const auto& [mode, name] : names) {
      CAPTURE(name);
      CHECK(compplan::to_string(mode) == name);
      CHECK(compplan::rounding_mode_from_string(name) == mode);
   }
   CHECK_FALSE(compplan::rounding_mode_from_string("HALF_UP").has_value());
   CHECK_FALSE(compplan::rounding_mode_from_string("round").has_value());
   CHECK_FALSE(compplan::rounding_mode_from_string("").has_value());
}

// The arithmetic takes 64-bit shortcuts when operands fit; these cases check every operation
// against an independent exact rational on arbitrary-precision integers, on operands that fit
// in 64 bits, straddle the boundary and need the full 128 bits.
namespace {

using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;

cpp_int big(int_type value)
{
   const bool negative = value < 0;
   const auto magnitude = negative ? static_cast<unsigned __int128>(0) - static_cast<unsigned __int128>(value)
                                   : static_cast<unsigned __int128>(value);
   cpp_int result = static_cast<std::uint64_t>(magnitude >> 64);
   result <<= 64;
   result += static_cast<std::uint64_t>(magnitude);
   return negative ? cpp_int(-result) : result;
}

cpp_rational exact(const decimal& value)
{
   return cpp_rational(big(value.numerator()), big(value.denominator()));
}

// The multiple of increment that value rounds to, computed on arbitrary-precision rationals.
cpp_rational reference_round(const cpp_rational& value, const cpp_rational& increment, rounding_mode mode)
{
   const cpp_rational q = value / increment;
   cpp_int k = boost::multiprecision::numerator(q) / boost::multiprecision::denominator(q);
   if (cpp_rational(k) > q) --k;  // floor
   const cpp_rational fraction = q - cpp_rational(k);
   if (fraction == 0) return value;
   const cpp_rational half(1, 2);
   bool up = false;
   switch (mode) {
   case rounding_mode::floor: up = false; break;
   case rounding_mode::ceiling: up = true; break;
   case rounding_mode::toward_zero: up = q < 0; break;
   case rounding_mode::half_up: up = fraction > half || (fraction == half && q > 0); break;
   case rounding_mode::half_down: up = fraction > half || (fraction == half && q < 0); break;
   case rounding_mode::half_even: up = fraction > half || (fraction == half && k % 2 != 0); break;
   }
   return cpp_rational(up ? k + 1 : k) * increment;
}

// value written with exactly `places` decimals, from arbitrary-precision integers.
std::string reference_fixed(const cpp_rational& value, int places)
{
   const cpp_int scale = boost::multiprecision::pow(cpp_int(10), static_cast<unsigned>(places));
   const cpp_rational scaled = value * cpp_rational(scale);
   REQUIRE(boost::multiprecision::denominator(scaled) == 1);
   const cpp_int units = boost::multiprecision::numerator(scaled);
   std::string digits = cpp_int(abs(units)).str();
   if (digits.size() <= static_cast<std::size_t>(places)) {
      digits.insert(0, places + 1 - digits.size(), '0');
   }
   if (places > 0) {
      digits.insert(digits.size() - places, ".");
   }
   return (units < 0 ? "-" : "") + digits;
}

// A deterministic spread of operands: zero and one (which sums and products return early on),
// money in cents, shares, thirds, and values near and past 2^64 in numerator or denominator.
std::vector<decimal> operands()
{
   std::vector<decimal> values = {decimal{}, decimal::from_int(1), decimal::from_int(-1)};
   std::uint64_t state = 2027;
   const auto next = [&state] {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return state >> 11;
   };
   const int_type two_64 = static_cast<int_type>(1) << 64;
   for (int i = 0; i < 60; ++i) {
      const auto r = static_cast<int_type>(next());
      const int_type sign = next() % 2 == 0 ? 1 : -1;
      switch (i % 6) {
      case 0: values.push_back(decimal::from_fraction(sign * (r % 100'000'000), 100)); break;
      case 1: values.push_back(decimal::from_fraction(sign * (r % 100), 100)); break;
      case 2: values.push_back(decimal::from_fraction(sign * (r % 1000 + 1), 3)); break;
      case 3: values.push_back(decimal::from_fraction(sign * (two_64 - 1 - r % 5), 100)); break;
      case 4: values.push_back(decimal::from_fraction(sign * (two_64 + r), 7)); break;
      default: values.push_back(decimal::from_fraction(sign * (r % 9 + 1), two_64 + r % 1000)); break;
      }
   }
   // Every denominator a money value takes (divisors of 100 and powers of ten), others with and
   // without factors 2 and 5, and the edges of 64 bits; numerators small, at the 63- and 64-bit
   // boundaries, and with factors of their own in common with the denominator.
   const int_type two_63 = static_cast<int_type>(1) << 63;
   for (const int_type d : {int_type{1}, int_type{2}, int_type{4}, int_type{5}, int_type{8}, int_type{10},
                            int_type{16}, int_type{20}, int_type{25}, int_type{50}, int_type{100}, int_type{125},
                            int_type{1000}, int_type{3}, int_type{7}, int_type{30}, power(2, 62), power(5, 27)}) {
      values.push_back(decimal::from_fraction(static_cast<int_type>(next() % 100'000'000), d));
      values.push_back(decimal::from_fraction(-static_cast<int_type>(next() % 1000), d));
      values.push_back(decimal::from_fraction(next() % 2 == 0 ? two_63 - 1 : -(two_63 + 5), d));
      values.push_back(decimal::from_fraction(int_type{21} * power(5, 3) * power(2, 4), d));
   }
   // Ties at a cent, a twentieth of a cent and a whole unit, on both sides of zero.
   // Powers of two past 64 bits, alone and with fives.
   values.push_back(decimal::from_fraction(-3, static_cast<int_type>(1) << 64));
   values.push_back(decimal::from_fraction(7, power(2, 100) * power(5, 10)));
   // Denominators past 64 bits whose low 64 bits alone look like a power of 5 (or 1).
   values.push_back(decimal::from_fraction(3, (static_cast<int_type>(1) << 64) + 1));
   values.push_back(decimal::from_fraction(-2, 5 * ((static_cast<int_type>(1) << 64) + 5)));
   for (const auto text : {"2.675", "-2.665", "0.005", "-0.005", "0.015", "-1.5", "2.5", "0.0625", "-0.125"}) {
      values.push_back(dec(text));
   }
   return values;
}

// Numerators and denominators reaching every branch of the reduction to lowest terms: powers of
// 2 and 5 on either side or both, common factors other than 2 and 5, zero, and the 63-, 64- and
// 127-bit edges.
std::vector<int_type> reduction_parts()
{
   const int_type two_63 = static_cast<int_type>(1) << 63;
   const int_type two_64 = static_cast<int_type>(1) << 64;
   return {0, 1, 2, 3, 4, 5, 7, 8, 10, 16, 20, 21, 25, 30, 35, 50, 64, 100, 125, 625, 1000, 4821357, 4821350,
           3 * power(5, 10), power(2, 10) * power(5, 5), 7 * power(2, 20) * power(5, 8), power(2, 62), power(5, 27),
           2 * power(5, 27), 3 * power(5, 26), two_63 - 1, two_63, two_63 + 1, two_64 - 1, two_64, two_64 + 5,
           power(5, 54), power(2, 126), int_max - 1, int_max};
}

}  // namespace

TEST_CASE("fractions reduce to the lowest terms exact big-integer rationals give", "[core][decimal]")
{
   const auto parts = reduction_parts();
   for (const int_type n : parts) {
      for (const int_type d : parts) {
         if (d == 0) {
            continue;
         }
         for (const int_type sign : {1, -1}) {
            INFO("n = " << big(sign * n).str() << ", d = " << big(d).str());
            const decimal value = decimal::from_fraction(sign * n, d);
            const cpp_rational expected(big(sign * n), big(d));
            CHECK(big(value.numerator()) == boost::multiprecision::numerator(expected));
            CHECK(big(value.denominator()) == boost::multiprecision::denominator(expected));
            CHECK(decimal::from_fraction(n, -d * sign) == -value);
         }
      }
   }
}

TEST_CASE("64-bit shortcuts give the same results as exact big-integer arithmetic", "[core][decimal]")
{
   const auto values = operands();
   const decimal cent = dec("0.01");
   for (const auto& a : values) {
      INFO("a = " << a.to_string());
      for (const auto mode : {rounding_mode::half_up, rounding_mode::half_even, rounding_mode::half_down,
                              rounding_mode::floor, rounding_mode::ceiling, rounding_mode::toward_zero}) {
         const auto rounded = a.round_to(cent, mode);
         CHECK(exact(rounded) == reference_round(exact(a), exact(cent), mode));
         CHECK(rounded.to_fixed(2) == reference_fixed(exact(rounded), 2));
         // Unit fractions (0.05, 1, 0.001, 1/8, 1/3, ...) take the short path, the others (2.5, 2/3)
         // the general one.
         for (const auto& increment : {dec("0.05"), dec("1"), dec("0.001"), dec("0.125"), decimal::from_fraction(1, 3),
                                       decimal::from_fraction(1, power(5, 27)), dec("2.5"),
                                       decimal::from_fraction(2, 3)}) {
            INFO("increment " << increment.to_string());
            const cpp_rational expected = reference_round(exact(a), exact(increment), mode);
            try {
               const decimal result = a.round_to(increment, mode);
               CHECK(exact(result) == expected);
               CHECK(big(result.denominator()) == boost::multiprecision::denominator(expected));
            } catch (const arithmetic_error&) {
               // Only quotients that need nearly all 128 bits may overflow.
               const cpp_rational quotient = exact(a) / exact(increment);
               CHECK((msb(boost::multiprecision::denominator(quotient)) >= 126 ||
                      msb(abs(boost::multiprecision::numerator(quotient)) + 1) >= 126));
            }
         }
         // Written out exactly when the expansion is finite.
         const cpp_int denominator = boost::multiprecision::denominator(exact(a));
         cpp_int rest = denominator;
         int twos = 0;
         int fives = 0;
         for (; rest % 2 == 0; rest /= 2) ++twos;
         for (; rest % 5 == 0; rest /= 5) ++fives;
         if (rest == 1) {
            const int places = std::max(twos, fives);
            CHECK(a.decimal_places() == places);
            // At its own places, past them, and either side of the widest 64-bit scale (10^19).
            for (const int shown : {places, places + 1, places + 3, 18, 19, 20, 40}) {
               if (shown >= places) {
                  INFO("places " << shown);
                  CHECK(a.to_fixed(shown) == reference_fixed(exact(a), shown));
               }
            }
            if (places > 0) {
               CHECK_THROWS_AS(a.to_fixed(places - 1), arithmetic_error);
            }
         }
         else {
            CHECK_FALSE(a.decimal_places().has_value());
         }
      }
      for (const auto& b : values) {
         INFO("b = " << b.to_string());
         const auto check = [](auto operation, const cpp_rational& expected) {
            try {
               const decimal result = operation();
               CHECK(exact(result) == expected);
               // In lowest terms with a positive denominator, as the exact reference keeps it.
               CHECK(big(result.denominator()) == boost::multiprecision::denominator(expected));
            } catch (const arithmetic_error&) {
               // Only a result that really does not fit may throw.
               const cpp_int numerator = boost::multiprecision::numerator(expected);
               const cpp_int magnitude = abs(numerator);
               CHECK((msb(boost::multiprecision::denominator(expected)) >= 127 ||
                      (magnitude != 0 && msb(magnitude) >= 127)));
            }
         };
         check([&] { return a + b; }, exact(a) + exact(b));
         check([&] { return a - b; }, exact(a) - exact(b));
         check([&] { return a * b; }, exact(a) * exact(b));
         if (b.is_zero()) {
            CHECK_THROWS_AS(a / b, arithmetic_error);
         }
         else {
            check([&] { return a / b; }, exact(a) / exact(b));
         }
         CHECK(((a <=> b) < 0) == (exact(a) < exact(b)));
      }
   }
}

TEST_CASE("from_lowest_terms gives back the decimal whose parts it is given", "[core][decimal]")
{
   for (const auto& a : operands()) {
      INFO("a = " << a.to_string());
      const auto rebuilt = decimal::from_lowest_terms(a.numerator(), a.denominator());
      CHECK(rebuilt == a);
      CHECK(rebuilt.to_string() == a.to_string());
   }
}

TEST_CASE("round_quotient rounds n/d in any terms as exact big-integer rationals do", "[core][decimal]")
{
   // Each operand as its own n/d and scaled by 3 and by 10 (terms that are not the lowest), where
   // that fits; the whole number the reference rounds value / 1 to.
   for (const auto& a : operands()) {
      INFO("a = " << a.to_string());
      for (const int_type factor : {int_type{1}, int_type{3}, int_type{10}}) {
         int_type n = 0;
         int_type d = 0;
         if (__builtin_mul_overflow(a.numerator(), factor, &n) || __builtin_mul_overflow(a.denominator(), factor, &d)) {
            continue;
         }
         INFO("factor " << static_cast<int>(factor));
         for (const auto mode : {rounding_mode::half_up, rounding_mode::half_even, rounding_mode::half_down,
                                 rounding_mode::floor, rounding_mode::ceiling, rounding_mode::toward_zero}) {
            const cpp_rational expected = reference_round(exact(a), cpp_rational(1), mode);
            REQUIRE(boost::multiprecision::denominator(expected) == 1);
            CHECK(big(compplan::round_quotient(n, d, mode)) == boost::multiprecision::numerator(expected));
         }
      }
   }
}

TEST_CASE("decimal::parse reads every short text as exact big-integer rationals do", "[core][decimal]")
{
   // Texts of digits, points and minus signs up to 22 characters, around the 18-digit path that
   // reads in one pass: each is accepted exactly when it is -?digits(.digits)? and its value fits,
   // and then with the value a big-integer rational gives.
   const std::regex plain("-?[0-9]+(\\.[0-9]+)?");
   std::uint64_t state = 11;
   const auto next = [&state] {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return state >> 20;
   };
   const std::string alphabet = "0123456789000.-";
   std::size_t accepted = 0;
   for (int i = 0; i < 200'000; ++i) {
      std::string text(next() % 23, '0');
      for (auto& c : text) c = alphabet[next() % alphabet.size()];
      if (i % 3 == 0 && !text.empty()) text[0] = '-';
      INFO("text '" << text << "'");
      const auto parsed = decimal::parse(text);
      if (!std::regex_match(text, plain)) {
         CHECK_FALSE(parsed.has_value());
         continue;
      }
      const bool negative = text.starts_with('-');
      const auto digits = text.substr(negative ? 1 : 0);
      const auto point = digits.find('.');
      const std::string whole = point == std::string::npos ? digits : digits.substr(0, point);
      const std::string fraction = point == std::string::npos ? "" : digits.substr(point + 1);
      // Without leading zeros, which cpp_int would read as octal.
      std::string all_digits = whole + fraction;
      all_digits.erase(0, std::min(all_digits.find_first_not_of('0'), all_digits.size() - 1));
      cpp_rational expected(cpp_int(all_digits),
                            boost::multiprecision::pow(cpp_int(10), static_cast<unsigned>(fraction.size())));
      if (negative) expected = -expected;
      const bool fits = msb(abs(boost::multiprecision::numerator(expected)) + 1) < 127 &&
                        msb(boost::multiprecision::denominator(expected)) < 127;
      REQUIRE(parsed.has_value() == fits);
      if (parsed) {
         CHECK(exact(*parsed) == expected);
         ++accepted;
      }
   }
   CHECK(accepted > 10'000);
}

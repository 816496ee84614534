// Exact decimal arithmetic: rationals on checked 128-bit integers, with rounding written out.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace compplan {

// Thrown when a result does not fit the 128-bit representation, or on division by zero.
// Callers at the edge (interpreter, checker) turn it into a diagnostic naming the place.
struct arithmetic_error : std::runtime_error {
   using std::runtime_error::runtime_error;
};

// How a value is cut to an increment. half_up sends ties away from zero (commercial rounding).
enum class rounding_mode { half_up, half_even, half_down, floor, ceiling, toward_zero };

std::string_view to_string(rounding_mode mode);
std::optional<rounding_mode> rounding_mode_from_string(std::string_view text);

// 10^places for places from 0 to 38, the powers of ten that 128 bits hold; throws
// arithmetic_error for any other.
__int128 power_of_ten(int places);

// The whole number n/d (d > 0, n/d in any terms) rounds to in `mode`: the steps of
// decimal::round_to, for callers that keep amounts as whole numbers of an increment.
__int128 round_quotient(__int128 n, __int128 d, rounding_mode mode);

// An exact rational number n/d in lowest terms, d > 0. Every operation is exact or throws
// arithmetic_error: nothing is ever rounded unless round_to/floor_to is called.
class decimal {
public:
   using int_type = __int128;

   constexpr decimal() = default;
   static decimal from_int(std::int64_t value);
   // Exact n/d; d must be non-zero.
   static decimal from_fraction(int_type numerator, int_type denominator);
   // n/d as it is, for parts taken from a decimal (its numerator() and denominator()), which are
   // in lowest terms already: no gcd to find again. Anything else is a bug (checked in debug
   // builds).
   static decimal from_lowest_terms(int_type numerator, int_type denominator);

   // A plain decimal literal: optional '-', digits, optional '.' and digits.
   // No '+', no exponent, no leading '.', no separators. Returns nothing when malformed
   // or out of range.
   static std::optional<decimal> parse(std::string_view text);

   int_type numerator() const { return m_numerator; }
   int_type denominator() const { return m_denominator; }

   bool is_zero() const { return m_numerator == 0; }
   bool is_negative() const { return m_numerator < 0; }
   bool is_integer() const { return m_denominator == 1; }
   int sign() const { return (m_numerator > 0) - (m_numerator < 0); }

   // Number of decimal places needed to write the value exactly, or nothing if the
   // value has no finite decimal expansion (such as 1/3).
   std::optional<int> decimal_places() const;

   friend decimal operator+(const decimal& a, const decimal& b);
   friend decimal operator-(const decimal& a, const decimal& b);
   friend decimal operator*(const decimal& a, const decimal& b);
   friend decimal operator/(const decimal& a, const decimal& b);
   decimal operator-() const;
   decimal& operator+=(const decimal& other) { return *this = *this + other; }
   decimal& operator-=(const decimal& other) { return *this = *this - other; }

   friend bool operator==(const decimal& a, const decimal& b) = default;
   friend std::strong_ordering operator<=>(const decimal& a, const decimal& b);

   decimal abs() const { return is_negative() ? -*this : *this; }

   // The multiple of `increment` (> 0) that this value rounds to in `mode`.
   decimal round_to(const decimal& increment, rounding_mode mode) const;

   // The whole number of times `increment` fits, rounded toward negative infinity.
   int_type floor_div(const decimal& increment) const;

   // Exactly `places` decimals ("1800.00", "-0.50"). Throws arithmetic_error when the value
   // is not exact at that many places: rounding must have been done by the caller.
   std::string to_fixed(int places) const;

   // Shortest exact decimal form ("0.7", "25000", "1.5"); fractions without a finite
   // expansion are written n/d.
   std::string to_string() const;

private:
   int_type m_numerator = 0;
   int_type m_denominator = 1;
};

}  // namespace compplan

// Exact rational arithmetic on checked __int128: every overflow throws instead of wrapping.
#include "core/decimal.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <string>
#include <utility>

namespace compplan {

namespace {

using int_type = decimal::int_type;
using uint_type = unsigned __int128;
using big_int = boost::multiprecision::cpp_int;

// std::numeric_limits<__int128> is not specialised in strict C++20 mode, so the bounds are
// spelled out. Numerators are kept within [-max, max] (never the lone minimum value) so that
// negation and abs can never overflow.
constexpr int_type int_max = static_cast<int_type>(~uint_type{0} >> 1);

[[noreturn]] void overflow()
{
   throw arithmetic_error("number too large for exact arithmetic");
}

int_type checked_add(int_type a, int_type b)
{
   int_type result;
   if (__builtin_add_overflow(a, b, &result) || result < -int_max) {
      overflow();
   }
   return result;
}

int_type checked_mul(int_type a, int_type b)
{
   int_type result;
   if (__builtin_mul_overflow(a, b, &result) || result < -int_max) {
      overflow();
   }
   return result;
}

uint_type magnitude(int_type value)
{
   // Through unsigned arithmetic so that the minimum value has a magnitude too.
   return value < 0 ? uint_type{0} - static_cast<uint_type>(value) : static_cast<uint_type>(value);
}

bool fits_64(uint_type value)
{
   return value >> 64 == 0;
}

// Within [-(2^63 - 1), 2^63 - 1]: 64-bit division of such values cannot overflow.
bool fits_64(int_type value)
{
   return value >= -static_cast<int_type>(INT64_MAX) && value <= static_cast<int_type>(INT64_MAX);
}

// 128-bit division is a library call many times slower than the processor's 64-bit one, and
// money rarely needs more than 64 bits: these take the short path when both operands fit and
// give the same result either way.
int_type truncated_div(int_type n, int_type d)
{
   // Dividing out a gcd that is 1 (coprime money factors) or the value itself (a denominator
   // dividing the other, 10 and 100) are the most common cases of all.
   if (d == 1) {
      return n;
   }
   if (n == d) {
      return 1;
   }
   if (fits_64(n) && fits_64(d)) {
      return static_cast<std::int64_t>(n) / static_cast<std::int64_t>(d);
   }
   return n / d;
}

// gcd of two odd values: one division brings the larger below the smaller (amounts are often
// large beside small denominators), then Stein's binary gcd goes on with shifts and subtractions.
std::uint64_t gcd_odd_64(std::uint64_t a, std::uint64_t b)
{
   if (a < b) std::swap(a, b);
   a %= b;
   if (a == 0) return b;
   a >>= __builtin_ctzll(a);
   do {
      b >>= __builtin_ctzll(b);
      if (a > b) std::swap(a, b);
      b -= a;
   } while (b != 0);
   return a;
}

// Divides a by 5 when 5 divides it. Multiplying by the inverse of 5 modulo 2^64 divides multiples
// of 5 exactly and sends every other value above UINT64_MAX / 5: one multiplication for both the
// test and the quotient.
bool divide_by_5(std::uint64_t& a)
{
   constexpr std::uint64_t inverse_of_5 = 0xCCCCCCCCCCCCCCCDULL;
   const std::uint64_t quotient = a * inverse_of_5;
   if (quotient > UINT64_MAX / 5) {
      return false;
   }
   a = quotient;
   return true;
}

// Money denominators are products of 2s and 5s, so the common twos (by trailing zeros) and fives
// (by multiplication, above) are split off first. What is left is usually 1 on one side, which
// settles the gcd without the division and the loop.
std::uint64_t gcd_64(std::uint64_t a, std::uint64_t b)
{
   if (a == 0) return b;
   if (b == 0) return a;
   const int a_twos = __builtin_ctzll(a);
   const int b_twos = __builtin_ctzll(b);
   a >>= a_twos;
   b >>= b_twos;
   std::uint64_t common = std::uint64_t{1} << std::min(a_twos, b_twos);
   while (a != 1 && b != 1) {
      std::uint64_t a_fifth = a;
      std::uint64_t b_fifth = b;
      if (!divide_by_5(a_fifth) || !divide_by_5(b_fifth)) {
         // 5 divides at most one of them, so its remaining fives are not common.
         while (divide_by_5(a)) {
         }
         while (divide_by_5(b)) {
         }
         break;
      }
      a = a_fifth;
      b = b_fifth;
      common *= 5;
   }
   if (a == 1 || b == 1) return common;
   return common * gcd_odd_64(a, b);
}

// std::gcd is not required to accept __int128 in strict mode, hence our own (Euclid, then binary
// in 64 bits once both values fit).
uint_type gcd(uint_type a, uint_type b)
{
   while (b != 0 && !(fits_64(a) && fits_64(b))) {
      uint_type r = a % b;
      a = b;
      b = r;
   }
   if (b == 0) {
      return a;
   }
   return gcd_64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
}

int_type gcd(int_type a, int_type b)
{
   // Both arguments are within [-max, max] here, so the result fits back.
   return static_cast<int_type>(gcd(magnitude(a), magnitude(b)));
}

std::uint64_t magnitude_64(std::int64_t value)
{
   return value < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
}

// value / divisor for a divisor of value: the processor's 64-bit division when value fits, none
// when the divisor is 1.
int_type exact_div(int_type value, std::uint64_t divisor)
{
   if (divisor == 1) return value;
   if (fits_64(value)) return static_cast<std::int64_t>(value) / static_cast<std::int64_t>(divisor);
   return value / static_cast<int_type>(divisor);
}

// Both values within +-(2^63 - 1), as money and rates nearly always are: the products of two
// such parts fit in 127 bits without a check, and their gcds and quotients are 64-bit.
bool both_small(const decimal& a, const decimal& b)
{
   return fits_64(a.numerator()) && fits_64(a.denominator()) && fits_64(b.numerator()) && fits_64(b.denominator());
}

big_int to_big(int_type value)
{
   // Built from 64-bit halves: cpp_int's own __int128 support depends on BOOST_HAS_INT128,
   // which strict mode may leave undefined.
   uint_type m = magnitude(value);
   big_int result = static_cast<std::uint64_t>(m >> 64);
   result <<= 64;
   result += static_cast<std::uint64_t>(m);
   return value < 0 ? big_int(-result) : result;
}

unsigned msb_or_zero(const big_int& m)
{
   return m == 0 ? 0 : static_cast<unsigned>(boost::multiprecision::msb(m));
}

// Back from cpp_int; throws when the value does not fit the symmetric 128-bit range.
int_type from_big(const big_int& value)
{
   big_int m = abs(value);
   if (msb_or_zero(m) >= 127) {
      overflow();
   }
   uint_type hi = static_cast<std::uint64_t>(m >> 64);
   uint_type lo = static_cast<std::uint64_t>(m & big_int(~std::uint64_t{0}));
   int_type result = static_cast<int_type>((hi << 64) | lo);
   return value < 0 ? -result : result;
}

// floor(n / d) and the remainder n - floor(n / d) * d in [0, d), for d > 0, from one division
// (64-bit when both fit). C++ division truncates toward zero, hence the correction.
std::pair<int_type, int_type> floor_divmod(int_type n, int_type d)
{
   int_type q;
   int_type r;
   if (fits_64(n) && fits_64(d)) {
      const auto n_64 = static_cast<std::int64_t>(n);
      const auto d_64 = static_cast<std::int64_t>(d);
      q = n_64 / d_64;
      r = n_64 % d_64;
   }
   else {
      q = n / d;
      r = n % d;
   }
   if (r < 0) {
      --q;  // cannot overflow: |n| <= max and d >= 1 with a remainder means |q| < max
      r += d;
   }
   return {q, r};
}

void append_digits(std::string& out, uint_type value)
{
   char buffer[40];
   int length = 0;
   while (!fits_64(value)) {
      buffer[length++] = static_cast<char>('0' + static_cast<int>(value % 10));
      value /= 10;
   }
   auto rest = static_cast<std::uint64_t>(value);
   do {
      buffer[length++] = static_cast<char>('0' + static_cast<int>(rest % 10));
      rest /= 10;
   } while (rest != 0);
   while (length > 0) {
      out.push_back(buffer[--length]);
   }
}

// The first `places` decimal digits of remainder/denominator (0 <= remainder < denominator),
// by long division. T is wide enough that remainder * 10 cannot overflow.
template <typename T>
void append_fraction_digits(std::string& out, T remainder, const T& denominator, int places)
{
   for (int i = 0; i < places; ++i) {
      remainder *= 10;
      T digit = remainder / denominator;
      remainder -= digit * denominator;
      out.push_back(static_cast<char>('0' + static_cast<int>(digit)));
   }
}

// Powers of 2 and 5 in d, when d has no other prime factor.
std::optional<std::pair<int, int>> two_five_exponents(int_type d)
{
   // d > 0: its twos are its trailing zero bits, and money denominators fit in 64 bits, where
   // the fives go by multiplication (divide_by_5).
   int twos = 0;
   int fives = 0;
   if (!fits_64(d)) {
      const auto low = static_cast<std::uint64_t>(d);
      twos = low != 0 ? __builtin_ctzll(low) : 64 + __builtin_ctzll(static_cast<std::uint64_t>(d >> 64));
      d >>= twos;
      while (!fits_64(d) && d % 5 == 0) {
         d /= 5;
         ++fives;
      }
      if (!fits_64(d)) {
         return std::nullopt;
      }
   }
   auto small = static_cast<std::uint64_t>(d);
   const int small_twos = __builtin_ctzll(small);
   twos += small_twos;
   small >>= small_twos;
   while (divide_by_5(small)) {
      ++fives;
   }
   if (small != 1) {
      return std::nullopt;
   }
   return std::pair{twos, fives};
}

}  // namespace

std::string_view to_string(rounding_mode mode)
{
   switch (mode) {
   case rounding_mode::half_up:
      return "half_up";
   case rounding_mode::half_even:
      return "half_even";
   case rounding_mode::half_down:
      return "half_down";
   case rounding_mode::floor:
      return "floor";
   case rounding_mode::ceiling:
      return "ceiling";
   case rounding_mode::toward_zero:
      return "toward_zero";
   }
   return "?";
}

std::optional<rounding_mode> rounding_mode_from_string(std::string_view text)
{
   for (rounding_mode mode : {rounding_mode::half_up, rounding_mode::half_even,
                              rounding_mode::half_down, rounding_mode::floor,
                              rounding_mode::ceiling, rounding_mode::toward_zero}) {
      if (to_string(mode) == text) {
         return mode;
      }
   }
   return std::nullopt;
}

decimal decimal::from_int(std::int64_t value)
{
   decimal result;
   result.m_numerator = value;
   return result;
}

decimal decimal::from_fraction(int_type numerator, int_type denominator)
{
   if (denominator == 0) {
      throw arithmetic_error("division by zero");
   }
   decimal result;
   if (fits_64(numerator) && fits_64(denominator)) {
      const auto n = static_cast<std::int64_t>(numerator);
      const auto d = static_cast<std::int64_t>(denominator);
      const auto g = static_cast<std::int64_t>(gcd_64(magnitude_64(n), magnitude_64(d)));
      result.m_numerator = n / g;
      result.m_denominator = d / g;
      if (d < 0) {  // within +-(2^63 - 1), so the signs are turned without overflow
         result.m_numerator = -result.m_numerator;
         result.m_denominator = -result.m_denominator;
      }
      return result;
   }
   // Reduced on magnitudes so that the minimum value (e.g. min/2) is accepted when it reduces
   // into range; what is still out of range after reduction throws.
   uint_type n = magnitude(numerator);
   uint_type d = magnitude(denominator);
   uint_type g = gcd(n, d);
   // Most fractions (cents over 100, sums of them) are already in lowest terms: no division.
   if (g != 1) {
      if (fits_64(n) && fits_64(d)) {
         n = static_cast<std::uint64_t>(n) / static_cast<std::uint64_t>(g);
         d = static_cast<std::uint64_t>(d) / static_cast<std::uint64_t>(g);
      }
      else {
         n /= g;
         d /= g;
      }
   }
   if (n > static_cast<uint_type>(int_max) || d > static_cast<uint_type>(int_max)) {
      overflow();
   }
   bool negative = (numerator < 0) != (denominator < 0);
   result.m_numerator = negative ? -static_cast<int_type>(n) : static_cast<int_type>(n);
   result.m_denominator = static_cast<int_type>(d);
   return result;
}

decimal decimal::from_lowest_terms(int_type numerator, int_type denominator)
{
   assert(denominator > 0 && from_fraction(numerator, denominator).m_denominator == denominator);
   decimal result;
   result.m_numerator = numerator;
   result.m_denominator = denominator;
   return result;
}

std::optional<decimal> decimal::parse(std::string_view text)
{
   // The common case in one pass: up to 18 digits (all money), a '.' with digits on both sides
   // or none. The value and 10^places then fit in 64 bits without overflow checks. Anything else
   // takes the checked steps below, which give the same value or refuse the text. Unsigned, as a
   // text of 19 characters may hold 19 digits, which the check after the loop turns away.
   if (text.size() <= 19) {
      std::uint64_t numerator = 0;
      std::uint64_t denominator = 1;
      std::size_t at = text.starts_with('-') ? 1 : 0;
      const std::size_t digits_from = at;
      std::size_t point = 0;  // position of the '.', when there is one
      for (; at < text.size(); ++at) {
         const char c = text[at];
         if (c >= '0' && c <= '9') {
            numerator = numerator * 10 + static_cast<std::uint64_t>(c - '0');
            if (point != 0) denominator *= 10;
         }
         else if (c == '.' && point == 0 && at > digits_from && at + 1 < text.size()) {
            point = at;
         }
         else {
            break;
         }
      }
      const std::size_t digits = text.size() - digits_from - (point != 0 ? 1 : 0);
      if (at == text.size() && digits > 0 && digits <= 18) {
         const auto value = static_cast<std::int64_t>(numerator);  // below 10^18
         return from_fraction(digits_from == 1 ? -value : value, static_cast<std::int64_t>(denominator));
      }
   }
   bool negative = false;
   if (!text.empty() && text.front() == '-') {
      negative = true;
      text.remove_prefix(1);
   }
   auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
   std::size_t point = text.find('.');
   std::string_view whole = text.substr(0, point);
   std::string_view fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
   if (whole.empty() || !std::all_of(whole.begin(), whole.end(), is_digit)) {
      return std::nullopt;
   }
   if (point != std::string_view::npos &&
       (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), is_digit))) {
      return std::nullopt;
   }
   // Trailing zeros add nothing to the value but would cost a power of ten in the denominator.
   while (!fraction.empty() && fraction.back() == '0') {
      fraction.remove_suffix(1);
   }
   // Up to 18 digits (all money) the value and 10^places fit in 64 bits without overflow checks.
   if (whole.size() + fraction.size() <= 18) {
      std::int64_t numerator = 0;
      std::int64_t denominator = 1;
      for (char c : whole) {
         numerator = numerator * 10 + (c - '0');
      }
      for (char c : fraction) {
         numerator = numerator * 10 + (c - '0');
         denominator *= 10;
      }
      return from_fraction(negative ? -numerator : numerator, denominator);
   }
   try {
      int_type numerator = 0;
      int_type denominator = 1;
      for (char c : whole) {
         numerator = checked_add(checked_mul(numerator, 10), c - '0');
      }
      for (char c : fraction) {
         numerator = checked_add(checked_mul(numerator, 10), c - '0');
         denominator = checked_mul(denominator, 10);
      }
      return from_fraction(negative ? -numerator : numerator, denominator);
   } catch (const arithmetic_error&) {
      return std::nullopt;
   }
}

std::optional<int> decimal::decimal_places() const
{
   auto exponents = two_five_exponents(m_denominator);
   if (!exponents) {
      return std::nullopt;
   }
   return std::max(exponents->first, exponents->second);
}

decimal operator+(const decimal& a, const decimal& b)
{
   // Shortcuts for the common cases, falling through to the general sum on overflow: with one
   // denominator 1, a + c/d = (a*d + c)/d is already in lowest terms; with equal denominators
   // only their common factor with the sum can cancel.
   // A sum that starts from zero (a running total, the first tranche) is the other operand,
   // already in lowest terms.
   if (a.m_numerator == 0) return b;
   if (b.m_numerator == 0) return a;
   if (both_small(a, b)) {
      // Knuth's addition below, in 64-bit steps: nothing here can overflow 128 bits.
      const auto a_denominator = static_cast<std::uint64_t>(a.m_denominator);
      const auto b_denominator = static_cast<std::uint64_t>(b.m_denominator);
      const std::uint64_t g = a_denominator == b_denominator ? a_denominator : gcd_64(a_denominator, b_denominator);
      const std::uint64_t a_scale = b_denominator / g;
      const std::uint64_t b_scale = a_denominator / g;
      const int_type sum = a.m_numerator * static_cast<int_type>(a_scale) + b.m_numerator * static_cast<int_type>(b_scale);
      decimal result;
      if (sum == 0) return result;
      std::uint64_t common = 1;
      if (g != 1) {
         const uint_type m = magnitude(sum);
         common = gcd_64(static_cast<std::uint64_t>(fits_64(m) ? m : m % g), g);
      }
      result.m_numerator = exact_div(sum, common);
      result.m_denominator = static_cast<int_type>(b_scale) * static_cast<int_type>(b_denominator / common);
      return result;
   }
   int_type n;
   int_type scaled;
   if (a.m_denominator == b.m_denominator) {
      if (!__builtin_add_overflow(a.m_numerator, b.m_numerator, &n) && n >= -int_max) {
         return decimal::from_fraction(n, a.m_denominator);
      }
   }
   else if (a.m_denominator == 1 || b.m_denominator == 1) {
      const decimal& whole = a.m_denominator == 1 ? a : b;
      const decimal& fraction = a.m_denominator == 1 ? b : a;
      if (!__builtin_mul_overflow(whole.m_numerator, fraction.m_denominator, &scaled) &&
          !__builtin_add_overflow(scaled, fraction.m_numerator, &n) && n >= -int_max) {
         decimal result;
         result.m_numerator = n;
         result.m_denominator = fraction.m_denominator;
         return result;
      }
   }
   // Knuth's addition: a/b + c/d with g = gcd(b, d) keeps intermediates small, and only
   // gcd(t, g) can remain as a common factor of the sum t / (b/g * d).
   int_type g = gcd(a.m_denominator, b.m_denominator);
   int_type a_scale = truncated_div(b.m_denominator, g);
   int_type b_scale = truncated_div(a.m_denominator, g);
   int_type sum_numerator;
   int_type common;
   try {
      sum_numerator = checked_add(checked_mul(a.m_numerator, a_scale), checked_mul(b.m_numerator, b_scale));
      common = gcd(sum_numerator, g);
   } catch (const arithmetic_error&) {
      // The unreduced sum overflowed, yet the reduced one may still fit (max/2 + max/2).
      big_int t = to_big(a.m_numerator) * to_big(a_scale) + to_big(b.m_numerator) * to_big(b_scale);
      big_int t_mod_g = t % to_big(g);
      int_type c = gcd(from_big(t_mod_g), g);
      decimal result;
      result.m_numerator = from_big(t / to_big(c));
      result.m_denominator = checked_mul(b_scale, b.m_denominator / c);
      return result;
   }
   decimal result;
   if (sum_numerator != 0) {
      result.m_numerator = truncated_div(sum_numerator, common);
      result.m_denominator = checked_mul(b_scale, truncated_div(b.m_denominator, common));
   }
   return result;
}

decimal operator-(const decimal& a, const decimal& b)
{
   return a + -b;
}

decimal operator*(const decimal& a, const decimal& b)
{
   // A factor of one (a band paying 100%) leaves the other operand as it is.
   if (a.m_numerator == 1 && a.m_denominator == 1) return b;
   if (b.m_numerator == 1 && b.m_denominator == 1) return a;
   if (a.m_denominator == 1 && b.m_denominator == 1) {
      decimal result;  // whole numbers: nothing to reduce
      result.m_numerator = checked_mul(a.m_numerator, b.m_numerator);
      return result;
   }
   // Cross-reduce first: the product of the reduced parts is then already in lowest terms,
   // so an overflow here means the exact result really does not fit.
   if (both_small(a, b)) {
      const auto a_denominator = static_cast<std::uint64_t>(a.m_denominator);
      const auto b_denominator = static_cast<std::uint64_t>(b.m_denominator);
      const std::uint64_t g1 = gcd_64(magnitude_64(static_cast<std::int64_t>(a.m_numerator)), b_denominator);
      const std::uint64_t g2 = gcd_64(magnitude_64(static_cast<std::int64_t>(b.m_numerator)), a_denominator);
      decimal result;  // each factor is below 2^63, so the products fit
      result.m_numerator = exact_div(a.m_numerator, g1) * exact_div(b.m_numerator, g2);
      result.m_denominator = static_cast<int_type>(a_denominator / g2) * static_cast<int_type>(b_denominator / g1);
      return result;
   }
   int_type g1 = gcd(a.m_numerator, b.m_denominator);
   int_type g2 = gcd(b.m_numerator, a.m_denominator);
   decimal result;
   result.m_numerator = checked_mul(truncated_div(a.m_numerator, g1), truncated_div(b.m_numerator, g2));
   result.m_denominator = checked_mul(truncated_div(a.m_denominator, g2), truncated_div(b.m_denominator, g1));
   return result;
}

decimal operator/(const decimal& a, const decimal& b)
{
   if (b.m_numerator == 0) {
      throw arithmetic_error("division by zero");
   }
   decimal reciprocal;
   // Numerators never hold the minimum value, so these negations are safe.
   reciprocal.m_numerator = b.m_numerator < 0 ? -b.m_denominator : b.m_denominator;
   reciprocal.m_denominator = b.m_numerator < 0 ? -b.m_numerator : b.m_numerator;
   return a * reciprocal;
}

decimal decimal::operator-() const
{
   decimal result = *this;
   result.m_numerator = -m_numerator;
   return result;
}

std::strong_ordering operator<=>(const decimal& a, const decimal& b)
{
   if (a.sign() != b.sign()) {
      return a.sign() <=> b.sign();
   }
   if (a.m_denominator == b.m_denominator) {
      return a.m_numerator <=> b.m_numerator;
   }
   int_type left;
   int_type right;
   if (!__builtin_mul_overflow(a.m_numerator, b.m_denominator, &left) &&
       !__builtin_mul_overflow(b.m_numerator, a.m_denominator, &right)) {
      return left <=> right;
   }
   // Rare: the cross products exceed 128 bits, so compare them exactly in arbitrary precision.
   big_int big_left = to_big(a.m_numerator) * to_big(b.m_denominator);
   big_int big_right = to_big(b.m_numerator) * to_big(a.m_denominator);
   if (big_left < big_right) {
      return std::strong_ordering::less;
   }
   return big_left == big_right ? std::strong_ordering::equal : std::strong_ordering::greater;
}

decimal::int_type round_quotient(decimal::int_type n, decimal::int_type d, rounding_mode mode)
{
   // The remainder in [0, d) from %, not n - k*d: that product can overflow for large d.
   auto [k, remainder] = floor_divmod(n, d);
   if (remainder == 0) {
      return k;
   }
   // Compare remainder with d - remainder rather than 2*remainder with d: no overflow.
   const auto half = remainder <=> d - remainder;
   bool up = false;  // true: k + 1, false: k
   switch (mode) {
   case rounding_mode::floor:
      up = false;
      break;
   case rounding_mode::ceiling:
      up = true;
      break;
   case rounding_mode::toward_zero:
      up = n < 0;
      break;
   case rounding_mode::half_up:
      up = half > 0 || (half == 0 && n > 0);
      break;
   case rounding_mode::half_down:
      up = half > 0 || (half == 0 && n < 0);
      break;
   case rounding_mode::half_even:
      up = half > 0 || (half == 0 && k % 2 != 0);
      break;
   }
   return up ? checked_add(k, 1) : k;
}

decimal decimal::round_to(const decimal& increment, rounding_mode mode) const
{
   if (increment.sign() <= 0) {
      throw arithmetic_error("rounding increment must be greater than zero");
   }
   // Increments such as 0.01 are 1/m. Then this = p/q is already a multiple when q divides m,
   // and otherwise the quotient is p*(m/g) / (q/g) with g = gcd(m, q), in lowest terms, without
   // the general division's reductions. Both ways give the same multiple.
   const bool unit_fraction = increment.m_numerator == 1 && fits_64(m_numerator) && fits_64(m_denominator) &&
                              fits_64(increment.m_denominator);
   int_type n;
   int_type d;
   if (unit_fraction) {
      const auto m = static_cast<std::uint64_t>(increment.m_denominator);
      const auto own = static_cast<std::uint64_t>(m_denominator);
      const std::uint64_t g = gcd_64(m, own);
      n = m_numerator * static_cast<int_type>(m / g);  // below 2^126: both factors are below 2^63
      d = static_cast<int_type>(own / g);
   }
   else {
      const decimal quotient = *this / increment;
      n = quotient.m_numerator;
      d = quotient.m_denominator;
   }
   if (d == 1) {
      return *this;  // already a multiple: n/d is in lowest terms
   }
   const int_type k = round_quotient(n, d, mode);
   return unit_fraction ? from_fraction(k, increment.m_denominator) : from_fraction(k, 1) * increment;
}

decimal::int_type decimal::floor_div(const decimal& increment) const
{
   decimal quotient = *this / increment;
   return floor_divmod(quotient.m_numerator, quotient.m_denominator).first;
}

__int128 power_of_ten(int places)
{
   static const auto powers = [] {
      std::array<__int128, 39> all{};
      all[0] = 1;
      for (std::size_t i = 1; i < all.size(); ++i) all[i] = all[i - 1] * 10;
      return all;
   }();
   if (places < 0 || static_cast<std::size_t>(places) >= powers.size()) {
      throw arithmetic_error("10^" + std::to_string(places) + " does not fit in 128 bits");
   }
   return powers[static_cast<std::size_t>(places)];
}

std::string decimal::to_fixed(int places) const
{
   if (places < 0) {
      throw arithmetic_error("negative number of decimal places");
   }
   auto exponents = two_five_exponents(m_denominator);
   if (!exponents || exponents->first > places || exponents->second > places) {
      throw arithmetic_error("value " + to_string() + " is not exact at " + std::to_string(places) +
                             " decimal places");
   }
   std::string out;
   if (m_numerator < 0) {
      out.push_back('-');
   }
   uint_type n = magnitude(m_numerator);
   uint_type d = static_cast<uint_type>(m_denominator);
   const bool small = fits_64(n) && fits_64(d);
   append_digits(out, small ? static_cast<std::uint64_t>(n) / static_cast<std::uint64_t>(d) : n / d);
   if (places > 0) {
      out.push_back('.');
      uint_type remainder = small ? static_cast<std::uint64_t>(n) % static_cast<std::uint64_t>(d) : n % d;
      // remainder * 10 fits in 64 bits while d stays below 2^60, and in 128 bits below 2^124.
      if (d < (uint_type{1} << 60)) {
         append_fraction_digits<std::uint64_t>(out, static_cast<std::uint64_t>(remainder), static_cast<std::uint64_t>(d),
                                               places);
      } else if (d < (uint_type{1} << 124)) {
         append_fraction_digits<uint_type>(out, remainder, d, places);
      } else {
         append_fraction_digits<big_int>(out, to_big(static_cast<int_type>(remainder)),
                                         to_big(m_denominator), places);
      }
   }
   return out;
}

std::string decimal::to_string() const
{
   if (auto places = decimal_places()) {
      return to_fixed(*places);
   }
   std::string out;
   if (m_numerator < 0) {
      out.push_back('-');
   }
   append_digits(out, magnitude(m_numerator));
   out.push_back('/');
   append_digits(out, static_cast<uint_type>(m_denominator));
   return out;
}

}  // namespace compplan

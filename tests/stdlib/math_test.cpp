// Tests for the math family: typing rules and exact values of min, max, abs and the roundings.
#include "support.hpp"

#include <vector>

using namespace compplan;
using namespace compplan::stdlib_test;

namespace {

using value_case = call_case<value>;

}  // namespace

TEST_CASE("math functions decide their result type from their arguments", "[stdlib][math]")
{
   const std::vector<type_case> cases = {
      {"min", {number, number}, "number"},
      {"min", {money, number}, "money"},
      {"min", {number, number, money}, "money"},
      {"max", {number, percent}, "percent"},
      {"max", {percent, percent, number}, "percent"},
      {"min", {money, optional_number}, "optional money"},
      {"max", {optional_percent, percent}, "optional percent"},
      {"min", {money, percent}, "error: min cannot mix money and percent"},
      {"max", {number, money, number, percent}, "error: max cannot mix money and percent"},
      {"min", {number, a_date}, "error: min expects a numeric value as argument 2, found date"},
      {"max", {optional_text, number, number}, "error: max expects a numeric value as argument 1, found optional text"},
      {"abs", {money}, "money"},
      {"abs", {optional_percent}, "optional percent"},
      {"abs", {number}, "number"},
      {"abs", {days}, "error: abs expects a numeric value as argument 1 (x), found days"},
      {"round", {money, number}, "money"},
      {"round", {money, money}, "money"},
      {"round_even", {percent, percent}, "percent"},
      {"floor", {percent, number}, "percent"},
      {"ceil", {number, number}, "number"},
      {"round", {optional_money, number}, "optional money"},
      {"floor", {money, optional_number}, "optional money"},
      {"round", {number, a_date}, "error: round expects a numeric value as argument 2 (increment), found date"},
      {"round_even", {a_text, number}, "error: round_even expects a numeric value as argument 1 (x), found text"},
      {"round", {money, percent}, "error: round cannot mix money and percent"},
      {"floor", {percent, money}, "error: floor cannot mix money and percent"},
      {"ceil", {number, money},
       "error: ceil expects a number as argument 2 (increment) to match argument 1 (x), found money"},
   };
   for (const auto& c : cases) {
      INFO(call_text(c.name, c.args));
      CHECK(check(c.name, c.args) == c.expected);
   }
}

TEST_CASE("min and max pick exact values", "[stdlib][math]")
{
   const std::vector<value_case> cases = {
      {"min", {num("3"), num("1.5"), num("2")}, "1.5"},
      {"max", {num("3"), num("1.5"), num("2")}, "3"},
      {"max", {num("1.5"), num("2"), num("3")}, "3"},
      {"min", {num("-1"), num("-2")}, "-2"},
      {"max", {num("-1"), num("-2")}, "-1"},
      {"min", {num("0.10"), num("0.1")}, "0.1"},
      {"max", {num("25000"), num("24999.99")}, "25000"},
      {"abs", {num("-5.25")}, "5.25"},
      {"abs", {num("7")}, "7"},
      {"abs", {num("0")}, "0"},
   };
   for (const auto& c : cases) {
      INFO(call_text(c.name, c.args));
      CHECK(run(c.name, c.args) == c.expected);
   }
}

TEST_CASE("rounding functions cut to the increment in their own direction", "[stdlib][math]")
{
   const std::vector<value_case> cases = {
      {"round", {num("2.345"), num("0.01")}, "2.35"},
      {"round", {num("-2.345"), num("0.01")}, "-2.35"},
      {"round", {num("2.344"), num("0.01")}, "2.34"},
      {"round", {num("1250"), num("100")}, "1300"},
      {"round", {num("1249.99"), num("100")}, "1200"},
      {"round", {num("0.125"), num("0.05")}, "0.15"},
      {"round", {decimal::from_fraction(1, 3), num("0.01")}, "0.33"},
      {"round", {decimal::from_fraction(2, 3), num("0.01")}, "0.67"},
      {"round_even", {num("2.345"), num("0.01")}, "2.34"},
      {"round_even", {num("2.355"), num("0.01")}, "2.36"},
      {"round_even", {num("-2.345"), num("0.01")}, "-2.34"},
      {"round_even", {num("0.125"), num("0.05")}, "0.1"},
      {"round_even", {num("2.3451"), num("0.01")}, "2.35"},
      {"floor", {num("-0.001"), num("0.01")}, "-0.01"},
      {"floor", {num("2.999"), num("0.01")}, "2.99"},
      {"floor", {num("5"), num("0.01")}, "5"},
      {"floor", {num("1234.5"), num("250")}, "1000"},
      {"ceil", {num("2.001"), num("0.01")}, "2.01"},
      {"ceil", {num("-2.009"), num("0.01")}, "-2"},
      {"ceil", {num("1000.01"), num("250")}, "1250"},
      {"round", {num("5"), num("-0.01")}, "evaluation error: round needs an increment above zero, found -0.01"},
      {"floor", {num("5"), num("0")}, "evaluation error: floor needs an increment above zero, found 0"},
      {"round_even", {num("5"), num("-1")}, "evaluation error: round_even needs an increment above zero, found -1"},
      {"ceil", {num("5"), num("-0.5")}, "evaluation error: ceil needs an increment above zero, found -0.5"},
   };
   for (const auto& c : cases) {
      INFO(call_text(c.name, c.args));
      CHECK(run(c.name, c.args) == c.expected);
   }
}

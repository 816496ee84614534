// Tests for the logic family: coalesce and is_blank, which see blanks themselves.
#include "support.hpp"

#include <string>
#include <vector>

using namespace compplan;
using namespace compplan::stdlib_test;

namespace {

using value_case = call_case<value>;

const value blank{blank_value{}};

}  // namespace

TEST_CASE("coalesce and is_blank decide their result types", "[stdlib][logic]")
{
   const std::vector<type_case> cases = {
      {"coalesce", {optional_money, money}, "money"},
      {"coalesce", {money, optional_money}, "money"},
      {"coalesce", {optional_money, optional_money}, "optional money"},
      {"coalesce", {money}, "money"},
      {"coalesce", {optional_date}, "optional date"},
      {"coalesce", {optional_date, optional_date, a_date}, "date"},
      {"coalesce", {optional_money, number}, "money"},
      {"coalesce", {optional_number, money}, "money"},
      {"coalesce", {optional_number, optional_percent, number}, "percent"},
      {"coalesce", {optional_number, number}, "number"},
      {"coalesce", {optional_region, region}, "enumeration"},
      {"coalesce", {optional_money, percent}, "error: coalesce cannot mix money and percent"},
      {"coalesce", {optional_number, money, percent}, "error: coalesce cannot mix money and percent"},
      {"coalesce", {optional_date, a_text},
       "error: coalesce expects argument 2 to have the type of argument 1 (date), found text"},
      {"coalesce", {optional_money, money, a_date},
       "error: coalesce expects argument 3 to have the type of argument 1 (money), found date"},
      {"coalesce", {a_text, region},
       "error: coalesce expects argument 2 to have the type of argument 1 (text), found enumeration"},
      {"coalesce", {optional_region, tier},
       "error: coalesce expects argument 2 to come from the same enumeration as argument 1"},
      {"is_blank", {optional_date}, "boolean"},
      {"is_blank", {money}, "boolean"},
      {"is_blank", {optional_region}, "boolean"},
      {"is_blank", {a_text}, "boolean"},
   };
   for (const auto& c : cases) {
      INFO(call_text(c.name, c.args));
      CHECK(check(c.name, c.args) == c.expected);
   }
}

TEST_CASE("coalesce keeps the enumeration of its arguments", "[stdlib][logic]")
{
   const std::vector<value_type> args = {optional_region, region};
   std::string error;
   auto result = function("coalesce").check(args, error);
   REQUIRE(result.has_value());
   CHECK(result->kind == type_kind::enumeration);
   CHECK(result->enumeration == 3);
}

TEST_CASE("coalesce and is_blank look at blanks themselves", "[stdlib][logic]")
{
   CHECK_FALSE(function("coalesce").blank_in_blank_out);
   CHECK_FALSE(function("is_blank").blank_in_blank_out);
}

TEST_CASE("coalesce returns the first value that is not blank", "[stdlib][logic]")
{
   const std::vector<value_case> cases = {
      {"coalesce", {blank, num("5"), num("7")}, "5"},
      {"coalesce", {num("3"), blank, num("7")}, "3"},
      {"coalesce", {num("3"), num("4")}, "3"},
      {"coalesce", {blank, blank, num("7")}, "7"},
      {"coalesce", {blank, blank}, "blank"},
      {"coalesce", {blank}, "blank"},
      {"coalesce", {num("0"), num("9")}, "0"},
      {"coalesce", {blank, std::string(""), std::string("x")}, "\"\""},
      {"coalesce", {blank, date::parse("2027-03-01").value()}, "2027-03-01"},
      {"coalesce", {blank, enum_value{2}, enum_value{0}}, "member 2"},
      {"coalesce", {blank, false, true}, "false"},
      {"is_blank", {blank}, "true"},
      {"is_blank", {num("0")}, "false"},
      {"is_blank", {std::string("")}, "false"},
      {"is_blank", {false}, "false"},
   };
   for (const auto& c : cases) {
      INFO(call_text(c.name, c.args));
      CHECK(show(function(c.name).call(c.args)) == c.expected);
   }
}

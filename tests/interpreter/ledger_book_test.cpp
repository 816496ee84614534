// The ledger as a run keeps it: amounts as units at a number of places, names by number, and the
// amounts written from units exactly as the rational amounts would be.
#include "interpreter/ledger.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace compplan;
using namespace compplan::test_support;

namespace {

ledger_line paying(std::string_view deal, const decimal& amount, std::string_view event = "booked",
                   std::string_view rule = "new_logo")
{
   return {deal, "AE 1", 0, event, *date::parse("2027-03-01"), amount, rule};
}

// The amount cells of a ledger CSV, in order.
std::vector<std::string> amount_cells(const checked_plan& plan, const std::vector<ledger_line>& lines)
{
   run_result result;
   result.ledger = ledger_book(lines);
   std::ostringstream out;
   write_ledger_csv(plan, result, out);
   std::vector<std::string> cells;
   std::istringstream in(out.str());
   std::string row;
   std::getline(in, row);  // the header
   while (std::getline(in, row)) {
      // deal,person,role,event,date,amount,rule: no cell here is quoted.
      const auto last = row.rfind(',');
      const auto before = row.rfind(',', last - 1);
      cells.push_back(row.substr(before + 1, last - before - 1));
   }
   return cells;
}

// The reference plan in another currency, with its rounding steps at that currency's unit.
std::shared_ptr<const checked_plan> plan_in(const std::string& currency, const std::string& step)
{
   auto text = reference_plan_text();
   const auto replace_all = [&](const std::string& from, const std::string& to) {
      for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
         text.replace(at, from.size(), to);
      }
   };
   replace_all("currency USD", "currency " + currency);
   replace_all("to 0.01", "to " + step);
   return load_plan(text, "plans/expansion-fy2027.plan");
}

}  // namespace

TEST_CASE("ledger_book: an amount kept as units gives back the same decimal", "[run][ledger]")
{
   for (const char* text : {"0", "45", "-12", "450.29", "750.5", "0.05", "0.15", "-0.01", "123456789012345678.99",
                            "200000000000000000000.00", "-0.00000000000000000000000000000000000001",
                            "1701411834604692317316873037158841057.27"}) {
      INFO(text);
      ledger_book::entry line;
      line.set_amount(decimal_of(text));
      CHECK(line.amount() == decimal_of(text));
   }
   // The fewest places that write the amount exactly: 3/20 is 15 hundredths.
   ledger_book::entry line;
   line.set_amount(decimal::from_fraction(3, 20));
   CHECK(line.units == 15);
   CHECK(line.places == 2);
   line.set_amount(decimal_of("750.50"));
   CHECK(line.units == 7505);
   CHECK(line.places == 1);
   line.set_amount(decimal_of("-4500"));
   CHECK(line.units == -4500);
   CHECK(line.places == 0);
}

TEST_CASE("ledger_book: an amount with no decimal form in 128 bits is refused, not cut", "[run][ledger]")
{
   ledger_book::entry line;
   CHECK_THROWS_AS(line.set_amount(decimal::from_fraction(1, 3)), arithmetic_error);
   // 1/2^127 needs 127 places; 10^38 is the most 128 bits hold.
   CHECK_THROWS_AS(line.set_amount(decimal::from_fraction(1, decimal::int_type{1} << 126)), arithmetic_error);
   // Few places, but the units overflow: the largest numerator over 2 is n * 5 tenths.
   CHECK_THROWS_AS(line.set_amount(decimal::from_fraction(std::numeric_limits<decimal::int_type>::max(), 2)),
                   arithmetic_error);
   // What was kept before stays.
   line.set_amount(decimal_of("1.25"));
   CHECK_THROWS(line.set_amount(decimal::from_fraction(2, 3)));
   CHECK_THROWS(line.set_amount(decimal::from_fraction(std::numeric_limits<decimal::int_type>::max(), 2)));
   CHECK(line.amount() == decimal_of("1.25"));
   // Denominators of 10^18 and more take the 128-bit path.
   for (const char* text : {"0.000000000000000001", "-0.0000000000000000001", "123.4567890123456789012"}) {
      INFO(text);
      line.set_amount(decimal_of(text));
      CHECK(line.amount() == decimal_of(text));
   }
}

TEST_CASE("ledger_book: names are numbered once, and ledgers compare by their lines", "[run][ledger]")
{
   const ledger_book first{paying("D1", decimal_of("1")), paying("D1", decimal_of("-1"), "clawback", "churn"),
                           paying("D2", decimal_of("2"))};
   CHECK(first.names() == std::vector<std::string_view>{"booked", "new_logo", "clawback", "churn"});
   CHECK(first.size() == 3);
   CHECK(first[1] == paying("D1", decimal_of("-1"), "clawback", "churn"));
   CHECK(first[2].event == "booked");
   CHECK(first[2].rule == "new_logo");
   CHECK(first[2].amount == decimal_of("2"));

   // The same lines with the names numbered otherwise are the same ledger.
   ledger_book second;
   CHECK(second.name("churn") == 0);
   CHECK(second.name("clawback") == 1);
   CHECK(second.name("churn") == 0);
   for (const auto& line : first) second.push_back(line);
   CHECK(second.entries()[1].event == 1);
   CHECK(second == first);
   second.push_back(paying("D3", decimal_of("3")));
   CHECK_FALSE(second == first);

   // Lines are appended only between ledgers that number names alike.
   ledger_book more{paying("D4", decimal_of("4"))};
   CHECK_THROWS_AS(second.append(more), std::logic_error);
   ledger_book alike = first;
   alike.clear_lines();
   alike.push_back(paying("D4", decimal_of("4")));
   ledger_book joined = first;
   joined.append(alike);
   CHECK(joined.size() == 4);
   CHECK(joined[3].deal == "D4");
   CHECK(joined.names() == first.names());
}

TEST_CASE("ledger CSV: amounts are written from units as the exact amounts write them", "[run][ledger]")
{
   std::vector<decimal> amounts;
   for (const char* text : {"0", "0.01", "-0.01", "-0.5", "12", "450.29", "18446744073709551.61",
                            "18446744073709551.62", "12345678901234567890.12", "-12345678901234567890.12",
                            "1000000000000000000000000000000000000"}) {
      amounts.push_back(decimal_of(text));
   }
   std::vector<ledger_line> lines;
   lines.reserve(amounts.size());
   for (const auto& each : amounts) lines.push_back(paying("D1", each));

   // The plan's currency has as many places as the amounts, or more, or none.
   for (const auto& [currency, step, places] : {std::tuple{"USD", "0.01", 2}, std::tuple{"BHD", "0.001", 3}}) {
      INFO(currency);
      const auto plan = plan_in(currency, step);
      REQUIRE(plan->currency_places == places);
      const auto cells = amount_cells(*plan, lines);
      REQUIRE(cells.size() == amounts.size());
      for (std::size_t i = 0; i < amounts.size(); ++i) CHECK(cells[i] == amounts[i].to_fixed(places));
   }
   CHECK(amount_cells(reference_plan(), lines)[3] == "-0.50");
   CHECK(amount_cells(reference_plan(), lines)[8] == "12345678901234567890.12");
   CHECK(amount_cells(*plan_in("BHD", "0.001"), lines)[0] == "0.000");

   const auto yen = plan_in("JPY", "1");
   REQUIRE(yen->currency_places == 0);
   CHECK(amount_cells(*yen, {paying("D1", decimal_of("-45")), paying("D2", decimal_of("0"))}) ==
         std::vector<std::string>{"-45", "0"});
   // More places than the currency has: no run makes such a line, and it is not written cut.
   CHECK_THROWS_AS(amount_cells(*yen, {paying("D1", decimal_of("0.5"))}), arithmetic_error);
   CHECK_THROWS_WITH(amount_cells(*yen, {paying("D1", decimal_of("0.5"))}),
                     Catch::Contains("0.5 is not exact at 0 decimal places"));
   CHECK_THROWS_AS(amount_cells(reference_plan(), {paying("D1", decimal_of("1.005"))}), arithmetic_error);
}

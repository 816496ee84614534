// The reference plan run on hand-computed deals: every number here was worked out from
// shared/reference-plan.md by hand, not copied from the tool's output.
#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "interpreter/ledger.hpp"
#include "interpreter/run.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <sstream>

using namespace compplan;

namespace {

using test_support::default_people;
using test_support::deals_header;
using test_support::reference_plan;
using test_support::run_csv;

std::shared_ptr<const checked_plan> load(const std::string& text, const std::string& name)
{
   return test_support::load_plan(text, name);
}

// The header of the small plans some tests write: the reference plan's period and rounding, and
// an AE role; each test adds the clauses it is about.
const std::string small_plan_header = test_support::small_plan_header + "role AE \"Account Executive\"\n";

struct outcome {
   run_result result;
   std::string ledger;  // the ledger CSV without its header
};

outcome run_on(const checked_plan& plan, const std::string& deal_rows, const std::string& as_of = "2027-12-31",
               const std::string& people = default_people)
{
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = deals_header + deal_rows;
   inputs.people_file = "people.csv";
   inputs.people_text = people;
   inputs.as_of = *date::parse(as_of);
   outcome out{run_plan(plan, inputs), {}};
   std::ostringstream ledger;
   write_ledger_csv(plan, out.result, ledger);
   out.ledger = ledger.str().substr(ledger.str().find('\n') + 1);
   return out;
}

outcome run_reference(const std::string& deal_rows, const std::string& as_of = "2027-12-31",
                      const std::string& people = default_people)
{
   return run_on(reference_plan(), deal_rows, as_of, people);
}

}  // namespace

TEST_CASE("the reference page's worked example, to the cent", "[run][reference]")
{
   const auto out = run_reference("D1,Globex,expansion,csm_sourced,30000.00,false,2027-03-01,2027-03-20,,Ana,Chen,,false\n");
   CHECK(out.ledger ==
         "D1,Ana,AE,booked,2027-03-01,540.00,csm_mid\n"
         "D1,Ana,AE,activated,2027-03-20,900.00,csm_mid\n"
         "D1,Ana,AE,retained,2027-07-18,360.00,csm_mid\n"
         "D1,Chen,CSM,booked,2027-03-01,288.00,csm_mid\n"
         "D1,Chen,CSM,activated,2027-03-20,480.00,csm_mid\n"
         "D1,Chen,CSM,retained,2027-07-18,192.00,csm_mid\n");
   CHECK(out.result.exit_status() == 0);
   REQUIRE(out.result.deals.size() == 1);
   CHECK(out.result.deals[0].status == deal_status::credited);
   CHECK(out.result.deals[0].rules == std::vector<std::string_view>{"csm_mid"});
}

TEST_CASE("the accelerator: 480,000 before, 50,000 of credit at 10% pays 6,500.00", "[run][reference][tiers]")
{
   // D1 brings Ana to 480,000 (new business at 15%, all below quota): 72,000.00.
   // D2 is AE-sourced expansion of 62,500.00: AE 80% = 50,000.00 of credit:
   // 20,000 x 10% + 30,000 x 15% = 6,500.00 -> 1,950.00 / 3,250.00 / 1,300.00.
   const auto out = run_reference("D1,A,new,,480000.00,false,2027-01-10,,,Ana,,,false\n"
                                  "D2,B,expansion,ae_sourced,62500.00,false,2027-02-01,2027-02-10,,Ana,Chen,,false\n");
   CHECK(out.ledger ==
         "D1,Ana,AE,booked,2027-01-10,21600.00,new_logo\n"
         "D2,Ana,AE,booked,2027-02-01,1950.00,ae_led\n"
         "D2,Ana,AE,activated,2027-02-10,3250.00,ae_led\n"
         "D2,Ana,AE,retained,2027-06-10,1300.00,ae_led\n"
         "D2,Chen,CSM,booked,2027-02-01,300.00,ae_led\n"
         "D2,Chen,CSM,activated,2027-02-10,500.00,ae_led\n"
         "D2,Chen,CSM,retained,2027-06-10,200.00,ae_led\n");
}

TEST_CASE("a deal that lands exactly on quota is all at the base rate", "[run][reference][tiers]")
{
   // Ben's quota is 200,000: 150,000 then 50,000 lands on it; the next 10,000 is all above.
   const auto out = run_reference("D1,A,new,,150000.00,false,2027-01-10,,,Ben,,,false\n"
                                  "D2,B,new,,50000.00,false,2027-01-11,,,Ben,,,false\n"
                                  "D3,C,new,,10000.00,false,2027-01-12,,,Ben,,,false\n");
   CHECK(out.ledger ==
         "D1,Ben,AE,booked,2027-01-10,6750.00,new_logo\n"   // 22,500 x 30%
         "D2,Ben,AE,booked,2027-01-11,2250.00,new_logo\n"   // 7,500 x 30%
         "D3,Ben,AE,booked,2027-01-12,675.00,new_logo\n");  // 10,000 x 22.5% = 2,250 x 30%
}

TEST_CASE("attainment follows (booked_on, id) with ids compared as text", "[run][reference][tiers]")
{
   // Same booking day: "D10" sorts before "D9", so D10 fills the quota and D9 is all above it,
   // whatever the order of the rows in the file.
   const std::string rows = "D9,A,new,,100000.00,false,2027-01-10,,,Ben,,,false\n"
                            "D10,B,new,,200000.00,false,2027-01-10,,,Ben,,,false\n";
   const auto out = run_reference(rows);
   CHECK(out.ledger ==
         "D10,Ben,AE,booked,2027-01-10,9000.00,new_logo\n"   // 200,000 x 15% x 30%
         "D9,Ben,AE,booked,2027-01-10,6750.00,new_logo\n");  // 100,000 x 22.5% x 30%
}

TEST_CASE("largest remainder: 100.01 split 70/30 gives the leftover cent to the AE", "[run][rounding]")
{
   // A plan whose rate is 100% paid at once, so each ledger line shows the credit itself.
   const std::string plan_text = small_plan_header + R"(
role CSM "Customer Success Manager"
deals {
   id text, key
   amount money, positive, credited
   booked_on date
   ae optional text, names AE
   csm optional text, names CSM
}
credit small when amount < 1_000 shares AE 70%, CSM 30%
credit thirds when amount >= 1_000 shares CSM 33.333%, AE 33.333%, CSM2 33.334%
schedule upfront { tranche booked on booked_on pays 100% }
rate ae_rate for AE when true pays 100% paid by upfront
rate csm_rate for CSM when true pays 100% paid by upfront
)";
   auto parsed = parse_plan(plan_text, "split.plan");
   REQUIRE(parsed.plan);
   auto checked = check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan)));
   // CSM2 is not a role: the checker says so, and the plan does not run.
   REQUIRE_FALSE(checked.plan);
   CHECK(checked.diagnostics.items().at(0).code == "C005");

   auto fixed = plan_text;
   fixed.replace(fixed.find("credit thirds"), fixed.find("schedule upfront") - fixed.find("credit thirds"), "");
   const auto plan = load(fixed, "split.plan");
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = "id,amount,booked_on,ae,csm\nD1,100.01,2027-03-01,Ana,Chen\nD2,0.05,2027-03-01,Ana,Chen\n";
   inputs.as_of = *date::parse("2027-12-31");
   const auto result = run_plan(*plan, inputs);
   std::ostringstream ledger;
   write_ledger_csv(*plan, result, ledger);
   // 100.01: exact 70.007 and 30.003 -> floors 70.00 + 30.00, the cent to the larger remainder.
   // 0.05: exact 0.035 and 0.015 -> floors 0.03 + 0.01, remainders equal: AE first, as listed.
   CHECK(ledger.str() ==
         "deal,person,role,event,date,amount,rule\n"
         "D1,Ana,AE,booked,2027-03-01,70.01,small\n"
         "D1,Chen,CSM,booked,2027-03-01,30.00,small\n"
         "D2,Ana,AE,booked,2027-03-01,0.04,small\n"
         "D2,Chen,CSM,booked,2027-03-01,0.01,small\n");
}

TEST_CASE("churn on day 90 after activation is clawed back, on day 91 it is not", "[run][reference][clawback]")
{
   // Activated 2027-05-10: day 90 is 2027-08-08. The retained tranche (2027-09-07) is after churn.
   const auto out = run_reference(
      "C90,A,expansion,joint,20000.00,false,2027-05-05,2027-05-10,2027-08-08,Ana,Chen,,false\n"
      "C91,B,expansion,joint,20000.00,false,2027-05-05,2027-05-10,2027-08-09,Ana,Chen,,false\n");
   CHECK(out.ledger ==
         "C90,Ana,AE,booked,2027-05-05,300.00,joint\n"
         "C90,Ana,AE,activated,2027-05-10,500.00,joint\n"
         "C90,Ana,AE,clawback,2027-08-08,-800.00,clawback\n"
         "C90,Chen,CSM,booked,2027-05-05,240.00,joint\n"
         "C90,Chen,CSM,activated,2027-05-10,400.00,joint\n"
         "C90,Chen,CSM,clawback,2027-08-08,-640.00,clawback\n"
         "C91,Ana,AE,booked,2027-05-05,300.00,joint\n"
         "C91,Ana,AE,activated,2027-05-10,500.00,joint\n"
         "C91,Chen,CSM,booked,2027-05-05,240.00,joint\n"
         "C91,Chen,CSM,activated,2027-05-10,400.00,joint\n");
}

TEST_CASE("churn before activation: the window runs from activation, later tranches stop", "[run][reference][clawback]")
{
   // Booked 03-01, churned 04-01, activated 05-01 (after the churn): 04-01 <= 05-01 + 90 days,
   // so the booked tranche is recovered; the activated tranche is on or after churn: unpaid.
   // Without activation the window runs from booking: 03-01 + 90 days = 05-30.
   const auto out = run_reference(
      "E1,A,new,,10000.00,false,2027-03-01,2027-05-01,2027-04-01,Ana,,,false\n"
      "E2,B,new,,10000.00,false,2027-03-01,,2027-05-30,Ana,,,false\n"
      "E3,C,new,,10000.00,false,2027-03-01,,2027-05-31,Ana,,,false\n");
   CHECK(out.ledger ==
         "E1,Ana,AE,booked,2027-03-01,450.00,new_logo\n"
         "E1,Ana,AE,clawback,2027-04-01,-450.00,clawback\n"
         "E2,Ana,AE,booked,2027-03-01,450.00,new_logo\n"
         "E2,Ana,AE,clawback,2027-05-30,-450.00,clawback\n"
         "E3,Ana,AE,booked,2027-03-01,450.00,new_logo\n");
}

TEST_CASE("tranches and clawbacks dated after the as-of date are not paid yet", "[run][reference]")
{
   const std::string rows = "F1,A,new,,10000.00,false,2027-03-01,2027-06-01,2027-07-01,Ana,,,false\n";
   CHECK(run_reference(rows, "2027-05-31").ledger == "F1,Ana,AE,booked,2027-03-01,450.00,new_logo\n");
   CHECK(run_reference(rows, "2027-06-30").ledger ==
         "F1,Ana,AE,booked,2027-03-01,450.00,new_logo\n"
         "F1,Ana,AE,activated,2027-06-01,750.00,new_logo\n");
   CHECK(run_reference(rows, "2027-07-01").ledger ==
         "F1,Ana,AE,booked,2027-03-01,450.00,new_logo\n"
         "F1,Ana,AE,activated,2027-06-01,750.00,new_logo\n"
         "F1,Ana,AE,clawback,2027-07-01,-1200.00,clawback\n");
   // A 2027 deal's tranche dated in 2028 is paid once the as-of date reaches it.
   const std::string late = "G1,A,new,,10000.00,false,2027-12-01,2027-12-15,,Ana,,,false\n";
   CHECK(run_reference(late, "2028-04-13").ledger ==
         "G1,Ana,AE,booked,2027-12-01,450.00,new_logo\n"
         "G1,Ana,AE,activated,2027-12-15,750.00,new_logo\n"
         "G1,Ana,AE,retained,2028-04-13,300.00,new_logo\n");
}

TEST_CASE("partners: registered deals pay 5% at booking, unregistered and excluded ones nothing", "[run][reference][fee]")
{
   const auto out = run_reference(
      "P1,A,new,,50001.00,false,2027-03-01,,,Ana,,Acme,true\n"
      "P2,B,new,,50000.00,false,2027-03-01,,,Ana,,Acme,false\n"
      "P3,C,addon,csm_sourced,20000.00,true,2027-03-01,,,Ana,Chen,Acme,true\n"
      "P4,D,new,,10000.00,false,2027-03-01,,2027-03-15,Ana,,Acme,true\n");
   CHECK(out.ledger ==
         "P1,Ana,AE,booked,2027-03-01,2250.05,new_logo\n"          // 7,500.15 x 30% = 2,250.045
         "P1,Acme,PARTNER,booked,2027-03-01,2500.05,partner_fee\n"  // 5% of 50,001 = 2,500.05
         "P2,Ana,AE,booked,2027-03-01,2250.00,new_logo\n"
         "P4,Ana,AE,booked,2027-03-01,450.00,new_logo\n"
         "P4,Ana,AE,clawback,2027-03-15,-450.00,clawback\n"
         "P4,Acme,PARTNER,booked,2027-03-01,500.00,partner_fee\n"
         "P4,Acme,PARTNER,clawback,2027-03-15,-500.00,clawback\n");
   REQUIRE(out.result.deals.size() == 4);
   CHECK(out.result.deals[2].status == deal_status::excluded);
   CHECK(out.result.deals[2].rules == std::vector<std::string_view>{"addon_bundled"});
}

TEST_CASE("add-ons: bundled ones are excluded, unbundled ones are credited as expansions", "[run][reference]")
{
   const auto out = run_reference("A1,A,addon,csm_sourced,20000.00,true,2027-03-01,,,Ana,Chen,,false\n"
                                  "A2,B,addon,csm_sourced,20000.00,false,2027-03-01,,,Ana,Chen,,false\n"
                                  "A3,C,addon,,20000.00,false,2027-03-01,,,Ana,Chen,,false\n");
   CHECK(out.ledger ==
         "A2,Ana,AE,booked,2027-03-01,420.00,csm_small\n"   // 14,000 x 10% x 30%
         "A2,Chen,CSM,booked,2027-03-01,144.00,csm_small\n");  // 6,000 x 8% x 30%
   REQUIRE(out.result.deals.size() == 3);
   CHECK(out.result.deals[0].status == deal_status::excluded);
   CHECK(out.result.deals[0].message == "add-on priced into the original contract");
   CHECK(out.result.deals[2].status == deal_status::uncredited);
   CHECK(out.result.exit_status() == 0);
}

TEST_CASE("the period bounds booking: 2026-12-31 and 2028-01-01 are out, the ends are in", "[run][reference]")
{
   const auto out = run_reference("O1,A,new,,1000.00,false,2026-12-31,,,Ana,,,false\n"
                                  "O2,B,new,,1000.00,false,2027-01-01,,,Ana,,,false\n"
                                  "O3,C,new,,1000.00,false,2027-12-31,,,Ana,,,false\n"
                                  "O4,D,new,,1000.00,false,2028-01-01,,,Ana,,,false\n");
   CHECK(out.ledger ==
         "O2,Ana,AE,booked,2027-01-01,45.00,new_logo\n"
         "O3,Ana,AE,booked,2027-12-31,45.00,new_logo\n");
   REQUIRE(out.result.deals.size() == 4);
   CHECK(out.result.deals[0].status == deal_status::out_of_period);
   CHECK(out.result.deals[3].status == deal_status::out_of_period);
   CHECK(out.result.exit_status() == 0);
}

TEST_CASE("input errors: an AE without a quota, a share with no person", "[run][reference]")
{
   const auto out = run_reference("I1,A,new,,1000.00,false,2027-03-01,,,Cy,,,false\n"
                                  "I2,B,new,,1000.00,false,2027-03-01,,,Zed,,,false\n"
                                  "I3,C,expansion,joint,1000.00,false,2027-03-01,,,Ana,,Acme,true\n"
                                  "I4,D,new,,1000.00,false,2027-03-01,,,Ana,,,false\n");
   CHECK(out.ledger == "I4,Ana,AE,booked,2027-03-01,45.00,new_logo\n");
   REQUIRE(out.result.deals.size() == 4);
   CHECK(out.result.deals[0].status == deal_status::input_error);
   CHECK(out.result.deals[0].message == "AE 'Cy' has no quota in the people file");
   CHECK(out.result.deals[1].status == deal_status::input_error);
   CHECK(out.result.deals[1].message == "AE 'Zed' has no row of role AE in the people file, so has no quota");
   CHECK(out.result.deals[2].status == deal_status::input_error);
   CHECK(out.result.deals[2].message ==
         "the rule 'joint' gives the CSM 50% of the credit, but the deal's 'csm' is empty");
   CHECK(out.result.exit_status() == 1);
}

TEST_CASE("malformed rows are named by line and column; the other deals still pay", "[run][input]")
{
   struct bad_row {
      std::string row;
      std::string message;
      std::uint32_t column;
   };
   const std::vector<bad_row> cases{
      {"M,A,new,,1000.00,false,2027-02-30,,,Ana,,,false", "bad value '2027-02-30' in column 'booked_on'", 24},
      {"M,A,new,,1e5,false,2027-03-01,,,Ana,,,false", "bad value '1e5' in column 'amount'", 10},
      {"M,A,new,,+5,false,2027-03-01,,,Ana,,,false", "bad value '+5' in column 'amount'", 10},
      {"M,A,new,,.5,false,2027-03-01,,,Ana,,,false", "bad value '.5' in column 'amount'", 10},
      {"M,A,new,,0,false,2027-03-01,,,Ana,,,false", "the amount must be above zero", 10},
      {"M,A,new,,-5,false,2027-03-01,,,Ana,,,false", "the amount must be above zero", 10},
      {"M,A,new,,0.001,false,2027-03-01,,,Ana,,,false", "at most 2 decimal places", 10},
      {"M,A,new,,\"1,000.00\",false,2027-03-01,,,Ana,,,false", "bad value '1,000.00' in column 'amount'", 10},
      {"M,A,new,,$100,false,2027-03-01,,,Ana,,,false", "bad value '$100' in column 'amount'", 10},
      {"M,A,New,,1000.00,false,2027-03-01,,,Ana,,,false", "expected one of new, renewal, expansion, addon", 5},
      {"M,A,new,,1000.00,yes,2027-03-01,,,Ana,,,false", "expected true or false", 18},
      {"M,A,new,,1000.00,false,2027-03-01,,,Ana,,false", "the row has 12 columns, the header has 13", 1},
      {",A,new,,1000.00,false,2027-03-01,,,Ana,,,false", "empty value in column 'id'", 1},
   };
   for (const auto& bad : cases) {
      INFO(bad.row);
      const auto out = run_reference(bad.row + "\nOK,A,new,,1000.00,false,2027-03-01,,,Ana,,,false\n");
      CHECK(out.ledger == "OK,Ana,AE,booked,2027-03-01,45.00,new_logo\n");
      CHECK(out.result.exit_status() == 1);
      REQUIRE(out.result.deals.size() == 2);
      CHECK(out.result.deals[0].status == deal_status::malformed);
      CHECK_THAT(out.result.deals[0].message, Catch::Contains(bad.message));
      REQUIRE(out.result.diagnostics.size() == 1);
      const auto& d = out.result.diagnostics.items()[0];
      CHECK(d.span.file == "deals.csv");
      CHECK(d.span.line == 2);
      CHECK(d.span.column == bad.column);
   }
}

TEST_CASE("a deal amount finer than the currency's minor unit is rejected", "[run][input]")
{
   // The minor units come from the ISO 4217 table: none for JPY, three for KWD.
   struct currency_case {
      std::string currency;
      std::string rounding_increment;
      std::string amount;
      std::string message;  // "" when the row is accepted
   };
   const std::vector<currency_case> cases{
      {"JPY", "1", "100.5", "an amount is a whole number"},
      {"JPY", "1", "100", ""},
      {"KWD", "0.001", "100.0005", "at most 3 decimal places"},
      {"KWD", "0.001", "100.125", ""},
      {"CLF", "0.0001", "100.1234", ""},
   };
   for (const auto& c : cases) {
      INFO(c.currency << " " << c.amount);
      // The usual header with the currency and every rounding increment swapped in.
      std::string header = test_support::plan_header("small");
      header.replace(header.find("USD"), 3, c.currency);
      for (auto at = header.find("0.01"); at != std::string::npos; at = header.find("0.01", at + c.rounding_increment.size())) {
         header.replace(at, 4, c.rounding_increment);
      }
      const std::string plan_text = header + test_support::ae_and_csm_deals + R"(
credit all when true shares AE 100%
schedule upfront { tranche booked on booked_on pays 100% }
rate ae_rate for AE when true pays 100% paid by upfront
)";
      const auto plan = load(plan_text, "minor.plan");
      run_inputs inputs;
      inputs.deals_file = "deals.csv";
      inputs.deals_text = "id,amount,booked_on,ae,csm\nD1," + c.amount + ",2027-03-01,Ana,Chen\n";
      inputs.as_of = *date::parse("2027-12-31");
      const auto result = run_plan(*plan, inputs);
      REQUIRE(result.deals.size() == 1);
      if (c.message.empty()) {
         CHECK(result.diagnostics.empty());
         CHECK(result.deals[0].status != deal_status::malformed);
         continue;
      }
      CHECK(result.deals[0].status == deal_status::malformed);
      CHECK_THAT(result.deals[0].message, Catch::Contains(c.message));
      REQUIRE(result.diagnostics.size() == 1);
      const auto& d = result.diagnostics.items()[0];
      CHECK(d.code == "R003");
      CHECK(d.span.file == "deals.csv");
      CHECK(d.span.line == 2);
      CHECK(d.span.column == 4);
   }
}

TEST_CASE("duplicate ids and duplicate people rows stop the run before anything is written", "[run][input]")
{
   const auto twice = run_reference("X1,A,new,,1000.00,false,2027-03-01,,,Ana,,,false\n"
                                    "X2,A,new,,1000.00,false,2027-03-01,,,Ana,,,false\n"
                                    "X1,B,new,,2000.00,false,2027-03-02,,,Ana,,,false\n");
   CHECK(twice.result.stopped);
   CHECK(twice.result.exit_status() == 2);
   CHECK(twice.ledger.empty());
   REQUIRE(twice.result.diagnostics.size() == 1);
   CHECK(twice.result.diagnostics.items()[0].code == "R007");
   CHECK(twice.result.diagnostics.items()[0].span.line == 4);
   CHECK(twice.result.diagnostics.items()[0].notes.at(0).span.line == 2);

   const auto people = run_reference("X1,A,new,,1000.00,false,2027-03-01,,,Ana,,,false\n", "2027-12-31",
                                     "person,role,quota\nAna,AE,1.00\nAna,CSM,\nAna,AE,2.00\n");
   CHECK(people.result.stopped);
   CHECK(people.ledger.empty());
   REQUIRE(people.result.diagnostics.size() == 1);
   CHECK(people.result.diagnostics.items()[0].code == "R008");
}

TEST_CASE("a missing column stops the run and names the column; extra columns are ignored", "[run][input]")
{
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = "id,kind,amount\nD1,new,5\n";
   inputs.people_file = "people.csv";
   inputs.people_text = default_people;
   inputs.as_of = *date::parse("2027-12-31");
   const auto result = run_plan(reference_plan(), inputs);
   CHECK(result.stopped);
   REQUIRE_FALSE(result.diagnostics.empty());
   CHECK(result.diagnostics.items()[0].code == "R002");
   CHECK(result.diagnostics.items()[0].message == "the deals file has no column 'account'");

   // Columns in another order, an extra column, CRLF line ends and a byte-order mark.
   inputs.deals_text = "\xEF\xBB\xBFregistered,partner,csm,ae,churned_on,activated_on,booked_on,bundled,amount,source,"
                       "kind,account,id,notes\r\nfalse,,,Ana,,,2027-03-01,false,1000.00,,new,A,D1,\"a, b\"\r\n";
   const auto ok = run_plan(reference_plan(), inputs);
   CHECK_FALSE(ok.stopped);
   REQUIRE(ok.ledger.size() == 1);
   CHECK(ok.ledger[0].amount == *decimal::parse("45"));
}

TEST_CASE("the sample deals reproduce the expected ledger exactly", "[run][reference][golden]")
{
   run_inputs inputs;
   inputs.deals_file = "plans/deals.csv";
   inputs.deals_text = test_support::read_source_file("plans/deals.csv");
   inputs.people_file = "plans/people.csv";
   inputs.people_text = test_support::read_source_file("plans/people.csv");
   inputs.as_of = *date::parse("2027-12-31");
   const auto result = run_plan(reference_plan(), inputs);
   std::ostringstream ledger;
   write_ledger_csv(reference_plan(), result, ledger);
   CHECK(ledger.str() == test_support::read_source_file("tests/golden/run/reference/expected-ledger.csv"));
   CHECK(result.exit_status() == 1);
   // Every input row is accounted for exactly once.
   CHECK(result.deals.size() == 22);
}

TEST_CASE("a deal that fails while it is paid does not count toward attainment", "[run][tiers]")
{
   // The bands leave (1,000, 2,000] uncovered. D1's credit of 1,500 reaches into the gap, so D1
   // is an input error; D2 then starts from 0, not from 1,500, and is paid at the base band.
   const auto plan = load(small_plan_header + R"(
deals {
   id text, key
   amount money, positive, credited
   booked_on date
   ae optional text, names AE
}
credit all when true shares AE 100%
cumulative attainment for AE sums credit ordered by booked_on, id
tiers gap graduated over attainment {
   band low  when 0 <= attainment <= 1_000 pays 100%
   band high when attainment > 2_000 pays 200%
}
schedule upfront { tranche booked on booked_on pays 100% }
rate ae_rate for AE when true pays 10% tiered by gap paid by upfront
)",
                          "gap.plan");
   const auto result = run_csv(*plan, "id,amount,booked_on,ae\nD1,1500.00,2027-03-01,Ana\nD2,500.00,2027-03-02,Ana\n");
   REQUIRE(result.ledger.size() == 1);
   CHECK(result.ledger[0].deal == "D2");
   CHECK(result.ledger[0].amount == *decimal::parse("50"));
   REQUIRE(result.deals.size() == 2);
   CHECK(result.deals[0].status == deal_status::input_error);
   CHECK(result.deals[0].message == "the bands of 'gap' cover 1000 of Ana's credit of 1500 on this deal, not all of it once");
   CHECK(result.deals[1].status == deal_status::credited);
   CHECK(result.exit_status() == 1);
}

TEST_CASE("double credit declared with 'totalling': each share is credited in full, cents included", "[run]")
{
   const auto plan = load(test_support::plan_header("double") + test_support::ae_and_csm_deals + R"(
credit both when true shares AE 100%, CSM 100% totalling 200%
schedule upfront { tranche booked on booked_on pays 100% }
rate ae_rate for AE when true pays 10% paid by upfront
rate csm_rate for CSM when true pays 5% paid by upfront
)",
                          "double.plan");
   const auto result = run_csv(*plan, "id,amount,booked_on,ae,csm\nD1,1000.01,2027-03-01,Ana,Chen\n");
   REQUIRE(result.ledger.size() == 2);
   CHECK(result.ledger[0].person == "Ana");
   CHECK(result.ledger[0].amount == *decimal::parse("100"));  // 1,000.01 x 10% = 100.001
   CHECK(result.ledger[1].person == "Chen");
   CHECK(result.ledger[1].amount == *decimal::parse("50"));  // 1,000.01 x 5% = 50.0005
}

TEST_CASE("an outcome's rule names: one kept in place, more on the heap, copies independent", "[run]")
{
   rule_names names;
   CHECK(names.empty());
   CHECK(names.size() == 0);
   CHECK(names.begin() == names.end());
   names.push_back("csm_mid");
   CHECK(names.size() == 1);
   CHECK(names.front() == "csm_mid");
   CHECK(names == std::vector<std::string_view>{"csm_mid"});
   rule_names copy = names;
   names.push_back("csm_large");
   names.push_back("joint");
   CHECK(names == std::vector<std::string_view>{"csm_mid", "csm_large", "joint"});
   CHECK(names[2] == "joint");
   CHECK(copy == std::vector<std::string_view>{"csm_mid"});  // the copy kept its one name
   rule_names many = names;
   names.push_back("ae_led");
   CHECK(many.size() == 3);  // a copy of a list on the heap has its own list
   CHECK(names.size() == 4);
   copy = many;
   CHECK(copy == many);
   rule_names moved = std::move(many);
   CHECK(moved.to_vector() == std::vector<std::string_view>{"csm_mid", "csm_large", "joint"});
   CHECK(rule_names{"a", "b"} == std::vector<std::string_view>{"a", "b"});
   CHECK_FALSE(rule_names{"a"} == std::vector<std::string_view>{"a", "b"});
   // The one name is viewed where it is; a name with no bytes is still a name.
   const std::string name = "ae_led";
   rule_names viewed{name};
   CHECK(viewed.front().data() == name.data());
   rule_names nameless;
   nameless.push_back(std::string_view{});
   CHECK(nameless.size() == 1);
   CHECK(nameless.front().empty());
   nameless.push_back("second");
   CHECK(nameless == std::vector<std::string_view>{"", "second"});
   // Assigned over a list on the heap, which is let go (ASan would see it leak), and to itself.
   nameless = viewed;
   CHECK(nameless.front().data() == name.data());
   moved = std::move(nameless);
   CHECK(moved.size() == 1);
   moved = moved;  // NOLINT(clang-diagnostic-self-assign-overloaded): to itself, unchanged
   CHECK(moved.front() == "ae_led");
   CHECK(std::vector<std::string_view>(names.begin(), names.end()).size() == 4);
   // A name too long to pack beside its address is kept on the heap, alone or with others.
   const std::string long_name(70000, 'x');
   rule_names one_long{long_name};
   CHECK(one_long.size() == 1);
   CHECK(one_long.front() == long_name);
   CHECK(one_long.front().data() == long_name.data());
   const std::string longest(65534, 'y');  // the longest kept in place
   rule_names packed{longest};
   CHECK(packed.front().size() == longest.size());
   packed.push_back(long_name);
   CHECK(packed == std::vector<std::string_view>{longest, long_name});
}

TEST_CASE("an outcome's message: none until set, copies independent, empty text is none", "[run]")
{
   outcome_message message;
   CHECK(message.empty());
   CHECK(message.str().empty());
   CHECK(message == "");
   message = "no crediting rule matches the deal";
   CHECK_FALSE(message.empty());
   CHECK(message == "no crediting rule matches the deal");
   outcome_message copy = message;
   message = "the rule 'joint' gives the AE 50% of the credit";
   CHECK(copy == "no crediting rule matches the deal");  // the copy has its own text
   CHECK(message.str() == "the rule 'joint' gives the AE 50% of the credit");
   copy = message;
   CHECK(copy == message.str());
   message = std::string();
   CHECK(message.empty());
   CHECK_FALSE(copy.empty());
   const std::string& text = copy;  // reads as its text where a string is wanted
   CHECK(text == "the rule 'joint' gives the AE 50% of the credit");
   const outcome_message moved = std::move(copy);
   CHECK(moved == "the rule 'joint' gives the AE 50% of the credit");
}

TEST_CASE("an outcome's message: a viewed text is the plan's own, and copies view it too", "[run]")
{
   const std::string reason = "bundled add-ons are paid with their parent deal";
   outcome_message message;
   message.view(reason);
   CHECK(message == reason);
   CHECK(&message.str() == &reason);  // not a copy
   outcome_message copy = message;
   CHECK(&copy.str() == &reason);
   outcome_message assigned;
   assigned = "owned before";
   assigned = copy;  // the owned text is let go (ASan would see it leak) and the reason viewed
   CHECK(&assigned.str() == &reason);
   assigned = assigned;  // NOLINT(clang-diagnostic-self-assign-overloaded): to itself, unchanged
   CHECK(&assigned.str() == &reason);
   // Owned again: a copy of the text it is given, which the view does not become.
   copy = std::string("owned");
   CHECK(copy == "owned");
   CHECK(message == reason);
   outcome_message moved = std::move(message);
   CHECK(&moved.str() == &reason);
   CHECK(message.empty());  // NOLINT(bugprone-use-after-move,clang-analyzer-cplusplus.Move): a moved message holds none
   const std::string empty;
   moved.view(empty);  // an empty text is none
   CHECK(moved.empty());
}

TEST_CASE("running totals: people with and without a people row, in two roles, each keep their own", "[run][tiers]")
{
   // The CSM volume crosses 1,000 per person. Chen has a people row as CSM, Dana has none, and Ana
   // has a row as AE but none as CSM: each CSM's volume is theirs alone, whatever kind of number
   // the run gives them.
   const auto plan = load(test_support::plan_header("volumes") + test_support::ae_and_csm_deals + R"(
people {
   person text, key
   role   role, key
   quota  optional money
}
credit split when true shares AE 50%, CSM 50%
cumulative volume for CSM sums credit ordered by booked_on, id
tiers csm_volume graduated over volume {
   band low  when 0 <= volume <= 1_000 pays 100%
   band high when volume > 1_000 pays 200%
}
schedule upfront { tranche booked on booked_on pays 100% }
rate ae_rate for AE when true pays 10% paid by upfront
rate csm_rate for CSM when true pays 10% tiered by csm_volume paid by upfront
)",
                          "volumes.plan");
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = "id,amount,booked_on,ae,csm\n"
                       "D1,1600.00,2027-03-01,Ana,Chen\n"   // Chen 800
                       "D2,1600.00,2027-03-02,Ben,Dana\n"   // Dana 800
                       "D3,1600.00,2027-03-03,Chen,Ana\n"   // Ana 800 as CSM; Chen 800 as AE
                       "D4,1600.00,2027-03-04,Ana,Chen\n"   // Chen 1,600: 200 at 10%, 600 at 20%
                       "D5,400.00,2027-03-05,Ana,Dana\n"    // Dana 1,000: all at 10%
                       "D6,800.00,2027-03-06,Ben,Ana\n";    // Ana 1,200 as CSM: 200 at 10%, 200 at 20%
   inputs.people_file = "people.csv";
   inputs.people_text = "person,role,quota\nChen,CSM,\nAna,AE,\nBen,AE,\nChen,AE,\n";
   inputs.as_of = *date::parse("2027-12-31");
   const auto result = run_plan(*plan, inputs);
   INFO(render_text(result.diagnostics, [](std::string_view) { return nullptr; }));
   std::map<std::pair<std::string, std::string>, std::string> paid;  // (deal, person) -> CSM amount
   for (const auto& line : result.ledger) {
      if (plan->role_name(line.role) == "CSM") paid[{std::string(line.deal), std::string(line.person)}] = line.amount.to_fixed(2);
   }
   CHECK(paid == std::map<std::pair<std::string, std::string>, std::string>{
                    {{"D1", "Chen"}, "80.00"},
                    {{"D2", "Dana"}, "80.00"},
                    {{"D3", "Ana"}, "80.00"},
                    {{"D4", "Chen"}, "140.00"},
                    {{"D5", "Dana"}, "20.00"},
                    {{"D6", "Ana"}, "60.00"},
                 });
}

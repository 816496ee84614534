// The run's whole-increment and noted-bit shortcuts give what the general steps give: credit
// splits and tranche cuts against an explained run's decimal steps, fee clauses past the ones a
// deal notes as bits, and graduated tiers over running totals.
#include "check/checked_plan.hpp"
#include "interpreter/ledger.hpp"
#include "interpreter/run.hpp"
#include "interpreter/trace.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace compplan;

namespace {

using test_support::run_csv;

std::shared_ptr<const checked_plan> load(const std::string& text, const std::string& name)
{
   return test_support::load_plan(text, name);
}

// The reference plan's period and rounding, and an AE role; each test adds its clauses.
const std::string small_plan_header = test_support::small_plan_header + "role AE \"Account Executive\"\n";

}  // namespace

TEST_CASE("credit and tranches cut in whole increments give the cents the decimal steps give, in every rounding",
          "[run][rounding]")
{
   // Explaining splits credit and cuts tranches step by step in decimals, to record each step; a
   // plain run does both in whole increments. With a rate of 100% paid at once the AE's and CSM's
   // ledger lines are their credits, and the partner's are tranches of 7.5% of it, so the two
   // ledgers agree only if every split and every tranche does. Shares with thirds, eighths and 0%, shares
   // totalling 121% (whose total is rounded too), amounts with 0 to 2 places, and increments of
   // 0.01, 0.05, 0.25 and 1.
   const std::string clauses = R"(
role CSM "Customer Success Manager"
role PARTNER "Channel Partner"
deals {
   id text, key
   kind one of {thirds, seventy, eighths, none, double}
   amount money, positive, credited
   booked_on date
   ae text, names AE
   csm text, names CSM
   partner text, names PARTNER
}
credit thirds when kind = thirds shares AE 33.333%, CSM 33.333%, PARTNER 33.334%
credit seventy when kind = seventy shares AE 70%, CSM 30%
credit eighths when kind = eighths shares PARTNER 12.5%, AE 0%, CSM 87.5%
credit none when kind = none shares AE 0%, CSM 100%
credit double when kind = double shares AE 60.5%, CSM 60.5% totalling 121%
schedule upfront { tranche booked on booked_on pays 100% }
schedule staged {
   tranche first on booked_on pays 33.3%
   tranche second on booked_on + 10 days pays 50.05%
   tranche rest on booked_on + 20 days pays remainder
}
rate ae_rate for AE when true pays 100% paid by upfront
rate csm_rate for CSM when true pays 100% paid by upfront
rate partner_rate for PARTNER when true pays 7.5% paid by staged
)";
   std::string deals = "id,kind,amount,booked_on,ae,csm,partner\n";
   std::uint64_t state = 7;
   const auto next = [&state] {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return state >> 17;
   };
   const char* kinds[] = {"thirds", "seventy", "eighths", "none", "double"};
   for (int i = 0; i < 400; ++i) {
      const auto cents = next() % (i % 3 == 0 ? 1000 : 1'000'000'000) + 1;
      const auto places = i / 5 % 3;  // 12, 12.3 or 12.34, with each kind
      std::string amount = std::to_string(cents / 100 + 1);
      if (places == 1) amount += "." + std::to_string(cents % 10);
      if (places == 2) amount += "." + std::to_string(cents % 100 / 10) + std::to_string(cents % 10);
      deals += "D" + std::to_string(1000 + i) + "," + kinds[i % 5] + "," + amount + ",2027-03-01,Ana,Chen,Acme\n";
   }
   const std::pair<const char*, const char*> roundings[] = {
      {"credit floor to 0.01, leftover cents to largest remainder", "tranche half_up to 0.01"},
      {"credit half_even to 0.05, leftover cents to largest remainder", "tranche half_even to 0.05"},
      {"credit ceiling to 1, leftover cents to largest remainder", "tranche floor to 0.01"},
      {"credit half_up to 0.01", "tranche ceiling to 0.25"},
      {"credit half_down to 0.25", "tranche half_down to 0.01"},
      {"credit toward_zero to 0.05", "tranche toward_zero to 1"},
   };
   for (const auto& [credit, tranche] : roundings) {
      INFO(credit << "; " << tranche);
      const std::string plan_text = "plan \"split\" {\n   currency USD\n   period 2027-01-01 through 2027-12-31 by "
                                    "booked_on\n   rounding {\n      " +
                                    std::string(credit) + "\n      commission half_up to 0.01\n      " + tranche +
                                    "\n      fee half_up to 0.01\n   }\n}\nrole AE \"Account Executive\"\n" + clauses;
      const auto plan = load(plan_text, "split.plan");
      REQUIRE(plan);
      run_inputs inputs;
      inputs.deals_file = "deals.csv";
      inputs.deals_text = deals;
      inputs.as_of = *date::parse("2027-12-31");
      const auto plain = run_plan(*plan, inputs);
      run_trace trace;
      inputs.trace = &trace;
      const auto explained = run_plan(*plan, inputs);
      std::string problems;
      for (const auto& d : plain.diagnostics) problems += d.code + " " + d.message + "\n";
      INFO(problems);
      REQUIRE_FALSE(plain.diagnostics.has_errors());
      REQUIRE(trace.deals.size() == 400);  // every deal was split step by step
      CHECK(plain.ledger.size() > 700);
      CHECK(std::count_if(plain.ledger.begin(), plain.ledger.end(), [](const ledger_line& line) {
               return line.event == "rest";
            }) > 100);  // the partner's tranches were cut, the remainder included
      CHECK(plain.ledger == explained.ledger);
   }
}

TEST_CASE("a plan with seventy fee clauses pays the ones that apply, past the 63rd too", "[run][fees]")
{
   // A credited deal notes the first 63 fee clauses that apply; the others are decided again when
   // it is paid. Fee f applies to deals with amount (f + 1) * 100, so each deal shows one fee's
   // lines: fee_62 is the last noted, fee_63 the first decided again.
   std::string plan_text = small_plan_header + R"(
role PARTNER "Channel Partner"
deals {
   id text, key
   amount money, positive, credited
   booked_on date
   ae text, names AE
   partner text, names PARTNER
}
credit all when true shares AE 100%
schedule upfront { tranche booked on booked_on pays 100% }
rate ae_rate for AE when true pays 10% paid by upfront
)";
   for (int f = 0; f < 70; ++f) {
      plan_text += "fee fee_" + std::to_string(f) + " for PARTNER when amount = " + std::to_string(f * 100 + 100) +
                   " pays 1% of amount paid by upfront\n";
   }
   const auto plan = load(plan_text, "fees.plan");
   REQUIRE(plan);
   const auto result = run_csv(*plan, "id,amount,booked_on,ae,partner\nD1,200,2027-03-01,Ana,Acme\n"
                                      "D2,6700,2027-03-01,Ana,Acme\nD3,7000,2027-03-01,Ana,Acme\n"
                                      "D4,150,2027-03-01,Ana,Acme\nD5,6300,2027-03-01,Ana,Acme\n"
                                      "D6,6400,2027-03-01,Ana,Acme\n");
   REQUIRE_FALSE(result.diagnostics.has_errors());
   // Each deal's AE commission, and the fee of the one clause that matches its amount: fee_1 on
   // 200, fee_66 on 6,700, fee_69 on 7,000, none on 150, fee_62 on 6,300, fee_63 on 6,400.
   CHECK(test_support::ledger_text(*plan, result) ==
         "deal,person,role,event,date,amount,rule\n"
         "D1,Ana,AE,booked,2027-03-01,20.00,all\n"
         "D1,Acme,PARTNER,booked,2027-03-01,2.00,fee_1\n"
         "D2,Ana,AE,booked,2027-03-01,670.00,all\n"
         "D2,Acme,PARTNER,booked,2027-03-01,67.00,fee_66\n"
         "D3,Ana,AE,booked,2027-03-01,700.00,all\n"
         "D3,Acme,PARTNER,booked,2027-03-01,70.00,fee_69\n"
         "D4,Ana,AE,booked,2027-03-01,15.00,all\n"
         "D5,Ana,AE,booked,2027-03-01,630.00,all\n"
         "D5,Acme,PARTNER,booked,2027-03-01,63.00,fee_62\n"
         "D6,Ana,AE,booked,2027-03-01,640.00,all\n"
         "D6,Acme,PARTNER,booked,2027-03-01,64.00,fee_63\n");
}

TEST_CASE("graduated tiers over running totals pay what an explained run pays", "[run][tiers]")
{
   // Explaining splits credit and cuts tranches in decimals, step by step; a plain run in whole
   // cents. Here the credits feed running totals through graduated tiers, so a credit a cent off
   // would move every later commission of the person. Ana's and Ben's quotas make every band's
   // end whole cents; Cy's quota of 1,000.01 puts the end of `mid` at 1,500.015. Amounts cross
   // the bands' ends one deal at a time and several at once.
   const auto plan = load(small_plan_header + R"(
deals {
   id text, key
   amount money, positive, credited
   booked_on date
   ae text, names AE
}
people {
   person text, key
   role role, key
   quota optional money
}
credit all when true shares AE 100%
cumulative attainment for AE sums credit ordered by booked_on, id
quota for AE is people.quota
tiers ladder graduated over attainment {
   band base when 0 <= attainment <= quota pays 100%
   band mid when quota < attainment <= quota * 1.5 pays 150%
   band top when attainment > quota * 1.5 pays 200%
}
schedule staged {
   tranche first on booked_on pays 33.3%
   tranche rest on booked_on + 30 days pays remainder
}
rate ae_rate for AE when true pays 7.5% tiered by ladder paid by staged
)",
                          "tiers.plan");
   REQUIRE(plan);
   std::string deals = "id,amount,booked_on,ae\n";
   std::uint64_t state = 5;
   const auto next = [&state] {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return state >> 17;
   };
   const char* people[] = {"Ana", "Ben", "Cy"};
   for (int i = 0; i < 300; ++i) {
      const auto cents = next() % (i % 4 == 0 ? 150'000 : 9'000) + 1;
      deals += "D" + std::to_string(1000 + i) + "," + std::to_string(cents / 100) + "." +
               std::to_string(cents % 100 / 10) + std::to_string(cents % 10) + ",2027-" +
               (i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) + "-15," + people[i % 3] + "\n";
   }
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = deals;
   inputs.people_file = "people.csv";
   inputs.people_text = "person,role,quota\nAna,AE,20000.00\nBen,AE,35000.50\nCy,AE,1000.01\n";
   inputs.as_of = *date::parse("2027-12-31");
   const auto plain = run_plan(*plan, inputs);
   run_trace trace;
   inputs.trace = &trace;
   const auto explained = run_plan(*plan, inputs);
   REQUIRE_FALSE(plain.diagnostics.has_errors());
   REQUIRE(trace.deals.size() == 300);
   // Every band paid somewhere: the top band's factor shows in Cy's and Ana's later deals.
   std::size_t top = 0;
   for (const auto& [id, deal] : trace.deals) {
      for (const auto& share : deal.shares) {
         for (const auto& band : share.bands) top += band.band.name == "top" ? 1 : 0;
      }
   }
   CHECK(top > 20);
   CHECK(plain.ledger.size() == 2 * 300 - 25);  // December's second tranches fall after the as-of date
   CHECK(plain.ledger == explained.ledger);
}

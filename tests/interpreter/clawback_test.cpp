// What a clawback recovers: everything paid, a share of it, named tranches, or a share of those.
// Every amount here was worked out by hand from the plan below.
#include "interpreter/explain.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using namespace compplan;

namespace {

// An AE paid 10% of the deal in two tranches: 30% at booking and the rest at activation, until
// the churn. D1 below pays 10,000.10 x 10% = 1,000.01: booked 300.003 -> 300.00 and the
// remainder 700.01, paid by 2027-03-20 and churned on 2027-05-01. The tranche rounding is
// given, so that a test can tell it from the commission rounding (always half_up).
std::string clawback_plan(const std::string& recovery, const std::string& tranche_rounding = "half_up")
{
   return R"(plan "clawbacks" {
   currency USD
   period 2027-01-01 through 2027-12-31 by booked_on
   rounding { credit floor to 0.01  commission half_up to 0.01  tranche )" +
          tranche_rounding + R"( to 0.01  fee half_up to 0.01 }
}
)" + test_support::ae_churn_deals("   share        optional percent\n   partner      optional text, names PARTNER\n") +
          R"(role PARTNER "Partner"
credit all when true shares AE 100%
rate ae_rate for AE when true pays 10% paid by staged
fee partner_fee for PARTNER when not is_blank(partner) pays 1% of amount paid by upfront
schedule staged until churned_on {
   tranche booked    on booked_on    pays 30%
   tranche activated on activated_on pays remainder
}
schedule upfront { tranche booked on booked_on pays 100% }
clawback churn when not is_blank(churned_on) on churned_on recovers )" +
          recovery + "\n";
}

const std::string deals_header = "id,amount,booked_on,activated_on,churned_on,share,ae,partner\n";
const std::string d1 = "D1,10000.10,2027-03-01,2027-03-20,2027-05-01,,Ana,\n";
const std::string d1_paid = "D1,Ana,AE,booked,2027-03-01,300.00,all\n"
                            "D1,Ana,AE,activated,2027-03-20,700.01,all\n";

struct outcome {
   run_result result;
   std::string ledger;  // the ledger CSV without its header
};

outcome run_with(const std::string& recovery, const std::string& rows, const std::string& tranche_rounding = "half_up",
                 run_trace* trace = nullptr)
{
   const auto plan = test_support::load_plan(clawback_plan(recovery, tranche_rounding), "clawbacks.plan");
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = deals_header + rows;
   inputs.as_of = *date::parse("2027-12-31");
   inputs.trace = trace;
   outcome out{run_plan(*plan, inputs), {}};
   const auto ledger = test_support::ledger_text(*plan, out.result);
   out.ledger = ledger.substr(ledger.find('\n') + 1);
   return out;
}

}  // namespace

TEST_CASE("everything paid recovers each person's lines to the cent", "[run][clawback]")
{
   const auto out = run_with("everything paid", d1);
   CHECK(out.ledger == d1_paid + "D1,Ana,AE,clawback,2027-05-01,-1000.01,churn\n");
}

TEST_CASE("a share of everything paid is rounded by the tranche rounding", "[run][clawback]")
{
   // 1,000.01 x 50% = 500.005: half_up gives 500.01, floor 500.00 (the commission's half_up
   // does not apply here).
   CHECK(run_with("50% of everything paid", d1).ledger == d1_paid + "D1,Ana,AE,clawback,2027-05-01,-500.01,churn\n");
   CHECK(run_with("50% of everything paid", d1, "floor").ledger ==
         d1_paid + "D1,Ana,AE,clawback,2027-05-01,-500.00,churn\n");
   CHECK(run_with("50% of everything paid", d1, "half_even").ledger ==
         d1_paid + "D1,Ana,AE,clawback,2027-05-01,-500.00,churn\n");
   // 1,000.01 x 1/3 = 333.336...: 333.34 half_up.
   CHECK(run_with("(1 / 3) of everything paid", d1).ledger ==
         d1_paid + "D1,Ana,AE,clawback,2027-05-01,-333.34,churn\n");
}

TEST_CASE("100% of everything paid is everything paid, and 0% writes no line", "[run][clawback]")
{
   CHECK(run_with("100% of everything paid", d1).ledger == run_with("everything paid", d1).ledger);
   // Rounded down to whole dollars, a share would give 1,000.00; 100% is exactly what was paid.
   CHECK(run_with("100% of everything paid", d1, "floor").ledger ==
         d1_paid + "D1,Ana,AE,clawback,2027-05-01,-1000.01,churn\n");
   const auto none = run_with("0% of everything paid", d1);
   CHECK(none.ledger == d1_paid);
   CHECK(none.result.exit_status() == 0);
   // A share so small that it rounds to 0.00 writes no line either: 1,000.01 x 0.0004% = 0.004.
   CHECK(run_with("0.0004% of everything paid", d1).ledger == d1_paid);
}

TEST_CASE("named tranches recover only what those tranches paid", "[run][clawback]")
{
   CHECK(run_with("tranches activated", d1).ledger == d1_paid + "D1,Ana,AE,clawback,2027-05-01,-700.01,churn\n");
   CHECK(run_with("tranches booked", d1).ledger == d1_paid + "D1,Ana,AE,clawback,2027-05-01,-300.00,churn\n");
   CHECK(run_with("tranches activated, booked", d1).ledger ==
         d1_paid + "D1,Ana,AE,clawback,2027-05-01,-1000.01,churn\n");
   // Churned before activation: the activated tranche is never paid, so nothing is recovered.
   const std::string early = "D2,10000.10,2027-03-01,2027-03-20,2027-03-10,,Ana,\n";
   CHECK(run_with("tranches activated", early).ledger == "D2,Ana,AE,booked,2027-03-01,300.00,all\n");
}

TEST_CASE("a tranche name stands for that tranche in every schedule, fees included", "[run][clawback]")
{
   // The partner's fee: 1% of 10,000.10 = 100.001 -> 100.00, paid in upfront's booked tranche.
   const std::string row = "D3,10000.10,2027-03-01,2027-03-20,2027-05-01,,Ana,Acme\n";
   CHECK(run_with("tranches booked", row).ledger ==
         "D3,Ana,AE,booked,2027-03-01,300.00,all\n"
         "D3,Ana,AE,activated,2027-03-20,700.01,all\n"
         "D3,Ana,AE,clawback,2027-05-01,-300.00,churn\n"
         "D3,Acme,PARTNER,booked,2027-03-01,100.00,partner_fee\n"
         "D3,Acme,PARTNER,clawback,2027-05-01,-100.00,churn\n");
}

TEST_CASE("a share of named tranches", "[run][clawback]")
{
   // 700.01 x 50% = 350.005: 350.01 half_up, 350.00 floor.
   CHECK(run_with("50% of tranches activated", d1).ledger ==
         d1_paid + "D1,Ana,AE,clawback,2027-05-01,-350.01,churn\n");
   CHECK(run_with("50% of tranches activated", d1, "floor").ledger ==
         d1_paid + "D1,Ana,AE,clawback,2027-05-01,-350.00,churn\n");
   // 300.00 x 25% = 75.00 from the booked tranche only.
   CHECK(run_with("25% of tranches booked", d1).ledger == d1_paid + "D1,Ana,AE,clawback,2027-05-01,-75.00,churn\n");
}

TEST_CASE("a share from the deal is judged on each deal", "[run][clawback]")
{
   const auto out = run_with("share of everything paid", "D1,10000.10,2027-03-01,2027-03-20,2027-05-01,25%,Ana,\n"
                                                        "D2,10000.10,2027-03-01,2027-03-20,2027-05-01,150%,Ana,\n"
                                                        "D3,10000.10,2027-03-01,2027-03-20,2027-05-01,,Ana,\n"
                                                        "D4,10000.10,2027-03-01,2027-03-20,2027-05-01,-5%,Ana,\n"
                                                        "D5,10000.10,2027-03-01,2027-03-20,,,Ana,\n");
   // D1: 1,000.01 x 25% = 250.0025 -> 250.00. D5 did not churn, so its blank share is never needed.
   CHECK(out.ledger == d1_paid + "D1,Ana,AE,clawback,2027-05-01,-250.00,churn\n"
                                 "D5,Ana,AE,booked,2027-03-01,300.00,all\n"
                                 "D5,Ana,AE,activated,2027-03-20,700.01,all\n");
   REQUIRE(out.result.deals.size() == 5);
   CHECK(out.result.deals[0].status == deal_status::credited);
   CHECK(out.result.deals[1].status == deal_status::input_error);
   CHECK(out.result.deals[1].message == "the clawback 'churn' recovers 150% of what was paid; a share is from 0% to 100%");
   CHECK(out.result.deals[2].status == deal_status::input_error);
   CHECK(out.result.deals[2].message == "the clawback 'churn' recovers a blank share of what was paid");
   CHECK(out.result.deals[3].status == deal_status::input_error);
   CHECK(out.result.deals[3].message == "the clawback 'churn' recovers -5% of what was paid; a share is from 0% to 100%");
   CHECK(out.result.deals[4].status == deal_status::credited);
   std::vector<std::string> codes;
   for (const auto& d : out.result.diagnostics) codes.push_back(d.code);
   CHECK(codes == std::vector<std::string>{"R011", "R011", "R011"});
   CHECK(out.result.exit_status() == 1);
}

namespace {

// The explanation of D1's ledger lines under a plan that recovers `recovery`.
std::vector<line_explanation> explain_d1(const std::string& recovery)
{
   run_trace trace;
   const auto text = clawback_plan(recovery);
   const auto plan = test_support::load_plan(text, "clawbacks.plan");
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = deals_header + d1;
   inputs.as_of = *date::parse("2027-12-31");
   inputs.trace = &trace;
   const auto result = run_plan(*plan, inputs);
   const source_lookup lookup = [&](std::string_view file) { return file == "clawbacks.plan" ? &text : nullptr; };
   return explain_lines(*plan, result, trace, {"D1", ""}, lookup);
}

}  // namespace

TEST_CASE("explain shows the share and the tranches a clawback recovers", "[interpreter][explain][clawback]")
{
   const auto lines = explain_d1("50% of tranches activated");
   REQUIRE(lines.size() == 3);
   const auto& clawed = lines[2];
   CHECK(clawed.line.event == "clawback");
   CHECK(clawed.amount == clawed.line.amount);
   CHECK(clawed.amount == -*decimal::parse("350.01"));
   // Only the activated tranche is listed among the steps: the booked one is not recovered.
   std::vector<std::string> kinds;
   for (const auto& step : clawed.steps) kinds.push_back(step.kind);
   CHECK(kinds == std::vector<std::string>{"credit", "split", "rate", "commission", "tranche", "clawback"});
   CHECK(clawed.steps[4].clause.name == "activated");
   const auto& step = clawed.steps.back();
   CHECK(step.numbers == std::vector<std::pair<std::string, decimal>>{{"paid", *decimal::parse("700.01")},
                                                                       {"share", *decimal::parse("0.5")},
                                                                       {"exact", *decimal::parse("350.005")},
                                                                       {"recovered", *decimal::parse("350.01")},
                                                                       {"amount", -*decimal::parse("350.01")}});
   CHECK(step.text ==
         "churn (clawbacks.plan:26) fired on 2027-05-01 (not is_blank(churned_on)), on or before the as-of date: "
         "700.01 was paid to Ana in tranche activated up to then (700.01), so 50% of it, 700.01 x 50% = 350.005 "
         "(tranche half_up to 0.01: 350.01), is recovered");
   CHECK(std::find(step.facts.begin(), step.facts.end(),
                   std::pair<std::string, std::string>{"recovers", "50% of tranches activated"}) != step.facts.end());
   // The tranche lines show the clawback as a later step, in the same words.
   CHECK(lines[0].steps.back().text ==
         "churn (clawbacks.plan:26) fired on 2027-05-01 (not is_blank(churned_on)): 50% of what tranche activated "
         "paid up to that date is recovered by a clawback line");
}

TEST_CASE("two clawbacks that both fire never take back the same pay twice", "[run][clawback]")
{
   // A second clawback on the same churn, after the plan's own: what it may recover is capped by
   // what the person still holds from the deal.
   const auto after = [](const std::string& first, const std::string& second) {
      return first + "\nclawback again when not is_blank(churned_on) on churned_on recovers " + second;
   };
   // Everything is already back: 700.01 x 50% = 350.01 would be recovered, 0.00 is held.
   CHECK(run_with(after("everything paid", "50% of tranches activated"), d1).ledger ==
         d1_paid + "D1,Ana,AE,clawback,2027-05-01,-1000.01,churn\n");
   // 700.01 back first; the second would take 1,000.01 from both tranches, but 300.00 is held.
   CHECK(run_with(after("tranches activated", "tranches activated, booked"), d1).ledger ==
         d1_paid +
            "D1,Ana,AE,clawback,2027-05-01,-700.01,churn\n"
            "D1,Ana,AE,clawback,2027-05-01,-300.00,again\n");
   // Disjoint tranches are both recovered in full.
   CHECK(run_with(after("tranches booked", "tranches activated"), d1).ledger ==
         d1_paid +
            "D1,Ana,AE,clawback,2027-05-01,-300.00,churn\n"
            "D1,Ana,AE,clawback,2027-05-01,-700.01,again\n");
   // Everything paid counts what the first took back: 50% of 1,000.01 - 300.00 = 350.005 -> 350.01.
   CHECK(run_with(after("tranches booked", "50% of everything paid"), d1).ledger ==
         d1_paid +
            "D1,Ana,AE,clawback,2027-05-01,-300.00,churn\n"
            "D1,Ana,AE,clawback,2027-05-01,-350.01,again\n");
}

TEST_CASE("explain says when earlier clawbacks leave less to recover", "[interpreter][explain][clawback]")
{
   const auto second = [](const std::string& recovery) {
      return "tranches activated\nclawback again when not is_blank(churned_on) on churned_on recovers " + recovery;
   };
   SECTION("everything paid counts what the first clawback took back")
   {
      const auto lines = explain_d1(second("everything paid"));
      REQUIRE(lines.size() == 4);
      const auto& again = lines[3];
      CHECK(again.line.rule == "again");
      CHECK(again.amount == again.line.amount);
      CHECK(again.amount == -*decimal::parse("300.00"));
      const auto& step = again.steps.back();
      CHECK(step.numbers == std::vector<std::pair<std::string, decimal>>{{"paid", *decimal::parse("1000.01")},
                                                                          {"base", *decimal::parse("300.00")},
                                                                          {"recovered", *decimal::parse("300.00")},
                                                                          {"amount", -*decimal::parse("300.00")}});
      CHECK(step.text.ends_with("up to then (300.00 + 700.01), less 700.01 that clawbacks before it took back, so "
                                "300.00 is recovered"));
   }
   SECTION("named tranches are capped at what is still held")
   {
      const auto lines = explain_d1(second("tranches activated, booked"));
      REQUIRE(lines.size() == 4);
      const auto& again = lines[3];
      CHECK(again.amount == again.line.amount);
      CHECK(again.amount == -*decimal::parse("300.00"));
      const auto& step = again.steps.back();
      CHECK(step.numbers == std::vector<std::pair<std::string, decimal>>{{"paid", *decimal::parse("1000.01")},
                                                                          {"recovered", *decimal::parse("300.00")},
                                                                          {"amount", -*decimal::parse("300.00")},
                                                                          {"held", *decimal::parse("300.00")}});
      CHECK(step.text.ends_with("so 1,000.01 would be recovered, but clawbacks before it took back part of the pay: "
                                "only the 300.00 still held is recovered"));
   }
}

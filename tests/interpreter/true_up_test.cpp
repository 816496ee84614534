// True-ups of retroactive tiers over a cumulative quantity, on deals whose every cent was worked
// out by hand.
#include "interpreter/explain.hpp"
#include "interpreter/run.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

using namespace compplan;

namespace {

// Ana's running total of credit, booked_on order, rated by `accel` at a 10% base rate: up to
// 1,000 at 100%, up to 2,000 at 150%, up to 5,000 at 200%. A total above 5,000 is in no band, so
// the deal that reaches it fails (R011). Churn within 60 days of booking is clawed back, and the
// schedule pays nothing on or after churned_on.
const std::string plan_text = test_support::plan_header("true-up") + R"(role AE "Account Executive"
deals {
   id         text, key
   amount     money, positive, credited
   booked_on  date
   churned_on optional date
   ae         optional text, names AE
}
credit all when true shares AE 100%
cumulative attainment for AE sums credit ordered by booked_on, id
tiers accel retroactive over attainment {
   band base when 0 <= attainment <= 1_000 pays 100%
   band high when 1_000 < attainment <= 2_000 pays 150%
   band top  when 2_000 < attainment <= 5_000 pays 200%
}
schedule upfront until churned_on { tranche booked on booked_on pays 100% }
rate ae_rate for AE when true pays 10% tiered by accel paid by upfront
clawback churn when churned_on <= booked_on + 60 days on churned_on recovers everything paid
)";

const checked_plan& plan()
{
   static const auto loaded = test_support::load_plan(plan_text, "true-up.plan");
   return *loaded;
}

// A variant of the plan, with `replaced` written `with`.
std::shared_ptr<const checked_plan> variant(const std::string& replaced, const std::string& with)
{
   std::string text = plan_text;
   text.replace(text.find(replaced), replaced.size(), with);
   return test_support::load_plan(text, "variant.plan");
}

run_result run_on(const std::string& rows, const std::string& as_of = "2027-12-31", run_trace* trace = nullptr,
                  const checked_plan& with = plan())
{
   run_inputs inputs;
   inputs.trace = trace;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = "id,amount,booked_on,churned_on,ae\n" + rows;
   inputs.as_of = *date::parse(as_of);
   return run_plan(with, inputs);
}

// The ledger CSV without its header (the plan's variants have the same roles).
std::string ledger_of(const run_result& result)
{
   const auto text = test_support::ledger_text(plan(), result);
   return text.substr(text.find('\n') + 1);
}

// D1 100.04 stays in `base` (10.004, rounded 10.00); D2 takes Ana to 1,050.04, in `high`; D3 to
// 2,050.04, in `top`.
const std::string three_deals = "D1,100.04,2027-03-01,,Ana\n"
                                "D2,950.00,2027-04-01,,Ana\n"
                                "D3,1000.00,2027-05-01,,Ana\n";

}  // namespace

TEST_CASE("true-up: each crossing re-rates the earlier deals from the factor they stand at", "[run][tiers][true_up]")
{
   const auto result = run_on(three_deals);
   CHECK(result.exit_status() == 0);
   // D1 at 150%: round(15.006) - round(10.004) = 15.01 - 10.00 = 5.01, a cent more than the
   //   difference rounded (5.002 -> 5.00), so D1's lines add up to its commission at 150%.
   // D1 at 200%: round(20.008) - 15.01 = 20.01 - 15.01 = 5.00.
   // D2 at 150%: 950 x 10% x 150% = 142.50; at 200%: 190.00 - 142.50 = 47.50.
   // D3 at 200%: 1,000 x 10% x 200% = 200.00.
   CHECK(ledger_of(result) == "D1,Ana,AE,booked,2027-03-01,10.00,all\n"
                              "D1,Ana,AE,true_up,2027-04-01,5.01,accel\n"
                              "D1,Ana,AE,true_up,2027-05-01,5.00,accel\n"
                              "D2,Ana,AE,booked,2027-04-01,142.50,all\n"
                              "D2,Ana,AE,true_up,2027-05-01,47.50,accel\n"
                              "D3,Ana,AE,booked,2027-05-01,200.00,all\n");
}

TEST_CASE("true-up: a deal that stays in the band writes none", "[run][tiers][true_up]")
{
   // D2 takes Ana to 600.04, still in `base`; D3 to 1,600.04, and both earlier deals move once.
   const auto result = run_on("D1,100.04,2027-03-01,,Ana\nD2,500.00,2027-04-01,,Ana\nD3,1000.00,2027-05-01,,Ana\n");
   CHECK(ledger_of(result) == "D1,Ana,AE,booked,2027-03-01,10.00,all\n"
                              "D1,Ana,AE,true_up,2027-05-01,5.01,accel\n"
                              "D2,Ana,AE,booked,2027-04-01,50.00,all\n"
                              "D2,Ana,AE,true_up,2027-05-01,25.00,accel\n"
                              "D3,Ana,AE,booked,2027-05-01,150.00,all\n");
}

TEST_CASE("true-up: one dated after the as-of date is not written yet", "[run][tiers][true_up]")
{
   // D3 counts toward attainment whatever the as-of date, but its crossing on 2027-05-01 is not
   // due on 2027-04-15, and neither is its own tranche.
   const auto early = run_on(three_deals, "2027-04-15");
   CHECK(ledger_of(early) == "D1,Ana,AE,booked,2027-03-01,10.00,all\n"
                             "D1,Ana,AE,true_up,2027-04-01,5.01,accel\n"
                             "D2,Ana,AE,booked,2027-04-01,142.50,all\n");
   // On the crossing's date it is due.
   const auto on_the_day = run_on(three_deals, "2027-05-01");
   CHECK(ledger_of(on_the_day) == ledger_of(run_on(three_deals)));
}

TEST_CASE("true-up: none on or after the deal's until date", "[run][tiers][true_up]")
{
   // D1 churns on 2027-04-01, 90 days after booking: too late for the clawback, but its schedule
   // pays nothing from that day, and D2 crosses on that very day.
   const auto result = run_on("D1,100.04,2027-01-01,2027-04-01,Ana\nD2,950.00,2027-04-01,,Ana\n"
                              "D3,1000.00,2027-05-01,,Ana\n");
   CHECK(ledger_of(result) == "D1,Ana,AE,booked,2027-01-01,10.00,all\n"
                              "D2,Ana,AE,booked,2027-04-01,142.50,all\n"
                              "D2,Ana,AE,true_up,2027-05-01,47.50,accel\n"
                              "D3,Ana,AE,booked,2027-05-01,200.00,all\n");
}

TEST_CASE("true-up: a clawback recovers the true-ups paid up to its date", "[run][tiers][true_up]")
{
   // D1 churns on 2027-04-20, within 60 days: the clawback takes back the tranche and the
   // 2027-04-01 true-up, 10.00 + 5.01. The 2027-05-01 true-up is after churn and never paid.
   const auto result = run_on("D1,100.04,2027-03-01,2027-04-20,Ana\nD2,950.00,2027-04-01,,Ana\n"
                              "D3,1000.00,2027-05-01,,Ana\n");
   CHECK(ledger_of(result) == "D1,Ana,AE,booked,2027-03-01,10.00,all\n"
                              "D1,Ana,AE,true_up,2027-04-01,5.01,accel\n"
                              "D1,Ana,AE,clawback,2027-04-20,-15.01,churn\n"
                              "D2,Ana,AE,booked,2027-04-01,142.50,all\n"
                              "D2,Ana,AE,true_up,2027-05-01,47.50,accel\n"
                              "D3,Ana,AE,booked,2027-05-01,200.00,all\n");
   // D1 churns on 2027-03-20, before D2 crosses: the true-up is never paid, so the clawback
   // recovers the tranche alone.
   const auto before = run_on("D1,100.04,2027-03-01,2027-03-20,Ana\nD2,950.00,2027-04-01,,Ana\n");
   CHECK(ledger_of(before) == "D1,Ana,AE,booked,2027-03-01,10.00,all\n"
                              "D1,Ana,AE,clawback,2027-03-20,-10.00,churn\n"
                              "D2,Ana,AE,booked,2027-04-01,142.50,all\n");
}

TEST_CASE("true-up: a deal that fails contributes nothing", "[run][tiers][true_up]")
{
   // DX would take Ana to 5,100.04, in no band: it fails and leaves her total, so D2 reaches
   // only 1,050.04 and D1 is trued up to 150% on D2's date, not on DX's.
   const auto result = run_on("D1,100.04,2027-03-01,,Ana\nDX,5000.00,2027-03-15,,Ana\nD2,950.00,2027-04-01,,Ana\n");
   CHECK(ledger_of(result) == "D1,Ana,AE,booked,2027-03-01,10.00,all\n"
                              "D1,Ana,AE,true_up,2027-04-01,5.01,accel\n"
                              "D2,Ana,AE,booked,2027-04-01,142.50,all\n");
   REQUIRE(result.deals.size() == 3);
   CHECK(result.deals[1].status == deal_status::input_error);
   CHECK(result.deals[1].message == "no band of 'accel' contains 5100.04");
}

TEST_CASE("true-up: each person's deals are trued up on their own total", "[run][tiers][true_up]")
{
   // Ben's deals come between Ana's, but his total is his own: 900.00, then 1,000.00 (still in
   // `base`), then 1,000.01. His third deal crosses, paying 0.0015 (no line), and trues up his
   // first two; Ana's deals are trued up on her total alone.
   const auto result = run_on("A1,100.04,2027-03-01,,Ana\nB1,900.00,2027-03-02,,Ben\nB2,100.00,2027-03-03,,Ben\n"
                              "A2,950.00,2027-04-01,,Ana\nB3,0.01,2027-04-02,,Ben\n");
   CHECK(ledger_of(result) == "A1,Ana,AE,booked,2027-03-01,10.00,all\n"
                              "A1,Ana,AE,true_up,2027-04-01,5.01,accel\n"
                              "A2,Ana,AE,booked,2027-04-01,142.50,all\n"
                              "B1,Ben,AE,booked,2027-03-02,90.00,all\n"
                              "B1,Ben,AE,true_up,2027-04-02,45.00,accel\n"
                              "B2,Ben,AE,booked,2027-03-03,10.00,all\n"
                              "B2,Ben,AE,true_up,2027-04-02,5.00,accel\n");
}

TEST_CASE("explain: a true-up names the deal that crossed, the band, both factors and both roundings",
          "[run][tiers][true_up][explain]")
{
   const std::string rows = "D1,100.04,2027-03-01,2027-04-20,Ana\nD2,950.00,2027-04-01,,Ana\nD3,1000.00,2027-05-01,,Ana\n";
   run_trace trace;
   const auto result = run_on(rows, "2027-12-31", &trace);
   CHECK(ledger_of(result) == ledger_of(run_on(rows)));
   const source_lookup lookup = [](std::string_view) { return &plan_text; };
   const auto lines = explain_lines(plan(), result, trace, {"D1", ""}, lookup);
   REQUIRE(lines.size() == 3);
   for (const auto& line : lines) CHECK(line.amount == line.line.amount);
   // The true-up line: its own rating at 100%, then the true-up to 150% by D2.
   REQUIRE(lines[1].line.event == "true_up");
   const auto& step = lines[1].steps.back();
   CHECK(step.kind == "true_up");
   CHECK(step.clause.name == "accel");
   CHECK(step.text == "deal D2 on 2027-04-01 took Ana's attainment to 1,050.04, into band high (true-up.plan:18) of "
                      "accel (true-up.plan:16): this deal's credit is rated again at 150% instead of 100%, 100.04 x 10% "
                      "x 150% - 100.04 x 10% x 100% = 15.01 - 10.00 = 5.01 (commission half_up to 0.01 each)");
   CHECK(step.facts == std::vector<std::pair<std::string, std::string>>{
                          {"deal", "D2"}, {"band", "high"}, {"on", "2027-04-01"}, {"paid", "true"}});
   // D3's true-up of D1, on 2027-05-01, is after D1's until date: recorded as unpaid, and not
   // among the steps of the clawback, which recovers the tranche and the first true-up.
   const auto& d1 = trace.deals.at("D1");
   REQUIRE(d1.true_ups.size() == 2);
   CHECK(d1.true_ups[1].crossing == "D3");
   CHECK_FALSE(d1.true_ups[1].paid);
   CHECK(d1.true_ups[1].unpaid_because == "on or after the schedule's until date");
   CHECK(d1.true_ups[1].amount == *decimal::parse("5.00"));
   REQUIRE(lines[2].line.event == "clawback");
   std::vector<std::string> kinds;
   for (const auto& s : lines[2].steps) kinds.push_back(s.kind);
   CHECK(kinds == std::vector<std::string>{"credit", "split", "rate", "band", "commission", "tranche", "true_up",
                                           "clawback"});
   const auto& clawback = lines[2].steps.back();
   CHECK(clawback.numbers.front() == std::pair<std::string, decimal>{"paid", *decimal::parse("15.01")});
}

TEST_CASE("true-up: one beyond exact arithmetic is an R014 and the deals keep their pay", "[run][tiers][true_up]")
{
   // D2's 0.02 takes Ana above 10^21, where the factor is 10^18: D2 earns 2 x 10^15, but D1's
   // 10^21 at that factor is beyond 128 bits.
   const auto huge =
      variant("band top  when 2_000 < attainment <= 5_000 pays 200%",
              "band top  when 2_000 < attainment <= 1_000_000_000_000_000_000_000 pays 200%\n"
              "   band huge when attainment > 1_000_000_000_000_000_000_000 pays 1_000_000_000_000_000_000");
   const auto result =
      run_on("D1,999999999999999999999.99,2027-03-01,,Ana\nD2,0.02,2027-04-01,,Ana\n", "2027-12-31", nullptr, *huge);
   REQUIRE(result.ledger.size() == 2);
   CHECK(result.ledger[0].event == "booked");
   CHECK(result.ledger[0].amount == *decimal::parse("200000000000000000000.00"));
   CHECK(result.ledger[1].deal == "D2");
   CHECK(result.ledger[1].amount == *decimal::parse("2000000000000000.00"));
   CHECK(result.exit_status() == 1);
   REQUIRE(result.diagnostics.items().size() == 1);
   const auto& problem = result.diagnostics.items().front();
   CHECK(problem.code == "R014");
   CHECK(problem.span.line == 2);
   CHECK(problem.message == "deal 'D1': its true-up to the factor that deal 'D2' reached is not written: number too "
                            "large for exact arithmetic");
}

TEST_CASE("true-up: a clawback leaves out the true-ups dated after it", "[run][tiers][true_up]")
{
   // With no until date on the schedule, D1's true-up on 2027-05-01 is paid although D1 churned
   // on 2027-04-20; the clawback on that date recovers only what was paid by then.
   const auto no_until = variant("schedule upfront until churned_on", "schedule upfront");
   const auto result = run_on("D1,100.04,2027-03-01,2027-04-20,Ana\nD2,950.00,2027-04-01,,Ana\n"
                              "D3,1000.00,2027-05-01,,Ana\n",
                              "2027-12-31", nullptr, *no_until);
   CHECK(ledger_of(result) == "D1,Ana,AE,booked,2027-03-01,10.00,all\n"
                              "D1,Ana,AE,true_up,2027-04-01,5.01,accel\n"
                              "D1,Ana,AE,true_up,2027-05-01,5.00,accel\n"
                              "D1,Ana,AE,clawback,2027-04-20,-15.01,churn\n"
                              "D2,Ana,AE,booked,2027-04-01,142.50,all\n"
                              "D2,Ana,AE,true_up,2027-05-01,47.50,accel\n"
                              "D3,Ana,AE,booked,2027-05-01,200.00,all\n");
}

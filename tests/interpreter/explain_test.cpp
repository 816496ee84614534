// explain: every ledger line of the reference plan's sample run traced, its steps adding up exactly.
#include "interpreter/explain.hpp"
#include "tests/cli/support.hpp"
#include "tests/run_support.hpp"

#include <nlohmann/json.hpp>

#include <numeric>

namespace compplan {
namespace {

using namespace test_support;

// The reference plan's sample run, as `compplan run plans/... --as-of 2027-12-31` does it.
struct traced_run {
   run_trace trace;
   run_result result;
   std::string plan_text = reference_plan_text();

   traced_run()
   {
      auto inputs = reference_inputs(read_source_file("plans/deals.csv"), read_source_file("plans/people.csv"));
      inputs.trace = &trace;
      result = run_plan(reference_plan(), inputs);
   }

   std::vector<line_explanation> explain(const explain_filter& filter) const
   {
      const source_lookup lookup = [this](std::string_view file) {
         return file == "plans/expansion-fy2027.plan" ? &plan_text : nullptr;
      };
      return explain_lines(reference_plan(), result, trace, filter, lookup);
   }
};

decimal number(const explain_step& step, std::string_view name)
{
   for (const auto& [key, value] : step.numbers) {
      if (key == name) return value;
   }
   FAIL("step " << step.kind << " has no number " << name);
   return {};
}

const explain_step& step_of(const line_explanation& line, std::string_view kind)
{
   for (const auto& step : line.steps) {
      if (step.kind == kind) return step;
   }
   FAIL("no " << kind << " step");
   throw std::logic_error("unreachable");
}

TEST_CASE("a traced run writes the same ledger as an untraced one", "[interpreter][explain]")
{
   const traced_run traced;
   const auto plain = run_plan(reference_plan(), reference_inputs(read_source_file("plans/deals.csv"),
                                                                  read_source_file("plans/people.csv")));
   CHECK(ledger_text(reference_plan(), traced.result) == ledger_text(reference_plan(), plain));
}

TEST_CASE("a trace limited to some deals records only those", "[interpreter][explain]")
{
   run_trace trace;
   trace.only = {"D01", "D06"};
   auto inputs = reference_inputs(read_source_file("plans/deals.csv"), read_source_file("plans/people.csv"));
   inputs.trace = &trace;
   const auto result = run_plan(reference_plan(), inputs);
   REQUIRE(trace.deals.size() == 2);
   CHECK(trace.deals.count("D01") == 1);
   CHECK(trace.deals.count("D06") == 1);
   CHECK(result.ledger.size() > 6);
}

TEST_CASE("every ledger line of the sample run is explained to its exact amount", "[interpreter][explain]")
{
   const traced_run traced;
   const auto lines = traced.explain({});
   REQUIRE(lines.size() == traced.result.ledger.size());
   REQUIRE(!lines.empty());
   for (const auto& explained : lines) {
      INFO(explained.line.deal << " " << explained.line.person << " " << explained.line.event);
      CHECK(explained.amount == explained.line.amount);
      CHECK(explained.steps.front().kind == "credit");
      if (explained.line.event == "clawback") {
         // What the run took back equals the tranches the explanation lists as paid up to then.
         const auto& clawback = explained.steps.back();
         CHECK(number(clawback, "paid") == number(clawback, "recovered"));
      }
      for (const auto& step : explained.steps) {
         CHECK(!step.clause.name.empty());
         CHECK(step.clause.span.file == "plans/expansion-fy2027.plan");
         CHECK(step.clause.span.line > 0);
      }
   }
}

TEST_CASE("each traced share adds up: split, bands, commission and tranches", "[interpreter][explain]")
{
   const traced_run traced;
   const auto& policy = reference_plan().commission_rounding;
   for (const auto& [id, deal] : traced.trace.deals) {
      INFO("deal " << id);
      for (const auto& share : deal.shares) {
         if (!share.paid) continue;
         CHECK(share.exact == deal.credited * share.percent);
         CHECK(share.credit - share.floored >= decimal{});
         decimal banded;
         decimal commission;
         for (const auto& band : share.bands) {
            banded += band.part;
            commission += band.part * share.base_rate * band.factor;
         }
         if (share.tiers && share.graduated) {
            CHECK(banded == share.credit);
            CHECK(share.after - share.before == share.credit);
         }
         if (!share.tiers) commission = share.credit * share.base_rate;
         if (!share.tiers || share.graduated) CHECK(commission == share.commission);
         CHECK(share.rounded == share.commission.round_to(policy.increment, policy.mode));
         const auto tranches = std::accumulate(share.schedule.tranches.begin(), share.schedule.tranches.end(), decimal{},
                                               [](decimal sum, const tranche_step& t) { return sum + t.amount; });
         CHECK(tranches == share.rounded);
      }
   }
}

TEST_CASE("the worked example explains a csm_mid split, the base band and the booked tranche", "[interpreter][explain]")
{
   const traced_run traced;
   const auto lines = traced.explain({"D01", "Ana"});
   REQUIRE(lines.size() == 3);
   const auto& booked = lines.front();
   CHECK(booked.line.event == "booked");
   CHECK(booked.amount == decimal::from_int(540));
   CHECK(step_of(booked, "credit").clause.name == "csm_mid");
   CHECK(step_of(booked, "credit").clause.span.line == 71);
   const auto& split = step_of(booked, "split");
   CHECK(number(split, "amount") == decimal::from_int(30000));
   CHECK(number(split, "credit") == decimal::from_int(18000));
   CHECK(step_of(booked, "band").clause.name == "base");
   CHECK(number(step_of(booked, "commission"), "rounded") == decimal::from_int(1800));
   CHECK(step_of(booked, "tranche").text ==
         "booked (plans/expansion-fy2027.plan:104) of milestones on booked_on = 2027-03-01 pays 30%: 1,800.00 x 30% = "
         "540.00 (tranche half_up to 0.01: 540.00); no stop date: until churned_on is blank");
}

TEST_CASE("a retroactive band applies to the whole credit, and the remainder tranche to what is left", "[interpreter][explain]")
{
   const std::string text = small_plan_header + ae_and_csm_deals + R"(
credit split when true shares AE 70%, CSM 30%
rate ae_base for AE when true pays 10% tiered by size paid by staged
rate csm_base for CSM when true pays 5% paid by staged
tiers size retroactive over credit {
   band small when 0 <= credit <= 100_000 pays 100%
   band large when credit > 100_000 pays 90%
}
schedule staged {
   tranche first on booked_on pays 1/3
   tranche rest on booked_on + 30 days pays remainder
}
)";
   const auto plan = load_plan(text, "small.plan");
   REQUIRE(plan);
   run_trace trace;
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = "id,amount,booked_on,ae,csm\nD1,200000.00,2027-03-01,Ana,Chen\nD2,100.01,2027-03-01,Ana,Chen\n";
   inputs.as_of = *date::parse("2027-12-31");
   inputs.trace = &trace;
   const auto result = run_plan(*plan, inputs);
   REQUIRE(result.exit_status() == 0);
   const source_lookup lookup = [&](std::string_view file) { return file == "small.plan" ? &text : nullptr; };
   const auto lines = explain_lines(*plan, result, trace, {}, lookup);
   REQUIRE(lines.size() == result.ledger.size());
   for (const auto& line : lines) {
      INFO(line.line.deal << " " << line.line.person << " " << line.line.event);
      CHECK(line.amount == line.line.amount);
   }
   const auto& ae_first = lines.front();
   REQUIRE(ae_first.line.deal == "D1");
   REQUIRE(ae_first.line.person == "Ana");
   const auto& band = step_of(ae_first, "band");
   CHECK(band.clause.name == "large");
   CHECK(number(band, "part") == decimal::from_int(140000));
   CHECK(band.text == "credit reaches band large (small.plan:27) (credit above 100,000.00): 90% on the whole credit of 140,000.00");
   CHECK(number(step_of(ae_first, "commission"), "exact") == decimal::from_int(12600));
   CHECK(step_of(ae_first, "tranche").text ==
         "first (small.plan:30) of staged on booked_on = 2027-03-01 pays 1/3: 12,600.00 x 1/3 = 4,200.00 (tranche half_up to 0.01: 4,200.00)");
   const auto d2 = explain_lines(*plan, result, trace, {"D2", "Ana"}, lookup);
   REQUIRE(d2.size() == 2);
   CHECK(step_of(d2[0], "split").text ==
         "100.01 x 70% = 70.007 (credit floor to 0.01: 70.00; plus 0.01 of leftover cents by largest remainder: 70.01)");
   CHECK(number(step_of(d2[0], "split"), "leftover") == decimal::from_fraction(1, 100));
   CHECK(step_of(d2[1], "tranche").text == "rest (small.plan:31) of staged on booked_on + 30 days = 2027-03-31 pays the remainder: 7.00 - 2.33 = 4.67");
}

TEST_CASE("money is written grouped and exact", "[interpreter][explain]")
{
   CHECK(format_money(decimal::from_int(30000)) == "30,000.00");
   CHECK(format_money(decimal::from_fraction(-1280000, 100)) == "-12,800.00");
   CHECK(format_money(decimal::from_fraction(70, 100)) == "0.70");
   CHECK(format_money(decimal::from_int(100000)) == "100,000.00");
   CHECK(format_money(decimal::from_fraction(70007, 1000)) == "70.007");
}

TEST_CASE("explain --format json gives each line's steps with exact decimal strings", "[cli][explain]")
{
   const auto result = run_cli({"explain", std::string(COMPPLAN_SOURCE_DIR) + "/plans/expansion-fy2027.plan", "--deals",
                                std::string(COMPPLAN_SOURCE_DIR) + "/plans/deals.csv", "--people",
                                std::string(COMPPLAN_SOURCE_DIR) + "/plans/people.csv", "--as-of", "2027-12-31",
                                "--deal", "D06", "--format", "json"});
   CHECK(result.status == 0);
   CHECK(result.err.empty());
   const auto json = nlohmann::json::parse(result.out);
   REQUIRE(json.is_array());
   REQUIRE(json.size() == 6);
   for (const auto& line : json) {
      CHECK(line["deal"] == "D06");
      CHECK(line["amount"] == line["explained_amount"]);
      for (const auto& step : line["steps"]) {
         CHECK(step["clause"].is_string());
         CHECK(step["line"].get<int>() > 0);
         CHECK(step["text"].is_string());
         for (const auto& [name, value] : step["numbers"].items()) {
            INFO(name);
            CHECK(decimal::parse(value.get<std::string>()).has_value());
         }
      }
   }
   const auto& clawback = json[2];
   CHECK(clawback["person"] == "Ana");
   CHECK(clawback["event"] == "clawback");
   CHECK(clawback["amount"] == "-12800.00");
   const auto& fired = clawback["steps"].back();
   CHECK(fired["step"] == "clawback");
   CHECK(fired["numbers"]["recovered"] == "12800.00");
   CHECK(fired["numbers"]["paid"] == "12800.00");
   CHECK(fired["facts"]["fired"] == "true");
}

TEST_CASE("explain exits 2 for an unknown deal, a person with no lines, or neither option", "[cli][explain]")
{
   const std::vector<std::string> common{"explain", std::string(COMPPLAN_SOURCE_DIR) + "/plans/expansion-fy2027.plan", "--deals",
                                         std::string(COMPPLAN_SOURCE_DIR) + "/plans/deals.csv", "--people",
                                         std::string(COMPPLAN_SOURCE_DIR) + "/plans/people.csv", "--as-of",
                                         "2027-12-31"};
   const auto with = [&](std::vector<std::string> extra) {
      auto arguments = common;
      arguments.insert(arguments.end(), extra.begin(), extra.end());
      return run_cli(arguments);
   };
   CHECK(with({"--deal", "D99"}).status == 2);
   CHECK(with({"--person", "Nobody"}).status == 2);
   CHECK(with({}).status == 2);
   CHECK(with({"--deal", "D01", "--person", "Ana"}).status == 2);
   const auto person = with({"--person", "Dana"});
   CHECK(person.status == 0);
   CHECK(person.out.find("D06 Dana (CSM) clawback 2027-08-08: -2,560.00") != std::string::npos);
}

}  // namespace
}  // namespace compplan

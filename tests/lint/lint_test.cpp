// The linter on small plans: exact boundaries, witnesses the plan confirms, the reference plan,
// suppressions, and the places where the analysis says it cannot decide.
#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "interpreter/run.hpp"
#include "lint/lint.hpp"
#include "tests/support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>

using namespace compplan;

namespace {

struct linted {
   std::shared_ptr<const checked_plan> plan;
   lint_result result;
};

linted lint_text(const std::string& text, const lint_options& options = {})
{
   auto parsed = parse_plan(text, "t.plan");
   INFO(render_text(parsed.diagnostics, [](std::string_view) { return nullptr; }));
   REQUIRE(parsed.plan);
   auto checked = check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan)));
   INFO(render_text(checked.diagnostics, [](std::string_view) { return nullptr; }));
   REQUIRE(checked.plan);
   linted out{checked.plan, lint_plan(*checked.plan, text, options)};
   return out;
}

// A plan over kind, amount and booked_on with the given clauses; rates cover everyone.
std::string plan_with(const std::string& clauses)
{
   return test_support::plan_header("t") + R"(role AE "Account Executive"
deals {
   id        text, key
   kind      one of {new, expansion}
   region    optional text
   score     optional number
   amount    money, positive, credited
   booked_on date
   ae        text, names AE
}
rate base for AE when true pays 10% paid by upfront
schedule upfront { tranche booked on booked_on pays 100% }
)" + clauses;
}

std::vector<std::string> codes_of(const lint_result& result)
{
   std::vector<std::string> codes;
   for (const auto& d : result.diagnostics) codes.push_back(d.code);
   return codes;
}

// The plan's verdict on a witness deal, through the same run as `compplan run`.
deal_outcome run_witness(const checked_plan& plan, const lint_witness& witness)
{
   run_inputs inputs;
   inputs.deals_file = witness.name + ".csv";
   inputs.deals_text = witness.deals_csv;
   inputs.people_file = "people.csv";
   inputs.people_text = "person,role,quota\n";
   inputs.as_of = plan.period_end;
   auto run = run_plan(plan, inputs);
   INFO(render_text(run.diagnostics, [](std::string_view) { return nullptr; }));
   REQUIRE(run.deals.size() == 1);
   return run.deals.front();
}

}  // namespace

TEST_CASE("overlap is decided at the exact boundary, in cents and in days", "[lint]")
{
   struct boundary {
      const char* low_rule;
      const char* high_rule;
      const char* witness;  // empty: the two rules must not overlap
   };
   const std::vector<boundary> cases{
      {"amount <= 25_000", "amount >= 25_000", "amount=25000.00"},
      {"amount < 25_000", "amount >= 25_000", ""},
      {"amount <= 24_999.99", "amount > 24_999.999", ""},
      {"amount < 25_000.01", "amount >= 25_000", "amount=25000.00"},
      {"booked_on < 2027-07-01", "booked_on >= 2027-07-01", ""},
      {"booked_on <= 2027-07-01", "booked_on >= 2027-07-01", "booked_on=2027-07-01"},
      {"score < 1", "score > 0.999", "score=0.9995"},
      {"score < 1", "score >= 1", ""},
      {"region = \"north\"", "region != \"south\"", "region=\"north\""},
      {"region = \"north\"", "region = \"south\"", ""},
   };
   for (const auto& c : cases) {
      INFO(c.low_rule << " / " << c.high_rule);
      const auto l = lint_text(plan_with(std::string("credit a when ") + c.low_rule + " shares AE 100%\n" +
                                         "credit b when " + c.high_rule + " shares AE 100%\n"));
      const auto codes = codes_of(l.result);
      const bool overlap = std::count(codes.begin(), codes.end(), "L001") == 1;
      CHECK(overlap == !std::string(c.witness).empty());
      for (const auto& d : l.result.diagnostics) {
         if (d.code != "L001") continue;
         CHECK_THAT(d.message, Catch::Contains(c.witness));
      }
   }
}

TEST_CASE("every overlap and gap witness is confirmed by running the plan on it", "[lint]")
{
   const auto l = lint_text(plan_with(R"(credit new_logo when kind = new shares AE 100%
credit small when kind = expansion and amount <= 25_000 shares AE 100%
credit large when kind = expansion and 25_000 <= amount < 100_000 shares AE 100%
credit huge when kind = expansion and amount > 100_000 shares AE 100%
)"));
   CHECK(codes_of(l.result) == std::vector<std::string>{"L002", "L001"});
   REQUIRE(l.result.witnesses.size() == 2);
   for (const auto& witness : l.result.witnesses) {
      INFO(witness.deals_csv);
      const auto outcome = run_witness(*l.plan, witness);
      if (witness.code == "L001") {
         CHECK(witness.name == "L001-small-large");
         CHECK(outcome.status == deal_status::ambiguous);
         CHECK(outcome.rules == std::vector<std::string_view>{"small", "large"});
         CHECK_THAT(witness.deals_csv, Catch::Contains(",expansion,,,25000.00,2027-01-01,"));
      }
      else {
         CHECK(witness.code == "L002");
         CHECK(outcome.status == deal_status::uncredited);
         CHECK_THAT(witness.deals_csv, Catch::Contains(",100000.00,"));
      }
   }
}

TEST_CASE("the reference plan is clean but for the gap it states on purpose", "[lint]")
{
   const auto l = lint_text(test_support::reference_plan_text());
   REQUIRE(l.result.diagnostics.size() == 2);
   for (const auto& d : l.result.diagnostics) {
      CHECK(d.code == "L002");
      CHECK(d.silenced());
      CHECK_THAT(d.message, Catch::Contains("source=(blank)"));
   }
   CHECK_THAT(l.result.diagnostics.items()[0].message, Catch::Contains("kind=expansion"));
   CHECK_THAT(l.result.diagnostics.items()[1].message, Catch::Contains("kind=addon, source=(blank), bundled=false"));
   for (const auto& witness : l.result.witnesses) CHECK(run_witness(*l.plan, witness).status == deal_status::uncredited);
}

TEST_CASE("exclusions are decided first: they shadow rules, and earlier ones shadow later ones", "[lint]")
{
   const auto l = lint_text(plan_with(R"(exclude small_deals when amount < 100 because "too small"
exclude tiny_deals when amount < 10 because "tiny"
credit new_logo when kind = new shares AE 100%
credit expansion when kind = expansion and amount >= 100 shares AE 100%
credit micro when kind = expansion and amount < 50 shares AE 100%
)"));
   // micro is never reached; tiny_deals never applies; nothing overlaps: small_deals comes first.
   CHECK(codes_of(l.result) == std::vector<std::string>{"L004", "L003"});
   CHECK(l.result.diagnostics.items()[0].message ==
         "exclusion 'tiny_deals' never applies: every deal it matches is excluded first by an exclusion before it");
   CHECK(l.result.diagnostics.items()[1].message ==
         "crediting rule 'micro' never credits a deal: every deal it matches is excluded first");
}

TEST_CASE("conditions outside the fragment are named, and never called clean", "[lint]")
{
   SECTION("a rule the analysis cannot read hides no gap it covers")
   {
      const auto l = lint_text(plan_with(R"(credit new_logo when kind = new shares AE 100%
credit big when kind = expansion and amount > 2 * 500 shares AE 100%
credit odd when kind = expansion and amount <= round(1000.4, 1) shares AE 100%
)"));
      // `2 * 500` is a constant, and so is a function of constants: both rules are decided.
      CHECK(codes_of(l.result).empty());
   }
   SECTION("a comparison of two fields")
   {
      const auto l = lint_text(plan_with(R"(credit new_logo when kind = new shares AE 100%
credit expansion when kind = expansion and amount > score shares AE 100%
)"));
      const auto codes = codes_of(l.result);
      REQUIRE(codes == std::vector<std::string>{"L002", "L006"});
      // Even so, a gap the plan confirms is reported: with no score, 'amount > score' is false.
      CHECK_THAT(l.result.diagnostics.items()[0].message, Catch::Contains("kind=expansion;"));
      REQUIRE(l.result.witnesses.size() == 1);
      CHECK(run_witness(*l.plan, l.result.witnesses[0]).status == deal_status::uncredited);
      const auto& d = l.result.diagnostics.items()[1];
      CHECK(d.level == severity::note);
      CHECK_THAT(d.message, Catch::Contains("crediting rule 'expansion'") && Catch::Contains("it compares two fields"));
      CHECK(d.span.line == 19);
      CHECK(d.span.column == 44);  // at 'amount > score'
   }
   SECTION("the budget runs out")
   {
      lint_options small;
      small.budget = 2;
      const auto l = lint_text(plan_with(R"(credit new_logo when kind = new shares AE 100%
credit a when kind = expansion and amount < 100 shares AE 100%
credit b when kind = expansion and amount >= 100 shares AE 100%
)"),
                               small);
      const auto codes = codes_of(l.result);
      CHECK(std::count(codes.begin(), codes.end(), "L006") == 1);
      CHECK(std::count(codes.begin(), codes.end(), "L002") == 0);
   }
}

TEST_CASE("suppression comments: codes, reasons, and the line they apply to", "[lint]")
{
   const auto l = lint_text(plan_with(R"(credit new_logo when kind = new shares AE 100%
// allow L001, L003: the edge deal is split by hand
credit a when kind = expansion and amount <= 100 shares AE 100%  // not a suppression
/// The upper band.
credit b when kind = expansion and amount >= 100 shares AE 100%  // allow L001: "// quoted" reasons are kept whole
exclude x when kind = new and amount < 0 because "// allow L003: a string, not a comment"
)"));
   REQUIRE(l.result.diagnostics.size() == 3);
   const auto& overlap = l.result.diagnostics.items()[1];
   CHECK(overlap.code == "L001");
   CHECK(overlap.span.line == 22);
   CHECK(overlap.suppression == "\"// quoted\" reasons are kept whole");
   // The comment above 'a' silences nothing: the finding is on 'b'.
   const auto& unused = l.result.diagnostics.items()[0];
   CHECK(unused.code == "L016");
   CHECK(unused.span.line == 19);
   CHECK(unused.message == "this suppression silences nothing: no L001, L003 finding is reported on line 20");
   const auto& impossible = l.result.diagnostics.items()[2];
   CHECK(impossible.code == "L003");
   CHECK_FALSE(impossible.silenced());
   CHECK(l.result.diagnostics.error_count() == 0);
   CHECK(l.result.diagnostics.warning_count() == 2);
   CHECK(l.result.diagnostics.silenced_count() == 1);
}

TEST_CASE("shares, tranches and tiers that do not add up", "[lint]")
{
   const auto l = lint_text(test_support::plan_header("t") + test_support::ae_and_csm_deals + R"(cumulative attainment for AE sums credit ordered by booked_on, id
credit all_deals when true shares AE 120%, CSM 0%
rate base for AE when true pays 10% tiered by accel paid by staged
tiers accel retroactive over attainment {
   band low when 1_000 <= attainment < 50_000 pays 100%
   band mid when 50_000 <= attainment <= 100_000 pays 120%
   band high when 100_000 <= attainment <= 500_000 pays 110%
}
schedule staged {
   tranche first on booked_on pays 50%
   tranche second on booked_on + 30 days pays 50%
   tranche rest on booked_on + 60 days pays remainder
}
)");
   const auto codes = codes_of(l.result);
   CHECK(codes == std::vector<std::string>{"L007", "L009", "L009", "L009", "L010", "L008"});
   const auto& items = l.result.diagnostics.items();
   CHECK(items[0].message == "the shares of crediting rule 'all_deals' total 120%; they must total 100% so that the "
                             "deal's whole credit is split, no more and no less (to credit the deal more than once "
                             "on purpose, say 'totalling 120%')");
   REQUIRE(items[0].notes.size() == 1);
   CHECK(items[0].notes[0].message == "the AE alone is given 120%");
   CHECK(items[1].message == "no band of 'accel' covers attainment from 0 up to 1000; the first band 'low' starts there");
   CHECK(items[2].message == "bands 'mid' and 'high' of 'accel' overlap at 100000");
   CHECK(items[4].message == "the payout of retroactive tiers 'accel' falls as attainment rises: at 100000.00 the whole "
                             "attainment earns 120% (120000 times the rate), at 100000.01 it earns 110% (110000.011 "
                             "times the rate)");
   CHECK(items[3].message == "no band of 'accel' covers attainment above 500000; the last band 'high' ends there");
   CHECK(items[5].message == "the other tranches of schedule 'staged' already pay 100%, so the remainder tranche "
                             "'rest' always pays nothing");
   CHECK(items[5].level == severity::warning);
}

TEST_CASE("rates: a text constant that only a rate mentions is still a value of its own", "[lint]")
{
   const auto l = lint_text(test_support::plan_header("t") + R"(role AE "Account Executive"
deals {
   id        text, key
   region    text
   amount    money, positive, credited
   booked_on date
   ae        text, names AE
}
credit all_deals when true shares AE 100%
rate emea for AE when region = "EMEA" pays 10% paid by upfront
rate rest for AE when region != "EMEA" and region != "APAC" pays 8% paid by upfront
schedule upfront { tranche booked on booked_on pays 100% }
)");
   REQUIRE(codes_of(l.result) == std::vector<std::string>{"L011"});
   CHECK(l.result.diagnostics.items()[0].message ==
         "'all_deals' credits the AE on a deal with region=\"APAC\", but no rate for the AE applies to it, so the deal "
         "cannot be paid");
}

TEST_CASE("a declared total: double credit on purpose is clean, a total that does not match is not", "[lint]")
{
   const auto plan = [](const std::string& total) {
      return test_support::plan_header("t") + test_support::ae_and_csm_deals + R"(credit both when true shares AE 100%, CSM 100% totalling )" + total + R"(
totalling = 1
rate ae_base for AE when amount > totalling pays 10% paid by upfront
rate csm_base for CSM when true pays 5% paid by upfront
schedule upfront { tranche booked on booked_on pays 100% }
)";
   };
   // A definition named like the keyword still parses after a rule.
   CHECK(codes_of(lint_text(plan("200%")).result) == std::vector<std::string>{"L011"});
   const auto wrong = lint_text(plan("150%"));
   REQUIRE(codes_of(wrong.result) == std::vector<std::string>{"L007", "L011"});
   const auto& d = wrong.result.diagnostics.items()[0];
   CHECK(d.message == "the shares of crediting rule 'both' total 200%, not the 150% it declares");
   REQUIRE(d.notes.size() == 1);
   CHECK(d.notes[0].message == "the declared total");
   CHECK(d.notes[0].span.column == 58);
}

TEST_CASE("L017 judges only the tranches a clawback recovers", "[lint][clawback]")
{
   // staged stops at the churn, but its retained tranche falls after the 90-day window closes;
   // extra has no 'until'. A clawback that does not name a tranche leaves it to the rep anyway.
   const auto l017 = [](const std::string& recovery) {
      const auto l = lint_text(test_support::plan_header("t") + test_support::ae_churn_deals() + R"(credit all when true shares AE 100%
rate base for AE when true pays 10% paid by staged
fee bonus for AE when true pays 100 paid by extra
schedule staged until churned_on {
   tranche booked    on booked_on                pays 30%
   tranche activated on activated_on             pays 50%
   tranche retained  on activated_on + 120 days  pays remainder
}
schedule extra {
   tranche first  on booked_on           pays 50%
   tranche second on booked_on + 30 days pays remainder
}
clawback early_churn when churned_on <= activated_on + 90 days on churned_on recovers )" +
                               recovery + "\n");
      std::vector<std::string> messages;
      for (const auto& d : l.result.diagnostics) {
         if (d.code == "L017") messages.push_back(d.message);
      }
      return messages;
   };
   const std::string retained = "clawback 'early_churn' can never recover tranche 'retained': the tranche falls 120 "
                                "days after activated_on, and the clawback's window closes 90 days after it";
   const std::string extra = "schedule 'extra' has no 'until': on a deal that clawback 'early_churn' recovers, the "
                             "tranches due after the clawback's date are still paid; stop the schedule at that date "
                             "with 'until'";
   CHECK(l017("everything paid") == std::vector<std::string>{retained, extra});
   CHECK(l017("50% of everything paid") == std::vector<std::string>{retained, extra});
   CHECK(l017("tranches booked, activated").empty());
   CHECK(l017("tranches retained") == std::vector<std::string>{retained});
   CHECK(l017("50% of tranches booked, retained") == std::vector<std::string>{retained});
   CHECK(l017("tranches second") == std::vector<std::string>{extra});
}

// Helpers for the tests that run plans: loading a checked plan, the reference plan, its inputs.
#pragma once

#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "interpreter/ledger.hpp"
#include "interpreter/run.hpp"
#include "tests/support.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <sstream>
#include <string>

namespace compplan::test_support {

inline const checked_plan& reference_plan()
{
   static const auto plan = load_plan(reference_plan_text(), "plans/expansion-fy2027.plan");
   return *plan;
}

// A decimal or a date as a test writes it, which must be well formed.
inline decimal decimal_of(const char* text)
{
   const auto parsed = decimal::parse(text);
   REQUIRE(parsed.has_value());
   return *parsed;
}
inline date date_of(const char* text)
{
   const auto parsed = date::parse(text);
   REQUIRE(parsed.has_value());
   return *parsed;
}

inline const std::string deals_header =
   "id,account,kind,source,amount,bundled,booked_on,activated_on,churned_on,ae,csm,partner,registered\n";
inline const std::string default_people =
   "person,role,quota\nAna,AE,500000.00\nBen,AE,200000.00\nCy,AE,\nChen,CSM,\nDana,CSM,\nAcme,PARTNER,\n";

// The header of the small plans tests write: the reference plan's currency, period and rounding.
inline const std::string small_plan_header = R"(
plan "small" {
   currency USD
   period 2027-01-01 through 2027-12-31 by booked_on
   rounding {
      credit floor to 0.01, leftover cents to largest remainder
      commission half_up to 0.01
      tranche half_up to 0.01
      fee half_up to 0.01
   }
}
)";

// The reference plan's inputs as the CLI would pass them, as of 2027-12-31.
inline run_inputs reference_inputs(std::string deals_text, std::string people_text = default_people)
{
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = std::move(deals_text);
   inputs.people_file = "people.csv";
   inputs.people_text = std::move(people_text);
   inputs.as_of = *date::parse("2027-12-31");
   return inputs;
}

// A plan of the tests' own on a whole deals file (header included), as of the end of 2027.
inline run_result run_csv(const checked_plan& plan, const std::string& deals)
{
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = deals;
   inputs.as_of = *date::parse("2027-12-31");
   return run_plan(plan, inputs);
}

// The ledger CSV of a run, header included.
inline std::string ledger_text(const checked_plan& plan, const run_result& result)
{
   std::ostringstream out;
   write_ledger_csv(plan, result, out);
   return out.str();
}

// The ledger CSV of a run that writes it while paying, as `compplan run --out` does: empty when
// the run stops, as nothing is written then.
inline std::string streamed_ledger_text(const checked_plan& plan, run_inputs inputs)
{
   std::ostringstream out;
   ledger_csv_sink sink(
      plan,
      [&out]() -> std::ostream& {
         out.str("");
         return out;
      },
      inputs.jobs);
   inputs.ledger = &sink;
   const auto result = run_plan(plan, inputs);
   CHECK(result.ledger.empty());
   if (!result.stopped) sink.finish();
   return out.str();
}

}  // namespace compplan::test_support

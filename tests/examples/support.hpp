// Helpers for the example tests: the reference plan with examples of a test's own after it.
#pragma once

#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "tests/support.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

namespace compplan::test_support {

// The worked example of the reference page, with `expect` lines a test may change.
inline std::string worked_example(const std::string& expectations)
{
   return R"(
example worked as of 2027-12-31 {
   person with person "Ana", role AE, quota 500_000
   deal with id "D1", account "Globex", kind expansion, source csm_sourced, amount 30_000,
      bundled false, booked_on 2027-03-01, activated_on 2027-03-20, ae "Ana", csm "Chen", registered false
)" + expectations + "}\n";
}

inline const std::string worked_expectations = R"(   expect "D1" pays "Ana" as AE 540.00 on 2027-03-01 for booked by csm_mid
   expect "D1" pays "Ana" as AE 900.00 on 2027-03-20 for activated by csm_mid
   expect "D1" pays "Ana" as AE 360.00 on 2027-07-18 for retained by csm_mid
   expect "D1" pays "Chen" as CSM 288.00 on 2027-03-01 for booked by csm_mid
   expect "D1" pays "Chen" as CSM 480.00 on 2027-03-20 for activated by csm_mid
   expect "D1" pays "Chen" as CSM 192.00 on 2027-07-18 for retained by csm_mid
)";

// The reference plan followed by `examples`, parsed and checked; the test fails if it does not
// parse.
inline check_result check_with_examples(const std::string& examples)
{
   auto parsed = parse_plan(reference_plan_text() + examples, "t.plan");
   INFO(examples);
   REQUIRE(parsed.plan.has_value());
   return check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan)));
}

// The codes of a check's diagnostics in order of place, space-separated; "" when clean.
inline std::string codes_of(const check_result& result)
{
   std::string text;
   for (const auto& d : result.diagnostics) {
      text += (text.empty() ? "" : " ") + d.code;
   }
   return text;
}

}  // namespace compplan::test_support

// Tests for companion files: their paths, and joining their examples to the plan.
#include "examples/companion.hpp"
#include "grammar/parse.hpp"

#include <catch2/catch.hpp>

using namespace compplan;

TEST_CASE("a plan's companion is NAME.examples.plan beside it", "[examples]")
{
   CHECK(companion_path("plans/a.plan") == "plans/a.examples.plan");
   CHECK(companion_path("plans/a.examples.plan").empty());
   CHECK(companion_path("plans/a.txt").empty());
   using paths = std::vector<std::string>;
   CHECK(plans_named({"a.plan", "a.examples.plan", "b.examples.plan", "b.examples.plan"}) == paths{"a.plan", "b.plan"});
   CHECK(plans_named({"a.plan", "a.plan"}) == paths{"a.plan", "a.plan"});
}

TEST_CASE("a companion's examples join the plan; any other clause is C021", "[examples]")
{
   auto plan = parse_plan("example mine as of 2027-01-01 {}\n", "a.plan").plan.value();
   auto companion = parse_plan("role X \"x\"\nexample theirs as of 2027-01-01 {}\n", "a.examples.plan").plan.value();
   diagnostic_list diagnostics;
   add_companion(plan, std::move(companion), diagnostics);
   REQUIRE(plan.examples.size() == 2);
   CHECK(plan.examples[1].name.text == "theirs");
   CHECK(plan.examples[1].span.file == "a.examples.plan");
   CHECK(plan.clauses.size() == 2);
   CHECK(plan.roles.empty());
   REQUIRE(diagnostics.size() == 1);
   const auto& d = diagnostics.items().front();
   CHECK(d.code == "C021");
   CHECK(d.span.file == "a.examples.plan");
   CHECK(d.span.line == 1);
   CHECK(d.message == "an examples file holds examples only; this role belongs in a.plan");
}

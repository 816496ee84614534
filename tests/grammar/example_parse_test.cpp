// Tests for the grammar of examples: rows, expect lines, the commitment point and parse errors.
#include "grammar/parse.hpp"
#include "tests/examples/support.hpp"
#include "tests/grammar/support.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace compplan;

using test_support::parse_error;

TEST_CASE("an example parses into rows of cells and expect lines", "[grammar][examples]")
{
   const auto result = parse_plan(test_support::worked_example(R"(   expect "D1" recovers 1_800.50 from "Ana" as AE on 2027-05-01 by clawback
   expect "D1" excluded by addon_bundled
   expect "D1" uncredited
   expect "D1" out of period
   expect "D1" fails with R011
   expect "D1" pays "Chen" as CSM 288 on 2027-03-01 for booked by csm_mid
)"),
                                  "t.plan");
   REQUIRE(result.plan);
   const auto& plan = *result.plan;
   REQUIRE(plan.examples.size() == 1);
   REQUIRE(plan.clauses.size() == 1);
   CHECK(plan.clauses[0].kind == ast::clause_kind::example);
   const auto& example = plan.examples[0];
   CHECK(example.name.text == "worked");
   CHECK(example.as_of.to_string() == "2027-12-31");
   REQUIRE(example.rows.size() == 2);
   CHECK(example.rows[0].record == ast::record_kind::people);
   CHECK(example.rows[1].record == ast::record_kind::deals);
   const auto& deal = example.rows[1].fields;
   REQUIRE(deal.size() == 11);
   CHECK(deal[0].field.text == "id");
   CHECK(deal[0].value.kind == ast::example_value_kind::text);
   CHECK(deal[0].value.cell == "D1");
   CHECK(deal[2].value.kind == ast::example_value_kind::name);
   CHECK(deal[2].value.cell == "expansion");
   CHECK(deal[4].value.kind == ast::example_value_kind::number);
   CHECK(deal[4].value.cell == "30000");  // as the CSV cell, without the separator
   CHECK(deal[5].value.kind == ast::example_value_kind::boolean);
   CHECK(deal[6].value.kind == ast::example_value_kind::date);
   CHECK(deal[6].value.cell == "2027-03-01");
   CHECK(example.rows[1].span.line == 4);
   CHECK(example.rows[1].span.end_line == 5);

   const auto& lines = example.expectations;
   REQUIRE(lines.size() == 6);
   CHECK(lines[0].kind == ast::expected_kind::recovers);
   CHECK(lines[0].amount == decimal::from_fraction(180050, 100));
   CHECK(lines[0].person == "Ana");
   CHECK(lines[0].role.text == "AE");
   CHECK(lines[0].on.to_string() == "2027-05-01");
   CHECK(lines[0].rule.text == "clawback");
   CHECK(lines[1].kind == ast::expected_kind::excluded);
   CHECK(lines[1].rule.text == "addon_bundled");
   CHECK(lines[2].kind == ast::expected_kind::uncredited);
   CHECK(lines[3].kind == ast::expected_kind::out_of_period);
   CHECK(lines[4].kind == ast::expected_kind::fails);
   CHECK(lines[4].rule.text == "R011");
   CHECK(lines[5].kind == ast::expected_kind::pays);
   CHECK(lines[5].amount == decimal::from_int(288));
   CHECK(lines[5].tranche.text == "booked");
   CHECK(lines[5].rule.text == "csm_mid");
   CHECK(lines[5].deal_span.line == 11);
   CHECK(lines[5].deal_span.column == 11);
}

TEST_CASE("'example' is still a definition's name unless a name and 'as' follow", "[grammar][examples]")
{
   const auto result = parse_plan("example = 5\nexample_rate = example * 2\n", "t.plan");
   REQUIRE(result.plan);
   CHECK(result.plan->definitions.size() == 2);
   CHECK(result.plan->examples.empty());
   CHECK(parse_error("example x = 5\n").starts_with("1:1: P001"));
}

TEST_CASE("a text value keeps its escapes resolved, and a documentation comment attaches", "[grammar][examples]")
{
   const auto result =
      parse_plan("/// Why.\nexample e as of 2027-01-01 { deal with id \"A \\\"1\\\", b\" expect \"A \\\"1\\\", b\" uncredited }", "t.plan");
   REQUIRE(result.plan);
   const auto& example = result.plan->examples.at(0);
   CHECK(example.doc == "Why.");
   CHECK(example.rows.at(0).fields.at(0).value.cell == "A \"1\", b");
   CHECK(example.expectations.at(0).deal == "A \"1\", b");
}

TEST_CASE("malformed examples give one parse error with its place", "[grammar][examples]")
{
   struct parse_case {
      std::string text;
      std::string error;
   };
   // clang-format off
   const std::vector<parse_case> cases{
      {"example e as 2027-01-01 {}", "1:14: P003 expected 'of' and the date the example is run on after 'as', found '2027-01-01'"},
      {"example e as of 2027-02-30 {}", "1:17: P008 2027-02-30 is not a calendar date"},
      {"example e as of today {}", "1:17: P004 expected the date the example is run on (YYYY-MM-DD) after 'of', found 'today'"},
      {"example e as of 2027-01-01 { deals with id \"1\" }", "1:30: P006 expected a row ('deal with ...', 'person with ...'), an expectation ('expect ...') or '}' after '{', found 'deals'"},
      {"example e as of 2027-01-01 { deal id \"1\" }", "1:35: P003 expected 'with' and the row's fields after 'deal', found 'id'"},
      {"example e as of 2027-01-01 { deal with id }", "1:43: P004 expected the field's value (quoted text, a number, a percentage, a date, true, false or a name) after 'id', found '}'"},
      {"example e as of 2027-01-01 { deal with id \"1\", }", "1:48: P002 expected a field name and its value after ',', found '}'"},
      {"example e as of 2027-01-01 { expect D1 uncredited }", "1:37: P004 expected the deal's id in double quotes after 'expect', found 'D1'"},
      {"example e as of 2027-01-01 { expect \"D1\" credited }", "1:42: P003 expected what happens to the deal (pays, recovers, excluded by, uncredited, out of period, fails with) after '\"D1\"', found 'credited'"},
      {"example e as of 2027-01-01 { expect \"D1\" pays \"A\" AE 1 on 2027-01-01 for booked by r }", "1:51: P003 expected 'as' and a role after '\"A\"', found 'AE'"},
      {"example e as of 2027-01-01 { expect \"D1\" pays \"A\" as AE on 2027-01-01 for booked by r }", "1:57: P004 expected an amount, such as 540.00, after 'AE', found 'on'"},
      {"example e as of 2027-01-01 { expect \"D1\" pays \"A\" as AE 1 2027-01-01 for booked by r }", "1:59: P003 expected 'on' and the date of the ledger line after '1', found '2027-01-01'"},
      {"example e as of 2027-01-01 { expect \"D1\" pays \"A\" as AE 1 on 2027-01-01 by r }", "1:73: P003 expected 'for' and the tranche after the date, found 'by'"},
      {"example e as of 2027-01-01 { expect \"D1\" recovers 1 \"A\" as AE on 2027-01-01 by r }", "1:53: P003 expected 'from' and the person after the amount, found '\"A\"'"},
      {"example e as of 2027-01-01 { expect \"D1\" out of time }", "1:49: P003 expected 'period' after 'out of', found 'time'"},
      {"example e as of 2027-01-01 { expect \"D1\" out period }", "1:46: P003 expected 'of period' after 'out', found 'period'"},
      {"example e as of 2027-01-01 { expect \"D1\" fails R011 }", "1:48: P003 expected 'with' and a diagnostic code after 'fails', found 'R011'"},
      {"example e as of 2027-01-01 { expect \"D1\" excluded by }", "1:54: P002 expected the name of a rule after 'by', found '}'"},
      {"example e as of 2027-01-01 { expect \"D1\" pays \"A\" as AE 1 on 2027-01-01 for booked by r", "1:88: P006 expected a row ('deal with ...', 'person with ...'), an expectation ('expect ...') or '}' after 'r', found the end of the file"},
   };
   // clang-format on
   for (const auto& c : cases) {
      INFO("input: " << c.text);
      CHECK(parse_error(c.text) == c.error);
   }
}

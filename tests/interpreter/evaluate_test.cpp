// Conditions decided as truths (evaluator::holds) agree with the values evaluate gives them.
#include "interpreter/evaluate.hpp"
#include "interpreter/records.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <functional>
#include <string>
#include <variant>
#include <vector>

using namespace compplan;
using namespace compplan::test_support;

namespace {

const std::string plan_text = small_plan_header + R"(
role AE "Account Executive"
deals {
   id        text, key
   kind      one of {new, renewal, expansion, addon}
   source    optional one of {ae_sourced, csm_sourced, joint}
   amount    money, positive, credited
   bundled   boolean
   booked_on date
   churned_on optional date
   ae        optional text, names AE
}
expansion_like = kind = expansion or (kind = addon and not bundled)
led = expansion_like and source = joint
not_joint = not (source = joint)
differs = source != joint
large = amount > 25_000 or source = ae_sourced
early = churned_on <= booked_on + 90 days
either = not bundled or not (kind = new)
neither = not (bundled or kind = renewal) and ae = "Ana"
band = 25_000 <= amount <= 100_000 and not early
late = booked_on >= 2027-06-01 or 2027-03-01 > churned_on
flagged = bundled = true and false != bundled
sourced = source != csm_sourced and joint = source
credit whole when kind = new shares AE 100%
credit rest when not (kind = new) shares AE 100%
schedule upfront {
   tranche booked on booked_on pays 100%
}
rate r for AE when kind = new pays 10% paid by upfront
rate s for AE when not (kind = new) pays 10% paid by upfront
)";

// The rows of a deals file every row of which must read.
record_file read_clean(const checked_plan& plan, const std::string& csv, std::size_t rows)
{
   diagnostic_list diagnostics;
   auto records = read_deals(plan, csv, "deals.csv", diagnostics);
   REQUIRE_FALSE(diagnostics.has_errors());
   REQUIRE(records.rows.size() == rows);
   return records;
}

value member(std::uint32_t index)
{
   return enum_value{index};
}

value money(const char* text)
{
   return *decimal::parse(text);
}

value day(const char* text)
{
   return *date::parse(text);
}

}  // namespace

TEST_CASE("holds: and, or, not and comparisons with blanks decide what evaluate decides", "[run][evaluate]")
{
   const auto plan = load_plan(plan_text, "small.plan");
   REQUIRE(plan);
   const evaluator eval(*plan);
   const value blank = blank_value{};
   // id, kind, source, amount, bundled, booked_on, churned_on, ae
   const std::vector<std::vector<value>> deals{
      {std::string("D1"), member(0), blank, money("1000"), false, day("2027-03-01"), blank, std::string("Ana")},
      {std::string("D2"), member(2), member(2), money("30000"), false, day("2027-03-01"), day("2027-04-01"), blank},
      {std::string("D3"), member(3), member(0), money("100000"), true, day("2027-03-01"), day("2027-09-01"),
       std::string("Ben")},
      {std::string("D4"), member(3), member(1), money("25000"), false, day("2027-03-01"), day("2027-05-30"),
       std::string("Ana")},
      {std::string("D5"), member(1), blank, money("100000.01"), true, day("2027-03-01"), blank, std::string("Ana")},
   };
   const auto& syntax = plan->plan();
   // Every definition, and every clause's condition, on every deal.
   std::vector<const ast::expression*> conditions;
   for (const auto& definition : syntax.definitions) conditions.push_back(definition.value.get());
   for (const auto& rule : syntax.crediting_rules) conditions.push_back(rule.when.get());
   for (const auto& rate : syntax.rates) conditions.push_back(rate.when.get());
   REQUIRE(conditions.size() == 16);
   std::size_t held = 0;
   for (const auto& deal : deals) {
      for (const auto* condition : conditions) {
         INFO("deal " << std::get<std::string>(deal[0]) << ", condition at line " << condition->span.line);
         std::vector<std::optional<value>> truth_definitions(syntax.definitions.size());
         std::vector<std::optional<value>> value_definitions(syntax.definitions.size());
         evaluation_scope truth_scope;
         truth_scope.deal = deal;
         truth_scope.definitions = &truth_definitions;
         evaluation_scope value_scope = truth_scope;
         value_scope.definitions = &value_definitions;
         const bool holds = eval.holds(*condition, truth_scope);
         const auto result = eval.evaluate(*condition, value_scope);
         const auto* truth = std::get_if<bool>(&result);
         CHECK(holds == (truth != nullptr && *truth));
         held += holds ? 1 : 0;
      }
   }
   // Conditions that hold and conditions that do not were both met.
   CHECK(held > 10);
   CHECK(held < 5 * 16 - 10);
}

TEST_CASE("holds: a comparison with a blank is false, and its negation true", "[run][evaluate]")
{
   const auto plan = load_plan(plan_text, "small.plan");
   REQUIRE(plan);
   const evaluator eval(*plan);
   const auto& syntax = plan->plan();
   const auto definition = [&](std::string_view name) -> const ast::expression& {
      for (const auto& d : syntax.definitions) {
         if (d.name.text == name) return *d.value;
      }
      FAIL("no definition " << name);
      throw std::logic_error("unreachable");
   };
   const std::vector<value> deal{std::string("D1"), member(0), blank_value{}, money("1000"), false,
                                 day("2027-03-01"), blank_value{}, std::string("Ana")};
   std::vector<std::optional<value>> definitions(syntax.definitions.size());
   evaluation_scope scope;
   scope.deal = deal;
   scope.definitions = &definitions;
   CHECK(eval.holds(definition("not_joint"), scope));     // not (blank = joint): not false
   CHECK_FALSE(eval.holds(definition("differs"), scope));  // blank != joint: false
   CHECK_FALSE(eval.holds(definition("early"), scope));    // churned_on blank
   CHECK_FALSE(eval.holds(definition("large"), scope));    // 1000 > 25000 is false, blank = ae_sourced false
   CHECK(eval.holds(definition("either"), scope));         // not bundled
   CHECK(eval.holds(definition("neither"), scope));        // not (false or false) and "Ana" = "Ana"
}

TEST_CASE("holds: conditions decided on a row's cells agree with its decoded values", "[run][evaluate]")
{
   const auto plan = load_plan(plan_text, "small.plan");
   REQUIRE(plan);
   const evaluator eval(*plan);
   const auto& syntax = plan->plan();
   // Blank and filled optional members and dates; both truths; dates either side of 2027-06-01.
   const std::string csv = "id,kind,source,amount,bundled,booked_on,churned_on,ae\n"
                           "D1,new,,1000,false,2027-03-01,,Ana\n"
                           "D2,expansion,joint,30000,false,2027-06-01,2027-04-01,\n"
                           "D3,addon,ae_sourced,100000,true,2027-05-31,2027-09-01,Ben\n"
                           "D4,addon,csm_sourced,25000,false,2027-12-31,2027-02-28,Ana\n"
                           "D5,renewal,,100000.01,true,2027-01-01,,Ana\n"
                           "D6,expansion,joint,5,true,2027-07-01,,Ana\n";
   const auto records = read_clean(*plan, csv, 6);
   std::vector<const ast::expression*> conditions;
   for (const auto& definition : syntax.definitions) conditions.push_back(definition.value.get());
   for (const auto& rule : syntax.crediting_rules) conditions.push_back(rule.when.get());
   std::array<std::size_t, 2> decided{};  // how many were false, how many true
   for (const auto& row : records.rows) {
      const auto values = row.decode();
      for (const auto* condition : conditions) {
         INFO("deal " << row.text(0) << ", condition at line " << condition->span.line);
         std::vector<std::optional<value>> fields(row.size());
         std::vector<std::optional<value>> row_definitions(syntax.definitions.size());
         evaluation_scope on_row;
         on_row.row = &row;
         on_row.fields = &fields;
         on_row.definitions = &row_definitions;
         std::vector<std::optional<value>> value_definitions(syntax.definitions.size());
         evaluation_scope on_values;
         on_values.deal = values;
         on_values.definitions = &value_definitions;
         const bool holds = eval.holds(*condition, on_row);
         CHECK(holds == eval.holds(*condition, on_values));
         const auto result = eval.evaluate(*condition, on_values);
         CHECK(holds == (std::holds_alternative<bool>(result) && std::get<bool>(result)));
         ++decided[holds ? 1 : 0];
      }
   }
   CHECK(decided[0] > 20);
   CHECK(decided[1] > 20);
}

namespace {

const std::string typed_plan_text = small_plan_header + R"(
role AE "Account Executive"
deals {
   id           text, key
   amount       money, positive, credited
   count        optional number
   booked_on    date
   activated_on optional date
   churned_on   optional date
   ae           optional text, names AE
   flag         optional boolean
}
due = coalesce(activated_on, booked_on) + 90 days
from_booking = 30 days + booked_on
before_churn = churned_on - 10 days
first_of = coalesce(churned_on, activated_on, booked_on)
share = amount * 10% + 5
per_unit = amount / count
scaled = 2 * (amount - 1000.50) / 4
early = churned_on <= coalesce(activated_on, booked_on) + 90 days
window = 2027-03-01 <= booked_on < 2027-07-01
mid = 25_000 <= amount <= 100_000
above = 1000 < amount <= 25_000
spring = 2027-02-28 < booked_on <= 2027-06-30
open_ended = amount < 1000 or count > 2
ratio = amount / count > 1000
no_ae = is_blank(ae)
gap = churned_on - booked_on > 30 days
same = coalesce(churned_on, activated_on) = booked_on
later = activated_on > before_churn or due >= 2027-12-31
flagged = flag
not_flagged = not flagged
flagged_or_late = flagged or later and not mid
credit whole when amount > 0 shares AE 100%
schedule upfront {
   tranche booked on booked_on pays 100%
}
rate r for AE when amount > 0 pays 10% paid by upfront
)";

// What a reading gives: its value, or the message of the error it throws.
template <typename T>
std::variant<std::optional<T>, std::string> outcome_of(const std::function<std::optional<T>()>& read)
{
   try {
      return read();
   }
   catch (const std::exception& error) {
      return std::string(error.what());
   }
}

}  // namespace

TEST_CASE("typed readings of dates, numbers and conditions give what evaluating into values gives", "[run][evaluate]")
{
   const auto plan = load_plan(typed_plan_text, "typed.plan");
   REQUIRE(plan);
   const evaluator typed(*plan);
   const evaluator reference(*plan, false);
   const auto& syntax = plan->plan();
   // Blank and filled optional dates and counts, a count of zero (division by zero), amounts
   // either side of the range's ends, dates either side of the window's.
   const std::string csv = "id,amount,count,booked_on,activated_on,churned_on,ae,flag\n"
                           "D1,1000,,2027-03-01,,,Ana,\n"
                           "D2,25000,0,2027-07-01,2027-04-01,2027-06-15,,true\n"
                           "D3,100000,3,2027-02-28,2027-05-31,2027-09-01,Ben,false\n"
                           "D4,100000.01,2,2027-12-31,,2028-02-28,Ana,\n"
                           "D5,999.99,4,2027-01-01,2027-01-02,2027-01-05,,true\n"
                           "D6,50000.5,1,2027-06-30,2027-10-03,2027-03-11,Cy,false\n";
   const auto records = read_clean(*plan, csv, 6);
   std::array<std::size_t, 3> kinds{};  // dates, numbers and conditions compared
   std::size_t blanks = 0;
   std::size_t errors = 0;
   std::array<std::size_t, 2> truths{};
   for (const auto& row : records.rows) {
      const auto values = row.decode();
      for (const bool on_cells : {true, false}) {
         for (const auto& definition : syntax.definitions) {
            INFO("deal " << row.text(0) << ", " << definition.name.text << (on_cells ? " on the row's cells" : " on values"));
            // Each evaluator with a scope of its own, so that neither reads what the other computed.
            struct room {
               std::vector<std::optional<value>> fields;
               std::vector<std::optional<value>> definitions;
               std::vector<std::int8_t> truths;
            };
            const auto fresh_room = [&] {
               return room{std::vector<std::optional<value>>(row.size()),
                           std::vector<std::optional<value>>(syntax.definitions.size()),
                           std::vector<std::int8_t>(syntax.definitions.size(), -1)};
            };
            std::array<room, 2> rooms{fresh_room(), fresh_room()};
            std::array<evaluation_scope, 2> scopes;
            for (std::size_t i = 0; i < 2; ++i) {
               if (on_cells) {
                  scopes[i].row = &row;
                  scopes[i].fields = &rooms[i].fields;
               }
               else {
                  scopes[i].deal = values;
               }
               scopes[i].definitions = &rooms[i].definitions;
               scopes[i].truths = &rooms[i].truths;
            }
            const auto& expr = *definition.value;
            switch (plan->types[expr.id].kind) {
               case type_kind::date: {
                  const auto fast = outcome_of<date>([&] { return typed.date_of(expr, scopes[0]); });
                  CHECK(fast == outcome_of<date>([&] { return reference.date_of(expr, scopes[1]); }));
                  blanks += fast.index() == 0 && !std::get<0>(fast) ? 1 : 0;
                  ++kinds[0];
                  break;
               }
               case type_kind::money:
               case type_kind::number: {
                  const auto fast = outcome_of<decimal>([&] { return typed.number_of(expr, scopes[0]); });
                  CHECK(fast == outcome_of<decimal>([&] { return reference.number_of(expr, scopes[1]); }));
                  blanks += fast.index() == 0 && !std::get<0>(fast) ? 1 : 0;
                  errors += fast.index();
                  ++kinds[1];
                  break;
               }
               default: {
                  const auto fast = outcome_of<bool>([&] { return typed.holds(expr, scopes[0]); });
                  CHECK(fast == outcome_of<bool>([&] { return reference.holds(expr, scopes[1]); }));
                  errors += fast.index();
                  if (fast.index() == 0) ++truths[*std::get<0>(fast) ? 1 : 0];
                  ++kinds[2];
                  break;
               }
            }
         }
      }
   }
   // Every kind was compared, on blanks, errors and both truths.
   // By definition: each on six deals, on the row's cells and on values.
   constexpr std::size_t readings = std::size_t{2} * 6;
   CHECK(kinds[0] == readings * 4);
   CHECK(kinds[1] == readings * 3);
   CHECK(kinds[2] == readings * 14);
   CHECK(blanks == 4);  // D1's before_churn and per_unit, on cells and on values
   CHECK(errors == 4);  // D2's count of 0, in per_unit and ratio, on cells and on values
   CHECK(truths[0] > 20);
   CHECK(truths[1] > 20);
}

// Tests for the plan grammar: the reference plan's AST, literals, precedence, nesting and parse errors.
#include "grammar/parse.hpp"
#include "tests/grammar/support.hpp"
#include "tests/support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace compplan;

namespace {

using test_support::parse_error;

std::string show_value(const value& v)
{
   if (const auto* number = std::get_if<decimal>(&v)) return number->to_string();
   if (const auto* day = std::get_if<date>(&v)) return day->to_string();
   if (const auto* days = std::get_if<day_count>(&v)) return std::to_string(days->days) + "d";
   if (const auto* text = std::get_if<std::string>(&v)) return "\"" + *text + "\"";
   if (const auto* flag = std::get_if<bool>(&v)) return *flag ? "true" : "false";
   return "?";
}

// An expression as an s-expression, so that the shape of the tree can be compared as text.
std::string show(const ast::expression& expr)
{
   return std::visit(
      [](const auto& node) -> std::string {
         using node_type = std::decay_t<decltype(node)>;
         if constexpr (std::is_same_v<node_type, ast::literal>) {
            return show_value(node.constant);
         }
         else if constexpr (std::is_same_v<node_type, ast::name_ref>) {
            return node.name;
         }
         else if constexpr (std::is_same_v<node_type, ast::member_ref>) {
            return node.object.text + "." + node.member.text;
         }
         else if constexpr (std::is_same_v<node_type, ast::unary>) {
            return std::string(node.op == ast::unary_op::negate ? "(neg " : "(not ") + show(*node.operand) + ")";
         }
         else if constexpr (std::is_same_v<node_type, ast::binary>) {
            return "(" + std::string(ast::to_string(node.op)) + " " + show(*node.left) + " " + show(*node.right) + ")";
         }
         else if constexpr (std::is_same_v<node_type, ast::range>) {
            return "(range " + show(*node.low) + " " + std::string(ast::to_string(node.low_op)) + " " +
                   show(*node.subject) + " " + std::string(ast::to_string(node.high_op)) + " " + show(*node.high) + ")";
         }
         else if constexpr (std::is_same_v<node_type, ast::membership>) {
            std::string text = "(in " + show(*node.subject);
            for (const auto& member : node.members) {
               text += " " + member.text;
            }
            return text + ")";
         }
         else if constexpr (std::is_same_v<node_type, ast::conditional>) {
            return "(if " + show(*node.condition) + " " + show(*node.then_branch) + " " + show(*node.else_branch) + ")";
         }
         else {
            std::string text = "(call " + node.function.text;
            for (const auto& argument : node.arguments) {
               text += " " + show(*argument);
            }
            return text + ")";
         }
      },
      expr.node);
}

// The value of the plan's only definition, `x = ...`, as an s-expression.
std::string shape(const std::string& expression)
{
   const auto result = parse_plan("x = " + expression + "\n", "t.plan");
   INFO(expression);
   REQUIRE(result.plan.has_value());
   REQUIRE(result.plan->definitions.size() == 1);
   return show(*result.plan->definitions.front().value);
}

using test_support::repeated;

}  // namespace

TEST_CASE("the plan grammar has no PEGTL analysis problems", "[grammar]")
{
   CHECK(analyze_plan_grammar() == 0);
}

TEST_CASE("the reference plan parses into the expected clauses", "[grammar]")
{
   const auto text = test_support::reference_plan_text();
   const auto result = parse_plan(text, "plans/expansion-fy2027.plan");
   REQUIRE(result.diagnostics.empty());
   REQUIRE(result.plan.has_value());
   const auto& plan = *result.plan;

   CHECK(plan.file == "plans/expansion-fy2027.plan");
   REQUIRE(plan.header.has_value());
   CHECK(plan.roles.size() == 3);
   CHECK(plan.records.size() == 2);
   CHECK(plan.definitions.size() == 2);
   CHECK(plan.exclusions.size() == 1);
   CHECK(plan.crediting_rules.size() == 8);
   CHECK(plan.cumulatives.size() == 1);
   CHECK(plan.quotas.size() == 1);
   CHECK(plan.tier_tables.size() == 1);
   CHECK(plan.schedules.size() == 2);
   CHECK(plan.rates.size() == 4);
   CHECK(plan.fees.size() == 1);
   CHECK(plan.clawbacks.size() == 1);
   CHECK(plan.clauses.size() == 28);

   SECTION("clauses keep the author's order")
   {
      REQUIRE(plan.clauses.size() == 28);
      CHECK(plan.clauses[0].kind == ast::clause_kind::header);
      CHECK(plan.clauses[1].kind == ast::clause_kind::role);
      CHECK(plan.clauses[3].kind == ast::clause_kind::role);
      CHECK(plan.clauses[3].index == 2);
      CHECK(plan.clauses[4].kind == ast::clause_kind::record);
      CHECK(plan.clauses[6].kind == ast::clause_kind::definition);
      CHECK(plan.clauses[8].kind == ast::clause_kind::exclusion);
      CHECK(plan.clauses[9].kind == ast::clause_kind::crediting);
      CHECK(plan.clauses[27].kind == ast::clause_kind::clawback);
   }

   SECTION("header")
   {
      const auto& header = *plan.header;
      CHECK(header.title == "Expansion Compensation FY2027");
      CHECK(header.version == std::optional<std::string>("2027.1"));
      REQUIRE(header.currency.has_value());
      CHECK(header.currency->text == "USD");
      CHECK(header.period_start == date::from_ymd(2027, 1, 1));
      CHECK(header.period_end == date::from_ymd(2027, 12, 31));
      REQUIRE(header.period_field.has_value());
      CHECK(header.period_field->text == "booked_on");
      REQUIRE(header.rounding.size() == 4);
      CHECK(header.rounding[0].stage.text == "credit");
      CHECK(header.rounding[0].mode.text == "floor");
      CHECK(header.rounding[0].increment == decimal::from_fraction(1, 100));
      CHECK(header.rounding[0].largest_remainder);
      CHECK(header.rounding[1].stage.text == "commission");
      CHECK_FALSE(header.rounding[1].largest_remainder);
      CHECK(header.doc ==
            "Expansion Compensation FY2027. Attribution is decided when the deal is\n"
            "entered, payouts are staged booked -> activated -> retained, and early churn\n"
            "is clawed back.");
   }

   SECTION("records and fields")
   {
      const auto& deals = plan.records[0];
      CHECK(deals.kind == ast::record_kind::deals);
      REQUIRE(deals.fields.size() == 13);
      CHECK(deals.fields[0].name.text == "id");
      CHECK(deals.fields[0].key);
      CHECK(deals.fields[2].type == ast::field_type::enumeration);
      REQUIRE(deals.fields[2].enum_values.size() == 4);
      CHECK(deals.fields[2].enum_values[3].text == "addon");
      CHECK(deals.fields[3].optional);
      CHECK(deals.fields[4].name.text == "amount");
      CHECK(deals.fields[4].type == ast::field_type::money);
      CHECK(deals.fields[4].positive);
      CHECK(deals.fields[4].credited);
      CHECK_FALSE(deals.fields[4].key);
      REQUIRE(deals.fields[9].names_role.has_value());
      CHECK(deals.fields[9].names_role->text == "AE");
      CHECK(deals.doc == "One row per deal, as exported from the CRM.");
      const auto& people = plan.records[1];
      CHECK(people.kind == ast::record_kind::people);
      REQUIRE(people.fields.size() == 3);
      CHECK(people.fields[1].type == ast::field_type::role);
      CHECK(people.fields[1].key);
   }

   SECTION("documentation comments attach to the clause below them")
   {
      const auto& new_logo = plan.crediting_rules[0];
      CHECK(new_logo.name.text == "new_logo");
      CHECK(new_logo.doc == "New business: all credit to the AE.");
      // Plain "//" comments and clauses without "///" carry no documentation.
      CHECK(plan.definitions[1].name.text == "csm_led");
      CHECK(plan.definitions[1].doc.empty());
      CHECK(plan.roles[0].doc.empty());
      CHECK(plan.definitions[0].doc ==
            "An expansion, or an add-on that was not priced into the original contract,\n"
            "credited as an expansion with the same source and amount.");
   }

   SECTION("spans")
   {
      const auto& csm_mid = plan.crediting_rules[3];
      REQUIRE(csm_mid.name.text == "csm_mid");
      CHECK(csm_mid.name.span.file == "plans/expansion-fy2027.plan");
      CHECK(csm_mid.name.span.line == 71);
      CHECK(csm_mid.name.span.column == 8);
      CHECK(csm_mid.name.span.end_line == 71);
      CHECK(csm_mid.name.span.end_column == 15);
      CHECK(csm_mid.span.line == 71);
      CHECK(csm_mid.span.column == 1);
      // The condition `csm_led and 25_000 <= amount <= 100_000` covers columns 21 to 59.
      CHECK(csm_mid.when->span.line == 71);
      CHECK(csm_mid.when->span.column == 21);
      CHECK(csm_mid.when->span.end_column == 60);
      REQUIRE(csm_mid.shares.size() == 2);
      CHECK(csm_mid.shares[1].role.text == "CSM");
      CHECK(csm_mid.shares[1].role.span.column == 76);
      // A multi-line clause spans its lines.
      const auto& clawback = plan.clawbacks[0];
      CHECK(clawback.span.line == 132);
      CHECK(clawback.span.end_line == 135);
      CHECK(clawback.on->span.line == 134);
      CHECK(clawback.on->span.column == 7);
      // `recovers everything paid`: no share, no tranches.
      CHECK_FALSE(clawback.share);
      CHECK(clawback.tranches.empty());
   }

   SECTION("literals")
   {
      // csm_small: `csm_led and amount < 25_000`, shares AE 70%, CSM 30%.
      const auto& csm_small = plan.crediting_rules[2];
      CHECK(show(*csm_small.when) == "(and csm_led (< amount 25000))");
      REQUIRE(csm_small.shares.size() == 2);
      CHECK(csm_small.shares[0].percent == decimal::from_fraction(7, 10));
      CHECK(csm_small.shares[1].percent == decimal::from_fraction(3, 10));
      CHECK(show(*plan.clawbacks[0].when) == "(<= churned_on (+ (call coalesce activated_on booked_on) 90d))");
      CHECK(show(*plan.schedules[0].tranches[2].on) == "(+ activated_on 120d)");
      CHECK_FALSE(plan.schedules[0].tranches[2].share);
      CHECK(show(*plan.schedules[0].tranches[0].share) == "0.3");
      CHECK(show(*plan.fees[0].pays) == "(of 0.05 amount)");
   }

   SECTION("clause parts")
   {
      const auto& tiers = plan.tier_tables[0];
      CHECK(tiers.mode == ast::tier_mode::graduated);
      CHECK(tiers.quantity.text == "attainment");
      REQUIRE(tiers.bands.size() == 2);
      CHECK(show(*tiers.bands[0].when) == "(range 0 <= attainment <= quota)");
      CHECK(show(*tiers.bands[1].when) == "(> attainment quota)");
      CHECK(show(*tiers.bands[1].pays) == "1.5");
      const auto& ae_new = plan.rates[0];
      CHECK(ae_new.name.text == "ae_new");
      CHECK(ae_new.role.text == "AE");
      REQUIRE(ae_new.tiers.has_value());
      CHECK(ae_new.tiers->text == "ae_accelerator");
      CHECK(ae_new.schedule.text == "milestones");
      CHECK_FALSE(plan.rates[2].tiers.has_value());
      CHECK(plan.schedules[1].name.text == "upfront");
      REQUIRE(plan.schedules[1].until);
      CHECK(show(*plan.schedules[1].until) == "churned_on");
      const auto& attainment = plan.cumulatives[0];
      CHECK(attainment.role.text == "AE");
      CHECK(attainment.quantity.text == "credit");
      REQUIRE(attainment.order.size() == 2);
      CHECK(attainment.order[1].text == "id");
      CHECK(show(*plan.quotas[0].value) == "people.quota");
      CHECK(show(*plan.definitions[0].value) == "(or (= kind expansion) (and (= kind addon) (not bundled)))");
   }

   SECTION("expression ids are dense and unique")
   {
      std::vector<int> seen(plan.expression_count, 0);
      std::size_t visited = 0;
      const auto mark = [&](const ast::expression& root, auto& self) -> void {
         REQUIRE(root.id < plan.expression_count);
         ++seen[root.id];
         ++visited;
         ast::for_each_child(root, [&](const ast::expression& child) { self(child, self); });
      };
      for (const auto& definition : plan.definitions) mark(*definition.value, mark);
      for (const auto& rule : plan.crediting_rules) mark(*rule.when, mark);
      for (const auto& rate : plan.rates) {
         mark(*rate.when, mark);
         mark(*rate.pays, mark);
      }
      CHECK(visited > 50);
      CHECK(std::all_of(seen.begin(), seen.end(), [](int count) { return count <= 1; }));
   }
}

TEST_CASE("literals parse to exact values", "[grammar]")
{
   CHECK(shape("25_000") == "25000");
   CHECK(shape("1_000_000.50") == "1000000.5");
   CHECK(shape("70%") == "0.7");
   CHECK(shape("12.5%") == "0.125");
   CHECK(shape("90 days") == "90d");
   CHECK(shape("1 day") == "1d");
   CHECK(shape("2027-02-28") == "2027-02-28");
   CHECK(shape("2028-02-29") == "2028-02-29");
   CHECK(shape("\"a \\\"quoted\\\" word\"") == "\"a \"quoted\" word\"");
   CHECK(shape("true") == "true");
   CHECK(shape("false") == "false");

   const auto result = parse_plan("x = 70%\ny = 2027-03-01\nz = 90 days\n", "t.plan");
   REQUIRE(result.plan.has_value());
   const auto& percent = std::get<ast::literal>(result.plan->definitions[0].value->node);
   CHECK(percent.kind == ast::literal_kind::percent);
   CHECK(std::get<decimal>(percent.constant) == decimal::from_fraction(7, 10));
   const auto& day = std::get<ast::literal>(result.plan->definitions[1].value->node);
   CHECK(day.kind == ast::literal_kind::date);
   CHECK(std::get<date>(day.constant) == *date::from_ymd(2027, 3, 1));
   const auto& days = std::get<ast::literal>(result.plan->definitions[2].value->node);
   CHECK(days.kind == ast::literal_kind::days);
   CHECK(std::get<day_count>(days.constant).days == 90);
}

TEST_CASE("operators bind by the precedence table", "[grammar]")
{
   CHECK(shape("a or b and c") == "(or a (and b c))");
   CHECK(shape("a and b or c") == "(or (and a b) c)");
   CHECK(shape("a or b or c") == "(or (or a b) c)");
   CHECK(shape("1 + 2 * 3") == "(+ 1 (* 2 3))");
   CHECK(shape("(1 + 2) * 3") == "(* (+ 1 2) 3)");
   CHECK(shape("1 - 2 - 3") == "(- (- 1 2) 3)");
   CHECK(shape("8 / 4 / 2") == "(/ (/ 8 4) 2)");
   CHECK(shape("- x * y") == "(* (neg x) y)");
   CHECK(shape("- - x") == "(neg (neg x))");
   CHECK(shape("not kind = renewal") == "(not (= kind renewal))");
   CHECK(shape("not not a") == "(not (not a))");
   CHECK(shape("5% of amount * 2") == "(* (of 0.05 amount) 2)");
   CHECK(shape("a + b < c * d") == "(< (+ a b) (* c d))");
   CHECK(shape("if a then 1 else 2 + 3") == "(if a 1 (+ 2 3))");
   CHECK(shape("(if a then 1 else 2) + 3") == "(+ (if a 1 2) 3)");
   CHECK(shape("max(a, b + 1, min(c))") == "(call max a (+ b 1) (call min c))");
   CHECK(shape("f()") == "(call f)");
   CHECK(shape("a != b") == "(!= a b)");
   CHECK(shape("a >= b") == "(>= a b)");
   // "oracle" and "order" start with keywords but are names.
   CHECK(shape("oracle or order") == "(or oracle order)");
}

TEST_CASE("ranges keep each end's operator and memberships their members", "[grammar]")
{
   CHECK(shape("25_000 <= amount <= 100_000") == "(range 25000 <= amount <= 100000)");
   CHECK(shape("0 < attainment <= quota") == "(range 0 < attainment <= quota)");
   CHECK(shape("0 <= x < 1") == "(range 0 <= x < 1)");
   CHECK(shape("0 < x < 1") == "(range 0 < x < 1)");
   CHECK(shape("a and 1 < x < 2") == "(and a (range 1 < x < 2))");

   const auto result = parse_plan("x = 0 < attainment <= quota\n", "t.plan");
   REQUIRE(result.plan.has_value());
   const auto& range = std::get<ast::range>(result.plan->definitions[0].value->node);
   CHECK(range.low_op == ast::binary_op::less);
   CHECK(range.high_op == ast::binary_op::less_equal);

   CHECK(shape("kind in {expansion, addon}") == "(in kind expansion addon)");
   CHECK(shape("kind in {new}") == "(in kind new)");
   CHECK(shape("not kind in { a ,b,  c }") == "(not (in kind a b c))");
   const auto membership = parse_plan("x = kind in {expansion,\n   addon}\n", "t.plan");
   REQUIRE(membership.plan.has_value());
   const auto& node = std::get<ast::membership>(membership.plan->definitions[0].value->node);
   REQUIRE(node.members.size() == 2);
   CHECK(node.members[1].text == "addon");
   CHECK(node.members[1].span.line == 2);
   CHECK(node.members[1].span.column == 4);
}

TEST_CASE("expressions nest up to the limit and no further", "[grammar]")
{
   REQUIRE(max_expression_depth == 64);
   SECTION("64 parentheses parse")
   {
      const auto result = parse_plan("x = " + repeated("(", 64) + "amount" + repeated(")", 64) + "\n", "t.plan");
      REQUIRE(result.diagnostics.empty());
      CHECK(shape(repeated("(", 64) + "amount" + repeated(")", 64)) == "amount");
   }
   SECTION("64 levels of mixed nesting parse")
   {
      CHECK(parse_plan("x = " + repeated("not ", 32) + repeated("- ", 32) + "a\n", "t.plan").plan.has_value());
      CHECK(parse_plan("x = " + repeated("f(", 64) + "a" + repeated(")", 64) + "\n", "t.plan").plan.has_value());
   }
   SECTION("the 65th level is P011")
   {
      CHECK(parse_error("x = " + repeated("(", 65) + "amount" + repeated(")", 65) + "\n") ==
            "1:70: P011 expressions nest more than 64 levels deep here; name the inner parts as definitions");
      CHECK(parse_error("x = " + repeated("not ", 65) + "a\n").starts_with("1:265: P011 "));
   }
   SECTION("100,000 levels are P011, not a crash")
   {
      for (const std::string_view piece : {"(", "not ", "- ", "f(", "if "}) {
         INFO("piece: " << piece);
         const auto text = "x = " + repeated(piece, 100'000) + "a\n";
         const auto error = parse_error(text);
         CHECK(error.find(" P011 ") != std::string::npos);
      }
   }
}

TEST_CASE("a long flat chain of operators is bounded by the tree's height", "[grammar]")
{
   // Each operator of a left-to-right chain adds a level to the tree that every pass walks.
   REQUIRE(max_expression_height == 500);
   const auto result = parse_plan("x = " + repeated("amount + ", 499) + "1\n", "t.plan");
   REQUIRE(result.diagnostics.empty());
   REQUIRE(result.plan.has_value());
   const auto& value = *result.plan->definitions[0].value;
   CHECK(value.height == 500);
   const auto& top = std::get<ast::binary>(value.node);
   CHECK(top.op == ast::binary_op::add);
   CHECK(show(*top.right) == "1");
   CHECK(result.plan->expression_count == 999);

   CHECK(parse_error("x = " + repeated("amount + ", 500) + "1\n") ==
         "1:5: P011 this expression is more than 500 operations deep; name parts of it as definitions");
   CHECK(parse_error("x = " + repeated("true and ", 20'000) + "true\n").starts_with("1:5: P011 "));
}

TEST_CASE("a clawback recovers everything, a share, named tranches, or a share of them", "[grammar][clawback]")
{
   const auto parse = [](const std::string& recovery) {
      auto result = parse_plan("clawback k when churned_on <= booked_on + 90 days on churned_on recovers " + recovery +
                                  "\nx = 1\n",
                               "t.plan");
      INFO("recovers " << recovery);
      REQUIRE(result.diagnostics.empty());
      REQUIRE(result.plan->clawbacks.size() == 1);
      // The clause ends where the recovery does: the definition after it is a clause of its own.
      REQUIRE(result.plan->definitions.size() == 1);
      return std::move(result.plan->clawbacks.front());
   };
   const auto names = [](const ast::clawback_rule& rule) {
      std::vector<std::string> texts;
      for (const auto& tranche : rule.tranches) texts.push_back(tranche.text);
      return texts;
   };

   const auto everything = parse("everything paid");
   CHECK_FALSE(everything.share);
   CHECK(everything.tranches.empty());
   CHECK(everything.span.end_column == 89);

   const auto half = parse("50% of everything paid");
   REQUIRE(half.share);
   CHECK(show(*half.share) == "0.5");
   CHECK(half.share->span.column == 74);
   CHECK(half.share->span.end_column == 77);
   CHECK(half.tranches.empty());

   const auto named = parse("tranches booked, activated");
   CHECK_FALSE(named.share);
   CHECK(names(named) == std::vector<std::string>{"booked", "activated"});
   CHECK(named.tranches[1].span.column == 91);
   CHECK(named.tranches[1].span.end_column == 100);

   const auto both = parse("50% of tranches activated , retained");
   REQUIRE(both.share);
   CHECK(show(*both.share) == "0.5");
   CHECK(names(both) == std::vector<std::string>{"activated", "retained"});

   // Any unary expression is a share: a name, a call, a negation, or anything in parentheses.
   CHECK(show(*parse("recovery_share of everything paid").share) == "recovery_share");
   CHECK(show(*parse("min(recovery_share, 50%) of tranches booked").share) == "(call min recovery_share 0.5)");
   CHECK(show(*parse("(if kind = new then 100% else 25%) of everything paid").share) ==
         "(if (= kind new) 1 0.25)");
   // Only the whole words are keywords: these are names.
   CHECK(show(*parse("everything_share of tranches booked").share) == "everything_share");
   CHECK(show(*parse("tranches_share of everything paid").share) == "tranches_share");
}

TEST_CASE("malformed plans give one parse error with its place", "[grammar]")
{
   struct malformed {
      std::string text;
      std::string error;  // line:column: CODE message
   };
   const std::vector<malformed> cases = {
      {"credits x when true shares AE 100%\n",
       "1:1: P001 expected a clause (plan, role, deals, people, exclude, credit, cumulative, quota, tiers, "
       "schedule, rate, fee, clawback, example) or a definition 'name = expression', found 'credits'"},
      {"x = 1 2\n",
       "1:7: P001 expected a clause (plan, role, deals, people, exclude, credit, cumulative, quota, tiers, "
       "schedule, rate, fee, clawback, example) or a definition 'name = expression', found '2'"},
      {"role \"Account Executive\"\n", "1:6: P002 expected the role's short name after 'role', found '\"Account Executive\"'"},
      {"x = people.\n", "1:12: P002 expected a field name after '.', found the end of the line"},
      {"x = kind in {}\n", "1:14: P002 expected an enumeration value after '{', found '}'"},
      {"plan \"x\" { currency }\n", "1:21: P002 expected a currency code such as USD after 'currency', found '}'"},
      {"cumulative a for AE sums credit ordered by",
       "1:43: P002 expected a deal field to order by after 'by', found the end of the file"},
      {"credit c if true shares AE 100%\n", "1:10: P003 expected 'when' and a condition after 'c', found 'if'"},
      {"x = if a then b\n",
       "2:1: P003 expected 'else' after 'b': an 'if' always says what happens otherwise, found the end of the file"},
      {"tiers t sliding over credit { }\n",
       "1:9: P003 expected 'graduated' or 'retroactive' after the tier table's name, found 'sliding'"},
      {"rate r for AE when true pays 10% paid milestones\n",
       "1:39: P003 expected 'by' after 'paid', found 'milestones'"},
      {"plan \"x\" { rounding { credit floor 0.01 } }\n",
       "1:36: P003 expected 'to' and an increment after 'floor', found '0.01'"},
      {"clawback k when true on booked_on\n", "2:1: P003 expected 'recovers' and what the clawback recovers after "
                                                "the date, found the end of the file"},
      {"clawback k when true on booked_on recovers\n",
       "2:1: P003 expected a percentage, 'everything paid' or 'tranches' and their names after 'recovers', found "
       "the end of the file"},
      // A word there is taken for the share, so the error asks for 'of' after it.
      {"clawback k when true on booked_on recovers all paid\n",
       "1:48: P003 expected 'of' after the share 'all', as in 'recovers 50% of everything paid' (a share with "
       "operators is written in parentheses), found 'paid'"},
      {"clawback k when true on booked_on recovers everything\n",
       "2:1: P003 expected 'paid' after 'everything', found the end of the file"},
      {"clawback k when true on booked_on recovers 50% everything paid\n",
       "1:48: P003 expected 'of' after the share '50%', as in 'recovers 50% of everything paid' (a share with "
       "operators is written in parentheses), found 'everything'"},
      {"clawback k when true on booked_on recovers 2 * x of everything paid\n",
       "1:46: P003 expected 'of' after the share '2', as in 'recovers 50% of everything paid' (a share with "
       "operators is written in parentheses), found '*'"},
      {"clawback k when true on booked_on recovers 50% of all paid\n",
       "1:51: P003 expected 'everything paid' or 'tranches' and their names after 'of', found 'all'"},
      {"clawback k when true on booked_on recovers tranches booked,\n",
       "2:1: P002 expected the name of a tranche after ',', found the end of the file"},
      {"clawback k when true on booked_on recovers tranches 50%\n",
       "1:53: P002 expected the name of a tranche after 'tranches', found '50%'"},
      {"credit c when true shares AE 70, CSM 30%\n", "1:30: P004 expected a percentage after 'AE', found '70'"},
      {"role AE Account\n", "1:9: P004 expected the role's display name in double quotes after 'AE', found 'Account'"},
      {"role AE \"Account\nrole CSM \"CSM\"\n",
       "1:17: P004 unterminated text: expected a closing '\"' on the same line, found the end of the line"},
      // Line breaks are white space inside an expression, so the error is at the end of the file.
      {"x = a +\n", "2:1: P005 expected an expression after '+', found the end of the file"},
      {"x = a +", "1:8: P005 expected an expression after '+', found the end of the file"},
      {"x = a and\n", "2:1: P005 expected a condition after 'and', found the end of the file"},
      {"x = f(a,)\n", "1:9: P005 expected an argument after ',', found ')'"},
      {"schedule s { tranche a on booked_on pays }\n",
       "1:42: P005 expected the tranche's share, such as 30%, or 'remainder' after 'pays', found '}'"},
      {"x = \xC3\xA9\n", "1:5: P005 expected an expression after '=', found the byte 0xC3"},
      {"x = (amount\n", "2:1: P006 expected ')' after 'amount', found the end of the file"},
      {"role AE \"AE\"\n\nx = (a\n  + b\n", "5:1: P006 expected ')' after 'b', found the end of the file"},
      {"x = kind in {a b}\n", "1:16: P006 expected ',' or '}' after 'a', found 'b'"},
      {"deals { id text, primary }\n",
       "1:18: P007 expected a field attribute (key, positive, credited, names ROLE) after ',', found 'primary'"},
      {"deals {\n   amount optional\n}\n",
       "3:1: P007 expected a type (text, number, money, percent, date, boolean, role, one of {...}) after "
       "'optional', found '}'"},
      {"x = 2027-02-30\n", "1:5: P008 2027-02-30 is not a calendar date"},
      {"x = 2027-13-01\n", "1:5: P008 2027-13-01 is not a calendar date"},
      {"plan \"x\" { period 2027-04-31 through 2027-12-31 by d }\n", "1:19: P008 2027-04-31 is not a calendar date"},
      {"x = 120.5 days\n", "1:5: P008 a duration is a whole number of days, found 120.5 days"},
      {"x = 3000001 days\n", "1:5: P008 the duration 3000001 days is longer than any calendar allows"},
      {"x = 5 > a < 3\n",
       "1:5: P009 a range is written low < x <= high, with '<' or '<=' on both sides; found '>' before '<'"},
      {"x = 100_000 >= amount <= 25_000\n",
       "1:5: P009 a range is written low < x <= high, with '<' or '<=' on both sides; found '>=' before '<='"},
      {"plan \"a\" {}\n\nplan \"b\" {}\n", "3:6: P010 a plan has one 'plan' header; the first is at line 1"},
   };
   for (const auto& c : cases) {
      INFO("input: " << c.text);
      CHECK(parse_error(c.text) == c.error);
   }
}

TEST_CASE("a range whose second operator is '>' ends the comparison before it", "[grammar]")
{
   // In a clause the clause's own error follows; at plan level it is P001.
   CHECK(parse_error("credit c when 100_000 >= amount >= 25_000 shares AE 100%\n") ==
         "1:33: P003 expected 'shares' and the split after the condition, found '>='");
   CHECK(parse_error("x = 1 <= a >= 3\n").starts_with("1:12: P001 "));
}

TEST_CASE("parse errors quote whole tokens, before the error and at it", "[grammar]")
{
   struct token_case {
      std::string text;
      std::string error;
   };
   const std::vector<token_case> cases{
      // Dates are not cut at their '-', before the error or at it.
      {"plan \"x\" { period 2027-01-01 2027-12-31 by d }\n",
       "1:30: P003 expected 'through' and the last day of the period after '2027-01-01', found '2027-12-31'"},
      {"x = (a-2027-01-01 b)\n", "1:19: P006 expected ')' after '2027-01-01', found 'b'"},
      {"role AE 2027-01-01\n",
       "1:9: P004 expected the role's display name in double quotes after 'AE', found '2027-01-01'"},
      // A '-' between a name and a number is an operator: the token before is the number alone.
      {"x = (a-1 b)\n", "1:10: P006 expected ')' after '1', found 'b'"},
      // Numbers keep their '_' groups, decimals and '%'; letters run on from a number stay with it.
      {"x = (1_000.50\n", "2:1: P006 expected ')' after '1_000.50', found the end of the file"},
      {"x = (12.5% b)\n", "1:12: P006 expected ')' after '12.5%', found 'b'"},
      {"role AE 1_000.50%\n",
       "1:9: P004 expected the role's display name in double quotes after 'AE', found '1_000.50%'"},
      {"role AE 10k\n", "1:9: P004 expected the role's display name in double quotes after 'AE', found '10k'"},
      {"x = (1e5)\n", "1:6: P005 expected an expression after '(', found '1e5'"},
      // A name is letters, digits and '_' (a member is one token); a '-' ends it.
      {"role AE foo-bar\n", "1:9: P004 expected the role's display name in double quotes after 'AE', found 'foo'"},
      {"role AE deal.amount\n",
       "1:9: P004 expected the role's display name in double quotes after 'AE', found 'deal.amount'"},
      {"x = (deal.amount b)\n", "1:18: P006 expected ')' after 'deal.amount', found 'b'"},
      // Text is quoted whole, up to 40 characters.
      {"x = (\"short text\" b)\n", "1:19: P006 expected ')' after '\"short text\"', found 'b'"},
      {"x = (a \"this is a long text that goes on and on beyond forty chars\")\n",
       "1:8: P006 expected ')' after 'a', found '\"this is a long text that goes on and on'"},
      // Comments are passed over to the token before them; "//" in text is not a comment.
      {"x = (a // a note, with (b)\n b)\n", "2:2: P006 expected ')' after 'a', found 'b'"},
      {"x = (a // one\n/// two\n\n b)\n", "4:2: P006 expected ')' after 'a', found 'b'"},
      {"x = (\"a // b\" c)\n", "1:15: P006 expected ')' after '\"a // b\"', found 'c'"},
      // Two-character operators are quoted whole.
      {"x = (a <= )\n", "1:11: P005 expected an expression after '<=', found ')'"},
      {"x = a !=\n", "2:1: P005 expected an expression after '!=', found the end of the file"},
      {"x = (a>=)\n", "1:9: P005 expected an expression after '>=', found ')'"},
      {"role AE >= \"x\"\n", "1:9: P004 expected the role's display name in double quotes after 'AE', found '>='"},
      {"role AE <= \"x\"\n", "1:9: P004 expected the role's display name in double quotes after 'AE', found '<='"},
      {"role AE != \"x\"\n", "1:9: P004 expected the role's display name in double quotes after 'AE', found '!='"},
      {"credit c when amount >= 10 >= 5 shares AE 100%\n",
       "1:28: P003 expected 'shares' and the split after the condition, found '>='"},
   };
   for (const auto& c : cases) {
      INFO("input: " << c.text);
      CHECK(parse_error(c.text) == c.error);
   }

   SECTION("the carets cover a two-character operator")
   {
      const auto result = parse_plan("x = 1 <= a >= 3\n", "t.plan");
      REQUIRE(result.diagnostics.size() == 1);
      const auto& span = result.diagnostics.items().front().span;
      CHECK(span.column == 12);
      CHECK(span.end_column == 14);
   }
}

TEST_CASE("'==' is P014 at the '==', in a comparison and in a definition", "[grammar]")
{
   const std::string compare = "P014 expected a single '=' to compare two values, as in 'amount = 100' (a plan has "
                               "no '=='), found '=='";
   CHECK(parse_error("x = 1 == 2\n") == "1:7: " + compare);
   CHECK(parse_error("credit c when amount == 10 shares AE 100%\n") == "1:22: " + compare);
   CHECK(parse_error("x = if a == 1 then 2 else 3\n") == "1:10: " + compare);
   CHECK(parse_error("x = (a==b)\n") == "1:7: " + compare);
   CHECK(parse_error("x == 1\n") == "1:3: P014 expected a single '=' after the definition's name, as in 'name = "
                                       "expression' (a plan has no '=='), found '=='");
   // One '=' still compares, and '<=', '>=' and '!=' are untouched.
   for (const auto* fine : {"x = 1 = 2\n", "x = a <= b\n", "x = a >= b\n", "x = a != b\n", "x=a=b\n"}) {
      INFO(fine);
      CHECK(parse_plan(fine, "t.plan").diagnostics.empty());
   }
}

TEST_CASE("an equality after a whole comparison is P015: comparisons do not chain", "[grammar]")
{
   const std::string chained = "P015 expected the end of the comparison after '{}': comparisons do not chain, join "
                               "them with 'and', as in 'a = b and b = c', found '{}'";
   const auto message = [&](const char* before, const char* found) {
      auto text = chained;
      text.replace(text.find("{}"), 2, before);
      text.replace(text.find("{}"), 2, found);
      return text;
   };
   CHECK(parse_error("x = 1 = 2 = 3\n") == "1:11: " + message("2", "="));
   CHECK(parse_error("x = a != b = c\n") == "1:12: " + message("b", "="));
   CHECK(parse_error("x = 1 = 2 == 3\n") == "1:11: " + message("2", "=="));
   CHECK(parse_error("x = 1 < a <= 3 != x\n") == "1:16: " + message("3", "!="));
   CHECK(parse_error("credit c when amount = 1 = 2 shares AE 100%\n") == "1:26: " + message("1", "="));
   // One comparison is fine, and so is a definition on the next line.
   CHECK(parse_plan("x = 1 = 2\ny = a != b\nz = 1 < a <= 3\n", "t.plan").diagnostics.empty());
}

TEST_CASE("parse errors point with a span as wide as the token found", "[grammar]")
{
   const auto result = parse_plan("credit c if true shares AE 100%\n", "t.plan");
   REQUIRE(result.diagnostics.size() == 1);
   const auto& span = result.diagnostics.items().front().span;
   CHECK(span.line == 1);
   CHECK(span.column == 10);
   CHECK(span.end_line == 1);
   CHECK(span.end_column == 12);
   CHECK_FALSE(result.plan.has_value());
}

TEST_CASE("an empty plan and a plan of comments parse to nothing", "[grammar]")
{
   for (const std::string text : {"", "\n", "// nothing\n", "/// a doc line with no clause\n", "\xEF\xBB\xBF"}) {
      const auto result = parse_plan(text, "t.plan");
      INFO("input: " << text);
      REQUIRE(result.plan.has_value());
      CHECK(result.plan->clauses.empty());
      CHECK(result.diagnostics.empty());
   }
}

// Tests for the checker: what it records about the reference plan, and its type and schema rules.
#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "tests/support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace compplan;

namespace {

check_result check_text(const std::string& text)
{
   auto parsed = parse_plan(text, "t.plan");
   std::string errors;
   for (const auto& d : parsed.diagnostics) {
      errors += d.code + " " + d.message + "\n";
   }
   INFO(text << "\ndoes not parse:\n" << errors);
   REQUIRE(parsed.plan.has_value());
   return check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan)));
}

// The codes of a check's diagnostics in order of place, space-separated; "" when clean.
std::string codes(const check_result& result)
{
   std::string text;
   for (const auto& d : result.diagnostics) {
      text += (text.empty() ? "" : " ") + d.code;
   }
   return text;
}

// A resolved name as "kind index", for comparisons that print well.
std::string resolved(const std::optional<symbol>& found)
{
   if (!found) {
      return "unresolved";
   }
   static const char* const kinds[] = {"deal_field", "definition", "enum_value", "people_field",
                                       "credit",     "cumulative", "quota"};
   return std::string(kinds[static_cast<int>(found->kind)]) + " " + std::to_string(found->index);
}

std::string all_messages(const check_result& result)
{
   std::string text;
   for (const auto& d : result.diagnostics) {
      text += d.code + " " + std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + " " + d.message + "\n";
   }
   return text;
}

// A small valid plan; a test appends the clauses it is about.
const std::string preamble = test_support::plan_header("t") + R"(role AE "Account Executive"
deals {
   id           text, key
   kind         one of {new, renewal, expansion}
   amount       money, positive, credited
   discount     percent
   seats        number
   region       text
   bundled      boolean
   booked_on    date
   activated_on optional date
   ae           text, names AE
}
schedule upfront { tranche booked on booked_on pays 100% }
)";

// A header with the given body, and a minimal deals record.
std::string with_header(const std::string& header_body)
{
   return "plan \"t\" {\n" + header_body + "\n}\ndeals {\n   id text, key\n   booked_on date\n}\n";
}

const std::string full_rounding =
   "   rounding { credit floor to 0.01  commission half_up to 0.01  tranche half_up to 0.01  fee half_up to 0.01 }";
const std::string usd_2027 = "   currency USD\n   period 2027-01-01 through 2027-12-31 by booked_on\n";

struct rule_case {
   std::string text;   // appended to the preamble
   std::string codes;  // expected diagnostic codes, "" for clean
};

void check_rules(const std::string& prefix, const std::vector<rule_case>& cases)
{
   for (const auto& c : cases) {
      const auto result = check_text(prefix + c.text + "\n");
      INFO("plan tail: " << c.text);
      INFO("diagnostics:\n" << all_messages(result));
      CHECK(codes(result) == c.codes);
      // A plan with errors yields no checked plan; a clean one always does.
      CHECK((result.plan != nullptr) == c.codes.empty());
   }
}

}  // namespace

TEST_CASE("the preamble of the rule tables checks clean", "[check]")
{
   const auto result = check_text(preamble);
   INFO(all_messages(result));
   CHECK(result.diagnostics.empty());
   CHECK(result.plan != nullptr);
}

TEST_CASE("the reference plan checks clean and its links resolve", "[check]")
{
   auto parsed = parse_plan(test_support::reference_plan_text(), "plans/expansion-fy2027.plan");
   REQUIRE(parsed.plan.has_value());
   const auto result = check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan)));
   INFO(all_messages(result));
   REQUIRE(result.diagnostics.empty());
   REQUIRE(result.plan != nullptr);
   const auto& plan = *result.plan;

   SECTION("deal schema")
   {
      REQUIRE(plan.deals.fields.size() == 13);
      CHECK(plan.deal_key == 0);        // id
      CHECK(plan.credited_field == 4);  // amount
      CHECK(plan.period_field == 6);    // booked_on
      CHECK(plan.deals.find("booked_on") == 6);
      CHECK(plan.deals.find("nothing") == -1);
      CHECK(plan.deals.fields[4].type == value_type{type_kind::money});
      CHECK(plan.deals.fields[7].type == value_type{type_kind::date, true});  // activated_on is optional
      CHECK(plan.deals.fields[2].type.kind == type_kind::enumeration);
      const auto kind_values = plan.enumerations[static_cast<std::size_t>(plan.deals.fields[2].type.enumeration)].values;
      CHECK(kind_values == std::vector<std::string>{"new", "renewal", "expansion", "addon"});
      CHECK(plan.people_person == 0);
      CHECK(plan.people_role == 1);
      CHECK(plan.people.fields[2].type == value_type{type_kind::money, true});
   }

   SECTION("header")
   {
      CHECK(plan.currency_places == 2);
      CHECK(plan.period_start == *date::from_ymd(2027, 1, 1));
      CHECK(plan.period_end == *date::from_ymd(2027, 12, 31));
      const auto cent = decimal::from_fraction(1, 100);
      CHECK(plan.credit_rounding.mode == rounding_mode::floor);
      CHECK(plan.credit_rounding.increment == cent);
      CHECK(plan.credit_rounding.largest_remainder);
      for (const auto* policy : {&plan.commission_rounding, &plan.tranche_rounding, &plan.fee_rounding}) {
         CHECK(policy->mode == rounding_mode::half_up);
         CHECK(policy->increment == cent);
         CHECK_FALSE(policy->largest_remainder);
      }
   }

   SECTION("roles")
   {
      REQUIRE(plan.role_index("AE") == 0);
      CHECK(plan.role_index("CSM") == 1);
      CHECK(plan.role_index("PARTNER") == 2);
      CHECK(plan.role_index("SE") == -1);
      CHECK(plan.role_name(1) == "CSM");
      CHECK(plan.role_person_field == std::vector<int>{9, 10, 11});  // ae, csm, partner
      CHECK(plan.role_quota == std::vector<int>{0, -1, -1});
   }

   SECTION("definitions are ordered by dependency")
   {
      REQUIRE(plan.definition_order.size() == 2);
      const auto position = [&](int index) {
         return std::find(plan.definition_order.begin(), plan.definition_order.end(), index) - plan.definition_order.begin();
      };
      CHECK(plan.plan().definitions[0].name.text == "expansion_like");
      CHECK(plan.plan().definitions[1].name.text == "csm_led");
      CHECK(position(0) < position(1));
      CHECK(plan.types[plan.plan().definitions[1].value->id] == value_type{type_kind::boolean});
   }

   SECTION("crediting rules")
   {
      const auto& rules = plan.plan().crediting_rules;
      REQUIRE(plan.share_roles.size() == rules.size());
      CHECK(rules[3].name.text == "csm_mid");
      CHECK(plan.share_roles[3] == std::vector<int>{0, 1});  // AE 60%, CSM 40%
      CHECK(plan.share_roles[1] == std::vector<int>{1});     // renewal: CSM 100%
   }

   SECTION("cumulative and quota")
   {
      CHECK(plan.cumulative_role == std::vector<int>{0});
      REQUIRE(plan.cumulative_order.size() == 1);
      CHECK(plan.cumulative_order[0] == std::vector<int>{6, 0});  // booked_on, id
   }

   SECTION("rates, fees and schedules")
   {
      const auto& rates = plan.plan().rates;
      REQUIRE(rates.size() == 4);
      CHECK(rates[0].name.text == "ae_new");
      CHECK(plan.rate_role == std::vector<int>{0, 0, 1, 1});
      CHECK(plan.rate_tiers == std::vector<int>{0, 0, -1, -1});
      CHECK(plan.plan().schedules[0].name.text == "milestones");
      CHECK(plan.rate_schedule == std::vector<int>{0, 0, 1, 0});  // milestones, milestones, upfront, milestones
      CHECK(plan.fee_role == std::vector<int>{2});
      CHECK(plan.fee_schedule == std::vector<int>{1});
      CHECK(plan.types[plan.plan().fees[0].pays->id] == value_type{type_kind::money});
      CHECK(plan.types[rates[0].pays->id] == value_type{type_kind::percent});
   }

   SECTION("the accelerator's bands and their ends")
   {
      REQUIRE(plan.tiers.size() == 1);
      const auto& tiers = plan.tiers[0];
      CHECK(tiers.quantity.kind == symbol_kind::cumulative);
      CHECK(tiers.quantity.index == 0);
      REQUIRE(tiers.bands.size() == 2);
      const auto& bands = plan.plan().tier_tables[0].bands;
      // base: 0 <= attainment <= quota
      const auto& base = tiers.bands[0];
      REQUIRE(base.low != nullptr);
      REQUIRE(base.high != nullptr);
      CHECK(base.low_inclusive);
      CHECK(base.high_inclusive);
      CHECK(std::get<ast::literal>(base.low->node).constant == value{decimal::from_int(0)});
      CHECK(std::get<ast::name_ref>(base.high->node).name == "quota");
      CHECK(resolved(plan.symbols[base.high->id]) == "quota -1");
      // accelerated: attainment > quota, that is quota < attainment, open above
      const auto& accelerated = tiers.bands[1];
      REQUIRE(accelerated.low != nullptr);
      CHECK(accelerated.low == std::get<ast::binary>(bands[1].when->node).right.get());
      CHECK_FALSE(accelerated.low_inclusive);
      CHECK(accelerated.high == nullptr);
      // The band's condition names the cumulative quantity.
      const auto& range = std::get<ast::range>(bands[0].when->node);
      REQUIRE(plan.symbols[range.subject->id].has_value());
      CHECK(plan.symbols[range.subject->id]->kind == symbol_kind::cumulative);
   }

   SECTION("names resolve to what they stand for")
   {
      // expansion_like = kind = expansion or (...): `expansion` is the enumeration's third value.
      const auto& definition = std::get<ast::binary>(plan.plan().definitions[0].value->node);
      const auto& left = std::get<ast::binary>(definition.left->node);
      CHECK(resolved(plan.symbols[left.left->id]) == "deal_field 2");
      CHECK(resolved(plan.symbols[left.right->id]) == "enum_value 2");
      // csm_led = expansion_like and ...: a definition.
      const auto& csm_led = std::get<ast::binary>(plan.plan().definitions[1].value->node);
      CHECK(resolved(plan.symbols[csm_led.left->id]) == "definition 0");
      // quota for AE is people.quota
      CHECK(resolved(plan.symbols[plan.plan().quotas[0].value->id]) == "people_field 2");
      // clawback: coalesce(activated_on, booked_on) is a function call.
      const auto& clawback = std::get<ast::binary>(plan.plan().clawbacks[0].when->node);
      const auto& sum = std::get<ast::binary>(clawback.right->node);
      REQUIRE(plan.functions[sum.left->id] != nullptr);
      CHECK(plan.functions[sum.left->id]->name == "coalesce");
      CHECK(plan.types[sum.left->id] == value_type{type_kind::date});
   }
}

TEST_CASE("definitions are ordered by dependency, not by position", "[check]")
{
   const auto result = check_text(preamble + "c = b and a\nb = a\na = amount > 5\nd = seats + 1\n");
   INFO(all_messages(result));
   REQUIRE(result.plan != nullptr);
   const auto& order = result.plan->definition_order;
   REQUIRE(order.size() == 4);
   const auto position = [&](int index) { return std::find(order.begin(), order.end(), index) - order.begin(); };
   CHECK(position(2) < position(1));  // a before b
   CHECK(position(1) < position(0));  // b before c
   // A later definition's type reaches the earlier one that uses it.
   CHECK(result.plan->types[result.plan->plan().definitions[0].value->id] == value_type{type_kind::boolean});
   CHECK(result.plan->types[result.plan->plan().definitions[3].value->id] == value_type{type_kind::number});
}

TEST_CASE("expression type rules", "[check]")
{
   check_rules(preamble, {
      // arithmetic: number mixes with money and percent; money and percent never mix
      {"x = amount + 1", ""},
      {"x = amount - 2.5", ""},
      {"x = amount + discount", "C003"},
      {"x = amount * discount", ""},
      {"x = amount * 2", ""},
      {"x = amount * amount", "C003"},
      {"x = amount / amount", ""},
      {"x = amount / 4", ""},
      {"x = seats / amount", "C003"},
      {"x = discount of amount", ""},
      {"x = 5% of amount", ""},
      {"x = amount of amount", "C003"},
      {"x = region + 1", "C003"},
      {"x = bundled * 2", "C003"},
      // dates and days
      {"x = booked_on + 30 days", ""},
      {"x = 30 days + booked_on", ""},
      {"x = booked_on - 30 days", ""},
      {"x = booked_on - booked_on", ""},
      {"x = booked_on + booked_on", "C003"},
      {"x = 30 days - booked_on", "C003"},
      {"x = amount + booked_on", "C003"},
      {"x = booked_on + 30", "C003"},
      {"x = - 30 days", ""},
      {"x = - amount", ""},
      {"x = - booked_on", "C003"},
      // comparisons
      {"x = kind = new", ""},
      {"x = kind != renewal", ""},
      {"x = kind < new", "C003"},
      {"x = kind = 3", "C003"},
      {"x = kind = upsell", "C001"},
      {"x = bundled = true", ""},
      {"x = bundled < true", "C003"},
      {"x = region = \"EMEA\"", ""},
      {"x = region < \"M\"", ""},
      {"x = region = 5", "C003"},
      {"x = booked_on < 2027-06-01", ""},
      {"x = activated_on <= booked_on + 90 days", ""},
      {"x = amount > discount", "C003"},
      {"x = amount > 25_000", ""},
      {"x = 0 <= amount < 25_000", ""},
      {"x = 2027-01-01 <= booked_on <= 2027-06-30", ""},
      {"x = 2027-01-01 <= amount < 5", "C003"},
      // membership
      {"x = kind in {new, renewal}", ""},
      {"x = kind in {new, upsell}", "C007"},
      {"x = kind in {upsell, new, resale}", "C007 C007"},
      {"x = amount in {new}", "C003"},
      // logic
      {"x = bundled and amount > 5", ""},
      {"x = bundled and amount", "C004"},
      {"x = amount or bundled", "C004"},
      {"x = not amount", "C004"},
      {"x = not bundled", ""},
      {"x = if bundled then amount else 0", ""},
      {"x = if amount then 1 else 2", "C004"},
      {"x = if bundled then amount else discount", "C003"},
      {"x = if bundled then activated_on else booked_on", ""},
      // names
      {"x = amout", "C001"},
      {"x = credit", "C001"},
      {"x = quota", "C001"},
      {"x = people.quota", "C001"},
      {"x = deals.amount", "C001"},
      {"x = new", "C001"},
      // functions
      {"x = round(amount, 0.01)", ""},
      {"x = round(amount)", "C009"},
      {"x = round_up(amount, 0.01)", "C009"},
      {"x = coalesce(activated_on, booked_on)", ""},
      {"x = coalesce(activated_on, amount)", "C009"},
      {"x = add_days(booked_on, 30)", ""},
      {"x = add_days(amount, 30)", "C009"},
      {"x = max(amount, 1, 2)", ""},
      {"x = is_blank(activated_on)", ""},
      // an error inside is reported once, not again by the expressions around it
      {"x = (amout + 1) * 2 > 5 and bundled", "C001"},
   });
}

TEST_CASE("clause type rules", "[check]")
{
   check_rules(preamble, {
      {"exclude e when bundled because \"bundled\"", ""},
      {"exclude e when amount because \"amount\"", "C004"},
      {"credit c when amount > 0 shares AE 100%", ""},
      {"credit c when region shares AE 100%", "C004"},
      {"credit c when true shares SE 100%", "C005"},
      {"credit c when true shares AE 50%, AE 50%", "C013"},
      {"rate r for AE when true pays 10% paid by upfront", ""},
      {"rate r for AE when true pays 0.1 paid by upfront", ""},
      {"rate r for AE when true pays amount paid by upfront", "C003"},
      {"rate r for AE when amount pays 10% paid by upfront", "C004"},
      {"rate r for AE when true pays 10% paid by monthly", "C014"},
      {"rate r for AE when true pays 10% tiered by none paid by upfront", "C014"},
      {"rate r for SE when true pays 10% paid by upfront", "C005"},
      {"fee f for AE when true pays 5% of amount paid by upfront", ""},
      {"fee f for AE when true pays 100 paid by upfront", ""},
      {"fee f for AE when true pays 5% paid by upfront", "C003"},
      {"schedule s until activated_on { tranche a on booked_on pays 100% }", ""},
      {"schedule s until amount { tranche a on booked_on pays 100% }", "C003"},
      {"schedule s { tranche a on amount pays 100% }", "C003"},
      {"schedule s { tranche a on booked_on pays amount }", "C003"},
      {"schedule s { tranche a on booked_on pays remainder }", ""},
      {"schedule s { tranche a on booked_on pays 50%\n tranche a on activated_on pays remainder }", "C002"},
      {"schedule s { }", "C016"},
      {"clawback k when activated_on < booked_on on booked_on recovers everything paid", ""},
      {"clawback k when true on amount recovers everything paid", "C003"},
      // What a clawback recovers: a percentage of everything or of named tranches.
      {"clawback k when true on booked_on recovers 50% of everything paid", ""},
      {"clawback k when true on booked_on recovers 0% of everything paid", ""},
      {"clawback k when true on booked_on recovers 100% of tranches booked", ""},
      {"clawback k when true on booked_on recovers 0.5 of tranches booked", ""},
      {"clawback k when true on booked_on recovers discount of tranches booked", ""},
      {"clawback k when true on booked_on recovers (if bundled then 100% else discount) of everything paid", ""},
      {"clawback k when true on booked_on recovers amount of everything paid", "C003"},
      {"clawback k when true on booked_on recovers seats of everything paid", ""},
      {"clawback k when true on booked_on recovers 2027-01-01 of everything paid", "C003"},
      {"clawback k when true on booked_on recovers bundled of everything paid", "C003"},
      {"clawback k when true on booked_on recovers discont of everything paid", "C001"},
      {"clawback k when true on booked_on recovers 150% of everything paid", "C022"},
      {"clawback k when true on booked_on recovers 1.01 of everything paid", "C022"},
      // A negation is not a literal: it is judged on each deal (R011).
      {"clawback k when true on booked_on recovers -5% of everything paid", ""},
      {"clawback k when true on booked_on recovers tranches booked", ""},
      {"clawback k when true on booked_on recovers tranches bookd", "C001"},
      {"clawback k when true on booked_on recovers tranches booked, booked", "C022"},
      // Every problem of the clause at once, in the order of the text.
      {"clawback k when true on booked_on recovers amount of tranches retained, booked, booked", "C003 C001 C022"},
      {"clawback k when amount on amount recovers 200% of tranches none", "C004 C003 C022 C001"},
      {"cumulative att for AE sums credit ordered by booked_on, id", ""},
      {"cumulative att for AE sums credit ordered by activated_on", "C018"},
      {"cumulative att for AE sums credit ordered by bundled", "C018"},
      {"cumulative att for AE sums credit ordered by booked", "C006"},
      {"cumulative att for SE sums credit ordered by id", "C005"},
      {"quota for AE is 100_000", "C019"},
      {"tiers t graduated over credit { band a when credit < 1 pays 100% }", ""},
      {"tiers t graduated over credit { band a when credit < 1 pays amount }", "C003"},
      {"tiers t graduated over credit { band a when credit pays 100% }", "C004 C015"},
      {"tiers t graduated over credit { band a when amount < 1 pays 100% }", "C015"},
      {"tiers t graduated over credit { }", "C015"},
      {"tiers t graduated over credit { band a when credit < 1 pays 100%\n band a when credit >= 1 pays 150% }", "C002"},
      // Bands are not judged against a quantity that does not exist: one error, not two.
      {"tiers t graduated over seats { band a when credit < 1 pays 100% }", "C014"},
      {"x = 1\nrate x for AE when true pays 10% paid by upfront", "C002"},
      {"upfront = 1", "C002"},
      {"amount = 1", "C002"},
      {"AE = 1", "C002"},
   });
}

TEST_CASE("tier band conditions give the right interval ends", "[check]")
{
   struct band_case {
      std::string when;
      bool has_low;
      bool low_inclusive;
      bool has_high;
      bool high_inclusive;
   };
   const std::vector<band_case> cases = {
      {"credit < 10", false, true, true, false},
      {"credit <= 10", false, true, true, true},
      {"credit > 10", true, false, false, true},
      {"credit >= 10", true, true, false, true},
      {"10 < credit", true, false, false, true},
      {"10 <= credit", true, true, false, true},
      {"10 > credit", false, true, true, false},
      {"10 >= credit", false, true, true, true},
      {"0 < credit <= 10", true, false, true, true},
      {"0 <= credit < 10", true, true, true, false},
   };
   for (const auto& c : cases) {
      const auto result = check_text(preamble + "tiers t graduated over credit { band b when " + c.when + " pays 100% }\n");
      INFO("band when " << c.when << "\n" << all_messages(result));
      REQUIRE(result.plan != nullptr);
      REQUIRE(result.plan->tiers.size() == 1);
      const auto& band = result.plan->tiers[0].bands.at(0);
      CHECK(result.plan->tiers[0].quantity.kind == symbol_kind::credit);
      CHECK((band.low != nullptr) == c.has_low);
      CHECK((band.high != nullptr) == c.has_high);
      if (c.has_low) {
         CHECK(band.low_inclusive == c.low_inclusive);
      }
      if (c.has_high) {
         CHECK(band.high_inclusive == c.high_inclusive);
      }
   }
}

TEST_CASE("adjacent bands with complementary ends check clean", "[check]")
{
   const auto result = check_text(preamble + R"(
tiers size graduated over credit {
   band small when credit < 25_000 pays 100%
   band large when credit >= 25_000 pays 150%
}
rate r for AE when true pays 10% tiered by size paid by upfront
)");
   INFO(all_messages(result));
   REQUIRE(result.plan != nullptr);
   const auto& bands = result.plan->tiers.at(0).bands;
   REQUIRE(bands.size() == 2);
   CHECK(bands[0].high != nullptr);
   CHECK_FALSE(bands[0].high_inclusive);
   CHECK(bands[1].low != nullptr);
   CHECK(bands[1].low_inclusive);
   CHECK(result.plan->rate_tiers == std::vector<int>{0});
}

TEST_CASE("header rules", "[check]")
{
   struct header_case {
      std::string body;
      std::string codes;
      int places;
   };
   const std::vector<header_case> cases = {
      {usd_2027 + full_rounding, "", 2},
      {"   currency JPY\n   period 2027-01-01 through 2027-12-31 by booked_on\n"
       "   rounding { credit floor to 1  commission half_up to 1  tranche half_up to 1  fee half_up to 1 }",
       "", 0},
      // Yen have no cents: every 0.01 step is finer than the currency's unit.
      {"   currency JPY\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding,
       "C011 C011 C011 C011", 0},
      {"   currency BHD\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "", 3},
      // Minor units come from the ISO 4217 table: a few codes of each kind.
      {"   currency CLP\n   period 2027-01-01 through 2027-12-31 by booked_on\n"
       "   rounding { credit floor to 1  commission half_up to 1  tranche half_up to 1  fee half_up to 1 }",
       "", 0},
      {"   currency VUV\n   period 2027-01-01 through 2027-12-31 by booked_on\n"
       "   rounding { credit floor to 1  commission half_up to 1  tranche half_up to 1  fee half_up to 1 }",
       "", 0},
      {"   currency XOF\n   period 2027-01-01 through 2027-12-31 by booked_on\n"
       "   rounding { credit floor to 1  commission half_up to 1  tranche half_up to 1  fee half_up to 1 }",
       "", 0},
      {"   currency EUR\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "", 2},
      {"   currency CHF\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "", 2},
      {"   currency KWD\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "", 3},
      {"   currency TND\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "", 3},
      {"   currency CLF\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "", 4},
      {"   currency UYW\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "", 4},
      {"   currency ABC\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "C010", 2},
      {"   currency HRK\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "C010", 2},
      {"   currency XAU\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "C010", 2},
      {"   currency XXX\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "C010", 2},
      {"   currency usd\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "C010", 2},
      {"   currency DOLLAR\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "C010", 2},
      {"   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding, "C010", 2},
      {"   currency USD\n" + full_rounding, "C010", 2},
      {"   currency USD\n   period 2027-12-31 through 2027-01-01 by booked_on\n" + full_rounding, "C010", 2},
      {"   currency USD\n   period 2027-01-01 through 2027-12-31 by id\n" + full_rounding, "C012", 2},
      {"   currency USD\n   period 2027-01-01 through 2027-12-31 by closed_on\n" + full_rounding, "C006", 2},
      {usd_2027 + "   rounding { credit floor to 0.01  commission half_up to 0.01  tranche half_up to 0.01 }", "C011", 2},
      {usd_2027 + "   rounding { }", "C011 C011 C011 C011", 2},
      {usd_2027 + full_rounding + "\n   rounding { fee floor to 0.01 }", "C011", 2},
      // Ledger amounts are whole cents: an increment is a whole number of them.
      {usd_2027 + "   rounding { credit floor to 0.01  commission half_up to 0.001  tranche half_up to 0.01  fee half_up to 0.01 }",
       "C011", 2},
      {usd_2027 + "   rounding { credit floor to 0.01  commission half_up to 0.015  tranche half_up to 0.01  fee half_up to 0.01 }",
       "C011", 2},
      {usd_2027 + "   rounding { credit floor to 0.05  commission half_up to 1  tranche half_up to 100  fee half_up to 0.10 }",
       "", 2},
      {usd_2027 + full_rounding + "\n   rounding { bonus floor to 0.01 }", "C011", 2},
      {usd_2027 + "   rounding { credit floor to 0  commission half_up to 0.01  tranche half_up to 0.01  fee half_up to 0.01 }",
       "C011", 2},
      {usd_2027 + "   rounding { credit floor to 0.01  commission half_up to 0.01, leftover cents to largest remainder\n"
                  "      tranche half_up to 0.01  fee half_up to 0.01 }",
       "C011", 2},
   };
   for (const auto& c : cases) {
      const auto result = check_text(with_header(c.body));
      INFO("header:\n" << c.body << "\n" << all_messages(result));
      CHECK(codes(result) == c.codes);
      if (c.codes.empty()) {
         REQUIRE(result.plan != nullptr);
         CHECK(result.plan->currency_places == c.places);
      }
   }

   SECTION("a currency outside ISO 4217, or without a minor unit, is named in the message")
   {
      const auto unknown = check_text(
         with_header("   currency ABC\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding));
      CHECK(all_messages(unknown) == "C010 2:13 'ABC' is not an active ISO 4217 currency code, such as USD or EUR\n");
      const auto gold = check_text(
         with_header("   currency XAU\n   period 2027-01-01 through 2027-12-31 by booked_on\n" + full_rounding));
      CHECK(all_messages(gold) == "C010 2:13 'XAU' has no minor unit in ISO 4217, so amounts in it cannot be paid; "
                                  "use a national currency such as USD\n");
   }

   SECTION("every rounding mode and increment is kept")
   {
      const auto result = check_text(with_header(
         usd_2027 + "   rounding { credit toward_zero to 1  commission half_even to 0.05  tranche ceiling to 0.01"
                    "  fee half_down to 0.10 }"));
      INFO(all_messages(result));
      REQUIRE(result.plan != nullptr);
      CHECK(result.plan->credit_rounding.mode == rounding_mode::toward_zero);
      CHECK(result.plan->credit_rounding.increment == decimal::from_int(1));
      CHECK_FALSE(result.plan->credit_rounding.largest_remainder);
      CHECK(result.plan->commission_rounding.mode == rounding_mode::half_even);
      CHECK(result.plan->commission_rounding.increment == decimal::from_fraction(1, 20));
      CHECK(result.plan->tranche_rounding.mode == rounding_mode::ceiling);
      CHECK(result.plan->fee_rounding.mode == rounding_mode::half_down);
      CHECK(result.plan->fee_rounding.increment == decimal::from_fraction(1, 10));
   }
}

TEST_CASE("record schema rules", "[check]")
{
   const std::string header = "plan \"t\" {\n" + usd_2027 + full_rounding + "\n}\nrole AE \"Account Executive\"\n";
   struct schema_case {
      std::string records;
      std::string codes;
   };
   const std::vector<schema_case> cases = {
      {"deals { id text, key  booked_on date }", ""},
      {"deals { id text  booked_on date }", "C012"},
      // A key of the wrong type is reported, and then the record is said to have no key.
      {"deals { id optional text, key  booked_on date }", "C012 C012"},
      {"deals { id number, key  booked_on date }", "C012 C012"},
      {"deals { id text, key  code text, key  booked_on date }", "C012"},
      // Reported once, as a field declared twice.
      {"deals { id text, key  booked_on date  booked_on date }", "C002"},
      {"deals { id text, key  booked_on date  kind one of {a, b, a} }", "C002"},
      {"deals { id text, key  booked_on date  region text, positive }", "C012"},
      {"deals { id text, key  booked_on date  amount money, positive, credited }", ""},
      {"deals { id text, key  booked_on date  amount optional money, credited }", "C012"},
      {"deals { id text, key  booked_on date  amount number, credited }", "C012"},
      {"deals { id text, key  booked_on date  a money, credited  b money, credited }", "C012"},
      {"deals { id text, key  booked_on date  ae text, names AE }", ""},
      {"deals { id text, key  booked_on date  ae number, names AE }", "C012"},
      {"deals { id text, key  booked_on date  ae text, names SE }", "C005"},
      {"deals { id text, key  booked_on date  ae text, names AE  ae2 text, names AE }", "C012"},
      {"deals { id text, key  booked_on date  owner role }", "C012"},
      {"deals { id text, key  booked_on date }\ndeals { id text, key  booked_on date }", "C012"},
      {"people { person text, key  role role, key }", "C012"},
      {"deals { id text, key  booked_on date }\npeople { person text, key  role role, key  quota money }", ""},
      {"deals { id text, key  booked_on date }\npeople { person text, key }", "C012"},
      {"deals { id text, key  booked_on date }\npeople { person text, key  role role, key  other text, key }", "C012"},
      {"deals { id text, key  booked_on date }\npeople { person text, key  role role, key  ae text, names AE }",
       "C012"},
      {"deals { id text, key  booked_on date }\ncredit c when true shares AE 100%", "C012 C013"},
   };
   for (const auto& c : cases) {
      const auto result = check_text(header + c.records + "\n");
      INFO("records:\n" << c.records << "\n" << all_messages(result));
      CHECK(codes(result) == c.codes);
   }
}

TEST_CASE("check messages say what is wrong and where", "[check]")
{
   SECTION("an unknown tranche in a clawback names it and notes the tranches there are")
   {
      const auto result = check_text(preamble + "schedule later { tranche activated on booked_on pays 100%\n"
                                                "   tranche booked on booked_on pays remainder }\n"
                                                "clawback k when true on booked_on recovers tranches retained\n");
      REQUIRE(result.diagnostics.size() == 1);
      const auto& d = result.diagnostics.items().front();
      CHECK(d.code == "C001");
      CHECK(d.message == "no tranche of any schedule is named 'retained'");
      CHECK(d.span.line == 22);
      CHECK(d.span.column == 53);
      CHECK(d.span.end_column == 61);
      REQUIRE(d.notes.size() == 1);
      // Each name once, in the order of the file; the note is at the first schedule.
      CHECK(d.notes[0].message == "the schedules' tranches are 'booked', 'activated'");
      CHECK(d.notes[0].span.line == 19);
      CHECK(d.notes[0].span.column == 10);
   }
   SECTION("a share outside 0% to 100% and a tranche named twice")
   {
      const auto result = check_text(preamble + "clawback k when true on booked_on recovers 150% of tranches booked, booked\n");
      REQUIRE(result.diagnostics.size() == 2);
      const auto& share = result.diagnostics.items()[0];
      CHECK(share.code == "C022");
      CHECK(share.message == "a clawback recovers from 0% to 100% of what was paid; 'k' recovers 150%");
      CHECK(share.span.column == 44);
      const auto& twice = result.diagnostics.items()[1];
      CHECK(twice.code == "C022");
      CHECK(twice.message == "the clawback 'k' names the tranche 'booked' twice");
      CHECK(twice.span.column == 69);
      REQUIRE(twice.notes.size() == 1);
      CHECK(twice.notes[0].message == "first named here");
      CHECK(twice.notes[0].span.column == 61);
   }
   SECTION("a share that is not a percentage")
   {
      const auto result = check_text(preamble + "clawback k when true on booked_on recovers amount of everything paid\n");
      REQUIRE(result.diagnostics.size() == 1);
      CHECK(result.diagnostics.items().front().message == "a clawback's share must be percent, found money");
   }
   SECTION("a cycle names its path and notes each member")
   {
      const auto result = check_text(preamble + "a = b\nb = c\nc = a\n");
      REQUIRE(result.diagnostics.size() == 1);
      const auto& d = result.diagnostics.items().front();
      CHECK(d.code == "C008");
      CHECK(d.message == "definitions refer to each other in a cycle: a -> b -> c -> a");
      CHECK(d.span.line == 20);
      REQUIRE(d.notes.size() == 2);
      CHECK(d.notes[0].span.line == 21);
      CHECK(d.notes[1].span.line == 22);
      CHECK(d.notes[1].message == "'c' is part of the cycle");
   }
   SECTION("a definition that refers to itself")
   {
      const auto result = check_text(preamble + "a = a + 1\n");
      REQUIRE(result.diagnostics.size() == 1);
      CHECK(result.diagnostics.items().front().message == "definitions refer to each other in a cycle: a -> a");
      CHECK(result.diagnostics.items().front().notes.empty());
   }
   SECTION("a duplicate name notes the other declaration")
   {
      const auto result = check_text(preamble + "new_logo = kind = new\ncredit new_logo when new_logo shares AE 100%\n");
      REQUIRE(result.diagnostics.size() == 1);
      const auto& d = result.diagnostics.items().front();
      CHECK(d.code == "C002");
      CHECK(d.message == "the name 'new_logo' is already used by a definition");
      CHECK(d.span.line == 21);
      CHECK(d.span.column == 8);
      REQUIRE(d.notes.size() == 1);
      CHECK(d.notes[0].span.line == 20);
      CHECK(d.notes[0].span.column == 1);
   }
   SECTION("a duplicate name across clause kinds cites both declarations")
   {
      // The schedule `upfront` is on line 19, the crediting rule on line 20. (Which one is
      // reported as the duplicate currently depends on the kinds, not on the order in the file.)
      const auto result = check_text(preamble + "credit upfront when true shares AE 100%\n");
      REQUIRE(result.diagnostics.size() == 1);
      const auto& d = result.diagnostics.items().front();
      CHECK(d.code == "C002");
      REQUIRE(d.notes.size() == 1);
      const auto places = std::minmax(d.span.line, d.notes[0].span.line);
      CHECK(places.first == 19);
      CHECK(places.second == 20);
   }
   SECTION("an unknown role lists the roles there are")
   {
      const auto result = check_text(preamble + "credit c when true shares SE 100%\n");
      REQUIRE(result.diagnostics.size() == 1);
      CHECK(result.diagnostics.items().front().message == "unknown role 'SE'; the plan's roles are AE");
   }
   SECTION("diagnostics come in order of place")
   {
      const auto result = check_text(preamble + "rate r for AE when amount pays amount paid by none\nx = amout\n");
      CHECK(codes(result) == "C004 C003 C014 C001");
      CHECK(std::is_sorted(result.diagnostics.begin(), result.diagnostics.end(), [](const auto& a, const auto& b) {
         return std::tie(a.span.line, a.span.column) < std::tie(b.span.line, b.span.column);
      }));
   }
}

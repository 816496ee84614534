// The linter against brute force: random plans over kind, source, bundled and amount, run on
// every deal of a grid that has a point in each region the conditions can tell apart. What
// the linter claims must match what the run does: an overlap exactly when some deal is
// ambiguous, a gap exactly when some deal is uncredited, a rule that never matches exactly
// when no deal credits by it.
#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "interpreter/run.hpp"
#include "lint/lint.hpp"
#include "tests/support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <random>
#include <set>

using namespace compplan;

namespace {

const std::vector<std::string> kinds{"new", "renewal", "expansion"};
const std::vector<std::string> sources{"ae_sourced", "csm_sourced"};
const std::vector<std::string> amounts{"100", "25_000", "100_000"};
// Every constant above, a cent either side, and a value between each pair.
const std::vector<std::string> grid_amounts{"0.01",  "99.99",    "100.00",   "100.01",    "10000.00",  "24999.99",
                                            "25000.00", "25000.01", "50000.00", "99999.99", "100000.00", "100000.01",
                                            "500000.00"};

class condition_maker {
public:
   explicit condition_maker(unsigned seed) : m_random(seed) {}

   std::string make(int depth)
   {
      if (depth == 0 || pick(3) == 0) return atom();
      switch (pick(3)) {
         case 0: return "(" + make(depth - 1) + " and " + make(depth - 1) + ")";
         case 1: return "(" + make(depth - 1) + " or " + make(depth - 1) + ")";
         default: return "not (" + make(depth - 1) + ")";
      }
   }

private:
   std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_random); }
   const std::string& any(const std::vector<std::string>& list) { return list[pick(list.size())]; }

   std::string atom()
   {
      static const std::vector<std::string> ops{"<", "<=", ">", ">="};
      switch (pick(9)) {
         case 0: return "kind = " + any(kinds);
         case 1: return "kind != " + any(kinds);
         case 2: return "kind in {" + any(kinds) + ", " + any(kinds) + "}";
         case 3: return "source = " + any(sources);
         case 4: return "source != " + any(sources);
         case 5: return "is_blank(source)";
         case 6: return "bundled";
         case 7: return "amount " + any(ops) + " " + any(amounts);
         default: {
            const auto a = pick(2);
            return amounts[a] + (pick(2) == 0 ? " <= " : " < ") + "amount" + (pick(2) == 0 ? " <= " : " < ") +
                   amounts[a + 1];
         }
      }
   }

   std::mt19937 m_random;
};

std::string grid_deals()
{
   std::string csv = "id,kind,source,amount,bundled,booked_on,ae\n";
   int id = 0;
   for (const auto& kind : kinds) {
      for (const auto& source : {std::string(), sources[0], sources[1]}) {
         for (const auto& amount : grid_amounts) {
            for (const char* bundled : {"true", "false"}) {
               csv += fmt::format("G{},{},{},{},{},2027-03-01,Ana\n", ++id, kind, source, amount, bundled);
            }
         }
      }
   }
   return csv;
}

}  // namespace

TEST_CASE("lint findings agree with running the plan on a complete grid of deals", "[lint][property]")
{
   const auto deals = grid_deals();
   int plans_with_overlap = 0;
   int plans_with_gap = 0;
   for (unsigned seed = 1; seed <= 400; ++seed) {
      condition_maker make(seed);
      std::mt19937 random(std::mt19937::result_type{seed} * 7919);
      const int rule_count = 2 + static_cast<int>(random() % 4);
      std::string text = test_support::plan_header("random") + R"(role AE "Account Executive"
deals {
   id        text, key
   kind      one of {new, renewal, expansion}
   source    optional one of {ae_sourced, csm_sourced}
   amount    money, positive, credited
   bundled   boolean
   booked_on date
   ae        text, names AE
}
rate base for AE when true pays 10% paid by upfront
schedule upfront { tranche booked on booked_on pays 100% }
)";
      if (random() % 3 == 0) text += "exclude x when " + make.make(1) + " because \"excluded\"\n";
      for (int r = 0; r < rule_count; ++r) text += fmt::format("credit r{} when {} shares AE 100%\n", r, make.make(2));
      INFO(text);
      auto parsed = parse_plan(text, "random.plan");
      REQUIRE(parsed.plan);
      auto checked = check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan)));
      REQUIRE(checked.plan);
      const auto lint = lint_plan(*checked.plan, text);

      run_inputs inputs;
      inputs.deals_file = "grid.csv";
      inputs.deals_text = deals;
      inputs.as_of = checked.plan->period_end;
      const auto run = run_plan(*checked.plan, inputs);
      bool ambiguous = false;
      bool uncredited = false;
      std::set<std::string> crediting;  // rules that credit some deal, or share one
      for (const auto& deal : run.deals) {
         REQUIRE(deal.status != deal_status::malformed);
         ambiguous = ambiguous || deal.status == deal_status::ambiguous;
         uncredited = uncredited || deal.status == deal_status::uncredited;
         if (deal.status == deal_status::credited || deal.status == deal_status::ambiguous) {
            crediting.insert(deal.rules.begin(), deal.rules.end());
         }
      }
      std::set<std::string> never;
      bool overlap = false;
      bool gap = false;
      for (const auto& d : lint.diagnostics) {
         REQUIRE(d.code != "L006");  // every condition here is in the fragment
         overlap = overlap || d.code == "L001";
         gap = gap || d.code == "L002";
         if (d.code == "L003" && d.message.starts_with("crediting rule '")) {
            never.insert(d.message.substr(16, d.message.find('\'', 16) - 16));
         }
         if (d.code == "L003" && d.message.starts_with("the condition of crediting rule '")) {
            never.insert(d.message.substr(33, d.message.find('\'', 33) - 33));
         }
      }
      CHECK(overlap == ambiguous);
      CHECK(gap == uncredited);
      for (int r = 0; r < rule_count; ++r) {
         const auto name = fmt::format("r{}", r);
         INFO(name);
         CHECK(never.contains(name) == !crediting.contains(name));
      }
      plans_with_overlap += overlap ? 1 : 0;
      plans_with_gap += gap ? 1 : 0;
   }
   // The random plans exercise both findings and their absence.
   CHECK(plans_with_overlap > 20);
   CHECK(plans_with_overlap < 390);
   CHECK(plans_with_gap > 20);
   CHECK(plans_with_gap < 390);
}

// Lints generated plans of 100, 1,000 and 10,000 crediting rules and prints the time each takes.
//
// Each plan splits deals by region, segment and amount band, one crediting rule per cell, so the
// rules neither overlap nor leave gaps: the linter must prove both, which is the slow case (a
// finding ends nothing early). A second plan of each size moves one band edge so that two rules
// overlap, and the figures show the witness found and confirmed.
//
//    lint_bench [RULES...]        default: 100 1000 10000
#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "lint/lint.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

constexpr int bands = 10;
constexpr int segments = 3;
const char* const segment_names[segments] = {"smb", "mid", "ent"};

// A plan of `rules` crediting rules (rounded up to whole regions); `overlap` widens one band.
std::string generate(int rules, bool overlap)
{
   const int regions = (rules + bands * segments - 1) / (bands * segments);
   std::string plan = R"(plan "generated" {
   currency USD
   period 2027-01-01 through 2027-12-31 by booked_on
   rounding { credit floor to 0.01  commission half_up to 0.01  tranche half_up to 0.01  fee half_up to 0.01 }
}
role AE "Account Executive"
deals {
   id        text, key
   region    one of {)";
   for (int r = 0; r < regions; ++r) plan += fmt::format("{}r{}", r == 0 ? "" : ", ", r);
   plan += R"(}
   segment   one of {smb, mid, ent}
   amount    money, positive, credited
   booked_on date
   ae        text, names AE
}
rate base for AE when true pays 10% paid by upfront
schedule upfront { tranche booked on booked_on pays 100% }
)";
   for (int r = 0; r < regions; ++r) {
      for (int s = 0; s < segments; ++s) {
         for (int b = 0; b < bands; ++b) {
            const bool widened = overlap && r == regions / 2 && s == 1 && b == 4;
            std::string amount;
            if (b == 0) amount = "amount < 1_000";
            else if (b == bands - 1) amount = fmt::format("amount >= {}_000", b);
            else amount = fmt::format("{}_000 <= amount {} {}_000", b, widened ? "<=" : "<", b + 1);
            plan += fmt::format("credit c_{}_{}_{} when region = r{} and segment = {} and {} shares AE 100%\n", r,
                                segment_names[s], b, r, segment_names[s], amount);
         }
      }
   }
   return plan;
}

void measure(int rules, bool overlap)
{
   const auto text = generate(rules, overlap);
   const auto start = std::chrono::steady_clock::now();
   auto parsed = compplan::parse_plan(text, "generated.plan");
   if (!parsed.plan) {
      fmt::print("the generated plan does not parse\n");
      std::exit(1);
   }
   auto checked = compplan::check_plan(std::make_shared<const compplan::ast::plan>(std::move(*parsed.plan)));
   if (!checked.plan) {
      fmt::print("the generated plan has check errors\n");
      std::exit(1);
   }
   const auto linted = std::chrono::steady_clock::now();
   const auto result = compplan::lint_plan(*checked.plan, text);
   const auto end = std::chrono::steady_clock::now();
   const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
   fmt::print("{:>6} rules{:<10} parse+check {:>8.1f} ms   lint {:>8.1f} ms   findings {}\n",
              checked.plan->plan().crediting_rules.size(), overlap ? " (overlap)" : "", ms(linted - start),
              ms(end - linted), result.diagnostics.size());
   for (const auto& d : result.diagnostics) {
      if (overlap) fmt::print("          {}[{}] {}\n", compplan::to_string(d.level), d.code, d.message);
   }
}

}  // namespace

int main(int argc, char** argv)
{
   std::vector<int> sizes;
   for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
   if (sizes.empty()) sizes = {100, 1000, 10000};
   for (const int n : sizes) {
      measure(n, false);
      measure(n, true);
   }
}

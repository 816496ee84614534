// `run` on the reference plan against a straightforward computation of reference-plan.md's rules,
// written here in integer cents without any of the interpreter's code, on 100,000 random deals.
#include "tests/properties/random_deals.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

using namespace compplan;
using namespace compplan::test_support;

namespace {

// One ledger line: deal, person, role, event, date, amount in cents, rule.
using line = std::tuple<std::string, std::string, std::string, std::string, std::string, long long, std::string>;

// Half-up rounding of num / den to a whole number, for num >= 0 and den > 0.
long long round_half_up(__int128 num, __int128 den)
{
   return static_cast<long long>((2 * num + den) / (2 * den));
}

struct model_share {
   std::string role;
   std::string person;
   long long credit = 0;  // cents
};

struct model_deal {
   const random_deal* deal = nullptr;
   std::string status;
   std::string rule;
   std::vector<model_share> shares;
};

// Section 2: the crediting rule and each role's share in percent, or nothing.
std::optional<std::tuple<std::string, int, int>> crediting_rule(const random_deal& d)
{
   if (d.kind == "new") return std::tuple{"new_logo", 100, 0};
   if (d.kind == "renewal") return std::tuple{"renewal", 0, 100};
   const bool expansion_like = d.kind == "expansion" || (d.kind == "addon" && !d.bundled);
   if (!expansion_like) return std::nullopt;
   if (d.source == "csm_sourced") {
      if (d.amount < 2'500'000) return std::tuple{"csm_small", 70, 30};
      if (d.amount <= 10'000'000) return std::tuple{"csm_mid", 60, 40};
      return std::tuple{"csm_large", 55, 45};
   }
   if (d.source == "ae_sourced") return std::tuple{"ae_led", 80, 20};
   if (d.source == "joint") return std::tuple{"joint", 50, 50};
   if (d.source == "csm_closed") return std::tuple{"csm_closed", 0, 100};
   return std::nullopt;
}

// Sections 2 to 7 of reference-plan.md for one set of deals, as of `as_of`.
std::vector<line> model_ledger(const std::vector<random_deal>& deals, const std::map<std::string, std::optional<long long>>& ae_quota,
                               day as_of, std::map<std::string, std::string>& status)
{
   std::vector<model_deal> credited;
   for (const auto& d : deals) {
      model_deal m{&d, "", "", {}};
      const auto rule = crediting_rule(d);
      if (d.booked < day_of(2027, 1, 1) || day_of(2027, 12, 31) < d.booked) {
         m.status = "out_of_period";
      } else if (d.kind == "addon" && d.bundled) {
         m.status = "excluded";
      } else if (!rule) {
         m.status = "uncredited";
      } else {
         const auto [name, ae_percent, csm_percent] = *rule;
         m.rule = name;
         const bool ae_ok = ae_percent == 0 || (!d.ae.empty() && ae_quota.contains(d.ae) && ae_quota.at(d.ae));
         const bool csm_ok = csm_percent == 0 || !d.csm.empty();
         m.status = ae_ok && csm_ok ? "credited" : "input_error";
         // Floor each share to the cent; the leftover cent goes to the larger remainder, AE first on ties.
         long long ae = d.amount * ae_percent / 100;
         long long csm = d.amount * csm_percent / 100;
         if (ae + csm < d.amount) {
            const long long ae_rest = d.amount * ae_percent % 100;
            const long long csm_rest = d.amount * csm_percent % 100;
            (ae_rest >= csm_rest && ae_percent > 0 ? ae : csm) += 1;
         }
         if (ae_percent > 0) m.shares.push_back({"AE", d.ae, ae});
         if (csm_percent > 0) m.shares.push_back({"CSM", d.csm, csm});
      }
      status[d.id] = m.status;
      if (m.status == "credited") credited.push_back(std::move(m));
   }
   // Section 4: attainment in (booked_on, id) order, ids compared as text.
   std::sort(credited.begin(), credited.end(), [](const model_deal& a, const model_deal& b) {
      return std::tie(a.deal->booked, a.deal->id) < std::tie(b.deal->booked, b.deal->id);
   });
   std::map<std::string, long long> attainment;
   std::vector<line> out;
   for (const auto& m : credited) {
      const auto& d = *m.deal;
      const bool expansion_like = d.kind == "expansion" || d.kind == "addon";
      const auto pay = [&](const std::string& person, const std::string& role, long long total, bool milestones,
                           const std::string& rule) {
         std::vector<std::tuple<std::string, day, long long>> tranches;
         if (milestones) {
            const long long booked = round_half_up(static_cast<__int128>(total) * 30, 100);
            const long long activated = round_half_up(static_cast<__int128>(total) * 50, 100);
            tranches.emplace_back("booked", d.booked, booked);
            if (d.activated) {
               tranches.emplace_back("activated", *d.activated, activated);
               tranches.emplace_back("retained", *d.activated + days(120), total - booked - activated);
            }
         } else {
            tranches.emplace_back("booked", d.booked, total);
         }
         for (const auto& [event, on, amount] : tranches) {
            if (amount == 0 || as_of < on || (d.churned && *d.churned <= on)) continue;
            out.emplace_back(d.id, person, role, event, format_day(on), amount, rule);
         }
      };
      const auto first = out.size();
      for (const auto& share : m.shares) {
         if (share.role == "AE") {
            // Base rate up to quota, 1.5 times the base rate above it: r * (base + 1.5 acc) in cents.
            const long long quota = *ae_quota.at(share.person);
            const long long start = attainment[share.person];
            const long long end = start + share.credit;
            const long long base = std::max(0LL, std::min(end, quota) - start);
            const long long accelerated = share.credit - base;
            const int rate = d.kind == "new" ? 15 : 10;
            const long long total = round_half_up(static_cast<__int128>(rate) * (2 * base + 3 * accelerated), 200);
            attainment[share.person] = end;
            pay(share.person, "AE", total, true, m.rule);
         } else {
            const int rate = expansion_like ? 8 : 4;
            pay(share.person, "CSM", round_half_up(static_cast<__int128>(share.credit) * rate, 100), expansion_like, m.rule);
         }
      }
      if (d.registered && !d.partner.empty()) {
         pay(d.partner, "PARTNER", round_half_up(static_cast<__int128>(d.amount) * 5, 100), false, "partner_fee");
      }
      // Section 7: churn within 90 days of activation (or of booking) recovers what was paid.
      if (d.churned && *d.churned <= d.activated.value_or(d.booked) + days(90) && *d.churned <= as_of) {
         std::map<std::pair<std::string, std::string>, long long> paid;  // (role, person)
         std::vector<std::pair<std::string, std::string>> order;
         for (auto i = first; i < out.size(); ++i) {
            const auto key = std::pair{std::get<2>(out[i]), std::get<1>(out[i])};
            if (!paid.contains(key)) order.push_back(key);
            paid[key] += std::get<5>(out[i]);
         }
         for (const auto& key : order) {
            if (paid[key] != 0) {
               out.emplace_back(d.id, key.second, key.first, "clawback", format_day(*d.churned), -paid[key], "clawback");
            }
         }
      }
   }
   return out;
}

std::vector<line> parse_ledger(const std::string& csv)
{
   std::vector<line> lines;
   std::size_t at = csv.find('\n') + 1;
   while (at < csv.size()) {
      const auto end = csv.find('\n', at);
      std::vector<std::string> cells;
      std::size_t from = at;
      for (std::size_t comma; (comma = csv.find(',', from)) < end; from = comma + 1) {
         cells.push_back(csv.substr(from, comma - from));
      }
      cells.push_back(csv.substr(from, end - from));
      REQUIRE(cells.size() == 7);
      lines.emplace_back(cells[0], cells[1], cells[2], cells[3], cells[4], parse_cents(cells[5]), cells[6]);
      at = end + 1;
   }
   return lines;
}

}  // namespace

TEST_CASE("run agrees with a straightforward computation of the reference plan on 100,000 deals", "[properties][reference]")
{
   random_source random(20270101);
   const auto deals = random_deals(random, 100'000);
   const std::map<std::string, std::optional<long long>> ae_quota{
      {"Ana", 50'000'000LL}, {"Ben", 20'000'000LL}, {"Cy", std::nullopt}, {"Eve", 5'000'000'000LL}};
   const std::string people =
      "person,role,quota\nAna,AE,500000.00\nBen,AE,200000.00\nCy,AE,\nEve,AE,50000000.00\nChen,CSM,\nDana,CSM,\n";
   const day as_of = day_of(2028, 3, 31);

   auto inputs = reference_inputs(deals_csv(deals), people);
   inputs.as_of = *date::parse(format_day(as_of));
   const auto result = run_plan(reference_plan(), inputs);
   REQUIRE_FALSE(result.stopped);

   std::map<std::string, std::string> expected_status;
   auto expected = model_ledger(deals, ae_quota, as_of, expected_status);
   auto actual = parse_ledger(ledger_text(reference_plan(), result));
   std::sort(expected.begin(), expected.end());
   std::sort(actual.begin(), actual.end());
   CHECK(actual.size() == expected.size());
   // Compare line by line so that a difference names the first deal that disagrees.
   for (std::size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
      if (actual[i] != expected[i]) {
         FAIL_CHECK("first difference: run " << std::get<0>(actual[i]) << " " << std::get<1>(actual[i]) << " "
                                             << std::get<3>(actual[i]) << " " << std::get<5>(actual[i]) << ", model "
                                             << std::get<0>(expected[i]) << " " << std::get<1>(expected[i]) << " "
                                             << std::get<3>(expected[i]) << " " << std::get<5>(expected[i]));
         break;
      }
   }
   REQUIRE(result.deals.size() == deals.size());
   std::size_t disagreements = 0;
   for (std::size_t i = 0; i < deals.size(); ++i) {
      const bool same = result.deals[i].id() == deals[i].id &&
                        std::string(to_string(result.deals[i].status)) == expected_status[deals[i].id];
      if (!same && disagreements++ == 0) {
         FAIL_CHECK("deal " << deals[i].id << ": run says " << to_string(result.deals[i].status) << ", the model "
                            << expected_status[deals[i].id]);
      }
   }
   CHECK(disagreements == 0);
   // The generator reaches every outcome the model knows, so the comparison covers each rule.
   for (const char* status : {"credited", "out_of_period", "excluded", "uncredited", "input_error"}) {
      CHECK(std::count_if(expected_status.begin(), expected_status.end(),
                          [&](const auto& entry) { return entry.second == status; }) > 100);
   }
}

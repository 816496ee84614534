// Money properties on random deals from a seeded generator: splits and tranches add up to the
// cent, clawbacks recover no more than was paid, every deal is accounted for once, and the run
// is deterministic whatever the order of the rows.
#include "tests/properties/random_deals.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace compplan;
using namespace compplan::test_support;

namespace {

const std::string& rounding_header = small_plan_header;

// Hundredths of a percent written as a percentage literal: 3333 -> "33.33%".
std::string percent(long long hundredths)
{
   return std::to_string(hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + std::to_string(hundredths % 100) + "%";
}

// `parts` random percentages in hundredths of a percent that add up to 100%.
std::vector<long long> random_split(random_source& random, int parts)
{
   std::vector<long long> cuts{0, 10'000};
   for (int i = 1; i < parts; ++i) {
      cuts.push_back(random.between(0, 10'000));
   }
   std::sort(cuts.begin(), cuts.end());
   std::vector<long long> split;
   for (std::size_t i = 1; i < cuts.size(); ++i) {
      split.push_back(cuts[i] - cuts[i - 1]);
   }
   return split;
}

struct ledger_row {
   std::string deal;
   std::string person;
   std::string role;
   std::string event;
   long long cents = 0;
};

std::vector<ledger_row> ledger_rows(const checked_plan& plan, const run_result& result)
{
   std::vector<ledger_row> rows;
   for (const auto& line : result.ledger) {
      rows.push_back({std::string(line.deal), std::string(line.person), std::string(plan.role_name(line.role)),
                      std::string(line.event),
                      parse_cents(line.amount.to_fixed(plan.currency_places))});
   }
   return rows;
}

run_inputs inputs_for(std::string deals_text)
{
   return reference_inputs(std::move(deals_text), "");
}

}  // namespace

TEST_CASE("credit splits add up to the deal amount exactly, each share within a cent", "[properties][rounding]")
{
   random_source random(4180);
   constexpr int rules = 8;
   // Three roles; each rule splits among them at random, 0% shares included. Each role is paid its
   // credit in full at booking, so the ledger shows the credit split itself.
   std::string plan_text = rounding_header + "role A \"A\"\nrole B \"B\"\nrole C \"C\"\n"
                           "deals {\n id text, key\n kind one of {k0, k1, k2, k3, k4, k5, k6, k7}\n"
                           " amount money, positive, credited\n booked_on date\n"
                           " a text, names A\n b text, names B\n c text, names C\n}\n"
                           "schedule upfront { tranche booked on booked_on pays 100% }\n"
                           "rate pay_a for A when true pays 100% paid by upfront\n"
                           "rate pay_b for B when true pays 100% paid by upfront\n"
                           "rate pay_c for C when true pays 100% paid by upfront\n";
   std::vector<std::vector<long long>> splits;
   for (int r = 0; r < rules; ++r) {
      splits.push_back(random_split(random, 3));
      plan_text += "credit r" + std::to_string(r) + " when kind = k" + std::to_string(r) + " shares A " +
                   percent(splits[r][0]) + ", B " + percent(splits[r][1]) + ", C " + percent(splits[r][2]) + "\n";
   }
   const auto plan = load_plan(plan_text, "split.plan");

   std::string deals = "id,kind,amount,booked_on,a,b,c\n";
   std::vector<long long> amounts;
   std::vector<int> rule_of;
   for (int i = 0; i < 20'000; ++i) {
      amounts.push_back(random.chance(20) ? random.between(1, 10) : random.between(1, 100'000'000));
      rule_of.push_back(static_cast<int>(random.between(0, rules - 1)));
      deals += "S" + std::to_string(i) + ",k" + std::to_string(rule_of.back()) + "," + format_cents(amounts.back()) +
               ",2027-06-01,Ann,Bob,Cat\n";
   }
   const auto result = run_plan(*plan, inputs_for(deals));
   REQUIRE(result.exit_status() == 0);

   std::map<std::string, std::map<std::string, long long>> credit;  // deal -> role -> cents
   for (const auto& row : ledger_rows(*plan, result)) {
      credit[row.deal][row.role] += row.cents;
   }
   std::size_t bad_sum = 0;
   std::size_t bad_share = 0;
   for (int i = 0; i < 20'000; ++i) {
      const auto& shares = credit["S" + std::to_string(i)];
      long long total = 0;
      for (int role = 0; role < 3; ++role) {
         const long long cents = shares.contains(std::string(1, "ABC"[role])) ? shares.at(std::string(1, "ABC"[role])) : 0;
         total += cents;
         // |cents - amount * share| < 1 cent, in hundredths of a percent of a cent.
         const auto exact = static_cast<__int128>(amounts[i]) * splits[rule_of[i]][role];
         const auto error = static_cast<__int128>(cents) * 10'000 - exact;
         bad_share += (error <= -10'000 || error >= 10'000) ? 1 : 0;
         bad_share += (splits[rule_of[i]][role] == 0 && cents != 0) ? 1 : 0;
      }
      bad_sum += total == amounts[i] ? 0 : 1;
   }
   CHECK(bad_sum == 0);
   CHECK(bad_share == 0);
}

TEST_CASE("tranches add up to the rounded commission exactly", "[properties][rounding]")
{
   random_source random(120);
   for (int trial = 0; trial < 20; ++trial) {
      // A random rate in hundredths of a percent and three tranches: two random shares and the remainder.
      const long long rate = random.between(1, 10'000);
      const long long first = random.between(0, 6'000);
      const long long second = random.between(0, 10'000 - first);
      const auto plan = load_plan(
         rounding_header + "role A \"A\"\ndeals {\n id text, key\n amount money, positive, credited\n"
                           " booked_on date\n a text, names A\n}\ncredit all when true shares A 100%\n"
                           "schedule staged {\n tranche one on booked_on pays " + percent(first) +
            "\n tranche two on booked_on + 30 days pays " + percent(second) +
            "\n tranche rest on booked_on + 60 days pays remainder\n}\n"
            "rate pay for A when true pays " + percent(rate) + " paid by staged\n",
         "tranches.plan");
      std::string deals = "id,amount,booked_on,a\n";
      std::vector<long long> amounts;
      for (int i = 0; i < 1'000; ++i) {
         amounts.push_back(random.chance(20) ? random.between(1, 300) : random.between(1, 100'000'000));
         deals += "T" + std::to_string(i) + "," + format_cents(amounts.back()) + ",2027-03-01,Ann\n";
      }
      auto inputs = inputs_for(deals);
      inputs.as_of = *date::parse("2028-12-31");
      const auto result = run_plan(*plan, inputs);
      REQUIRE(result.exit_status() == 0);
      std::map<std::string, long long> paid;
      for (const auto& row : ledger_rows(*plan, result)) {
         paid[row.deal] += row.cents;
      }
      std::size_t wrong = 0;
      for (int i = 0; i < 1'000; ++i) {
         // amount (cents) x rate (hundredths of a percent) / 10,000, rounded half up to the cent.
         const auto exact = static_cast<__int128>(amounts[i]) * rate;
         const auto commission = static_cast<long long>((2 * exact + 10'000) / 20'000);
         wrong += paid["T" + std::to_string(i)] == commission ? 0 : 1;
      }
      INFO("rate " << percent(rate) << ", tranches " << percent(first) << " and " << percent(second));
      CHECK(wrong == 0);
   }
}

TEST_CASE("reference plan on random deals: clawbacks, accounting and determinism", "[properties][reference]")
{
   random_source random(90);
   const auto deals = random_deals(random, 5'000);
   const std::string people = "person,role,quota\nAna,AE,500000.00\nBen,AE,200000.00\nCy,AE,\nEve,AE,900000.00\n"
                              "Chen,CSM,\nDana,CSM,\n";
   auto inputs = reference_inputs(deals_csv(deals), people);
   inputs.as_of = *date::parse("2028-06-30");
   const auto result = run_plan(reference_plan(), inputs);
   REQUIRE_FALSE(result.stopped);
   const auto ledger = ledger_text(reference_plan(), result);

   SECTION("a clawback never recovers more than was paid on the deal to that person in that role")
   {
      std::map<std::tuple<std::string, std::string, std::string>, std::pair<long long, long long>> sums;  // paid, clawed
      std::size_t clawbacks = 0;
      for (const auto& row : ledger_rows(reference_plan(), result)) {
         auto& [paid, clawed] = sums[{row.deal, row.role, row.person}];
         if (row.event == "clawback") {
            ++clawbacks;
            clawed -= row.cents;
            CHECK(row.cents < 0);
         } else {
            paid += row.cents;
         }
      }
      CHECK(clawbacks > 50);  // the generator churns enough deals inside the window
      std::size_t over = 0;
      for (const auto& [key, amounts] : sums) {
         over += amounts.second > amounts.first ? 1 : 0;
      }
      CHECK(over == 0);
   }
   SECTION("every input deal is accounted for exactly once, in file order")
   {
      REQUIRE(result.deals.size() == deals.size());
      std::map<std::string, deal_status, std::less<>> status;
      for (std::size_t i = 0; i < deals.size(); ++i) {
         CHECK(result.deals[i].id() == deals[i].id);
         status[std::string(result.deals[i].id())] = result.deals[i].status;
      }
      for (const auto& line : result.ledger) {
         const auto found = status.find(line.deal);
         REQUIRE(found != status.end());
         CHECK(found->second == deal_status::credited);
      }
   }
   SECTION("the report's totals are each person's ledger lines added as exact rationals")
   {
      // The report sums in whole cents; this adds the same lines one rational at a time.
      std::map<std::pair<std::string, std::string>, decimal> expected;
      decimal grand;
      for (const auto& line : result.ledger) {
         expected[{std::string(line.person), std::string(reference_plan().role_name(line.role))}] += line.amount;
         grand += line.amount;
      }
      std::ostringstream report;
      write_report_json(reference_plan(), inputs, result, report);
      const auto totals = nlohmann::json::parse(report.str()).at("totals");
      REQUIRE(totals.size() == expected.size());
      for (const auto& total : totals) {
         const auto key = std::pair{total.at("person").get<std::string>(), total.at("role").get<std::string>()};
         REQUIRE(expected.count(key) == 1);
         CHECK(total.at("total").get<std::string>() == expected.at(key).to_fixed(2));
      }
      std::ostringstream summary;
      write_summary(reference_plan(), result, summary);
      CHECK(summary.str().find(grand.to_fixed(2) + " paid in all") != std::string::npos);
      // Summed in three stretches and added up: the same text.
      std::ostringstream summed_in_parts;
      write_summary(reference_plan(), result, summed_in_parts, 3);
      CHECK(summed_in_parts.str() == summary.str());
   }
   SECTION("the same inputs give byte-identical ledger and report")
   {
      const auto again = run_plan(reference_plan(), inputs);
      CHECK(ledger_text(reference_plan(), again) == ledger);
      std::ostringstream first;
      std::ostringstream second;
      write_report_json(reference_plan(), inputs, result, first);
      write_report_json(reference_plan(), inputs, again, second);
      CHECK(first.str() == second.str());
   }
   SECTION("shuffled deal rows give the same ledger")
   {
      for (int trial = 0; trial < 3; ++trial) {
         auto shuffled = deals;
         for (std::size_t i = shuffled.size() - 1; i > 0; --i) {
            std::swap(shuffled[i], shuffled[static_cast<std::size_t>(random.between(0, static_cast<long long>(i)))]);
         }
         auto shuffled_inputs = inputs;
         shuffled_inputs.deals_text = deals_csv(shuffled);
         CHECK(ledger_text(reference_plan(), run_plan(reference_plan(), shuffled_inputs)) == ledger);
      }
   }
}

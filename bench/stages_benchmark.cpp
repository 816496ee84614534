// Google Benchmark micro-benchmarks, one per stage of a run on the reference plan: decimal
// arithmetic, CSV decoding, typed reading, parsing and checking the plan, evaluating deals and
// writing the ledger. They print figures; nothing here fails on time.
#include "bench/deal_generator.hpp"
#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "interpreter/csv.hpp"
#include "interpreter/ledger.hpp"
#include "interpreter/records.hpp"
#include "interpreter/run.hpp"

#include <benchmark/benchmark.h>

#include <fstream>
#include <map>
#include <sstream>
#include <vector>

using namespace compplan;

namespace {

const std::string& reference_plan_text()
{
   static const std::string text = [] {
      std::ifstream in(COMPPLAN_SOURCE_DIR "/plans/expansion-fy2027.plan", std::ios::binary);
      std::ostringstream out;
      out << in.rdbuf();
      return std::move(out).str();
   }();
   return text;
}

std::shared_ptr<const checked_plan> load_reference_plan()
{
   auto parsed = parse_plan(reference_plan_text(), "plans/expansion-fy2027.plan");
   return check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan))).plan;
}

const checked_plan& reference_plan()
{
   static const auto plan = load_reference_plan();
   return *plan;
}

// Generated once per size: the same seed as bench/run.sh.
const bench::generated_files& generated(std::size_t deals)
{
   static std::map<std::size_t, bench::generated_files> cache;
   auto it = cache.find(deals);
   if (it == cache.end()) {
      it = cache.emplace(deals, bench::generate_deals(deals, 2027)).first;
   }
   return it->second;
}

run_inputs inputs_for(std::size_t deals)
{
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = generated(deals).deals;
   inputs.people_file = "people.csv";
   inputs.people_text = generated(deals).people;
   inputs.as_of = *date::parse("2027-12-31");
   return inputs;
}

void set_deals_processed(benchmark::State& state, std::size_t deals)
{
   state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * deals));
}

void decimal_parse(benchmark::State& state)
{
   for (auto _ : state) {
      benchmark::DoNotOptimize(decimal::parse("48213.57"));
   }
}
BENCHMARK(decimal_parse);

void decimal_multiply_and_round(benchmark::State& state)
{
   const auto amount = *decimal::parse("48213.57");
   const auto share = *decimal::parse("0.55");
   const auto cent = *decimal::parse("0.01");
   for (auto _ : state) {
      benchmark::DoNotOptimize((amount * share).round_to(cent, rounding_mode::half_up));
   }
}
BENCHMARK(decimal_multiply_and_round);

void decimal_add(benchmark::State& state)
{
   const auto a = *decimal::parse("48213.57");
   const auto b = *decimal::parse("0.125");
   for (auto _ : state) {
      benchmark::DoNotOptimize(a + b);
   }
}
BENCHMARK(decimal_add);

void decimal_round_to_cent(benchmark::State& state)
{
   const auto share = *decimal::parse("26517.4635");  // 48213.57 * 0.55
   const auto cent = *decimal::parse("0.01");
   for (auto _ : state) {
      benchmark::DoNotOptimize(share.round_to(cent, rounding_mode::half_even));
   }
}
BENCHMARK(decimal_round_to_cent);

// A running total of amounts in cents: sums over the same denominator, reduced each time.
void decimal_sum_of_cents(benchmark::State& state)
{
   std::vector<decimal> amounts;
   for (const char* text : {"48213.57", "1912.23", "0.10", "107942.08", "0.25"}) {
      amounts.push_back(*decimal::parse(text));
   }
   for (auto _ : state) {
      decimal total;
      for (const auto& amount : amounts) {
         total += amount;
      }
      benchmark::DoNotOptimize(total);
   }
}
BENCHMARK(decimal_sum_of_cents);

void decimal_to_fixed(benchmark::State& state)
{
   const auto amount = *decimal::parse("48213.57");
   for (auto _ : state) {
      benchmark::DoNotOptimize(amount.to_fixed(2));
   }
}
BENCHMARK(decimal_to_fixed);

void csv_decode(benchmark::State& state)
{
   const auto deals = static_cast<std::size_t>(state.range(0));
   const auto& text = generated(deals).deals;
   for (auto _ : state) {
      csv_reader reader(text);
      csv_row row;
      std::size_t fields = 0;
      while (reader.next(row)) {
         fields += row.fields.size();
      }
      benchmark::DoNotOptimize(fields);
   }
   set_deals_processed(state, deals);
   state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(csv_decode)->Arg(10'000)->Unit(benchmark::kMillisecond);

void read_typed_deals(benchmark::State& state)
{
   const auto deals = static_cast<std::size_t>(state.range(0));
   const auto& text = generated(deals).deals;
   for (auto _ : state) {
      diagnostic_list diagnostics;
      benchmark::DoNotOptimize(read_deals(reference_plan(), text, "deals.csv", diagnostics));
   }
   set_deals_processed(state, deals);
}
BENCHMARK(read_typed_deals)->Arg(10'000)->Unit(benchmark::kMillisecond);

void parse_and_check_plan(benchmark::State& state)
{
   for (auto _ : state) {
      benchmark::DoNotOptimize(load_reference_plan());
   }
}
BENCHMARK(parse_and_check_plan)->Unit(benchmark::kMicrosecond);

// The whole run on a batch of deals, from CSV text to the ledger in memory; Arg(1) is one deal.
void run_deals(benchmark::State& state)
{
   const auto deals = static_cast<std::size_t>(state.range(0));
   const auto inputs = inputs_for(deals);
   for (auto _ : state) {
      benchmark::DoNotOptimize(run_plan(reference_plan(), inputs));
   }
   set_deals_processed(state, deals);
}
BENCHMARK(run_deals)->Arg(1)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMicrosecond);

void write_ledger(benchmark::State& state)
{
   const auto deals = static_cast<std::size_t>(state.range(0));
   const auto result = run_plan(reference_plan(), inputs_for(deals));
   for (auto _ : state) {
      std::ostringstream out;
      write_ledger_csv(reference_plan(), result, out);
      benchmark::DoNotOptimize(out.str().size());
   }
   state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * result.ledger.size()));
}
BENCHMARK(write_ledger)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

// Slicing work over threads, and runs with several jobs writing exactly what one job writes.
#include "bench/deal_generator.hpp"
#include "interpreter/ledger.hpp"
#include "interpreter/parallel.hpp"
#include "interpreter/run.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <numeric>
#include <sstream>
#include <stdexcept>

using namespace compplan;

namespace {

// A ledger sink that writes CSV as `compplan run --out` does, and counts what the run gave it.
class counting_sink final : public ledger_sink {
public:
   explicit counting_sink(const checked_plan& plan, unsigned jobs)
      : m_csv(
           plan,
           [this]() -> std::ostream& {
              ++opened;
              ledger.str("");
              return ledger;
           },
           jobs)
   {}
   void write(const ledger_book& lines) override
   {
      ++writes;
      m_csv.write(lines);
   }
   void restart() override
   {
      ++restarts;
      m_csv.restart();
   }
   void finish() { m_csv.finish(); }
   const ledger_totals& totals() const { return m_csv.totals(); }

   std::ostringstream ledger;
   int opened = 0;
   int writes = 0;
   int restarts = 0;

private:
   ledger_csv_sink m_csv;
};

std::string rendered_diagnostics(const run_inputs& inputs, const run_result& result)
{
   const auto lookup = [&](std::string_view file) -> const std::string* {
      return file == inputs.deals_file ? &inputs.deals_text : file == inputs.people_file ? &inputs.people_text : nullptr;
   };
   return render_text(result.diagnostics, lookup);
}

// Everything a run that streams its ledger to `sink` writes, as everything_written lists it.
std::string everything_streamed(const checked_plan& plan, run_inputs inputs, counting_sink& sink)
{
   inputs.ledger = &sink;
   const auto result = run_plan(plan, inputs);
   CHECK(result.ledger.empty());
   std::ostringstream out;
   if (!result.stopped) sink.finish();
   out << sink.ledger.str();
   write_report_json(plan, inputs, result, sink.totals(), out);
   write_summary(plan, result, sink.totals(), out);
   out << rendered_diagnostics(inputs, result);
   return out.str();
}

// Everything a run writes: the ledger, the report, the summary and the rendered diagnostics. A
// run that streams its ledger as it pays must write the same, which is checked on the way.
std::string everything_written(const checked_plan& plan, const run_inputs& inputs)
{
   const auto result = run_plan(plan, inputs);
   std::ostringstream out;
   if (!result.stopped) write_ledger_csv(plan, result, out, inputs.jobs);
   write_report_json(plan, inputs, result, out);
   write_summary(plan, result, out, inputs.jobs);
   out << rendered_diagnostics(inputs, result);
   counting_sink sink(plan, inputs.jobs);
   CHECK(everything_streamed(plan, inputs, sink) == out.str());
   return out.str();
}

run_inputs inputs_with(std::string deals, std::string people, unsigned jobs)
{
   auto inputs = test_support::reference_inputs(std::move(deals), std::move(people));
   inputs.jobs = jobs;
   return inputs;
}

// Deals whose credit falls into the gap (1,000, 2,000] of `over`'s bands fail while they are paid.
std::string gap_plan(const std::string& over, const std::string& cumulative, const std::string& mode = "graduated")
{
   return fmt::format(R"(
plan "gap" {{
   currency USD
   period 2027-01-01 through 2027-12-31 by booked_on
   rounding {{
      credit floor to 0.01, leftover cents to largest remainder
      commission half_up to 0.01
      tranche half_up to 0.01
      fee half_up to 0.01
   }}
}}
role AE "Account Executive"
deals {{
   id text, key
   amount money, positive, credited
   booked_on date
   ae optional text, names AE
}}
credit all when true shares AE 100%
{1}
tiers gap {2} over {0} {{
   band low  when 0 <= {0} <= 1_000 pays 100%
   band high when {0} > 2_000 pays 200%
}}
schedule upfront {{ tranche booked on booked_on pays 100% }}
rate ae_rate for AE when true pays 10% tiered by gap paid by upfront
)",
                      over, cumulative, mode);
}

std::string gap_deals()
{
   std::string deals = "id,amount,booked_on,ae\n";
   for (int i = 0; i < 300; ++i) {
      const int amount = 100 + (i * 137) % 2500;
      deals += fmt::format("D{},{}.00,2027-{:02}-1{},AE{}\n", 1000 + i, amount, i % 12 + 1, i % 10, i % 4);
   }
   return deals;
}

}  // namespace

TEST_CASE("in_slices covers the range once, in order, on any number of slices", "[run][parallel]")
{
   for (const unsigned jobs : {1u, 2u, 3u, 8u}) {
      for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{1000}}) {
         const auto slices = in_slices<std::vector<std::size_t>>(count, jobs, [](std::size_t begin, std::size_t end) {
            std::vector<std::size_t> covered(end - begin);
            std::iota(covered.begin(), covered.end(), begin);
            return covered;
         });
         std::vector<std::size_t> joined;
         for (const auto& slice : slices) joined.insert(joined.end(), slice.begin(), slice.end());
         std::vector<std::size_t> expected(count);
         std::iota(expected.begin(), expected.end(), 0);
         CHECK(joined == expected);
         CHECK(slices.size() == std::max<std::size_t>(1, std::min<std::size_t>(jobs, count)));
      }
   }
   CHECK_THROWS_AS(in_slices<int>(10, 2, [](std::size_t begin, std::size_t) -> int {
                      if (begin == 0) throw std::runtime_error("first slice");
                      return 0;
                   }),
                   std::runtime_error);
}

TEST_CASE("--jobs: generated deals give byte-identical output with 1, 2 and 3 jobs", "[run][parallel]")
{
   const auto plan = test_support::load_plan(test_support::reference_plan_text(), "plans/expansion-fy2027.plan");
   const auto files = bench::generate_deals(20'000, 7);
   const auto one = everything_written(*plan, inputs_with(files.deals, files.people, 1));
   // The ledger is formatted in blocks of 16,384 lines, one block per job a round: with three
   // jobs this ledger takes two rounds, the second short.
   const auto lines = run_plan(*plan, inputs_with(files.deals, files.people, 1)).ledger.size();
   constexpr std::size_t block = 16'384;
   CHECK(lines > 3 * block);
   CHECK(lines < block * 2 * 3);
   // The set has every outcome, so the comparison covers every path of the run.
   for (const auto* status : {"\"credited\"", "\"out_of_period\"", "\"excluded\"", "\"uncredited\"", "\"input_error\"",
                              "\"malformed\"", ",clawback,", ",partner_fee\n", ",retained,"}) {
      CHECK(one.find(status) != std::string::npos);
   }
   CHECK(everything_written(*plan, inputs_with(files.deals, files.people, 2)) == one);
   CHECK(everything_written(*plan, inputs_with(files.deals, files.people, 3)) == one);
}

TEST_CASE("--jobs: rows that cannot be read keep their place among the others with any number of jobs",
          "[run][parallel]")
{
   // Malformed rows first, between slices and last: each outcome in file order, whatever the split.
   const std::string good = ",Globex,new,,1000.00,false,2027-03-01,,,Ana,,,false\n";
   const std::string bad = ",Globex,new,,lots,false,2027-03-01,,,Ana,,,false\n";
   std::string deals = test_support::deals_header;
   for (const auto& [id, row] : std::vector<std::pair<const char*, const std::string*>>{
           {"B1", &bad}, {"D2", &good}, {"D3", &good}, {"B4", &bad}, {"B5", &bad}, {"D6", &good},
           {"D7", &good}, {"D8", &good}, {"B9", &bad}}) {
      deals += id + *row;
   }
   const auto& plan = test_support::reference_plan();
   const auto one = everything_written(plan, inputs_with(deals, test_support::default_people, 1));
   const auto result = run_plan(plan, inputs_with(deals, test_support::default_people, 1));
   std::string statuses;
   for (const auto& deal : result.deals) statuses += fmt::format("{}:{} ", deal.id(), to_string(deal.status));
   CHECK(statuses == "B1:malformed D2:credited D3:credited B4:malformed B5:malformed D6:credited D7:credited "
                     "D8:credited B9:malformed ");
   for (const unsigned jobs : {2U, 3U, 4U, 9U}) {
      INFO(jobs << " jobs");
      CHECK(everything_written(plan, inputs_with(deals, test_support::default_people, jobs)) == one);
   }
}

TEST_CASE("--jobs: running totals that overflow fail the same deals with several jobs", "[run][parallel]")
{
   // Eleven deals each for Ana and Ben, each paying on its own, whose eleventh running total
   // overflows 128 bits; with two jobs the two are summed on different threads. Booked in the
   // reverse of id order, so that attainment (by booked_on) and a second quantity summed by id
   // overflow on different deals. Each failure pays the rest again, and which deal leaves first
   // depends on every overflow noted: here the last deals by id, D21 and D22.
   const std::string amount = "180000000000000000000000000000000000.01";
   std::string deals = test_support::deals_header;
   for (int id = 1; id <= 22; ++id) {
      deals += fmt::format("D{:02},Globex,new,,{},false,2027-03-{:02},,,{},,,false\n", id, amount, 30 - id,
                           id % 2 == 1 ? "Ana" : "Ben");
   }
   const auto plan = test_support::load_plan(
      test_support::reference_plan_text() + "\ncumulative volume for AE sums credit ordered by id\n", "volume.plan");
   const auto one = everything_written(*plan, inputs_with(deals, test_support::default_people, 1));
   CHECK_THAT(one, Catch::Contains("error[R014]: deal 'D21': number too large for exact arithmetic"));
   CHECK_THAT(one, Catch::Contains("error[R014]: deal 'D22': number too large for exact arithmetic"));
   CHECK_THAT(one, Catch::Contains("20 credited"));
   for (const unsigned jobs : {2U, 3U}) {
      INFO(jobs << " jobs");
      CHECK(everything_written(*plan, inputs_with(deals, test_support::default_people, jobs)) == one);
   }
}

TEST_CASE("--jobs: deals that fail while paid are dropped the same way with several jobs", "[run][parallel]")
{
   // With a cumulative, each failure means paying the rest again without the failed deal;
   // without one, failed deals simply leave. Either way the output must not depend on jobs.
   for (const auto& text : {gap_plan("attainment", "cumulative attainment for AE sums credit ordered by booked_on, id"),
                            gap_plan("credit", "")}) {
      const auto plan = test_support::load_plan(text, "gap.plan");
      const auto one = everything_written(*plan, inputs_with(gap_deals(), "", 1));
      CHECK(one.find("input_error") != std::string::npos);
      CHECK(one.find("\"credited\"") != std::string::npos);
      for (const unsigned jobs : {2u, 3u, 7u}) {
         CHECK(everything_written(*plan, inputs_with(gap_deals(), "", jobs)) == one);
      }
   }
}

TEST_CASE("--jobs: retroactive tiers write the same true-ups with several jobs", "[run][parallel][true_up]")
{
   // Each AE's first deals stay at 100%, a deal reaching into the gap fails, and the deal that
   // takes the total above 2,000 trues up the earlier ones to 200%.
   const auto plan = test_support::load_plan(
      gap_plan("attainment", "cumulative attainment for AE sums credit ordered by booked_on, id", "retroactive"),
      "gap.plan");
   const auto one = everything_written(*plan, inputs_with(gap_deals(), "", 1));
   CHECK(one.find(",true_up,") != std::string::npos);
   CHECK(one.find("input_error") != std::string::npos);
   for (const unsigned jobs : {2u, 3u, 7u}) {
      CHECK(everything_written(*plan, inputs_with(gap_deals(), "", jobs)) == one);
   }
}

TEST_CASE("A streamed ledger is written a round of deals at a time, and again when a failure restarts it",
          "[run][parallel][stream]")
{
   const auto& reference = test_support::reference_plan();
   // 40,000 deals are three rounds of 16,384 deals: with two jobs, two writes each.
   const auto files = bench::generate_deals(40'000, 3);
   for (const unsigned jobs : {1U, 2U}) {
      INFO(jobs << " jobs");
      const auto inputs = inputs_with(files.deals, files.people, jobs);
      const auto kept = everything_written(reference, inputs);
      counting_sink sink(reference, jobs);
      CHECK(everything_streamed(reference, inputs, sink) == kept);
      CHECK(sink.writes == static_cast<int>(3 * jobs));
      CHECK(sink.restarts == 0);
      CHECK(sink.opened == 1);
   }
   // A deal failing while paid where running totals exist: the ledger is written again from the
   // start. Without running totals the failed deal simply leaves. The deal whose credit falls in
   // the gap is the last by id, paid in the second round, after the first round was written.
   std::string deals = "id,amount,booked_on,ae\n";
   for (int i = 0; i < 20'000; ++i) {
      deals += fmt::format("D{:05},{}.00,2027-{:02}-1{},AE{}\n", i, i == 19'999 ? 1500 : 500, i % 12 + 1, i % 10, i % 4);
   }
   for (const bool cumulative : {true, false}) {
      INFO((cumulative ? "with" : "without") << " a running total");
      const auto plan = test_support::load_plan(
         gap_plan("credit", cumulative ? "cumulative attainment for AE sums credit ordered by booked_on, id" : ""),
         "gap.plan");
      const auto inputs = inputs_with(deals, "", 2);
      const auto kept = everything_written(*plan, inputs);
      CHECK_THAT(kept, Catch::Contains("deal 'D19999'") && Catch::Contains("19999 credited"));
      counting_sink sink(*plan, 2);
      CHECK(everything_streamed(*plan, inputs, sink) == kept);
      CHECK(sink.restarts == (cumulative ? 1 : 0));
      CHECK(sink.opened == (cumulative ? 2 : 1));
      // Two slices a round; when restarted, after the first round, the whole ledger in one.
      CHECK(sink.writes == (cumulative ? 3 : 4));
   }
   // Retroactive tiers true up earlier deals once all are paid: the ledger comes in one write.
   const auto retroactive = test_support::load_plan(
      gap_plan("attainment", "cumulative attainment for AE sums credit ordered by booked_on, id", "retroactive"),
      "gap.plan");
   const auto inputs = inputs_with(gap_deals(), "", 2);
   counting_sink sink(*retroactive, 2);
   const auto streamed = everything_streamed(*retroactive, inputs, sink);
   CHECK(streamed == everything_written(*retroactive, inputs));
   CHECK(streamed.find(",true_up,") != std::string::npos);
   CHECK(sink.writes == 1);
}

TEST_CASE("A streamed ledger: a run that stops never opens it; a run with no lines writes the header",
          "[run][parallel][stream]")
{
   const auto& plan = test_support::reference_plan();
   counting_sink stopped(plan, 1);
   const auto missing_column = everything_streamed(plan, inputs_with("id,amount\nD1,10.00\n", "", 1), stopped);
   CHECK(stopped.opened == 0);
   CHECK(stopped.ledger.str().empty());
   CHECK_THAT(missing_column, Catch::Contains("run stopped: nothing was written"));
   counting_sink empty(plan, 2);
   const auto no_deals = inputs_with(test_support::deals_header, test_support::default_people, 2);
   const auto header_only = everything_streamed(plan, no_deals, empty);
   CHECK(empty.opened == 1);
   CHECK(empty.writes == 0);
   CHECK(empty.ledger.str() == "deal,person,role,event,date,amount,rule\n");
   CHECK(header_only == everything_written(plan, no_deals));
}

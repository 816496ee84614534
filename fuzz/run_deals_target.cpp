// Fuzz target: the reference plan run against a fuzzed deals file and the sample people file.
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
   using namespace compplan;
   static const std::string plan_text = fuzz::repository_file("plans/expansion-fy2027.plan");
   static const auto plan = fuzz::check_text(plan_text, "plans/expansion-fy2027.plan");
   static const std::string people = fuzz::repository_file("plans/people.csv");
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = std::string(fuzz::as_text(data, size));
   inputs.people_file = "people.csv";
   inputs.people_text = people;
   inputs.as_of = *date::parse("2027-12-31");
   fuzz::run_and_write(*plan, inputs);
   return 0;
}

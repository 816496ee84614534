// Fuzz target: a fuzzed plan run against the sample deals and people files.
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
   using namespace compplan;
   static const std::string deals = fuzz::repository_file("plans/deals.csv");
   static const std::string people = fuzz::repository_file("plans/people.csv");
   const auto plan = fuzz::check_text(std::string(fuzz::as_text(data, size)), "fuzz.plan");
   if (!plan) {
      return 0;
   }
   run_inputs inputs;
   inputs.deals_file = "deals.csv";
   inputs.deals_text = deals;
   inputs.people_file = "people.csv";
   inputs.people_text = people;
   inputs.as_of = *date::parse("2027-12-31");
   fuzz::run_and_write(*plan, inputs);
   return 0;
}

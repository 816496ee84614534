// compplan_generate DEALS SEED DEALS_FILE PEOPLE_FILE: writes the generated files (see deal_generator.hpp).
#include "bench/deal_generator.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>

int main(int argc, char** argv)
{
   if (argc != 5) {
      std::cerr << "usage: compplan_generate DEALS SEED DEALS_FILE PEOPLE_FILE\n";
      return 2;
   }
   const std::size_t count = std::strtoull(argv[1], nullptr, 10);
   if (count == 0 || count > 99'999'999) {
      std::cerr << "DEALS must be between 1 and 99999999\n";
      return 2;
   }
   const auto files = compplan::bench::generate_deals(count, std::strtoull(argv[2], nullptr, 10));
   std::ofstream deals(argv[3], std::ios::binary);
   deals << files.deals;
   std::ofstream people(argv[4], std::ios::binary);
   people << files.people;
   if (!deals.flush() || !people.flush()) {
      std::cerr << "cannot write the output files\n";
      return 1;
   }
   return 0;
}

// A deterministic deals file and people file for the reference plan, for benchmarks and tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace compplan::bench {

struct generated_files {
   std::string deals;   // header and one row per deal
   std::string people;  // every AE with a quota, every CSM and partner
};

// The deals cover every kind, source, partner and registration case, deals activated or not,
// churned early (clawed back), churned late or never, about 1% booked outside the plan period,
// a few that earn nothing or have an input error, and about one row in 50,000 with a bad value.
// Quotas are set so that about a third of the AEs cross theirs. The same count and seed give
// the same bytes.
generated_files generate_deals(std::size_t count, std::uint64_t seed);

}  // namespace compplan::bench

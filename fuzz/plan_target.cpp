// Fuzz target: a plan's text through the parser and the checker, diagnostics rendered.
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
   compplan::fuzz::check_text(std::string(compplan::fuzz::as_text(data, size)), "fuzz.plan");
   return 0;
}

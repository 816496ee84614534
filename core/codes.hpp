// Every diagnostic code compplan reports, with the one-line title docs/diagnostics.md gives it:
// the table behind SARIF's rule list and the documentation test.
#pragma once

#include "core/diagnostic.hpp"

#include <span>
#include <string_view>

namespace compplan {

struct code_info {
   std::string_view code;
   std::string_view title;      // as the heading in docs/diagnostics.md says it
   severity level;              // the severity it is reported with (L codes: the usual one)
};

std::span<const code_info> diagnostic_codes();
const code_info* find_code(std::string_view code);

}  // namespace compplan

// `compplan test --update`: the expect lines of failed examples rewritten from what was paid.
#pragma once

#include "examples/example_run.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace compplan {

struct update_result {
   std::string text;                  // the file with its failed examples' expect lines rewritten
   std::vector<std::string> updated;  // the examples rewritten
   std::vector<std::string> skipped;  // examples that could not be, with the reason
};

// Rewrites, in `text` (the file `file`), the expect lines of each failed example written there.
// An expect line that held stays as written; one that did not is removed; a line the run paid
// and the example does not expect is added after the line the run put before it, with the
// indentation of the example's first expect line. Everything else stays byte for byte.
update_result update_expectations(std::string_view text, std::string_view file,
                                  const std::vector<example_result>& results, int currency_places);

}  // namespace compplan

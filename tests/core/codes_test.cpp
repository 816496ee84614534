// The code table and docs/diagnostics.md agree: every code has its section, under its title.
#include "core/codes.hpp"
#include "tests/support.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <sstream>

using namespace compplan;

TEST_CASE("every diagnostic code is documented under the title the table gives it", "[core]")
{
   const auto docs = test_support::read_source_file("docs/diagnostics.md");
   std::set<std::string> documented;
   std::istringstream lines(docs);
   for (std::string line; std::getline(lines, line);) {
      if (!line.starts_with("### ") || line.size() < 10 || line[8] != ':') continue;
      const auto code = line.substr(4, 4);
      if (code[0] != 'P' && code[0] != 'C' && code[0] != 'L' && code[0] != 'R') continue;
      documented.insert(code);
      INFO(line);
      const auto* info = find_code(code);
      REQUIRE(info != nullptr);
      CHECK(line.substr(10) == info->title);
   }
   for (const auto& code : diagnostic_codes()) {
      INFO(code.code);
      CHECK(documented.contains(std::string(code.code)));
   }
   CHECK(documented.size() == diagnostic_codes().size());
   CHECK(find_code("C017") == nullptr);  // retired numbers stay free
}

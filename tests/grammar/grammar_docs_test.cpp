// docs/language.md's section 7 gives the grammar exactly as grammar/rules.hpp's EBNF comments.
#include "tests/support.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

// The EBNF productions of rules.hpp, in order: "// name = ..." lines and their continuation lines.
std::vector<std::string> rules_productions(const std::string& text)
{
   const std::regex production("^// [a-z_]+ = .*");
   const std::regex continuation("^//  +\\S.*");
   std::vector<std::string> lines;
   bool in_production = false;
   std::istringstream in(text);
   for (std::string line; std::getline(in, line);) {
      if (std::regex_match(line, production)) {
         lines.push_back(line.substr(3));
         in_production = true;
      }
      else if (in_production && std::regex_match(line, continuation)) {
         lines.push_back(line.substr(3));
      }
      else {
         in_production = false;
      }
   }
   return lines;
}

// The lines of the first code block after the "## 7." heading, blank lines left out.
std::vector<std::string> section_seven_grammar(const std::string& text)
{
   std::istringstream in(text.substr(text.find("\n## 7. ")));
   std::vector<std::string> lines;
   bool inside = false;
   for (std::string line; std::getline(in, line);) {
      if (line == "```") {
         if (inside) break;
         inside = true;
         continue;
      }
      if (inside && !line.empty()) lines.push_back(line);
   }
   return lines;
}

}  // namespace

TEST_CASE("the grammar in docs/language.md section 7 is rules.hpp's EBNF", "[grammar]")
{
   const auto rules = rules_productions(compplan::test_support::read_source_file("grammar/rules.hpp"));
   const auto docs = section_seven_grammar(compplan::test_support::read_source_file("docs/language.md"));
   REQUIRE(rules.size() > 60);
   CHECK(docs == rules);
}

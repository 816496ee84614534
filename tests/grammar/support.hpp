// Helpers for the grammar tests.
#pragma once

#include "grammar/parse.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace compplan::test_support {

// The one error of a failed parse, as "line:column: CODE message"; "parsed" when it parses.
inline std::string parse_error(const std::string& text)
{
   const auto result = parse_plan(text, "t.plan");
   if (result.plan) {
      return "parsed";
   }
   REQUIRE(result.diagnostics.size() == 1);
   const auto& d = result.diagnostics.items().front();
   CHECK(d.span.file == "t.plan");
   return std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " + d.code + " " + d.message;
}

}  // namespace compplan::test_support

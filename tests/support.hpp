// Helpers shared by the test files: reading files of the repository, repeating text.
#pragma once

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace compplan::test_support {

// The contents of a file, by its path relative to the repository root.
inline std::string read_source_file(const std::string& relative)
{
   std::ifstream in(std::string(COMPPLAN_SOURCE_DIR) + "/" + relative, std::ios::binary);
   INFO(relative);
   REQUIRE(in);
   std::ostringstream text;
   text << in.rdbuf();
   return std::move(text).str();
}

// `piece` written `count` times: the generated inputs of the nesting and size tests.
inline std::string repeated(std::string_view piece, std::size_t count)
{
   std::string text;
   text.reserve(piece.size() * count);
   for (std::size_t i = 0; i < count; ++i) {
      text += piece;
   }
   return text;
}

inline std::string reference_plan_text()
{
   return read_source_file("plans/expansion-fy2027.plan");
}

}  // namespace compplan::test_support

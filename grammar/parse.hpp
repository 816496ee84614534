// Entry point of the grammar stage: plan text in, AST and parse diagnostics out.
#pragma once

#include "core/diagnostic.hpp"
#include "grammar/ast.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace compplan {

struct parse_result {
   std::optional<ast::plan> plan;  // absent when the text does not parse
   diagnostic_list diagnostics;    // P codes; at most one error (parsing stops at the first)
};

// How deeply expressions may nest (parentheses, not, unary minus, if, call arguments).
inline constexpr std::size_t max_expression_depth = 64;
// How many levels an expression tree may have, long operator chains included (a + b + ... is
// one level per operator): every pass that walks expressions recurses at most this deep.
inline constexpr std::uint32_t max_expression_height = 500;
// Names (identifiers) are at most this long, so that a message quoting one stays short (P013).
inline constexpr std::size_t max_name_length = 200;

parse_result parse_plan(std::string_view text, const std::string& file_name);

// The number of problems PEGTL's grammar analysis finds in the plan grammar (0 when sound);
// the problems themselves are printed on standard error.
std::size_t analyze_plan_grammar();

}  // namespace compplan

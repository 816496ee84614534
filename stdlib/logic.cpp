// The logic family: coalesce and is_blank, the two functions that look at blanks themselves.
#include "stdlib/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <limits>

namespace compplan {
namespace {

// Whether `next` can share a result with the type `so_far` collected from earlier arguments.
// Numeric kinds follow the math rules: a number joins money or percent, money and percent never
// meet. Any other kind must match exactly, enumerations by identity.
bool joins(const value_type& so_far, const value_type& next)
{
   if (so_far.is_numeric() && next.is_numeric()) {
      return join_numeric(so_far.kind, next.kind).has_value();
   }
   if (so_far.kind != next.kind) {
      return false;
   }
   return so_far.kind != type_kind::enumeration || so_far.enumeration == next.enumeration;
}

builtin_function coalesce()
{
   builtin_function f;
   f.name = "coalesce";
   f.family = "logic";
   f.signature = "coalesce(a, b, ...)";
   f.summary = "The first argument that is not blank, or blank when all are.";
   f.min_args = 1;
   f.max_args = std::numeric_limits<std::size_t>::max();  // no upper limit
   f.blank_in_blank_out = false;
   f.check = [](std::span<const value_type> args, std::string& error) -> std::optional<value_type> {
      value_type result = args[0].required();
      for (std::size_t i = 1; i < args.size(); ++i) {
         const value_type& next = args[i];
         if (!joins(result, next)) {
            if (result.is_numeric() && next.is_numeric()) {
               error = "coalesce cannot mix money and percent";
            } else if (result.kind == type_kind::enumeration && next.kind == type_kind::enumeration) {
               error = fmt::format("coalesce expects argument {} to come from the same enumeration as "
                                   "argument 1",
                                   i + 1);
            } else {
               error = fmt::format("coalesce expects argument {} to have the type of argument 1 ({}), found {}",
                                   i + 1, describe(result), describe(next));
            }
            return std::nullopt;
         }
         if (result.kind == type_kind::number) {
            result.kind = next.kind;  // number joined by money or percent, or number again
         }
      }
      result.optional = std::all_of(args.begin(), args.end(), [](const value_type& t) { return t.optional; });
      return result;
   };
   f.call = [](std::span<const value> args) -> value {
      auto found = std::find_if(args.begin(), args.end(), [](const value& v) { return !is_blank(v); });
      return found == args.end() ? value{blank_value{}} : *found;
   };
   return f;
}

builtin_function is_blank_function()
{
   builtin_function f;
   f.name = "is_blank";
   f.family = "logic";
   f.signature = "is_blank(x)";
   f.summary = "True when the value is blank (an empty cell, a missing date), false otherwise.";
   f.min_args = 1;
   f.max_args = 1;
   f.blank_in_blank_out = false;
   f.check = [](std::span<const value_type>, std::string&) -> std::optional<value_type> {
      return value_type{type_kind::boolean, false};
   };
   f.call = [](std::span<const value> args) -> value { return is_blank(args[0]); };
   return f;
}

}  // namespace

void register_logic(function_registry& registry)
{
   registry.add(coalesce());
   registry.add(is_blank_function());
}

}  // namespace compplan

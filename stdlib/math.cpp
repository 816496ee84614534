// The math family: min, max, abs and rounding to an increment (round, round_even, floor, ceil).
#include "stdlib/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string_view>
#include <utility>

namespace compplan {
namespace {

// The decimal every numeric value carries.
const decimal& numeric_argument(std::string_view function, std::span<const value> args, std::size_t index)
{
   return argument<decimal>(function, args, index, "numeric");
}

// Money or percent wins over number; money with percent is an error. Every argument must be
// numeric. Returns the kind of the result, or nothing with `error` set.
std::optional<type_kind> combine_numeric(std::string_view function, std::span<const value_type> args,
                                         std::string& error)
{
   std::optional<type_kind> kind = type_kind::number;
   for (std::size_t i = 0; i < args.size(); ++i) {
      if (!args[i].is_numeric()) {
         error = fmt::format("{} expects a numeric value as argument {}, found {}", function, i + 1,
                             describe(args[i]));
         return std::nullopt;
      }
      if (kind) kind = join_numeric(*kind, args[i].kind);
   }
   if (!kind) {
      error = fmt::format("{} cannot mix money and percent", function);
   }
   return kind;
}

builtin_function extremum(const std::string& name, bool want_max)
{
   builtin_function f;
   f.name = name;
   f.family = "math";
   f.signature = name + "(a, b, ...)";
   f.summary = want_max ? "The largest of two or more numbers, money amounts or percents."
                        : "The smallest of two or more numbers, money amounts or percents.";
   f.min_args = 2;
   f.max_args = std::numeric_limits<std::size_t>::max();  // no upper limit
   f.check = [name](std::span<const value_type> args, std::string& error) -> std::optional<value_type> {
      auto kind = combine_numeric(name, args, error);
      if (!kind) {
         return std::nullopt;
      }
      return value_type{*kind, any_optional(args)};
   };
   f.call = [name, want_max](std::span<const value> args) -> value {
      decimal best = numeric_argument(name, args, 0);
      for (std::size_t i = 1; i < args.size(); ++i) {
         const decimal& candidate = numeric_argument(name, args, i);
         if (want_max ? candidate > best : candidate < best) {
            best = candidate;
         }
      }
      return best;
   };
   return f;
}

builtin_function absolute()
{
   builtin_function f;
   f.name = "abs";
   f.family = "math";
   f.signature = "abs(x)";
   f.summary = "The value without its sign: abs(-5) is 5.";
   f.min_args = 1;
   f.max_args = 1;
   f.check = [](std::span<const value_type> args, std::string& error) -> std::optional<value_type> {
      if (!args[0].is_numeric()) {
         error = fmt::format("abs expects a numeric value as argument 1 (x), found {}", describe(args[0]));
         return std::nullopt;
      }
      return value_type{args[0].kind, args[0].optional};
   };
   f.call = [](std::span<const value> args) -> value { return numeric_argument("abs", args, 0).abs(); };
   return f;
}

builtin_function rounding(const std::string& name, rounding_mode mode, std::string summary)
{
   builtin_function f;
   f.name = name;
   f.family = "math";
   f.signature = name + "(x, increment)";
   f.summary = std::move(summary);
   f.min_args = 2;
   f.max_args = 2;
   f.check = [name](std::span<const value_type> args, std::string& error) -> std::optional<value_type> {
      const value_type& x = args[0];
      const value_type& increment = args[1];
      if (!x.is_numeric()) {
         error = fmt::format("{} expects a numeric value as argument 1 (x), found {}", name, describe(x));
         return std::nullopt;
      }
      if (!increment.is_numeric()) {
         error = fmt::format("{} expects a numeric value as argument 2 (increment), found {}", name,
                             describe(increment));
         return std::nullopt;
      }
      if (increment.kind != type_kind::number && increment.kind != x.kind) {
         if (x.kind != type_kind::number) {
            error = fmt::format("{} cannot mix money and percent", name);
         } else {
            error = fmt::format("{} expects a number as argument 2 (increment) to match argument 1 (x), "
                                "found {}",
                                name, describe(increment));
         }
         return std::nullopt;
      }
      return value_type{x.kind, any_optional(args)};
   };
   f.call = [name, mode](std::span<const value> args) -> value {
      const decimal& x = numeric_argument(name, args, 0);
      const decimal& increment = numeric_argument(name, args, 1);
      if (increment.sign() <= 0) {
         throw evaluation_error(
            fmt::format("{} needs an increment above zero, found {}", name, increment.to_string()));
      }
      return x.round_to(increment, mode);
   };
   return f;
}

}  // namespace

void register_math(function_registry& registry)
{
   registry.add(extremum("min", false));
   registry.add(extremum("max", true));
   registry.add(absolute());
   registry.add(rounding("round", rounding_mode::half_up,
                         "Rounds to the nearest multiple of the increment; ties go away from zero."));
   registry.add(rounding("round_even", rounding_mode::half_even,
                         "Rounds to the nearest multiple of the increment; ties go to the even multiple."));
   registry.add(rounding("floor", rounding_mode::floor,
                         "Rounds down (toward negative infinity) to a multiple of the increment."));
   registry.add(rounding("ceil", rounding_mode::ceiling,
                         "Rounds up (toward positive infinity) to a multiple of the increment."));
}

}  // namespace compplan

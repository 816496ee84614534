// The text family: upper, lower, starts_with, contains and length.
#include "stdlib/registry.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace compplan {
namespace {

// Checks that every argument is text (enumeration values are not text); `parameters` names the
// arguments for the message. The result is `result`, optional when any argument is.
auto text_check(std::string name, std::vector<std::string> parameters, type_kind result)
{
   return [name = std::move(name), parameters = std::move(parameters), result](
             std::span<const value_type> args, std::string& error) -> std::optional<value_type> {
      for (std::size_t i = 0; i < args.size(); ++i) {
         if (args[i].kind != type_kind::text) {
            error = fmt::format("{} expects text as argument {} ({}), found {}", name, i + 1,
                                i < parameters.size() ? parameters[i] : "?", describe(args[i]));
            return std::nullopt;
         }
      }
      return value_type{result, any_optional(args)};
   };
}

const std::string& text_argument(std::string_view function, std::span<const value> args, std::size_t index)
{
   return argument<std::string>(function, args, index, "text");
}

builtin_function make(std::string name, std::vector<std::string> parameters, std::string summary,
                      type_kind result, std::function<value(std::span<const value>)> call)
{
   builtin_function f;
   f.name = name;
   f.family = "text";
   f.signature = fmt::format("{}({})", name, fmt::join(parameters, ", "));
   f.summary = std::move(summary);
   f.min_args = parameters.size();
   f.max_args = parameters.size();
   f.check = text_check(name, std::move(parameters), result);
   f.call = std::move(call);
   return f;
}

std::string map_ascii(std::string text, char from_first, char from_last, int shift)
{
   for (char& c : text) {
      if (c >= from_first && c <= from_last) {
         c = static_cast<char>(c + shift);
      }
   }
   return text;
}

// Code points, not bytes: every byte except UTF-8 continuation bytes (10xxxxxx) starts one.
std::size_t code_points(std::string_view text)
{
   return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
   }));
}

}  // namespace

void register_text(function_registry& registry)
{
   registry.add(make("upper", {"t"}, "The text with the ASCII letters a-z made capital.", type_kind::text,
                     [](std::span<const value> args) -> value {
                        return map_ascii(text_argument("upper", args, 0), 'a', 'z', 'A' - 'a');
                     }));
   registry.add(make("lower", {"t"}, "The text with the ASCII letters A-Z made small.", type_kind::text,
                     [](std::span<const value> args) -> value {
                        return map_ascii(text_argument("lower", args, 0), 'A', 'Z', 'a' - 'A');
                     }));
   registry.add(make("starts_with", {"t", "prefix"}, "True when the text begins with the prefix (case matters).",
                     type_kind::boolean, [](std::span<const value> args) -> value {
                        return text_argument("starts_with", args, 0)
                           .starts_with(text_argument("starts_with", args, 1));
                     }));
   registry.add(make("contains", {"t", "part"}, "True when the part occurs anywhere in the text (case matters).",
                     type_kind::boolean, [](std::span<const value> args) -> value {
                        return text_argument("contains", args, 0).find(text_argument("contains", args, 1)) !=
                               std::string::npos;
                     }));
   registry.add(make("length", {"t"}, "The number of characters (Unicode code points) in the text.",
                     type_kind::number, [](std::span<const value> args) -> value {
                        auto count = code_points(text_argument("length", args, 0));
                        return decimal::from_int(static_cast<std::int64_t>(count));
                     }));
}

}  // namespace compplan

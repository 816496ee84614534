// Helpers shared by the standard library tests: argument types, lookup, checking, calling and labels.
#pragma once

#include "stdlib/registry.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

namespace compplan::stdlib_test {

inline const value_type number{type_kind::number};
inline const value_type optional_number{type_kind::number, true};
inline const value_type money{type_kind::money};
inline const value_type optional_money{type_kind::money, true};
inline const value_type percent{type_kind::percent};
inline const value_type optional_percent{type_kind::percent, true};
inline const value_type a_date{type_kind::date};
inline const value_type optional_date{type_kind::date, true};
inline const value_type days{type_kind::days};
inline const value_type optional_days{type_kind::days, true};
inline const value_type a_text{type_kind::text};
inline const value_type optional_text{type_kind::text, true};
inline const value_type region{type_kind::enumeration, false, 3};
inline const value_type optional_region{type_kind::enumeration, true, 3};
inline const value_type tier{type_kind::enumeration, false, 4};

// One call and what it should give: a type description, a value as `show` writes it, or an error.
template <typename Arg>
struct call_case {
   std::string name;
   std::vector<Arg> args;
   std::string expected;
};

using type_case = call_case<value_type>;

inline const builtin_function& function(const std::string& name)
{
   const builtin_function* found = standard_library().find(name);
   INFO(name);
   REQUIRE(found != nullptr);
   return *found;
}

// The result type as a person reads it ("optional money"), or "error: " and the message.
inline std::string check(const std::string& name, const std::vector<value_type>& args)
{
   std::string error;
   auto result = function(name).check(args, error);
   return result ? describe(*result) : "error: " + error;
}

inline decimal num(const char* text) { return decimal::parse(text).value(); }

// A value as the expectations write it: "2.35", "2027-03-01", "59 days", "\"text\"", "member 2", "blank".
inline std::string show(const value& v)
{
   if (is_blank(v)) {
      return "blank";
   }
   if (const auto* b = std::get_if<bool>(&v)) {
      return *b ? "true" : "false";
   }
   if (const auto* n = std::get_if<decimal>(&v)) {
      return n->to_string();
   }
   if (const auto* d = std::get_if<date>(&v)) {
      return d->to_string();
   }
   if (const auto* c = std::get_if<day_count>(&v)) {
      return fmt::format("{} days", c->days);
   }
   if (const auto* t = std::get_if<std::string>(&v)) {
      return '"' + *t + '"';
   }
   if (const auto* e = std::get_if<enum_value>(&v)) {
      return fmt::format("member {}", e->index);
   }
   return "unexpected value";
}

// The result as `show` writes it, or the kind and message of the error thrown.
inline std::string run(const std::string& name, const std::vector<value>& args)
{
   try {
      return show(function(name).call(args));
   } catch (const evaluation_error& e) {
      return std::string("evaluation error: ") + e.what();
   } catch (const arithmetic_error& e) {
      return std::string("arithmetic error: ") + e.what();
   }
}

// The call as a label for failure messages: "round(money, number)", "coalesce(optional enumeration #3)".
inline std::string call_text(const std::string& name, const std::vector<value_type>& args)
{
   std::vector<std::string> parts;
   parts.reserve(args.size());
   for (const auto& a : args) {
      parts.push_back(a.kind == type_kind::enumeration ? fmt::format("{} #{}", describe(a), a.enumeration)
                                                       : describe(a));
   }
   return fmt::format("{}({})", name, fmt::join(parts, ", "));
}

// The call as a label for failure messages: "add_days(2027-03-01, 120)".
inline std::string call_text(const std::string& name, const std::vector<value>& args)
{
   std::vector<std::string> parts;
   parts.reserve(args.size());
   for (const auto& a : args) {
      parts.push_back(show(a));
   }
   return fmt::format("{}({})", name, fmt::join(parts, ", "));
}

}  // namespace compplan::stdlib_test

// Runtime values and their static types, shared by the checker, the stdlib and the interpreter.
#pragma once

#include "core/date.hpp"
#include "core/decimal.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <variant>

namespace compplan {

// number: a plain quantity (25_000, 1.5); money: an amount in the plan's currency;
// percent: a ratio written 70% (its value is 0.7). All three carry a decimal at run time.
enum class type_kind { boolean, number, money, percent, date, days, text, enumeration };
std::string_view to_string(type_kind kind);

struct value_type {
   type_kind kind = type_kind::number;
   bool optional = false;     // may be blank (an empty CSV cell, a date that does not exist)
   int enumeration = -1;      // for type_kind::enumeration: which enumeration (checker's id)

   bool is_numeric() const
   {
      return kind == type_kind::number || kind == type_kind::money || kind == type_kind::percent;
   }
   value_type required() const
   {
      value_type t = *this;
      t.optional = false;
      return t;
   }
   value_type maybe_blank(bool blank = true) const
   {
      value_type t = *this;
      t.optional = t.optional || blank;
      return t;
   }
   friend bool operator==(const value_type&, const value_type&) = default;
};

// The name a person reads: "money", "optional date", "enumeration".
std::string describe(const value_type& type);

// The numeric mixing rule shared by operators and functions: a plain number joins money or
// percent (and takes their kind); money and percent never meet. Nothing when either kind is not
// numeric or the two do not mix.
std::optional<type_kind> join_numeric(type_kind a, type_kind b);

// Whether any of the types may be blank: a function's result is then blank too.
bool any_optional(std::span<const value_type> types);

struct blank_value {
   friend bool operator==(blank_value, blank_value) { return true; }
};

// An enumeration member, as its position in the enumeration's declared values.
struct enum_value {
   std::uint32_t index = 0;
   friend bool operator==(enum_value, enum_value) = default;
};

using value = std::variant<blank_value, bool, decimal, date, day_count, std::string, enum_value>;

inline bool is_blank(const value& v) { return std::holds_alternative<blank_value>(v); }

// Raised by built-in functions and operators on bad values (a negative increment, a date out
// of range). The interpreter adds the place and the deal and reports it.
struct evaluation_error : std::runtime_error {
   using std::runtime_error::runtime_error;
};

}  // namespace compplan

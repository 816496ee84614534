// Names of value types as they appear in diagnostics and reports.
#include "core/value.hpp"

namespace compplan {

std::string_view to_string(type_kind kind)
{
   switch (kind) {
   case type_kind::boolean:
      return "boolean";
   case type_kind::number:
      return "number";
   case type_kind::money:
      return "money";
   case type_kind::percent:
      return "percent";
   case type_kind::date:
      return "date";
   case type_kind::days:
      return "days";
   case type_kind::text:
      return "text";
   case type_kind::enumeration:
      return "enumeration";
   }
   return "?";
}

std::string describe(const value_type& type)
{
   std::string name(to_string(type.kind));
   return type.optional ? "optional " + name : name;
}

std::optional<type_kind> join_numeric(type_kind a, type_kind b)
{
   if (!value_type{a}.is_numeric() || !value_type{b}.is_numeric()) return std::nullopt;
   if (a == b || b == type_kind::number) return a;
   if (a == type_kind::number) return b;
   return std::nullopt;  // money with percent
}

bool any_optional(std::span<const value_type> types)
{
   for (const auto& type : types) {
      if (type.optional) return true;
   }
   return false;
}

}  // namespace compplan

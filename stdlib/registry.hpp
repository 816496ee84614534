// The table of built-in functions that plans may call, filled by one register_<family> per file.
#pragma once

#include "core/value.hpp"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace compplan {

struct builtin_function {
   std::string name;
   std::string family;     // math, dates, logic, text
   std::string signature;  // as documented: "round(x, increment)"
   std::string summary;    // one line for hover text and --help
   std::size_t min_args = 0;
   std::size_t max_args = 0;

   // Decides the result type from the argument types, or writes why the call is wrong
   // into `error` (a sentence, e.g. "round expects a number as its increment, found date")
   // and returns nothing.
   std::function<std::optional<value_type>(std::span<const value_type> args, std::string& error)> check;

   // Computes the result. When `blank_in_blank_out` is set, the caller returns blank without
   // calling when any argument is blank, and `call` never sees a blank. Throws
   // evaluation_error or arithmetic_error on bad values.
   std::function<value(std::span<const value> args)> call;
   bool blank_in_blank_out = true;
};

// Argument `index` as a T. The checker guarantees the type, so a mismatch is a bug upstream,
// reported as an evaluation error rather than a crash. `kind` names T in the message.
template< typename T >
const T& argument(std::string_view function, std::span<const value> args, std::size_t index, std::string_view kind)
{
   const auto* found = std::get_if<T>(&args[index]);
   if (found == nullptr) {
      throw evaluation_error(fmt::format("{} received a non-{} value as argument {}", function, kind, index + 1));
   }
   return *found;
}

class function_registry {
public:
   void add(builtin_function function);
   const builtin_function* find(std::string_view name) const;
   std::vector<const builtin_function*> all() const;  // by name

private:
   std::map<std::string, builtin_function, std::less<>> m_functions;
};

void register_math(function_registry& registry);
void register_dates(function_registry& registry);
void register_logic(function_registry& registry);
void register_text(function_registry& registry);

// Every family registered once; shared, immutable.
const function_registry& standard_library();

}  // namespace compplan

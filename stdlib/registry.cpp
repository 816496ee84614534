// The function registry and the shared standard library built from the four families.
#include "stdlib/registry.hpp"

#include <stdexcept>
#include <utility>

namespace compplan {

void function_registry::add(builtin_function function)
{
   if (m_functions.contains(function.name)) {
      throw std::logic_error("function " + function.name + " is registered twice");
   }
   std::string name = function.name;
   m_functions.emplace(std::move(name), std::move(function));
}

const builtin_function* function_registry::find(std::string_view name) const
{
   auto found = m_functions.find(name);
   return found == m_functions.end() ? nullptr : &found->second;
}

std::vector<const builtin_function*> function_registry::all() const
{
   std::vector<const builtin_function*> functions;
   functions.reserve(m_functions.size());
   for (const auto& entry : m_functions) {
      functions.push_back(&entry.second);
   }
   return functions;
}

const function_registry& standard_library()
{
   static const function_registry library = [] {
      function_registry registry;
      register_math(registry);
      register_dates(registry);
      register_logic(registry);
      register_text(registry);
      return registry;
   }();
   return library;
}

}  // namespace compplan

// Phase 2: definitions typed in dependency order (as in a spreadsheet, whatever their order in
// the file), and cycles reported with the whole chain.
#include "check/checker.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace compplan::check {

namespace {

void report_cycle(checker& c, int again)
{
   const auto start = std::find(c.definitions_typing.begin(), c.definitions_typing.end(), again);
   std::string chain;
   for (auto it = start; it != c.definitions_typing.end(); ++it) {
      chain += c.plan.definitions[static_cast<std::size_t>(*it)].name.text + " -> ";
   }
   chain += c.plan.definitions[static_cast<std::size_t>(again)].name.text;
   const auto& first = c.plan.definitions[static_cast<std::size_t>(again)];
   auto& d = c.diagnostics.error("C008", first.name.span,
                                 fmt::format("definitions refer to each other in a cycle: {}", chain));
   for (auto it = std::next(start); it != c.definitions_typing.end(); ++it) {
      const auto& def = c.plan.definitions[static_cast<std::size_t>(*it)];
      d.notes.push_back({def.name.span, fmt::format("'{}' is part of the cycle", def.name.text)});
   }
}

}  // namespace

value_type checker::type_definition(int index)
{
   const auto slot = static_cast<std::size_t>(index);
   const auto& def = plan.definitions[slot];
   switch (definition_progress[slot]) {
      case progress::typed: return out.types[def.value->id];
      case progress::typing: report_cycle(*this, index); return error_type;
      case progress::untyped: break;
   }
   definition_progress[slot] = progress::typing;
   definitions_typing.push_back(index);
   infer(*def.value, scope{});
   definitions_typing.pop_back();
   definition_progress[slot] = progress::typed;
   out.definition_order.push_back(index);
   return out.types[def.value->id];
}

void phase2_definitions(checker& c)
{
   for (std::size_t i = 0; i < c.plan.definitions.size(); ++i) {
      c.type_definition(static_cast<int>(i));
   }
}

}  // namespace compplan::check

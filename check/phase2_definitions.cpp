// Phase 2: the order definitions are evaluated in (by dependency, as in a spreadsheet), and cycles.
#include "check/checker.hpp"

#include <fmt/format.h>

namespace compplan::check {

namespace {

void collect_definition_references(const checker& c, const ast::expression& expr, std::vector<int>& found)
{
   if (const auto* name = std::get_if<ast::name_ref>(&expr.node)) {
      if (const auto it = c.definitions.find(name->name); it != c.definitions.end()) {
         found.push_back(it->second);
      }
   }
   ast::for_each_child(expr, [&](const ast::expression& child) { collect_definition_references(c, child, found); });
}

enum class mark { unvisited, visiting, done };

struct orderer {
   checker& c;
   std::vector<std::vector<int>> references;
   std::vector<mark> marks;
   std::vector<int> path;

   void visit(int index)
   {
      auto& state = marks[static_cast<std::size_t>(index)];
      if (state == mark::done) {
         return;
      }
      if (state == mark::visiting) {
         report_cycle(index);
         return;
      }
      state = mark::visiting;
      path.push_back(index);
      for (const int next : references[static_cast<std::size_t>(index)]) {
         visit(next);
      }
      path.pop_back();
      state = mark::done;
      c.out.definition_order.push_back(index);
   }

   void report_cycle(int again)
   {
      auto start = std::find(path.begin(), path.end(), again);
      std::string chain;
      for (auto it = start; it != path.end(); ++it) {
         chain += c.plan.definitions[static_cast<std::size_t>(*it)].name.text + " -> ";
      }
      chain += c.plan.definitions[static_cast<std::size_t>(again)].name.text;
      const auto& first = c.plan.definitions[static_cast<std::size_t>(again)];
      auto& d = c.diagnostics.error("C008", first.name.span,
                                    fmt::format("definitions refer to each other in a cycle: {}", chain));
      for (auto it = std::next(start); it != path.end(); ++it) {
         const auto& def = c.plan.definitions[static_cast<std::size_t>(*it)];
         d.notes.push_back({def.name.span, fmt::format("'{}' is part of the cycle", def.name.text)});
      }
   }
};

}  // namespace

void phase2_definitions(checker& c)
{
   orderer order{c, {}, {}, {}};
   order.references.resize(c.plan.definitions.size());
   order.marks.assign(c.plan.definitions.size(), mark::unvisited);
   for (std::size_t i = 0; i < c.plan.definitions.size(); ++i) {
      collect_definition_references(c, *c.plan.definitions[i].value, order.references[i]);
   }
   for (std::size_t i = 0; i < c.plan.definitions.size(); ++i) {
      order.visit(static_cast<int>(i));
   }
}

}  // namespace compplan::check

// A plan's companion file NAME.examples.plan, next to NAME.plan: more examples, and nothing else.
#pragma once

#include "core/diagnostic.hpp"
#include "grammar/ast.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace compplan {

// "plans/a.plan" -> "plans/a.examples.plan"; empty when the path does not end in ".plan" or
// already names a companion.
std::string companion_path(std::string_view plan_path);

// The plans that paths name, in order: a companion stands for its plan, unless the plan is named
// too (as `plans/*.plan` names both).
std::vector<std::string> plans_named(const std::vector<std::string>& paths);

// Moves the companion's examples after the plan's own. Every other clause there is C021: the
// rules of a plan are in one file.
void add_companion(ast::plan& plan, ast::plan&& companion, diagnostic_list& diagnostics);

}  // namespace compplan

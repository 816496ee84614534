// Companion files: finding them, and joining their examples to the plan they test.
#include "examples/companion.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace compplan {

namespace {

constexpr std::string_view plan_suffix = ".plan";
constexpr std::string_view companion_suffix = ".examples.plan";

std::string_view clause_word(ast::clause_kind kind)
{
   switch (kind) {
      case ast::clause_kind::header: return "plan header";
      case ast::clause_kind::role: return "role";
      case ast::clause_kind::record: return "record";
      case ast::clause_kind::definition: return "definition";
      case ast::clause_kind::exclusion: return "exclusion";
      case ast::clause_kind::crediting: return "crediting rule";
      case ast::clause_kind::cumulative: return "cumulative quantity";
      case ast::clause_kind::quota: return "quota";
      case ast::clause_kind::tiers: return "tier table";
      case ast::clause_kind::schedule: return "schedule";
      case ast::clause_kind::rate: return "rate";
      case ast::clause_kind::fee: return "fee";
      case ast::clause_kind::clawback: return "clawback";
      case ast::clause_kind::example: return "example";
   }
   return "clause";
}

}  // namespace

std::string companion_path(std::string_view plan_path)
{
   if (!plan_path.ends_with(plan_suffix) || plan_path.ends_with(companion_suffix)) {
      return {};
   }
   plan_path.remove_suffix(plan_suffix.size());
   return std::string(plan_path) + std::string(companion_suffix);
}

std::vector<std::string> plans_named(const std::vector<std::string>& paths)
{
   std::vector<std::string> plans;
   const auto named = [&](const std::string& plan) {
      return std::find(paths.begin(), paths.end(), plan) != paths.end() ||
             std::find(plans.begin(), plans.end(), plan) != plans.end();
   };
   for (std::string_view path : paths) {
      if (!path.ends_with(companion_suffix)) {
         plans.emplace_back(path);
         continue;
      }
      path.remove_suffix(companion_suffix.size());
      auto plan = std::string(path) + std::string(plan_suffix);
      if (!named(plan)) plans.push_back(std::move(plan));
   }
   return plans;
}

void add_companion(ast::plan& plan, ast::plan&& companion, diagnostic_list& diagnostics)
{
   for (const auto& clause : companion.clauses) {
      if (clause.kind == ast::clause_kind::example) {
         plan.examples.push_back(std::move(companion.examples[clause.index]));
         plan.clauses.push_back({ast::clause_kind::example, plan.examples.size() - 1});
         continue;
      }
      diagnostics.error("C021", ast::clause_span(companion, clause),
                        fmt::format("an examples file holds examples only; this {} belongs in {}",
                                    clause_word(clause.kind), plan.file));
   }
}

}  // namespace compplan

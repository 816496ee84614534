// The checker's entry: runs the numbered phases in order and keeps every diagnostic they find.
#include "check/checker.hpp"

#include <fmt/format.h>

namespace compplan {

std::optional<std::uint32_t> enumeration::find(std::string_view name) const
{
   for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] == name) {
         return static_cast<std::uint32_t>(i);
      }
   }
   return std::nullopt;
}

std::string enumeration::listed() const
{
   std::string list;
   for (const auto& value : values) {
      list += (list.empty() ? "" : ", ") + value;
   }
   return list;
}

int record_schema::find(std::string_view name) const
{
   for (std::size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].decl->name.text == name) {
         return static_cast<int>(i);
      }
   }
   return -1;
}

int checked_plan::role_index(std::string_view name) const
{
   for (std::size_t i = 0; i < plan().roles.size(); ++i) {
      if (plan().roles[i].name.text == name) {
         return static_cast<int>(i);
      }
   }
   return -1;
}

namespace check {

int checker::require_role(const ast::identifier& name)
{
   const int role = out.role_index(name.text);
   if (role < 0) {
      std::string known;
      for (const auto& r : plan.roles) {
         known += (known.empty() ? "" : ", ") + r.name.text;
      }
      diagnostics.error("C005", name.span,
                        fmt::format("unknown role '{}'; the plan's roles are {}", name.text,
                                    known.empty() ? "none (declare them with 'role NAME \"Display name\"')" : known));
   }
   return role;
}

}  // namespace check

check_result check_plan(const std::shared_ptr<const ast::plan>& syntax)
{
   check_result result;
   auto out = std::make_shared<checked_plan>();
   out->syntax = syntax;
   out->types.resize(syntax->expression_count);
   out->symbols.resize(syntax->expression_count);
   out->functions.resize(syntax->expression_count, nullptr);
   out->set_members.resize(syntax->expression_count);
   check::checker c{*syntax, *out, result.diagnostics, {}, {}, {}, {}, {}, {}};
   c.definition_progress.assign(syntax->definitions.size(), check::checker::progress::untyped);
   check::phase1_declarations(c);
   check::phase2_definitions(c);
   check::phase3_clauses(c);
   check::phase4_examples(c);
   result.diagnostics.sort_by_place();
   if (!result.diagnostics.has_errors()) {
      result.plan = std::move(out);
   }
   return result;
}

}  // namespace compplan

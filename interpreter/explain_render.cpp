// Explanations rendered: as text for people, and as JSON with every number an exact decimal string.
#include "interpreter/explain.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace compplan {

namespace {

// Whole cents as 1800.00; anything finer in full, so that no digit is lost.
std::string exact_text(const decimal& number)
{
   const auto cent = decimal::from_fraction(1, 100);
   return number.round_to(cent, rounding_mode::half_up) == number ? number.to_fixed(2) : number.to_string();
}

nlohmann::ordered_json step_json(const explain_step& step)
{
   nlohmann::ordered_json json;
   json["step"] = step.kind;
   json["clause"] = step.clause.name;
   json["file"] = step.clause.span.file;
   json["line"] = step.clause.span.line;
   json["text"] = step.text;
   auto& numbers = json["numbers"] = nlohmann::ordered_json::object();
   for (const auto& [name, number] : step.numbers) numbers[name] = exact_text(number);
   auto& facts = json["facts"] = nlohmann::ordered_json::object();
   for (const auto& [name, fact] : step.facts) facts[name] = fact;
   return json;
}

}  // namespace

void write_explanation_text(const std::vector<line_explanation>& lines, std::ostream& out)
{
   for (const auto& explained : lines) {
      const auto& line = explained.line;
      out << fmt::format("{} {} ({}) {} {}: {}\n", line.deal, line.person, explained.role, line.event,
                         line.on.to_string(), format_money(line.amount));
      for (const auto& step : explained.steps) {
         out << fmt::format("  {}: {}\n", step.kind, step.text);
      }
   }
}

void write_explanation_json(const std::vector<line_explanation>& lines, std::ostream& out)
{
   auto json = nlohmann::ordered_json::array();
   for (const auto& explained : lines) {
      const auto& line = explained.line;
      nlohmann::ordered_json entry;
      entry["deal"] = line.deal;
      entry["person"] = line.person;
      entry["role"] = explained.role;
      entry["event"] = line.event;
      entry["date"] = line.on.to_string();
      entry["amount"] = exact_text(line.amount);
      entry["rule"] = line.rule;
      entry["explained_amount"] = exact_text(explained.amount);
      auto& steps = entry["steps"] = nlohmann::ordered_json::array();
      for (const auto& step : explained.steps) steps.push_back(step_json(step));
      json.push_back(std::move(entry));
   }
   out << json.dump(2) << '\n';
}

}  // namespace compplan

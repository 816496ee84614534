// The linter's entry: the conditions read once as sets of deals, then each pass, then the
// plan's own suppression comments.
#include "lint/linter.hpp"

#include <fmt/format.h>

#include <cctype>

namespace compplan {

namespace lint {

namespace {

struct suppression {
   std::uint32_t line = 0;         // the comment's line
   std::uint32_t column = 0;
   std::uint32_t applies_to = 0;   // the line whose findings it silences
   std::vector<std::string> codes;
   std::string reason;
   bool used = false;
};

bool is_code(std::string_view word)
{
   return word.size() == 4 && word[0] == 'L' && std::isdigit(static_cast<unsigned char>(word[1])) &&
          std::isdigit(static_cast<unsigned char>(word[2])) && std::isdigit(static_cast<unsigned char>(word[3]));
}

std::string_view trim(std::string_view text)
{
   while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
   while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
   return text;
}

// "// allow L001, L002: reason" at `comment` (the text after "//"); nothing when it is another comment.
std::optional<suppression> parse_suppression(std::string_view comment)
{
   comment = trim(comment);
   if (!comment.starts_with("allow ")) return std::nullopt;
   comment.remove_prefix(6);
   suppression s;
   const auto colon = comment.find(':');
   auto codes = comment.substr(0, colon);
   while (!(codes = trim(codes)).empty()) {
      const auto end = codes.find_first_of(", ");
      const auto word = codes.substr(0, end);
      if (!is_code(word)) return std::nullopt;
      s.codes.emplace_back(word);
      codes = end == std::string_view::npos ? std::string_view{} : codes.substr(end + 1);
   }
   if (s.codes.empty()) return std::nullopt;
   if (colon != std::string_view::npos) s.reason = std::string(trim(comment.substr(colon + 1)));
   return s;
}

std::vector<suppression> find_suppressions(std::string_view source)
{
   std::vector<suppression> found;
   std::vector<std::size_t> waiting;  // comments on lines of their own, waiting for the next code line
   std::uint32_t line = 0;
   std::size_t start = 0;
   bool in_string = false;
   while (start <= source.size()) {
      ++line;
      auto end = source.find('\n', start);
      if (end == std::string_view::npos) end = source.size();
      const auto text = source.substr(start, end - start);
      // The first "//" outside a string literal starts the comment.
      std::size_t comment = std::string_view::npos;
      in_string = false;
      for (std::size_t i = 0; i + 1 < text.size(); ++i) {
         if (text[i] == '"') in_string = !in_string;
         if (!in_string && text[i] == '/' && text[i + 1] == '/') {
            comment = i;
            break;
         }
      }
      const auto code = trim(text.substr(0, comment == std::string_view::npos ? text.size() : comment));
      if (!code.empty()) {
         for (const auto index : waiting) found[index].applies_to = line;
         waiting.clear();
      }
      if (comment != std::string_view::npos && !text.substr(comment).starts_with("///")) {
         if (auto s = parse_suppression(text.substr(comment + 2))) {
            s->line = line;
            s->column = static_cast<std::uint32_t>(comment + 1);
            if (!code.empty()) s->applies_to = line;
            else waiting.push_back(found.size());
            found.push_back(std::move(*s));
         }
      }
      start = end + 1;
   }
   return found;
}

}  // namespace

void apply_suppressions(std::string_view source, const std::string& file, diagnostic_list& diagnostics)
{
   auto found = find_suppressions(source);
   for (auto& item : diagnostics.edit()) {
      for (auto& s : found) {
         if (s.applies_to == 0 || item.span.line != s.applies_to || item.span.file != file) continue;
         if (std::find(s.codes.begin(), s.codes.end(), item.code) == s.codes.end()) continue;
         if (s.reason.empty()) continue;  // reported below; the finding stays
         item.suppression = s.reason;
         s.used = true;
      }
   }
   for (const auto& s : found) {
      const auto span = source_span{file, s.line, s.column, s.line, s.column + 2};
      std::string codes;
      for (const auto& c : s.codes) codes += (codes.empty() ? "" : ", ") + c;
      if (s.reason.empty()) {
         diagnostics.warning("L016", span,
                             fmt::format("a suppression needs a reason: write '// allow {}: why this is intended'", codes));
      }
      else if (!s.used) {
         diagnostics.warning("L016", span,
                             fmt::format("this suppression silences nothing: no {} finding is reported on {}", codes,
                                         s.applies_to == 0 ? "a following line" : fmt::format("line {}", s.applies_to)));
      }
   }
}

}  // namespace lint

lint_result lint_plan(const checked_plan& plan, std::string_view source, const lint_options& options)
{
   lint_result result;
   lint::linter l{plan, plan.plan(), options, source, result, lint::build_space(plan), {}, {}, {}, {}};
   for (const auto& exclusion : l.syntax.exclusions) l.exclusions.push_back(lint::cover_of(l.space, plan, *exclusion.when));
   for (const auto& rule : l.syntax.crediting_rules) l.credits.push_back(lint::cover_of(l.space, plan, *rule.when));
   for (const auto& rate : l.syntax.rates) l.rates.push_back(lint::cover_of(l.space, plan, *rate.when));
   // The fields a witness message shows: those some condition constrains.
   const auto full = l.space.full();
   l.mentioned.assign(l.space.fields.size(), false);
   for (const auto* covers : {&l.exclusions, &l.credits, &l.rates}) {
      for (const auto& cover : *covers) {
         for (const auto& b : cover.boxes) {
            for (std::size_t f = 0; f < b.size(); ++f) l.mentioned[f] = l.mentioned[f] || !(b[f] == full[f]);
         }
      }
   }
   // A constant beyond what the exact arithmetic holds ends a pass with a note, not a crash.
   for (const auto pass : {&lint::lint_coverage, &lint::lint_clauses}) {
      try {
         pass(l);
      }
      catch (const std::exception& error) {
         const auto& rules = l.syntax.crediting_rules;
         result.diagnostics.add(severity::note, "L006", rules.empty() ? source_span{} : rules.front().name.span,
                                fmt::format("cannot decide all of the lint analysis: {}", error.what()));
      }
   }
   lint::apply_suppressions(source, plan.plan().file, result.diagnostics);
   result.diagnostics.sort_by_place();
   return result;
}

}  // namespace compplan

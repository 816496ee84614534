// Loading plans: a plan file, and the companion file whose examples join it before the check.
#include "cli/load.hpp"

#include "examples/companion.hpp"
#include "grammar/parse.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace compplan::cli {

std::optional<std::string> read_file(const std::string& path)
{
   std::ifstream in(path, std::ios::binary);
   if (!in) {
      return std::nullopt;
   }
   // Read into a string of the file's size where the size can be known: a stream copy grows its
   // buffer by doubling, which for a large deals file holds up to twice its size.
   std::string text;
   std::error_code error;
   const auto size = std::filesystem::is_regular_file(path, error) ? std::filesystem::file_size(path, error) : 0;
   if (!error && size > 0) {
      text.resize(static_cast<std::size_t>(size));
      in.read(text.data(), static_cast<std::streamsize>(size));
      text.resize(static_cast<std::size_t>(in.gcount()));
   }
   in.clear();
   // Whatever follows (a file that grew, or one that cannot seek, such as a pipe) is appended.
   std::ostringstream rest;
   rest << in.rdbuf();
   if (in.bad()) {
      return std::nullopt;
   }
   text += std::move(rest).str();
   return text;
}

std::optional<std::string> read_lines(const std::string& path, const std::vector<std::uint32_t>& lines)
{
   std::ifstream in(path, std::ios::binary);
   if (!in) return std::nullopt;
   std::string text;
   std::vector<char> block(std::size_t{1} << 20);
   auto wanted = lines.begin();
   std::uint32_t line = 1;
   while (in) {
      in.read(block.data(), static_cast<std::streamsize>(block.size()));
      const auto* at = block.data();
      const auto* const end = at + in.gcount();
      while (at != end) {
         while (wanted != lines.end() && *wanted < line) ++wanted;
         const bool keep = wanted != lines.end() && *wanted == line;
         const auto* newline = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
         const auto* const stop = newline != nullptr ? newline + 1 : end;
         if (keep) {
            text.append(at, stop);
         }
         else if (newline != nullptr) {
            text += '\n';
         }
         if (newline != nullptr) ++line;
         at = stop;
      }
   }
   if (in.bad()) return std::nullopt;
   return text;
}

source_lookup loaded_plan::lookup() const
{
   return [this](std::string_view name) -> const std::string* {
      if (name == path) return &text;
      if (!companion.empty() && name == companion) return &companion_text;
      return nullptr;
   };
}

source_lookup lookup_in(const std::map<std::string, const std::string*, std::less<>>& files)
{
   return [&files](std::string_view name) -> const std::string* {
      const auto it = files.find(name);
      return it == files.end() ? nullptr : it->second;
   };
}

std::optional<loaded_plan> load_plan(const std::string& path, bool with_companion)
{
   auto text = read_file(path);
   if (!text) {
      return std::nullopt;
   }
   loaded_plan loaded;
   loaded.path = path;
   loaded.text = std::move(*text);
   auto parsed = parse_plan(loaded.text, path);
   loaded.diagnostics = parsed.diagnostics;
   if (const auto companion = companion_path(path); with_companion && std::filesystem::exists(companion)) {
      auto companion_text = read_file(companion);
      if (!companion_text) {
         return std::nullopt;
      }
      loaded.companion = companion;
      loaded.companion_text = std::move(*companion_text);
      auto examples = parse_plan(loaded.companion_text, companion);
      loaded.diagnostics.append(examples.diagnostics);
      if (parsed.plan && examples.plan) {
         add_companion(*parsed.plan, std::move(*examples.plan), loaded.diagnostics);
      }
      else {
         parsed.plan.reset();
      }
   }
   loaded.parsed = parsed.plan.has_value();
   if (parsed.plan) {
      auto checked = check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan)));
      loaded.diagnostics.append(checked.diagnostics);
      if (!loaded.diagnostics.has_errors()) {
         loaded.plan = std::move(checked.plan);
      }
      loaded.diagnostics.sort_by_place();
   }
   return loaded;
}

}  // namespace compplan::cli

// Machine-readable renderings of check results. Silenced diagnostics appear in JSON and SARIF
// with their reason (SARIF: an inSource suppression) and not at all in annotations.
#include "cli/formats.hpp"

#include "core/codes.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <map>
#include <set>

namespace compplan::cli {

using json = nlohmann::ordered_json;

std::string_view to_string(file_status status)
{
   switch (status) {
      case file_status::checked: return "checked";
      case file_status::unreadable: return "unreadable";
      case file_status::unparsed: return "unparsed";
   }
   return "checked";
}

namespace {

json span_json(const source_span& span)
{
   json place = json::object();
   if (!span.known()) return place;
   place["file"] = span.file;
   place["line"] = span.line;
   place["column"] = span.column;
   place["end_line"] = span.end_line;
   place["end_column"] = span.end_column;
   return place;
}

std::size_t count(const std::vector<checked_file>& files, file_status status)
{
   std::size_t n = 0;
   for (const auto& f : files) n += f.status == status ? 1 : 0;
   return n;
}

}  // namespace

void write_check_json(const std::vector<checked_file>& files, std::ostream& out)
{
   json report;
   report["version"] = 1;
   report["plans"] = json::array();
   report["diagnostics"] = json::array();
   std::size_t errors = 0;
   std::size_t warnings = 0;
   std::size_t notes = 0;
   std::size_t silenced = 0;
   for (const auto& file : files) {
      report["plans"].push_back({{"file", file.path}, {"status", to_string(file.status)}});
      for (const auto& d : file.diagnostics) {
         json item = span_json(d.span);
         item["severity"] = to_string(d.level);
         item["code"] = d.code;
         item["message"] = d.message;
         item["notes"] = json::array();
         for (const auto& note : d.notes) {
            json n = span_json(note.span);
            n["message"] = note.message;
            item["notes"].push_back(std::move(n));
         }
         if (d.silenced()) item["suppression"] = {{"reason", d.suppression}};
         report["diagnostics"].push_back(std::move(item));
         if (d.silenced()) ++silenced;
         else if (d.level == severity::error) ++errors;
         else if (d.level == severity::warning) ++warnings;
         else ++notes;
      }
   }
   report["summary"] = {{"checked", count(files, file_status::checked)},
                        {"unparsed", count(files, file_status::unparsed)},
                        {"unreadable", count(files, file_status::unreadable)},
                        {"errors", errors},
                        {"warnings", warnings},
                        {"notes", notes},
                        {"silenced", silenced}};
   out << report.dump(2) << '\n';
}

namespace {

std::string_view sarif_level(severity level)
{
   switch (level) {
      case severity::error: return "error";
      case severity::warning: return "warning";
      case severity::note: return "note";
   }
   return "note";
}

json sarif_location(const source_span& span)
{
   json region;
   region["startLine"] = span.line;
   region["startColumn"] = span.column;
   if (span.end_line >= span.line && span.end_line != 0) {
      region["endLine"] = span.end_line;
      region["endColumn"] = std::max(span.end_column, span.end_line == span.line ? span.column + 1 : 1u);
   }
   return {{"physicalLocation", {{"artifactLocation", {{"uri", span.file}}}, {"region", region}}}};
}

std::string anchor_of(const code_info& code)
{
   // GitHub-style heading anchors of docs/diagnostics.md: "### L001: two crediting rules ..."
   std::string anchor;
   for (const char c : std::string(code.code) + ": " + std::string(code.title)) {
      if (std::isalnum(static_cast<unsigned char>(c))) anchor += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      else if (c == ' ' || c == '-') anchor += '-';
   }
   return anchor;
}

}  // namespace

void write_sarif(const std::vector<checked_file>& files, std::ostream& out)
{
   std::set<std::string> used;
   for (const auto& file : files) {
      for (const auto& d : file.diagnostics) used.insert(d.code);
   }
   json rules = json::array();
   std::map<std::string, std::size_t> rule_index;
   for (const auto& code : diagnostic_codes()) {
      if (!used.contains(std::string(code.code))) continue;
      rule_index[std::string(code.code)] = rules.size();
      rules.push_back({{"id", code.code},
                       {"name", code.code},
                       {"shortDescription", {{"text", code.title}}},
                       {"fullDescription", {{"text", fmt::format("{}: {}. See docs/diagnostics.md.", code.code, code.title)}}},
                       {"helpUri", "docs/diagnostics.md#" + anchor_of(code)},
                       {"defaultConfiguration", {{"level", sarif_level(code.level)}}}});
   }
   json results = json::array();
   json notifications = json::array();
   for (const auto& file : files) {
      if (file.status == file_status::unreadable) {
         notifications.push_back({{"level", "error"},
                                  {"message", {{"text", fmt::format("{}: cannot read the file", file.path)}}}});
      }
      for (const auto& d : file.diagnostics) {
         json result;
         result["ruleId"] = d.code;
         if (const auto it = rule_index.find(d.code); it != rule_index.end()) result["ruleIndex"] = it->second;
         result["level"] = sarif_level(d.level);
         result["message"] = {{"text", d.message}};
         result["locations"] = json::array();
         if (d.span.known()) result["locations"].push_back(sarif_location(d.span));
         if (!d.notes.empty()) {
            json related = json::array();
            for (std::size_t i = 0; i < d.notes.size(); ++i) {
               if (!d.notes[i].span.known()) continue;
               auto location = sarif_location(d.notes[i].span);
               location["id"] = i + 1;
               location["message"] = {{"text", d.notes[i].message}};
               related.push_back(std::move(location));
            }
            result["relatedLocations"] = std::move(related);
         }
         if (d.silenced()) {
            result["suppressions"] = json::array({{{"kind", "inSource"}, {"justification", d.suppression}}});
         }
         results.push_back(std::move(result));
      }
   }
   json run;
   run["tool"] = {{"driver",
                   {{"name", "compplan"},
                    {"version", COMPPLAN_VERSION},
                    {"rules", std::move(rules)}}}};
   run["invocations"] = json::array({{{"executionSuccessful", count(files, file_status::unreadable) == 0},
                                      {"toolExecutionNotifications", std::move(notifications)}}});
   run["results"] = std::move(results);
   json sarif;
   sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
   sarif["version"] = "2.1.0";
   sarif["runs"] = json::array({std::move(run)});
   out << sarif.dump(2) << '\n';
}

std::string escape_github_data(std::string_view text)
{
   std::string escaped;
   for (const char c : text) {
      switch (c) {
         case '%': escaped += "%25"; break;
         case '\r': escaped += "%0D"; break;
         case '\n': escaped += "%0A"; break;
         default: escaped += c;
      }
   }
   return escaped;
}

std::string escape_github_property(std::string_view text)
{
   std::string escaped;
   for (const char c : escape_github_data(text)) {
      switch (c) {
         case ':': escaped += "%3A"; break;
         case ',': escaped += "%2C"; break;
         default: escaped += c;
      }
   }
   return escaped;
}

void write_github(const std::vector<checked_file>& files, std::ostream& out)
{
   for (const auto& file : files) {
      if (file.status == file_status::unreadable) {
         out << fmt::format("::error file={}::cannot read the file\n", escape_github_property(file.path));
      }
      for (const auto& d : file.diagnostics) {
         if (d.silenced()) continue;
         const auto command = d.level == severity::error ? "error" : d.level == severity::warning ? "warning" : "notice";
         std::string properties;
         if (d.span.known()) {
            properties = fmt::format(" file={},line={},col={}", escape_github_property(d.span.file), d.span.line,
                                     d.span.column);
            if (d.span.end_line == d.span.line && d.span.end_column > d.span.column) {
               properties += fmt::format(",endColumn={}", d.span.end_column);
            }
            properties += ",";
         }
         else {
            properties = " ";
         }
         properties += "title=" + escape_github_property(d.code);
         std::string message = d.message;
         for (const auto& note : d.notes) {
            message += "\n" + (note.span.known() ? fmt::format("{}:{}:{}: ", note.span.file, note.span.line, note.span.column) : "") +
                       "note: " + note.message;
         }
         out << fmt::format("::{}{}::{}\n", command, properties, escape_github_data(d.code + ": " + message));
      }
   }
}

}  // namespace compplan::cli

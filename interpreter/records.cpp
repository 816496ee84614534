// Typed reading of deals and people: every cell checked against its field, every bad row named.
#include "interpreter/records.hpp"

#include "interpreter/csv.hpp"

#include "core/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace compplan {

namespace {

std::string quoted(std::string_view text)
{
   constexpr std::size_t shown = 60;
   if (text.size() > shown) {
      return fmt::format("'{}...' ({} bytes)", text.substr(0, shown), text.size());
   }
   return fmt::format("'{}'", text);
}

// Digits with at most one '.', and maybe a leading '-': the shape decimal::parse reads, so a
// failure to parse it can only mean the number is too large or too precise.
bool looks_like_decimal(std::string_view text)
{
   if (text.starts_with('-')) {
      text.remove_prefix(1);
   }
   return !text.empty() && std::count(text.begin(), text.end(), '.') <= 1 &&
          std::all_of(text.begin(), text.end(), [](char c) { return c == '.' || (c >= '0' && c <= '9'); });
}

source_span cell_span(const std::string& file, const csv_field& field)
{
   source_span span = source_span::point(file, field.line, field.column);
   if (field.text.find('\n') == std::string_view::npos) {
      span.end_column = field.column + static_cast<std::uint32_t>(std::max<std::size_t>(field.text.size(), 1)) +
                        (field.quoted ? 2 : 0);
   }
   return span;
}

record_file read_records(const checked_plan& plan, const record_schema& schema, std::string_view text,
                         const std::string& file, std::string_view what, int key_field, diagnostic_list& diagnostics)
{
   record_file result;
   csv_reader reader(text);
   csv_row header;
   if (!reader.next(header)) {
      diagnostics.error("R002", source_span::point(file, 1, 1),
                        fmt::format("the {} file is empty: it needs a header row naming its columns", what));
      result.stopped = true;
      return result;
   }
   if (header.error) {
      diagnostics.error("R003", source_span::point(file, header.error->line, header.error->column),
                        fmt::format("the header row cannot be read: {}", header.error->message));
      result.stopped = true;
      return result;
   }
   std::vector<std::size_t> columns;  // by schema field: its column in the file
   for (const auto& field : schema.fields) {
      const auto column = find_column(header, field.decl->name.text);
      if (!column) {
         auto& d = diagnostics.error("R002", source_span::point(file, header.line, 1),
                                     fmt::format("the {} file has no column '{}'", what, field.decl->name.text));
         d.notes.push_back({field.decl->span, "the plan declares the field here"});
         result.stopped = true;
         continue;
      }
      columns.push_back(*column);
   }
   if (result.stopped) {
      return result;
   }
   const auto width = header.fields.size();
   csv_row row;
   while (reader.next(row)) {
      std::string id;
      if (key_field >= 0 && columns[static_cast<std::size_t>(key_field)] < row.fields.size()) {
         id = std::string(row.fields[columns[static_cast<std::size_t>(key_field)]].text);
      }
      const auto reject = [&](source_span span, std::string message) {
         diagnostic problem;
         problem.code = "R003";
         problem.span = std::move(span);
         problem.message = std::move(message);
         diagnostics.add(severity::error, problem.code, problem.span, problem.message);
         result.rejected.push_back({id, row.line, std::move(problem)});
      };
      if (row.error) {
         reject(source_span::point(file, row.error->line, row.error->column),
                fmt::format("malformed CSV row: {}", row.error->message));
         continue;
      }
      if (row.fields.size() != width) {
         reject(source_span::point(file, row.line, 1),
                fmt::format("the row has {} columns, the header has {}", row.fields.size(), width));
         continue;
      }
      typed_row typed;
      typed.line = row.line;
      typed.values.reserve(schema.fields.size());
      bool bad = false;
      for (std::size_t i = 0; i < schema.fields.size() && !bad; ++i) {
         const auto& cell = row.fields[columns[i]];
         std::string reason;
         auto decoded = decode_cell(plan, schema.fields[i], cell.text, reason);
         if (!decoded) {
            const auto& column = schema.fields[i].decl->name.text;
            reject(cell_span(file, cell),
                   cell.text.empty() ? fmt::format("empty value in column '{}': {}", column, reason)
                                     : fmt::format("bad value {} in column '{}': {}", quoted(cell.text), column, reason));
            bad = true;
            break;
         }
         typed.values.push_back(std::move(*decoded));
      }
      if (!bad) {
         result.rows.push_back(std::move(typed));
      }
   }
   return result;
}

}  // namespace

std::optional<value> decode_cell(const checked_plan& plan, const field_info& field, std::string_view text,
                                 std::string& reason)
{
   if (text.empty()) {
      if (field.type.optional) {
         return value{blank_value{}};
      }
      reason = "the field is required";
      return std::nullopt;
   }
   switch (field.type.kind) {
      case type_kind::text:
         if (const auto bad = find_invalid_utf8(text)) {
            reason = fmt::format("the byte 0x{:02X} at byte {} of the value is not UTF-8 text",
                                 static_cast<unsigned char>(text[*bad]), *bad + 1);
            return std::nullopt;
         }
         return value{std::string(text)};
      case type_kind::boolean:
         if (text == "true") return value{true};
         if (text == "false") return value{false};
         reason = "expected true or false";
         return std::nullopt;
      case type_kind::date: {
         const auto parsed = date::parse(text);
         if (!parsed) {
            reason = "expected a calendar date written YYYY-MM-DD";
            return std::nullopt;
         }
         return value{*parsed};
      }
      case type_kind::enumeration: {
         const auto& values = plan.enumerations[static_cast<std::size_t>(field.type.enumeration)];
         if (const auto position = values.find(text)) {
            return value{enum_value{*position}};
         }
         reason = fmt::format("expected one of {}", values.listed());
         return std::nullopt;
      }
      case type_kind::number:
      case type_kind::money:
      case type_kind::percent: {
         auto digits = text;
         if (field.type.kind == type_kind::percent) {
            if (!digits.ends_with('%')) {
               reason = "expected a percentage such as 12.5%";
               return std::nullopt;
            }
            digits.remove_suffix(1);
         }
         auto parsed = decimal::parse(digits);
         if (!parsed && looks_like_decimal(digits)) {
            reason = "the number has too many digits to be held exactly";
            return std::nullopt;
         }
         if (!parsed) {
            reason = "expected a plain decimal number such as 1250.50 (no sign, symbol, exponent or separators)";
            return std::nullopt;
         }
         if (field.type.kind == type_kind::money) {
            const auto places = parsed->decimal_places();
            if (!places || *places > plan.currency_places) {
               reason = fmt::format("an amount has at most {} decimal places", plan.currency_places);
               return std::nullopt;
            }
         }
         if (field.type.kind == type_kind::percent) {
            *parsed = *parsed / decimal::from_int(100);
         }
         if (field.decl->positive && parsed->sign() <= 0) {
            reason = "the amount must be above zero";
            return std::nullopt;
         }
         return value{*parsed};
      }
      case type_kind::days: break;
   }
   reason = "this kind of field cannot be read from a file";
   return std::nullopt;
}

record_file read_deals(const checked_plan& plan, std::string_view text, const std::string& file,
                       diagnostic_list& diagnostics)
{
   auto result = read_records(plan, plan.deals, text, file, "deals", plan.deal_key, diagnostics);
   if (result.stopped) {
      return result;
   }
   // Two rows with one id could pay twice: nothing is paid until the file is fixed.
   std::unordered_map<std::string, std::uint32_t> first_line;
   const auto note_id = [&](const std::string& id, std::uint32_t line) {
      if (id.empty()) return;
      const auto [it, inserted] = first_line.try_emplace(id, line);
      if (!inserted) {
         auto& d = diagnostics.error("R007", source_span::point(file, line, 1),
                                     fmt::format("the deal id '{}' appears twice; paying either row could pay twice", id));
         d.notes.push_back({source_span::point(file, it->second, 1), "the first row with this id"});
         result.stopped = true;
      }
   };
   for (const auto& row : result.rows) {
      note_id(std::get<std::string>(row.values[static_cast<std::size_t>(plan.deal_key)]), row.line);
   }
   for (const auto& row : result.rejected) {
      note_id(row.id, row.line);
   }
   return result;
}

record_file read_people(const checked_plan& plan, std::string_view text, const std::string& file,
                        diagnostic_list& diagnostics)
{
   auto result = read_records(plan, plan.people, text, file, "people", plan.people_person, diagnostics);
   if (result.stopped) {
      return result;
   }
   std::map<std::pair<std::string, std::uint32_t>, std::uint32_t> first_line;
   for (const auto& row : result.rows) {
      const auto& person = std::get<std::string>(row.values[static_cast<std::size_t>(plan.people_person)]);
      const auto role = std::get<enum_value>(row.values[static_cast<std::size_t>(plan.people_role)]).index;
      const auto [it, inserted] = first_line.try_emplace({person, role}, row.line);
      if (!inserted) {
         auto& d = diagnostics.error(
            "R008", source_span::point(file, row.line, 1),
            fmt::format("'{}' appears twice as {}; paying by either row could pay twice", person, plan.role_name(static_cast<int>(role))));
         d.notes.push_back({source_span::point(file, it->second, 1), "the first row for this person and role"});
         result.stopped = true;
      }
   }
   return result;
}

}  // namespace compplan

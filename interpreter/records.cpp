// Typed reading of deals and people: every cell checked against its field, every bad row named.
#include "interpreter/records.hpp"

#include "interpreter/csv.hpp"
#include "interpreter/parallel.hpp"

#include "core/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <iterator>
#include <limits>

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

// What every stretch of a file needs from its header.
struct record_layout {
   const checked_plan& plan;
   const record_schema& schema;
   const std::string& file;
   int key_field;
   std::vector<std::size_t> columns;  // by schema field: its column in the file
   std::size_t width = 0;             // columns in the header
   const row_layout* rows = nullptr;  // how a row's fields are packed
};

// What reading one stretch of whole lines gives; stretches are joined in file order.
struct record_part {
   std::unique_ptr<record_storage> storage = std::make_unique<record_storage>();
   std::vector<typed_row> rows;  // their bytes are viewed once the bytes stop moving
   std::vector<rejected_row> rejected;
   diagnostic_list diagnostics;
};

record_part read_part(const record_layout& layout, csv_reader& reader, std::size_t lines, std::size_t bytes)
{
   record_part part;
   auto& storage = *part.storage;
   const auto& fields = layout.schema.fields;
   const auto& packed = *layout.rows;
   // One row a line at most: reserved so that a large file's rows are not copied as they grow.
   storage.rows.reserve(lines * packed.stride());
   // Text cells, unescaped, take no more bytes than the stretch itself; pages never written to
   // are never touched.
   storage.text = std::make_unique_for_overwrite<char[]>(bytes + 1);
   part.rows.reserve(lines);
   std::vector<text_cache> caches(fields.size());  // by field; used by the text fields only
   std::vector<std::size_t> cached;  // the columns of the text fields
   for (std::size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].type.kind == type_kind::text) cached.push_back(i);
   }
   // Each row is read one ahead of its decoding, so that the slots its texts will be looked up
   // in are fetched while the row before is decoded.
   csv_row row;
   csv_row ahead;
   for (bool more = reader.next(ahead); more;) {
      std::swap(row, ahead);
      more = reader.next(ahead);
      if (more && ahead.fields.size() == layout.width) {
         for (const auto i : cached) caches[i].prefetch(ahead.fields[layout.columns[i]].text);
      }
      const auto reject = [&](source_span span, std::string message) {
         std::string id;  // made only for a rejected row: most rows are not
         if (layout.key_field >= 0 && layout.columns[static_cast<std::size_t>(layout.key_field)] < row.fields.size()) {
            id = std::string(row.fields[layout.columns[static_cast<std::size_t>(layout.key_field)]].text);
         }
         diagnostic problem;
         problem.code = "R003";
         problem.span = std::move(span);
         problem.message = std::move(message);
         part.diagnostics.add(severity::error, problem.code, problem.span, problem.message);
         part.rejected.push_back({std::move(id), row.line, std::move(problem)});
      };
      if (row.error) {
         reject(source_span::point(layout.file, row.error->line, row.error->column),
                fmt::format("malformed CSV row: {}", row.error->message));
         continue;
      }
      if (row.fields.size() != layout.width) {
         reject(source_span::point(layout.file, row.line, 1),
                fmt::format("the row has {} columns, the header has {}", row.fields.size(), layout.width));
         continue;
      }
      const std::size_t first = storage.rows.size();
      storage.rows.resize(first + packed.stride());
      row_layout::put_line(storage.rows.data() + first, row.line);
      bool bad = false;
      for (std::size_t i = 0; i < fields.size() && !bad; ++i) {
         const auto& field = row.fields[layout.columns[i]];
         std::string reason;
         const auto decoded = decode_cell(layout.plan, fields[i], field.text, storage, reason, &caches[i]);
         if (!decoded) {
            const auto& column = fields[i].decl->name.text;
            reject(cell_span(layout.file, field),
                   field.text.empty() ? fmt::format("empty value in column '{}': {}", column, reason)
                                      : fmt::format("bad value {} in column '{}': {}", quoted(field.text), column, reason));
            bad = true;
            break;
         }
         packed.put(storage.rows.data() + first, i, *decoded);
      }
      if (bad) {
         // What the row stored before its bad cell stays, unused unless the caches hand it out
         // again: the text stored never outgrows the stretch's bytes.
         storage.rows.resize(first);
         continue;
      }
      part.rows.emplace_back();  // viewed once the bytes stop moving
   }
   return part;
}

std::size_t count_lines(std::string_view text)
{
   // memchr leaps over a line's bytes many at a time; std::count would look at them one by one.
   std::size_t lines = 0;
   const char* at = text.data();
   const char* const end = at + text.size();
   while (at != end) {
      const auto* newline = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
      if (newline == nullptr) break;
      ++lines;
      at = newline + 1;
   }
   return lines;
}

// The body split into up to `jobs` stretches of whole lines, when no row can span lines: without
// a quote, every line break ends a row. Small bodies stay whole.
std::vector<std::string_view> stretches_of(std::string_view body, unsigned jobs)
{
   constexpr std::size_t worth_splitting = std::size_t{1} << 20;
   if (jobs < 2 || body.size() < worth_splitting || body.find('"') != std::string_view::npos) {
      return {body};
   }
   std::vector<std::string_view> stretches;
   std::size_t begin = 0;
   for (unsigned j = 1; j < jobs; ++j) {
      const auto newline = body.find('\n', std::max(begin, body.size() * j / jobs));
      if (newline == std::string_view::npos) break;
      stretches.push_back(body.substr(begin, newline + 1 - begin));
      begin = newline + 1;
   }
   stretches.push_back(body.substr(begin));
   return stretches;
}

record_file read_records(const checked_plan& plan, const record_schema& schema, std::string_view text,
                         const std::string& file, std::string_view what, int key_field, diagnostic_list& diagnostics,
                         unsigned jobs)
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
   result.layout = std::make_unique<const row_layout>(plan, schema);
   record_layout layout{plan, schema, file, key_field, {}, header.fields.size(), result.layout.get()};
   for (const auto& field : schema.fields) {
      const auto column = find_column(header, field.decl->name.text);
      if (!column) {
         auto& d = diagnostics.error("R002", source_span::point(file, header.line, 1),
                                     fmt::format("the {} file has no column '{}'", what, field.decl->name.text));
         d.notes.push_back({field.decl->span, "the plan declares the field here"});
         result.stopped = true;
         continue;
      }
      layout.columns.push_back(*column);
   }
   if (result.stopped) {
      return result;
   }
   const std::string_view body(reader.position(), static_cast<std::size_t>(text.data() + text.size() - reader.position()));
   const auto stretches = stretches_of(body, jobs);
   std::vector<std::uint32_t> first_lines{reader.current_line()};
   for (std::size_t k = 0; k + 1 < stretches.size(); ++k) {
      first_lines.push_back(first_lines.back() + static_cast<std::uint32_t>(count_lines(stretches[k])));
   }
   auto parts = in_slices<record_part>(stretches.size(), jobs, [&](std::size_t begin, std::size_t end) {
      record_part part;
      for (std::size_t k = begin; k < end; ++k) {  // one stretch per slice
         if (stretches.size() == 1) {
            part = read_part(layout, reader, count_lines(stretches[k]) + 1, stretches[k].size());
         }
         else {
            csv_reader stretch_reader(stretches[k], first_lines[k]);
            part = read_part(layout, stretch_reader, count_lines(stretches[k]) + 1, stretches[k].size());
         }
      }
      return part;
   });
   const std::size_t stride = result.layout->stride();
   for (auto& part : parts) {
      diagnostics.append(part.diagnostics);
      for (std::size_t r = 0; r < part.rows.size(); ++r) {
         part.rows[r] = typed_row(part.storage->rows.data() + r * stride, result.layout.get());
      }
      result.rows.insert(result.rows.end(), part.rows.begin(), part.rows.end());
      std::move(part.rejected.begin(), part.rejected.end(), std::back_inserter(result.rejected));
      result.storage.push_back(std::move(part.storage));
   }
   return result;
}

// Two rows with one id could pay twice: nothing is paid until the file is fixed. Each repeat is
// reported with a note at the first row, the typed rows counting before the rejected ones. Ids
// are sorted rather than hashed, and an export already in id order is only checked.
void report_duplicate_ids(record_file& result, const std::string& file, diagnostic_list& diagnostics, int key_field)
{
   struct id_place {
      std::string_view id;
      std::uint32_t line;
   };
   std::vector<id_place> ids;
   ids.reserve(result.rows.size() + result.rejected.size());
   for (const auto& row : result.rows) {
      ids.push_back({row.text(static_cast<std::size_t>(key_field)), row.line()});
   }
   const auto typed = static_cast<std::ptrdiff_t>(ids.size());
   for (const auto& row : result.rejected) {
      if (!row.id.empty()) ids.push_back({row.id, row.line});
   }
   // Stable throughout, so that of equal ids the first row seen stays first.
   const auto by_id = [](const id_place& a, const id_place& b) { return a.id < b.id; };
   if (!std::is_sorted(ids.begin(), ids.begin() + typed, by_id)) {
      std::stable_sort(ids.begin(), ids.begin() + typed, by_id);
   }
   std::stable_sort(ids.begin() + typed, ids.end(), by_id);
   std::inplace_merge(ids.begin(), ids.begin() + typed, ids.end(), by_id);
   for (std::size_t first = 0, next = 1; first < ids.size(); first = next++) {
      for (; next < ids.size() && ids[next].id == ids[first].id; ++next) {
         auto& d = diagnostics.error(
            "R007", source_span::point(file, ids[next].line, 1),
            fmt::format("the deal id '{}' appears twice; paying either row could pay twice", ids[next].id));
         d.notes.push_back({source_span::point(file, ids[first].line, 1), "the first row with this id"});
         result.stopped = true;
      }
   }
}

}  // namespace

cell cell::of(bool truth)
{
   return make(kind::boolean, std::uint64_t{truth ? 1U : 0U} << kind_bits);
}

cell cell::of(date day)
{
   // Day numbers are far inside 61 bits; shifting the two's complement keeps the sign.
   return make(kind::day, std::bit_cast<std::uint64_t>(day.serial()) << kind_bits);
}

cell cell::of(enum_value member)
{
   return make(kind::member, std::uint64_t{member.index} << kind_bits);
}

namespace {

// Table entries are addressed with the cell's kind in the low three bits.
static_assert(alignof(std::string_view) >= 8 && alignof(decimal) >= 8);

// Addresses that fit in a text cell's 48 bits (all of a process's, where user space is 47 bits).
constexpr std::uint64_t most_text_address = (std::uint64_t{1} << 48) - 1;

// 5^b for the denominators a number cell keeps (below 2^64, so b is at most 27).
constexpr std::array<decimal::int_type, 32> powers_of_five = [] {
   std::array<decimal::int_type, 32> powers{};
   decimal::int_type power = 1;
   for (auto& p : powers) {
      p = power;
      power *= 5;
   }
   return powers;
}();

}  // namespace

cell cell::of_text(std::string_view stored, std::deque<std::string_view>& long_texts)
{
   const auto address = std::bit_cast<std::uint64_t>(stored.data());
   if (stored.size() <= longest_text_in_cell && address <= most_text_address) {
      return make(kind::text, address << address_shift | std::uint64_t{stored.size()} << kind_bits);
   }
   return make(kind::long_text, std::bit_cast<std::uint64_t>(&long_texts.emplace_back(stored)));
}

cell cell::of_number(const decimal& number, std::deque<decimal>& large)
{
   constexpr auto most_numerator = decimal::int_type{1} << (64 - numerator_shift - 1);
   const auto numerator = number.numerator();
   const auto denominator = number.denominator();  // positive
   if (numerator >= -most_numerator && numerator < most_numerator &&
       denominator <= std::numeric_limits<std::uint64_t>::max()) {
      auto rest = static_cast<std::uint64_t>(denominator);
      const auto twos = static_cast<unsigned>(std::countr_zero(rest));
      rest >>= twos;
      unsigned fives = 0;
      while (rest % 5 == 0) {
         rest /= 5;
         ++fives;
      }
      constexpr unsigned most_exponent = (1U << exponent_bits) - 1;
      if (rest == 1 && twos <= most_exponent && fives <= most_exponent) {
         const auto bits = std::bit_cast<std::uint64_t>(static_cast<std::int64_t>(numerator)) << numerator_shift |
                           std::uint64_t{fives} << (kind_bits + exponent_bits) | std::uint64_t{twos} << kind_bits;
         return make(kind::small_number, bits);
      }
   }
   return make(kind::large_number, std::bit_cast<std::uint64_t>(&large.emplace_back(number)));
}

std::string_view cell::text() const
{
   switch (what()) {
      case kind::text:
         return {std::bit_cast<const char*>(m_bits >> address_shift),
                 static_cast<std::size_t>(above_kind() & longest_text_in_cell)};
      case kind::long_text: return entry<std::string_view>();
      default: return {};
   }
}

std::optional<decimal> cell::number() const
{
   switch (what()) {
      case kind::small_number: {
         constexpr std::uint64_t exponent_mask = (std::uint64_t{1} << exponent_bits) - 1;
         const auto twos = above_kind() & exponent_mask;
         const auto fives = above_kind() >> exponent_bits & exponent_mask;
         // Kept from a decimal's own parts (of_number), so in lowest terms.
         return decimal::from_lowest_terms(std::bit_cast<std::int64_t>(m_bits) >> numerator_shift,
                                           powers_of_five[fives] << twos);
      }
      case kind::large_number: return entry<decimal>();
      default: return std::nullopt;
   }
}

value cell::get() const
{
   switch (what()) {
      case kind::blank: return blank_value{};
      case kind::boolean: return above_kind() != 0;
      case kind::day: return date::from_serial(*ordinal());
      case kind::member: return enum_value{static_cast<std::uint32_t>(above_kind())};
      case kind::text:
      case kind::long_text: return std::string(text());
      case kind::small_number:
      case kind::large_number: return *number();
   }
   return blank_value{};
}

std::vector<value> typed_row::decode() const
{
   std::vector<value> values;
   values.reserve(size());
   for (std::size_t field = 0; field < size(); ++field) values.push_back(get(field));
   return values;
}

row_layout::row_layout(const checked_plan& plan, const record_schema& schema)
{
   for (const auto& field : schema.fields) {
      switch (field.type.kind) {
         case type_kind::boolean: add(packing::truth, 1); break;
         case type_kind::date: add(packing::day, sizeof(std::int32_t)); break;
         case type_kind::enumeration: {
            const auto members = plan.enumerations[static_cast<std::size_t>(field.type.enumeration)].values.size();
            if (members <= std::numeric_limits<std::uint16_t>::max()) add(packing::small_member, sizeof(std::uint16_t));
            else add(packing::member, sizeof(std::uint32_t));
            break;
         }
         default: add(packing::whole, sizeof(cell)); break;
      }
   }
}

row_layout row_layout::of_cells(std::size_t fields)
{
   row_layout layout;
   for (std::size_t i = 0; i < fields; ++i) layout.add(packing::whole, sizeof(cell));
   return layout;
}

void row_layout::add(packing packed, std::size_t width)
{
   m_places.push_back({static_cast<std::uint32_t>(m_stride), packed});
   m_stride += width;
}

void row_layout::put(std::byte* row, std::size_t field, const cell& value) const
{
   const auto& [offset, packed] = m_places[field];
   std::byte* const at = row + offset;
   // Blank is 0 for a truth or a member (others count from 1), and the least 32-bit number for a
   // date, whose day numbers are far inside 32 bits.
   const auto ordinal = value.is_blank() ? std::nullopt : value.ordinal();
   switch (packed) {
      case packing::whole: std::memcpy(at, &value.m_bits, sizeof value.m_bits); break;
      case packing::truth: *at = static_cast<std::byte>(ordinal ? *ordinal + 1 : 0); break;
      case packing::day: {
         const auto serial = ordinal ? static_cast<std::int32_t>(*ordinal) : std::numeric_limits<std::int32_t>::min();
         std::memcpy(at, &serial, sizeof serial);
         break;
      }
      case packing::small_member: {
         const auto member = static_cast<std::uint16_t>(ordinal ? *ordinal + 1 : 0);
         std::memcpy(at, &member, sizeof member);
         break;
      }
      case packing::member: {
         const auto member = static_cast<std::uint32_t>(ordinal ? *ordinal + 1 : 0);
         std::memcpy(at, &member, sizeof member);
         break;
      }
   }
}

namespace {

template <typename T>
T load(const char* at)
{
   T bytes;
   std::memcpy(&bytes, at, sizeof bytes);
   return bytes;
}

}  // namespace

// The bytes of a text of 16 or fewer in two words, read a whole word at a time: the first and
// last bytes of the text may overlap, and with the length they tell the text apart from any
// other. Longer texts are hashed by the library.
text_cache::text_key text_cache::key_of(std::string_view text)
{
   const char* const at = text.data();
   const std::size_t size = text.size();
   text_key made{0, 0, static_cast<std::uint32_t>(std::min<std::size_t>(size, std::numeric_limits<std::uint32_t>::max())), 0};
   if (size > 16) {
      made.low = std::hash<std::string_view>{}(text);
   }
   else if (size >= 8) {
      made.low = load<std::uint64_t>(at);
      made.high = load<std::uint64_t>(at + size - 8);
   }
   else if (size >= 4) {
      made.low = load<std::uint32_t>(at) | (std::uint64_t{load<std::uint32_t>(at + size - 4)} << 32);
   }
   else if (size > 0) {
      made.low = static_cast<unsigned char>(at[0]) | (static_cast<unsigned char>(at[size / 2]) << 8) |
                 (static_cast<unsigned char>(at[size - 1]) << 16);
   }
   // Names that differ in their last letter ("AE 18", "AE 19") differ in the high bits of a
   // word, which a product carries only upward: the shifts bring them down again.
   std::uint64_t mixed = (made.low * 0x9E3779B97F4A7C15U) ^ (made.high * 0xC2B2AE3D27D4EB4FU) ^ size;
   mixed ^= mixed >> 32;
   mixed *= 0x9E3779B97F4A7C15U;
   mixed ^= mixed >> 29;
   made.hash = static_cast<std::uint32_t>(mixed);
   return made;
}

std::optional<std::string_view> text_cache::find(std::string_view text)
{
   if (m_off) return std::nullopt;
   if (++m_looked == trial && m_found * worth_it < m_looked) {
      m_off = true;
      std::vector<slot>().swap(m_slots);
      return std::nullopt;
   }
   m_key = key_of(text);
   if (m_slots.empty()) return std::nullopt;
   const std::size_t mask = m_slots.size() - 1;
   for (std::size_t at = m_key.hash & mask;; at = (at + 1) & mask) {
      const auto& found = m_slots[at];
      if (found.data == nullptr) return std::nullopt;
      if (found.key.low == m_key.low && found.key.high == m_key.high && found.key.size == m_key.size &&
          (text.size() <= 16 || std::string_view(found.data, text.size()) == text)) {
         ++m_found;
         return std::string_view(found.data, text.size());
      }
   }
}

void text_cache::keep(std::string_view stored)
{
   if (m_off || m_held == most_held) return;
   if (2 * (m_held + 1) > m_slots.size()) {  // kept at most half full, so that a search ends soon
      std::vector<slot> old(std::max(first_slots, 2 * m_slots.size()));
      old.swap(m_slots);
      for (const auto& moved : old) {
         if (moved.data != nullptr) put(moved);
      }
   }
   put({m_key, stored.data()});
   ++m_held;
}

void text_cache::put(const slot& kept)
{
   const std::size_t mask = m_slots.size() - 1;
   std::size_t at = kept.key.hash & mask;
   while (m_slots[at].data != nullptr) at = (at + 1) & mask;
   m_slots[at] = kept;
}

std::optional<cell> decode_cell(const checked_plan& plan, const field_info& field, std::string_view text,
                                record_storage& storage, std::string& reason, text_cache* cache)
{
   if (text.empty()) {
      if (field.type.optional) {
         return cell{};
      }
      reason = "the field is required";
      return std::nullopt;
   }
   switch (field.type.kind) {
      case type_kind::text:
         if (cache != nullptr) {
            // A text stored before was checked before.
            if (const auto stored = cache->find(text)) return cell::of_text(*stored, storage.long_texts);
         }
         if (const auto bad = find_invalid_utf8(text)) {
            reason = fmt::format("the byte 0x{:02X} at byte {} of the value is not UTF-8 text",
                                 static_cast<unsigned char>(text[*bad]), *bad + 1);
            return std::nullopt;
         }
         if (text.size() > std::numeric_limits<std::uint32_t>::max()) {
            reason = "a text cell holds at most 4,294,967,295 bytes";
            return std::nullopt;
         }
         {
            char* const at = storage.text.get() + storage.text_size;
            std::copy(text.begin(), text.end(), at);
            storage.text_size += text.size();
            const std::string_view stored(at, text.size());
            if (cache != nullptr) cache->keep(stored);
            return cell::of_text(stored, storage.long_texts);
         }
      case type_kind::boolean:
         if (text == "true") return cell::of(true);
         if (text == "false") return cell::of(false);
         reason = "expected true or false";
         return std::nullopt;
      case type_kind::date: {
         const auto parsed = date::parse(text);
         if (!parsed) {
            reason = "expected a calendar date written YYYY-MM-DD";
            return std::nullopt;
         }
         return cell::of(*parsed);
      }
      case type_kind::enumeration: {
         const auto& values = plan.enumerations[static_cast<std::size_t>(field.type.enumeration)];
         if (const auto position = values.find(text)) {
            return cell::of(enum_value{*position});
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
               reason = plan.currency_places == 0
                           ? std::string("an amount is a whole number: the plan's currency has no decimal places")
                           : fmt::format("an amount has at most {} decimal places", plan.currency_places);
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
         return cell::of_number(*parsed, storage.large_numbers);
      }
      case type_kind::days: break;
   }
   reason = "this kind of field cannot be read from a file";
   return std::nullopt;
}

record_file read_deals(const checked_plan& plan, std::string_view text, const std::string& file,
                       diagnostic_list& diagnostics, unsigned jobs)
{
   auto result = read_records(plan, plan.deals, text, file, "deals", plan.deal_key, diagnostics, jobs);
   if (result.stopped) {
      return result;
   }
   report_duplicate_ids(result, file, diagnostics, plan.deal_key);
   return result;
}

record_file read_people(const checked_plan& plan, std::string_view text, const std::string& file,
                        diagnostic_list& diagnostics)
{
   auto result = read_records(plan, plan.people, text, file, "people", plan.people_person, diagnostics, 1);
   if (result.stopped) {
      return result;
   }
   std::map<std::pair<std::string, std::uint32_t>, std::uint32_t> first_line;
   for (const auto& row : result.rows) {
      const auto person = row.text(static_cast<std::size_t>(plan.people_person));
      const auto role = std::get<enum_value>(row.get(static_cast<std::size_t>(plan.people_role))).index;
      const auto [it, inserted] = first_line.try_emplace({std::string(person), role}, row.line());
      if (!inserted) {
         auto& d = diagnostics.error(
            "R008", source_span::point(file, row.line(), 1),
            fmt::format("'{}' appears twice as {}; paying by either row could pay twice", person, plan.role_name(static_cast<int>(role))));
         d.notes.push_back({source_span::point(file, it->second, 1), "the first row for this person and role"});
         result.stopped = true;
      }
   }
   return result;
}

}  // namespace compplan

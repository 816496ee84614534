// Ledger CSV, report JSON and the run summary, all in ledger order so that output is reproducible.
#include "interpreter/ledger.hpp"

#include "interpreter/parallel.hpp"
#include "interpreter/person_map.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <limits>
#include <map>
#include <vector>

namespace compplan {

namespace {

// The bytes a ledger line writes go straight into a block's memory, in room made for the whole
// line at once: appending each cell and comma to a string checked its capacity some forty times
// a line.
class text_block {
public:
   // Where `more` bytes may be written after the text so far.
   char* room(std::size_t more)
   {
      if (m_used + more > m_capacity) {
         const auto capacity = std::max(2 * m_capacity, m_used + more);
         auto grown = std::make_unique_for_overwrite<char[]>(capacity);
         std::copy_n(m_data.get(), m_used, grown.get());
         m_data = std::move(grown);
         m_capacity = capacity;
      }
      return m_data.get() + m_used;
   }
   void written_to(const char* end) { m_used = static_cast<std::size_t>(end - m_data.get()); }
   void clear() { m_used = 0; }
   std::string_view text() const { return {m_data.get(), m_used}; }

private:
   std::unique_ptr<char[]> m_data;
   std::size_t m_capacity = 0;
   std::size_t m_used = 0;
};

char* put(char* out, std::string_view text)
{
   std::memcpy(out, text.data(), text.size());
   return out + text.size();
}

// Writes text as one CSV cell: in double quotes, each doubled, when it holds a comma, a quote or a
// line break. At most 2 * size + 2 bytes.
char* put_csv_cell(char* out, std::string_view text)
{
   // One comparison per byte: find_first_of would search the four specials for each byte.
   const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
      return c == ',' || c == '"' || c == '\r' || c == '\n';
   });
   if (plain) return put(out, text);
   *out++ = '"';
   for (const char c : text) {
      if (c == '"') *out++ = '"';
      *out++ = c;
   }
   *out++ = '"';
   return out;
}

// The most bytes put_amount writes: a sign, 39 digits of 128 bits, a point, and the zeros
// before the first digit of an amount below one when the currency has many places.
std::size_t most_amount_bytes(int currency_places)
{
   return 42 + static_cast<std::size_t>(currency_places);
}

// Writes a ledger line's amount at the currency's places, as decimal::to_fixed writes it, from
// its units without making a rational of them. An amount with more places than the currency's
// (which no run makes) goes through to_fixed, which says it is not exact at that many places.
char* put_amount(char* out, const ledger_book::entry& line, int currency_places)
{
   __int128 units = 0;
   if (line.places > currency_places ||
       __builtin_mul_overflow(line.units, power_of_ten(currency_places - line.places), &units)) {
      return put(out, line.amount().to_fixed(currency_places));  // the same digits: at most as many bytes
   }
   // The digits, least significant first; a 128-bit magnitude has at most 39.
   std::array<char, 48> digits{};
   std::size_t count = 0;
   auto magnitude = units < 0 ? -static_cast<unsigned __int128>(units) : static_cast<unsigned __int128>(units);
   while (magnitude > std::numeric_limits<std::uint64_t>::max()) {
      digits[count++] = static_cast<char>('0' + static_cast<int>(magnitude % 10));
      magnitude /= 10;
   }
   for (auto small = static_cast<std::uint64_t>(magnitude); small != 0; small /= 10) {
      digits[count++] = static_cast<char>('0' + static_cast<int>(small % 10));
   }
   const auto places = static_cast<std::size_t>(currency_places);
   while (count <= places) digits[count++] = '0';  // at least one digit before the point
   if (units < 0) *out++ = '-';
   for (std::size_t i = count; i > places; --i) *out++ = digits[i - 1];
   if (places > 0) {
      *out++ = '.';
      for (std::size_t i = places; i > 0; --i) *out++ = digits[i - 1];
   }
   return out;
}

// How many deals have each status, by deal_status.
using status_counts = std::array<std::size_t, static_cast<std::size_t>(deal_status::malformed) + 1>;

status_counts count_by_status(const run_result& result)
{
   status_counts counts{};
   for (const auto& deal : result.deals) {
      ++counts[static_cast<std::size_t>(deal.status)];
   }
   return counts;
}

// The ledger's dates as text, each day formatted once: a ledger's dates fall within a few years,
// and formatting one on every line cost more than the rest of the line.
class date_texts {
public:
   explicit date_texts(const std::vector<ledger_book::entry>& ledger)
   {
      if (ledger.empty()) return;
      const auto [first, last] = std::minmax_element(ledger.begin(), ledger.end(), [](const auto& a, const auto& b) {
         return a.on < b.on;
      });
      constexpr std::int64_t most_days = std::int64_t{1} << 16;  // 179 years, half a megabyte
      if (last->on.serial() - first->on.serial() >= most_days) return;  // each date formatted as it comes
      m_first = first->on.serial();
      m_texts.resize(static_cast<std::size_t>(last->on.serial() - m_first + 1));
      for (std::size_t i = 0; i < m_texts.size(); ++i) {
         const auto text = date::from_serial(m_first + static_cast<std::int64_t>(i)).to_string();
         std::copy_n(text.begin(), width, m_texts[i].begin());
      }
   }
   // Writes the date: YYYY-MM-DD, as every date from 0001-01-01 to 9999-12-31 is written.
   char* put(char* out, const date& day) const
   {
      const auto at = static_cast<std::uint64_t>(day.serial() - m_first);
      if (at < m_texts.size()) return std::copy_n(m_texts[at].data(), width, out);
      const auto text = day.to_string();
      return std::copy_n(text.data(), std::min(text.size(), most_bytes), out);
   }
   static constexpr std::size_t most_bytes = 10;

private:
   static constexpr std::size_t width = 10;  // YYYY-MM-DD
   std::int64_t m_first = 0;
   std::vector<std::array<char, width>> m_texts;
};

}  // namespace

// Lines are formatted into buffers and written in large blocks: a stream insertion per value costs
// more than the formatting itself. Each round formats one block of lines per job, side by side,
// and writes them in order, so memory holds a few blocks, never the whole ledger.
struct ledger_csv_writer::buffers {
   // One block per job, kept from round to round: a fresh megabyte each block would be mapped and
   // faulted in again every time. Apart by a cache line, as each thread writes its own.
   struct alignas(64) job_block {
      text_block block;
   };
   std::vector<job_block> blocks;
};

ledger_csv_writer::ledger_csv_writer(const checked_plan& plan, std::ostream& out, unsigned jobs)
   : m_plan(plan), m_out(out), m_jobs(std::max(1U, jobs)), m_buffers(std::make_unique<buffers>())
{
   m_buffers->blocks.resize(m_jobs);
   constexpr std::string_view header = "deal,person,role,event,date,amount,rule\n";
   m_out.write(header.data(), static_cast<std::streamsize>(header.size()));
}

ledger_csv_writer::~ledger_csv_writer() = default;

void ledger_csv_writer::write(const ledger_book& ledger)
{
   constexpr std::size_t most_lines_per_block = std::size_t{1} << 14;
   const auto& plan = m_plan;
   const date_texts dates(ledger.entries());
   const auto& entries = ledger.entries();
   const auto amount_bytes = most_amount_bytes(plan.currency_places);
   const auto format_lines = [&](text_block& block, std::size_t begin, std::size_t end) {
      block.clear();
      for (std::size_t i = begin; i < end; ++i) {
         const auto& line = entries[i];
         const auto role = plan.role_name(line.role);
         const auto event = ledger.name_of(line.event);
         const auto rule = ledger.name_of(line.rule);
         // Seven separators and the longest each cell can be.
         const auto most = 7 + 2 * line.deal.size() + 2 + 2 * line.person.size() + 2 + role.size() + event.size() +
                           date_texts::most_bytes + amount_bytes + rule.size();
         char* out = block.room(most);
         out = put_csv_cell(out, line.deal);
         *out++ = ',';
         out = put_csv_cell(out, line.person);
         *out++ = ',';
         out = put(out, role);
         *out++ = ',';
         out = put(out, event);
         *out++ = ',';
         out = dates.put(out, line.on);
         *out++ = ',';
         out = put_amount(out, line, plan.currency_places);
         *out++ = ',';
         out = put(out, rule);
         *out++ = '\n';
         block.written_to(out);
      }
   };
   // Each round's lines are shared evenly among the jobs, up to a block's most each.
   const std::size_t round = most_lines_per_block * m_jobs;
   for (std::size_t first = 0; first < ledger.size(); first += round) {
      const auto count = std::min(round, ledger.size() - first);
      const auto per_block = (count + m_jobs - 1) / m_jobs;
      const auto blocks = (count + per_block - 1) / per_block;  // at most one per job
      in_slices<int>(blocks, m_jobs, [&](std::size_t block, std::size_t) {
         format_lines(m_buffers->blocks[block].block, first + block * per_block,
                      first + std::min(count, (block + 1) * per_block));
         return 0;
      });
      for (std::size_t b = 0; b < blocks; ++b) {
         const auto text = m_buffers->blocks[b].block.text();
         m_out.write(text.data(), static_cast<std::streamsize>(text.size()));
      }
   }
}

void write_ledger_csv(const checked_plan& plan, const run_result& result, std::ostream& out, unsigned jobs)
{
   ledger_csv_writer writer(plan, out, jobs);
   writer.write(result.ledger);
}

// Every ledger amount is whole in the currency's smallest unit (the ledger writes it at that many
// places, exactly), so the sums are kept as a count of those units in 128 bits rather than added
// as rationals. An amount that is not, or a sum that would overflow, goes to the exact rational
// part, which throws like any other sum that does not fit. Hashed while summing (a ledger has
// millions of lines, people only thousands), sorted when asked for. With jobs > 1, stretches of
// the lines are summed side by side, each thread into a part of its own kept from one stretch to
// the next, and the parts are added when the totals are asked for: the sums are exact, so they
// are the same however the lines are split.
struct ledger_totals::sums {
   struct sum {
      __int128 units = 0;
      decimal rest;
   };
   // Apart by a cache line, as each thread adds to its own.
   struct alignas(64) part {
      person_role_map<sum> by_person;
   };
   std::vector<part> parts;

   // `units` (of the smallest unit) and `rest` added to `into`.
   static void add_units(sum& into, __int128 units, const decimal& rest, const __int128& scale)
   {
      __int128 total = 0;
      if (!__builtin_add_overflow(into.units, units, &total)) {
         into.units = total;
      }
      else {
         into.rest += decimal::from_fraction(units, scale);
      }
      into.rest += rest;
   }
};

ledger_totals::ledger_totals(const checked_plan& plan) : m_plan(&plan), m_sums(std::make_unique<sums>()) {}
ledger_totals::~ledger_totals() = default;
ledger_totals::ledger_totals(ledger_totals&&) noexcept = default;
ledger_totals& ledger_totals::operator=(ledger_totals&&) noexcept = default;

ledger_totals ledger_totals::of(const checked_plan& plan, const ledger_book& ledger, unsigned jobs)
{
   ledger_totals totals(plan);
   totals.add(ledger, jobs);
   return totals;
}

void ledger_totals::clear()
{
   m_sums = std::make_unique<sums>();
   m_lines = 0;
}

void ledger_totals::add(const ledger_book& lines, unsigned jobs)
{
   using sum = sums::sum;
   const int places = m_plan->currency_places;
   const auto& ledger = lines.entries();
   const auto slices = slice_count(ledger.size(), jobs);
   if (m_sums->parts.size() < slices) m_sums->parts.resize(slices);
   for_each_slice(ledger.size(), jobs, [&](std::size_t s, std::size_t begin, std::size_t end) {
      auto& sums = m_sums->parts[s].by_person;
      // A deal's lines for one person and role are next to each other, so the last total found
      // usually serves the next line too. Only finding a total can add one, and it sets `last`.
      std::pair<std::string_view, int> last_key;
      sum* last = nullptr;
      for (std::size_t i = begin; i < end; ++i) {
         const auto& line = ledger[i];
         const std::pair<std::string_view, int> key{line.person, line.role};
         if (last == nullptr || key.second != last_key.second || !same_text(key.first, last_key.first)) {
            last = &sums[key];
            last_key = key;
         }
         __int128 units = 0;
         if (line.places <= places && !__builtin_mul_overflow(line.units, power_of_ten(places - line.places), &units) &&
             !__builtin_add_overflow(last->units, units, &units)) {
            last->units = units;
         }
         else {
            last->rest += line.amount();
         }
      }
   });
   m_lines += ledger.size();
}

std::vector<std::pair<std::pair<std::string_view, int>, decimal>> ledger_totals::sorted() const
{
   const auto scale = power_of_ten(m_plan->currency_places);
   person_role_map<sums::sum> all;
   for (const auto& part : m_sums->parts) {
      for (const auto& [key, from] : part.by_person) sums::add_units(all[key], from.units, from.rest, scale);
   }
   std::vector<std::pair<std::pair<std::string_view, int>, decimal>> totals;
   totals.reserve(all.size());
   for (const auto& [key, total] : all) {
      totals.emplace_back(key, decimal::from_fraction(total.units, scale) + total.rest);
   }
   std::sort(totals.begin(), totals.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
   return totals;
}

ledger_csv_sink::ledger_csv_sink(const checked_plan& plan, std::function<std::ostream&()> open, unsigned jobs)
   : m_plan(plan), m_open(std::move(open)), m_jobs(jobs), m_totals(plan)
{}

void ledger_csv_sink::start()
{
   m_writer.reset();  // before the stream it writes to is opened again
   m_writer = std::make_unique<ledger_csv_writer>(m_plan, m_open(), m_jobs);
   m_totals.clear();
}

void ledger_csv_sink::write(const ledger_book& lines)
{
   if (m_writer == nullptr) start();
   m_writer->write(lines);
   m_totals.add(lines, m_jobs);
}

void ledger_csv_sink::restart()
{
   if (m_writer != nullptr) start();
}

void ledger_csv_sink::finish()
{
   if (m_writer == nullptr) start();
}

namespace {

// A value as dump(2) writes it, for a place `depth` levels into the document: the lines after the
// first are indented as the enclosing document would indent them.
std::string dump_at(const nlohmann::ordered_json& value, int depth)
{
   // Text from the input files is UTF-8 once read (plans and text cells are checked), but ids of
   // rejected rows and the messages quoting bad cells repeat the raw bytes: replace, never throw.
   const auto text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
   const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
   std::string placed;
   placed.reserve(text.size());
   for (const char c : text) {
      placed += c;
      if (c == '\n') placed += indent;
   }
   return placed;
}

}  // namespace

// The same bytes as dumping the whole report with an indent of 2, but the deals (a million
// objects, most of a large report) are written one at a time instead of held as one document.
void write_report_json(const checked_plan& plan, const run_inputs& inputs, const run_result& result,
                       const ledger_totals& totals, std::ostream& out)
{
   using nlohmann::ordered_json;
   std::string text = "{\n";
   const auto member = [&](std::string_view key, const ordered_json& value) {
      text += text.size() > 2 ? ",\n  " : "  ";
      text += ordered_json(key).dump();
      text += ": ";
      text += dump_at(value, 1);
   };
   constexpr std::size_t block = std::size_t{1} << 16;
   const auto flush = [&] {
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      text.clear();
   };
   member("plan", plan.plan().header ? plan.plan().header->title : std::string());
   member("plan_file", plan.plan().file);
   member("deals_file", inputs.deals_file);
   member("people_file", inputs.people_file);
   member("as_of", inputs.as_of.to_string());
   member("status", result.stopped ? "stopped" : result.exit_status() == 0 ? "clean" : "errors");
   member("exit_status", result.exit_status());
   std::map<std::string, std::size_t> counts;  // alphabetical, as the report lists them
   const auto by_status = count_by_status(result);
   for (const auto status : {deal_status::credited, deal_status::out_of_period, deal_status::excluded,
                             deal_status::uncredited, deal_status::ambiguous, deal_status::input_error,
                             deal_status::malformed}) {
      counts[std::string(to_string(status))] = by_status[static_cast<std::size_t>(status)];
   }
   member("counts", counts);
   text += ",\n  \"deals\": ";
   if (result.deals.empty()) text += "[]";
   for (std::size_t i = 0; i < result.deals.size(); ++i) {
      const auto& deal = result.deals[i];
      ordered_json entry;
      entry["id"] = deal.id();
      entry["line"] = deal.line;
      entry["status"] = to_string(deal.status);
      if (!deal.rules.empty()) entry["rules"] = deal.rules.to_vector();
      if (!deal.message.empty()) entry["message"] = deal.message.str();
      text += i == 0 ? "[\n    " : ",\n    ";
      text += dump_at(entry, 2);
      if (text.size() >= block) flush();
   }
   if (!result.deals.empty()) text += "\n  ]";
   auto by_person = ordered_json::array();
   for (const auto& [who, amount] : totals.sorted()) {
      by_person.push_back({{"person", who.first},
                        {"role", plan.role_name(who.second)},
                        {"total", amount.to_fixed(plan.currency_places)}});
   }
   member("totals", by_person);
   member("ledger_lines", totals.lines());
   auto diagnostics = ordered_json::array();
   for (const auto& d : result.diagnostics) {
      diagnostics.push_back({{"severity", to_string(d.level)},
                             {"code", d.code},
                             {"file", d.span.file},
                             {"line", d.span.line},
                             {"column", d.span.column},
                             {"message", d.message}});
   }
   member("diagnostics", diagnostics);
   text += "\n}\n";
   flush();
}

void write_report_json(const checked_plan& plan, const run_inputs& inputs, const run_result& result, std::ostream& out)
{
   write_report_json(plan, inputs, result, ledger_totals::of(plan, result.ledger, inputs.jobs), out);
}

void write_summary(const checked_plan& plan, const run_result& result, const ledger_totals& totals,
                   std::ostream& out)
{
   if (result.stopped) {
      out << "run stopped: nothing was written\n";
      return;
   }
   const auto by_status = count_by_status(result);
   const auto counts = [&](deal_status status) { return by_status[static_cast<std::size_t>(status)]; };
   out << fmt::format("{} deals: {} credited, {} out of period, {} excluded, {} uncredited, {} ambiguous, "
                      "{} input errors, {} malformed\n",
                      result.deals.size(), counts(deal_status::credited), counts(deal_status::out_of_period),
                      counts(deal_status::excluded), counts(deal_status::uncredited), counts(deal_status::ambiguous),
                      counts(deal_status::input_error), counts(deal_status::malformed));
   decimal grand;
   for (const auto& [who, amount] : totals.sorted()) {
      out << fmt::format("  {:<24} {:<8} {:>14}\n", who.first, plan.role_name(who.second),
                         amount.to_fixed(plan.currency_places));
      grand += amount;
   }
   out << fmt::format("{} ledger lines, {} paid in all\n", totals.lines(), grand.to_fixed(plan.currency_places));
}

void write_summary(const checked_plan& plan, const run_result& result, std::ostream& out, unsigned jobs)
{
   write_summary(plan, result, ledger_totals::of(plan, result.ledger, jobs), out);
}

}  // namespace compplan

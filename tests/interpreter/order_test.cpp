// Deal orders by stated fields (packed keys, the general path, ids known to ascend) and the ledger's order.
#include "interpreter/order.hpp"

#include "interpreter/evaluate.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <numeric>
#include <string>
#include <vector>

using namespace compplan;

namespace {

// Rows of (booked, amount, id): field 0 a date, field 1 a decimal, field 2 the key.
std::vector<std::vector<value>> sample_rows()
{
   std::vector<std::vector<value>> rows;
   const char* const ids[] = {"D10", "D2", "D7", "D1", "D9", "D3", "D5", "D8", "D4", "D6"};
   rows.reserve(std::size(ids));
   for (int i = 0; i < 10; ++i) {
      rows.push_back({*date::parse(i % 3 == 0 ? "2027-03-01" : i % 3 == 1 ? "2027-01-15" : "2027-02-01"),
                      decimal::from_int(i % 4), std::string(ids[i])});
   }
   return rows;
}

// The rows as a record file holds them: whole cells that view the values' text, large numbers
// aside. The values must outlive it.
struct typed_rows {
   std::deque<decimal> large;
   std::deque<std::string_view> long_texts;
   row_layout layout = row_layout::of_cells(0);
   std::vector<std::vector<std::byte>> bytes;
   std::vector<typed_row> rows;
   std::vector<const typed_row*> pointers;

   explicit typed_rows(const std::vector<std::vector<value>>& values)
   {
      if (!values.empty()) layout = row_layout::of_cells(values.front().size());
      for (std::size_t i = 0; i < values.size(); ++i) {
         auto& row = bytes.emplace_back(layout.stride());
         row_layout::put_line(row.data(), static_cast<std::uint32_t>(i + 2));
         for (std::size_t f = 0; f < values[i].size(); ++f) {
            const auto& v = values[i][f];
            if (const auto* d = std::get_if<date>(&v)) layout.put(row.data(), f, cell::of(*d));
            else if (const auto* n = std::get_if<decimal>(&v)) layout.put(row.data(), f, cell::of_number(*n, large));
            else layout.put(row.data(), f, cell::of_text(std::get<std::string>(v), long_texts));
         }
      }
      for (const auto& row : bytes) rows.emplace_back(row.data(), &layout);
      for (const auto& row : rows) pointers.push_back(&row);
   }
};

// The order as the definition says it: a stable sort comparing each field, then the id.
deal_order by_definition(const std::vector<std::vector<value>>& rows, const std::vector<int>& fields)
{
   deal_order order(rows.size());
   std::iota(order.begin(), order.end(), 0);
   std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      for (const int f : fields) {
         const int cmp = compare_values(rows[a][static_cast<std::size_t>(f)], rows[b][static_cast<std::size_t>(f)]);
         if (cmp != 0) return cmp < 0;
      }
      return compare_values(rows[a][2], rows[b][2]) < 0;
   });
   return order;
}

// Lines view their text, so the test passes literals, which live as long as the program.
ledger_line line(std::string_view deal, std::string_view person, int role, std::string_view event)
{
   return {deal, person, role, event, *date::parse("2027-01-01"), decimal{}, "r"};
}

}  // namespace

TEST_CASE("stated_order: packed keys and the general path give the definition's order", "[run][order]")
{
   const auto rows = sample_rows();
   // Dates and text pack; a decimal field takes the general path.
   for (const auto& fields : {std::vector<int>{0}, std::vector<int>{0, 2}, std::vector<int>{1, 0}, std::vector<int>{2}}) {
      INFO("fields " << fields.size() << " first " << fields.front());
      CHECK(stated_order(typed_rows(rows).pointers, fields, 2, false) == by_definition(rows, fields));
   }
}

TEST_CASE("stated_order: rows known to be in id order need no id comparison", "[run][order]")
{
   auto rows = sample_rows();
   std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return compare_values(a[2], b[2]) < 0; });
   for (const auto& fields : {std::vector<int>{0, 2}, std::vector<int>{0}, std::vector<int>{1, 0, 2}}) {
      CHECK(stated_order(typed_rows(rows).pointers, fields, 2, true) == by_definition(rows, fields));
   }
}

namespace {

std::vector<std::string> sorted_lines(const std::vector<ledger_line>& lines, unsigned jobs)
{
   ledger_book ledger(lines);
   sort_ledger(ledger, jobs);
   std::vector<std::string> seen;
   seen.reserve(ledger.size());
   for (const auto& l : ledger) seen.push_back(fmt::format("{} {} {} {}", l.deal, l.role, l.person, l.event));
   return seen;
}

}  // namespace

TEST_CASE("sort_ledger: deals by id (bytes), then role, then person, keeping computed order", "[run][order]")
{
   const std::vector<ledger_line> ledger = {
      line("D9", "Ana", 1, "booked"), line("D9", "Ana", 0, "booked"), line("D9", "Ana", 0, "clawback"),
      line("D10", "Ben", 0, "booked"), line("D10", "Al", 0, "booked"), line("D10", "Al", 0, "activated"),
   };
   const std::vector<std::string> expected{"D10 0 Al booked", "D10 0 Al activated", "D10 0 Ben booked",
                                           "D9 0 Ana booked", "D9 0 Ana clawback", "D9 1 Ana booked"};
   // Stretches of whole deals with several jobs: more jobs than deals, and than lines, too.
   for (const unsigned jobs : {1U, 2U, 3U, 7U}) {
      INFO(jobs << " jobs");
      CHECK(sorted_lines(ledger, jobs) == expected);
   }
   CHECK(sorted_lines({}, 2).empty());
}

TEST_CASE("sort_ledger: deals already in id order stay, out of order across stretches are sorted", "[run][order]")
{
   // In id order but for the lines within deals; a stretch boundary falls inside D2's lines.
   const std::vector<ledger_line> in_order = {
      line("D1", "Bo", 0, "booked"),  line("D1", "Al", 0, "booked"), line("D2", "Cy", 1, "booked"),
      line("D2", "Cy", 0, "booked"),  line("D2", "Al", 1, "booked"), line("D3", "Al", 0, "booked"),
   };
   const std::vector<std::string> expected{"D1 0 Al booked", "D1 0 Bo booked", "D2 0 Cy booked",
                                           "D2 1 Al booked", "D2 1 Cy booked", "D3 0 Al booked"};
   // Out of order only where one stretch meets the next: D3's lines first, then D1 and D2.
   std::vector<ledger_line> swapped(in_order.begin() + 5, in_order.end());
   swapped.insert(swapped.end(), in_order.begin(), in_order.begin() + 5);
   // Each of two stretches in order on its own (D2; then D1 and D3), but not where they meet.
   std::vector<ledger_line> meeting(in_order.begin() + 2, in_order.begin() + 5);
   meeting.insert(meeting.end(), in_order.begin(), in_order.begin() + 2);
   meeting.push_back(in_order.back());
   for (const unsigned jobs : {1U, 2U, 3U}) {
      INFO(jobs << " jobs");
      CHECK(sorted_lines(in_order, jobs) == expected);
      CHECK(sorted_lines(swapped, jobs) == expected);
      CHECK(sorted_lines(meeting, jobs) == expected);
   }
}

TEST_CASE("stated_order: one date field is counted when its dates are close, compared when far apart", "[run][order]")
{
   // Rows in id order, so only the date is sorted on: the counting path when the dates span a few
   // days, the comparison path when they span millennia. Both give the definition's order, ties
   // kept in id order.
   const std::vector<std::vector<const char*>> date_sets = {
      {"2027-03-01", "2027-03-02", "2027-02-27", "2027-03-01", "2027-02-28", "2027-02-27", "2027-03-02"},
      {"2027-03-01", "9999-12-31", "2027-02-27", "2027-03-01", "0001-01-01", "2027-02-27", "9999-12-31"},
   };
   const std::vector<std::size_t> firsts = {2, 4};  // D3 (2027-02-27, before D6), D5 (0001-01-01)
   for (std::size_t set = 0; set < date_sets.size(); ++set) {
      INFO("date set " << set);
      std::vector<std::vector<value>> rows;
      for (std::size_t i = 0; i < date_sets[set].size(); ++i) {
         rows.push_back({*date::parse(date_sets[set][i]), decimal::from_int(0), "D" + std::to_string(i + 1)});
      }
      const auto expected = by_definition(rows, {0});
      CHECK(stated_order(typed_rows(rows).pointers, {0, 2}, 2, true) == expected);
      CHECK(stated_order(typed_rows(rows).pointers, {0}, 2, true) == expected);
      CHECK(expected.front() == firsts[set]);
   }
}

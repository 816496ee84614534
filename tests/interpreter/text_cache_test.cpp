// A column's repeated texts are stored once (text_cache), and reading a file gives the same texts
// whether they were found in the cache or stored anew.
#include "interpreter/records.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <deque>
#include <string>
#include <string_view>
#include <vector>

using namespace compplan;
using namespace compplan::test_support;

namespace {

// Texts copied into storage that never moves, as a stretch's text cells are.
class stored_texts {
public:
   std::string_view store(std::string_view text) { return m_texts.emplace_back(text); }

private:
   std::deque<std::string> m_texts;
};

// Looks `text` up and keeps a stored copy when it is not found, as decoding a cell does.
std::string_view intern(text_cache& cache, stored_texts& storage, std::string_view text)
{
   if (const auto found = cache.find(text)) return *found;
   const auto stored = storage.store(text);
   cache.keep(stored);
   return stored;
}

}  // namespace

TEST_CASE("text cache: a text kept is found again as the stored copy; others are not", "[run][records]")
{
   text_cache cache;
   stored_texts storage;
   CHECK_FALSE(cache.find("AE 18").has_value());  // nothing kept yet
   const auto first = intern(cache, storage, "AE 18");
   const auto again = cache.find(std::string("AE 18"));
   REQUIRE(again.has_value());
   CHECK(again->data() == first.data());
   CHECK(*again == "AE 18");
   // Texts that differ in one byte anywhere, or in length, of every length a key reads words of
   // differently: none is taken for another.
   std::vector<std::string> texts;
   for (std::size_t size = 0; size <= 40; ++size) {
      const std::string base(size, 'a');
      texts.push_back(base);
      for (std::size_t at = 0; at < size; ++at) {
         auto changed = base;
         changed[at] = 'b';
         texts.push_back(changed);
      }
   }
   std::vector<std::string_view> stored;
   stored.reserve(texts.size());
   for (const auto& text : texts) stored.push_back(intern(cache, storage, text));
   for (std::size_t i = 0; i < texts.size(); ++i) {
      const auto found = cache.find(texts[i]);
      REQUIRE(found.has_value());
      CHECK(*found == texts[i]);
      CHECK(found->data() == stored[i].data());
   }
}

TEST_CASE("text cache: the table grows as texts are kept, up to the most it holds", "[run][records]")
{
   text_cache cache;
   stored_texts storage;
   std::vector<std::string_view> stored;
   for (std::size_t i = 0; i < text_cache::most_held + 10; ++i) {
      // Every other lookup finds a text, so that the cache stays in use past its trial.
      stored.push_back(intern(cache, storage, fmt::format("Person {}", i)));
      intern(cache, storage, "Person 0");
   }
   // Kept while there was room: found, however the table grew since.
   for (const std::size_t i : {std::size_t{0}, std::size_t{1}, text_cache::first_slots, text_cache::most_held - 1}) {
      const auto found = cache.find(fmt::format("Person {}", i));
      REQUIRE(found.has_value());
      CHECK(found->data() == stored[i].data());
   }
   // Past the most it holds: not kept, so looked for in vain.
   CHECK_FALSE(cache.find(fmt::format("Person {}", text_cache::most_held)).has_value());
   CHECK_FALSE(cache.find(fmt::format("Person {}", text_cache::most_held + 9)).has_value());
}

TEST_CASE("text cache: a column whose texts do not repeat stops being looked up after its trial", "[run][records]")
{
   text_cache cache;
   stored_texts storage;
   // The trial's lookups but two, every text new.
   for (std::size_t i = 0; i + 2 < text_cache::trial; ++i) intern(cache, storage, fmt::format("D{:08}", i));
   REQUIRE(cache.find("D00000005").has_value());  // one found of the trial's lookups
   CHECK_FALSE(cache.find("D00000005").has_value());  // the trial's last: too few found, so off
   CHECK_FALSE(cache.find("D00000006").has_value());

   // A column where one lookup in four finds its text goes on.
   text_cache repeating;
   for (std::size_t i = 0; i < text_cache::trial; ++i) {
      intern(repeating, storage, i % 4 == 0 ? std::string("Acme") : fmt::format("x{}", i));
   }
   CHECK(repeating.find("Acme").has_value());
}

TEST_CASE("records: repeated texts view one stored copy, and a rejected row spoils none of them", "[run][records]")
{
   const auto& plan = reference_plan();
   const auto ae = static_cast<std::size_t>(plan.deals.find("ae"));
   const auto account = static_cast<std::size_t>(plan.deals.find("account"));
   // The third row is rejected at its last column, after its account and its AE were stored;
   // the fourth row's longer account could take the place of their bytes, while its AE, found in
   // the cache, still views them.
   const std::string csv = deals_header +
                           "D1,Acme,new,ae_sourced,100.00,false,2027-01-05,,,Ana,,,false\n"
                           "D2,Initech,new,ae_sourced,200.00,false,2027-01-06,,,Ana,,,false\n"
                           "D3,Globex,new,ae_sourced,300.00,false,2027-01-07,,,Ben,,,maybe\n"
                           "D4,Zzzzzzzzzzzz,new,ae_sourced,400.00,false,2027-01-08,,,Ben,,,false\n";
   diagnostic_list diagnostics;
   const auto records = read_deals(plan, csv, "deals.csv", diagnostics);
   REQUIRE(records.rows.size() == 3);
   REQUIRE(records.rejected.size() == 1);
   CHECK(records.rejected[0].id == "D3");
   CHECK(records.rows[0].text(ae) == "Ana");
   CHECK(records.rows[1].text(ae) == "Ana");
   CHECK(records.rows[0].text(ae).data() == records.rows[1].text(ae).data());
   CHECK(records.rows[2].text(ae) == "Ben");
   CHECK(records.rows[2].text(account) == "Zzzzzzzzzzzz");
   CHECK(records.rows[1].text(account) == "Initech");
}

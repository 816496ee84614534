// The flat (person, role) map finds what an ordered map finds, through growth and probing.
#include "interpreter/person_map.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using namespace compplan;

TEST_CASE("person_role_map finds, adds and lists what std::map does", "[run][person_map]")
{
   person_role_map<int> map;
   std::map<std::pair<std::string, int>, int> reference;
   std::vector<std::pair<std::string, int>> order;  // of first insertion
   // Names kept alive for the views the map holds: 3,000 people in up to three roles, which takes
   // the table through many doublings, and names that differ only in their last character.
   std::vector<std::string> names;
   names.reserve(3000);
   for (int i = 0; i < 3000; ++i) names.push_back("Person " + std::to_string(i));
   for (int round = 0; round < 2; ++round) {
      for (std::size_t i = 0; i < names.size(); ++i) {
         const int role = static_cast<int>(i % 3);
         for (int r = 0; r <= role; ++r) {
            const std::pair<std::string_view, int> key{names[i], r};
            if (round == 0) order.emplace_back(names[i], r);
            map[key] += static_cast<int>(i) + r;
            reference[{names[i], r}] += static_cast<int>(i) + r;
         }
      }
   }
   REQUIRE(map.size() == reference.size());
   REQUIRE(map.size() == order.size());
   std::size_t at = 0;
   for (const auto& [key, total] : map) {
      INFO("entry " << at);
      CHECK(std::string(key.first) == order[at].first);
      CHECK(key.second == order[at].second);
      CHECK(total == reference.at({std::string(key.first), key.second}));
      ++at;
   }
   for (const auto& [key, total] : reference) {
      const auto* found = map.find({key.first, key.second});
      REQUIRE(found != nullptr);
      CHECK(*found == total);
   }
   // Absent: a role the person does not have, a name not in the map, a prefix of a name.
   CHECK(map.find({"Person 0", 1}) == nullptr);
   CHECK(map.find({"Person 3000", 0}) == nullptr);
   CHECK(map.find({"Person 1", 2}) == nullptr);
   CHECK(map.find({"Person 2", 2}) != nullptr);
   CHECK(map.find({"Person", 0}) == nullptr);
   const person_role_map<int> empty;
   CHECK(empty.find({"Person 0", 0}) == nullptr);
   CHECK(empty.empty());
}

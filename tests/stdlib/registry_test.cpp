// Tests for the function registry and the contents of the standard library.
#include "stdlib/registry.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace compplan;

namespace {

constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();

struct entry {
   std::string name;
   std::string family;
   std::size_t min_args;
   std::size_t max_args;
   bool blank_in_blank_out;
};

builtin_function stub(std::string name)
{
   builtin_function f;
   f.name = std::move(name);
   f.family = "math";
   return f;
}

}  // namespace

TEST_CASE("the standard library holds every family's functions, by name", "[stdlib][registry]")
{
   const std::vector<entry> expected = {
      {"abs", "math", 1, 1, true},
      {"add_days", "dates", 2, 2, true},
      {"add_months", "dates", 2, 2, true},
      {"ceil", "math", 2, 2, true},
      {"coalesce", "logic", 1, unlimited, false},
      {"contains", "text", 2, 2, true},
      {"day", "dates", 1, 1, true},
      {"days_between", "dates", 2, 2, true},
      {"floor", "math", 2, 2, true},
      {"is_blank", "logic", 1, 1, false},
      {"length", "text", 1, 1, true},
      {"lower", "text", 1, 1, true},
      {"max", "math", 2, unlimited, true},
      {"min", "math", 2, unlimited, true},
      {"month", "dates", 1, 1, true},
      {"round", "math", 2, 2, true},
      {"round_even", "math", 2, 2, true},
      {"starts_with", "text", 2, 2, true},
      {"upper", "text", 1, 1, true},
      {"year", "dates", 1, 1, true},
   };
   auto all = standard_library().all();
   REQUIRE(all.size() == expected.size());
   for (std::size_t i = 0; i < all.size(); ++i) {
      const builtin_function& f = *all[i];
      INFO(expected[i].name);
      CHECK(f.name == expected[i].name);
      CHECK(f.family == expected[i].family);
      CHECK(f.min_args == expected[i].min_args);
      CHECK(f.max_args == expected[i].max_args);
      CHECK(f.blank_in_blank_out == expected[i].blank_in_blank_out);
      CHECK(f.signature.starts_with(f.name + "("));
      CHECK(f.signature.ends_with(")"));
      CHECK_FALSE(f.summary.empty());
      CHECK(f.check);
      CHECK(f.call);
      CHECK(standard_library().find(f.name) == &f);
   }
}

TEST_CASE("the standard library is built once", "[stdlib][registry]")
{
   CHECK(&standard_library() == &standard_library());
}

TEST_CASE("function_registry finds, lists and refuses duplicates", "[stdlib][registry]")
{
   function_registry registry;
   CHECK(registry.all().empty());
   CHECK(registry.find("min") == nullptr);

   registry.add(stub("zeta"));
   registry.add(stub("alpha"));
   REQUIRE(registry.all().size() == 2);
   CHECK(registry.all()[0]->name == "alpha");
   CHECK(registry.all()[1]->name == "zeta");
   REQUIRE(registry.find("zeta") != nullptr);
   CHECK(registry.find("zeta")->name == "zeta");
   CHECK(registry.find("Zeta") == nullptr);

   CHECK_THROWS_AS(registry.add(stub("alpha")), std::logic_error);
   CHECK(registry.all().size() == 2);
}

TEST_CASE("signatures name the documented parameters", "[stdlib][registry]")
{
   const std::vector<std::pair<std::string, std::string>> signatures = {
      {"min", "min(a, b, ...)"},
      {"round", "round(x, increment)"},
      {"add_days", "add_days(date, n)"},
      {"days_between", "days_between(from, to)"},
      {"year", "year(date)"},
      {"coalesce", "coalesce(a, b, ...)"},
      {"is_blank", "is_blank(x)"},
      {"starts_with", "starts_with(t, prefix)"},
      {"contains", "contains(t, part)"},
   };
   for (const auto& [name, signature] : signatures) {
      const builtin_function* f = standard_library().find(name);
      REQUIRE(f != nullptr);
      CHECK(f->signature == signature);
   }
}

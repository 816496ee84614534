// Sets of field values: the exact arithmetic of ends, steps and blanks that the linter relies on.
#include "lint/domain.hpp"

#include <catch2/catch.hpp>

using namespace compplan;
using namespace compplan::lint;

namespace {

decimal dec(const char* text)
{
   return *decimal::parse(text);
}

field_domain money(bool optional = false)
{
   field_domain d;
   d.name = "amount";
   d.kind = domain_kind::ordered;
   d.type = type_kind::money;
   d.optional = optional;
   d.step = dec("0.01");
   d.range.low = bound::finite(decimal{}, false);  // positive
   return d;
}

field_domain number()
{
   field_domain d;
   d.name = "score";
   d.kind = domain_kind::ordered;
   d.type = type_kind::number;
   return d;
}

field_domain kinds(bool optional)
{
   field_domain d;
   d.name = "kind";
   d.type = type_kind::enumeration;
   d.optional = optional;
   d.cells = {"new", "renewal", "expansion"};
   return d;
}

field_set below(const field_domain& d, const char* v, bool inclusive)
{
   return interval_set(d, bound::unbounded(), bound::finite(dec(v), inclusive));
}

field_set above(const field_domain& d, const char* v, bool inclusive)
{
   return interval_set(d, bound::finite(dec(v), inclusive), bound::unbounded());
}

}  // namespace

TEST_CASE("money moves in cents: no amount lies between 24,999.99 and 25,000.00", "[lint]")
{
   const auto d = money();
   CHECK_FALSE(intersects(d, below(d, "25000", false), above(d, "24999.999", false)));
   CHECK_FALSE(intersects(d, below(d, "25000", false), above(d, "25000", true)));
   CHECK(intersects(d, below(d, "25000", true), above(d, "25000", true)));
   const auto both = intersect(d, below(d, "25000", true), above(d, "25000", true));
   REQUIRE(both.intervals.size() == 1);
   CHECK(both.intervals[0].low.at == dec("25000"));
   CHECK(both.intervals[0].high.at == dec("25000"));
   // A strict end snaps to the next cent inside.
   const auto under = below(d, "25000", false);
   REQUIRE(under.intervals.size() == 1);
   CHECK(under.intervals[0].high == bound::finite(dec("24999.99"), true));
   CHECK(under.intervals[0].low == bound::finite(dec("0.01"), true));
}

TEST_CASE("plain numbers are dense: a strict end leaves values between", "[lint]")
{
   const auto d = number();
   CHECK(intersects(d, below(d, "1", false), above(d, "0.999", false)));
   const auto between = intersect(d, below(d, "1", false), above(d, "0.999", false));
   CHECK(pick(d, between, value{decimal::from_int(5)}) == value{dec("0.9995")});
   CHECK_FALSE(intersects(d, below(d, "1", false), above(d, "1", true)));
}

TEST_CASE("complements keep the range and flip blank", "[lint]")
{
   const auto d = money(true);
   const auto rest = complement(d, below(d, "25000", true));
   CHECK(rest.blank);
   REQUIRE(rest.intervals.size() == 1);
   CHECK(rest.intervals[0].low == bound::finite(dec("25000.01"), true));
   CHECK(rest.intervals[0].high.infinite);
   CHECK(complement(d, complement(d, rest)) == rest);
   CHECK(is_empty(complement(d, full_set(d))));
   // not (amount != 100) is exactly 100 or blank
   const auto not_100 = unite(d, below(d, "100", false), above(d, "100", false));
   const auto back = complement(d, not_100);
   CHECK(back.blank);
   REQUIRE(back.intervals.size() == 1);
   CHECK(back.intervals[0].low.at == dec("100"));
   CHECK(back.intervals[0].high.at == dec("100"));
}

TEST_CASE("containment and splits of interval sets", "[lint]")
{
   const auto d = money();
   const auto low = interval_set(d, bound::finite(dec("1"), true), bound::finite(dec("3"), true));
   const auto wide = interval_set(d, bound::finite(dec("1"), true), bound::finite(dec("4"), true));
   CHECK(contains(d, wide, low));
   CHECK_FALSE(contains(d, low, wide));
   CHECK(contains(d, full_set(d), wide));
   // Two pieces that meet in cents are one interval, so their union contains the whole.
   const auto joined = unite(d, interval_set(d, bound::finite(dec("1"), true), bound::finite(dec("2"), true)),
                             interval_set(d, bound::finite(dec("2.01"), true), bound::finite(dec("4"), true)));
   CHECK(joined.intervals.size() == 1);
   CHECK(contains(d, joined, wide));

   const auto [under, over] = split_at(d, full_set(d), cut{dec("25000"), false});
   REQUIRE(under.intervals.size() == 1);
   REQUIRE(over.intervals.size() == 1);
   CHECK(under.intervals[0].high == bound::finite(dec("24999.99"), true));
   CHECK(over.intervals[0].low == bound::finite(dec("25000"), true));
   const auto [to, past] = split_at(d, full_set(d), cut{dec("25000"), true});
   CHECK(to.intervals[0].high == bound::finite(dec("25000"), true));
   CHECK(past.intervals[0].low == bound::finite(dec("25000.01"), true));
}

TEST_CASE("finite fields: cells, blank and their complements", "[lint]")
{
   const auto d = kinds(true);
   const auto expansion = cell_set(d, 2);
   const auto others = complement(d, expansion);
   CHECK(others.blank);
   CHECK(has_cell(others, 0));
   CHECK(has_cell(others, 1));
   CHECK_FALSE(has_cell(others, 2));
   CHECK(cell_count(others) == 2);
   CHECK(contains(d, full_set(d), others));
   CHECK_FALSE(intersects(d, expansion, others));
   CHECK(intersects(d, others, blank_set(d)));
   CHECK_FALSE(full_set(kinds(false)).blank);
}

TEST_CASE("witness values: the preferred value when the set has it, else an end", "[lint]")
{
   const auto d = money();
   const value preferred{decimal::from_int(10'000)};
   CHECK(pick(d, full_set(d), preferred) == preferred);
   CHECK(pick(d, above(d, "100000", false), preferred) == value{dec("100000.01")});
   CHECK(pick(d, below(d, "500", false), preferred) == value{dec("0.01")});
   // A field that does not matter (its whole optional domain) is left blank.
   CHECK(is_blank(pick(money(true), full_set(money(true)), preferred)));
   CHECK(show(d, value{dec("25000")}, 2) == "25000.00");
   const auto k = kinds(true);
   CHECK(pick(k, cell_set(k, 1), blank_value{}) == value{enum_value{1}});
   CHECK(show(k, value{enum_value{2}}, 2) == "expansion");
   CHECK(show(k, blank_value{}, 2) == "(blank)");
}

// A row's cells: each kind of value kept in 8 bytes and given back as it was.
#include "interpreter/records.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <deque>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace compplan;

TEST_CASE("cell: truths, dates and members give back their value and their ordinal", "[run][cell]")
{
   CHECK(cell{}.is_blank());
   CHECK(is_blank(cell{}.get()));
   CHECK_FALSE(cell{}.ordinal().has_value());
   CHECK(std::get<bool>(cell::of(true).get()));
   CHECK_FALSE(std::get<bool>(cell::of(false).get()));
   CHECK(cell::of(true).ordinal() == 1);
   CHECK(cell::of(false).ordinal() == 0);
   for (const char* text : {"0001-01-01", "1969-12-31", "2027-03-01", "9999-12-31"}) {
      const auto day = *date::parse(text);
      CHECK(std::get<date>(cell::of(day).get()) == day);
      CHECK(cell::of(day).ordinal() == day.serial());
   }
   for (const std::int64_t serial : {std::int64_t{-719162}, std::int64_t{-1}, std::int64_t{0}, std::int64_t{2932896}}) {
      CHECK(cell::of(date::from_serial(serial)).ordinal() == serial);
   }
   const enum_value member{std::numeric_limits<std::uint32_t>::max()};
   CHECK(std::get<enum_value>(cell::of(member).get()).index == member.index);
   CHECK(cell::of(member).ordinal() == std::numeric_limits<std::uint32_t>::max());
   CHECK_FALSE(cell::of(member).is_text());
   CHECK(cell::of(member).text().empty());
}

TEST_CASE("cell: numbers in the cell or in the table of large numbers are exact", "[run][cell]")
{
   std::deque<decimal> large;
   const decimal::int_type most_numerator = decimal::int_type{1} << 50;  // numerators in place: [-2^50, 2^50)
   const auto power = [](decimal::int_type base, int exponent) {
      decimal::int_type result = 1;
      for (int i = 0; i < exponent; ++i) result *= base;
      return result;
   };
   const std::vector<std::pair<decimal, bool>> numbers{
      {decimal::from_int(0), true},
      {decimal::from_int(-45), true},
      {*decimal::parse("1000.01"), true},
      {*decimal::parse("0.00000001"), true},
      {*decimal::parse("-12.5"), true},
      {decimal::from_fraction(most_numerator - 1, 100), true},
      {decimal::from_fraction(-most_numerator, 1), true},
      {decimal::from_fraction(most_numerator, 1), false},
      {decimal::from_fraction(-most_numerator - 1, 1), false},
      {decimal::from_fraction(7, power(10, 19)), true},  // the denominator is below 2^64
      {decimal::from_fraction(7, power(10, 20)), false},
      {decimal::from_fraction(3, power(2, 31)), true},
      {decimal::from_fraction(3, power(2, 32)), false},  // more than 31 twos
      {decimal::from_fraction(3, power(5, 27)), true},
      {decimal::from_fraction(1, 3), false},
      {decimal::from_fraction(1, 7000), false},
      {decimal::from_int(std::numeric_limits<std::int64_t>::min()), false},
   };
   std::size_t expected_large = 0;
   for (const auto& [number, in_place] : numbers) {
      INFO(number.to_string());
      const auto kept = cell::of_number(number, large);
      if (!in_place) ++expected_large;
      CHECK(large.size() == expected_large);
      CHECK(std::get<decimal>(kept.get()) == number);
      CHECK(kept.number() == number);
      CHECK_FALSE(kept.ordinal().has_value());
      CHECK_FALSE(kept.is_text());
   }
}

TEST_CASE("cell: text is viewed, and a text too long to count in the cell through a kept view", "[run][cell]")
{
   std::deque<std::string_view> long_texts;
   const std::string name = "Ana";
   const auto short_cell = cell::of_text(name, long_texts);
   CHECK(short_cell.is_text());
   CHECK(short_cell.text().data() == name.data());
   CHECK(short_cell.text() == "Ana");
   CHECK(std::get<std::string>(short_cell.get()) == "Ana");
   CHECK_FALSE(short_cell.ordinal().has_value());
   CHECK(long_texts.empty());

   const std::string longest_in_cell(cell::longest_text_in_cell, 'x');
   CHECK(cell::longest_text_in_cell == 8191);
   const auto longest = cell::of_text(longest_in_cell, long_texts);
   CHECK(longest.text().data() == longest_in_cell.data());
   CHECK(longest.text().size() == longest_in_cell.size());
   CHECK(long_texts.empty());
   const std::string longer(cell::longest_text_in_cell + 1, 'y');
   const auto long_cell = cell::of_text(longer, long_texts);
   CHECK(long_texts.size() == 1);
   CHECK(long_cell.is_text());
   CHECK(long_cell.text().data() == longer.data());
   CHECK(long_cell.text().size() == longer.size());
   CHECK(std::get<std::string>(long_cell.get()) == longer);
   CHECK(cell::of_text({}, long_texts).text().empty());
}

namespace {

// A schema of one field of each packed kind, and a plan with two enumerations: one small enough
// for 2 bytes a member, and one of 65,536 members, which takes 4.
struct packed_schema {
   checked_plan plan;
   record_schema schema;

   packed_schema()
   {
      plan.enumerations.resize(2);
      plan.enumerations[0].values = {"new", "renewal"};
      plan.enumerations[1].values.resize(std::size_t{std::numeric_limits<std::uint16_t>::max()} + 1);
      for (const auto kind : {type_kind::boolean, type_kind::date, type_kind::enumeration, type_kind::enumeration,
                              type_kind::text, type_kind::money}) {
         field_info field;
         field.type.kind = kind;
         field.type.optional = true;
         schema.fields.push_back(field);
      }
      schema.fields[2].type.enumeration = 0;
      schema.fields[3].type.enumeration = 1;
   }
};

}  // namespace

TEST_CASE("row layout: each field takes the bytes its type needs, after the line", "[run][cell]")
{
   const packed_schema packed;
   const row_layout layout(packed.plan, packed.schema);
   CHECK(layout.fields() == 6);
   CHECK(layout.stride() == 4 + 1 + 4 + 2 + 4 + 8 + 8);
   CHECK(row_layout::of_cells(3).stride() == 4 + 3 * 8);
   // The reference plan's deals: 6 texts and numbers, 3 dates, 2 enumerations, 2 truths.
   const auto& plan = test_support::reference_plan();
   CHECK(row_layout(plan, plan.deals).stride() == 4 + 6 * 8 + 3 * 4 + 2 * 2 + 2 * 1);
}

TEST_CASE("row layout: every value and blank packed is given back as it was", "[run][cell]")
{
   const packed_schema packed;
   const row_layout layout(packed.plan, packed.schema);
   std::deque<decimal> large;
   std::deque<std::string_view> long_texts;
   const std::string name = "Ana";
   const auto first_day = *date::parse("0001-01-01");
   const std::vector<std::vector<cell>> rows{
      {cell::of(false), cell::of(first_day), cell::of(enum_value{0}), cell::of(enum_value{0}),
       cell::of_text(name, long_texts), cell::of_number(*decimal::parse("0.01"), large)},
      {cell::of(true), cell::of(*date::parse("9999-12-31")), cell::of(enum_value{1}),
       cell::of(enum_value{std::numeric_limits<std::uint16_t>::max()}), cell::of_text({}, long_texts),
       cell::of_number(*decimal::parse("123456789012345678901234567890.5"), large)},
      {cell{}, cell{}, cell{}, cell{}, cell{}, cell{}},
      {cell::of(true), cell::of(*date::parse("1969-12-31")), cell{}, cell::of(enum_value{65534}), cell{},
       cell::of_number(*decimal::parse("-7.25"), large)},
      {cell{}, cell::of(*date::parse("1970-01-01")), cell::of(enum_value{1}), cell{}, cell{}, cell{}},
   };
   std::vector<std::byte> bytes(layout.stride() * rows.size());
   for (std::size_t r = 0; r < rows.size(); ++r) {
      auto* const row = bytes.data() + r * layout.stride();
      row_layout::put_line(row, static_cast<std::uint32_t>(r == 3 ? std::numeric_limits<std::uint32_t>::max() : r + 2));
      for (std::size_t f = 0; f < rows[r].size(); ++f) layout.put(row, f, rows[r][f]);
   }
   for (std::size_t r = 0; r < rows.size(); ++r) {
      const typed_row row(bytes.data() + r * layout.stride(), &layout);
      CHECK(row.line() == (r == 3 ? std::numeric_limits<std::uint32_t>::max() : r + 2));
      CHECK(row.size() == 6);
      for (std::size_t f = 0; f < rows[r].size(); ++f) {
         INFO("row " << r << ", field " << f);
         const auto expected = rows[r][f];
         const auto got = row.at(f);
         CHECK(got.is_blank() == expected.is_blank());
         CHECK(got.ordinal() == expected.ordinal());
         CHECK(got.number() == expected.number());
         CHECK(got.text() == expected.text());
         CHECK(got.text().data() == expected.text().data());
         CHECK(got.get() == expected.get());
      }
   }
   // A truth of false and a member 0 are not blank, nor is the first day.
   const typed_row first(bytes.data(), &layout);
   CHECK(std::get<bool>(first.get(0)) == false);
   CHECK(std::get<date>(first.get(1)) == first_day);
   CHECK(std::get<enum_value>(first.get(2)).index == 0);
}

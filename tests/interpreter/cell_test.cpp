// A row's cells: each kind of value kept in 12 bytes and given back as it was.
#include "interpreter/records.hpp"

#include <catch2/catch.hpp>

#include <deque>
#include <limits>
#include <string>
#include <string_view>

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
   const enum_value member{std::numeric_limits<std::uint32_t>::max()};
   CHECK(std::get<enum_value>(cell::of(member).get()).index == member.index);
   CHECK(cell::of(member).ordinal() == std::numeric_limits<std::uint32_t>::max());
   CHECK_FALSE(cell::of(member).is_text());
   CHECK(cell::of(member).text().empty());
}

TEST_CASE("cell: numbers in the cell or in the table of large numbers are exact", "[run][cell]")
{
   std::deque<decimal> large;
   const decimal::int_type most_in_cell = (decimal::int_type{1} << 24) - 1;  // the largest denominator kept in place
   for (const auto& number :
        {decimal::from_int(0), decimal::from_int(-45), *decimal::parse("1000.01"), decimal::from_fraction(1, most_in_cell),
         decimal::from_fraction(-1, most_in_cell + 1), decimal::from_int(std::numeric_limits<std::int64_t>::min()),
         decimal::from_int(std::numeric_limits<std::int64_t>::max()) + decimal::from_int(1), *decimal::parse("0.00000001")}) {
      INFO(number.to_string());
      CHECK(std::get<decimal>(cell::of_number(number, large).get()) == number);
   }
   // Three of them did not fit: a denominator of 2^24, a numerator of 2^63, and 10^8.
   CHECK(large.size() == 3);
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

   const std::string longest_in_cell((std::size_t{1} << 24) - 1, 'x');
   CHECK(cell::of_text(longest_in_cell, long_texts).text().size() == longest_in_cell.size());
   CHECK(long_texts.empty());
   const std::string longer(std::size_t{1} << 24, 'y');
   const auto long_cell = cell::of_text(longer, long_texts);
   CHECK(long_texts.size() == 1);
   CHECK(long_cell.is_text());
   CHECK(long_cell.text().data() == longer.data());
   CHECK(long_cell.text().size() == longer.size());
   CHECK(std::get<std::string>(long_cell.get()) == longer);
   CHECK(cell::of_text({}, long_texts).text().empty());
}

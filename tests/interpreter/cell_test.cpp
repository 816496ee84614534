// A row's cells: each kind of value kept in 8 bytes and given back as it was.
#include "interpreter/records.hpp"

#include <catch2/catch.hpp>

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

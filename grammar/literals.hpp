// Reading literal text from a plan into values: numbers, percentages, dates and quoted text. A
// literal that cannot be held exactly, or a date not in the calendar, is a P008 syntax_error.
#pragma once

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "core/diagnostic.hpp"

#include <string>
#include <string_view>

namespace compplan::grammar {

// "25_000.50" -> "25000.50": underscores only separate digit groups.
std::string without_separators(std::string_view text);
decimal parse_number(const source_span& span, std::string_view text);
// "70%" as 0.7.
decimal parse_percent(const source_span& span, std::string_view text);
// A date literal that must exist in the calendar (2027-02-30 is P008).
date parse_date(const source_span& span, std::string_view text);
// The contents of a text literal between its quotes, with escapes resolved.
std::string unescape(std::string_view quoted);

}  // namespace compplan::grammar

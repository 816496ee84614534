// Reads the deals and people CSV files by the plan's record schemas into typed rows.
#pragma once

#include "check/checked_plan.hpp"

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace compplan {

struct typed_row {
   std::span<const value> values;  // by schema field, in record_file::values
   std::uint32_t line = 0;
};

// A row that could not be read: the place and what was found are in the diagnostic.
struct rejected_row {
   std::string id;  // the deal's id when it could be read, else empty
   std::uint32_t line = 0;
   diagnostic problem;
};

// Move it, never copy it: the rows view its values.
struct record_file {
   // Every row's values, one row after another, in a block per stretch of the file that was read
   // on its own thread: a few allocations, not one per row.
   std::vector<std::vector<value>> values;
   std::vector<typed_row> rows;
   std::vector<rejected_row> rejected;
   bool stopped = false;  // a missing column or a duplicate key: nothing may be paid
};

// Decodes one cell by its field's type ("" is blank). Returns the reason when it does not fit.
std::optional<value> decode_cell(const checked_plan& plan, const field_info& field, std::string_view text,
                                 std::string& reason);

// With jobs > 1, a large file whose rows cannot span lines (it has no quotes) is read in that
// many stretches of whole lines side by side; the result is the same.
record_file read_deals(const checked_plan& plan, std::string_view text, const std::string& file,
                       diagnostic_list& diagnostics, unsigned jobs = 1);
record_file read_people(const checked_plan& plan, std::string_view text, const std::string& file,
                        diagnostic_list& diagnostics);

}  // namespace compplan

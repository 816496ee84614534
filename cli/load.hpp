// Reading plan files for the commands: the plan, its companion examples file, parsed and checked.
#pragma once

#include "check/checked_plan.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace compplan::cli {

std::optional<std::string> read_file(const std::string& path);

// The text of a file with only `lines` (numbered from 1, sorted) kept and every other line
// emptied: each line at its number, for quoting a few lines of a large file without holding all
// of it. Read a block at a time. Nothing when the file cannot be read.
std::optional<std::string> read_lines(const std::string& path, const std::vector<std::uint32_t>& lines);

struct loaded_plan {
   std::string path;
   std::string text;
   std::string companion;  // the companion file read, or empty when there is none
   std::string companion_text;
   bool parsed = false;    // the plan and its companion both parse
   std::shared_ptr<const checked_plan> plan;  // null when they do not parse or have check errors
   diagnostic_list diagnostics;

   // The text of the plan or its companion by file name, for rendering diagnostics.
   source_lookup lookup() const;
};

// Parses and checks one plan file and, with `with_companion`, the examples in its companion
// NAME.examples.plan when there is one; nullopt when a file cannot be read.
std::optional<loaded_plan> load_plan(const std::string& path, bool with_companion);

// A lookup in a table of file texts.
source_lookup lookup_in(const std::map<std::string, const std::string*, std::less<>>& files);

}  // namespace compplan::cli

// What `compplan check` prints for machines: its own JSON, SARIF 2.1.0 for code scanning, and
// GitHub workflow annotations.
#pragma once

#include "core/diagnostic.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace compplan::cli {

enum class file_status { checked, unreadable, unparsed };
std::string_view to_string(file_status status);

struct checked_file {
   std::string path;
   file_status status = file_status::checked;
   diagnostic_list diagnostics;
};

void write_check_json(const std::vector<checked_file>& files, std::ostream& out);
void write_sarif(const std::vector<checked_file>& files, std::ostream& out);
void write_github(const std::vector<checked_file>& files, std::ostream& out);

// GitHub's workflow-command escaping: of a message, and (more strictly) of a property value.
std::string escape_github_data(std::string_view text);
std::string escape_github_property(std::string_view text);

}  // namespace compplan::cli

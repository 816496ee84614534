// The command-line commands as functions: arguments in, exit status out, output to the given streams.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace compplan::cli {

// compplan check PLAN...: 0 clean, 1 errors in a plan, 2 usage or an unreadable file.
int check_command(const std::vector<std::string>& plans, std::ostream& out, std::ostream& err);

struct run_options {
   std::string plan;
   std::string deals;
   std::string people;
   std::string as_of;
   std::string out;     // ledger CSV; empty: standard output
   std::string report;  // report JSON; empty: not written
   unsigned jobs = 1;   // threads that evaluate deals; the output is the same for any number
};

// compplan run: 0 clean, 1 some deals had errors (the rest is written), 2 usage, bad plan or stopped.
int run_command(const run_options& options, std::ostream& out, std::ostream& err);

// The whole command line; what main calls.
int main_command(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace compplan::cli

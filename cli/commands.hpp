// The command-line commands as functions: arguments in, exit status out, output to the given streams.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace compplan::cli {

struct check_options {
   std::vector<std::string> plans;
   std::string format = "text";      // text, json, sarif, github
   std::string fail_level = "error"; // error, warning, note: what makes the exit status 1
   std::string witnesses;            // a folder for the witness deals; empty: not written
   bool lint = true;
};

// compplan check PLAN...: 0 nothing at or above the fail level, 1 findings that reach it,
// 2 usage, an unreadable file or a plan that does not parse.
int check_command(const check_options& options, std::ostream& out, std::ostream& err);

struct run_options {
   std::string plan;
   std::string deals;
   std::string people;
   std::string as_of;
   std::string out;     // ledger CSV; empty: standard output
   std::string report;  // report JSON; empty: not written
   unsigned jobs = 1;   // threads that evaluate deals; the output is the same for any number
   bool timings = false;  // write each step's wall time to standard error at the end
};

// compplan run: 0 clean, 1 some deals had errors (the rest is written), 2 usage, bad plan or stopped.
int run_command(const run_options& options, std::ostream& out, std::ostream& err);

struct explain_options {
   run_options run;       // plan, deals, people and as-of; jobs is always 1
   std::string deal;      // explain this deal's lines, or
   std::string person;    // this person's lines
   std::string format = "text";  // text, json
};

// compplan explain: each selected ledger line traced to the clauses that made it. 0 explained
// (or the deal has no lines, and why is said), 2 usage, bad plan or inputs, an unknown deal id or
// a person no line pays.
int explain_command(const explain_options& options, std::ostream& out, std::ostream& err);

struct test_options {
   std::vector<std::string> plans;
   std::string format = "text";  // text, junit
   bool update = false;          // rewrite the expect lines of failed examples
   bool coverage = false;        // report what no example exercises
   std::string min_coverage;     // a percentage; empty: no minimum
};

// compplan test PLAN...: 0 every example passes (and coverage reaches the minimum), 1 an example
// fails (or coverage falls short), 2 usage, an unreadable file or a plan with errors.
int test_command(const test_options& options, std::ostream& out, std::ostream& err);

// The whole command line; what main calls.
int main_command(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace compplan::cli

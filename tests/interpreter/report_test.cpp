// The run report, written deal by deal: the same bytes as the whole document pretty-printed.
#include "interpreter/ledger.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

using namespace compplan;
using namespace compplan::test_support;

namespace {

std::string report_of(const run_inputs& inputs)
{
   const auto result = run_plan(reference_plan(), inputs);
   std::ostringstream out;
   write_report_json(reference_plan(), inputs, result, out);
   return out.str();
}

// What dumping the whole report as one document gives: parsed (keys keep their order) and
// pretty-printed again with an indent of 2.
std::string as_one_document(const std::string& report)
{
   const auto document = nlohmann::ordered_json::parse(report);
   return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

TEST_CASE("report: the sample run's report is the whole document pretty-printed", "[run][report]")
{
   // The sample has every outcome: messages, rules, malformed rows and diagnostics.
   const auto report = report_of(reference_inputs(read_source_file("plans/deals.csv")));
   CHECK(report == as_one_document(report));
   const auto document = nlohmann::ordered_json::parse(report);
   CHECK(document.at("deals").size() > 10);
   CHECK(document.at("deals").at(0).at("rules").is_array());
   // Keys in the order the report documents them.
   std::vector<std::string> keys;
   for (const auto& item : document.items()) keys.push_back(item.key());
   CHECK(keys == std::vector<std::string>{"plan", "plan_file", "deals_file", "people_file", "as_of", "status",
                                          "exit_status", "counts", "deals", "totals", "ledger_lines", "diagnostics"});
}

TEST_CASE("report: no deals and no diagnostics are written as empty arrays", "[run][report]")
{
   const auto report = report_of(reference_inputs(deals_header));
   CHECK(report == as_one_document(report));
   CHECK(report.find("\"deals\": [],\n") != std::string::npos);
   CHECK(report.find("\"diagnostics\": []\n}\n") != std::string::npos);
}

TEST_CASE("report: bytes that are not UTF-8 in a rejected row's id are replaced", "[run][report]")
{
   // The row is rejected for its date; its id still names it in the report, with U+FFFD for the
   // byte 0xFF.
   const auto report =
      report_of(reference_inputs(deals_header + "D\xff,Acme,new,,100.00,false,2027-13-01,,,Ana,,,false\n"));
   CHECK(report == as_one_document(report));
   CHECK(report.find("\"id\": \"D\xef\xbf\xbd\"") != std::string::npos);
}

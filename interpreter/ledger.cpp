// Ledger CSV, report JSON and the run summary, all in ledger order so that output is reproducible.
#include "interpreter/ledger.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

namespace compplan {

namespace {

std::string csv_cell(std::string_view text)
{
   if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
      return std::string(text);
   }
   std::string quoted = "\"";
   for (const char c : text) {
      if (c == '"') quoted += "\"\"";
      else quoted += c;
   }
   return quoted + "\"";
}

using totals_map = std::map<std::pair<std::string, int>, decimal>;

totals_map totals_of(const run_result& result)
{
   totals_map totals;
   for (const auto& line : result.ledger) {
      totals[{line.person, line.role}] += line.amount;
   }
   return totals;
}

}  // namespace

void write_ledger_csv(const checked_plan& plan, const run_result& result, std::ostream& out)
{
   out << "deal,person,role,event,date,amount,rule\n";
   for (const auto& line : result.ledger) {
      out << csv_cell(line.deal) << ',' << csv_cell(line.person) << ',' << plan.role_name(line.role) << ','
          << line.event << ',' << line.on.to_string() << ',' << line.amount.to_fixed(plan.currency_places) << ','
          << line.rule << '\n';
   }
}

void write_report_json(const checked_plan& plan, const run_inputs& inputs, const run_result& result, std::ostream& out)
{
   using nlohmann::ordered_json;
   ordered_json report;
   report["plan"] = plan.plan().header ? plan.plan().header->title : std::string();
   report["plan_file"] = plan.plan().file;
   report["deals_file"] = inputs.deals_file;
   report["people_file"] = inputs.people_file;
   report["as_of"] = inputs.as_of.to_string();
   report["status"] = result.stopped ? "stopped" : result.exit_status() == 0 ? "clean" : "errors";
   report["exit_status"] = result.exit_status();
   std::map<std::string, int> counts;
   for (const auto status : {deal_status::credited, deal_status::out_of_period, deal_status::excluded,
                             deal_status::uncredited, deal_status::ambiguous, deal_status::input_error,
                             deal_status::malformed}) {
      counts[std::string(to_string(status))] = 0;
   }
   auto deals = ordered_json::array();
   for (const auto& deal : result.deals) {
      ++counts[std::string(to_string(deal.status))];
      ordered_json entry;
      entry["id"] = deal.id;
      entry["line"] = deal.line;
      entry["status"] = to_string(deal.status);
      if (!deal.rules.empty()) entry["rules"] = deal.rules;
      if (!deal.message.empty()) entry["message"] = deal.message;
      deals.push_back(std::move(entry));
   }
   report["counts"] = counts;
   report["deals"] = std::move(deals);
   auto totals = ordered_json::array();
   for (const auto& [who, amount] : totals_of(result)) {
      totals.push_back({{"person", who.first},
                        {"role", plan.role_name(who.second)},
                        {"total", amount.to_fixed(plan.currency_places)}});
   }
   report["totals"] = std::move(totals);
   report["ledger_lines"] = result.ledger.size();
   auto diagnostics = ordered_json::array();
   for (const auto& d : result.diagnostics) {
      diagnostics.push_back({{"severity", to_string(d.level)},
                             {"code", d.code},
                             {"file", d.span.file},
                             {"line", d.span.line},
                             {"column", d.span.column},
                             {"message", d.message}});
   }
   report["diagnostics"] = std::move(diagnostics);
   // Text from the input files is UTF-8 once read (plans and text cells are checked), but ids of
   // rejected rows and the messages quoting bad cells repeat the raw bytes: replace, never throw.
   out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void write_summary(const checked_plan& plan, const run_result& result, std::ostream& out)
{
   if (result.stopped) {
      out << "run stopped: nothing was written\n";
      return;
   }
   std::map<deal_status, int> counts;
   for (const auto& deal : result.deals) {
      ++counts[deal.status];
   }
   out << fmt::format("{} deals: {} credited, {} out of period, {} excluded, {} uncredited, {} ambiguous, "
                      "{} input errors, {} malformed\n",
                      result.deals.size(), counts[deal_status::credited], counts[deal_status::out_of_period],
                      counts[deal_status::excluded], counts[deal_status::uncredited], counts[deal_status::ambiguous],
                      counts[deal_status::input_error], counts[deal_status::malformed]);
   decimal grand;
   const auto totals = totals_of(result);
   for (const auto& [who, amount] : totals) {
      out << fmt::format("  {:<24} {:<8} {:>14}\n", who.first, plan.role_name(who.second),
                         amount.to_fixed(plan.currency_places));
      grand += amount;
   }
   out << fmt::format("{} ledger lines, {} paid in all\n", result.ledger.size(), grand.to_fixed(plan.currency_places));
}

}  // namespace compplan

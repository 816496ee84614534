// What the fuzz targets share: the pipeline's stages called as the command line calls them.
#pragma once

#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"
#include "interpreter/ledger.hpp"
#include "interpreter/run.hpp"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace compplan::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size)
{
   return {reinterpret_cast<const char*>(data), size};
}

// A file of the repository, read once at start-up; a missing file is a broken build, not a finding.
inline std::string repository_file(const std::string& relative)
{
   std::ifstream in(std::string(COMPPLAN_SOURCE_DIR) + "/" + relative, std::ios::binary);
   if (!in) {
      throw std::runtime_error("cannot read " + relative);
   }
   std::ostringstream text;
   text << in.rdbuf();
   return std::move(text).str();
}

// Parses and checks a plan, and renders its diagnostics as `compplan check` does.
inline std::shared_ptr<const checked_plan> check_text(const std::string& text, const std::string& name)
{
   auto parsed = parse_plan(text, name);
   diagnostic_list diagnostics = parsed.diagnostics;
   std::shared_ptr<const checked_plan> plan;
   if (parsed.plan) {
      auto checked = check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan)));
      diagnostics.append(checked.diagnostics);
      plan = std::move(checked.plan);
   }
   const auto rendered = render_text(diagnostics, [&](std::string_view file) { return file == name ? &text : nullptr; });
   if (plan && diagnostics.has_errors()) {
      throw std::logic_error("a checked plan came with errors");
   }
   return plan;
}

// Runs a plan and writes everything `compplan run` writes, into memory.
inline void run_and_write(const checked_plan& plan, const run_inputs& inputs)
{
   const auto result = run_plan(plan, inputs);
   std::ostringstream out;
   out << render_text(result.diagnostics, [&](std::string_view file) -> const std::string* {
      if (file == inputs.deals_file) return &inputs.deals_text;
      if (file == inputs.people_file) return &inputs.people_text;
      return nullptr;
   });
   if (!result.stopped) {
      write_ledger_csv(plan, result, out);
   }
   write_report_json(plan, inputs, result, out);
   write_summary(plan, result, out);
   // Every row of the deals file is accounted for once; a stopped run writes no ledger.
   if (result.stopped && !result.ledger.empty()) {
      throw std::logic_error("a stopped run kept ledger lines");
   }
}

}  // namespace compplan::fuzz

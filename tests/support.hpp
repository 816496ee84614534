// Helpers shared by the test files: reading files of the repository, loading plans, repeating text.
#pragma once

#include "check/checked_plan.hpp"
#include "grammar/parse.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace compplan::test_support {

// The contents of a file, by its path relative to the repository root.
inline std::string read_source_file(const std::string& relative)
{
   std::ifstream in(std::string(COMPPLAN_SOURCE_DIR) + "/" + relative, std::ios::binary);
   INFO(relative);
   REQUIRE(in);
   std::ostringstream text;
   text << in.rdbuf();
   return std::move(text).str();
}

// The header of a small plan in USD over calendar 2027, rounding every stage to the cent.
inline std::string plan_header(const std::string& name)
{
   return "plan \"" + name + R"(" {
   currency USD
   period 2027-01-01 through 2027-12-31 by booked_on
   rounding { credit floor to 0.01  commission half_up to 0.01  tranche half_up to 0.01  fee half_up to 0.01 }
}
)";
}

// Roles AE and CSM and a deals record naming both: the plan_header's usual companions.
inline const std::string ae_and_csm_deals = R"(role AE "Account Executive"
role CSM "Customer Success Manager"
deals {
   id        text, key
   amount    money, positive, credited
   booked_on date
   ae        text, names AE
   csm       text, names CSM
}
)";

// Role AE and a deals record with the dates a clawback looks at (activation and churn);
// `more_fields` adds lines to the record.
inline std::string ae_churn_deals(const std::string& more_fields = "")
{
   return R"(role AE "Account Executive"
deals {
   id           text, key
   amount       money, positive, credited
   booked_on    date
   activated_on optional date
   churned_on   optional date
   ae           text, names AE
)" + more_fields + "}\n";
}

// `piece` written `count` times: the generated inputs of the nesting and size tests.
inline std::string repeated(std::string_view piece, std::size_t count)
{
   std::string text;
   text.reserve(piece.size() * count);
   for (std::size_t i = 0; i < count; ++i) {
      text += piece;
   }
   return text;
}

inline std::string reference_plan_text()
{
   return read_source_file("plans/expansion-fy2027.plan");
}

// Parses and checks a plan that must be free of errors.
inline std::shared_ptr<const checked_plan> load_plan(const std::string& text, const std::string& name)
{
   auto parsed = parse_plan(text, name);
   REQUIRE(parsed.diagnostics.empty());
   auto checked = check_plan(std::make_shared<const ast::plan>(std::move(*parsed.plan)));
   INFO(render_text(checked.diagnostics, [](std::string_view) { return nullptr; }));
   REQUIRE(checked.plan);
   return checked.plan;
}

}  // namespace compplan::test_support

// The table of diagnostic codes. A code is never reused; retired codes leave their number free.
#include "core/codes.hpp"

#include <algorithm>
#include <array>

namespace compplan {

namespace {

constexpr auto e = severity::error;
constexpr auto w = severity::warning;
constexpr auto n = severity::note;

constexpr std::array codes{
   code_info{"P001", "no clause here", e},
   code_info{"P002", "a name was expected", e},
   code_info{"P003", "a keyword was expected", e},
   code_info{"P004", "a literal was expected", e},
   code_info{"P005", "an expression was expected", e},
   code_info{"P006", "a bracket or the next item of a block was expected", e},
   code_info{"P007", "a field type or attribute was expected", e},
   code_info{"P008", "an impossible literal", e},
   code_info{"P009", "a range with the wrong operator", e},
   code_info{"P010", "a second plan header", e},
   code_info{"P011", "expressions nested too deeply", e},
   code_info{"P012", "a byte that is not UTF-8 text", e},
   code_info{"P013", "a name that is too long", e},
   code_info{"P014", "'==' instead of '='", e},
   code_info{"P015", "comparisons chained", e},
   code_info{"C001", "unknown name", e},
   code_info{"C002", "a name declared twice", e},
   code_info{"C003", "values of the wrong type", e},
   code_info{"C004", "a condition that is not true or false", e},
   code_info{"C005", "unknown role", e},
   code_info{"C006", "unknown field", e},
   code_info{"C007", "not a value of the enumeration", e},
   code_info{"C008", "definitions in a cycle", e},
   code_info{"C009", "a function call that does not fit", e},
   code_info{"C010", "the plan header is missing or incomplete", e},
   code_info{"C011", "the rounding block", e},
   code_info{"C012", "the deals and people records", e},
   code_info{"C013", "shares and the people they pay", e},
   code_info{"C014", "a link to a tier table or schedule", e},
   code_info{"C015", "tier bands", e},
   code_info{"C016", "schedule tranches", e},
   code_info{"C018", "cumulative quantities", e},
   code_info{"C019", "quota clauses", e},
   code_info{"C020", "an example that cannot run as written", e},
   code_info{"C021", "a clause in an examples file that is not an example", e},
   code_info{"C022", "what a clawback recovers", e},
   code_info{"L001", "two crediting rules match the same deal", e},
   code_info{"L002", "a deal no crediting rule or exclusion covers", w},
   code_info{"L003", "a rule that never matches", w},
   code_info{"L004", "an exclusion that never applies", w},
   code_info{"L005", "a condition that always holds", w},
   code_info{"L006", "cannot decide", n},
   code_info{"L007", "shares that do not total 100%", e},
   code_info{"L008", "tranches that do not add up", e},
   code_info{"L009", "tier bands with a gap or an overlap", e},
   code_info{"L010", "a payout that falls as the quantity rises", w},
   code_info{"L011", "a credited share with no rate", e},
   code_info{"L012", "two rates for one share", e},
   code_info{"L013", "a rate nobody earns", w},
   code_info{"L014", "an unused definition", w},
   code_info{"L015", "a tranche that is never paid", w},
   code_info{"L016", "a suppression comment that does not work", w},
   code_info{"L017", "a tranche a clawback cannot recover", w},
   code_info{"R002", "an empty file or a missing column", e},
   code_info{"R003", "a row that cannot be read", e},
   code_info{"R007", "a deal id that appears twice", e},
   code_info{"R008", "a person that appears twice in a role", e},
   code_info{"R010", "more than one crediting rule matches", e},
   code_info{"R011", "a deal that cannot be paid from its input", e},
   code_info{"R014", "an evaluation error", e},
};

}  // namespace

std::span<const code_info> diagnostic_codes()
{
   return codes;
}

const code_info* find_code(std::string_view code)
{
   const auto it = std::find_if(codes.begin(), codes.end(), [&](const code_info& c) { return c.code == code; });
   return it == codes.end() ? nullptr : &*it;
}

}  // namespace compplan

// Hostile deals files run through the reference plan: each bad row is named by file, line and
// column, the good deal beside it is still paid, and nothing crashes. Cases the reader and run
// tests already cover (2027-02-30, 1e5, $100, -5, 0.001, a missing column, a BOM with CRLF, a
// 1 MB field in the reader) are not repeated here.
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace compplan;
using test_support::deals_header;
using test_support::reference_inputs;
using test_support::reference_plan;

namespace {

const std::string good_row = "OK,A,new,,1000.00,false,2027-03-01,,,Ana,,,false\n";
const std::string good_ledger = "deal,person,role,event,date,amount,rule\nOK,Ana,AE,booked,2027-03-01,45.00,new_logo\n";

struct ran {
   run_result result;
   std::string rendered;
   std::string ledger;
};

ran run_deals(const std::string& deals_text)
{
   const auto inputs = reference_inputs(deals_text);
   ran out{run_plan(reference_plan(), inputs), {}, {}};
   out.rendered = render_text(out.result.diagnostics, [&](std::string_view file) -> const std::string* {
      if (file == inputs.deals_file) return &inputs.deals_text;
      if (file == inputs.people_file) return &inputs.people_text;
      return nullptr;
   });
   out.ledger = test_support::ledger_text(reference_plan(), out.result);
   // Written while paid, the ledger is the same; a stopped run writes none at all.
   CHECK(test_support::streamed_ledger_text(reference_plan(), inputs) == (out.result.stopped ? "" : out.ledger));
   return out;
}

std::string first_line(const std::string& text)
{
   return text.substr(0, text.find('\n'));
}

struct hostile_row {
   std::string name;
   std::string row;       // one deal row with its line ending; the good row follows it
   std::string expected;  // the first line of the rendered diagnostics
};

}  // namespace

TEST_CASE("hostile deal rows: the bad row is named, the good one still pays", "[hostile][run]")
{
   const std::string plain =
      "expected a plain decimal number such as 1250.50 (no sign, symbol, exponent or separators)";
   const std::vector<hostile_row> cases{
      {"an amount with an exponent", "M,A,new,,1e9,false,2027-03-01,,,Ana,,,false\n",
       "deals.csv:2:10: error[R003]: bad value '1e9' in column 'amount': " + plain},
      {"a currency symbol and a thousands separator", "M,A,new,,\"$1,000\",false,2027-03-01,,,Ana,,,false\n",
       "deals.csv:2:10: error[R003]: bad value '$1,000' in column 'amount': " + plain},
      {"an amount with spaces around it", "M,A,new,, 100 ,false,2027-03-01,,,Ana,,,false\n",
       "deals.csv:2:10: error[R003]: bad value ' 100 ' in column 'amount': " + plain},
      {"fullwidth digits", "M,A,new,,\xEF\xBC\x91\xEF\xBC\x90,false,2027-03-01,,,Ana,,,false\n",
       "deals.csv:2:10: error[R003]: bad value '\xEF\xBC\x91\xEF\xBC\x90' in column 'amount': " + plain},
      {"an amount of 40 digits", "M,A,new,," + std::string(40, '9') + ",false,2027-03-01,,,Ana,,,false\n",
       "deals.csv:2:10: error[R003]: bad value '" + std::string(40, '9') +
          "' in column 'amount': the number has too many digits to be held exactly"},
      {"an amount whose commission overflows",
       "M,A,new,,1701411834604692317316873037158841057.27,false,2027-03-01,,,Ana,,,false\n",
       "deals.csv:2:1: error[R014]: deal 'M': number too large for exact arithmetic"},
      {"a month 13", "M,A,new,,1000.00,false,2027-13-01,,,Ana,,,false\n",
       "deals.csv:2:24: error[R003]: bad value '2027-13-01' in column 'booked_on': expected a calendar date written "
       "YYYY-MM-DD"},
      {"a 29 February outside a leap year", "M,A,new,,1000.00,false,2027-02-29,,,Ana,,,false\n",
       "deals.csv:2:24: error[R003]: bad value '2027-02-29' in column 'booked_on': expected a calendar date written "
       "YYYY-MM-DD"},
      {"a date written the American way", "M,A,new,,1000.00,false,03/01/2027,,,Ana,,,false\n",
       "deals.csv:2:24: error[R003]: bad value '03/01/2027' in column 'booked_on': expected a calendar date written "
       "YYYY-MM-DD"},
      {"invalid UTF-8 in a name", "M,A,new,,1000.00,false,2027-03-01,,,An\xE9,,,false\n",
       "deals.csv:2:37: error[R003]: bad value 'An\xE9' in column 'ae': the byte 0xE9 at byte 3 of the value is not "
       "UTF-8 text"},
      {"a NUL byte", std::string("M,A,new,,1000.00,false,2027-03-01,,,A\0a,,,false\n", 48),
       "deals.csv:2:38: error[R003]: malformed CSV row: NUL byte in field"},
      {"an extra column", "M,A,new,,1000.00,false,2027-03-01,,,Ana,,,false,extra\n",
       "deals.csv:2:1: error[R003]: the row has 14 columns, the header has 13"},
      {"a lone CR in a field", "M,A\rB,new,,1000.00,false,2027-03-01,,,Ana,,,false\n",
       "deals.csv:2:4: error[R003]: malformed CSV row: carriage return without a line feed inside an unquoted field "
       "(lines must end with LF or CRLF)"},
      {"a quote inside a field", "M,A \"B\",new,,1000.00,false,2027-03-01,,,Ana,,,false\n",
       "deals.csv:2:5: error[R003]: malformed CSV row: unexpected quote inside an unquoted field"},
   };
   for (const auto& c : cases) {
      DYNAMIC_SECTION(c.name)
      {
         std::string text = deals_header;
         text += c.row;
         text += good_row;
         const auto out = run_deals(text);
         CHECK(first_line(out.rendered) == c.expected);
         CHECK(out.result.diagnostics.size() == 1);
         CHECK(out.ledger == good_ledger);
         CHECK(out.result.exit_status() == 1);
         REQUIRE(out.result.deals.size() == 2);
         CHECK(out.result.deals[1].id() == "OK");
         CHECK(out.result.deals[1].status == deal_status::credited);
      }
   }
}

TEST_CASE("a file with CR line ends is one malformed row, named at the first CR", "[hostile][run]")
{
   std::string text = deals_header + good_row + good_row;
   std::replace(text.begin(), text.end(), '\n', '\r');
   const auto out = run_deals(text);
   CHECK(first_line(out.rendered) ==
         "deals.csv:1:98: error[R003]: the header row cannot be read: carriage return without a line feed inside an "
         "unquoted field (lines must end with LF or CRLF)");
   CHECK(out.result.stopped);
}

TEST_CASE("an unterminated quote keeps the deals before it and names the opening quote", "[hostile][run]")
{
   const auto out = run_deals(deals_header + good_row + "M,\"Acme,new,,1000.00,false,2027-03-01,,,Ana,,,false\n" +
                              "N,A,new,,2000.00,false,2027-03-01,,,Ana,,,false\n");
   CHECK(first_line(out.rendered) ==
         "deals.csv:5:1: error[R003]: malformed CSV row: unterminated quoted field: the quote opened at line 3, "
         "column 3 is never closed");
   CHECK(out.ledger == good_ledger);
   CHECK(out.result.exit_status() == 1);
   REQUIRE(out.result.deals.size() == 2);
   CHECK(out.result.deals[1].status == deal_status::malformed);
}

TEST_CASE("a huge field: a 20 MB account still pays, a 20 MB amount is named briefly", "[hostile][run]")
{
   std::string huge;
   huge.assign(20'000'000, '7');
   SECTION("in a text column the deal is read as usual")
   {
      const auto out = run_deals(deals_header + "H," + huge + ",new,,1000.00,false,2027-03-01,,,Ana,,,false\n");
      CHECK(out.rendered.empty());
      CHECK(out.ledger == "deal,person,role,event,date,amount,rule\nH,Ana,AE,booked,2027-03-01,45.00,new_logo\n");
   }
   SECTION("as the deal id it is written whole in the ledger")
   {
      const auto& id = huge;
      const auto out = run_deals(deals_header + id + ",A,new,,1000.00,false,2027-03-01,,,Ana,,,false\n");
      CHECK(out.rendered.empty());
      CHECK(out.ledger == "deal,person,role,event,date,amount,rule\n" + id + ",Ana,AE,booked,2027-03-01,45.00,new_logo\n");
   }
   SECTION("in the amount the message quotes its start and the excerpt is a window")
   {
      const auto out = run_deals(deals_header + "H,A,new,," + huge + ",false,2027-03-01,,,Ana,,,false\n" + good_row);
      CHECK(first_line(out.rendered) == "deals.csv:2:10: error[R003]: bad value '" + std::string(60, '7') +
                                           "...' (20000000 bytes) in column 'amount': the number has too many digits "
                                           "to be held exactly");
      CHECK(out.rendered.size() < 1000);
      CHECK(out.ledger == good_ledger);
   }
}

TEST_CASE("empty files and files with only a header", "[hostile][run]")
{
   SECTION("an empty deals file stops the run")
   {
      const auto out = run_deals("");
      CHECK(first_line(out.rendered) ==
            "deals.csv:1:1: error[R002]: the deals file is empty: it needs a header row naming its columns");
      CHECK(out.result.stopped);
   }
   SECTION("a header alone is a clean run with no deals")
   {
      const auto out = run_deals(deals_header);
      CHECK(out.rendered.empty());
      CHECK(out.result.exit_status() == 0);
      CHECK(out.result.deals.empty());
   }
   SECTION("an empty people file stops the run")
   {
      const auto inputs = reference_inputs(deals_header + good_row, "");
      const auto result = run_plan(reference_plan(), inputs);
      CHECK(result.stopped);
      REQUIRE(result.diagnostics.size() == 1);
      CHECK(result.diagnostics.items()[0].code == "R002");
      CHECK(result.diagnostics.items()[0].span.file == "people.csv");
   }
   SECTION("no line end after the last row")
   {
      auto text = deals_header + good_row;
      text.pop_back();
      const auto out = run_deals(text);
      CHECK(out.rendered.empty());
      CHECK(out.ledger == good_ledger);
   }
}

TEST_CASE("many bad rows in a large file are all named, quickly", "[hostile][run]")
{
   // 100,000 rows of US dates: one R003 each. Rendering must not rescan the file per message.
   std::string text = deals_header;
   for (int i = 0; i < 100'000; ++i) {
      text += "D" + std::to_string(i) + ",A,new,,1000.00,false,03/01/2027,,,Ana,,,false\n";
   }
   const auto out = run_deals(text + good_row);
   CHECK(out.result.diagnostics.size() == 100'000);
   CHECK(out.ledger == good_ledger);
   CHECK_THAT(out.rendered, Catch::Contains("deals.csv:100001:"));
}

TEST_CASE("many deals that fail while paid do not make the run quadratic", "[hostile][run]")
{
   // Every other deal's commission is beyond exact arithmetic (R014). Each failure used to pay all
   // the deals again; 10,000 of them now take as long as 10,000 good deals.
   std::string text = deals_header;
   for (int i = 0; i < 10'000; ++i) {
      text += "G" + std::to_string(i) + ",A,new,,1000.00,false,2027-03-01,,,Ana,,,false\n";
      text += "H" + std::to_string(i) + ",A,new,,1701411834604692317316873037158841.27,false,2027-03-01,,,Ben,,,false\n";
   }
   const auto out = run_deals(text);
   std::size_t failed = 0;
   for (const auto& deal : out.result.deals) {
      failed += deal.status == deal_status::input_error ? 1 : 0;
   }
   CHECK(failed > 5'000);
   CHECK(out.result.diagnostics.items().front().code == "R014");
   CHECK(out.result.ledger.size() >= 10'000);
}

TEST_CASE("hostile deal ids: ids too long for a cell are kept whole, on rejected rows and paid ones", "[hostile][run]")
{
   // 9,000 bytes is past the 8,191 a text cell counts, so each id is kept in a table beside it.
   const std::string rejected_id(9000, 'R');
   const std::string paid_id(9000, 'P');
   std::string text = deals_header;
   text += rejected_id + ",A,new,,1e9,false,2027-03-01,,,Ana,,,false\n";
   text += paid_id + ",A,new,,1000.00,false,2027-03-01,,,Ana,,,false\n";
   auto out = run_deals(text);
   REQUIRE(out.result.deals.size() == 2);
   CHECK(out.result.deals[0].status == deal_status::malformed);
   CHECK(out.result.deals[0].id() == rejected_id);
   CHECK(out.result.deals[0].line == 2);
   CHECK(out.result.deals[1].status == deal_status::credited);
   CHECK(out.result.deals[1].id() == paid_id);
   CHECK(out.result.deals[1].rules == std::vector<std::string_view>{"new_logo"});
   // The result keeps them when moved, as a caller's copy of it is.
   const run_result moved = std::move(out.result);
   CHECK(moved.deals[0].id() == rejected_id);
   CHECK(moved.deals[1].id() == paid_id);
}

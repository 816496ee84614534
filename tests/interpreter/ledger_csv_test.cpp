// The ledger CSV: each line's cells as written, quoting, and dates near and far apart.
#include "interpreter/ledger.hpp"
#include "tests/run_support.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using namespace compplan;
using namespace compplan::test_support;

namespace {

std::string ledger_csv(const std::vector<ledger_line>& lines, unsigned jobs = 1)
{
   run_result result;
   result.ledger = ledger_book(lines);
   std::ostringstream out;
   write_ledger_csv(reference_plan(), result, out, jobs);
   return out.str();
}

constexpr const char* header = "deal,person,role,event,date,amount,rule\n";

}  // namespace

TEST_CASE("ledger CSV: dates a few years apart, each written as it is", "[run][ledger]")
{
   const std::vector<ledger_line> lines{
      {"D1", "AE 1", 0, "booked", date_of("2027-03-01"), decimal_of("450.29"), "new_logo"},
      {"D1", "AE 1", 0, "activated", date_of("2028-02-29"), decimal_of("750.5"), "new_logo"},
      {"D2", "AE 2", 0, "retained", date_of("2027-01-01"), decimal_of("-12"), "clawback"},
      {"D3", "AE 2", 0, "booked", date_of("2031-12-31"), decimal_of("0.01"), "new_logo"},
   };
   CHECK(ledger_csv(lines) == std::string(header) +
                                 "D1,AE 1,AE,booked,2027-03-01,450.29,new_logo\n"
                                 "D1,AE 1,AE,activated,2028-02-29,750.50,new_logo\n"
                                 "D2,AE 2,AE,retained,2027-01-01,-12.00,clawback\n"
                                 "D3,AE 2,AE,booked,2031-12-31,0.01,new_logo\n");
}

TEST_CASE("ledger CSV: dates centuries apart are written as they are too", "[run][ledger]")
{
   // More than 2^16 days between the first and the last date: each is formatted on its own.
   const std::vector<ledger_line> lines{
      {"D1", "AE 1", 0, "booked", date_of("1800-01-01"), decimal_of("1"), "new_logo"},
      {"D2", "AE 1", 0, "booked", date_of("2027-06-15"), decimal_of("2"), "new_logo"},
      {"D3", "AE 1", 0, "booked", date_of("9999-12-31"), decimal_of("3"), "new_logo"},
   };
   CHECK(ledger_csv(lines, 2) == std::string(header) +
                                    "D1,AE 1,AE,booked,1800-01-01,1.00,new_logo\n"
                                    "D2,AE 1,AE,booked,2027-06-15,2.00,new_logo\n"
                                    "D3,AE 1,AE,booked,9999-12-31,3.00,new_logo\n");
}

TEST_CASE("ledger CSV: ids and names with a comma, a quote or a line break are quoted", "[run][ledger]")
{
   const std::vector<ledger_line> lines{
      {"D,1", "Ana \"the closer\"", 0, "booked", date_of("2027-03-01"), decimal_of("1"), "new_logo"},
      {"D\r2", "Bo\nBo", 0, "booked", date_of("2027-03-01"), decimal_of("1"), "new_logo"},
      {"D3", "", 0, "booked", date_of("2027-03-01"), decimal_of("1"), "new_logo"},
   };
   CHECK(ledger_csv(lines) == std::string(header) +
                                 "\"D,1\",\"Ana \"\"the closer\"\"\",AE,booked,2027-03-01,1.00,new_logo\n"
                                 "\"D\r2\",\"Bo\nBo\",AE,booked,2027-03-01,1.00,new_logo\n"
                                 "D3,,AE,booked,2027-03-01,1.00,new_logo\n");
}

TEST_CASE("ledger CSV: no lines is the header alone", "[run][ledger]")
{
   CHECK(ledger_csv({}) == header);
}

namespace {

// A stream buffer that takes `room` bytes and then fails, as a full disk does.
class filling_buffer : public std::streambuf {
public:
   explicit filling_buffer(std::size_t room) : m_room(room) {}
   std::size_t taken = 0;

protected:
   std::streamsize xsputn(const char*, std::streamsize count) override
   {
      if (taken + static_cast<std::size_t>(count) > m_room) throw std::runtime_error("the disk is full");
      taken += static_cast<std::size_t>(count);
      return count;
   }
   int_type overflow(int_type c) override { return xsputn(nullptr, 1) == 1 ? c : traits_type::eof(); }

private:
   std::size_t m_room;
};

}  // namespace

TEST_CASE("ledger CSV: a write that fails part way is reported with any number of jobs", "[run][ledger]")
{
   // 50,000 lines take several rounds of blocks, formatted on as many threads as jobs. The file
   // fails after about a megabyte, in the second round.
   std::vector<std::string> ids;  // the lines view them: room for all first, so none moves
   ids.reserve(50'000);
   std::vector<ledger_line> lines;
   for (int i = 0; i < 50'000; ++i) {
      ids.push_back("D" + std::to_string(100'000 + i));
      lines.push_back({ids.back(), "Ana", 0, "booked", date_of("2027-03-01"), decimal_of("1234.56"), "new_logo"});
   }
   run_result result;
   result.ledger = ledger_book(lines);
   std::ostringstream whole;
   write_ledger_csv(reference_plan(), result, whole, 1);
   for (const unsigned jobs : {1U, 2U, 3U}) {
      INFO(jobs << " jobs");
      filling_buffer full(1'000'000);
      std::ostream out(&full);
      out.exceptions(std::ios::badbit);
      CHECK_THROWS(write_ledger_csv(reference_plan(), result, out, jobs));
      CHECK(full.taken > 500'000);  // what fitted was written, in order
      std::ostringstream again;
      write_ledger_csv(reference_plan(), result, again, jobs);
      CHECK(again.str() == whole.str());
   }
}

// Tests for the RFC 4180 CSV reader: records, quoting, places, malformed input and recovery.
#include "interpreter/csv.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace compplan;
using namespace std::string_view_literals;

namespace {

struct expected_error {
   std::uint32_t line;
   std::uint32_t column;
   std::string message;
};

struct expected_row {
   std::uint32_t line;
   std::vector<std::string> fields;
   std::optional<expected_error> error = std::nullopt;
};

// A row copied out of the reader: its views die at the next call to next().
struct read_row {
   std::uint32_t line = 0;
   std::vector<std::string> fields;
   std::optional<csv_error> error;
};

std::vector<read_row> read_all(std::string_view text) {
   csv_reader reader(text);
   csv_row row;
   std::vector<read_row> rows;
   while (reader.next(row)) {
      read_row copy{row.line, {}, row.error};
      for (const auto& field : row.fields) {
         copy.fields.emplace_back(field.text);
      }
      rows.push_back(std::move(copy));
   }
   return rows;
}

// Shows control bytes in failure messages, where a raw CR or NUL would be invisible.
std::string visible(std::string_view text) {
   std::string out;
   for (char c : text) {
      switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\0': out += "\\0"; break;
      default: out += c; break;
      }
   }
   return out;
}

void check_rows(std::string_view input, const std::vector<expected_row>& expected) {
   INFO("input: " << visible(input));
   const auto rows = read_all(input);
   REQUIRE(rows.size() == expected.size());
   for (std::size_t i = 0; i < rows.size(); ++i) {
      INFO("row " << i);
      CHECK(rows[i].line == expected[i].line);
      REQUIRE(rows[i].fields.size() == expected[i].fields.size());
      for (std::size_t f = 0; f < rows[i].fields.size(); ++f) {
         INFO("field " << f);
         CHECK(visible(rows[i].fields[f]) == visible(expected[i].fields[f]));
      }
      REQUIRE(rows[i].error.has_value() == expected[i].error.has_value());
      if (expected[i].error) {
         CHECK(rows[i].error->line == expected[i].error->line);
         CHECK(rows[i].error->column == expected[i].error->column);
         CHECK(rows[i].error->message == expected[i].error->message);
      }
   }
}

struct read_case {
   const char* name;
   std::string_view input;
   std::vector<expected_row> rows;
};

const std::string unexpected_quote = "unexpected quote inside an unquoted field";
const std::string lone_cr =
   "carriage return without a line feed inside an unquoted field (lines must end with LF or CRLF)";
const std::string nul_byte = "NUL byte in field";

std::string after_quote(std::string_view found) {
   return "expected ',' or end of line after the closing quote, found " + std::string(found);
}

std::string unterminated(int line, int column) {
   return "unterminated quoted field: the quote opened at line " + std::to_string(line) + ", column " +
          std::to_string(column) + " is never closed";
}

}  // namespace

TEST_CASE("well-formed records", "[csv]") {
   const std::vector<read_case> cases = {
      {"simple rows", "a,b,c\n1,2,3\n"sv, {{1, {"a", "b", "c"}}, {2, {"1", "2", "3"}}}},
      {"one field, no line break", "x"sv, {{1, {"x"}}}},
      {"spaces are data", " a , b \n"sv, {{1, {" a ", " b "}}}},
      {"quoted comma", "\"a,b\",c\n"sv, {{1, {"a,b", "c"}}}},
      {"escaped quotes", "\"say \"\"hi\"\"\",x\n"sv, {{1, {"say \"hi\"", "x"}}}},
      {"only an escaped quote", "\"\"\"\"\n"sv, {{1, {"\""}}}},
      {"quoted empty field", "\"\",a\n"sv, {{1, {"", "a"}}}},
      {"LF inside quotes", "\"l1\nl2\",x\nnext\n"sv, {{1, {"l1\nl2", "x"}}, {3, {"next"}}}},
      {"CRLF inside quotes kept", "\"l1\r\nl2\"\r\nnext\r\n"sv, {{1, {"l1\r\nl2"}}, {3, {"next"}}}},
      {"escapes and line breaks together", "\"a\"\"\nb\"\"\",z\nnext\n"sv,
       {{1, {"a\"\nb\"", "z"}}, {3, {"next"}}}},
      {"two line breaks inside quotes", "x,\"1\n\n3\"\ny\n"sv, {{1, {"x", "1\n\n3"}}, {4, {"y"}}}},
      {"lone CR inside quotes is text", "\"a\rb\"\nc\n"sv, {{1, {"a\rb"}}, {2, {"c"}}}},
      {"CRLF records", "a,b\r\nc,d\r\n"sv, {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"CRLF after a quoted field", "\"a\"\r\nb\n"sv, {{1, {"a"}}, {2, {"b"}}}},
      {"BOM skipped", "\xEF\xBB\xBFid,name\n1,x\n"sv, {{1, {"id", "name"}}, {2, {"1", "x"}}}},
      {"BOM before a quoted field", "\xEF\xBB\xBF\"id\"\n"sv, {{1, {"id"}}}},
      {"BOM later is data", "a\xEF\xBB\xBF\n"sv, {{1, {"a\xEF\xBB\xBF"}}}},
      {"only a BOM", "\xEF\xBB\xBF"sv, {}},
      {"empty input", ""sv, {}},
      {"only line breaks", "\n\r\n\n"sv, {}},
      {"all fields empty", ",,\n"sv, {{1, {"", "", ""}}}},
      {"trailing empty field", "a,b,\n"sv, {{1, {"a", "b", ""}}}},
      {"trailing empty field at end of input", "a,b,"sv, {{1, {"a", "b", ""}}}},
      {"trailing empty field before CRLF", "a,\r\n"sv, {{1, {"a", ""}}}},
      {"empty quoted field at end of input", "a,\"\""sv, {{1, {"a", ""}}}},
      {"empty lines skipped", "\na\n\n\r\nb\n\n"sv, {{2, {"a"}}, {5, {"b"}}}},
      {"no final line break", "a,b\nc,d"sv, {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"no final line break after quotes", "a\n\"c\nd\""sv, {{1, {"a"}}, {2, {"c\nd"}}}},
      {"UTF-8 passes through", "caf\xC3\xA9,\xFF\n"sv, {{1, {"caf\xC3\xA9", "\xFF"}}}},
   };
   for (const auto& c : cases) {
      DYNAMIC_SECTION(c.name) {
         check_rows(c.input, c.rows);
      }
   }
}

TEST_CASE("malformed records report the place and the next row is still read", "[csv]") {
   const std::vector<read_case> cases = {
      {"quote inside an unquoted field", "id,ab\"c,d\nnext\n"sv,
       {{1, {"id", "ab\"c", "d"}, expected_error{1, 6, unexpected_quote}}, {2, {"next"}}}},
      {"quote after leading space", "a, \"b\"\nnext\n"sv,
       {{1, {"a", " \"b\""}, expected_error{1, 4, unexpected_quote}}, {2, {"next"}}}},
      {"character after the closing quote", "\"ab\"x,c\nnext\n"sv,
       {{1, {"ab", "c"}, expected_error{1, 5, after_quote("'x'")}}, {2, {"next"}}}},
      {"space after the closing quote", "a,\"b\" \nnext\n"sv,
       {{1, {"a", "b"}, expected_error{1, 6, after_quote("' '")}}, {2, {"next"}}}},
      {"junk with a quote after the closing quote is dropped", "\"a\"b\"c,d\nnext\n"sv,
       {{1, {"a", "d"}, expected_error{1, 4, after_quote("'b'")}}, {2, {"next"}}}},
      {"tab after the closing quote", "\"a\"\t\nnext\n"sv,
       {{1, {"a"}, expected_error{1, 4, after_quote("a tab")}}, {2, {"next"}}}},
      {"lone CR after the closing quote", "\"a\"\rb\nnext\n"sv,
       {{1, {"a"}, expected_error{1, 4, after_quote("a carriage return")}}, {2, {"next"}}}},
      {"non-ASCII byte after the closing quote", "\"a\"\xC3\xA9\nnext\n"sv,
       {{1, {"a"}, expected_error{1, 4, after_quote("byte 0xC3")}}, {2, {"next"}}}},
      {"after an escaped quote", "\"a\"\"b\"x\nnext\n"sv,
       {{1, {"a\"b"}, expected_error{1, 7, after_quote("'x'")}}, {2, {"next"}}}},
      {"lone CR in an unquoted field", "a\rb,c\nnext\n"sv,
       {{1, {"a\rb", "c"}, expected_error{1, 2, lone_cr}}, {2, {"next"}}}},
      {"lone CR at end of input", "a,b\r"sv, {{1, {"a", "b\r"}, expected_error{1, 4, lone_cr}}}},
      {"NUL in an unquoted field", "a\0b,c\nnext\n"sv,
       {{1, {std::string("a\0b", 3), "c"}, expected_error{1, 2, nul_byte}}, {2, {"next"}}}},
      {"NUL in a quoted field", "x,\"a\0\"\nnext\n"sv,
       {{1, {"x", std::string("a\0", 2)}, expected_error{1, 5, nul_byte}}, {2, {"next"}}}},
      {"error on the second line of a quoted field", "a\n\"x\ny\"z\nnext\n"sv,
       {{1, {"a"}}, {2, {"x\ny"}, expected_error{3, 3, after_quote("'z'")}}, {4, {"next"}}}},
      {"recovery respects a later quoted line break", "a\"b,\"x\ny\"\nnext\n"sv,
       {{1, {"a\"b", "x\ny"}, expected_error{1, 2, unexpected_quote}}, {3, {"next"}}}},
      {"first error of a record wins", "a\"b\"c\0\n"sv,
       {{1, {std::string("a\"b\"c\0", 6)}, expected_error{1, 2, unexpected_quote}}}},
      {"error does not carry to the next row", "a\"\nb\"c\nd\n"sv,
       {{1, {"a\""}, expected_error{1, 2, unexpected_quote}},
        {2, {"b\"c"}, expected_error{2, 2, unexpected_quote}},
        {3, {"d"}}}},
      {"unterminated quote at end", "a,b\nc,\"de\nf,g\n"sv,
       {{1, {"a", "b"}}, {2, {"c", "de\nf,g\n"}, expected_error{4, 1, unterminated(2, 3)}}}},
      {"unterminated quote without line break", "\"abc"sv, {{1, {"abc"}, expected_error{1, 5, unterminated(1, 1)}}}},
      {"unterminated quote with escapes", "\"a\"\"b"sv, {{1, {"a\"b"}, expected_error{1, 6, unterminated(1, 1)}}}},
      {"unterminated quote replaces an earlier error", "a\"b,\"cd"sv,
       {{1, {"a\"b", "cd"}, expected_error{1, 8, unterminated(1, 5)}}}},
   };
   for (const auto& c : cases) {
      DYNAMIC_SECTION(c.name) {
         check_rows(c.input, c.rows);
      }
   }
}

TEST_CASE("fields carry their line, column and quoting", "[csv]") {
   struct expected_field {
      std::string_view text;
      std::uint32_t line;
      std::uint32_t column;
      bool quoted;
   };
   const auto input = "a,\"b\"\r\nxy,\"p\nq\",z\n,\n"sv;
   const std::vector<std::vector<expected_field>> expected = {
      {{"a", 1, 1, false}, {"b", 1, 3, true}},
      {{"xy", 2, 1, false}, {"p\nq", 2, 4, true}, {"z", 3, 4, false}},
      {{"", 4, 1, false}, {"", 4, 2, false}},
   };
   const std::vector<std::uint32_t> row_lines = {1, 2, 4};

   csv_reader reader(input);
   csv_row row;
   for (std::size_t r = 0; r < expected.size(); ++r) {
      INFO("row " << r);
      REQUIRE(reader.next(row));
      CHECK(row.line == row_lines[r]);
      CHECK_FALSE(row.error);
      REQUIRE(row.fields.size() == expected[r].size());
      for (std::size_t f = 0; f < expected[r].size(); ++f) {
         INFO("field " << f);
         CHECK(row.fields[f].text == expected[r][f].text);
         CHECK(row.fields[f].line == expected[r][f].line);
         CHECK(row.fields[f].column == expected[r][f].column);
         CHECK(row.fields[f].quoted == expected[r][f].quoted);
      }
   }
   CHECK_FALSE(reader.next(row));
   CHECK(row.fields.empty());
}

TEST_CASE("columns after a BOM start at 1", "[csv]") {
   csv_reader reader("\xEF\xBB\xBF" "a,b\"c\n"sv);
   csv_row row;
   REQUIRE(reader.next(row));
   REQUIRE(row.fields.size() == 2);
   CHECK(row.fields[0].column == 1);
   CHECK(row.fields[1].column == 3);
   REQUIRE(row.error);
   CHECK(row.error->line == 1);
   CHECK(row.error->column == 4);
}

TEST_CASE("current_line follows the reader", "[csv]") {
   csv_reader reader("a\n\"b\nc\"\n\nd"sv);
   csv_row row;
   CHECK(reader.current_line() == 1);
   REQUIRE(reader.next(row));
   CHECK(reader.current_line() == 2);
   REQUIRE(reader.next(row));
   CHECK(row.line == 2);
   CHECK(reader.current_line() == 4);
   REQUIRE(reader.next(row));
   CHECK(row.line == 5);
   CHECK(reader.current_line() == 5);
   CHECK_FALSE(reader.next(row));
   CHECK(reader.current_line() == 5);
}

TEST_CASE("a stretch of a file counts lines from its first line and reads position", "[csv]") {
   const auto text = "id,x\nD1,1\nD2,a\"b\n"sv;
   csv_reader whole(text);
   csv_row row;
   REQUIRE(whole.next(row));
   CHECK(whole.position() == text.data() + 5);
   // The rest read on its own, numbered as in the whole file: same lines, columns and errors.
   csv_reader stretch(text.substr(5), whole.current_line());
   REQUIRE(stretch.next(row));
   CHECK(row.line == 2);
   REQUIRE(stretch.next(row));
   CHECK(row.line == 3);
   CHECK(row.fields[1].column == 4);
   REQUIRE(row.error);
   CHECK(row.error->line == 3);
   CHECK(row.error->column == 5);
   CHECK_FALSE(stretch.next(row));
   // A stretch skips no BOM: it is not at the start of a file.
   csv_reader inner("\xEF\xBB\xBF" "a\n"sv, 7);
   REQUIRE(inner.next(row));
   CHECK(row.line == 7);
   CHECK(row.fields[0].text == "\xEF\xBB\xBF" "a");
}

TEST_CASE("fields without escapes view the input; escaped ones do not", "[csv]") {
   const std::string input = "plain,\"quoted, no escape\",\"has \"\"escape\"\"\"\n";
   const auto inside_input = [&](std::string_view text) {
      return text.data() >= input.data() && text.data() + text.size() <= input.data() + input.size();
   };
   csv_reader reader(input);
   csv_row row;
   REQUIRE(reader.next(row));
   REQUIRE(row.fields.size() == 3);
   CHECK(inside_input(row.fields[0].text));
   CHECK(inside_input(row.fields[1].text));
   CHECK(row.fields[1].text == "quoted, no escape");
   CHECK_FALSE(inside_input(row.fields[2].text));
   CHECK(row.fields[2].text == "has \"escape\"");
}

TEST_CASE("many escaped fields in one row stay intact", "[csv]") {
   // Enough unescaped text to make the reader's buffer grow while the row is read.
   std::string input;
   std::vector<std::string> expected;
   for (int i = 0; i < 200; ++i) {
      const std::string body = std::to_string(i) + std::string(100, 'x');
      input += (i ? "," : "") + ("\"" + body + "\"\"\"");
      expected.push_back(body + "\"");
   }
   input += "\nplain,\"q\"\"\"\n";

   csv_reader reader(input);
   csv_row row;
   REQUIRE(reader.next(row));
   REQUIRE(row.fields.size() == expected.size());
   for (std::size_t i = 0; i < expected.size(); ++i) {
      INFO("field " << i);
      CHECK(row.fields[i].text == expected[i]);
   }
   // Reusing the row: the old fields and buffer contents must not leak into the new record.
   REQUIRE(reader.next(row));
   REQUIRE(row.fields.size() == 2);
   CHECK(row.fields[0].text == "plain");
   CHECK(row.fields[1].text == "q\"");
   CHECK_FALSE(reader.next(row));
}

TEST_CASE("two rows taking turns keep their own escaped text", "[csv]") {
   // A reader of deals reads each row one ahead of its decoding.
   const std::string input = "\"a\"\"1\",x\n\"b\"\"2\",y\n\"c\"\"3\",z\n";
   csv_reader reader(input);
   csv_row first;
   csv_row second;
   REQUIRE(reader.next(first));
   REQUIRE(reader.next(second));
   CHECK(first.fields[0].text == "a\"1");  // not overwritten by the row read after it
   CHECK(second.fields[0].text == "b\"2");
   REQUIRE(reader.next(first));
   CHECK(first.fields[0].text == "c\"3");
   CHECK(second.fields[0].text == "b\"2");
   CHECK(second.fields[1].text == "y");
   CHECK_FALSE(reader.next(second));
}

TEST_CASE("a field of 1 MB", "[csv]") {
   const std::size_t size = std::size_t{1024} * 1024;

   SECTION("unquoted") {
      const std::string big(size, 'x');
      const std::string input = big + ",y\nz\n";
      csv_reader reader(input);
      csv_row row;
      REQUIRE(reader.next(row));
      REQUIRE(row.fields.size() == 2);
      CHECK(row.fields[0].text.size() == size);
      CHECK(row.fields[0].text == big);
      CHECK(row.fields[1].text == "y");
      CHECK(row.fields[1].column == size + 2);
      REQUIRE(reader.next(row));
      CHECK(row.line == 2);
      CHECK(row.fields[0].text == "z");
   }

   SECTION("quoted, with escapes and line breaks") {
      std::string expected;
      std::string input = "\"";
      while (expected.size() < size) {
         expected += "line \"q\"\n";
         input += "line \"\"q\"\"\n";
      }
      input += "\",after\nz\n";
      const auto lines = static_cast<std::uint32_t>(expected.size() / 9);  // one LF per 9-byte chunk
      csv_reader reader(input);
      csv_row row;
      REQUIRE(reader.next(row));
      CHECK_FALSE(row.error);
      REQUIRE(row.fields.size() == 2);
      CHECK(row.fields[0].text.size() == expected.size());
      CHECK(row.fields[0].text == expected);
      CHECK(row.fields[1].text == "after");
      CHECK(row.fields[1].line == lines + 1);
      CHECK(row.fields[1].column == 3);
      REQUIRE(reader.next(row));
      CHECK(row.line == lines + 2);
   }
}

TEST_CASE("a final ',' at the very end of the input reads nothing past it", "[csv]") {
   // The text sits at the end of its own allocation, with no terminator after it, so a read past
   // the end is caught by AddressSanitizer in the sanitized build.
   const std::string_view source = "a,b,";
   const auto buffer = std::make_unique<char[]>(source.size());
   std::copy(source.begin(), source.end(), buffer.get());
   csv_reader reader(std::string_view(buffer.get(), source.size()));
   csv_row row;
   REQUIRE(reader.next(row));
   REQUIRE(row.fields.size() == 3);
   CHECK(row.fields[2].text.empty());
   CHECK_FALSE(row.error);
   CHECK_FALSE(reader.next(row));
}

TEST_CASE("a stop byte is found at every place in a field, near and at the end of the input", "[csv]") {
   // Unquoted fields are scanned many bytes at a time with the last few byte by byte, so each stop
   // is put at every offset from 0 to 40, with 0 to 20 bytes after it before the input ends. Each
   // input sits at the end of its own allocation, so a read past the end is caught by
   // AddressSanitizer in the sanitized build.
   struct stop_case {
      char stop;
      const std::string* message;  // the error the stop gives; null for ',' and LF
   };
   for (const auto& [stop, message] : {stop_case{',', nullptr}, stop_case{'\n', nullptr}, stop_case{'\r', &lone_cr},
                                       stop_case{'"', &unexpected_quote}, stop_case{'\0', &nul_byte}}) {
      // A quote that starts a field opens a quoted one: it is a stop only inside.
      for (std::size_t before = stop == '"' ? 1 : 0; before <= 40; ++before) {
         for (std::size_t after = 0; after <= 20; ++after) {
            const std::string head(before, 'x');
            const std::string tail(after, 'y');
            std::string source = head;
            source += stop;
            source += tail;
            const auto buffer = std::make_unique<char[]>(source.size());
            std::copy(source.begin(), source.end(), buffer.get());
            INFO("stop " << visible(std::string(1, stop)) << " after " << before << " bytes, " << after << " after it");
            std::vector<expected_row> expected;
            if (stop == ',') {
               expected = {{1, {head, tail}}};
            }
            else if (stop == '\n') {
               if (before > 0) expected.push_back({1, {head}});  // an empty line carries no record
               if (after > 0) expected.push_back({2, {tail}});
            }
            else {
               const auto column = static_cast<std::uint32_t>(before + 1);
               expected = {{1, {source}, expected_error{1, column, *message}}};
            }
            check_rows(std::string_view(buffer.get(), source.size()), expected);
         }
      }
   }
}

TEST_CASE("find_column", "[csv]") {
   csv_reader reader("id,\"amount\",owner,id\n"sv);
   csv_row header;
   REQUIRE(reader.next(header));
   CHECK(find_column(header, "id") == std::optional<std::size_t>(0));
   CHECK(find_column(header, "amount") == std::optional<std::size_t>(1));
   CHECK(find_column(header, "owner") == std::optional<std::size_t>(2));
   CHECK(find_column(header, "Amount") == std::nullopt);
   CHECK(find_column(header, "missing") == std::nullopt);
   CHECK(find_column(header, "") == std::nullopt);
   CHECK(find_column(csv_row{}, "id") == std::nullopt);
}

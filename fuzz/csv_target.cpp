// Fuzz target: the CSV reader on any bytes; every field must view the input or the row's buffer.
#include "fuzz/fuzz_support.hpp"
#include "interpreter/csv.hpp"

// Where the checksum of the bytes read goes, so that reading them cannot be optimised away.
volatile unsigned csv_checksum_sink = 0;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
   compplan::csv_reader reader(compplan::fuzz::as_text(data, size));
   compplan::csv_row row;
   std::uint32_t last_line = 0;
   unsigned checksum = 0;
   while (reader.next(row)) {
      if (row.line <= last_line || row.fields.empty()) {
         throw std::logic_error("rows must come in line order and hold at least one field");
      }
      last_line = row.line;
      for (const auto& field : row.fields) {
         for (const char c : field.text) {  // every byte a field views is read (AddressSanitizer checks it)
            checksum += static_cast<unsigned char>(c);
         }
      }
   }
   csv_checksum_sink = checksum;
   return 0;
}

// UTF-8 validation by the well-formed byte sequences of RFC 3629, table 3-7 of the Unicode standard.
#include "core/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace compplan {

std::optional<std::size_t> find_invalid_utf8(std::string_view text)
{
   std::size_t at = 0;
   while (at < text.size()) {
      // Most text is ASCII: eight bytes at a time while none has its high bit set.
      while (text.size() - at >= 8) {
         std::uint64_t eight = 0;
         std::memcpy(&eight, text.data() + at, sizeof eight);
         if ((eight & 0x8080808080808080ULL) != 0) break;
         at += 8;
      }
      if (at == text.size()) break;
      const auto lead = static_cast<unsigned char>(text[at]);
      if (lead < 0x80) {
         ++at;
         continue;
      }
      // The sequence length and the allowed range of the second byte, by lead byte.
      std::size_t length = 0;
      unsigned char low = 0x80;
      unsigned char high = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
         length = 2;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
         length = 3;
         low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
         high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
      } else if (lead >= 0xF0 && lead <= 0xF4) {
         length = 4;
         low = lead == 0xF0 ? 0x90 : 0x80;   // no overlong forms
         high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
      } else {
         return at;  // a continuation byte without a lead, or a byte never used in UTF-8
      }
      if (text.size() - at < length) {
         return at;
      }
      const auto second = static_cast<unsigned char>(text[at + 1]);
      if (second < low || second > high) {
         return at;
      }
      for (std::size_t k = 2; k < length; ++k) {
         if ((static_cast<unsigned char>(text[at + k]) & 0xC0) != 0x80) {
            return at;
         }
      }
      at += length;
   }
   return std::nullopt;
}

}  // namespace compplan

// UTF-8 validation for the text the tool reads: plans and the text cells of deal and people files.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace compplan {

// The offset of the first byte of `text` that does not belong to a well-formed UTF-8 sequence
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or nullopt when all of
// it is well formed.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

}  // namespace compplan

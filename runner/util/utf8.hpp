#pragma once
// Checking that text is valid UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), for config files, whose text is stored
// in results files as a string declared UTF-8 (docs/results-format.md).
#include <cstddef>
#include <optional>
#include <string_view>

namespace nnsweep {

// The offset of the first byte that does not begin a valid UTF-8 sequence
// (or is a truncated one), or nullopt when all of `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace nnsweep

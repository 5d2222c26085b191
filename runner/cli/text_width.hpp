#pragma once
// How many terminal columns a UTF-8 text takes, for aligning table columns:
// bytes would pad a column holding "données" one space short, and one holding
// CJK text by half its width.
#include <cstddef>
#include <string_view>

namespace nnsweep {

// Columns of `text` (UTF-8): one per code point, two for East Asian wide and
// fullwidth characters (CJK, Hangul, fullwidth forms, most emoji), none for
// combining marks. Invalid bytes count one column each.
std::size_t display_width(std::string_view text);

}  // namespace nnsweep

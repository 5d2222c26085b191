#pragma once
// Number formatting shared by configs, tables and CSV output.
#include <string>

namespace nnsweep {

// The shortest text that parses back to the same double ("0.1", "1e-05", "20").
std::string format_number(double value);
// 17 significant digits, as `%.17g`: exact round trip for any double.
std::string format_exact(double value);
// printf-style formatting into a std::string.
std::string format(const char* pattern, ...) __attribute__((format(printf, 1, 2)));

}  // namespace nnsweep

#include "util/format.hpp"

#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <vector>

namespace nnsweep {

std::string format_number(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string format_exact(double value) {
  return format("%.17g", value);
}

std::string format(const char* pattern, ...) {
  va_list args;
  va_start(args, pattern);
  va_list copy;
  va_copy(copy, args);
  const int size = std::vsnprintf(nullptr, 0, pattern, copy);
  va_end(copy);
  std::vector<char> buffer(static_cast<std::size_t>(size) + 1);
  std::vsnprintf(buffer.data(), buffer.size(), pattern, args);
  va_end(args);
  return std::string(buffer.data(), static_cast<std::size_t>(size));
}

}  // namespace nnsweep

#include "sweep/share.hpp"

#include <charconv>

namespace nnsweep {

std::optional<Share> parse_share(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  Share share;
  const char* end = text.data() + text.size();
  auto first = std::from_chars(text.data(), text.data() + slash, share.part);
  auto second = std::from_chars(text.data() + slash + 1, end, share.parts);
  if (first.ec != std::errc() || first.ptr != text.data() + slash || second.ec != std::errc() ||
      second.ptr != end || share.part < 1 || share.part > share.parts) {
    return std::nullopt;
  }
  return share;
}

}  // namespace nnsweep

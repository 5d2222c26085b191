#include "sweep/validation.hpp"

#include <algorithm>
#include <numeric>

namespace nnsweep {
namespace {

// SplitMix64: a small, well-mixed generator whose output depends only on its seed.
std::uint64_t split_mix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

std::vector<std::int64_t> validation_indices(const Plan& plan) {
  std::vector<std::int64_t> indices;
  if (plan.size() <= kWholeValidationPoints) {
    indices.resize(static_cast<std::size_t>(plan.size()));
    std::iota(indices.begin(), indices.end(), std::int64_t{0});
    return indices;
  }
  // Run index = sum over axes of point * stride, the last axis fastest.
  std::int64_t stride = 1;
  for (std::size_t a = plan.axes().size(); a-- > 0;) {
    const auto points = static_cast<std::int64_t>(plan.axes()[a].points.size());
    const std::int64_t checks = std::min(points, kAxisChecks);
    for (std::int64_t k = 0; k < checks; ++k) {
      const std::int64_t point = checks == 1 ? 0 : k * (points - 1) / (checks - 1);
      indices.push_back(point * stride);
    }
    stride *= points;
  }
  std::uint64_t state = static_cast<std::uint64_t>(plan.size());
  const auto size = static_cast<std::uint64_t>(plan.size());
  for (std::int64_t k = 0; k < kCrossingChecks; ++k) {
    indices.push_back(static_cast<std::int64_t>(split_mix(state) % size));
  }
  indices.push_back(0);
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  return indices;
}

}  // namespace nnsweep

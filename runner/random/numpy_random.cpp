#include "random/numpy_random.hpp"

#include <cmath>
#include <numeric>

namespace nnsweep {

void NumpyRandomState::seed(std::uint32_t seed) {
  key_[0] = seed;
  for (int i = 1; i < kStateSize; ++i) {
    const std::uint32_t previous = key_[i - 1];
    key_[i] = 1812433253U * (previous ^ (previous >> 30)) + static_cast<std::uint32_t>(i);
  }
  position_ = kStateSize;
  has_cached_gauss_ = false;
  cached_gauss_ = 0.0;
}

void NumpyRandomState::regenerate() {
  constexpr int kShift = 397;
  constexpr std::uint32_t kMatrixA = 0x9908b0dfU;
  constexpr std::uint32_t kUpperMask = 0x80000000U;
  constexpr std::uint32_t kLowerMask = 0x7fffffffU;
  auto twist = [&](int i, int next, int far) {
    const std::uint32_t y = (key_[i] & kUpperMask) | (key_[next] & kLowerMask);
    key_[i] = key_[far] ^ (y >> 1) ^ ((y & 1U) ? kMatrixA : 0U);
  };
  int i = 0;
  for (; i < kStateSize - kShift; ++i) twist(i, i + 1, i + kShift);
  for (; i < kStateSize - 1; ++i) twist(i, i + 1, i + kShift - kStateSize);
  twist(kStateSize - 1, 0, kShift - 1);
  position_ = 0;
}

std::uint32_t NumpyRandomState::next_uint32() {
  if (position_ >= kStateSize) regenerate();
  std::uint32_t y = key_[position_++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

double NumpyRandomState::random_sample() {
  const std::uint32_t high = next_uint32() >> 5;
  const std::uint32_t low = next_uint32() >> 6;
  return (high * 67108864.0 + low) / 9007199254740992.0;
}

double NumpyRandomState::standard_normal() {
  if (has_cached_gauss_) {
    has_cached_gauss_ = false;
    return cached_gauss_;
  }
  double x1 = 0.0;
  double x2 = 0.0;
  double r2 = 0.0;
  do {
    x1 = 2.0 * random_sample() - 1.0;
    x2 = 2.0 * random_sample() - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  const double f = std::sqrt(-2.0 * std::log(r2) / r2);
  cached_gauss_ = f * x1;
  has_cached_gauss_ = true;
  return f * x2;
}

std::uint64_t NumpyRandomState::random_interval(std::uint64_t max) {
  if (max == 0) return 0;
  std::uint64_t mask = max;
  for (int shift : {1, 2, 4, 8, 16, 32}) mask |= mask >> shift;
  if (max <= 0xffffffffULL) {
    std::uint64_t value = 0;
    while ((value = (next_uint32() & mask)) > max) {
    }
    return value;
  }
  std::uint64_t value = 0;
  do {
    const std::uint64_t high = next_uint32();
    value = ((high << 32) | next_uint32()) & mask;
  } while (value > max);
  return value;
}

std::vector<std::int64_t> NumpyRandomState::permutation(std::size_t n) {
  std::vector<std::int64_t> values(n);
  std::iota(values.begin(), values.end(), std::int64_t{0});
  shuffle(std::span<std::int64_t>(values));
  return values;
}

}  // namespace nnsweep

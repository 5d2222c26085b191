#pragma once
// A bit-for-bit reimplementation of numpy's legacy RandomState (MT19937 with
// numpy's seeding, double and Gaussian conversions, and bounded integers).
//
// Why our own: reproducing numpy experiments exactly needs numpy's exact
// streams, and no C++ library (std::mt19937 included) seeds or converts the way
// numpy does. The algorithms are in shared/reference/numpy-legacy-random.md.
//
// Contract:
//  - Construct or seed() with 0 <= seed < 2^32, as np.random.seed(seed).
//  - Every draw consumes the stream exactly as numpy 1.24 does, so interleaved
//    calls (randn, then random_sample, then permutation, ...) stay in step.
//  - Not thread-safe: one generator per run, never shared between threads.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace nnsweep {

class NumpyRandomState {
 public:
  explicit NumpyRandomState(std::uint32_t seed = 0) { this->seed(seed); }

  // np.random.seed(seed): resets the state and clears the cached Gaussian.
  void seed(std::uint32_t seed);

  // One raw 32-bit MT19937 output.
  std::uint32_t next_uint32();
  // random_sample(): a double in [0, 1) with 53 random bits.
  double random_sample();
  // standard_normal() by numpy's legacy polar method (caches every second value).
  double standard_normal();
  // normal(loc, scale) = loc + scale * standard_normal().
  double normal(double loc, double scale) { return loc + scale * standard_normal(); }
  // uniform(low, high) = low + (high - low) * random_sample(), the difference
  // rounded once as numpy's legacy uniform does for scalar bounds.
  double uniform(double low, double high) { return low + (high - low) * random_sample(); }
  // random_interval(max): an integer uniform on [0, max], by masked rejection.
  std::uint64_t random_interval(std::uint64_t max);
  // randint(high) for 1 <= high < 2^32: uniform on [0, high), drawn as legacy
  // randint does (masked rejection on high - 1, so randint(1) draws nothing).
  std::int64_t randint(std::int64_t high) {
    return static_cast<std::int64_t>(random_interval(static_cast<std::uint64_t>(high - 1)));
  }

  // shuffle(a) in place: Fisher-Yates from the back, as numpy's legacy shuffle.
  template <class T>
  void shuffle(std::span<T> values) {
    for (std::size_t i = values.size(); i > 1; --i) {
      const std::size_t j = random_interval(i - 1);
      std::swap(values[i - 1], values[j]);
    }
  }
  // permutation(n): a shuffled 0..n-1.
  std::vector<std::int64_t> permutation(std::size_t n);

 private:
  void regenerate();

  static constexpr int kStateSize = 624;
  std::array<std::uint32_t, kStateSize> key_{};
  int position_ = kStateSize;
  bool has_cached_gauss_ = false;
  double cached_gauss_ = 0.0;
};

}  // namespace nnsweep

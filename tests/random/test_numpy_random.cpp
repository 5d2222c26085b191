// NumpyRandomState against numpy 1.24's legacy RandomState (tests/fixtures/rng.txt).
//
// Every value is compared with ==: the whole point of the class is to reproduce
// numpy's streams bit for bit, so "close" would hide a wrong conversion or a
// stream that is consumed one draw too many.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "random/numpy_random.hpp"

using nnsweep::NumpyRandomState;
using nnsweep::testing::fixture_lines;
using nnsweep::testing::to_double;

namespace {

// One line of rng.txt: kind, seed, count, then (for normal) loc and scale, then values.
struct RngLine {
  std::string kind;
  std::uint32_t seed = 0;
  std::size_t count = 0;
  double loc = 0.0, scale = 1.0;  // normal only
  std::vector<std::string> values;
};

std::vector<RngLine> rng_lines(const std::string& kind) {
  std::vector<RngLine> lines;
  for (const auto& tokens : fixture_lines("rng.txt")) {
    if (tokens.at(0) != kind) continue;
    RngLine line;
    line.kind = tokens.at(0);
    line.seed = static_cast<std::uint32_t>(std::stoull(tokens.at(1)));
    line.count = std::stoull(tokens.at(2));
    std::size_t first = 3;
    if (kind == "normal") {
      line.loc = to_double(tokens.at(3));
      line.scale = to_double(tokens.at(4));
      first = 5;
    }
    line.values.assign(tokens.begin() + static_cast<std::ptrdiff_t>(first), tokens.end());
    BOOST_TEST_REQUIRE(line.values.size() == line.count);
    lines.push_back(std::move(line));
  }
  // Seven seeds in the fixture; an empty list would make every test pass vacuously.
  BOOST_TEST_REQUIRE(lines.size() >= 7u);
  return lines;
}

// Checks `draw(i)` == the fixture's doubles, reporting seed and index on failure.
template <class Draw>
void check_doubles(const RngLine& line, Draw draw) {
  for (std::size_t i = 0; i < line.count; ++i) {
    BOOST_TEST_CONTEXT(line.kind << " seed " << line.seed << " index " << i) {
      BOOST_TEST(draw(i) == to_double(line.values[i]));
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(numpy_random)

BOOST_AUTO_TEST_CASE(random_sample_matches_numpy) {
  for (const RngLine& line : rng_lines("random_sample")) {
    NumpyRandomState random(line.seed);
    check_doubles(line, [&](std::size_t) { return random.random_sample(); });
  }
}

BOOST_AUTO_TEST_CASE(randn_matches_numpy) {
  // An odd count (11) ends with a Gaussian left in the cache; the next test checks
  // that it is actually used.
  for (const RngLine& line : rng_lines("randn")) {
    NumpyRandomState random(line.seed);
    check_doubles(line, [&](std::size_t) { return random.standard_normal(); });
  }
}

BOOST_AUTO_TEST_CASE(permutation_matches_numpy) {
  for (const RngLine& line : rng_lines("permutation")) {
    NumpyRandomState random(line.seed);
    const std::vector<std::int64_t> got = random.permutation(line.count);
    BOOST_TEST_REQUIRE(got.size() == line.count);
    for (std::size_t i = 0; i < line.count; ++i) {
      BOOST_TEST_CONTEXT("permutation seed " << line.seed << " n " << line.count << " index " << i) {
        BOOST_TEST(got[i] == std::stoll(line.values[i]));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(normal_matches_numpy) {
  // Includes scale 0, which must still consume the stream and return loc exactly.
  for (const RngLine& line : rng_lines("normal")) {
    NumpyRandomState random(line.seed);
    check_doubles(line, [&](std::size_t) { return random.normal(line.loc, line.scale); });
  }
}

BOOST_AUTO_TEST_CASE(interleaved_draws_match_numpy) {
  // randn(3), random_sample(2), randn(1), permutation(7), randn(2) on one state:
  // random_sample and permutation must neither consume nor clear the cached Gaussian.
  for (const RngLine& line : rng_lines("mixed")) {
    BOOST_TEST_REQUIRE(line.count == 15u);
    NumpyRandomState random(line.seed);
    std::vector<double> got;
    for (int i = 0; i < 3; ++i) got.push_back(random.standard_normal());
    for (int i = 0; i < 2; ++i) got.push_back(random.random_sample());
    got.push_back(random.standard_normal());
    for (std::int64_t v : random.permutation(7)) got.push_back(static_cast<double>(v));
    for (int i = 0; i < 2; ++i) got.push_back(random.standard_normal());
    check_doubles(line, [&](std::size_t i) { return got[i]; });
  }
}

BOOST_AUTO_TEST_CASE(seeding_again_clears_the_cached_gaussian) {
  // After one standard_normal() a second Gaussian is cached. np.random.seed(s)
  // discards it, so re-seeding must reproduce the fresh randn stream from its start
  // (a stale cache would shift every value by one).
  for (const RngLine& line : rng_lines("randn")) {
    NumpyRandomState random(line.seed ^ 0x5a5a5a5aU);
    random.standard_normal();
    random.seed(line.seed);
    check_doubles(line, [&](std::size_t) { return random.standard_normal(); });

    // Same with a cache filled by the same seed: seed() twice in a row.
    NumpyRandomState again(line.seed);
    again.standard_normal();
    again.seed(line.seed);
    again.seed(line.seed);
    check_doubles(line, [&](std::size_t) { return again.standard_normal(); });
  }
}

BOOST_AUTO_TEST_CASE(constructor_seed_equals_seed_call) {
  // Construction is documented as np.random.seed(seed): both paths give one stream.
  for (const RngLine& line : rng_lines("random_sample")) {
    NumpyRandomState random(12345);
    random.random_sample();
    random.seed(line.seed);
    check_doubles(line, [&](std::size_t) { return random.random_sample(); });
  }
}

BOOST_AUTO_TEST_CASE(random_interval_zero_is_zero_and_draws_nothing) {
  // numpy's legacy random_interval returns 0 for max 0 without touching the stream,
  // so the following random_sample values are still the fixture's first ones.
  for (const RngLine& line : rng_lines("random_sample")) {
    NumpyRandomState random(line.seed);
    for (int i = 0; i < 5; ++i) BOOST_TEST(random.random_interval(0) == 0u);
    check_doubles(line, [&](std::size_t) { return random.random_sample(); });
  }
}

BOOST_AUTO_TEST_CASE(random_interval_stays_within_bounds) {
  constexpr std::uint64_t k32 = std::uint64_t{1} << 32;
  const std::vector<std::uint64_t> maxima = {
      1, 2, 3, 5, 7, 8, 100, 1000, (1u << 31) - 1, 1u << 31, k32 - 2, k32 - 1, k32, k32 + 1,
      3 * k32 + 7, (std::uint64_t{1} << 40) + 3, (std::uint64_t{1} << 53) - 1,
      (std::uint64_t{1} << 63) + 1, std::numeric_limits<std::uint64_t>::max() - 1,
      std::numeric_limits<std::uint64_t>::max()};
  NumpyRandomState random(2024);
  for (std::uint64_t max : maxima) {
    BOOST_TEST_CONTEXT("max " << max) {
      std::set<std::uint64_t> seen;
      bool above_32_bits = false;
      for (int i = 0; i < 2000; ++i) {
        const std::uint64_t value = random.random_interval(max);
        BOOST_TEST_REQUIRE(value <= max);
        if (max < 16) seen.insert(value);
        above_32_bits = above_32_bits || value >= k32;
      }
      // Small ranges: every value is reachable (2000 draws miss one with p ~ 0).
      if (max < 16) BOOST_TEST(seen.size() == max + 1);
      // Ranges beyond 32 bits must use the high word, not just one 32-bit draw.
      if (max >= 2 * k32) BOOST_TEST(above_32_bits);
    }
  }
}

BOOST_AUTO_TEST_CASE(shuffle_of_one_or_zero_elements_draws_nothing) {
  // numpy's shuffle loop runs from n-1 down to 1, so n <= 1 consumes no randomness.
  for (const RngLine& line : rng_lines("random_sample")) {
    NumpyRandomState random(line.seed);
    std::vector<int> empty, single{42};
    random.shuffle(std::span<int>(empty));
    random.shuffle(std::span<int>(single));
    BOOST_TEST(single[0] == 42);
    check_doubles(line, [&](std::size_t) { return random.random_sample(); });
  }
}

BOOST_AUTO_TEST_SUITE_END()

// The float products (kernels/vector_math_float.hpp: combine, accumulate,
// dots):
// at every width this CPU supports, every element equals the documented sum
// written as plain float code, bit for bit, for every short dimension, row
// counts around the float vector lengths (4, 8, 16: tails included), strided
// leading dimensions, a one-row result stored contiguously, and m = 0; and
// dots in their 16 partial sums, added pairwise, at lengths around 16 and
// the 128-column blocks.
#include <boost/test/unit_test.hpp>

#include <random>
#include <vector>

#include "kernels/vector_math.hpp"
#include "kernels/vector_math_float.hpp"
#include "lane_checks.hpp"
#include "reference_products.hpp"

namespace k = nnsweep::kernels;
using nnsweep::testing::reference_accumulate;
using nnsweep::testing::reference_combine;
using nnsweep::testing::RestoreWidth;
using nnsweep::testing::same_bits;
using Index = std::ptrdiff_t;

namespace {

std::vector<float> random_floats(Index n, std::mt19937_64& generator) {
  const auto values = nnsweep::testing::random_values(static_cast<std::size_t>(n), generator);
  return {values.begin(), values.end()};
}

// dots(): term i into partial sum i mod 16, the 16 added pairwise.
std::vector<float> reference_dots(const std::vector<float>& x, const std::vector<float>& S,
                                  Index k_step, Index i_step, Index short_dim, Index m) {
  std::vector<float> out(static_cast<std::size_t>(short_dim));
  for (Index s = 0; s < short_dim; ++s) {
    volatile float partial[16] = {};
    for (Index i = 0; i < m; ++i) {
      volatile float product = x[i] * S[s * k_step + i * i_step];
      partial[i % 16] = partial[i % 16] + product;
    }
    volatile float level[16];
    for (int i = 0; i < 16; ++i) level[i] = partial[i];
    for (int width = 16; width > 1; width /= 2) {
      for (int i = 0; i < width / 2; ++i) level[i] = level[2 * i] + level[2 * i + 1];
    }
    out[static_cast<std::size_t>(s)] = level[0];
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(float_dense_kernels)

BOOST_AUTO_TEST_CASE(every_width_gives_the_documented_dots) {
  RestoreWidth restore;
  std::mt19937_64 generator(20261203);
  for (k::Width width : k::supported_widths()) {
    k::use_width(width);
    for (Index short_dim = 1; short_dim <= 8; ++short_dim) {
      // Around the 16 partial sums and the 128-column blocks.
      for (Index m : {0, 1, 5, 15, 16, 17, 31, 127, 128, 129, 200, 300}) {
        BOOST_TEST_CONTEXT(k::width_name(width) << " short " << short_dim << " m " << m) {
          const Index columns = std::max<Index>(m, 1);
          const auto x = random_floats(columns, generator);
          const auto S = random_floats((short_dim + 1) * columns, generator);
          // S by columns (with a gap after each), and by rows.
          for (bool by_rows : {false, true}) {
            const Index k_step = by_rows ? columns : 1, i_step = by_rows ? 1 : short_dim + 1;
            std::vector<float> out(static_cast<std::size_t>(short_dim), -7.0f);
            k::dots(x.data(), S.data(), k_step, i_step, short_dim, m, out.data());
            BOOST_TEST(same_bits(out, reference_dots(x, S, k_step, i_step, short_dim, m)),
                       (by_rows ? "by rows" : "by columns"));
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_width_gives_the_documented_float_sums) {
  RestoreWidth restore;
  std::mt19937_64 generator(20261202);
  for (k::Width width : k::supported_widths()) {
    k::use_width(width);
    for (Index short_dim = 1; short_dim <= 8; ++short_dim) {
      for (Index rows : {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 50, 67}) {
        for (Index m : {0, 1, 5, 37, 130}) {
          for (Index gap : {0, 3}) {
            BOOST_TEST_CONTEXT(k::width_name(width) << " short " << short_dim << " rows " << rows
                                                    << " m " << m << " gap " << gap) {
              const Index ld_long = rows + gap, ld_short = short_dim + (gap ? 1 : 0);
              const Index columns = std::max<Index>(m, 1);
              const auto M = random_floats(ld_long * short_dim, generator);
              const auto S = random_floats(ld_short * columns, generator);
              const auto bias = random_floats(rows, generator);
              for (const float* b : {bias.data(), static_cast<const float*>(nullptr)}) {
                // Columns of S (k_step 1), and S stored transposed (i_step 1).
                for (bool transposed : {false, true}) {
                  const Index k_step = transposed ? columns : 1;
                  const Index i_step = transposed ? 1 : ld_short;
                  std::vector<float> out(std::size_t(ld_long * m), -7.0f);
                  k::combine(M.data(), ld_long, S.data(), k_step, i_step, b, out.data(), ld_long,
                             rows, short_dim, m);
                  BOOST_TEST(same_bits(out, reference_combine(M, ld_long, S, k_step, i_step, b,
                                                              ld_long, rows, short_dim, m)),
                             (b ? "combine with bias" : "combine")
                                 << (transposed ? ", S by rows" : ""));
                }
              }
              const auto L = random_floats(ld_long * columns, generator);
              std::vector<float> sums(std::size_t(ld_long * short_dim), -7.0f);
              k::accumulate(L.data(), ld_long, S.data(), ld_short, sums.data(), ld_long, rows,
                            short_dim, m);
              BOOST_TEST(same_bits(sums, reference_accumulate(L, ld_long, S, ld_short, ld_long,
                                                              rows, short_dim, m)),
                         "accumulate");
            }
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

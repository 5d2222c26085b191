// kernels::column_dots, the forward product of a one-unit layer with many
// inputs: at every width this CPU supports, each column's dot equals the
// documented order (eight partial sums, term k into sum k mod 8, a short last
// block adding +0, then the fixed tree) written as plain scalar code, bit for
// bit, for input counts around the block of eight and column counts around
// the four columns done at once, with strided columns.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/dense_kernels.hpp"
#include "lane_checks.hpp"

namespace k = nnsweep::kernels;
using nnsweep::testing::random_values;
using nnsweep::testing::RestoreWidth;
using nnsweep::testing::same_bits;
using Index = std::ptrdiff_t;

namespace {

std::vector<double> documented_dots(const std::vector<double>& w, const std::vector<double>& A,
                                    Index ld_a, Index n, Index m) {
  std::vector<double> out(static_cast<std::size_t>(m));
  for (Index i = 0; i < m; ++i) {
    volatile double sums[8];
    for (Index block = 0; block < n; block += 8) {
      for (Index j = 0; j < 8; ++j) {
        const Index at = block + j;
        const double product = at < n ? w[std::size_t(at)] * A[std::size_t(i * ld_a + at)] : 0.0;
        sums[j] = block == 0 ? product : sums[j] + product;
      }
    }
    out[std::size_t(i)] =
        ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]));
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(column_dots)

BOOST_AUTO_TEST_CASE(every_width_gives_the_documented_sums) {
  RestoreWidth restore;
  std::mt19937_64 generator(501);
  const auto values = [&](std::size_t count) { return random_values(count, generator); };
  for (k::Width width : k::supported_widths()) {
    k::use_width(width);
    for (Index n : {1, 7, 8, 9, 15, 16, 17, 50, 129}) {
      for (Index m : {0, 1, 3, 4, 5, 9, 200}) {
        BOOST_TEST_CONTEXT(k::width_name(width) << " n " << n << " m " << m) {
          const Index ld_a = n + 3;
          const auto w = values(std::size_t(n));
          const auto A = values(std::size_t(ld_a * std::max<Index>(m, 1)));
          std::vector<double> out(std::size_t(m), -7.0);
          k::column_dots(w.data(), A.data(), ld_a, n, m, out.data());
          BOOST_TEST(same_bits(out, documented_dots(w, A, ld_a, n, m)));
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

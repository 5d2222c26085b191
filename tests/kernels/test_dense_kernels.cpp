// The narrow dense products (kernels/dense_kernels.hpp): at every width this
// CPU supports, every element equals the documented sum written as plain
// scalar code, bit for bit, for every short dimension, row counts around the
// vector lengths (tails included), strided leading dimensions and m = 0; and
// combine through an activation's derivative equals combine, then the
// derivative; the dots and the row sums equal numpy's pairwise sums (util/numpy_sum.hpp) at
// every length around numpy's 8-lane and 128-element blocks.
#include <boost/test/unit_test.hpp>

#include <random>
#include <vector>

#include "kernels/dense_kernels.hpp"
#include "kernels/vector_math.hpp"
#include "lane_checks.hpp"
#include "reference_products.hpp"
#include "util/numpy_sum.hpp"

namespace k = nnsweep::kernels;
using nnsweep::testing::random_values;
using nnsweep::testing::reference_accumulate;
using nnsweep::testing::reference_combine;
using nnsweep::testing::RestoreWidth;
using nnsweep::testing::same_bits;
using Index = std::ptrdiff_t;

BOOST_AUTO_TEST_SUITE(dense_kernels)

BOOST_AUTO_TEST_CASE(every_width_gives_the_documented_sums) {
  RestoreWidth restore;
  std::mt19937_64 generator(20261201);
  for (k::Width width : k::supported_widths()) {
    k::use_width(width);
    for (Index short_dim = 1; short_dim <= 8; ++short_dim) {
      for (Index rows : {1, 2, 3, 7, 8, 9, 15, 17, 31, 33, 50}) {
        for (Index m : {0, 1, 5, 37}) {
          // Dense and strided leading dimensions: a one-row result stored
          // contiguously, and contiguous S, take other paths.
          for (Index gap : {0, 3}) {
            BOOST_TEST_CONTEXT(k::width_name(width) << " short " << short_dim << " rows " << rows
                                                    << " m " << m << " gap " << gap) {
              const Index ld_long = rows + gap, ld_short = short_dim + (gap ? 1 : 0);
              const auto M = random_values(std::size_t(ld_long * short_dim), generator);
              const auto S =
                  random_values(std::size_t(ld_short * std::max<Index>(m, 1)), generator);
              const auto bias = random_values(std::size_t(rows), generator);
              for (const double* b : {bias.data(), static_cast<const double*>(nullptr)}) {
                std::vector<double> out(std::size_t(ld_long * m), -7.0);
                k::combine(M.data(), ld_long, k::ShortOperand::columns(S.data(), ld_short), b,
                           out.data(), ld_long, rows, short_dim, m);
                BOOST_TEST(same_bits(out, reference_combine(M, ld_long, S, 1, ld_short, b, ld_long,
                                                            rows, short_dim, m)),
                           (b ? "combine with bias" : "combine"));
              }
              const auto L = random_values(std::size_t(ld_long * std::max<Index>(m, 1)), generator);
              std::vector<double> sums(std::size_t(ld_long * short_dim), -7.0);
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

// combine_derivative: combine() without bias, then tanh's or sigmoid's
// derivative from A as the seed post writes it, element by element.
BOOST_AUTO_TEST_CASE(combine_through_a_derivative_is_combine_then_the_derivative_at_every_width) {
  RestoreWidth restore;
  std::mt19937_64 generator(1201);
  std::uniform_real_distribution<double> activation(-1.0, 1.0);
  for (k::Width width : k::supported_widths()) {
    k::use_width(width);
    for (Index short_dim : {1, 2, 5, 8}) {
      for (Index rows : {1, 3, 8, 9, 33, 50}) {
        for (Index m : {0, 1, 37, 200}) {
          for (Index gap : {0, 3}) {
            BOOST_TEST_CONTEXT(k::width_name(width) << " short " << short_dim << " rows " << rows
                                                    << " m " << m << " gap " << gap) {
              const Index ld_long = rows + gap, ld_short = short_dim + (gap ? 1 : 0);
              const auto M = random_values(std::size_t(ld_long * short_dim), generator);
              const auto S =
                  random_values(std::size_t(ld_short * std::max<Index>(m, 1)), generator);
              std::vector<double> A(std::size_t(ld_long * m));
              for (double& a : A) a = activation(generator);
              const auto dA = reference_combine(M, ld_long, S, 1, ld_short, nullptr, ld_long, rows,
                                                short_dim, m);
              for (auto form : {k::Derivative::one_minus_square, k::Derivative::logistic}) {
                std::vector<double> expected(dA.size(), -7.0);
                for (Index i = 0; i < m; ++i) {
                  for (Index r = 0; r < rows; ++r) {
                    const std::size_t at = std::size_t(i * ld_long + r);
                    volatile double a = A[at], one_minus = 1.0 - a * a, logistic = a * (1.0 - a);
                    expected[at] = dA[at] * (form == k::Derivative::one_minus_square
                                                 ? static_cast<double>(one_minus)
                                                 : static_cast<double>(logistic));
                  }
                }
                std::vector<double> out(dA.size(), -7.0);
                k::combine_derivative(form, M.data(), ld_long,
                                      k::ShortOperand::columns(S.data(), ld_short), A.data(),
                                      ld_long, out.data(), ld_long, rows, short_dim, m);
                BOOST_TEST(same_bits(out, expected),
                           (form == k::Derivative::logistic ? "logistic" : "one minus square"));
                if (short_dim > k::kMaxGradientShort) continue;
                // With the weight gradient: accumulate(A, S)'s sums as well.
                std::vector<double> both(dA.size(), -7.0),
                    gradient(std::size_t(ld_long * short_dim));
                k::combine_derivative_gradient(
                    form, M.data(), ld_long, k::ShortOperand::columns(S.data(), ld_short), A.data(),
                    ld_long, both.data(), ld_long, gradient.data(), ld_long, rows, short_dim, m);
                BOOST_TEST(same_bits(both, expected), "with the gradient");
                auto sums =
                    reference_accumulate(A, ld_long, S, ld_short, ld_long, rows, short_dim, m);
                // Only the rows written: the gap's values are the reference's filler.
                for (Index c = 0; c < short_dim; ++c) {
                  for (Index r = rows; r < ld_long; ++r) {
                    sums[std::size_t(c * ld_long + r)] = gradient[std::size_t(c * ld_long + r)] =
                        0.0;
                  }
                }
                BOOST_TEST(same_bits(gradient, sums), "the gradient");
              }
            }
          }
        }
      }
    }
  }
}

// S read by rows (ShortOperand::rows: S stored transposed) gives the same bits
// as S read by columns, for combine, combine_derivative and numpy_dot.
BOOST_AUTO_TEST_CASE(the_short_operand_by_rows_gives_the_same_bits_as_by_columns) {
  RestoreWidth restore;
  std::mt19937_64 generator(7);
  for (k::Width width : k::supported_widths()) {
    k::use_width(width);
    for (Index short_dim : {1, 2, 3, 8}) {
      for (Index rows : {1, 5, 17}) {
        for (Index m : {0, 3, 130, 200}) {
          BOOST_TEST_CONTEXT(k::width_name(width)
                             << " short " << short_dim << " rows " << rows << " m " << m) {
            const Index ld_t = m + 2;  // a gap after each of S's rows
            const auto M = random_values(std::size_t(rows * short_dim), generator);
            const auto S = random_values(std::size_t(short_dim * std::max<Index>(m, 1)), generator);
            std::vector<double> St(std::size_t(ld_t * short_dim), 99.0);
            for (Index i = 0; i < m; ++i) {
              for (Index c = 0; c < short_dim; ++c) St[c * ld_t + i] = S[i * short_dim + c];
            }
            const auto by_columns = k::ShortOperand::columns(S.data(), short_dim);
            const auto by_rows = k::ShortOperand::rows(St.data(), ld_t);
            const auto bias = random_values(std::size_t(rows), generator);
            std::vector<double> A(std::size_t(rows * m), 0.25), a(A.size()), b(A.size());
            k::combine(M.data(), rows, by_columns, bias.data(), a.data(), rows, rows, short_dim, m);
            k::combine(M.data(), rows, by_rows, bias.data(), b.data(), rows, rows, short_dim, m);
            BOOST_TEST(same_bits(a, b), "combine");
            k::combine_derivative(k::Derivative::logistic, M.data(), rows, by_columns, A.data(),
                                  rows, a.data(), rows, rows, short_dim, m);
            k::combine_derivative(k::Derivative::logistic, M.data(), rows, by_rows, A.data(), rows,
                                  b.data(), rows, rows, short_dim, m);
            BOOST_TEST(same_bits(a, b), "combine_derivative");
            const auto x = random_values(std::size_t(std::max<Index>(m, 1)), generator);
            std::vector<double> dots_a(static_cast<std::size_t>(short_dim)), dots_b(dots_a.size());
            k::numpy_dot(x.data(), by_columns, short_dim, m, dots_a.data());
            k::numpy_dot(x.data(), by_rows, short_dim, m, dots_b.data());
            BOOST_TEST(same_bits(dots_a, dots_b), "numpy_dot");
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(dots_equal_numpys_pairwise_sum_of_the_products_at_every_width) {
  RestoreWidth restore;
  std::mt19937_64 generator(11);
  for (k::Width width : k::supported_widths()) {
    k::use_width(width);
    for (Index short_dim : {1, 2, 3, 8}) {
      for (Index gap : {0, 1}) {
        const Index ld = short_dim + gap;
        for (Index m : {0, 1, 7, 8, 9, 15, 16, 17, 127, 128, 129, 200, 257, 1000}) {
          const auto x = random_values(std::size_t(std::max<Index>(m, 1)), generator);
          const auto S = random_values(std::size_t(ld * std::max<Index>(m, 1)), generator);
          std::vector<double> out(std::size_t(short_dim) + 1, -7.0);
          k::numpy_dot(x.data(), k::ShortOperand::columns(S.data(), ld), short_dim, m, out.data());
          std::vector<double> expected(out.size(), -7.0);
          for (Index s = 0; s < short_dim; ++s) {
            expected[std::size_t(s)] = nnsweep::numpy_pairwise_sum(
                [&](std::size_t i) { return x[i] * S[i * std::size_t(ld) + std::size_t(s)]; },
                std::size_t(m));
          }
          BOOST_TEST(same_bits(out, expected),
                     k::width_name(width) << " short " << short_dim << " ld " << ld << " m " << m);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(row_sums_equal_each_rows_pairwise_sum_at_every_width) {
  RestoreWidth restore;
  std::vector<Index> lengths;
  for (Index n = 0; n <= 300; ++n) lengths.push_back(n);
  for (Index n : {511, 512, 513, 1000, 1024, 4097, 10000}) lengths.push_back(n);
  std::mt19937_64 generator(7);
  for (k::Width width : k::supported_widths()) {
    k::use_width(width);
    for (Index rows : {1, 3, 9, 50}) {
      const Index ld = rows + 2;
      for (Index n : lengths) {
        const auto M = random_values(std::size_t(ld * std::max<Index>(n, 1)), generator);
        std::vector<double> out(std::size_t(rows) + 1, -7.0);
        k::numpy_row_sums(M.data(), ld, rows, n, out.data());
        std::vector<double> expected(out.size(), -7.0);
        for (Index r = 0; r < rows; ++r) {
          expected[std::size_t(r)] = nnsweep::numpy_pairwise_sum(
              [&](std::size_t i) { return M[i * std::size_t(ld) + std::size_t(r)]; },
              std::size_t(n));
        }
        BOOST_TEST(same_bits(out, expected), k::width_name(width)
                                                 << " rows " << rows << " n " << n);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

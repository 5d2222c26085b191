// Every registered activation, in double and in float, on blocks as the
// trainer and the contract (registry/activation.hpp) hand them over: the same
// bits at every SIMD width; blocks longer than the element-wise activations'
// chunks (plugins/activations/elementwise.hpp) and strided blocks of larger
// matrices give the values of one contiguous call, and write nothing outside;
// dZ may alias dA.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>

#include "builtin_registries.hpp"
#include "kernels/vector_math.hpp"

namespace nnsweep {
namespace {

template <class S>
using MatrixOf = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

const Registries& registries() {
  return builtin_registries();
}

std::unique_ptr<Activation> make(const std::string& name) {
  const PluginDescription* description = registries().activations.describe(name);
  return registries().activations.create(name, default_params(description->params));
}

// rows x cols values of mixed magnitudes, both signs, and the special points
// of the fixtures; upstream gradients of both signs.
template <class S>
MatrixOf<S> sample(Eigen::Index rows, Eigen::Index cols, double scale = 1.0) {
  MatrixOf<S> values(rows, cols);
  const double specials[] = {0.0, -0.0, 1e-30, -1e-30, 3.0, -3.0, 50.0, -50.0, 800.0, -800.0};
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    const double x = std::sin(0.61 * static_cast<double>(i) + 0.2);
    values(i) = static_cast<S>(i % 37 < 10 ? specials[i % 37] : scale * x * (i % 7 == 0 ? 40 : 4));
  }
  return values;
}
template <class S>
MatrixOf<S> upstream(Eigen::Index rows, Eigen::Index cols) {
  MatrixOf<S> values(rows, cols);
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    values(i) = static_cast<S>(std::cos(1.3 * static_cast<double>(i)));
  }
  return values;
}

void run(const Activation& g, const MatrixOf<double>& Z, Eigen::Ref<MatrixOf<double>> A,
         const MatrixOf<double>& dA, Eigen::Ref<MatrixOf<double>> dZ) {
  g.forward(Z, A);
  g.backward(Z, A, dA, dZ);
}
void run(const Activation& g, const MatrixOf<float>& Z, Eigen::Ref<MatrixOf<float>> A,
         const MatrixOf<float>& dA, Eigen::Ref<MatrixOf<float>> dZ) {
  g.forward_float(Z, A);
  g.backward_float(Z, A, dA, dZ);
}
template <class S>
void backward_only(const Activation& g, const MatrixOf<S>& Z, const MatrixOf<S>& A,
                   Eigen::Ref<MatrixOf<S>> dA, Eigen::Ref<MatrixOf<S>> dZ) {
  if constexpr (std::is_same_v<S, double>) {
    g.backward(Z, A, dA, dZ);
  } else {
    g.backward_float(Z, A, dA, dZ);
  }
}

// Equal bits, except that any NaN equals any NaN (a NaN's payload is not a
// result anyone reads).
template <class S>
bool same(const MatrixOf<S>& a, const MatrixOf<S>& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    if (std::isnan(a(i)) && std::isnan(b(i))) continue;
    if (std::memcmp(&a(i), &b(i), sizeof(S)) != 0) return false;
  }
  return true;
}

struct RestoreWidth {
  kernels::Width saved = kernels::active_width();
  ~RestoreWidth() { kernels::use_width(saved); }
};

template <class S>
void check_every_width(const std::string& name) {
  RestoreWidth restore;
  const auto g = make(name);
  // 1001 values: vector bodies, every width's tail, and several chunks.
  const Eigen::Index rows = registries().activations.describe(name)->traits.elementwise ? 1001 : 7;
  const Eigen::Index cols = rows == 1001 ? 1 : 143;
  const MatrixOf<S> Z = sample<S>(rows, cols, 0.25), dA = upstream<S>(rows, cols);
  MatrixOf<S> A0(rows, cols), dZ0(rows, cols);
  kernels::use_width(kernels::Width::scalar);
  run(*g, Z, A0, dA, dZ0);
  for (kernels::Width width : kernels::supported_widths()) {
    kernels::use_width(width);
    MatrixOf<S> A(rows, cols), dZ(rows, cols);
    run(*g, Z, A, dA, dZ);
    BOOST_TEST_CONTEXT(name << (sizeof(S) == 4 ? " float" : " double") << " at "
                            << kernels::width_name(width)) {
      BOOST_TEST(same<S>(A, A0));
      BOOST_TEST(same<S>(dZ, dZ0));
    }
  }
}

template <class S>
void check_blocks(const std::string& name) {
  const auto g = make(name);
  // 300 rows: a column longer than a chunk of 256, with a tail.
  const Eigen::Index rows = 300, cols = 3;
  const MatrixOf<S> Z = sample<S>(rows, cols), dA = upstream<S>(rows, cols);
  MatrixOf<S> A(rows, cols), dZ(rows, cols);
  run(*g, Z, A, dA, dZ);
  BOOST_TEST_CONTEXT(name << (sizeof(S) == 4 ? " float" : " double")) {
    // dZ in dA's own storage.
    MatrixOf<S> in_place = dA;
    backward_only<S>(*g, Z, A, in_place, in_place);
    BOOST_TEST(same<S>(in_place, dZ));
    // Blocks of larger matrices, with an outer stride: only their own entries.
    const S mark = S(42);
    MatrixOf<S> big_z = MatrixOf<S>::Constant(rows + 2, cols + 2, mark);
    MatrixOf<S> big_da = big_z, big_a = big_z, big_dz = big_z;
    big_z.block(1, 1, rows, cols) = Z;
    big_da.block(1, 1, rows, cols) = dA;
    if constexpr (std::is_same_v<S, double>) {
      g->forward(big_z.block(1, 1, rows, cols), big_a.block(1, 1, rows, cols));
      g->backward(big_z.block(1, 1, rows, cols), big_a.block(1, 1, rows, cols),
                  big_da.block(1, 1, rows, cols), big_dz.block(1, 1, rows, cols));
    } else {
      g->forward_float(big_z.block(1, 1, rows, cols), big_a.block(1, 1, rows, cols));
      g->backward_float(big_z.block(1, 1, rows, cols), big_a.block(1, 1, rows, cols),
                        big_da.block(1, 1, rows, cols), big_dz.block(1, 1, rows, cols));
    }
    BOOST_TEST(same<S>(big_a.block(1, 1, rows, cols), A));
    BOOST_TEST(same<S>(big_dz.block(1, 1, rows, cols), dZ));
    for (const MatrixOf<S>* big : {&big_a, &big_dz}) {
      BOOST_TEST((big->row(0).array() == mark).all());
      BOOST_TEST((big->row(rows + 1).array() == mark).all());
      BOOST_TEST((big->col(0).array() == mark).all());
      BOOST_TEST((big->col(cols + 1).array() == mark).all());
    }
    // The leading columns of a wider matrix: contiguous, but not all of it.
    MatrixOf<S> wide_a = MatrixOf<S>::Constant(rows, cols + 2, mark);
    MatrixOf<S> wide_z(rows, cols + 2);
    wide_z.leftCols(cols) = Z;
    wide_z.rightCols(2).setConstant(S(1));
    if constexpr (std::is_same_v<S, double>) {
      g->forward(wide_z.leftCols(cols), wide_a.leftCols(cols));
    } else {
      g->forward_float(wide_z.leftCols(cols), wide_a.leftCols(cols));
    }
    BOOST_TEST(same<S>(wide_a.leftCols(cols), A));
    BOOST_TEST((wide_a.rightCols(2).array() == mark).all());
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(activation_blocks)

BOOST_AUTO_TEST_CASE(every_activation_gives_the_same_bits_at_every_width) {
  BOOST_TEST_REQUIRE(kernels::supported_widths().size() >= 2u, "at least scalar and sse2");
  for (const std::string& name : registries().activations.names()) {
    check_every_width<double>(name);
    check_every_width<float>(name);
  }
}

BOOST_AUTO_TEST_CASE(every_activation_keeps_to_its_blocks_and_may_work_in_place) {
  for (const std::string& name : registries().activations.names()) {
    check_blocks<double>(name);
    check_blocks<float>(name);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace nnsweep

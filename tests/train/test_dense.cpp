// The dense layer's products (train/dense.hpp) equal Eigen's up to rounding
// in every shape class: few inputs, few outputs, and neither; and they sum in
// a fixed order, so the same inputs always give the same bits.
#include <boost/test/unit_test.hpp>

#include "train/dense.hpp"

namespace {

struct Shape {
  Eigen::Index inputs, outputs, m;
};
// Column loops down the outputs, down the inputs, and Eigen's products; one-unit layers.
const Shape kShapes[] = {{2, 50, 200},  {2, 8, 31}, {1, 1, 200}, {50, 1, 200}, {20, 3, 64},
                         {64, 64, 100}, {4, 4, 7},  {2, 20, 1},  {9, 9, 33}};

bool close(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return (a - b).cwiseAbs().maxCoeff() <= 1e-13 * std::max(1.0, b.cwiseAbs().maxCoeff());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dense)

BOOST_AUTO_TEST_CASE(products_equal_eigen_in_every_shape) {
  for (const Shape& s : kShapes) {
    BOOST_TEST_CONTEXT(s.inputs << " inputs, " << s.outputs << " outputs, " << s.m << " examples") {
      const Eigen::MatrixXd W = Eigen::MatrixXd::Random(s.outputs, s.inputs);
      const Eigen::MatrixXd b = Eigen::MatrixXd::Random(s.outputs, 1);
      const Eigen::MatrixXd X = Eigen::MatrixXd::Random(s.inputs, s.m);
      const Eigen::MatrixXd dZ = Eigen::MatrixXd::Random(s.outputs, s.m);
      Eigen::VectorXd scratch(s.inputs * s.outputs);

      Eigen::MatrixXd Z(s.outputs, s.m);
      nnsweep::dense_forward(W, b, X, nnsweep::MatrixMap(Z.data(), Z.rows(), Z.cols()));
      BOOST_TEST(close(Z, (W * X).colwise() + b.col(0)));

      Eigen::MatrixXd G(s.outputs, s.inputs);
      nnsweep::weight_gradient(dZ, X, nnsweep::MatrixMap(G.data(), G.rows(), G.cols()), scratch);
      BOOST_TEST(close(G, dZ * X.transpose()));

      Eigen::MatrixXd dA(s.inputs, s.m), again(s.inputs, s.m);
      nnsweep::input_gradient(W, dZ, nnsweep::MatrixMap(dA.data(), dA.rows(), dA.cols()), scratch);
      BOOST_TEST(close(dA, W.transpose() * dZ));
      nnsweep::input_gradient(W, dZ, nnsweep::MatrixMap(again.data(), again.rows(), again.cols()),
                              scratch);
      BOOST_TEST((again.array() == dA.array()).all());
    }
  }
}

BOOST_AUTO_TEST_CASE(the_inner_sum_runs_in_order) {
  // Few inputs: each output is b + w0 x0 + w1 x1, added left to right, which
  // a reordering would change for these values.
  Eigen::MatrixXd W(8, 2), b(8, 1), X(2, 1), Z(8, 1);
  W.setConstant(1.0);
  b.setConstant(1e16);
  X << 1.0, 1.0;
  nnsweep::dense_forward(W, b, X, nnsweep::MatrixMap(Z.data(), 8, 1));
  // (1e16 + 1) + 1 rounds to 1e16 twice; 1e16 + (1 + 1) would be 1e16 + 2.
  BOOST_TEST((Z.array() == 1e16).all());
}

BOOST_AUTO_TEST_SUITE_END()

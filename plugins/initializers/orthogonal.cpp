// Saxe et al. (2014), as torch.nn.init.orthogonal_: each layer's weights are
// gain * Q, where randn(fan_out, fan_in) (or its transpose, when fan_out <
// fan_in, so that it has at least as many rows as columns) = Q R, Q with
// orthonormal columns, made unique by multiplying each column of Q by the sign
// of R's diagonal entry, as numpy users write it:
//   q, r = np.linalg.qr(flat); q *= np.sign(np.diag(r))
// Layers are drawn in order from one numpy stream. Eigen's Householder QR and
// LAPACK's agree to rounding (about 1e-15), not bit for bit.
#include <Eigen/QR>

#include "initializers/draw_support.hpp"

namespace nnsweep::initializers {
namespace {

class Orthogonal final : public Initializer {
 public:
  explicit Orthogonal(const Params& params) : params_(params), gain_(params.real("gain")) {}

  void initialize(LayerWeights& weights, LayerWeights& biases) const override {
    NumpyRandomState random(seed_of(params_));
    for (auto& weight : weights) {
      Eigen::MatrixXd drawn(weight.rows(), weight.cols());
      for (Eigen::Index row = 0; row < drawn.rows(); ++row) {
        for (Eigen::Index col = 0; col < drawn.cols(); ++col)
          drawn(row, col) = random.standard_normal();
      }
      const bool wide = drawn.rows() < drawn.cols();
      if (wide) drawn.transposeInPlace();
      const Eigen::HouseholderQR<Eigen::MatrixXd> qr(drawn);
      Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(drawn.rows(), drawn.cols());
      for (Eigen::Index k = 0; k < q.cols(); ++k) {
        const double diagonal = qr.matrixQR()(k, k);
        q.col(k) *= static_cast<double>((diagonal > 0.0) - (diagonal < 0.0));  // np.sign
      }
      if (wide) {
        weight = gain_ * q.transpose();
      } else {
        weight = gain_ * q;
      }
    }
    fill_biases(biases, params_);
  }

 private:
  Params params_;
  double gain_;
};

}  // namespace

void register_orthogonal(Registries& registries) {
  registries.initializers.add(
      {"orthogonal",
       "Saxe: gain * Q of the QR of a randn matrix, signs fixed by R, layer by layer",
       {gain_param(), seed_param(0, "numpy seed, as np.random.seed(seed) before the first layer")}},
      [](const Params& params) { return std::make_unique<Orthogonal>(params); });
}

}  // namespace nnsweep::initializers

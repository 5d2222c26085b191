#include "initializers/draw_support.hpp"

namespace nnsweep {

void fill_biases(LayerWeights& biases, const Params& params) {
  const double value = params.real("bias");
  for (auto& bias : biases) bias.setConstant(value);
}

std::uint32_t seed_of(const Params& params) {
  return static_cast<std::uint32_t>(params.integer("seed"));
}

FanScaled::FanScaled(const Params& params, const char* gain_param, Distribution distribution,
                     Spread spread)
    : params_(params),
      gain_(params.real(gain_param)),
      distribution_(distribution),
      spread_(spread) {}

void FanScaled::initialize(LayerWeights& weights, LayerWeights& biases) const {
  NumpyRandomState random(seed_of(params_));
  for (auto& weight : weights) {
    const double s = spread_(gain_, weight.cols(), weight.rows());
    for (Eigen::Index row = 0; row < weight.rows(); ++row) {
      for (Eigen::Index col = 0; col < weight.cols(); ++col) {
        weight(row, col) = distribution_ == Distribution::normal ? random.standard_normal() * s
                                                                 : random.uniform(-s, s);
      }
    }
  }
  fill_biases(biases, params_);
}

ParamSpec gain_param(double default_value) {
  return real_param("gain", default_value, 0.0, 1e6, "multiplies the formula's spread");
}

}  // namespace nnsweep

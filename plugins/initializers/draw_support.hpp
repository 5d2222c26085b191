#pragma once
// What the built-in initializers share: one numpy stream seeded once, layers
// filled in order, biases set to the shared `bias` parameter.
//
// A FanScaled initializer draws each layer's weights (fan_out x fan_in) in C
// order, row by row, as numpy fills an array:
//  - normal:  randn(fan_out, fan_in) * s
//  - uniform: np.random.uniform(-s, s, size=(fan_out, fan_in))
// where s = spread(gain, fan_in, fan_out) and `gain` is the value of the
// plugin's parameter named by gain_param (a scale, a limit or a gain).
#include <cstdint>
#include <vector>

#include "builtin.hpp"
#include "random/numpy_random.hpp"

namespace nnsweep {

using LayerWeights = std::vector<Eigen::Map<Eigen::MatrixXd>>;

// Sets every bias to the shared parameter `bias` (registry/initializer.hpp).
void fill_biases(LayerWeights& biases, const Params& params);

// The seed parameter as numpy's RandomState takes it.
std::uint32_t seed_of(const Params& params);

class FanScaled final : public Initializer {
 public:
  enum class Distribution { normal, uniform };
  using Spread = double (*)(double gain, Eigen::Index fan_in, Eigen::Index fan_out);

  FanScaled(const Params& params, const char* gain_param, Distribution distribution, Spread spread);
  void initialize(LayerWeights& weights, LayerWeights& biases) const override;

 private:
  Params params_;
  double gain_;
  Distribution distribution_;
  Spread spread_;
};

// The `gain` parameter of the initializers that scale a formula.
ParamSpec gain_param(double default_value = 1.0);

}  // namespace nnsweep

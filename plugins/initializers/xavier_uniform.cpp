// Glorot & Bengio (2010), as torch.nn.init.xavier_uniform_: uniform on
// [-limit, limit) with limit = gain * sqrt(6 / (fan_in + fan_out)), layer by layer
// from one numpy stream.
#include <cmath>

#include "initializers/draw_support.hpp"

namespace nnsweep::initializers {

void register_xavier_uniform(Registries& registries) {
  registries.initializers.add(
      {"xavier_uniform",
       "Glorot: uniform on [-l, l), l = gain * sqrt(6 / (fan_in + fan_out))",
       {gain_param(), seed_param(0, "numpy seed, as np.random.seed(seed) before the first layer")}},
      [](const Params& params) {
        return std::make_unique<FanScaled>(
            params, "gain", FanScaled::Distribution::uniform,
            [](double gain, Eigen::Index fan_in, Eigen::Index fan_out) {
              return gain * std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
            });
      });
}

}  // namespace nnsweep::initializers

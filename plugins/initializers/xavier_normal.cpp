// Glorot & Bengio (2010), as torch.nn.init.xavier_normal_: randn(fan_out, fan_in)
// * gain * sqrt(2 / (fan_in + fan_out)), layer by layer from one numpy stream.
// (Keras's glorot_normal truncates its normal; this one does not.)
#include <cmath>

#include "initializers/draw_support.hpp"

namespace nnsweep::initializers {

void register_xavier_normal(Registries& registries) {
  registries.initializers.add(
      {"xavier_normal",
       "Glorot: randn * gain * sqrt(2 / (fan_in + fan_out)), layer by layer",
       {gain_param(), seed_param(0, "numpy seed, as np.random.seed(seed) before the first layer")}},
      [](const Params& params) {
        return std::make_unique<FanScaled>(
            params, "gain", FanScaled::Distribution::normal,
            [](double gain, Eigen::Index fan_in, Eigen::Index fan_out) {
              return gain * std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
            });
      });
}

}  // namespace nnsweep::initializers

// LeCun et al. (1998), the initializer SELU networks assume:
// randn(fan_out, fan_in) * gain * sqrt(1 / fan_in), layer by layer from one numpy
// stream. (Keras's lecun_normal truncates its normal; this one does not.)
#include <cmath>

#include "initializers/draw_support.hpp"

namespace nnsweep::initializers {

void register_lecun_normal(Registries& registries) {
  registries.initializers.add(
      {"lecun_normal",
       "LeCun: randn * gain * sqrt(1 / fan_in), layer by layer",
       {gain_param(), seed_param(0, "numpy seed, as np.random.seed(seed) before the first layer")}},
      [](const Params& params) {
        return std::make_unique<FanScaled>(params, "gain", FanScaled::Distribution::normal,
                                           [](double gain, Eigen::Index fan_in, Eigen::Index) {
                                             return gain *
                                                    std::sqrt(1.0 / static_cast<double>(fan_in));
                                           });
      });
}

}  // namespace nnsweep::initializers

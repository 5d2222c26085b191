// He et al. (2015), as torch.nn.init.kaiming_uniform_ for relu (fan_in mode):
// uniform on [-limit, limit) with limit = gain * sqrt(6 / fan_in), layer by layer
// from one numpy stream.
#include <cmath>

#include "initializers/draw_support.hpp"

namespace nnsweep::initializers {

void register_he_uniform(Registries& registries) {
  registries.initializers.add(
      {"he_uniform",
       "He: uniform on [-l, l), l = gain * sqrt(6 / fan_in)",
       {gain_param(), seed_param(0, "numpy seed, as np.random.seed(seed) before the first layer")}},
      [](const Params& params) {
        return std::make_unique<FanScaled>(params, "gain", FanScaled::Distribution::uniform,
                                           [](double gain, Eigen::Index fan_in, Eigen::Index) {
                                             return gain *
                                                    std::sqrt(6.0 / static_cast<double>(fan_in));
                                           });
      });
}

}  // namespace nnsweep::initializers

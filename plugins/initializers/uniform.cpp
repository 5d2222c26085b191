// np.random.uniform(-limit, limit, size=(fan_out, fan_in)) for every layer in
// order from one continuing numpy stream.
#include <cmath>

#include "initializers/draw_support.hpp"

namespace nnsweep::initializers {

void register_uniform(Registries& registries) {
  registries.initializers.add(
      {"uniform",
       "weights uniform on [-limit, limit) from one numpy stream, layer by layer",
       {real_param("limit", 0.05, 0.0, 1e6, "half the width of the interval"),
        seed_param(0, "numpy seed, as np.random.seed(seed) before the first layer")}},
      [](const Params& params) {
        return std::make_unique<FanScaled>(
            params, "limit", FanScaled::Distribution::uniform,
            [](double limit, Eigen::Index, Eigen::Index) { return limit; });
      });
}

}  // namespace nnsweep::initializers

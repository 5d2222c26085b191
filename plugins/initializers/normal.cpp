// numpy's `np.random.seed(seed); W = np.random.randn(fan_out, fan_in) * scale` for
// every layer in order from one continuing stream: the seed post's
// initialize_parameters, generalised to any depth.
#include "initializers/draw_support.hpp"

namespace nnsweep::initializers {

void register_normal(Registries& registries) {
  registries.initializers.add(
      {"normal",
       "weights randn(fan_out, fan_in) * scale from one numpy stream, layer by layer",
       {real_param("scale", 0.01, 0.0, 1e6, "standard deviation of the weights"),
        seed_param(0, "numpy seed, as np.random.seed(seed) before the first layer")}},
      [](const Params& params) {
        return std::make_unique<FanScaled>(
            params, "scale", FanScaled::Distribution::normal,
            [](double scale, Eigen::Index, Eigen::Index) { return scale; });
      });
}

}  // namespace nnsweep::initializers

// numpy's `np.random.seed(seed); W = np.random.randn(fan_out, fan_in) * scale` for
// every layer in order from one continuing stream, biases zero: the seed post's
// initialize_parameters, generalised to any depth.
#include "builtin.hpp"
#include "random/numpy_random.hpp"

namespace nnsweep::initializers {
namespace {

class NormalInitializer final : public Initializer {
 public:
  explicit NormalInitializer(const Params& params)
      : scale_(params.real("scale")), seed_(static_cast<std::uint32_t>(params.integer("seed"))) {}

  void initialize(std::vector<Eigen::Map<Eigen::MatrixXd>>& weights,
                  std::vector<Eigen::Map<Eigen::MatrixXd>>& biases) const override {
    NumpyRandomState random(seed_);
    for (auto& weight : weights) {
      // randn fills in C order: row by row.
      for (Eigen::Index row = 0; row < weight.rows(); ++row) {
        for (Eigen::Index col = 0; col < weight.cols(); ++col) {
          weight(row, col) = random.standard_normal() * scale_;
        }
      }
    }
    for (auto& bias : biases) bias.setZero();
  }

 private:
  double scale_;
  std::uint32_t seed_;
};

}  // namespace

void register_normal(Registries& registries) {
  registries.initializers.add(
      {"normal",
       "weights randn(fan_out, fan_in) * scale from one numpy stream, layer by layer; biases 0",
       {real_param("scale", 0.01, 0.0, 1e6, "standard deviation of the weights"),
        seed_param(0, "numpy seed, as np.random.seed(seed) before the first layer")}},
      [](const Params& params) { return std::make_unique<NormalInitializer>(params); });
}

}  // namespace nnsweep::initializers

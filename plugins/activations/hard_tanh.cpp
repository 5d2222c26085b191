// Hard tanh, clamp(z, min_val, max_val), as torch.nn.Hardtanh; flat, with
// derivative 0, at both corners, as in torch. The declared ranges keep
// min_val <= 0 < max_val, so that the two can never cross; min_val 0 and
// max_val 6 make relu6.
#include <limits>

#include "activations/elementwise.hpp"
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

struct HardTanh {
  double low, high;

  template <class S>
  void forward(const elementwise::ConstBlock<S>& Z, elementwise::Block<S> A) const {
    A.array() = Z.array().max(static_cast<S>(low)).min(static_cast<S>(high));
  }
  template <class S>
  void backward(const elementwise::ConstBlock<S>& Z, const elementwise::ConstBlock<S>&,
                const elementwise::ConstBlock<S>& dA, elementwise::Block<S> dZ) const {
    dZ.array() = (Z.array() > static_cast<S>(low) && Z.array() < static_cast<S>(high))
                     .select(dA.array(), S(0));
  }
};

}  // namespace

void register_hard_tanh(Registries& registries) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  registries.activations.add(
      {"hard_tanh",
       "clamp(z, min_val, max_val), range [min_val, max_val]",
       {real_param("min_val", -1.0, -inf, 0.0, "the lower bound of the output"),
        real_param("max_val", 1.0, 0.0, inf, "the upper bound of the output", true)}},
      [](const Params& params) {
        return std::make_unique<elementwise::Activation<HardTanh>>(
            HardTanh{params.real("min_val"), params.real("max_val")});
      });
}

}  // namespace nnsweep::activations

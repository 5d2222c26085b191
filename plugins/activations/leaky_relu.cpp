// Leaky ReLU, z for z > 0 and alpha z otherwise (torch.nn.LeakyReLU's
// negative_slope). At exactly 0 the slope is alpha, as in torch.
#include "activations/elementwise.hpp"
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

struct LeakyRelu {
  double alpha;

  template <class S>
  void forward(const elementwise::ConstBlock<S>& Z, elementwise::Block<S> A) const {
    A.array() = (Z.array() > S(0)).select(Z.array(), static_cast<S>(alpha) * Z.array());
  }
  template <class S>
  void backward(const elementwise::ConstBlock<S>& Z, const elementwise::ConstBlock<S>&,
                const elementwise::ConstBlock<S>& dA, elementwise::Block<S> dZ) const {
    dZ.array() = (Z.array() > S(0)).select(dA.array(), static_cast<S>(alpha) * dA.array());
  }
};

}  // namespace

void register_leaky_relu(Registries& registries) {
  registries.activations.add(
      {"leaky_relu",
       "z for z > 0, alpha z otherwise",
       {real_param("alpha", 0.01, 0.0, 1.0, "slope for z <= 0 (0 is relu, 1 the identity)")}},
      [](const Params& params) {
        return std::make_unique<elementwise::Activation<LeakyRelu>>(
            LeakyRelu{params.real("alpha")});
      });
}

}  // namespace nnsweep::activations

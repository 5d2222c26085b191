// Mish (Misra 2019), z tanh(softplus(z)), as torch.nn.Mish.
#include "activations/elementwise.hpp"
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

struct Mish {
  template <class S>
  void forward(const elementwise::ConstBlock<S>& Z, elementwise::Block<S> A) const {
    kernels::apply(kernels::softplus, Z, A);
    kernels::apply(kernels::tanh, A, A);
    A.array() *= Z.array();
  }
  // g' = t + z sigmoid(z) (1 - t^2) with t = tanh(softplus(z)). t is
  // recomputed from Z rather than taken as A / z, which fails at z = 0 and
  // where z t underflows.
  template <class S>
  void backward(const elementwise::ConstBlock<S>& Z, const elementwise::ConstBlock<S>&,
                const elementwise::ConstBlock<S>& dA, elementwise::Block<S> dZ) const {
    elementwise::backward_in_chunks<S>(Z, dA, dZ, [](auto z, auto da, auto dz, auto t, auto s) {
      const auto n = static_cast<std::size_t>(z.size());
      kernels::softplus(z.data(), t.data(), n);
      kernels::tanh(t.data(), t.data(), n);
      kernels::sigmoid(z.data(), s.data(), n);
      dz = da * (t + z * s * (S(1) - t * t));
    });
  }
};

}  // namespace

void register_mish(Registries& registries) {
  registries.activations.add({"mish", "z tanh(softplus(z))", {}}, [](const Params&) {
    return std::make_unique<elementwise::Activation<Mish>>();
  });
}

}  // namespace nnsweep::activations

// SiLU (Hendrycks & Gimpel 2016; Elfwing et al. 2018), z sigmoid(z), as
// torch.nn.SiLU. Swish (Ramachandran et al. 2017) is z sigmoid(beta z); with
// its usual beta = 1 it is this function, so there is no separate `swish`.
#include "activations/elementwise.hpp"
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

struct Silu {
  template <class S>
  void forward(const elementwise::ConstBlock<S>& Z, elementwise::Block<S> A) const {
    kernels::apply(kernels::sigmoid, Z, A);
    A.array() *= Z.array();
  }
  // g' = s (1 + z (1 - s)) with s = sigmoid(z), which A = z s gives back only
  // away from z = 0: recomputed from Z.
  template <class S>
  void backward(const elementwise::ConstBlock<S>& Z, const elementwise::ConstBlock<S>&,
                const elementwise::ConstBlock<S>& dA, elementwise::Block<S> dZ) const {
    elementwise::backward_in_chunks<S>(Z, dA, dZ, [](auto z, auto da, auto dz, auto s, auto) {
      kernels::sigmoid(z.data(), s.data(), static_cast<std::size_t>(z.size()));
      dz = da * (s * (S(1) + z * (S(1) - s)));
    });
  }
};

}  // namespace

void register_silu(Registries& registries) {
  registries.activations.add({"silu", "z sigmoid(z), also called swish", {}}, [](const Params&) {
    return std::make_unique<elementwise::Activation<Silu>>();
  });
}

}  // namespace nnsweep::activations

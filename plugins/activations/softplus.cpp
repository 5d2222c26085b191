// softplus, log(1 + exp(z)), computed without overflow as
// max(z, 0) + log1p(exp(-|z|)) (kernels/vector_math.hpp). Unlike
// torch.nn.Softplus it has no beta and never switches to z above a
// threshold (torch's default of 20 differs from this by at most 1e-10).
#include "activations/elementwise.hpp"
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

struct Softplus {
  template <class S>
  void forward(const elementwise::ConstBlock<S>& Z, elementwise::Block<S> A) const {
    kernels::apply(kernels::softplus, Z, A);
  }
  // g' is sigmoid(z): from Z, since recovering it from A (1 - exp(-A)) costs
  // as much.
  template <class S>
  void backward(const elementwise::ConstBlock<S>& Z, const elementwise::ConstBlock<S>&,
                const elementwise::ConstBlock<S>& dA, elementwise::Block<S> dZ) const {
    elementwise::backward_in_chunks<S>(Z, dA, dZ, [](auto z, auto da, auto dz, auto s, auto) {
      kernels::sigmoid(z.data(), s.data(), static_cast<std::size_t>(z.size()));
      dz = da * s;
    });
  }
};

}  // namespace

void register_softplus(Registries& registries) {
  registries.activations.add({"softplus", "log(1 + exp(z)), a smooth relu", {}}, [](const Params&) {
    return std::make_unique<elementwise::Activation<Softplus>>();
  });
}

}  // namespace nnsweep::activations

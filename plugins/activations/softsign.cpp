// softsign, z / (1 + |z|) (Bergstra et al. 2009): tanh's shape with
// polynomial tails, and no transcendental at all.
#include "activations/elementwise.hpp"
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

struct Softsign {
  template <class S>
  void forward(const elementwise::ConstBlock<S>& Z, elementwise::Block<S> A) const {
    A.array() = Z.array() / (S(1) + Z.array().abs());
  }
  // g' = 1 / (1 + |z|)^2 from Z: from A it would be (1 - |A|)^2, which loses
  // digits to the cancellation as |z| grows (a relative 1e-13 at |z| = 800).
  template <class S>
  void backward(const elementwise::ConstBlock<S>& Z, const elementwise::ConstBlock<S>&,
                const elementwise::ConstBlock<S>& dA, elementwise::Block<S> dZ) const {
    dZ.array() = dA.array() / (S(1) + Z.array().abs()).square();
  }
};

}  // namespace

void register_softsign(Registries& registries) {
  registries.activations.add({"softsign", "z / (1 + |z|), range (-1, 1)", {}}, [](const Params&) {
    return std::make_unique<elementwise::Activation<Softsign>>();
  });
}

}  // namespace nnsweep::activations

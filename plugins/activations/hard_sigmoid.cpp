// Hard sigmoid as torch.nn.Hardsigmoid defines it: relu6(z + 3) / 6, that is
// clamp(z / 6 + 1/2, 0, 1), computed in torch's order. (Keras 2's
// hard_sigmoid had slope 0.2; Keras 3 adopted this one.) Flat, with
// derivative 0, at z = -3 and 3, as in torch.
//
// Its values are in [0, 1], but it declares no unit_interval range: that
// range admits it as the output of binary_cross_entropy, whose log(A) and
// gradient 1 / (A (1 - A)) are infinite at the 0 and 1 it reaches exactly.
#include "activations/elementwise.hpp"
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

struct HardSigmoid {
  template <class S>
  void forward(const elementwise::ConstBlock<S>& Z, elementwise::Block<S> A) const {
    A.array() = (Z.array() + S(3)).max(S(0)).min(S(6)) / S(6);
  }
  template <class S>
  void backward(const elementwise::ConstBlock<S>& Z, const elementwise::ConstBlock<S>&,
                const elementwise::ConstBlock<S>& dA, elementwise::Block<S> dZ) const {
    dZ.array() = (Z.array() > S(-3) && Z.array() < S(3)).select(dA.array() / S(6), S(0));
  }
};

}  // namespace

void register_hard_sigmoid(Registries& registries) {
  registries.activations.add(
      {"hard_sigmoid", "clamp(z / 6 + 1/2, 0, 1), range [0, 1]", {}},
      [](const Params&) { return std::make_unique<elementwise::Activation<HardSigmoid>>(); });
}

}  // namespace nnsweep::activations

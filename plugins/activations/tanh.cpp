// tanh, with the seed post's derivative 1 - A^2.
#include <cmath>

#include "builtin.hpp"

namespace nnsweep {
namespace {

class Tanh final : public Activation {
 public:
  void forward(ConstBlock Z, Block A) const override {
    A = Z.unaryExpr([](double z) { return std::tanh(z); });
  }
  void backward(ConstBlock, ConstBlock A, ConstBlock dA, Block dZ) const override {
    dZ.array() = dA.array() * (1.0 - A.array().square());
  }
};

}  // namespace

void register_tanh(Registries& registries) {
  registries.activations.add({"tanh", "hyperbolic tangent, range (-1, 1)", {}},
                             [](const Params&) { return std::make_unique<Tanh>(); });
}

}  // namespace nnsweep

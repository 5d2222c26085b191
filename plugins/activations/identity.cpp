// The identity g(z) = z: a linear output for regression (with mse), or a
// linear hidden layer.
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

class Identity final : public Activation {
 public:
  void forward(ConstBlock Z, Block A) const override { A = Z; }
  void backward(ConstBlock, ConstBlock, ConstBlock dA, Block dZ) const override {
    if (dZ.data() != dA.data()) dZ = dA;
  }
  void forward_float(ConstFloatBlock Z, FloatBlock A) const override { A = Z; }
  void backward_float(ConstFloatBlock, ConstFloatBlock, ConstFloatBlock dA,
                      FloatBlock dZ) const override {
    if (dZ.data() != dA.data()) dZ = dA;
  }
};

}  // namespace

void register_identity(Registries& registries) {
  registries.activations.add(
      {"identity", "z unchanged (a linear layer; the regression output)", {}},
      [](const Params&) { return std::make_unique<Identity>(); });
}

}  // namespace nnsweep::activations

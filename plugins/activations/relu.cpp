// Rectified linear unit; the derivative at exactly 0 is taken as 0, as numpy
// code written `dA * (Z > 0)` does.
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

class Relu final : public Activation {
 public:
  void forward(ConstBlock Z, Block A) const override { A = Z.cwiseMax(0.0); }
  void backward(ConstBlock Z, ConstBlock, ConstBlock dA, Block dZ) const override {
    dZ = (Z.array() > 0.0).select(dA, 0.0);
  }
  void forward_float(ConstFloatBlock Z, FloatBlock A) const override { A = Z.cwiseMax(0.0f); }
  void backward_float(ConstFloatBlock Z, ConstFloatBlock, ConstFloatBlock dA,
                      FloatBlock dZ) const override {
    dZ = (Z.array() > 0.0f).select(dA, 0.0f);
  }
};

}  // namespace

void register_relu(Registries& registries) {
  registries.activations.add({"relu", "max(0, z)", {}},
                             [](const Params&) { return std::make_unique<Relu>(); });
}

}  // namespace nnsweep::activations

// The logistic function, computed as the seed post does: 1 / (1 + exp(-z)).
#include <cmath>

#include "builtin.hpp"

namespace nnsweep {
namespace {

class Sigmoid final : public Activation {
 public:
  void forward(ConstBlock Z, Block A) const override {
    A = Z.unaryExpr([](double z) { return 1.0 / (1.0 + std::exp(-z)); });
  }
  void backward(ConstBlock, ConstBlock A, ConstBlock dA, Block dZ) const override {
    dZ.array() = dA.array() * (A.array() * (1.0 - A.array()));
  }
};

}  // namespace

void register_sigmoid(Registries& registries) {
  registries.activations.add({"sigmoid",
                              "logistic function 1 / (1 + exp(-z)), range (0, 1)",
                              {},
                              {.range = OutputRange::unit_interval}},
                             [](const Params&) { return std::make_unique<Sigmoid>(); });
}

}  // namespace nnsweep

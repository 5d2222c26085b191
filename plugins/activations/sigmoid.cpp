// The logistic function, computed as the seed post does: 1 / (1 + exp(-z)),
// with exp vectorised (kernels/vector_math.hpp).
#include "builtin.hpp"
#include "kernels/blocks.hpp"

namespace nnsweep::activations {
namespace {

class Sigmoid final : public Activation {
 public:
  void forward(ConstBlock Z, Block A) const override { kernels::apply(kernels::sigmoid, Z, A); }
  void backward(ConstBlock, ConstBlock A, ConstBlock dA, Block dZ) const override {
    kernels::apply_gradient(kernels::sigmoid_backward, A, dA, dZ);
  }
  void forward_float(ConstFloatBlock Z, FloatBlock A) const override {
    kernels::apply(kernels::sigmoid, Z, A);
  }
  void backward_float(ConstFloatBlock, ConstFloatBlock A, ConstFloatBlock dA,
                      FloatBlock dZ) const override {
    kernels::apply_gradient(kernels::sigmoid_backward, A, dA, dZ);
  }
};

}  // namespace

void register_sigmoid(Registries& registries) {
  registries.activations.add(
      {"sigmoid",
       "logistic function 1 / (1 + exp(-z)), range (0, 1)",
       {},
       {.range = OutputRange::unit_interval, .derivative = DerivativeFromOutput::logistic}},
      [](const Params&) { return std::make_unique<Sigmoid>(); });
}

}  // namespace nnsweep::activations

// tanh, with the seed post's derivative 1 - A^2; tanh itself vectorised
// (kernels/vector_math.hpp: within a few ulp of libm's, the same bits at every
// SIMD width).
#include "builtin.hpp"
#include "kernels/blocks.hpp"

namespace nnsweep::activations {
namespace {

class Tanh final : public Activation {
 public:
  void forward(ConstBlock Z, Block A) const override { kernels::apply(kernels::tanh, Z, A); }
  void backward(ConstBlock, ConstBlock A, ConstBlock dA, Block dZ) const override {
    kernels::apply_gradient(kernels::tanh_backward, A, dA, dZ);
  }
  void forward_float(ConstFloatBlock Z, FloatBlock A) const override {
    kernels::apply(kernels::tanh, Z, A);
  }
  void backward_float(ConstFloatBlock, ConstFloatBlock A, ConstFloatBlock dA,
                      FloatBlock dZ) const override {
    kernels::apply_gradient(kernels::tanh_backward, A, dA, dZ);
  }
};

}  // namespace

void register_tanh(Registries& registries) {
  registries.activations.add({"tanh",
                              "hyperbolic tangent, range (-1, 1)",
                              {},
                              {.derivative = DerivativeFromOutput::one_minus_square}},
                             [](const Params&) { return std::make_unique<Tanh>(); });
}

}  // namespace nnsweep::activations

// SELU (Klambauer et al. 2017): scale z for z > 0, scale alpha (exp(z) - 1)
// otherwise, with the paper's constants to torch.nn.SELU's 32 digits. They
// make it self-normalising with lecun_normal weights; no parameters, since
// other values lose that property.
#include "activations/exponential_linear.hpp"
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

constexpr double kAlpha = 1.6732632423543772848170429916717;
constexpr double kScale = 1.0507009873554804934193349852946;

}  // namespace

void register_selu(Registries& registries) {
  registries.activations.add(
      {"selu",
       "scale z for z > 0, scale alpha (exp(z) - 1) otherwise (alpha 1.6733, scale 1.0507)",
       {}},
      [](const Params&) {
        using Selu = elementwise::Activation<elementwise::ExponentialLinear>;
        // scale * alpha rounded once, as torch's negcoef.
        return std::make_unique<Selu>(elementwise::ExponentialLinear{kScale, kScale * kAlpha});
      });
}

}  // namespace nnsweep::activations

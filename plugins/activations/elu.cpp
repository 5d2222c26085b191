// ELU (Clevert et al. 2016): z for z > 0, alpha (exp(z) - 1) otherwise, as
// torch.nn.ELU; at exactly 0 the derivative is alpha, as in torch.
#include <limits>

#include "activations/exponential_linear.hpp"
#include "builtin.hpp"

namespace nnsweep::activations {

void register_elu(Registries& registries) {
  registries.activations.add(
      {"elu",
       "z for z > 0, alpha (exp(z) - 1) otherwise",
       {real_param("alpha", 1.0, 0.0, std::numeric_limits<double>::infinity(),
                   "the value approached as z -> -inf is -alpha")}},
      [](const Params& params) {
        using Elu = elementwise::Activation<elementwise::ExponentialLinear>;
        return std::make_unique<Elu>(elementwise::ExponentialLinear{1.0, params.real("alpha")});
      });
}

}  // namespace nnsweep::activations

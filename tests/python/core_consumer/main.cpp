// Uses nnsweep's built-in plugins from C++ through the installed core
// library: registers them, applies the tanh activation to a block, and takes
// one gd step. Prints what it checked; exits 1 on a wrong value.
#include <cmath>
#include <iostream>

#include "builtin.hpp"
#include "registry/params.hpp"
#include "registry/registry.hpp"

int main() {
  nnsweep::Registries registries;
  nnsweep::register_builtin_plugins(registries);

  const auto* tanh_description = registries.activations.describe("tanh");
  const auto activation =
      registries.activations.create("tanh", nnsweep::default_params(tanh_description->params));
  Eigen::MatrixXd Z(2, 3), A(2, 3);
  Z << -2.0, -0.5, 0.0, 0.25, 1.0, 3.0;
  activation->forward(Z, A);
  for (Eigen::Index i = 0; i < Z.size(); ++i) {
    if (std::abs(A(i) - std::tanh(Z(i))) > 1e-15) {
      std::cerr << "tanh(" << Z(i) << ") = " << A(i) << "\n";
      return 1;
    }
  }

  const auto* gd_description = registries.optimizers.describe("gd");
  const auto optimizer =
      registries.optimizers.create("gd", nnsweep::default_params(gd_description->params));
  Eigen::VectorXd params(2), gradient(2);
  params << 1.0, -1.0;
  gradient << 0.5, 0.25;
  optimizer->reset(nnsweep::ParameterLayout{2, {{0, 2}}});
  optimizer->step(params, gradient, 0.1);
  if (params(0) != 1.0 - 0.1 * 0.5 || params(1) != -1.0 - 0.1 * 0.25) {
    std::cerr << "gd stepped to " << params.transpose() << "\n";
    return 1;
  }
  std::cout << "core ok: " << registries.activations.names().size() << " activations, "
            << registries.optimizers.names().size() << " optimizers\n";
  return 0;
}

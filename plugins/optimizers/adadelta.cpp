// Adadelta (Zeiler, 2012), in PyTorch's form (epsilon inside both square
// roots, and a learning_rate scaling the step, 1 in the paper):
//   s = rho * s + (1 - rho) * g^2
//   delta = sqrt(u + epsilon) / sqrt(s + epsilon) * g
//   u = rho * u + (1 - rho) * delta^2
//   p -= learning_rate * delta
#include "builtin.hpp"

namespace nnsweep::optimizers {
namespace {

class Adadelta final : public Optimizer {
 public:
  explicit Adadelta(const Params& params)
      : rho_(params.real("rho")), epsilon_(params.real("epsilon")) {}

  void reset(const ParameterLayout& layout) override {
    square_ = Eigen::VectorXd::Zero(layout.size);
    updates_ = Eigen::VectorXd::Zero(layout.size);
    delta_ = Eigen::VectorXd::Zero(layout.size);
  }

  void step(Vector params, ConstVector gradient, double learning_rate) override {
    square_.array() = rho_ * square_.array() + (1.0 - rho_) * gradient.array().square();
    delta_.array() = (updates_.array() + epsilon_).sqrt() / (square_.array() + epsilon_).sqrt() *
                     gradient.array();
    updates_.array() = rho_ * updates_.array() + (1.0 - rho_) * delta_.array().square();
    params -= learning_rate * delta_;
  }

 private:
  double rho_;
  double epsilon_;
  Eigen::VectorXd square_, updates_, delta_;
};

}  // namespace

void register_adadelta(Registries& registries) {
  registries.optimizers.add(
      {"adadelta",
       "Adadelta: steps scaled by the ratio of running RMS updates to running RMS gradients",
       {real_param("learning_rate", 1.0, 0.0, 1e12, "step size (1 in the paper)", true),
        real_param("rho", 0.9, 0.0, 0.999999, "decay of the running averages"),
        real_param("epsilon", 1e-6, 0.0, 1.0, "added inside both square roots", true)}},
      [](const Params& params) { return std::make_unique<Adadelta>(params); });
}

}  // namespace nnsweep::optimizers

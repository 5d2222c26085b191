#pragma once
// Loss plugins: the cost of the network's output A against the targets Y.
//
// Contract:
//  - A, Z and Y have one shape, n_outputs x m; examples are columns. The
//    blocks may be the leading columns of larger matrices (a mini-batch).
//  - Y holds the targets the loss declares (PluginTraits::targets, below),
//    made by the runner from the dataset's class indices or real targets.
//  - cost(A, Y) is the mean over the m examples, summed as numpy's np.sum does
//    (pairwise), so that it matches numpy to the last bit where A does.
//  - gradient(A, Y, dA) writes m * dCost/dA, the per-example derivative, into the
//    preallocated dA; the trainer applies 1/m when it forms weight gradients.
//  - A loss with a fused output (PluginTraits::fused_output: sigmoid for binary
//    cross-entropy, softmax for categorical cross-entropy) has, with that
//    output, the combined output gradient dZ = A - Y. The trainer then skips
//    gradient() and the activation's backward(), as the seed post does, and asks
//    cost_from_logits() instead of cost().
//  - cost_from_logits(Z, Y) is cost(fused_output(Z), Y) computed from the output
//    layer's pre-activation Z in a numerically stable form: it is finite for every
//    finite Z, also where fused_output(Z) rounds to exactly 0 or 1 and cost(A, Y)
//    would take log(0). Where cost(A, Y) is accurate it agrees with it to rounding
//    (about 1e-15 relative); it is summed in the same pairwise order. Why: a
//    well-trained network saturates its output, and its cost must stay a number.
//    A loss with a fused output must override it; the default throws
//    std::logic_error and is never called for other losses.
//  - No method allocates (the default cost_from_logits only on contract
//    violation); all may run concurrently on different data.
//  - cost_float, gradient_float and cost_from_logits_float: the same from
//    float blocks, for `train.dtype: float32`, under the same rules; the
//    costs are still doubles (summed in double, as the double methods sum), and
//    need only float's accuracy. The defaults, which serve any loss, convert the
//    blocks to double and call cost(), gradient() or cost_from_logits()
//    (rounding dA to float): they allocate those double copies on every call.
//    A loss that overrides them must not allocate; the built-ins all do.
//  - Metrics (accuracy, F1, R^2, ...) are not the loss's business: they come
//    from the outputs and the dataset's labels (runner/train/metrics.hpp).
#include <Eigen/Core>
#include <stdexcept>

namespace nnsweep {

// The targets a loss compares the outputs with (PluginTraits::targets).
enum class LossTargets {
  two_classes,  // classification with two classes: one output unit, targets 0/1
  one_hot,      // classification: one output unit per class, one-hot targets
  // Real targets: a regression set's values; a classification set's classes as
  // one 0/1 row for two classes, one-hot rows for more (mse on moons).
  real,
};

class Loss {
 public:
  using ConstBlock = Eigen::Ref<const Eigen::MatrixXd>;
  using Block = Eigen::Ref<Eigen::MatrixXd>;

  virtual ~Loss() = default;
  virtual double cost(ConstBlock A, ConstBlock Y) const = 0;
  virtual void gradient(ConstBlock A, ConstBlock Y, Block dA) const = 0;
  virtual double cost_from_logits(ConstBlock, ConstBlock) const {
    throw std::logic_error("this loss has no fused output, so no cost from logits");
  }

  using ConstFloatBlock = Eigen::Ref<const Eigen::MatrixXf>;
  using FloatBlock = Eigen::Ref<Eigen::MatrixXf>;

  virtual double cost_float(ConstFloatBlock A, ConstFloatBlock Y) const {
    return cost(A.cast<double>(), Y.cast<double>());
  }
  virtual void gradient_float(ConstFloatBlock A, ConstFloatBlock Y, FloatBlock dA) const {
    Eigen::MatrixXd dA_double(dA.rows(), dA.cols());
    gradient(A.cast<double>(), Y.cast<double>(), dA_double);
    dA = dA_double.cast<float>();
  }
  virtual double cost_from_logits_float(ConstFloatBlock Z, ConstFloatBlock Y) const {
    return cost_from_logits(Z.cast<double>(), Y.cast<double>());
  }
};

}  // namespace nnsweep

#pragma once
// Loss plugins: the cost of the network's output A against the targets Y.
//
// Contract:
//  - A and Y have one shape, n_outputs x m; examples are columns.
//  - cost(A, Y) is the mean over the m examples, summed as numpy's np.sum does
//    (pairwise), so that it matches numpy to the last bit where A does.
//  - gradient(A, Y, dA) writes m * dCost/dA, the per-example derivative, into the
//    preallocated dA; the trainer applies 1/m when it forms weight gradients.
//  - fused_output() names the output activation whose combined gradient with this
//    loss is simply dZ = A - Y (sigmoid for binary cross-entropy). The trainer then
//    skips gradient() and the activation's backward(), as the seed post does.
//  - accuracy(A, Y): the fraction of examples predicted right, in [0, 1].
//  - No method allocates; all may run concurrently on different data.
#include <Eigen/Core>
#include <string_view>

namespace nnsweep {

class Loss {
 public:
  using ConstBlock = Eigen::Ref<const Eigen::MatrixXd>;
  using Block = Eigen::Ref<Eigen::MatrixXd>;

  virtual ~Loss() = default;
  virtual double cost(ConstBlock A, ConstBlock Y) const = 0;
  virtual void gradient(ConstBlock A, ConstBlock Y, Block dA) const = 0;
  virtual std::string_view fused_output() const { return {}; }
  virtual double accuracy(ConstBlock A, ConstBlock Y) const = 0;
};

}  // namespace nnsweep

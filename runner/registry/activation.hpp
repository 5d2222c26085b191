#pragma once
// Activation plugins: an element-wise function g applied to a whole layer at once.
//
// Contract:
//  - forward(Z, A): A = g(Z). A has Z's shape and is preallocated; Z and A never alias.
//  - backward(Z, A, dA, dZ): dZ = dA (elementwise *) g'(Z), given A = g(Z) from the
//    same forward pass (so tanh may use 1 - A^2, as the seed post does). All four
//    have one shape; dZ is preallocated and may alias dA.
//  - Neither allocates, and both may be called concurrently on different data.
#include <Eigen/Core>

namespace nnsweep {

class Activation {
 public:
  using ConstBlock = Eigen::Ref<const Eigen::MatrixXd>;
  using Block = Eigen::Ref<Eigen::MatrixXd>;

  virtual ~Activation() = default;
  virtual void forward(ConstBlock Z, Block A) const = 0;
  virtual void backward(ConstBlock Z, ConstBlock A, ConstBlock dA, Block dZ) const = 0;
};

}  // namespace nnsweep

#pragma once
// Optimizer plugins: one update of all parameters from their gradient.
//
// Contract:
//  - All of a network's parameters live in one flat vector, and so does its
//    gradient (same layout). An optimizer never needs to know the layers.
//  - reset(n) is called once before training with the parameter count; allocate
//    any state (moments, velocities) there, never in step().
//  - step(params, gradient) applies one update in place. Called once per iteration
//    with the gradient at the current params; it must not allocate.
//  - An instance belongs to one run and one thread.
#include <Eigen/Core>

namespace nnsweep {

class Optimizer {
 public:
  using Vector = Eigen::Ref<Eigen::VectorXd>;
  using ConstVector = Eigen::Ref<const Eigen::VectorXd>;

  virtual ~Optimizer() = default;
  virtual void reset(Eigen::Index /*parameter_count*/) {}
  virtual void step(Vector params, ConstVector gradient) = 0;
};

}  // namespace nnsweep

#pragma once
// Activation plugins: a function g applied to a whole layer at once.
//
// Contract:
//  - forward(Z, A): A = g(Z). A has Z's shape and is preallocated; Z and A never
//    alias. Z is n_units x m, one example per column; a `simplex` activation
//    (softmax, see PluginTraits::range) maps each column to values that sum
//    to 1. An element-wise activation (PluginTraits::elementwise, the
//    default) treats every entry alike and must accept any shape: the trainer
//    passes it the layer as one n_units * m column.
//  - backward(Z, A, dA, dZ): dZ = the gradient with respect to Z given dA, the
//    gradient with respect to A, and A = g(Z) from the same forward pass (so tanh
//    may use 1 - A^2, as the seed post does). For an element-wise g that is
//    dA (elementwise *) g'(Z); for softmax it is the Jacobian-vector product of
//    each column. All four have one shape; dZ is preallocated and may alias dA.
//  - The blocks may be the leading columns of larger matrices (a mini-batch
//    smaller than its buffers): only their own columns are read or written.
//  - Neither allocates, and both may be called concurrently on different data.
//  - forward_float(Z, A) and backward_float(Z, A, dA, dZ): the same in float,
//    for `train.dtype: float32`, under the same rules (shapes, aliasing,
//    leading columns, concurrency). They need not give the bits of the double
//    methods rounded to float, only float's accuracy. The defaults, which
//    serve any plugin, convert the blocks to double, call forward() or
//    backward() and round the result to float: they allocate those double
//    copies on every call. A plugin that overrides them must not allocate; the
//    built-ins all do, computing in float.
#include <Eigen/Core>

namespace nnsweep {

// What an activation's values can be (PluginTraits::range), and what a loss
// needs of the output layer's (PluginTraits::requires_output).
enum class OutputRange {
  any,            // any real value (identity, tanh, relu, ...); for a loss: any output will do
  unit_interval,  // each value in [0, 1] (sigmoid)
  simplex,        // each column in [0, 1], summing to 1 (softmax): an output layer only
};

// How an element-wise activation's backward() forms dZ when A and dA are all
// it needs, in one of the forms the runner's kernels compute themselves
// (PluginTraits::derivative): none, dA * (1 - A * A) (tanh), or
// dA * (A * (1 - A)) (sigmoid).
enum class DerivativeFromOutput { none, one_minus_square, logistic };

class Activation {
 public:
  using ConstBlock = Eigen::Ref<const Eigen::MatrixXd>;
  using Block = Eigen::Ref<Eigen::MatrixXd>;

  virtual ~Activation() = default;
  virtual void forward(ConstBlock Z, Block A) const = 0;
  virtual void backward(ConstBlock Z, ConstBlock A, ConstBlock dA, Block dZ) const = 0;

  using ConstFloatBlock = Eigen::Ref<const Eigen::MatrixXf>;
  using FloatBlock = Eigen::Ref<Eigen::MatrixXf>;

  virtual void forward_float(ConstFloatBlock Z, FloatBlock A) const {
    Eigen::MatrixXd A_double(A.rows(), A.cols());
    forward(Z.cast<double>(), A_double);
    A = A_double.cast<float>();
  }
  virtual void backward_float(ConstFloatBlock Z, ConstFloatBlock A, ConstFloatBlock dA,
                              FloatBlock dZ) const {
    Eigen::MatrixXd dZ_double(dZ.rows(), dZ.cols());
    backward(Z.cast<double>(), A.cast<double>(), dA.cast<double>(), dZ_double);
    dZ = dZ_double.cast<float>();
  }
};

}  // namespace nnsweep

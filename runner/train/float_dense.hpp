#pragma once
// The three products of a dense layer's training step in float
// (`train.dtype: float32`), each computed the way its shape calls for, as
// train/dense.hpp does in double: a side of at most kNarrow values (2 input
// features, a one-unit output layer) goes to the float kernels of
// kernels/vector_math_float.hpp, vectorised at the CPU's widest SIMD width
// with the same bits at every width; the rest to Eigen's products, compiled
// once for baseline x86-64. Which path a product takes depends on its shapes
// alone, so a float32 run's bits do not depend on the CPU or NNSWEEP_SIMD.
//
// Shapes: column-major, examples as columns. The inputs may have any outer
// stride (as Eigen::Ref gives); outputs are maps of whole columns. No
// allocation.
#include <Eigen/Core>

namespace nnsweep {

using FloatMap = Eigen::Map<Eigen::MatrixXf>;
using ConstFloatMap = Eigen::Map<const Eigen::MatrixXf>;
using ConstFloatRef = Eigen::Ref<const Eigen::MatrixXf>;

// A layer's input X (n_in x m) also stored transposed, each input's values
// contiguous: X(k, i) = data[k * ld + i], as train/dense.hpp's InputRows. The
// kernels of a one-unit layer with few inputs read X by rows, and otherwise
// copy it so a block at a time. Optional; the same bits with or without it.
struct FloatInputRows {
  const float* data;
  Eigen::Index ld;
};

// Z = W * X + b: W is n_out x n_in, X n_in x m, b n_out x 1, Z n_out x m.
void float_dense_forward(const ConstFloatRef& W, const ConstFloatRef& b, const ConstFloatRef& X,
                         FloatMap Z, const FloatInputRows* rows = nullptr);

// G = dZ * X^T: dZ is n_out x m, X n_in x m, G n_out x n_in. `scratch`
// holds at least n_in * n_out values.
void float_weight_gradient(const ConstFloatRef& dZ, const ConstFloatRef& X, FloatMap G,
                           Eigen::VectorXf& scratch, const FloatInputRows* rows = nullptr);

// dA = W^T * dZ, given Wt = W^T (n_in x n_out): dZ is n_out x m, dA n_in x m.
void float_input_gradient(const ConstFloatRef& Wt, const ConstFloatRef& dZ, FloatMap dA);

}  // namespace nnsweep

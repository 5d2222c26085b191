#pragma once
// The three products of a dense layer's training step, each computed the way
// its shape calls for. Eigen's general product packs its operands into
// blocks and zeroes the result first: right for square-ish layers, but most
// of the work for the shapes small networks have (2 input features, a
// one-unit output layer). For those, kernels/dense_kernels.hpp does the
// arithmetic alone, vectorised down the long dimension at the CPU's width.
//
// Every function sums over the inner index in a fixed order that depends on
// the shapes alone, so a network's bits are the same on every run, at every
// thread count and SIMD width. The orders differ from Eigen's (and numpy's
// BLAS) in the last bits only.
//
// Shapes: column-major, examples as columns, as everywhere in train/.
#include <Eigen/Core>

#include "registry/activation.hpp"

namespace nnsweep {

using ConstMatrixMap = Eigen::Map<const Eigen::MatrixXd>;
using MatrixMap = Eigen::Map<Eigen::MatrixXd>;
using ConstMatrixRef = Eigen::Ref<const Eigen::MatrixXd>;

// The kernels run where a dimension is at most kNarrow (their longest
// unrolled side: kernels/dense_kernels.hpp); square-ish layers, both sides
// wider, take Eigen's products.
constexpr Eigen::Index kNarrow = 8;

// Whether input_gradient computes dA column by column (its narrow shapes): then
// any range of columns gives the same bits as the whole, and the trainer may
// take the columns a cache-sized block at a time.
inline bool input_gradient_by_columns(Eigen::Index outputs) {
  return outputs <= kNarrow;
}

// A layer's input X (n_in x m) also stored transposed, each input's values
// contiguous: X(k, i) = data[k * ld + i]. The trainer keeps the features so
// when the first layer has one unit: the kernels of a one-unit layer read X
// by rows, and would otherwise copy it transposed on every call. Optional
// everywhere; the results are the same bits with or without it.
struct InputRows {
  const double* data;
  Eigen::Index ld;
};

// Z = W * X + b: W is n_out x n_in, X n_in x m, b n_out x 1, Z n_out x m.
// With few inputs each column of Z is b + sum_k W(:, k) X(k, i), k in order.
void dense_forward(const ConstMatrixRef& W, const ConstMatrixRef& b, const ConstMatrixRef& X,
                   MatrixMap Z, const InputRows* rows = nullptr);

// G = dZ * X^T: dZ is n_out x m, X n_in x m, G n_out x n_in. With few inputs
// or few outputs G(r, j) = sum_i dZ(r, i) X(j, i), i in order from 0; for a
// one-unit layer with few inputs, in numpy's pairwise order.
// `scratch` holds at least n_in * n_out values (the transposed sum).
void weight_gradient(const ConstMatrixRef& dZ, const ConstMatrixRef& X, MatrixMap G,
                     Eigen::VectorXd& scratch, const InputRows* rows = nullptr);

// dA = W^T * dZ: W is n_out x n_in, dZ n_out x m, dA n_in x m. With few
// outputs each column of dA is sum_k W(k, :)^T dZ(k, i), k in order.
// `scratch` holds at least n_in * n_out values (W transposed).
void input_gradient(const ConstMatrixRef& W, const ConstMatrixRef& dZ, MatrixMap dA,
                    Eigen::VectorXd& scratch);

// The layer below's dZ_below = dA (elementwise *) derivative(A), dA = W^T * dZ,
// for an activation whose backward has that form (PluginTraits::derivative,
// not `none`) and where input_gradient_by_columns(W.rows()): in one pass,
// without dA, with the same bits as input_gradient() followed by the
// activation's backward(). A and dZ_below are n_in x m. Given `G`, where
// W's shape lets the same pass sum it (at most two outputs, more than
// kNarrow inputs), it also writes G = dZ * A^T with the bits of
// weight_gradient(dZ, A, G), and returns true; `scratch` holds twice W's size.
bool input_gradient_through(const ConstMatrixRef& W, const ConstMatrixRef& dZ,
                            const ConstMatrixRef& A, DerivativeFromOutput form, MatrixMap dZ_below,
                            Eigen::VectorXd& scratch, MatrixMap* G = nullptr);

}  // namespace nnsweep

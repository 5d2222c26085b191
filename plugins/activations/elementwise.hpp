#pragma once
// What the element-wise activations share: their methods written once for
// double and float blocks, and a backward pass that needs a transcendental
// of Z besides dA, run through small stack buffers.
//
// Why the buffers: dZ may alias dA (registry/activation.hpp), so neither can
// hold an intermediate value such as sigmoid(Z) before dA is read, and an
// activation must not allocate. Chunks of kChunk values keep the vectorised
// kernels (kernels/vector_math.hpp) on long arrays while the buffers stay a
// few KiB on the stack of whichever thread trains the run.
#include <algorithm>
#include <cstddef>

#include <Eigen/Core>

#include "kernels/blocks.hpp"
#include "registry/activation.hpp"

namespace nnsweep::elementwise {

template <class Scalar>
using ConstBlock = Eigen::Ref<const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>>;
template <class Scalar>
using Block = Eigen::Ref<Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>>;
template <class Scalar>
using ConstSpan = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>;
template <class Scalar>
using Span = Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>>;

inline constexpr std::size_t kChunk = 256;

// chunk(z, da, dz, first, second) on consecutive pieces of at most kChunk
// values of Z, dA and dZ, as Eigen array maps, with two scratch arrays of the
// piece's length. The blocks are walked as one array when all three are
// contiguous (what the trainer passes), else column by column.
template <class Scalar, class Chunk>
void backward_in_chunks(const ConstBlock<Scalar>& Z, const ConstBlock<Scalar>& dA, Block<Scalar> dZ,
                        const Chunk& chunk) {
  const auto run = [&](const Scalar* z, const Scalar* da, Scalar* dz, std::size_t n) {
    Scalar first[kChunk], second[kChunk];
    for (std::size_t start = 0; start < n; start += kChunk) {
      const auto length = static_cast<Eigen::Index>(std::min(kChunk, n - start));
      chunk(ConstSpan<Scalar>(z + start, length), ConstSpan<Scalar>(da + start, length),
            Span<Scalar>(dz + start, length), Span<Scalar>(first, length),
            Span<Scalar>(second, length));
    }
  };
  if (kernels::contiguous(Z) && kernels::contiguous(dA) && kernels::contiguous(dZ)) {
    run(Z.data(), dA.data(), dZ.data(), static_cast<std::size_t>(Z.size()));
    return;
  }
  for (Eigen::Index column = 0; column < Z.cols(); ++column) {
    run(Z.col(column).data(), dA.col(column).data(), dZ.col(column).data(),
        static_cast<std::size_t>(Z.rows()));
  }
}

// An Activation from a class F with two member templates over the scalar
// type, forward<Scalar>(Z, A) and backward<Scalar>(Z, A, dA, dZ), holding its
// parameters: the double and the float methods are then the same code.
template <class F>
class Activation final : public nnsweep::Activation {
 public:
  explicit Activation(F function = {}) : function_(function) {}
  void forward(ConstBlock Z, Block A) const override { function_.template forward<double>(Z, A); }
  void backward(ConstBlock Z, ConstBlock A, ConstBlock dA, Block dZ) const override {
    function_.template backward<double>(Z, A, dA, dZ);
  }
  void forward_float(ConstFloatBlock Z, FloatBlock A) const override {
    function_.template forward<float>(Z, A);
  }
  void backward_float(ConstFloatBlock Z, ConstFloatBlock A, ConstFloatBlock dA,
                      FloatBlock dZ) const override {
    function_.template backward<float>(Z, A, dA, dZ);
  }

 private:
  F function_;
};

}  // namespace nnsweep::elementwise

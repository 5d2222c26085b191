#pragma once
// What elu and selu share: g(z) = positive z for z > 0, and
// negative (exp(z) - 1) otherwise, with expm1 so that g keeps its relative
// accuracy near 0 (exp(z) - 1 is off by about 1e-16 / |z|, and 0 below
// |z| = 5e-17).
//
// The derivative on the lower side, negative exp(z), is taken from Z, as
// torch does, rather than from A as A + negative: that sum cancels, and
// leaves no correct digit once exp(z) is below about 1e-16 (z < -37), for the
// price of one vectorised exp per value.
#include "activations/elementwise.hpp"
#include "kernels/blocks.hpp"

namespace nnsweep::elementwise {

struct ExponentialLinear {
  double positive, negative;

  template <class S>
  void forward(const ConstBlock<S>& Z, Block<S> A) const {
    kernels::apply(kernels::expm1, Z, A);
    A.array() =
        (Z.array() > S(0))
            .select(static_cast<S>(positive) * Z.array(), static_cast<S>(negative) * A.array());
  }
  template <class S>
  void backward(const ConstBlock<S>& Z, const ConstBlock<S>&, const ConstBlock<S>& dA,
                Block<S> dZ) const {
    const S up = static_cast<S>(positive), down = static_cast<S>(negative);
    backward_in_chunks<S>(Z, dA, dZ, [&](auto z, auto da, auto dz, auto e, auto) {
      kernels::exp(z.data(), e.data(), static_cast<std::size_t>(z.size()));
      dz = (z > S(0)).select(up * da, da * (down * e));
    });
  }
};

}  // namespace nnsweep::elementwise

#pragma once
// kernels/vector_math_float.hpp's dots(), written once for any FloatIsa of
// float_loops.hpp, and included only by it (internal linkage, as there).
//
// Each output's products go into 16 partial sums whatever the width, term i
// into sum i mod 16 in order (16 floats: one vector at AVX-512, two at AVX2,
// four at SSE2, sixteen scalars at the one-lane width); lanes past m add
// +0. The 16 sums are then added pairwise, ((s0 + s1) + (s2 + s3)) + ...,
// in one fixed tree. So the bits depend on the values alone, and the sums,
// unlike one chain of m adds, do not wait on each other.
#include <cstddef>

namespace nnsweep::kernels {
namespace {

template <class Isa>
struct FloatDotLoops {
  using V = typename Isa::V;
  using Index = std::ptrdiff_t;
  static constexpr Index lanes = static_cast<Index>(Isa::lanes);
  static constexpr Index kSums = 16;
  static constexpr Index kVectors = kSums / lanes;
  static constexpr Index kColumns = 128;  // of S copied contiguous at a time: a multiple of kSums

  // The `valid` first floats of p (all lanes when valid >= lanes), the
  // others 0.
  static V load_lanes(const float* p, Index valid) {
    if (valid >= lanes) return Isa::load(p);
    if (valid <= 0) return Isa::broadcast(0.0f);
    return Isa::load_partial(p, valid);
  }

  static float pairwise16(const float* s) {
    float pairs[8];
    for (int i = 0; i < 8; ++i) pairs[i] = s[2 * i] + s[2 * i + 1];
    const float quads[4] = {pairs[0] + pairs[1], pairs[2] + pairs[3], pairs[4] + pairs[5],
                            pairs[6] + pairs[7]};
    return (quads[0] + quads[1]) + (quads[2] + quads[3]);
  }

  // out(s) = sum_i x(i) S(s, i), S(s, i) = S[s * k_step + i * i_step].
  template <int Short>
  static void dots(const float* x, const float* S, Index k_step, Index i_step, Index m,
                   float* out) {
    V sums[Short][kVectors];
    for (int s = 0; s < Short; ++s) {
      for (Index v = 0; v < kVectors; ++v) sums[s][v] = Isa::broadcast(0.0f);
    }
    float packed[Short][kColumns];
    for (Index first = 0; first < m; first += kColumns) {
      const Index count = m - first < kColumns ? m - first : kColumns;
      const float* rows[Short];
      for (int s = 0; s < Short; ++s) {
        if (i_step == 1) {
          rows[s] = S + s * k_step + first;  // S's rows are contiguous: read in place
        } else {
          for (Index i = 0; i < count; ++i) packed[s][i] = S[s * k_step + (first + i) * i_step];
          rows[s] = packed[s];
        }
      }
      for (Index i = 0; i < count; i += kSums) {
        for (Index v = 0; v < kVectors; ++v) {
          const Index at = i + v * lanes, valid = count - at;
          const V xv = load_lanes(x + first + at, valid);
          for (int s = 0; s < Short; ++s) {
            sums[s][v] = Isa::add(sums[s][v], Isa::mul(xv, load_lanes(rows[s] + at, valid)));
          }
        }
      }
    }
    for (int s = 0; s < Short; ++s) {
      float parts[kSums];
      for (Index v = 0; v < kVectors; ++v) Isa::store(parts + v * lanes, sums[s][v]);
      out[s] = pairwise16(parts);
    }
  }

  template <int Short, class Table>
  static void fill(Table& table) {
    table.dots[Short] = &dots<Short>;
    if constexpr (Short > 1) fill<Short - 1>(table);
  }
};

}  // namespace
}  // namespace nnsweep::kernels

// GELU (Hendrycks & Gimpel 2016), z Phi(z) with Phi the standard normal
// distribution function, as torch.nn.GELU, in both of its forms:
//   approximate: none   0.5 z (1 + erf(z / sqrt(2)))
//   approximate: tanh   0.5 z (1 + tanh(sqrt(2 / pi) (z + 0.044715 z^3)))
// Each is computed in a form that does not cancel where 1 + erf and 1 + tanh
// do (z below about -3, where torch's float64 values lose up to every digit):
// 1 + erf(x) = erfc(-x), and 1 + tanh(u) = 2 sigmoid(2 u).
#include <numbers>

#include "activations/elementwise.hpp"
#include "builtin.hpp"

namespace nnsweep::activations {
namespace {

// The constants with torch's bits (which writes them with M_SQRT2, M_2_SQRTPI
// and M_SQRT1_2: scaled by powers of 2, the same roundings).
constexpr double kKappa = 0.044715;
constexpr double kSqrtHalf = std::numbers::sqrt2 / 2;
constexpr double kBeta = std::numbers::sqrt2 * std::numbers::inv_sqrtpi;  // sqrt(2 / pi)
constexpr double kInverseSqrtTwoPi = std::numbers::inv_sqrtpi * kSqrtHalf;

struct Gelu {
  bool tanh_form;

  template <class S>
  void forward(const elementwise::ConstBlock<S>& Z, elementwise::Block<S> A) const {
    if (tanh_form) {
      A.array() = S(2 * kBeta) * (Z.array() + S(kKappa) * Z.array().cube());
      kernels::apply(kernels::sigmoid, A, A);
      A.array() *= Z.array();
    } else {
      A.array() = Z.array() * S(-kSqrtHalf);
      kernels::apply(kernels::erfc, A, A);
      A.array() = S(0.5) * Z.array() * A.array();
    }
  }
  // Exact: g' = Phi(z) + z phi(z). Tanh form: with s = sigmoid(v), v = 2 u,
  // g' = s (1 + z (1 - s) v'). Both from Z: A = z Phi(z) gives Phi back only
  // away from z = 0, and phi needs its exp anyway.
  template <class S>
  void backward(const elementwise::ConstBlock<S>& Z, const elementwise::ConstBlock<S>&,
                const elementwise::ConstBlock<S>& dA, elementwise::Block<S> dZ) const {
    if (tanh_form) {
      elementwise::backward_in_chunks<S>(Z, dA, dZ, [](auto z, auto da, auto dz, auto s, auto) {
        s = S(2 * kBeta) * (z + S(kKappa) * z.cube());
        kernels::sigmoid(s.data(), s.data(), static_cast<std::size_t>(z.size()));
        // v' = 2 sqrt(2 / pi) (1 + 3 0.044715 z^2)
        dz = da * (s * (S(1) + z * (S(1) - s) * (S(2 * kBeta) * (S(1) + S(3 * kKappa) * z * z))));
      });
    } else {
      elementwise::backward_in_chunks<S>(
          Z, dA, dZ, [](auto z, auto da, auto dz, auto cdf, auto pdf) {
            const auto n = static_cast<std::size_t>(z.size());
            cdf = z * S(-kSqrtHalf);
            kernels::erfc(cdf.data(), cdf.data(), n);
            pdf = S(-0.5) * z * z;
            kernels::exp(pdf.data(), pdf.data(), n);
            dz = da * (S(0.5) * cdf + z * pdf * S(kInverseSqrtTwoPi));
          });
    }
  }
};

}  // namespace

void register_gelu(Registries& registries) {
  registries.activations.add(
      {"gelu",
       "z Phi(z), Phi the Gaussian cumulative distribution function",
       {choice_param("approximate", "none", {"none", "tanh"},
                     "none: 0.5 z (1 + erf(z / sqrt 2)); "
                     "tanh: 0.5 z (1 + tanh(sqrt(2 / pi) (z + 0.044715 z^3)))")}},
      [](const Params& params) {
        return std::make_unique<elementwise::Activation<Gelu>>(
            Gelu{params.string("approximate") == "tanh"});
      });
}

}  // namespace nnsweep::activations

// Choosing the width at run time (kernels/vector_math.hpp).
#include "kernels/vector_math.hpp"

#include "kernels/dense_kernels.hpp"

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include "kernels/width_table.hpp"

namespace nnsweep::kernels {
namespace {

bool supports(Width width) {
  switch (width) {
    case Width::scalar:
    case Width::sse2:
      return true;  // every x86-64 CPU
    case Width::avx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case Width::avx512:
      return __builtin_cpu_supports("avx512f");
  }
  return false;
}

WidthTable table_for(Width width) {
  switch (width) {
    case Width::scalar:
      return scalar_table();
    case Width::sse2:
      return sse2_table();
    case Width::avx2:
      return avx2_table();
    case Width::avx512:
      return avx512_table();
  }
  return scalar_table();
}

struct Active {
  Width width;
  WidthTable table;
};

Active initial() {
  Width width = detected_width();
  if (const char* forced = std::getenv("NNSWEEP_SIMD")) {
    // An unknown or unsupported name is ignored rather than fatal here: the
    // CLI checks the variable and says so (cli/provenance.cpp).
    const auto parsed = parse_width(forced);
    if (parsed && supports(*parsed)) width = *parsed;
  }
  return {width, table_for(width)};
}

Active& active() {
  static Active state = initial();
  return state;
}

}  // namespace

Width detected_width() {
  for (Width width : {Width::avx512, Width::avx2}) {
    if (supports(width)) return width;
  }
  return Width::sse2;
}

Width active_width() {
  return active().width;
}

void use_width(Width width) {
  if (!supports(width)) {
    throw std::invalid_argument("this CPU does not support " + width_name(width));
  }
  active() = {width, table_for(width)};
}

std::string width_name(Width width) {
  switch (width) {
    case Width::scalar:
      return "scalar";
    case Width::sse2:
      return "sse2";
    case Width::avx2:
      return "avx2";
    case Width::avx512:
      return "avx512";
  }
  return "?";
}

std::optional<Width> parse_width(std::string_view name) {
  for (Width width : {Width::scalar, Width::sse2, Width::avx2, Width::avx512}) {
    if (name == width_name(width)) return width;
  }
  return std::nullopt;
}

std::vector<Width> supported_widths() {
  std::vector<Width> widths;
  for (Width width : {Width::scalar, Width::sse2, Width::avx2, Width::avx512}) {
    if (supports(width)) widths.push_back(width);
  }
  return widths;
}

void tanh(const double* x, double* y, std::size_t n) {
  active().table.tanh(x, y, n);
}
void exp(const double* x, double* y, std::size_t n) {
  active().table.exp(x, y, n);
}
void sigmoid(const double* x, double* y, std::size_t n) {
  active().table.sigmoid(x, y, n);
}
void softplus(const double* x, double* y, std::size_t n) {
  active().table.softplus(x, y, n);
}
void expm1(const double* x, double* y, std::size_t n) {
  active().table.expm1(x, y, n);
}
void erfc(const double* x, double* y, std::size_t n) {
  active().table.erfc(x, y, n);
}
void tanh_backward(const double* a, const double* da, double* dz, std::size_t n) {
  active().table.tanh_backward(a, da, dz, n);
}
void sigmoid_backward(const double* a, const double* da, double* dz, std::size_t n) {
  active().table.sigmoid_backward(a, da, dz, n);
}

void combine(const double* M, std::ptrdiff_t ld_m, ShortOperand S, const double* bias, double* out,
             std::ptrdiff_t ld_out, std::ptrdiff_t rows, std::ptrdiff_t short_dim,
             std::ptrdiff_t m) {
  const DenseTable& dense = active().table.dense;
  (bias ? dense.combine_bias : dense.combine)[short_dim](M, ld_m, S.data, S.k_step, S.i_step, bias,
                                                         nullptr, out, ld_out, rows, m);
}
void combine_derivative(Derivative form, const double* M, std::ptrdiff_t ld_m, ShortOperand S,
                        const double* A, std::ptrdiff_t ld_a, double* out, std::ptrdiff_t ld_out,
                        std::ptrdiff_t rows, std::ptrdiff_t short_dim, std::ptrdiff_t m) {
  const Through through{A, ld_a};
  active().table.dense.combine_derivative[static_cast<int>(form)][short_dim](
      M, ld_m, S.data, S.k_step, S.i_step, nullptr, &through, out, ld_out, rows, m);
}
void combine_derivative_gradient(Derivative form, const double* M, std::ptrdiff_t ld_m,
                                 ShortOperand S, const double* A, std::ptrdiff_t ld_a, double* out,
                                 std::ptrdiff_t ld_out, double* gradient,
                                 std::ptrdiff_t ld_gradient, std::ptrdiff_t rows,
                                 std::ptrdiff_t short_dim, std::ptrdiff_t m) {
  const Through through{A, ld_a, gradient, ld_gradient};
  active().table.dense.combine_derivative_gradient[static_cast<int>(form)][short_dim](
      M, ld_m, S.data, S.k_step, S.i_step, nullptr, &through, out, ld_out, rows, m);
}
void accumulate(const double* L, std::ptrdiff_t ld_l, const double* S, std::ptrdiff_t ld_s,
                double* out, std::ptrdiff_t ld_out, std::ptrdiff_t rows, std::ptrdiff_t short_dim,
                std::ptrdiff_t m) {
  active().table.dense.accumulate[short_dim](L, ld_l, S, ld_s, out, ld_out, rows, m);
}
void numpy_row_sums(const double* M, std::ptrdiff_t ld, std::ptrdiff_t rows, std::ptrdiff_t columns,
                    double* out) {
  active().table.dense.numpy_row_sums(M, ld, rows, columns, out);
}
void column_dots(const double* w, const double* A, std::ptrdiff_t ld_a, std::ptrdiff_t n,
                 std::ptrdiff_t m, double* out) {
  active().table.dense.column_dots(w, A, ld_a, n, m, out);
}
void numpy_dot(const double* x, ShortOperand S, std::ptrdiff_t short_dim, std::ptrdiff_t m,
               double* out) {
  active().table.dense.numpy_dot(x, S.data, S.k_step, S.i_step, short_dim, m, out);
}

}  // namespace nnsweep::kernels

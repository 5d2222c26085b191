#pragma once
// Element-wise transcendental functions over arrays of doubles, vectorised at
// the widest SIMD width the CPU offers, chosen at run time.
//
// Why these functions: training spends most of its time in tanh, exp and
// log1p, one libm call per element. tanh is kernels/tanh_lanes.hpp's (twice
// as fast as SLEEF's, at most 2.5 ulp from the true value); exp and log1p are
// SLEEF's deterministic functions (the `cinz` family: no fused multiply-add,
// one algorithm for every width, 1 ulp). Each gives bit-identical results at
// every width and on every x86-64 CPU: a sweep resumed on another machine, or
// forced to another width, gives the same bits. They differ from libm's by a
// few ulp at most, far inside numpy parity (1e-9). Dataset generators stay on
// libm, bit-exact with numpy.
//
// Contract, for every function below:
//  - y[i] = f(x[i]) for 0 <= i < n; x and y may be the same array (in place),
//    and otherwise must not overlap. No alignment is needed.
//  - The result of element i depends on x[i] alone: not on n, on i's position
//    within a vector, or on the width.
//  - No allocation; safe to call from many threads at once.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nnsweep::kernels {

enum class Width { scalar, sse2, avx2, avx512 };  // 1, 2, 4, 8 doubles (avx2 with FMA)

// The widest width this CPU supports.
Width detected_width();
// The width in use: detected_width(), or the NNSWEEP_SIMD environment
// variable's (scalar, sse2, avx2, avx512) when it is set and supported.
Width active_width();
// Switches the width, for tests and benchmarks. Throws std::invalid_argument
// when the CPU lacks it. Not to be called while other threads compute.
void use_width(Width width);
std::string width_name(Width width);
std::optional<Width> parse_width(std::string_view name);
// Every width this CPU supports, narrowest first.
std::vector<Width> supported_widths();

void tanh(const double* x, double* y, std::size_t n);
void exp(const double* x, double* y, std::size_t n);
// 1 / (1 + exp(-x)), as the seed post writes the logistic function.
void sigmoid(const double* x, double* y, std::size_t n);
// log(1 + exp(x)) without overflow: max(x, 0) + log1p(exp(-|x|)).
void softplus(const double* x, double* y, std::size_t n);
// exp(x) - 1 and erfc(x) = 1 - erf(x), both without the cancellation of the
// subtraction (elu near 0, gelu's lower tail); SLEEF's deterministic
// functions of the same family as exp (1 ulp and 1.5 ulp).
void expm1(const double* x, double* y, std::size_t n);
void erfc(const double* x, double* y, std::size_t n);

// The backward passes of tanh and sigmoid from their outputs a and the
// upstream gradient da, as the seed post writes them: dz = da * (1 - a * a)
// and dz = da * (a * (1 - a)). dz may be da (in place); a must not overlap it.
void tanh_backward(const double* a, const double* da, double* dz, std::size_t n);
void sigmoid_backward(const double* a, const double* da, double* dz, std::size_t n);

}  // namespace nnsweep::kernels

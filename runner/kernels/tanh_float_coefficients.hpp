#pragma once
// Written by tools/kernels/fit_float_tanh.py; do not edit. The coefficients
// of kernels/tanh_float_lanes.hpp, lowest degree first.

namespace nnsweep::kernels::tanh_float {

// e^r - 1 = r + r^2 Q(r) for |r| <= ln(2) / 2.
constexpr float Q[] = {
    4.999999702e-01f, 1.666654199e-01f, 4.166759551e-02f, 8.366676047e-03f, 1.385816257e-03f,
};

}  // namespace nnsweep::kernels::tanh_float

#!/usr/bin/python3
"""Writes runner/kernels/tanh_float_coefficients.hpp: the polynomial of
kernels/tanh_float_lanes.hpp, fitted with numpy by weighted least squares on
Chebyshev nodes (near-minimax in relative error) and rounded to float:

  e^r - 1 = r + r^2 Q(r) for |r| <= ln(2)/2, Q of degree 4
            (relative error 1.4e-8 with the coefficients rounded to float,
            a quarter of a float ulp).

Usage: tools/kernels/fit_float_tanh.py > runner/kernels/tanh_float_coefficients.hpp
"""
import numpy as np

NODES = 4000


def chebyshev(low, high):
    return (np.cos(np.linspace(0.0, np.pi, NODES)) + 1.0) * (high - low) / 2.0 + low


def weighted_fit(x, target, weight, degree):
    vander = np.vander(x, degree + 1, increasing=True)
    coefficients, *_ = np.linalg.lstsq(vander * weight[:, None], target * weight, rcond=None)
    return [float(np.float32(c)) for c in coefficients]


def fit_expm1():
    r = chebyshev(-np.log(2.0) / 2.0, np.log(2.0) / 2.0)
    r = r[np.abs(r) > 1e-4]
    # An error d in Q moves e^r - 1 by r^2 d: weight by r^2 / |e^r - 1| for a relative fit.
    return weighted_fit(r, (np.expm1(r) - r) / (r * r), r * r / np.abs(np.expm1(r)), 4)


def literal(c):
    return "%.9ef" % c


def array(name, coefficients):
    # One row, as clang-format lays it out.
    return ["constexpr float %s[] = {" % name,
            "    %s," % ", ".join(literal(c) for c in coefficients), "};"]


def main():
    lines = [
        "#pragma once",
        "// Written by tools/kernels/fit_float_tanh.py; do not edit. The coefficients",
        "// of kernels/tanh_float_lanes.hpp, lowest degree first.",
        "",
        "namespace nnsweep::kernels::tanh_float {",
        "",
        "// e^r - 1 = r + r^2 Q(r) for |r| <= ln(2) / 2.",
    ]
    lines += array("Q", fit_expm1())
    lines += ["", "}  // namespace nnsweep::kernels::tanh_float"]
    print("\n".join(lines))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""runner/kernels/tanh_float_coefficients.hpp is exactly what its generator
writes (tools/kernels/fit_float_tanh.py, a numpy fit), and the polynomial it
holds is e^r - 1 to within 2e-8 relative (a third of a float ulp) on
|r| <= ln(2)/2.

Usage: test_tanh_float_coefficients.py NNSWEEP_BINARY (unused)
"""
import os
import re
import subprocess
import sys

import numpy as np

ROOT = os.environ.get("NNSWEEP_SOURCE_DIR",
                      os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
HEADER = os.path.join(ROOT, "runner", "kernels", "tanh_float_coefficients.hpp")
GENERATOR = os.path.join(ROOT, "tools", "kernels", "fit_float_tanh.py")


def main():
    failures = []
    text = open(HEADER).read()
    generated = subprocess.run([sys.executable, GENERATOR], check=True, capture_output=True,
                               text=True).stdout
    if generated != text:
        failures.append("tanh_float_coefficients.hpp differs from its generator's output")
    body = re.search(r"Q\[\] = \{(.*?)\};", text, re.S).group(1)
    q = [float(v.rstrip("f")) for v in re.findall(r"[-+0-9.e]+f", body)]
    if len(q) != 5:
        failures.append("Q has %d coefficients, not 5" % len(q))
    r = np.linspace(-np.log(2.0) / 2.0, np.log(2.0) / 2.0, 100001)
    r = r[r != 0.0]
    approximation = r + r * r * np.polynomial.polynomial.polyval(r, q)
    worst = np.max(np.abs(approximation - np.expm1(r)) / np.abs(np.expm1(r)))
    if not worst < 2e-8:
        failures.append("r + r^2 Q(r) is %.3g from e^r - 1, relative" % worst)
    for message in failures:
        print("FAIL:", message)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""runner/kernels/tanh_table.hpp is exactly what its generator writes
(tools/kernels/generate_tanh_table.py, from mpmath), and its entries are what
they claim to be: the high double is 2^(j/16) - 1 rounded to nearest, and high
plus low is within 2^-100 of it.

Usage: test_tanh_table.py NNSWEEP_BINARY (unused)
"""
import os
import re
import subprocess
import sys

import mpmath

ROOT = os.environ.get("NNSWEEP_SOURCE_DIR",
                      os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
HEADER = os.path.join(ROOT, "runner", "kernels", "tanh_table.hpp")
GENERATOR = os.path.join(ROOT, "tools", "kernels", "generate_tanh_table.py")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def array(text, name):
    body = re.search(r"%s\[16\] = \{(.*?)\};" % name, text, re.S).group(1)
    return [float.fromhex(v) if v != "0.0" else 0.0
            for v in re.findall(r"^\s*(\S+),", body, re.M)]


def main():
    text = open(HEADER).read()
    generated = subprocess.run([sys.executable, GENERATOR], check=True, capture_output=True,
                               text=True).stdout
    check(generated == text, "tanh_table.hpp differs from its generator's output")
    mpmath.mp.dps = 60
    highs, lows = array(text, "powers_minus_one_high"), array(text, "powers_minus_one_low")
    check(len(highs) == 16 and len(lows) == 16, "the tables have 16 entries each")
    for j, high, low in zip(range(-8, 8), highs, lows):
        exact = mpmath.power(2, mpmath.mpf(j) / 16) - 1
        check(high == float(exact), "j = %d: high is not 2^(j/16) - 1 rounded" % j)
        check(abs(mpmath.mpf(high) + mpmath.mpf(low) - exact) <= mpmath.mpf(2) ** -100,
              "j = %d: high + low is not within 2^-100" % j)
    for message in failures:
        print("FAIL:", message)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""The same sweep forced to every SIMD width this CPU supports (NNSWEEP_SIMD)
gives bit-identical results files, wall times aside; each file records the
width it ran at, and an unsupported width is refused.

The sweep covers every vectorised function: tanh and sigmoid hidden layers,
sigmoid outputs with binary cross-entropy (softplus), softmax, full batch and
mini-batches; and every path of the dense kernels: one-unit layers, layers
narrower than a vector, and wider ones with a partial last vector.

With --set KEY=VALUE arguments (train.dtype=float32), every run gets
them, each set key must be a column of the results, and the sweeps must also
give the same bits at one and at two threads.

Usage: test_widths_end_to_end.py NNSWEEP_BINARY [--set KEY=VALUE ...]
"""
import os
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np

BINARY = sys.argv[1]
SETS = sys.argv[2:]
failures = []

MOONS = """\
name: widths
dataset: {name: moons, n_samples: 150, noise: 0.25, seed: 3, test_fraction: 0.2}
model: {hidden: [7], activation: tanh, init: {name: normal, scale: 0.8, seed: 1}}
optimizer: {name: gd, learning_rate: 0.9}
train: {iterations: 400, record_every: 7}
sweep:
  grid:
    model.hidden: [1, 7, 50]
    model.activation: [tanh, sigmoid, relu]
    train.batch_size: [full, 32]
"""
SPIRAL = """\
name: widths_spiral
dataset: {name: spiral, n_samples: 90, n_classes: 3, noise: 0.2}
model: {hidden: [9, 5], activation: tanh, output: softmax, init: {name: normal, scale: 0.5, seed: 4}}
loss: categorical_cross_entropy
optimizer: {name: adam, learning_rate: 0.02}
train: {epochs: 60, batch_size: 16}
"""


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def run(config, out, width, threads=1):
    env = dict(os.environ, NNSWEEP_SIMD=width)
    return subprocess.run([BINARY, "run", config, "--out", out, "--quiet", "--threads",
                           str(threads)] + SETS, env=env, capture_output=True, text=True,
                          timeout=300)


def compare(name, base, expected, label, data):
    check(sorted(data) == sorted(expected), f"{name}: datasets differ at {label}")
    for item in sorted(set(data) & set(expected)):
        a, b = np.asarray(data[item]), np.asarray(expected[item])
        same = a.shape == b.shape and (a.tobytes() == b.tobytes() if a.dtype.kind == "f"
                                       else list(a.ravel()) == list(b.ravel()))
        check(same, f"{name}: {item} differs between {base} and {label}")


def contents(path):
    found = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, item: found.__setitem__(name, item[()])
                     if isinstance(item, h5py.Dataset) else None)
        simd = f.attrs["simd"]
    return {k: v for k, v in found.items() if not k.endswith("wall_time_s")}, simd


version = subprocess.run([BINARY, "--version"], capture_output=True, text=True).stdout
match = re.search(r"this CPU: ([a-z0-9, ]+);", version)
check(match is not None, f"--version names no widths: {version!r}")
widths = match.group(1).split(", ") if match else []
check("scalar" in widths and "sse2" in widths, f"widths {widths}")

with tempfile.TemporaryDirectory() as folder:
    for name, text in (("moons", MOONS), ("spiral", SPIRAL)):
        config = os.path.join(folder, name + ".yaml")
        with open(config, "w") as f:
            f.write(text)
        reference = None
        for width in widths:
            out = os.path.join(folder, f"{name}_{width}.h5")
            done = run(config, out, width)
            check(done.returncode == 0, f"{name} at {width}: exit {done.returncode}: {done.stderr}")
            if done.returncode != 0:
                continue
            data, simd = contents(out)
            check(simd == width, f"{name} at {width}: the file says simd {simd}")
            if reference is None:
                reference = (width, data)
                continue
            compare(name, *reference, width, data)
        if SETS and reference is not None:
            for key in SETS[1::2]:
                column = "summary/" + key.split("=")[0]
                check(column in reference[1], f"{name}: no column {column}")
            out = os.path.join(folder, f"{name}_threads.h5")
            done = run(config, out, widths[-1], threads=2)
            check(done.returncode == 0, f"{name} at 2 threads: exit {done.returncode}: {done.stderr}")
            if done.returncode == 0:
                compare(name, reference[0], reference[1], f"{widths[-1]} at 2 threads",
                        contents(out)[0])
    refused = run(config, os.path.join(folder, "never.h5"), "neon")
    check(refused.returncode == 2 and "NNSWEEP_SIMD=neon" in refused.stderr,
          f"NNSWEEP_SIMD=neon: exit {refused.returncode}: {refused.stderr}")
    check(not os.path.exists(os.path.join(folder, "never.h5")), "a refused run wrote a file")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print(f"ok: {len(widths)} widths give the same bits" + (f" with {' '.join(SETS)}" if SETS else ""))

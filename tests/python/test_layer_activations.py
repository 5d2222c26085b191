#!/usr/bin/python3
"""One activation per hidden layer, end to end: the stored network, evaluated
with numpy as tanh, then relu, then the sigmoid output, gives the file's final
cost and accuracy.

Usage: test_layer_activations.py NNSWEEP_BINARY
"""
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import nnsweep_testlib as lib  # pins numpy to libm-equal kernels; before numpy
from nnsweep_testlib import np, make_moons

import h5py
from results_support import run_arrays

CONFIG = """\
name: layers
dataset: {name: moons, n_samples: 120, noise: 0.25, seed: 3}
model: {hidden: [4, 3], activation: [tanh, relu], init: {name: normal, scale: 0.7, seed: 5}}
optimizer: {name: gd, learning_rate: 0.3}
train: {iterations: 200}
"""

checks, failures = 0, []
with tempfile.TemporaryDirectory() as folder:
    config = os.path.join(folder, "layers.yaml")
    with open(config, "w") as out:
        out.write(CONFIG)
    path = os.path.join(folder, "layers.h5")
    lib.nnsweep("run", config, "--out", path, "--quiet")
    X, y = make_moons(120, noise=0.25, random_state=3)
    with h5py.File(path, "r") as f:
        run = run_arrays(f, 0)
        A = np.tanh(run["W1"][()] @ X.T + run["b1"][()])
        A = np.maximum(run["W2"][()] @ A + run["b2"][()], 0)
        A = 1 / (1 + np.exp(-(run["W3"][()] @ A + run["b3"][()])))
        Y = y.reshape(1, -1)
        cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        stored = f["summary/train.cost"][0]
        checks += 2
        if not abs(stored - cost) <= 1e-12 * cost:
            failures.append("final cost %r, numpy %r" % (stored, cost))
        if f["summary/train.accuracy"][0] != np.mean((A > 0.5) == (Y > 0.5)):
            failures.append("train accuracy differs")
lib.report("test_layer_activations", checks, failures)

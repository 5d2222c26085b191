#!/usr/bin/python3
"""A train/test split with scaling, end to end against sklearn: the stored
dataset and part indices equal make_moons and train_test_split (stratified),
and the stored network evaluated on StandardScaler-scaled test data gives the
file's test cost and test accuracy.

Usage: test_split_against_sklearn.py NNSWEEP_BINARY
"""
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import nnsweep_testlib as lib  # pins numpy to libm-equal kernels; before numpy
from nnsweep_testlib import np, make_moons

import h5py
from results_support import run_arrays
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

CONFIG = """\
name: split
dataset: {name: moons, n_samples: 203, noise: 0.3, seed: 4, test_fraction: 0.3,
          split_seed: 7, stratify: %s, standardize: %s}
model: {hidden: [5], activation: tanh, init: {name: normal, scale: 0.5, seed: 2}}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 301, record_every: 50}
"""

checks, failures = 0, []


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)


def forward(f, index, X):
    """Run `index`'s network on X (examples x features): sigmoid(W2 tanh(W1 X^T + b1) + b2)."""
    run = run_arrays(f, index)
    A = np.tanh(run["W1"] @ X.T + run["b1"])
    return 1 / (1 + np.exp(-(run["W2"] @ A + run["b2"])))


def case(folder, stratify, standardize):
    label = "stratify=%s standardize=%s" % (stratify, standardize)
    config = os.path.join(folder, "split.yaml")
    with open(config, "w") as out:
        out.write(CONFIG % (stratify, standardize))
    path = os.path.join(folder, "%s-%s.h5" % (stratify, standardize))
    lib.nnsweep("run", config, "--out", path, "--quiet")
    X, y = make_moons(203, noise=0.3, random_state=4)
    train, test = train_test_split(np.arange(203), test_size=0.3, random_state=7,
                                   stratify=y if stratify == "true" else None)
    with h5py.File(path, "r") as f:
        (dataset_id,) = f["datasets"].keys()
        stored = f["datasets"][dataset_id]
        check(np.array_equal(stored["X"][()], X), label + ": /datasets X is make_moons' X")
        check(np.array_equal(stored["train_index"][()], train), label + ": train_index")
        check(np.array_equal(stored["test_index"][()], test), label + ": test_index")
        X_test = X[test]
        if standardize == "true":
            X_test = StandardScaler().fit(X[train]).transform(X_test)
        A = forward(f, 0, X_test)
        Y = y[test].reshape(1, -1)
        cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        accuracy = np.mean((A > 0.5) == (Y > 0.5))
        stored_cost = f["summary/test.cost"][0]
        check(abs(stored_cost - cost) <= 1e-12 * abs(cost),
              "%s: test cost %r, recomputed %r" % (label, stored_cost, cost))
        check(f["summary/test.accuracy"][0] == accuracy,
              "%s: test accuracy %r, recomputed %r" % (label, f["summary/test.accuracy"][0],
                                                       accuracy))
        # The test curve holds the test cost after each recorded epoch (an
        # iteration here): its last entry, after update 300, is the final one.
        curve = f["summary/test_cost"][0]
        check(curve.shape == (7,) and np.all(np.isfinite(curve)), label + ": test cost curve")
        check(curve[-1] == stored_cost, "%s: last test curve entry %r, final test cost %r"
              % (label, curve[-1], stored_cost))


with tempfile.TemporaryDirectory() as folder:
    for stratify in ("false", "true"):
        for standardize in ("false", "true"):
            case(folder, stratify, standardize)
lib.report("test_split_against_sklearn", checks, failures)

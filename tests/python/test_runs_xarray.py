#!/usr/bin/python3
"""Format version 4's /runs table opens in xarray (h5netcdf) with named
dimensions, no phony_dim_N, as /summary does; and the weights xarray gives,
unpadded by layer_sizes, are the network nnsweep trained: their forward pass
on the stored training set gives the train.cost nnsweep wrote. Runs of three
depths and widths share the padded datasets, NaN beyond each run's own shape.

usage: test_runs_xarray.py NNSWEEP_BINARY
"""
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import nnsweep_testlib as lib  # pins numpy to libm-equal kernels; before numpy
from nnsweep_testlib import np

import h5py
import xarray
from results_support import run_arrays

CONFIG = """\
name: runs_xarray
dataset: {name: moons, n_samples: 60, noise: 0.2, seed: 0}
model: {hidden: [3], activation: tanh, output: sigmoid, init: {name: normal, scale: 0.5, seed: 1}}
loss: binary_cross_entropy
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 30, record_every: 10}
sweep:
  grid:
    model.hidden: [1, [4, 2], 5]
    model.init.seed: [1, 2]
"""
HIDDEN = [[1], [1], [4, 2], [4, 2], [5], [5]]
checks, failures = 0, []


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)


def no_phony(ds, label):
    check(not any("phony" in str(d) for d in ds.dims), "%s: phony dims %s" % (label, dict(ds.dims)))


with tempfile.TemporaryDirectory(prefix="nnsweep-runs-xarray-") as folder:
    config = os.path.join(folder, "runs.yaml")
    with open(config, "w") as out:
        out.write(CONFIG)
    path = os.path.join(folder, "runs.h5")
    lib.nnsweep("run", config, "--out", path, "--quiet")

    summary = xarray.open_dataset(path, group="summary", engine="h5netcdf")
    runs = xarray.open_dataset(path, group="runs", engine="h5netcdf")
    no_phony(summary, "summary")
    no_phony(runs, "runs")
    check(set(runs.dims) == {"run", "layer", "W1_out", "W1_in", "b1_out", "W2_out", "W2_in",
                             "b2_out", "W3_out", "W3_in", "b3_out"},
          "runs: dims %s" % dict(runs.dims))
    check(runs["W1"].dims == ("run", "W1_out", "W1_in") and runs["W1"].shape == (6, 5, 2),
          "W1: %s %s" % (runs["W1"].dims, runs["W1"].shape))
    check(list(runs["run"].values) == list(summary["run"].values), "runs and summary rows differ")

    with h5py.File(path, "r") as f:
        (dataset,) = f["datasets"].values()
        X, y = dataset["X"][()], dataset["y"][()]
        by_h5py = [run_arrays(f, i) for i in range(6)]
    for i, hidden in enumerate(HIDDEN):
        sizes = [2] + hidden + [1]
        run = runs.sel(run=i)
        check(list(run["layer_sizes"].values) == sizes + [0] * (4 - len(sizes)),
              "run %d: layer_sizes %s" % (i, run["layer_sizes"].values))
        A = X.T
        for l in range(1, 4):
            W, b = run["W%d" % l].values, run["b%d" % l].values
            if l >= len(sizes):
                check(np.all(np.isnan(W)) and np.all(np.isnan(b)), "run %d: W%d not NaN" % (i, l))
                continue
            rows, cols = sizes[l], sizes[l - 1]
            padding = np.ones(W.shape, bool)
            padding[:rows, :cols] = False
            check(np.all(np.isnan(W[padding])) and np.all(np.isnan(b[rows:])),
                  "run %d: W%d or b%d padding is not NaN" % (i, l, l))
            W, b = W[:rows, :cols], b[:rows].reshape(-1, 1)
            check(np.all(np.isfinite(W)) and np.all(np.isfinite(b)), "run %d: W%d NaN" % (i, l))
            check(np.array_equal(W, by_h5py[i]["W%d" % l]) and
                  np.array_equal(b, by_h5py[i]["b%d" % l]),
                  "run %d: xarray and h5py W%d differ" % (i, l))
            Z = W @ A + b
            A = 1 / (1 + np.exp(-Z)) if l == len(sizes) - 1 else np.tanh(Z)
        cost = -np.mean(y * np.log(A[0]) + (1 - y) * np.log(1 - A[0]))
        stored = float(summary["train.cost"].sel(run=i))
        check(abs(cost - stored) <= 1e-12 * stored,
              "run %d: the weights give cost %r, nnsweep wrote %r" % (i, cost, stored))
        check(len(by_h5py[i]["cost"]) == 3 and
              np.array_equal(by_h5py[i]["cost"], summary["cost"].sel(run=i).values[:3]),
              "run %d: cost curve %s" % (i, by_h5py[i]["cost"]))
    summary.close()
    runs.close()
lib.report("test_runs_xarray", checks, failures)

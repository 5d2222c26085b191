#!/usr/bin/python3
"""nnsweep.predict, weights and dataset against what nnsweep stored.

Usage: test_predict.py NNSWEEP_BINARY

Sweeps every built-in hidden activation (gelu in both forms, leaky_relu,
elu and hard_tanh with non-default parameters, and a list of one activation
per layer) under each output kind: sigmoid with binary cross-entropy
(moons, test part, standardized, L2 penalty), softmax with categorical
cross-entropy (a 3-class spiral, L1 penalty) and identity with mse
(friedman1 regression, standardized), and mse on classes (softmax over a
3-class spiral, tanh and hard_tanh outputs on moons). For every run, the package's network
recomputes the stored train.* and test.* cost (loss from the logits, as
nnsweep computes it, plus the weight penalties), accuracy or rmse to 1e-12;
and weights/dataset agree with the raw /runs and /datasets rows.
"""
import math
import os
import tempfile

from package_support import check, finish, sweep

import h5py  # noqa: E402  (after package_support puts the package on the path)
import numpy as np  # noqa: E402

import nnsweep  # noqa: E402


BINARY = """name: binary
dataset: {name: moons, n_samples: 120, noise: 0.25, seed: 0, test_fraction: 0.25, standardize: true}
model: {hidden: [6, 4], activation: tanh, output: sigmoid, init: {name: he_normal, seed: 1}}
loss: binary_cross_entropy
regularization: {l2: 0.01}
optimizer: {name: adam, learning_rate: 0.05}
train: {iterations: 60, record_every: 10}
sweep:
  grid:
    model.activation: [identity, relu, elu, selu, sigmoid, tanh, softplus, softsign, gelu, silu,
                       mish, hard_sigmoid, hard_tanh, {name: leaky_relu, alpha: 0.2},
                       {name: elu, alpha: 0.5}, {name: gelu, approximate: tanh},
                       {name: hard_tanh, min_val: -0.5, max_val: 2.0}, [mish, selu]]
"""

MULTICLASS = """name: multiclass
dataset: {name: spiral, n_samples: 150, n_classes: 3, noise: 0.2, seed: 0, test_fraction: 0.2}
model: {hidden: [8], activation: tanh, output: softmax, init: {name: xavier_normal, seed: 2}}
loss: categorical_cross_entropy
regularization: {l1: 0.001}
optimizer: {name: adam, learning_rate: 0.05}
train: {iterations: 60}
sweep:
  grid:
    model.activation: [relu, elu, selu, gelu, silu, softplus]
"""

REGRESSION = """name: regression
dataset: {name: friedman1, n_samples: 100, noise: 0.5, seed: 0, test_fraction: 0.25, standardize: true}
model: {hidden: [8], activation: tanh, output: identity, init: {name: he_normal, seed: 3}}
loss: mse
optimizer: {name: adam, learning_rate: 0.02}
train: {epochs: 20, batch_size: 16}
sweep:
  grid:
    model.activation: [relu, mish, softsign, hard_sigmoid, [sigmoid]]
"""


# mse on classes: one 0/1 unit for two classes (any output), one-hot units for more.
CLASSES_MSE = """name: classes_mse
dataset: {name: spiral, n_samples: 90, noise: 0.2, seed: 1, spiral: {n_classes: 3}}
model: {hidden: [6], activation: tanh, output: softmax, init: {name: he_normal, seed: 4}}
loss: mse
optimizer: {name: adam, learning_rate: 0.05}
train: {iterations: 40}
sweep:
  zip:
    dataset.name: [spiral, moons, moons]
    model.output: [softmax, tanh, hard_tanh]
"""


def penalty(layers, config):
    """l1 sum|W| + l2 sum(W^2) / 2 over the weight matrices (docs: Weight penalties)."""
    reg = config.get("regularization", {})
    return (reg.get("l1", 0.0) * sum(np.abs(W).sum() for W, _ in layers)
            + reg.get("l2", 0.0) * sum((W ** 2).sum() for W, _ in layers) / 2)


def reference_metrics(net, rows):
    """{metric: value} on the dataset rows `rows`, from the package's logits
    and outputs, with numpy's own formulas for the losses."""
    data, loss = net.data, net.config["loss"]["name"]
    X, y = data.X[rows], data.y[rows]
    z, out = net.logits(X), net(X)
    if loss == "binary_cross_entropy":
        cost = np.mean(y * np.logaddexp(0, -z[:, 0]) + (1 - y) * np.logaddexp(0, z[:, 0]))
        check(np.allclose(out[:, 0], 1 / (1 + np.exp(-z[:, 0])), rtol=1e-15, atol=0),
              "the sigmoid output is not sigmoid(logits)")
        return {"cost": cost, "accuracy": np.mean((out[:, 0] > 0.5) == (y == 1))}
    if loss == "categorical_cross_entropy":
        shifted = z - z.max(axis=1, keepdims=True)
        log_softmax = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        cost = -np.mean(log_softmax[np.arange(len(y)), y.astype(int)])
        return {"cost": cost, "accuracy": np.mean(out.argmax(axis=1) == y)}
    if data.task == "classification":  # mse on classes
        units = out.shape[1]
        targets = (y == 1)[:, None] * 1.0 if units == 1 else np.eye(units)[y.astype(int)]
        predicted = out[:, 0] > 0.5 if units == 1 else out.argmax(axis=1)
        return {"cost": np.mean((out - targets) ** 2), "accuracy": np.mean(predicted == y)}
    targets = y.reshape(len(y), -1)
    return {"cost": np.mean((out - targets) ** 2),
            "rmse": math.sqrt(np.mean((out - targets) ** 2))}


def close(a, b):
    return abs(a - b) <= 1e-12 * max(1.0, abs(b))


def check_file(path, label):
    ds = nnsweep.open(path)
    compared = 0
    names = set()
    for i, run in enumerate(ds["run"].values):
        status = ds["status"].values[i]
        if not check(status == "ok", f"{label}: run {run} is {status}"):
            continue
        net = nnsweep.network(path, run)
        names.update(name for name, _ in net.activations)
        for part in ("train", "test"):
            rows = getattr(net.data, part)
            if not len(rows):  # no test part
                continue
            got = reference_metrics(net, rows)
            got["cost"] += penalty(net.layers, net.config)
            for metric, value in got.items():
                stored = float(ds[f"{part}.{metric}"][i])
                compared += 1
                check(close(value, stored), f"{label}: run {run} {part}.{metric} {value!r} "
                      f"from the package, {stored!r} stored (difference {value - stored:.3g})")
        check_raw(path, run, i, label)
    check(compared >= 2 * ds.sizes["run"], f"{label}: only {compared} metrics compared")
    print(f"ok   {label}: {compared} metrics of {ds.sizes['run']} runs to 1e-12; "
          f"activations {sorted(names)}")
    return names


def check_raw(path, run, row, label):
    """weights and dataset against the padded rows of /runs and /datasets."""
    layers, data = nnsweep.weights(path, run), nnsweep.dataset(path, run)
    with h5py.File(path, "r") as f:
        sizes = [int(n) for n in f["runs/layer_sizes"][row] if n > 0]
        check([W.shape for W, _ in layers] == [(sizes[l], sizes[l - 1])
                                               for l in range(1, len(sizes))],
              f"{label}: run {run} weight shapes {[W.shape for W, _ in layers]}, sizes {sizes}")
        W1 = f["runs/W1"][row]
        check(np.array_equal(layers[0].W, W1[:sizes[1], :sizes[0]]), f"{label}: run {run} W1")
        group = f["datasets"][f["runs/dataset_id"].asstr()[row]]
        check(np.array_equal(data.X, group["X"][()]) and np.array_equal(data.y, group["y"][()]),
              f"{label}: run {run} dataset X, y")
        test = group["test_index"][()] if "test_index" in group else np.arange(0)
        check(np.array_equal(data.test, test), f"{label}: run {run} test rows")


def main():
    with tempfile.TemporaryDirectory(prefix="nnsweep_predict_") as tmp:
        names = check_file(sweep(tmp, "binary", BINARY), "sigmoid output")
        names |= check_file(sweep(tmp, "multiclass", MULTICLASS), "softmax output")
        names |= check_file(sweep(tmp, "regression", REGRESSION), "identity output")
        names |= check_file(sweep(tmp, "classes_mse", CLASSES_MSE), "classes with mse")
        built_in = set(nnsweep.activations.ACTIVATIONS)
        check(names == built_in, f"activations not covered: {sorted(built_in - names)}")
        try:
            nnsweep.predict(os.path.join(tmp, "binary.h5"), 999, np.zeros((1, 2)))
            check(False, "predict of a run not in the file did not fail")
        except KeyError as error:
            check("999" in str(error), f"the error for run 999 does not name it: {error}")
    finish("test_predict")


if __name__ == "__main__":
    main()

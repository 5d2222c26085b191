#!/usr/bin/python3
"""Multi-class, regression and mini-batch training against numpy, and their
metrics against sklearn.metrics.

Each case trains with nnsweep, then repeats the training in numpy, written the
way the seed post writes its network, on the data nnsweep stored (/datasets,
whose generators are checked against sklearn elsewhere):
  - spiral, 3 classes, softmax with categorical cross-entropy, full batch;
  - friedman1 regression, identity with mse, mini-batches of 16 drawn as
    np.random.RandomState(shuffle_seed).permutation(m) every epoch, scaled
    with StandardScaler fitted on the training part;
  - blobs, 4 classes, mse on one-hot targets with a sigmoid output, mini-batches.
Weights must agree to 1e-9 absolute and the cost curves (the weighted mean of
the batch costs of each epoch, and the test cost after it) to 1e-9 relative.
The stored train and test metrics must equal sklearn's on the stored network.

Usage: test_tasks_against_numpy.py NNSWEEP_BINARY
"""
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import nnsweep_testlib as lib  # pins numpy to libm-equal kernels; before numpy
from nnsweep_testlib import np

import h5py
from results_support import run_arrays
from sklearn import metrics as skm
from sklearn.preprocessing import StandardScaler

checks, failures = 0, []


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)


ACTIVATIONS = {"tanh": np.tanh, "identity": lambda z: z,
               "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "relu": lambda z: np.maximum(z, 0)}
DERIVATIVES = {"tanh": lambda a: 1 - a ** 2, "identity": lambda a: np.ones_like(a),
               "sigmoid": lambda a: a * (1 - a)}


def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def log_softmax(Z):
    shifted = Z - Z.max(axis=0, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))


def initialize(sizes, seed, scale):
    np.random.seed(seed)
    weights = [np.random.randn(sizes[l + 1], sizes[l]) * scale for l in range(len(sizes) - 1)]
    return weights, [np.zeros((n, 1)) for n in sizes[1:]]


def forward(weights, biases, X, hidden, output):
    activations, logits = [X], []
    for l, (W, b) in enumerate(zip(weights, biases)):
        Z = np.dot(W, activations[-1]) + b
        logits.append(Z)
        last = l == len(weights) - 1
        activations.append(softmax(Z) if last and output == "softmax"
                           else ACTIVATIONS[output if last else hidden](Z))
    return logits, activations


def cost(loss, Z, A, Y):
    if loss == "categorical_cross_entropy":
        return -(1 / Y.shape[1]) * np.sum(Y * log_softmax(Z))
    return np.mean((A - Y) ** 2)


def step(weights, biases, X, Y, case):
    """One gd update on the examples X, Y; returns the cost before it."""
    m = X.shape[1]
    logits, activations = forward(weights, biases, X, case["hidden_activation"], case["output"])
    A = activations[-1]
    if case["loss"] == "categorical_cross_entropy":
        dZ = A - Y  # softmax with cross-entropy
    else:
        dZ = (2 / Y.shape[0]) * (A - Y) * DERIVATIVES[case["output"]](A)
    before = cost(case["loss"], logits[-1], A, Y)
    for l in reversed(range(len(weights))):
        dW = (1 / m) * np.dot(dZ, activations[l].T)
        db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
        if l > 0:
            dZ = np.dot(weights[l].T, dZ) * DERIVATIVES[case["hidden_activation"]](activations[l])
        weights[l] = weights[l] - case["learning_rate"] * dW
        biases[l] = biases[l] - case["learning_rate"] * db
    return before


def train_numpy(X, Y, X_test, Y_test, case):
    sizes = [X.shape[0], *case["hidden"], Y.shape[0]]
    weights, biases = initialize(sizes, case["init_seed"], case["init_scale"])
    m, batch = X.shape[1], case.get("batch_size", X.shape[1])
    shuffle = np.random.RandomState(case.get("shuffle_seed", 0))
    costs, test_costs = [], []
    for epoch in range(case["epochs"]):
        order = shuffle.permutation(m) if batch < m else np.arange(m)
        weighted, seen = 0.0, 0
        for begin in range(0, m, batch):
            rows = order[begin:begin + batch]
            batch_cost = step(weights, biases, X[:, rows], Y[:, rows], case)
            weighted, seen = weighted + batch_cost * len(rows), seen + len(rows)
        costs.append(batch_cost if batch >= m else weighted / seen)
        logits, activations = forward(weights, biases, X_test, case["hidden_activation"],
                                      case["output"])
        test_costs.append(cost(case["loss"], logits[-1], activations[-1], Y_test))
    return weights, biases, np.array(costs), np.array(test_costs)


def targets(y, classes, loss):
    if classes == 0:
        return y.reshape(1, -1)
    if classes == 2 and loss == "mse":
        return y.reshape(1, -1)
    return np.eye(classes)[y.astype(int)].T


def relative(a, b):
    return np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300))


def run_case(folder, name, case):
    config = os.path.join(folder, name + ".yaml")
    with open(config, "w") as out:
        out.write(case["yaml"])
    path = os.path.join(folder, name + ".h5")
    lib.nnsweep("run", config, "--out", path, "--quiet")
    with h5py.File(path, "r") as f:
        (dataset_id,) = f["datasets"].keys()
        data = f["datasets"][dataset_id]
        X, y = data["X"][()], data["y"][()]
        train, test = data["train_index"][()], data["test_index"][()]
        classes = int(data.attrs["classes"])
        check(lib.text(data.attrs["task"]) == ("classification" if classes else "regression"),
              name + ": task attribute")
        X_train, X_test = X[train], X[test]
        if case.get("standardize"):
            scaler = StandardScaler().fit(X_train)
            X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
        Y_train = targets(y[train], classes, case["loss"])
        Y_test = targets(y[test], classes, case["loss"])
        weights, biases, costs, test_costs = train_numpy(X_train.T, Y_train, X_test.T, Y_test, case)
        run = run_arrays(f, 0)
        for l, (W, b) in enumerate(zip(weights, biases), start=1):
            error = max(np.max(np.abs(run["W%d" % l][()] - W)), np.max(np.abs(run["b%d" % l][()] - b)))
            check(error <= 1e-9, "%s: layer %d differs from numpy by %g" % (name, l, error))
        check(relative(run["cost"][()], costs) <= 1e-9, name + ": cost curve differs from numpy")
        check(relative(run["test_cost"][()], test_costs) <= 1e-9,
              name + ": test cost curve differs from numpy")
        summary = f["summary"]
        for part, X_part, y_part in (("train", X_train, y[train]), ("test", X_test, y[test])):
            logits, activations = forward(
                [run["W%d" % l][()] for l in range(1, len(weights) + 1)],
                [run["b%d" % l][()] for l in range(1, len(weights) + 1)],
                X_part.T, case["hidden_activation"], case["output"])
            A = activations[-1]
            got = lambda metric: float(summary["%s.%s" % (part, metric)][0])
            if classes:
                predicted = (A[0] > 0.5).astype(int) if A.shape[0] == 1 else A.argmax(axis=0)
                average = "binary" if classes == 2 else "macro"
                expected = {
                    "accuracy": skm.accuracy_score(y_part, predicted),
                    "precision": skm.precision_score(y_part, predicted, average=average,
                                                     zero_division=0),
                    "recall": skm.recall_score(y_part, predicted, average=average, zero_division=0),
                    "f1": skm.f1_score(y_part, predicted, average=average, zero_division=0)}
                for metric, value in expected.items():
                    check(got(metric) == value, "%s: %s.%s %r, sklearn %r"
                          % (name, part, metric, got(metric), value))
                check("%s.rmse" % part not in summary, name + ": no rmse for classes")
            else:
                expected = {"rmse": skm.mean_squared_error(y_part, A[0], squared=False),
                            "r2": skm.r2_score(y_part, A[0])}
                for metric, value in expected.items():
                    check(abs(got(metric) - value) <= 1e-12 * max(1, abs(value)),
                          "%s: %s.%s %r, sklearn %r" % (name, part, metric, got(metric), value))
                check("%s.accuracy" % part not in summary, name + ": no accuracy for regression")


CASES = {
    "spiral": dict(
        yaml="""name: spiral
dataset: {name: spiral, n_samples: 150, n_classes: 3, noise: 0.2, seed: 1, test_fraction: 0.2,
          split_seed: 3, stratify: true}
model: {hidden: [12], activation: tanh, output: softmax, init: {name: normal, scale: 0.5, seed: 4}}
loss: categorical_cross_entropy
optimizer: {name: gd, learning_rate: 0.3}
train: {iterations: 300}
""", hidden=[12], hidden_activation="tanh", output="softmax", loss="categorical_cross_entropy",
        learning_rate=0.3, epochs=300, init_seed=4, init_scale=0.5),
    "friedman": dict(
        yaml="""name: friedman
dataset: {name: friedman1, n_samples: 130, noise: 0.5, seed: 2, test_fraction: 0.25,
          standardize: true}
model: {hidden: [8, 6], activation: tanh, output: identity, init: {name: normal, scale: 0.3, seed: 5}}
loss: mse
optimizer: {name: gd, learning_rate: 0.01}
train: {epochs: 40, batch_size: 16, shuffle_seed: 77}
""", hidden=[8, 6], hidden_activation="tanh", output="identity", loss="mse",
        learning_rate=0.01, epochs=40, batch_size=16, shuffle_seed=77, init_seed=5,
        init_scale=0.3, standardize=True),
    "blobs": dict(
        yaml="""name: blobs
dataset: {name: blobs, n_samples: 120, centers: 4, cluster_std: 2.0, seed: 6, test_fraction: 0.3}
model: {hidden: [5], activation: tanh, output: sigmoid, init: {name: normal, scale: 0.2, seed: 1}}
loss: mse
optimizer: {name: gd, learning_rate: 0.5}
train: {epochs: 25, batch_size: 20, shuffle_seed: 3}
""", hidden=[5], hidden_activation="tanh", output="sigmoid", loss="mse",
        learning_rate=0.5, epochs=25, batch_size=20, shuffle_seed=3, init_seed=1, init_scale=0.2),
}

with tempfile.TemporaryDirectory() as folder:
    for name, case in CASES.items():
        run_case(folder, name, case)
lib.report("test_tasks_against_numpy", checks, failures)

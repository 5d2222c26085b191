"""One run's trained network and its data: nnsweep.weights, nnsweep.dataset
and nnsweep.predict.

Runs are named by their plan index (the `run` coordinate of nnsweep.open,
the `run` column of `nnsweep show`), never by row position, so the same
call works on a share or a merged file.
"""
from dataclasses import dataclass
from typing import NamedTuple, Optional

import numpy as np

from . import _file
from ._config import parse_config, plugin
from .activations import activate


class Layer(NamedTuple):
    """One layer's parameters: W (units x inputs) and b (units,)."""
    W: np.ndarray
    b: np.ndarray


@dataclass
class Data:
    """A run's dataset as stored: X and y before splitting and scaling.

    `train` and `test` are the rows of X in each part (`test` is empty
    without a test part); `mean` and `scale` are the StandardScaler the run
    used (fitted on the training part), None without `standardize: true`.
    """
    X: np.ndarray
    y: np.ndarray
    train: np.ndarray
    test: np.ndarray
    task: str
    class_names: list
    config: dict
    mean: Optional[np.ndarray] = None
    scale: Optional[np.ndarray] = None

    def scaled(self, X):
        """X as the run's network saw it (standardized when the run was)."""
        X = np.asarray(X, dtype=float)
        return X if self.mean is None else (X - self.mean) / self.scale


def _read_weights(f, row):
    runs = f["runs"]
    sizes = [int(n) for n in runs["layer_sizes"][row] if n > 0]
    return [Layer(runs[f"W{l}"][row, :sizes[l], :sizes[l - 1]], runs[f"b{l}"][row, :sizes[l]])
            for l in range(1, len(sizes))]


def weights(path, run):
    """Run `run`'s final parameters: a list of Layer(W, b), input layer first.

    Empty for a failed run (it has none). A diverged run's may be NaN.
    """
    with _file.open_results(path) as f:
        return _read_weights(f, _file.row_of(f, run))


def _read_data(f, row):
    dataset_id = _file.text(f["runs/dataset_id"][row])
    if dataset_id not in f["datasets"]:
        raise KeyError(f"dataset {dataset_id} is not in the file")
    g = f["datasets"][dataset_id]
    config = parse_config("dataset: " + _file.text(g.attrs["config"]))["dataset"]
    if "X" not in g:
        raise ValueError(f"dataset {dataset_id} is described but not stored "
                         "(it exceeded nnsweep run --dataset-limit)")
    X, y = g["X"][()], g["y"][()]
    everything = np.arange(len(X))
    train = g["train_index"][()] if "train_index" in g else everything
    test = g["test_index"][()] if "test_index" in g else everything[:0]
    names = [_file.text(v) for v in g["class_names"][()]] if "class_names" in g else []
    data = Data(X, y, train, test, _file.text(g.attrs.get("task", "classification")), names,
                config)
    if config.get("standardize") is True:
        # StandardScaler: population std, and 1 for a constant feature.
        part = X[train]
        scale = part.std(axis=0)
        data.mean, data.scale = part.mean(axis=0), np.where(scale > 0, scale, 1.0)
    return data


def dataset(path, run):
    """Run `run`'s dataset as a Data (X, y, train, test, task, class_names, ...)."""
    with _file.open_results(path) as f:
        return _read_data(f, _file.row_of(f, run))


def layer_activations(config, layers):
    """[(name, parameters)] for each of `layers` layers of a parsed run
    config: model.activation (one, or one per hidden layer), then model.output."""
    model = config["model"]
    hidden = model["activation"]
    hidden = [plugin(a) for a in hidden] if isinstance(hidden, list) else [plugin(hidden)]
    if len(hidden) == 1:
        hidden = hidden * (layers - 1)
    return hidden[:layers - 1] + [plugin(model["output"])]


class Network:
    """A stored run's network, read once and evaluated many times (the plots
    evaluate one network on a whole grid)."""

    def __init__(self, f, row):
        self.layers = _read_weights(f, row)
        if not self.layers:
            raise ValueError(f"run {int(f['summary/run'][row])} has no parameters "
                             f"(status {_file.text(f['summary/status'][row])})")
        self.config = parse_config(_file.text(f["runs/config"][row]))
        self.activations = layer_activations(self.config, len(self.layers))
        self.data = _read_data(f, row)

    def logits(self, X):
        """The output layer's pre-activation, examples x outputs."""
        return self._forward(X, last=False)

    def __call__(self, X):
        """The network's output for inputs X (examples x features, unscaled)."""
        return self._forward(X, last=True)

    def _forward(self, X, last):
        A = self.data.scaled(X).T
        for l, ((W, b), (name, parameters)) in enumerate(zip(self.layers, self.activations)):
            Z = W @ A + b[:, None]
            A = activate(name, parameters, Z) if last or l + 1 < len(self.layers) else Z
        return A.T


def network(path, run):
    """Run `run`'s network as a callable Network (see predict)."""
    with _file.open_results(path) as f:
        return Network(f, _file.row_of(f, run))


def predict(path, run, X, logits=False):
    """Run `run`'s network evaluated on inputs X (examples x features).

    X is in the dataset's own units: a run trained with `standardize: true`
    gets X scaled as it was in training. Returns examples x outputs: P(y = 1)
    for a sigmoid output, class probabilities for softmax, the targets for
    regression; with logits=True the output layer's pre-activation instead.
    Computed in float64, as nnsweep trains by default (a `train.dtype:
    float32` run agrees only to float precision).
    """
    net = network(path, run)
    return net.logits(X) if logits else net(X)

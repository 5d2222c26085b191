#!/usr/bin/python3
"""Compare the runs of an nnsweep results file: a grouped table and figures.

Prints the same grouped table as `nnsweep show RESULTS.h5 --group-by KEY`
and writes three PNG figures:

  cost_curves.png         every run's training cost curve, coloured by KEY
                          (against the iteration, or the epoch for runs
                          trained in mini-batches)
  final_cost.png          the grouped table's metrics against KEY (train.cost
                          and train.accuracy, or train.rmse and train.r2 for
                          regression; train.cost, test.cost and test.accuracy
                          with a test part), each run a point (the spread over
                          the other swept keys, e.g. seeds), with the mean and
                          sample std of the ok runs
  decision_boundaries.png for two-feature classification datasets stored in
                          the file: the best run of each value of KEY (lowest
                          test.cost when the file has a test part, else lowest
                          train.cost), over the plane and its training points
                          (test points hollow). One output unit shows
                          P(y = 1); several (softmax) show the class of the
                          largest output, shaded by its probability

A file of a single run (no sweep, e.g. configs/seed_moons.yaml) has nothing
to group by: its row of `nnsweep show RESULTS.h5` is printed, and only
cost_curves.png and decision_boundaries.png are drawn, for that run.

The table goes to stdout, then one line `figure: PATH` per figure written.
The decision-boundary figure is skipped, with a note on stderr saying why,
for a regression dataset and when no ok run trained on a stored two-feature
classification dataset. Each layer uses the run's activation (hidden layers
model.activation, one name or one per layer; the last layer model.output):
identity, tanh, relu, sigmoid or softmax, computed in numpy from the weights
under /runs (on standardized inputs when the dataset says standardize: true).

Example:
  nnsweep run configs/hidden_sizes.yaml
  tools/analysis.py results/hidden_sizes.h5     # figures in results/hidden_sizes_figures/

Exit status: 0 done, 1 unreadable file, 2 bad --key or nothing to group by
(several runs but no swept key).
Reads format versions 1 to 4 (the metrics of versions 1 and 2, final_cost,
train_accuracy, test_final_cost and test_accuracy, are shown under their
version 3 names train.cost, train.accuracy, test.cost and test.accuracy, as
`nnsweep show` does). The file layout is described in docs/results-format.md
and runner/store/results.hpp. Needs numpy, h5py, matplotlib (PyYAML if
present): run it with Debian's /usr/bin/python3.
"""
import argparse
import decimal
import math
import os
import re
import signal
import sys

import h5py
import numpy as np

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
from matplotlib import ticker  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

FIGURE_NAMES = ("cost_curves.png", "final_cost.png", "decision_boundaries.png")
FORMAT_VERSIONS = (1, 2, 3)

# The metrics of /summary, as runner/train/metrics.hpp names them, each after
# "train." or "test."; and the names versions 1 and 2 gave the ones they had.
METRIC_NAMES = ("cost", "accuracy", "precision", "recall", "f1", "rmse", "r2")
SCORES = ("accuracy", "precision", "recall", "f1", "r2")  # higher is better
OLD_METRIC_NAMES = {"train.cost": "final_cost", "train.accuracy": "train_accuracy",
                    "test.cost": "test_final_cost", "test.accuracy": "test_accuracy"}


def higher_is_better(metric):
    return metric.split(".", 1)[-1] in SCORES


# --------------------------------------------------------------------------
# Reading


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def format_number(value):
    """The shortest text that parses back to `value`, as C++ std::to_chars
    prints it: fixed or scientific notation, whichever is shorter, fixed on
    a tie."""
    if math.isnan(value):
        return "-nan" if math.copysign(1.0, value) < 0 else "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    sign, digits, exponent = decimal.Decimal(repr(value)).normalize().as_tuple()
    digits = "".join(map(str, digits))
    prefix = "-" if sign else ""
    # value = 0.digits * 10**point
    point = len(digits) + exponent
    if exponent >= 0:
        fixed = digits + "0" * exponent
    elif point > 0:
        fixed = digits[:point] + "." + digits[point:]
    else:
        fixed = "0." + "0" * (-point) + digits
    power = point - 1
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    scientific = "%se%s%02d" % (mantissa, "-" if power < 0 else "+", abs(power))
    return prefix + (fixed if len(fixed) <= len(scientific) else scientific)


def value_text(value):
    """A key's value as `nnsweep show` prints it (registry/params.cpp
    value_text): a real always with a '.' or an exponent ("1.0", "1e-05"),
    a list as "[20, 20]", no value as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = format_number(value)
        return text if re.search("[.eEn]", text) else text + ".0"
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _parse_list(text):
    """"[20, 20]" as (20, 20); text that is not a list of integers stays text."""
    if len(text) < 2 or text[0] != "[" or text[-1] != "]":
        return text
    try:
        return tuple(int(part) for part in text[1:-1].replace(",", " ").split())
    except ValueError:
        return text


def column_values(dataset):
    """A key column's values as Python values, None where a run has none,
    as runner/store/columns.cpp reads them back (attribute nnsweep_type;
    version 1 files have none)."""
    kind = dataset.dtype.kind
    declared = _text(dataset.attrs.get("nnsweep_type", ""))
    values = []
    for v in dataset[()]:
        if kind == "f":
            v = float(v)
            values.append(None if math.isnan(v) else int(v) if declared == "integer"
                          else v != 0.0 if declared == "boolean" else v)
        elif kind == "u" and dataset.dtype.itemsize == 1:
            values.append(bool(v))
        elif kind in "iu":
            values.append(int(v))
        else:
            text = _text(v)
            if not text:
                values.append(None)
            elif declared == "int_list" or (not declared and text.startswith("[")):
                values.append(_parse_list(text))
            else:
                values.append(text)
    return values


def value_order(value):
    """Sort key of a value as registry/params.cpp column_less orders them:
    numbers numerically (NaN after them), then lists element by element,
    then text, missing values last."""
    if value is None:
        return (3,)
    if isinstance(value, (bool, int, float)):
        number = float(value)
        return (0, math.isnan(number), 0.0 if math.isnan(number) else number)
    if isinstance(value, tuple):
        return (1, value)
    return (2, value_text(value))


class Results:
    """The parts of a results file this tool uses."""

    def __init__(self, path):
        self.path = path
        with h5py.File(path, "r") as f:
            if _text(f.attrs.get("format", "")) != "nnsweep":
                raise ValueError(f"{path} is not an nnsweep results file")
            self.version = int(f.attrs.get("format_version", 1))
            if self.version not in FORMAT_VERSIONS:
                print(f"analysis.py: warning: {path} has format_version {self.version}, "
                      f"this tool reads versions {FORMAT_VERSIONS[0]} to {FORMAT_VERSIONS[-1]}",
                      file=sys.stderr)
            self.name = _text(f.attrs.get("name", os.path.splitext(os.path.basename(path))[0]))
            s = f["summary"]
            keys = _text(s.attrs.get("swept_keys", ""))
            self.swept_keys = [k for k in keys.split("\n") if k]
            self.run = s["run"][()].astype(int)
            n = len(self.run)
            # Every metric by its version 3 name; NaN where the file has none.
            self.metrics = {}
            for part in ("train.", "test."):
                for metric in METRIC_NAMES:
                    name = part + metric
                    source = name if name in s else OLD_METRIC_NAMES.get(name, name)
                    self.metrics[name] = (s[source][()].astype(float) if source in s
                                          else np.full(n, np.nan))
            self.iterations_run = s["iterations_run"][()].astype(int)
            # Before version 3 every run was full batch: epochs were iterations.
            self.epochs_run = (s["epochs_run"][()].astype(int) if "epochs_run" in s
                               else self.iterations_run.copy())
            self.best_epoch = (s["best_epoch"][()].astype(int) if "best_epoch" in s
                               else np.full(n, -1))
            self.wall_time_s = s["wall_time_s"][()].astype(float)
            self.status = [_text(v) for v in s["status"][()]]
            self.dataset_id = [_text(v) for v in s["dataset_id"][()]]
            self.values = {k: column_values(s[k]) for k in self.swept_keys}
            self.columns = {k: [value_text(v) for v in vs] for k, vs in self.values.items()}
            self.step = s["step"][()].astype(int)
            self.cost = s["cost"][()].astype(float)
            self.datasets = {}
            for id_, g in f["datasets"].items():
                entry = {a: int(g.attrs[a]) for a in ("examples", "features", "outputs", "stored")}
                entry["config"] = _text(g.attrs.get("config", ""))
                # Before version 3 every dataset was a 0/1 classification set.
                entry["task"] = _text(g.attrs.get("task", "")) or "classification"
                entry["classes"] = int(g.attrs.get("classes", 2))
                entry["class_names"] = ([_text(v) for v in g["class_names"][()]]
                                        if "class_names" in g else
                                        [str(k) for k in range(entry["classes"])])
                entry["train_index"] = g["train_index"][()] if "train_index" in g else None
                entry["test_index"] = g["test_index"][()] if "test_index" in g else None
                if entry["stored"]:
                    entry["X"] = g["X"][()]
                    entry["y"] = g["y"][()]
                self.datasets[id_] = entry

    def network(self, i):
        """Row i's run: its resolved config text and [(W1, b1), (W2, b2), ...]."""
        with h5py.File(self.path, "r") as f:
            if int(f.attrs.get("format_version", 1)) >= 4:
                # One dataset per quantity along `run` (the same rows as
                # /summary), padded to the widest run: unpad by layer_sizes.
                runs = f["runs"]
                sizes = [int(n) for n in runs["layer_sizes"][i] if n > 0]
                weights = [(runs[f"W{l}"][i, :sizes[l], :sizes[l - 1]],
                            runs[f"b{l}"][i, :sizes[l]].reshape(-1, 1))
                           for l in range(1, len(sizes))]
                return _text(runs["config"][i]), weights
            g = f["runs"][f"{self.run[i]:06d}"]
            weights = []
            layer = 1
            while f"W{layer}" in g:
                weights.append((g[f"W{layer}"][()], g[f"b{layer}"][()]))
                layer += 1
            return _text(g.attrs["config"]), weights

    def __len__(self):
        return len(self.run)

    def available_metrics(self):
        """The metrics some run has a value of (train.cost always), in the
        order of the file's columns, as cli/table_metrics.cpp lists them."""
        return [name for name, values in self.metrics.items()
                if name == "train.cost" or not np.isnan(values).all()]

    def headline_metrics(self, grouped):
        """The metrics `nnsweep show` prints by default: train.cost and
        train.accuracy (or train.rmse and train.r2), the same for test.*
        when there is a test part; a grouped table with a test part leaves
        out the train scores."""
        available = self.available_metrics()
        tested = "test.cost" in available
        shown = []
        for part in ("train.", "test."):
            if part == "test." and not tested:
                continue
            shown.append(part + "cost")
            if grouped and tested and part == "train.":
                continue
            shown += [part + m for m in ("accuracy", "rmse", "r2") if part + m in available]
        return shown

    def selection_metric(self):
        """What "best run" means: test.cost when there is a test part (what
        `nnsweep show` sorts by), else train.cost."""
        return "test.cost" if "test.cost" in self.available_metrics() else "train.cost"

    def epoch_based(self):
        """True when some run trained in mini-batches: its curves are by epoch."""
        return bool(np.any(self.epochs_run != self.iterations_run))

    def single_run(self):
        """True for the file of one run without a sweep, which the figures
        draw under the pseudo key "run" (see use_run_as_key)."""
        return len(self) == 1 and not self.swept_keys

    def use_run_as_key(self):
        """Lets the per-key figures draw a single-run file: key "run"."""
        self.values["run"] = [int(v) for v in self.run]
        self.columns["run"] = [str(v) for v in self.run]

    def groups(self, key):
        """{value text: [row positions]} in the order of `nnsweep show
        --group-by KEY`: by value (column_less), first appearance on ties."""
        groups, first = {}, {}
        for i, text in enumerate(self.columns[key]):
            groups.setdefault(text, []).append(i)
            first.setdefault(text, self.values[key][i])
        order = sorted(groups, key=lambda text: value_order(first[text]))
        return {text: groups[text] for text in order}


# --------------------------------------------------------------------------
# The tables, as runner/cli/table.cpp prints them


def _fixed(value, digits=6):
    return "%.*f" % (digits, value) if math.isfinite(value) else "nan"


def metric_text(name, value):
    """A run table's metric cell: costs and errors with six decimals, scores four."""
    return _fixed(value, 4 if higher_is_better(name) else 6)


def _stats(values):
    """mean, sample std (ddof=1), min of the finite values, summed in order."""
    values = [v for v in values if math.isfinite(v)]
    if not values:
        return math.nan, math.nan, math.nan
    n = float(len(values))
    total = 0.0
    for v in values:
        total += v
    mean = total / n
    std = math.nan
    if len(values) > 1:
        squares = 0.0
        for v in values:
            squares += (v - mean) * (v - mean)
        std = math.sqrt(squares / (n - 1.0))
    return mean, std, min(values)


def _lines(header, rows):
    widths = [max(len(r[c]) for r in [header] + rows) for c in range(len(header))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in [header] + rows]


def grouped_table(results, key):
    metrics = results.headline_metrics(grouped=True)
    header = [key, "runs"]
    for name in metrics:
        header += [f"{name}_{stat}" for stat in ("mean", "std", "min")]
    header.append("not_ok")
    rows = []
    for value, members in results.groups(key).items():
        row = [value, str(len(members))]
        ok = [i for i in members if results.status[i] == "ok"]
        for name in metrics:
            row += [_fixed(v) for v in _stats([float(results.metrics[name][i]) for i in ok])]
        row.append(str(len(members) - len(ok)))
        rows.append(row)
    lines = _lines(header, rows)
    lines.append(f"{len(results)} runs in {len(rows)} groups")
    return "\n".join(lines)


def run_table(results):
    """The table of `nnsweep show RESULTS.h5`, without its sorting (for the
    file of a single run): run, keys, metrics, epochs and best_epoch when
    some run has them, iterations, status, time_s."""
    metrics = results.headline_metrics(grouped=False)
    epochs = results.epoch_based()
    best = bool(np.any(results.best_epoch >= 0))
    header = (["run"] + results.swept_keys + metrics + (["epochs"] if epochs else [])
              + (["best_epoch"] if best else []) + ["iterations", "status", "time_s"])
    rows = []
    for i in range(len(results)):
        row = [str(results.run[i])] + [results.columns[k][i] for k in results.swept_keys]
        row += [metric_text(name, results.metrics[name][i]) for name in metrics]
        row += [str(results.epochs_run[i])] if epochs else []
        row += [str(results.best_epoch[i])] if best else []
        row += [str(results.iterations_run[i]), results.status[i], _fixed(results.wall_time_s[i], 3)]
        rows.append(row)
    return "\n".join(_lines(header, rows))


# --------------------------------------------------------------------------
# The network, in numpy


def _sigmoid(z):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def _softmax(z):
    """Over each column (one example's output units), as plugins/activations/softmax.cpp."""
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


ACTIVATIONS = {
    "identity": lambda z: z,
    "tanh": np.tanh,
    "sigmoid": _sigmoid,
    "relu": lambda z: np.maximum(z, 0.0),
    "softmax": _softmax,
}


def _yaml(text):
    """`text` parsed by PyYAML, or None without it."""
    try:
        import yaml
    except ImportError:
        return None
    return yaml.safe_load(text)


def layer_activations(config_yaml, layers):
    """The activation name of each of `layers` layers from a run's resolved
    config: model.activation (one name, or one per hidden layer) for the
    hidden layers, model.output for the last."""
    model = _yaml(config_yaml)
    if model is not None:
        model = model["model"]

        def name(section):
            return section["name"] if isinstance(section, dict) else str(section)

        hidden = model["activation"]
        hidden = [name(a) for a in hidden] if isinstance(hidden, list) else [name(hidden)]
        output = name(model["output"])
    else:  # the resolved config writes `activation: {name: tanh}` or a list of those
        def names(field):
            line = re.search(r"^\s*" + field + r":\s*(.*)$", config_yaml, re.M).group(1)
            return re.findall(r"(?:name:\s*)?([A-Za-z_]\w*)(?=\s*[,}\]]|\s*$)", line)

        hidden, output = names("activation"), names("output")[0]
    if len(hidden) == 1:
        hidden = hidden * (layers - 1)
    return hidden[:layers - 1] + [output]


def forward(weights, X, activations):
    """Output of the network for examples X (m x features): m x outputs."""
    A = X.T
    for (W, b), activation in zip(weights, activations):
        A = ACTIVATIONS[activation](W @ A + b)
    return A.T


def standardization(data):
    """(mean, scale) when the dataset is standardized (fitted on its training
    part, as runner/data/prepare.cpp does), else None: the stored X is the
    generated set, before scaling."""
    parsed = _yaml(data["config"])
    if parsed is not None:
        scaled = isinstance(parsed, dict) and parsed.get("standardize") is True
    else:
        scaled = re.search(r"\bstandardize:\s*true\b", data["config"]) is not None
    if not scaled:
        return None
    X = data["X"] if data["train_index"] is None else data["X"][data["train_index"]]
    scale = X.std(axis=0)
    return X.mean(axis=0), np.where(scale > 0, scale, 1.0)


# --------------------------------------------------------------------------
# Figures


def ordered_values(results, key):
    """The values of `key` in the grouped table's order."""
    return list(results.groups(key))


def value_colours(values):
    cmap = plt.get_cmap("viridis" if len(values) > 10 else "tab10")
    if len(values) > 10:
        return {v: cmap(i / max(len(values) - 1, 1)) for i, v in enumerate(values)}
    return {v: cmap(i) for i, v in enumerate(values)}


def varying_keys(results, key):
    """The swept keys other than `key` whose value differs between runs."""
    return [k for k in results.swept_keys
            if k != key and len(set(results.columns[k])) > 1]


def combination(results, keys, i):
    return ", ".join(f"{k}={results.columns[k][i]}" for k in keys)


def log_axis(ax, axis="y"):
    """A log scale with plain tick labels (0.3, 0.2, 0.1) instead of 3x10^-1."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
    target.set_major_formatter(ticker.FormatStrFormatter("%.3g"))
    target.set_minor_formatter(ticker.FormatStrFormatter("%.3g"))


def wide_range(values):
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values) & (values > 0)]
    return values.size > 1 and values.max() / values.min() > 30


MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
LINESTYLES = ["-", "--", ":", "-."]


def plot_cost_curves(results, key, path):
    values = ordered_values(results, key)
    colours = value_colours(values)
    column = results.columns[key]
    fig, ax = plt.subplots(figsize=(8.5, 5), layout="constrained")
    others = varying_keys(results, key)
    combos = list(dict.fromkeys(combination(results, others, i) for i in range(len(results))))
    styles = LINESTYLES if 1 < len(combos) <= len(LINESTYLES) else None
    drawn, stopped = set(), False
    for i in range(len(results)):
        curve = results.cost[i]
        keep = np.isfinite(curve) & (curve > 0)
        if not keep.any():
            continue
        value = column[i]
        style = styles[combos.index(combination(results, others, i))] if styles else "-"
        ax.plot(results.step[keep], curve[keep], color=colours[value], alpha=0.8, lw=1.3, ls=style)
        drawn.add(value)
        if results.status[i] != "ok":
            ax.plot(results.step[keep][-1], curve[keep][-1], "x", color=colours[value], ms=9,
                    mew=2)
            stopped = True
    finite = results.cost[np.isfinite(results.cost) & (results.cost > 0)]
    if finite.size and finite.max() / finite.min() > 3:
        log_axis(ax)
        ax.set_ylabel("training cost (log scale)")
    else:
        ax.set_ylabel("training cost")
    ax.set_xlabel("epoch" if results.epoch_based() else "iteration")
    if results.single_run():
        ax.set_title(f"{results.name}: training cost (run {results.run[0]}, "
                     f"{results.status[0]}, train.cost {results.metrics['train.cost'][0]:.6f})")
    else:
        ax.set_title(f"{results.name}: training cost of every run, coloured by {key}\n"
                     f"({len(results)} runs" + (f"; line style: {', '.join(others)}" if styles else "")
                     + ")")
    labels = [v for v in values if v in drawn]
    handles = [Line2D([], [], color=colours[v], lw=1.5) for v in labels]
    if stopped:
        handles.append(Line2D([], [], ls="", marker="x", color="grey", mew=2))
        labels.append("run stopped (not ok)")
    if not (results.single_run() and not stopped):  # one curve needs no legend
        legend = ax.legend(handles, labels, title=key, loc="upper right", fontsize="small",
                           ncol=2 if len(labels) > 10 else 1)
    if styles:
        ax.add_artist(legend)
        ax.legend([Line2D([], [], color="grey", ls=styles[j]) for j in range(len(combos))], combos,
                  loc="lower left", fontsize="small")
    ax.grid(True, which="major", alpha=0.35)
    ax.grid(True, which="minor", axis="y", alpha=0.15)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_final_cost(results, key, path):
    values = ordered_values(results, key)
    colours = value_colours(values)
    groups = results.groups(key)
    others = varying_keys(results, key)
    combos = list(dict.fromkeys(combination(results, others, i) for i in range(len(results))))
    markers = len(combos) <= len(MARKERS)
    width = 0.55
    offset = {c: (j - (len(combos) - 1) / 2) * width / max(len(combos), 1)
              for j, c in enumerate(combos)}
    rng = np.random.default_rng(0)
    crowded = sum(len(v) + 2 for v in values) > 60  # tick labels would overlap
    names = results.headline_metrics(grouped=True)  # the grouped table's metrics
    fig, axes = plt.subplots(1, len(names), figsize=(6 * len(names), 4.8), layout="constrained",
                             squeeze=False)
    for ax, label in zip(axes[0], names):
        metric = results.metrics[label]
        for x, value in enumerate(values):
            members = groups[value]
            ok = [i for i in members if results.status[i] == "ok" and np.isfinite(metric[i])]
            for i in ok:
                combo = combination(results, others, i)
                dx = offset[combo] if markers else rng.uniform(-width / 2, width / 2)
                ax.scatter(x + dx, metric[i], s=36, color=colours[value],
                           marker=MARKERS[combos.index(combo)] if markers else "o",
                           edgecolor="black", linewidth=0.4, alpha=0.9, zorder=3)
            if ok:
                mean, std, _ = _stats([float(metric[i]) for i in ok])
                ax.errorbar(x + width / 2 + 0.12, mean, yerr=0 if math.isnan(std) else std,
                            fmt="_", color="black", ms=12, mew=2, capsize=4, elinewidth=1.2,
                            zorder=4)
            bad = len(members) - len(ok)
            if bad:
                ax.annotate(f"{bad} not ok", (x, 0.98), xycoords=("data", "axes fraction"),
                            ha="center", va="top", color="crimson", fontsize="small",
                            rotation=90 if crowded else 0)
        ax.set_xticks(range(len(values)), values, rotation=45 if crowded else 0,
                      ha="right" if crowded else "center")
        ax.set_xlim(-0.6, len(values) - 0.4)
        ax.set_xlabel(key)
        ax.set_ylabel(label)
        ax.grid(True, axis="y", alpha=0.35)
        ax.set_title(f"{label} by {key}")
        ok = [metric[i] for i in range(len(results)) if results.status[i] == "ok"]
        if not higher_is_better(label) and wide_range(ok):  # costs and errors
            log_axis(ax)
    handles = [Line2D([], [], ls="", marker="_", color="black", ms=12, mew=2)]
    labels = ["mean ± sample std of the ok runs"]
    if markers and others:
        handles += [Line2D([], [], ls="", marker=MARKERS[j], color="lightgrey", mec="black",
                           mew=0.5, ms=7) for j in range(len(combos))]
        labels += combos
    elif others:
        handles.append(Line2D([], [], ls="", marker="o", color="lightgrey", mec="black", ms=7))
        labels.append("one run (jittered)")
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(len(labels), 4),
               fontsize="small", frameon=False)
    spread = f"each point one run, the spread is over {', '.join(others)}" if others else \
        "each point one run"
    fig.suptitle(f"{results.name}: {', '.join(names)} by {key} ({spread})")
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)


def unplottable(results, i):
    """Why row i's decision boundary cannot be drawn, or "" when it can."""
    data = results.datasets.get(results.dataset_id[i])
    if data is None:
        return "dataset not in the file"
    if data["task"] != "classification":
        return f"a {data['task']} dataset"
    if data["features"] != 2 or data["outputs"] != 1:
        return f"a dataset of {data['features']} features"
    if not data["stored"]:
        return "dataset not stored in the file (see --dataset-limit)"
    if results.status[i] != "ok" or not np.isfinite(results.metrics["train.cost"][i]):
        return "run not ok"
    return ""


def no_boundary_reason(results):
    """Why no run's decision boundary is drawn (when boundary_runs finds none)."""
    tasks = sorted({results.datasets[d]["task"] for d in results.dataset_id
                    if d in results.datasets})
    if tasks and "classification" not in tasks:
        return (f"a {' and '.join(tasks)} dataset (task {', '.join(tasks)}) has no classes "
                "to draw a boundary between")
    reasons = sorted({unplottable(results, i) for i in range(len(results))} - {""})
    return ("no ok run trained on a stored two-feature classification dataset: "
            + ("; ".join(reasons) or "the networks do not fit their datasets"))


def boundary_runs(results, key):
    """(value, row, activations, weights) of the best ok run of each value
    whose training set is a stored two-feature classification set, in value
    order. Best: lowest selection_metric(), then lowest train.cost."""
    chosen = []
    best = results.metrics[results.selection_metric()]
    cost = results.metrics["train.cost"]
    for value, members in results.groups(key).items():
        candidates = [i for i in members if not unplottable(results, i)]
        for i in sorted(candidates, key=lambda i: (np.isnan(best[i]), best[i], cost[i])):
            config, weights = results.network(i)
            if not weights:
                continue
            try:
                activations = layer_activations(config, len(weights))
            except (AttributeError, KeyError, IndexError, TypeError):
                continue
            units = weights[-1][0].shape[0]
            classes = results.datasets[results.dataset_id[i]]["classes"]
            if all(a in ACTIVATIONS for a in activations) and (units == 1 or units == classes):
                chosen.append((value, i, activations, weights))
                break
    return chosen


LABEL_COLOURS = ("#1f5fa8", "#c0392b")  # y = 0, y = 1
# Further classes: the tab10 colours after these two.
CLASS_COLOURS = LABEL_COLOURS + ("#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
                                 "#7f7f7f", "#bcbd22", "#17becf")


def class_colours(classes):
    if classes <= len(CLASS_COLOURS):
        return [matplotlib.colors.to_rgba(c) for c in CLASS_COLOURS[:classes]]
    cmap = plt.get_cmap("hsv")
    return [cmap(k / classes) for k in range(classes)]


def _class_label(data, k):
    name = data["class_names"][k] if k < len(data["class_names"]) else str(k)
    return f"y = {k}" + (f" ({name})" if name != str(k) else "")


def draw_boundary(ax, data, activations, weights, levels):
    """One panel: the network's output over the plane and the dataset's
    points. Returns the filled contour of P(y = 1) for one output unit
    (or two, for two classes), None for the class map of several."""
    X, y = data["X"], data["y"]
    pad = 0.12 * (X.max(axis=0) - X.min(axis=0)) + 1e-9
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], 250), np.linspace(lo[1], hi[1], 250))
    grid = np.c_[gx.ravel(), gy.ravel()]
    scaling = standardization(data)
    out = forward(weights, grid if scaling is None else (grid - scaling[0]) / scaling[1],
                  activations)
    units = out.shape[1]
    filled = None
    if units <= 2:  # P(y = 1): the one unit, or the second of two
        p = out[:, units - 1].reshape(gx.shape)
        filled = ax.contourf(gx, gy, p, levels=levels, cmap="RdBu_r", alpha=0.55)
        if p.min() < 0.5 < p.max():
            ax.contour(gx, gy, p, levels=[0.5], colors="black", linewidths=1.4)
    else:  # the predicted class (argmax), paler where its probability is lower
        probs = out.reshape(gx.shape + (units,))
        strength = (probs.max(axis=2) - 1.0 / units) / (1.0 - 1.0 / units)
        rgba = np.array(class_colours(units))[probs.argmax(axis=2)]
        rgba[..., 3] = 0.12 + 0.5 * np.clip(strength, 0.0, 1.0)
        ax.imshow(rgba, origin="lower", extent=(lo[0], hi[0], lo[1], hi[1]),
                  interpolation="nearest", aspect="auto")
        for k in range(units):  # where unit k stops being the largest
            margin = probs[..., k] - np.delete(probs, k, axis=2).max(axis=2)
            if margin.min() < 0 < margin.max():
                ax.contour(gx, gy, margin, levels=[0.0], colors="black", linewidths=1.2)
    train = np.arange(len(X)) if data["train_index"] is None else data["train_index"]
    test = data["test_index"] if data["test_index"] is not None else np.arange(0)
    for label, colour in enumerate(class_colours(max(units, 2))):
        part = train[y[train] == label]
        ax.scatter(X[part, 0], X[part, 1], s=14, color=colour, edgecolor="white",
                   linewidth=0.5, zorder=3)
        part = test[y[test] == label]
        ax.scatter(X[part, 0], X[part, 1], s=16, facecolor="none", edgecolor=colour,
                   linewidth=1.1, zorder=3)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    return filled


def plot_decision_boundaries(results, key, path, dpi=100):
    chosen = boundary_runs(results, key)
    if not chosen:
        return False
    n = len(chosen)
    cols = min(n, 4)
    rows = math.ceil(n / cols)
    ids = {results.dataset_id[i] for _, i, _, _ in chosen}
    shared = len(ids) == 1
    # Panel proportions follow the data, so that equal aspect wastes no room.
    first = results.datasets[results.dataset_id[chosen[0][1]]]["X"]
    span = first.max(axis=0) - first.min(axis=0)
    ratio = float(np.clip(span[1] / span[0], 0.4, 1.5)) if span[0] > 0 else 1.0
    panel = 3.3
    fig, axes = plt.subplots(rows, cols, figsize=(panel * cols + 1.2, (panel * ratio + 0.75) * rows + 0.4),
                             layout="compressed", squeeze=False, sharex=shared, sharey=shared)
    others = varying_keys(results, key)
    levels = np.linspace(0.0, 1.0, 11)
    best = results.selection_metric()
    accuracy = best.split(".")[0] + ".accuracy"
    filled, most, tested = None, None, False  # most: the dataset with the most classes
    for ax, (value, i, activations, weights) in zip(axes.flat, chosen):
        data = results.datasets[results.dataset_id[i]]
        drawn = draw_boundary(ax, data, activations, weights, levels)
        filled = filled or drawn
        most = data if most is None or data["classes"] > most["classes"] else most
        tested = tested or data["test_index"] is not None
        detail = combination(results, others, i)
        heading = f"{key} {value}" if results.single_run() else f"{key} = {value}"
        if detail:  # on a line of its own when the two would not fit the panel
            heading += ("\n" if len(heading) + len(detail) > 34 else "  ") + f"({detail})"
        ax.set_title(heading + f"\n{best} {results.metrics[best][i]:.4f}, "
                     f"{accuracy} {results.metrics[accuracy][i]:.3f}", fontsize="medium")
        ax.set_aspect("equal", adjustable="box")
    for ax in axes.flat[n:]:
        ax.set_axis_off()
    for ax in axes[:, 0]:
        ax.set_ylabel("x1")
    for ax in axes[-1, :]:
        ax.set_xlabel("x0")
    for r in range(rows - 1):
        for c in range(cols):
            if r * cols + c < n and (r + 1) * cols + c >= n:
                axes[r, c].set_xlabel("x0")
                axes[r, c].xaxis.set_tick_params(labelbottom=True)
    if filled is not None:
        fig.colorbar(filled, ax=axes, shrink=0.7, label="network output P(y = 1)")
    classes = max(most["classes"], 2)
    handles = [Line2D([], [], ls="", marker="o", color=c, mec="white", ms=7)
               for c in class_colours(classes)]
    labels = [f"training point, {_class_label(most, k)}" for k in range(classes)]
    if tested:
        handles.append(Line2D([], [], ls="", marker="o", mfc="none", mec="grey", mew=1.1, ms=7))
        labels.append("test point (hollow)")
    handles.append(Line2D([], [], color="black", lw=1.4))
    labels.append("P(y = 1) = 0.5" if classes == 2 else "class boundary (argmax of the outputs)")
    if n < rows * cols:  # an empty panel: the legend goes there
        axes.flat[n].legend(handles, labels, loc="center", frameon=False)
    else:
        fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                   ncol=min(len(labels), 4), fontsize="small", frameon=False)
    if results.single_run():
        fig.suptitle(f"{results.name}: decision boundary", fontsize="large")
    else:
        fig.suptitle(f"{results.name}: decision boundary of the best run (lowest {best}) "
                     f"for each {key}", fontsize="large")
    fig.savefig(path, dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return True


# --------------------------------------------------------------------------


def figure_folder(args):
    """--out, else <stem>_figures/ beside the results file; created."""
    stem = os.path.splitext(os.path.basename(args.results))[0]
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(args.results)), f"{stem}_figures")
    os.makedirs(out, exist_ok=True)
    return out


def draw_single_run(results, args):
    """A file of one run without a sweep (the post's own experiment): its
    row of `nnsweep show`, its cost curve and its decision boundary."""
    if args.key and args.key != "run":
        print(f"analysis.py: '{args.key}' is not a swept key of {args.results} "
              "(a single run, no swept keys)", file=sys.stderr)
        return 2
    print(run_table(results))
    print("1 run, no swept keys")

    results.use_run_as_key()
    out = figure_folder(args)
    written = [os.path.join(out, FIGURE_NAMES[0])]
    plot_cost_curves(results, "run", written[0])
    path = os.path.join(out, FIGURE_NAMES[2])
    if plot_decision_boundaries(results, "run", path):
        written.append(path)
    else:
        print(f"no decision boundary: {no_boundary_reason(results)}", file=sys.stderr)
    print()
    for path in written:
        print(f"figure: {path}")
    return 0


def main(argv=None):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", metavar="RESULTS.h5", help="results file written by nnsweep run")
    parser.add_argument("--out", metavar="DIR",
                        help="folder for the figures (default: <stem>_figures/ beside RESULTS.h5)")
    parser.add_argument("--key", metavar="KEY",
                        help="swept key to group and colour by (default: the first swept key)")
    args = parser.parse_args(argv)

    try:
        results = Results(args.results)
    except (OSError, KeyError, ValueError) as error:
        print(f"analysis.py: cannot read {args.results}: {error}", file=sys.stderr)
        return 1
    if results.single_run():
        return draw_single_run(results, args)
    if not results.swept_keys:
        print(f"analysis.py: {args.results} has no swept keys to group by", file=sys.stderr)
        return 2
    key = args.key or results.swept_keys[0]
    if key not in results.swept_keys:
        print(f"analysis.py: '{key}' is not a swept key of {args.results} "
              f"(swept keys: {', '.join(results.swept_keys)})", file=sys.stderr)
        return 2

    print(grouped_table(results, key))

    out = figure_folder(args)
    written = []
    path = os.path.join(out, FIGURE_NAMES[0])
    plot_cost_curves(results, key, path)
    written.append(path)
    path = os.path.join(out, FIGURE_NAMES[1])
    plot_final_cost(results, key, path)
    written.append(path)
    path = os.path.join(out, FIGURE_NAMES[2])
    if plot_decision_boundaries(results, key, path):
        written.append(path)
    else:
        print(f"no decision boundaries: {no_boundary_reason(results)}", file=sys.stderr)
    print()
    for path in written:
        print(f"figure: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

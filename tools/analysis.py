#!/usr/bin/python3
"""Compare the runs of an nnsweep results file: a grouped table and figures.

Prints the same grouped table as `nnsweep show RESULTS.h5 --group-by KEY`
and writes three PNG figures:

  cost_curves.png         every run's cost curve, coloured by KEY
  final_cost.png          final cost and train accuracy against KEY, each run
                          a point (the spread over the other swept keys, e.g.
                          seeds), with the mean and sample std of the ok runs
  decision_boundaries.png for two-feature datasets stored in the file: the
                          best run (lowest final cost) of each value of KEY,
                          its output probability over the plane and its
                          training points

A file of a single run (no sweep, e.g. configs/seed_moons.yaml) has nothing
to group by: its result is printed as one row, and only cost_curves.png and
decision_boundaries.png are drawn, for that run.

The table goes to stdout, then one line `figure: PATH` per figure written.
The decision-boundary figure is skipped (with a note on stderr) when no ok
run trained on a stored two-feature, one-output dataset. Hidden layers use
the run's model.activation (tanh, sigmoid or relu), the last layer its
model.output, computed in numpy from the weights under /runs.

Example:
  nnsweep run configs/hidden_sizes.yaml
  tools/analysis.py results/hidden_sizes.h5     # figures in results/hidden_sizes_figures/

Exit status: 0 done, 1 unreadable file, 2 bad --key or nothing to group by
(several runs but no swept key).
The file layout is described in docs/results-format.md. Needs numpy, h5py,
matplotlib (PyYAML if present): run it with Debian's /usr/bin/python3.
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


# --------------------------------------------------------------------------
# Reading


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def format_number(value):
    """The shortest text that parses back to `value`, as C++ std::to_chars
    prints it (what `nnsweep show` uses for float64 columns): fixed or
    scientific notation, whichever is shorter, fixed on a tie."""
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


def column_texts(dataset):
    """A summary column's values as the text `nnsweep show` prints."""
    kind = dataset.dtype.kind
    values = dataset[()]
    if kind == "f":
        return [format_number(float(v)) for v in values]
    if kind == "u" and dataset.dtype.itemsize == 1:
        return ["true" if v else "false" for v in values]
    if kind in "iu":
        return [str(int(v)) for v in values]
    return [_text(v) for v in values]


class Results:
    """The parts of a results file this tool uses."""

    def __init__(self, path):
        self.path = path
        with h5py.File(path, "r") as f:
            if _text(f.attrs.get("format", "")) != "nnsweep":
                raise ValueError(f"{path} is not an nnsweep results file")
            self.name = _text(f.attrs.get("name", os.path.splitext(os.path.basename(path))[0]))
            s = f["summary"]
            keys = _text(s.attrs.get("swept_keys", ""))
            self.swept_keys = [k for k in keys.split("\n") if k]
            self.run = s["run"][()].astype(int)
            self.final_cost = s["final_cost"][()].astype(float)
            self.train_accuracy = s["train_accuracy"][()].astype(float)
            self.iterations_run = s["iterations_run"][()].astype(int)
            self.status = [_text(v) for v in s["status"][()]]
            self.dataset_id = [_text(v) for v in s["dataset_id"][()]]
            self.columns = {k: column_texts(s[k]) for k in self.swept_keys}
            self.raw_columns = {k: s[k][()] for k in self.swept_keys}
            self.step = s["step"][()].astype(int)
            self.cost = s["cost"][()].astype(float)
            version = int(f.attrs.get("format_version", 0))
            if version != 1:
                print(f"analysis.py: warning: {path} has format_version {version}, "
                      "this tool reads version 1", file=sys.stderr)
            self.datasets = {}
            for id_, g in f["datasets"].items():
                entry = {a: int(g.attrs[a]) for a in ("examples", "features", "outputs", "stored")}
                if entry["stored"]:
                    entry["X"] = g["X"][()]
                    entry["y"] = g["y"][()]
                self.datasets[id_] = entry

    def network(self, i):
        """Row i's run: its resolved config text and [(W1, b1), (W2, b2), ...]."""
        with h5py.File(self.path, "r") as f:
            g = f["runs"][f"{self.run[i]:06d}"]
            weights = []
            layer = 1
            while f"W{layer}" in g:
                weights.append((g[f"W{layer}"][()], g[f"b{layer}"][()]))
                layer += 1
            return _text(g.attrs["config"]), weights

    def __len__(self):
        return len(self.run)

    def single_run(self):
        """True for the file of one run without a sweep, which the figures
        draw under the pseudo key "run" (see use_run_as_key)."""
        return len(self) == 1 and not self.swept_keys

    def use_run_as_key(self):
        """Lets the per-key figures draw a single-run file: key "run"."""
        self.columns["run"] = [str(v) for v in self.run]
        self.raw_columns["run"] = self.run

    def groups(self, key):
        """{value text: [row positions]} in first-appearance order."""
        groups = {}
        for i, value in enumerate(self.columns[key]):
            groups.setdefault(value, []).append(i)
        return groups


# --------------------------------------------------------------------------
# The grouped table, as runner/cli/table.cpp prints it


def _fixed(value):
    return "%.6f" % value if math.isfinite(value) else "nan"


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


def grouped_table(results, key):
    header = [key, "runs"]
    for name in ("final_cost", "train_accuracy"):
        header += [f"{name}_{stat}" for stat in ("mean", "std", "min")]
    header.append("not_ok")
    rows = []
    groups = results.groups(key)
    for value, members in groups.items():
        row = [value, str(len(members))]
        ok = [i for i in members if results.status[i] == "ok"]
        for metric in (results.final_cost, results.train_accuracy):
            row += [_fixed(v) for v in _stats([float(metric[i]) for i in ok])]
        row.append(str(len(members) - len(ok)))
        rows.append(row)
    widths = [max(len(r[c]) for r in [header] + rows) for c in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in [header] + rows]
    lines.append(f"{len(results)} runs in {len(rows)} groups")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# The network, in numpy


ACTIVATIONS = {
    "tanh": np.tanh,
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "relu": lambda z: np.maximum(z, 0.0),
}


def model_activations(config_yaml):
    """(hidden, output) activation names from a run's resolved config."""
    try:
        import yaml

        model = yaml.safe_load(config_yaml)["model"]

        def name(section):
            return section["name"] if isinstance(section, dict) else str(section)

        return name(model["activation"]), name(model["output"])
    except ImportError:
        def find(field):
            match = re.search(field + r":\s*(?:\{\s*name:\s*)?([A-Za-z_]\w*)", config_yaml)
            return match.group(1)

        return find("activation"), find("output")


def forward(weights, X, hidden, output):
    """Output of the network for examples X (m x features): m x outputs."""
    A = X.T
    for layer, (W, b) in enumerate(weights):
        Z = W @ A + b
        A = ACTIVATIONS[output if layer == len(weights) - 1 else hidden](Z)
    return A.T


# --------------------------------------------------------------------------
# Figures


def _numeric(results, key):
    return results.raw_columns[key].dtype.kind in "iuf"


def ordered_values(results, key):
    """The values of `key`: sorted when numeric, else first-appearance order."""
    values = list(results.groups(key))
    if _numeric(results, key):
        values.sort(key=float)
    return values


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
    ax.set_xlabel("iteration")
    if results.single_run():
        ax.set_title(f"{results.name}: training cost (run {results.run[0]}, "
                     f"{results.status[0]}, final cost {results.final_cost[0]:.6f})")
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
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.8), layout="constrained")
    for ax, metric, label in ((axes[0], results.final_cost, "final cost"),
                              (axes[1], results.train_accuracy, "train accuracy")):
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
    ok_costs = [results.final_cost[i] for i in range(len(results)) if results.status[i] == "ok"]
    if wide_range(ok_costs):
        log_axis(axes[0])
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
    fig.suptitle(f"{results.name}: final cost and train accuracy by {key} ({spread})")
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)


def boundary_runs(results, key):
    """(value, row, config, weights) of the best ok run of each value whose
    training set is a stored two-feature, one-output set, in value order."""
    chosen = []
    groups = results.groups(key)
    for value in ordered_values(results, key):
        candidates = []
        for i in groups[value]:
            data = results.datasets.get(results.dataset_id[i])
            if (results.status[i] == "ok" and np.isfinite(results.final_cost[i]) and data
                    and data["stored"] and data["features"] == 2 and data["outputs"] == 1):
                candidates.append(i)
        for i in sorted(candidates, key=lambda i: results.final_cost[i]):
            config, weights = results.network(i)
            if weights and all(a in ACTIVATIONS for a in model_activations(config)):
                chosen.append((value, i, config, weights))
                break
    return chosen


LABEL_COLOURS = ("#1f5fa8", "#c0392b")  # y = 0, y = 1


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
    for ax, (value, i, config, weights) in zip(axes.flat, chosen):
        data = results.datasets[results.dataset_id[i]]
        X, y = data["X"], data["y"]
        pad = 0.12 * (X.max(axis=0) - X.min(axis=0)) + 1e-9
        lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
        gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], 250), np.linspace(lo[1], hi[1], 250))
        hidden, output = model_activations(config)
        p = forward(weights, np.c_[gx.ravel(), gy.ravel()], hidden, output)
        p = p[:, 0].reshape(gx.shape)
        filled = ax.contourf(gx, gy, p, levels=levels, cmap="RdBu_r", alpha=0.55)
        if p.min() < 0.5 < p.max():
            ax.contour(gx, gy, p, levels=[0.5], colors="black", linewidths=1.4)
        for label, colour in enumerate(LABEL_COLOURS):
            mask = y == label
            ax.scatter(X[mask, 0], X[mask, 1], s=14, color=colour, edgecolor="white",
                       linewidth=0.5, zorder=3)
        detail = combination(results, others, i)
        heading = f"{key} {value}" if results.single_run() else \
            f"{key} = {value}" + (f"  ({detail})" if detail else "")
        ax.set_title(heading +
                     f"\ncost {results.final_cost[i]:.4f}, accuracy {results.train_accuracy[i]:.3f}",
                     fontsize="medium")
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
    fig.colorbar(filled, ax=axes, shrink=0.7, label="network output P(y = 1)")
    handles = [Line2D([], [], ls="", marker="o", color=c, mec="white", ms=7) for c in LABEL_COLOURS]
    handles.append(Line2D([], [], color="black", lw=1.4))
    labels = ["training point, y = 0", "training point, y = 1", "P(y = 1) = 0.5"]
    if n < rows * cols:  # an empty panel: the legend goes there
        axes.flat[n].legend(handles, labels, loc="center", frameon=False)
    else:
        fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
                   fontsize="small", frameon=False)
    if results.single_run():
        fig.suptitle(f"{results.name}: decision boundary", fontsize="large")
    else:
        fig.suptitle(f"{results.name}: decision boundary of the best run (lowest final cost) "
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
    result as one row, its cost curve and its decision boundary."""
    if args.key and args.key != "run":
        print(f"analysis.py: '{args.key}' is not a swept key of {args.results} "
              "(a single run, no swept keys)", file=sys.stderr)
        return 2
    header = ["run", "final_cost", "train_accuracy", "iterations", "status"]
    row = [str(results.run[0]), _fixed(results.final_cost[0]), _fixed(results.train_accuracy[0]),
           str(results.iterations_run[0]), results.status[0]]
    widths = [max(len(h), len(c)) for h, c in zip(header, row)]
    for cells in (header, row):
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
    print("1 run, no swept keys")

    results.use_run_as_key()
    out = figure_folder(args)
    written = [os.path.join(out, FIGURE_NAMES[0])]
    plot_cost_curves(results, "run", written[0])
    path = os.path.join(out, FIGURE_NAMES[2])
    if plot_decision_boundaries(results, "run", path):
        written.append(path)
    else:
        print("no decision boundary: the run is not ok or its training set is not a stored "
              "two-feature, one-output dataset", file=sys.stderr)
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
        print("no decision boundaries: no ok run trained on a stored two-feature, one-output "
              "dataset", file=sys.stderr)
    print()
    for path in written:
        print(f"figure: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

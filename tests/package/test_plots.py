#!/usr/bin/python3
"""The plot functions: what they draw, not only that they return.

Usage: test_plots.py NNSWEEP_BINARY

Importing the package (and nnsweep.report) leaves matplotlib's backend as
the caller chose it. On configs/hidden_sizes.yaml (300 iterations): each
function returns a Figure with one curve per run, one point per run, one
line per run, or one decision-boundary panel per hidden size showing the
run of lowest train.cost in that group. On a random search over a
log-uniform learning rate: the key gets a colour bar on a log scale, not a
legend of 16 values, and the diverged runs are drawn and marked (red
crosses, red dashed lines), as many as diverged. A key that does not
apply to every run (NaN) draws those runs under "(none)"; a failed run (a
copy edited as the format describes one) is drawn and counted too. A regression file has no
decision boundaries: ValueError naming regression.
"""
import os
import shutil
import subprocess
import sys
import tempfile

from package_support import PACKAGE_DIR, check, finish, hidden_sizes, sweep
from test_open import RANDOM

import matplotlib  # noqa: E402

matplotlib.use("Agg")  # this test's own choice; the package must not make one
import h5py  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.colors import LogNorm, to_rgb  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import nnsweep  # noqa: E402

# gd runs have no momentum: a key column with NaN, which equals nothing.
MOMENTUM = """name: momentum
dataset: {name: moons, n_samples: 60, noise: 0.2, seed: 0}
model: {hidden: [3], activation: tanh, output: sigmoid}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 20}
sweep:
  grid:
    optimizer.name: [gd, momentum]
    optimizer.momentum.momentum: [0.5, 0.9]
    model.init.seed: [1, 2]
"""
CRIMSON = to_rgb("crimson")  # how the package marks runs that are not ok
REGRESSION = """name: regression
dataset: {name: friedman1, n_samples: 60, noise: 0.5, seed: 0}
model: {hidden: [4], activation: tanh, output: identity}
loss: mse
train: {iterations: 10}
sweep: {grid: {model.init.seed: [1, 2]}}
"""


def check_backend_untouched():
    code = ("import matplotlib; matplotlib.use('svg'); import nnsweep, nnsweep.report; "
            "import matplotlib.pyplot; print(matplotlib.get_backend())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=PACKAGE_DIR))
    check(done.stdout.strip() == "svg", f"importing nnsweep changed the backend: "
          f"{done.stdout.strip()!r} {done.stderr[-500:]}")


def red_crosses(fig):
    """How many red x markers the figure's axes hold (lines and scatters)."""
    count = 0
    for ax in fig.axes:
        for line in ax.lines:
            if line.get_marker() == "x" and line.get_color() == "crimson":
                count += len(line.get_xdata())
        for collection in ax.collections:
            colours = collection.get_facecolor()
            if isinstance(collection, PathCollection) and len(colours) and \
                    np.allclose(colours[0][:3], CRIMSON):
                count += len(collection.get_offsets())
    return count


def check_hidden_sizes(path):
    ds = nnsweep.open(path)
    runs = ds.sizes["run"]
    fig = nnsweep.plot_cost_curves(ds)
    curves = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    check(isinstance(fig, Figure) and len(curves) == 1 and len(curves[0].get_segments()) == runs,
          f"cost curves: {[len(c.get_segments()) for c in curves]} curves for {runs} runs")
    legend = fig.axes[0].get_legend()
    check(legend is not None and [t.get_text() for t in legend.get_texts()] ==
          ["[1]", "[2]", "[3]", "[4]", "[5]", "[20]", "[50]"], "cost curves: legend of hidden sizes")
    fig = nnsweep.plot_metric(ds, "train.cost", "model.hidden")
    points = sum(len(c.get_offsets()) for c in fig.axes[0].collections
                 if isinstance(c, PathCollection))
    check(points == runs, f"metric: {points} points for {runs} runs")
    fig = nnsweep.plot_parallel_coordinates(ds, keys=["model.hidden", "model.init.seed"])
    lines = sum(len(c.get_segments()) for c in fig.axes[0].collections)
    check(lines == runs, f"parallel coordinates: {lines} lines for {runs} runs")
    fig = nnsweep.plot_decision_boundaries(ds, "model.hidden", resolution=60)
    titles = [ax.get_title() for ax in fig.axes if ax.get_title().startswith("model.hidden")]
    check(len(titles) == 7, f"decision boundaries: {len(titles)} panels, expected 7")
    cost, width = ds["train.cost"].values, ds["model.width"].values
    for title, w in zip(titles, sorted(set(width.tolist()))):
        best = cost[width == w].min()
        check(f"train.cost {best:.4f}" in title, f"panel {title!r}: best cost {best:.4f}")
    for fig_number in plt.get_fignums():
        plt.close(fig_number)
    print(f"ok   hidden sizes: {runs} curves, points and lines; 7 boundary panels")


def check_random_search(path):
    ds = nnsweep.open(path)
    diverged = int((ds["status"].values == "diverged").sum())
    check(diverged > 0, "the random search has no diverged run to mark")
    key = "optimizer.learning_rate"
    fig = nnsweep.plot_cost_curves(ds, key)
    norms = [ax._colorbar.norm for ax in fig.axes if hasattr(ax, "_colorbar")]
    check(len(norms) == 1 and isinstance(norms[0], LogNorm),
          f"cost curves of a continuous key: colour bars of norms {norms}, expected one LogNorm")
    legend = fig.axes[0].get_legend()
    labels = [t.get_text() for t in legend.get_texts()] if legend else []
    check(len(labels) <= 3 and not any(len(label) > 20 for label in labels),
          f"cost curves of a continuous key: legend {labels}")
    finite_end = sum(np.isfinite(ds["cost"].values[i]).any()
                     for i in np.nonzero(ds["status"].values == "diverged")[0])
    check(red_crosses(fig) == finite_end,
          f"cost curves: {red_crosses(fig)} red crosses for {finite_end} diverged curves")
    fig = nnsweep.plot_metric(ds, "train.cost", key)
    check(fig.axes[0].get_xscale() == "log", "metric against a log-uniform rate: linear x axis")
    check(red_crosses(fig) == diverged, f"metric: {red_crosses(fig)} red crosses, "
          f"{diverged} diverged runs")
    fig = nnsweep.plot_parallel_coordinates(ds)
    dashed = [c for c in fig.axes[0].collections if c.get_label().startswith("not ok")]
    check(len(dashed) == 1 and len(dashed[0].get_segments()) == diverged,
          f"parallel coordinates: not-ok lines {[len(c.get_segments()) for c in dashed]}")
    fig.canvas.draw()
    image = np.asarray(fig.canvas.buffer_rgba())
    check(image.shape[0] > 300 and image[..., :3].std() > 10, "parallel coordinates: blank")
    for fig_number in plt.get_fignums():
        plt.close(fig_number)
    print(f"ok   random search: log colour bar, {diverged} diverged runs marked")


def check_failed_run(path, tmp):
    """A failed run as the format describes one (docs/results-format.md:
    status failed, a message, NaN metrics and curve, no parameters), made
    by editing a copy: drawn and counted like the diverged ones."""
    failed = os.path.join(tmp, "failed.h5")
    shutil.copyfile(path, failed)
    with h5py.File(failed, "r+") as f:
        row = list(f["summary/status"].asstr()[()]).index("ok")
        f["summary/status"][row] = "failed"
        f["summary/message"][row] = "a test's failure"
        for name in ("train.cost", "train.accuracy"):
            f["summary"][name][row] = np.nan
        f["summary/cost"][row] = np.nan
        f["runs/layer_sizes"][row] = 0
    ds = nnsweep.open(failed)
    run = int(ds["run"].values[row])
    bad = int((ds["status"].values != "ok").sum())
    check(nnsweep.weights(failed, run) == [], "a failed run has weights")
    fig = nnsweep.plot_cost_curves(ds, "optimizer.learning_rate")
    check("1 failed, no curve" in fig.axes[0].get_title(), f"title {fig.axes[0].get_title()!r}")
    fig = nnsweep.plot_metric(ds, "train.cost", "optimizer.learning_rate")
    check(red_crosses(fig) == bad, f"metric: {red_crosses(fig)} red crosses, {bad} not ok")
    fig = nnsweep.plot_parallel_coordinates(ds)
    dashed = [c for c in fig.axes[0].collections if c.get_label().startswith("not ok")]
    check(dashed and len(dashed[0].get_segments()) == bad, "parallel coordinates: failed run")
    for fig_number in plt.get_fignums():
        plt.close(fig_number)
    print(f"ok   a failed run: drawn and marked with the {bad - 1} diverged ones")


def check_missing_values(path):
    """A key that does not apply to some runs (NaN): they are a group of their own."""
    ds = nnsweep.open(path)
    key = "optimizer.momentum.momentum"
    check(int(np.isnan(ds[key].values).sum()) == 2, f"{key}: {ds[key].values}")
    fig = nnsweep.plot_metric(ds, "train.cost", key)
    points = sum(len(c.get_offsets()) for c in fig.axes[0].collections
                 if isinstance(c, PathCollection))
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    check(points == ds.sizes["run"] and labels == ["0.5", "0.9", "(none)"],
          f"metric by a key with NaN: {points} points, ticks {labels}")
    fig = nnsweep.plot_parallel_coordinates(ds)
    lines = sum(len(c.get_segments()) for c in fig.axes[0].collections)
    check(lines == ds.sizes["run"], f"parallel coordinates with NaN: {lines} lines")
    for fig_number in plt.get_fignums():
        plt.close(fig_number)
    print("ok   a key with NaN: its runs drawn under (none)")


def main():
    check_backend_untouched()
    with tempfile.TemporaryDirectory(prefix="nnsweep_plots_") as tmp:
        check_hidden_sizes(hidden_sizes(tmp))
        random = sweep(tmp, "random_rates", RANDOM, expect=(0, 3))
        check_random_search(random)
        check_failed_run(random, tmp)
        check_missing_values(sweep(tmp, "momentum", MOMENTUM))
        ds = nnsweep.open(sweep(tmp, "regression", REGRESSION))
        try:
            nnsweep.plot_decision_boundaries(ds)
            check(False, "decision boundaries of a regression")
        except ValueError as error:
            check("regression" in str(error), f"the regression error: {error}")
    finish("test_plots")


if __name__ == "__main__":
    main()

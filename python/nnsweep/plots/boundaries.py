"""Decision boundaries: the best run of each value of a key over the plane
of a two-feature classification dataset."""
import math

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from .. import _file
from ..network import Network
from ..results import key_values, selection_metric, source
from ._style import default_key, value_label

MAX_PANELS = 12
CLASS_COLOURS = ("#1f5fa8", "#c0392b", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
                 "#7f7f7f", "#bcbd22", "#17becf")


def _unusable(f, dataset_id):
    """Why a dataset's plane cannot be drawn, "" when it can."""
    g = f["datasets"].get(dataset_id)
    if g is None:
        return "a dataset not in the file"
    task = _file.text(g.attrs.get("task", ""))
    if task != "classification":
        return f"a {task} dataset has no classes to draw a boundary between"
    if int(g.attrs.get("features", 0)) != 2:
        return f"a dataset of {int(g.attrs.get('features', 0))} features, not 2"
    return "" if "X" in g else "a dataset not stored in the file (see --dataset-limit)"


def best_runs(ds, key):
    """[(value, row)]: the best ok run (lowest selection metric) of each
    value of `key` that has one on a drawable dataset, at most MAX_PANELS
    values spread over the key's range. Raises ValueError saying why
    when there is none."""
    metric = ds[selection_metric(ds)].values
    values = ds[key].values
    with _file.open_results(source(ds)) as f:
        why = {d: _unusable(f, d) for d in set(ds["dataset_id"].values.tolist())}
    ok = (ds["status"].values == "ok") & np.isfinite(metric)
    usable = ok & np.array([not why[d] for d in ds["dataset_id"].values])
    if not usable.any():
        reasons = sorted(set(why.values()) - {""}) or ["no run is ok"]
        raise ValueError("no ok run trained on a stored two-feature classification dataset: "
                         + "; ".join(reasons))
    chosen = []
    for value in key_values(ds, key):
        rows = np.nonzero(usable & (values == value))[0]
        if rows.size:
            chosen.append((value, int(rows[np.argmin(metric[rows])])))
    if len(chosen) > MAX_PANELS:  # a continuous key: evenly spaced values
        picks = np.linspace(0, len(chosen) - 1, MAX_PANELS).round().astype(int)
        chosen = [chosen[j] for j in picks]
    return chosen


def _draw(ax, net, resolution):
    """One panel: the network over the plane, and the data's points
    (training points filled, test points hollow)."""
    data = net.data
    X, y = data.X, data.y.astype(int)
    pad = 0.12 * (X.max(axis=0) - X.min(axis=0)) + 1e-9
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    out = net(np.column_stack([gx.ravel(), gy.ravel()]))
    units = out.shape[1]
    filled = None
    if units <= 2:  # P(y = 1): the one unit, or the second of two
        p = out[:, units - 1].reshape(gx.shape)
        filled = ax.contourf(gx, gy, p, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.55)
        if p.min() < 0.5 < p.max():
            ax.contour(gx, gy, p, levels=[0.5], colors="black", linewidths=1.4)
    else:  # the predicted class, paler where it is less certain
        probs = out.reshape(gx.shape + (units,))
        rgba = np.array([matplotlib.colors.to_rgba(c) for c in CLASS_COLOURS])[
            probs.argmax(axis=2) % len(CLASS_COLOURS)]
        strength = (probs.max(axis=2) - 1.0 / units) / (1.0 - 1.0 / units)
        rgba[..., 3] = 0.12 + 0.5 * np.clip(strength, 0.0, 1.0)
        ax.imshow(rgba, origin="lower", extent=(lo[0], hi[0], lo[1], hi[1]), aspect="auto",
                  interpolation="nearest")
    for label in range(max(units, 2)):
        colour = CLASS_COLOURS[label % len(CLASS_COLOURS)]
        train = data.train[y[data.train] == label]
        test = data.test[y[data.test] == label]
        ax.scatter(X[train, 0], X[train, 1], s=14, color=colour, edgecolor="white",
                   linewidth=0.5, zorder=3)
        ax.scatter(X[test, 0], X[test, 1], s=16, facecolor="none", edgecolor=colour,
                   linewidth=1.1, zorder=3)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    return filled


def plot_decision_boundaries(ds, key=None, resolution=200):
    """A grid of panels, one per value of `key` (default: the first swept
    key that varies; at most 12 values, evenly spread): the best ok run of
    that value (lowest test.cost with a test part, else train.cost) over
    the plane of its two-feature classification dataset, with P(y = 1) for
    one output unit, the arg-max class for several. Values whose runs all
    diverged or failed get a panel saying so. Returns the matplotlib Figure.
    Raises ValueError when no run can be drawn (regression, other than two
    features, or a dataset not stored).
    """
    key = key or default_key(ds)
    chosen = best_runs(ds, key)
    drawn = {value for value, _ in chosen}
    missing = [v for v in key_values(ds, key) if v not in drawn]
    panels = chosen + [(v, None) for v in missing][:max(0, MAX_PANELS - len(chosen))]
    cols = min(len(panels), 4)
    rows = math.ceil(len(panels) / cols)
    with _file.open_results(source(ds)) as f:  # panels shaped like the data: no empty bands
        X = Network(f, chosen[0][1]).data.X
    span = X.max(axis=0) - X.min(axis=0)
    ratio = float(np.clip(span[1] / span[0], 0.4, 1.5)) if span[0] > 0 else 1.0
    size = (3.4 * cols + 1.2, (3.4 * ratio + 0.6) * rows + 0.6)
    fig, axes = plt.subplots(rows, cols, figsize=size, layout="constrained", squeeze=False)
    metric = selection_metric(ds)
    accuracy = metric.split(".")[0] + ".accuracy"
    filled = None
    with _file.open_results(source(ds)) as f:
        for ax, (value, row) in zip(axes.flat, panels):
            if row is None:
                statuses = sorted(set(ds["status"].values[ds[key].values == value].tolist()))
                ax.text(0.5, 0.5, f"no ok run\n({', '.join(statuses)})", ha="center",
                        va="center", color="crimson", transform=ax.transAxes)
                ax.set_xticks([])
                ax.set_yticks([])
            else:
                filled = _draw(ax, Network(f, row), resolution) or filled
                ax.set_aspect("equal", adjustable="box")
            title = f"{key} = {value_label(value)}"
            if row is not None:
                title += f"\n{metric} {float(ds[metric][row]):.4f}"
                if accuracy in ds:
                    title += f", accuracy {float(ds[accuracy][row]):.3f}"
            ax.set_title(title, fontsize="medium")
    for ax in axes.flat[len(panels):]:
        ax.set_axis_off()
    if filled is not None:
        fig.colorbar(filled, ax=axes, shrink=0.7, label="network output P(y = 1)")
    handles = [Line2D([], [], ls="", marker="o", color="grey", mec="white", ms=7),
               Line2D([], [], ls="", marker="o", mfc="none", mec="grey", mew=1.1, ms=7),
               Line2D([], [], color="black", lw=1.4)]
    fig.legend(handles, ["training point", "test point", "decision boundary"], ncol=3,
               loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize="small", frameon=False)
    fig.suptitle(f"{ds.attrs.get('name', '')}: best run (lowest {metric}) for each {key}")
    return fig

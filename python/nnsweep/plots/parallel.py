"""Parallel coordinates: each run one line across its keys and a metric,
the view that shows where a random search's good runs lie."""
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import colors
from matplotlib.collections import LineCollection

from ..results import higher_is_better, selection_metric, value_codes
from ._style import NOT_OK_COLOUR, KeyScale, value_label


def _axis(ds, name, span=None):
    """(positions in [0, 1] per run, [(position, label)] ticks, log) for one
    axis; a numeric axis spans the runs of `span` (default: every run)."""
    values = ds[name].values
    scale = KeyScale(ds, name)
    if values.dtype.kind in "iuf" and (scale.continuous or values.dtype.kind == "f"):
        x = values.astype(float)
        finite = x[np.isfinite(x) & (True if span is None else span)]
        if finite.size == 0:
            return np.full(len(x), np.nan), [], False
        log = scale.log and finite.min() > 0 and finite.max() / finite.min() > 20
        t = np.log10 if log else (lambda v: v)
        low, high = t(finite.min()), t(finite.max())
        span = (high - low) or 1.0
        with np.errstate(invalid="ignore", divide="ignore"):
            positions = (t(x) - low) / span
        ticks = np.linspace(low, high, 5)
        labels = [value_label(10 ** v if log else v) for v in ticks]
        return positions, list(zip((ticks - low) / span, labels)), log
    order, codes = value_codes(ds, name)
    spots = np.linspace(0, 1, len(order)) if len(order) > 1 else np.array([0.5])
    return spots[codes], [(spots[j], value_label(v)) for j, v in enumerate(order)], False


def plot_parallel_coordinates(ds, metric=None, keys=None):
    """One vertical axis per key that varies (default: every swept key) and
    a last one for `metric` (default: test.cost with a test part, else
    train.cost); each run is a line through its values, coloured by the
    metric (the best runs brightest). Numeric axes span their values (log
    when they span decades); text keys get one position per value. Runs
    that are not ok are red dashed lines ending at the top of the metric
    axis (which spans the ok runs). Returns the matplotlib Figure.
    """
    metric = metric or selection_metric(ds)
    if keys is None:
        keys = [k for k in ds.attrs.get("swept_keys", [])
                if k in ds.coords and len(set(ds[k].values.tolist())) > 1]
    names = list(keys) + [metric]
    bad = ds["status"].values != "ok"
    y = ds[metric].values.astype(float)
    good = ~bad & np.isfinite(y)
    # The metric axis spans the ok runs; the others sit above it.
    columns = [_axis(ds, name) for name in keys] + [_axis(ds, metric, good)]
    positions = np.column_stack([c[0] for c in columns])
    positions[~good, -1] = 1.04
    fig, ax = plt.subplots(figsize=(max(6.0, 2.2 * len(names) + 1.5), 5), layout="constrained")
    xs = np.arange(len(names), dtype=float)
    if good.any():
        reverse = not higher_is_better(metric)  # bright is good
        cmap = matplotlib.colormaps["viridis_r" if reverse else "viridis"]
        norm = colors.Normalize(y[good].min(), y[good].max())
        order = np.argsort(y[good])[::-1] if reverse else np.argsort(y[good])
        rows = np.nonzero(good)[0][order]  # the best drawn last, on top
        lines = [np.column_stack([xs, positions[r]]) for r in rows]
        ax.add_collection(LineCollection(lines, colors=cmap(norm(y[rows])), linewidths=1.2,
                                         alpha=0.8))
        fig.colorbar(plt.cm.ScalarMappable(norm, cmap), ax=ax).set_label(metric)
    if bad.any():
        lines = [np.column_stack([xs, positions[r]]) for r in np.nonzero(bad)[0]]
        ax.add_collection(LineCollection(lines, colors=NOT_OK_COLOUR, linewidths=1.0,
                                         linestyles="--", alpha=0.8,
                                         label=f"not ok ({int(bad.sum())})"))
        ax.legend(loc="upper right", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    for x, (_, ticks, log) in zip(xs, columns):
        ax.axvline(x, color="black", lw=1)
        for position, label in ticks:
            ax.text(x + 0.03, position, label, fontsize="x-small", va="center")
    ax.set_xticks(xs, [n + (" (log)" if c[2] else "") for n, c in zip(names, columns)])
    ax.set_xlim(-0.1, xs[-1] + 0.45)
    ax.set_ylim(-0.05, 1.08)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title(f"{ds.attrs.get('name', '')}: {ds.sizes['run']} runs, {metric} by "
                 + ", ".join(keys), pad=22)
    return fig

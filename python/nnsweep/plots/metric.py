"""A final metric against a key, each run one point, with the spread over
the other keys (the seeds, say)."""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from ..results import higher_is_better, selection_metric, value_codes
from ._style import NOT_OK_COLOUR, KeyScale, default_key, not_ok, value_label


def plot_metric(ds, metric=None, key=None):
    """Final `metric` (default: test.cost with a test part, else train.cost)
    of every run against `key` (default: the first swept key that varies).

    Each run is a point; for each value of the key, a black bar is the mean
    and sample standard deviation of its ok runs, i.e. the spread over the
    other keys. A continuous key is a numeric axis (log when it spans
    decades) instead of one position per value. Runs that are not ok are
    red crosses, on the top edge when their metric is beyond the ok runs'
    range or not finite.
    Returns the matplotlib Figure.
    """
    metric = metric or selection_metric(ds)
    key = key or default_key(ds)
    scale = KeyScale(ds, key)
    values = ds[key].values
    y = ds[metric].values.astype(float)
    bad = not_ok(ds)
    fig, ax = plt.subplots(figsize=(7.5, 4.8), layout="constrained")
    if scale.continuous:
        x = values.astype(float)
        groups = sorted(set(x[np.isfinite(x)].tolist()))
        if scale.log:
            ax.set_xscale("log")
    else:
        order, position = value_codes(ds, key)
        jitter = np.random.default_rng(0).uniform(-0.18, 0.18, len(values))
        x = position + jitter
        groups = order
        ax.set_xticks(range(len(order)), [value_label(v) for v in order],
                      rotation=45 if sum(len(value_label(v)) + 2 for v in order) > 60 else 0)
    good = ~bad & np.isfinite(y)
    ax.scatter(x[good], y[good], s=30, c=[scale.colour(v) for v in values[good]],
               edgecolor="black", linewidth=0.4, zorder=3)
    # The mean and spread of each value's ok runs: one errorbar call for
    # them all, since a random search has as many values as runs.
    codes = (np.searchsorted(np.array(groups, dtype=float), x[good]) if scale.continuous
             else position[good])
    counts = np.bincount(codes, minlength=len(groups))
    sums = np.bincount(codes, y[good], minlength=len(groups))
    shown = counts >= (2 if scale.continuous else 1)
    means = np.divide(sums, counts, out=np.full(len(groups), np.nan), where=counts > 0)
    squares = np.bincount(codes, (y[good] - means[codes]) ** 2, minlength=len(groups))
    spread = np.sqrt(np.divide(squares, counts - 1, out=np.zeros(len(groups)), where=counts > 1))
    centres = np.array(groups, dtype=float) if scale.continuous else np.arange(len(groups)) + 0.3
    ax.errorbar(centres[shown], means[shown], yerr=spread[shown], fmt="_", color="black", ms=12,
                mew=2, capsize=4, zorder=4, linestyle="none")
    if scale.continuous and shown.any():
        ax.plot(centres[shown], means[shown], color="black", lw=1, alpha=0.5)
    ok = y[good]
    log = ok.size and not higher_is_better(metric) and ok.min() > 0 and ok.max() / ok.min() > 30
    if log:
        ax.set_yscale("log")
    if bad.any():  # beyond the ok runs' range (or not finite): on the top edge
        if ok.size:
            low, high = ok.min(), ok.max()
            top = high * 1.3 if log else high + 0.08 * ((high - low) or abs(high) or 1.0)
            bottom = low / 1.3 if log else low - 0.08 * ((high - low) or abs(low) or 1.0)
            ax.set_ylim(bottom, top)
        else:
            top = np.nanmax(np.where(np.isfinite(y), y, np.nan)) if np.isfinite(y).any() else 1.0
        marked = np.where(np.isfinite(y), np.minimum(y, top), top)
        ax.scatter(x[bad], marked[bad], marker="x", color=NOT_OK_COLOUR, s=60, linewidth=2,
                   zorder=5, clip_on=False)
    handles = [Line2D([], [], ls="", marker="_", color="black", ms=12, mew=2)]
    labels = ["mean ± sample std of the ok runs"]
    if bad.any():
        handles.append(Line2D([], [], ls="", marker="x", color=NOT_OK_COLOUR, mew=2))
        labels.append(f"not ok ({int(bad.sum())}; off the scale at the top)")
    ax.legend(handles, labels, fontsize="small", loc="best")
    if scale.continuous:
        fig.colorbar(plt.cm.ScalarMappable(scale.norm, scale.cmap), ax=ax).set_label(key)
    ax.set_xlabel(key + (" (log scale)" if scale.log else ""))
    ax.set_ylabel(metric)
    ax.grid(True, alpha=0.35)
    others = [k for k in ds.attrs.get("swept_keys", [])
              if k != key and k in ds.coords and len(set(ds[k].values.tolist())) > 1]
    spread = ", ".join(others) if len(others) <= 3 else f"{len(others)} other keys"
    ax.set_title(f"{ds.attrs.get('name', '')}: {metric} by {key}"
                 + (f"\nspread over {spread}" if others else ""))
    return fig

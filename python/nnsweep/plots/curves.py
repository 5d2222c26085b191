"""Cost curves of every run, coloured by a key."""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import ticker
from matplotlib.collections import LineCollection

from ._style import NOT_OK_COLOUR, KeyScale, default_key, not_ok, not_ok_handles


def _minor_label(value, _):
    """Labels 2 and 5 times a power of ten; the other minor ticks stay bare."""
    mantissa = value / 10 ** np.floor(np.log10(value))
    return f"{value:.3g}" if np.isclose(mantissa, 2) or np.isclose(mantissa, 5) else ""


def plot_cost_curves(ds, key=None, curve="cost", log=None):
    """Every run's `curve` ("cost" or "test_cost") against the step,
    coloured by `key` (default: the first swept key that varies).

    A key of more than 10 distinct numbers (a random search) gets a colour
    map and a colour bar, on a log scale when its values span decades.
    Diverged runs are drawn up to where they stopped, ending in a red x;
    failed runs, which have no curve, are counted in the title. The axes
    span the ok runs' costs; a diverged curve leaves through the top. `log`
    forces the cost axis's scale (default: log when the costs span more than
    a factor of 3). Returns the matplotlib Figure.
    """
    key = key or default_key(ds)
    scale = KeyScale(ds, key)
    values = ds[key].values
    step = ds["step"].values
    costs = ds[curve].values
    bad = not_ok(ds)
    fig, ax = plt.subplots(figsize=(8.5, 5), layout="constrained")
    segments, colours, ends = [], [], []
    for i in range(costs.shape[0]):
        keep = np.isfinite(costs[i])
        if not keep.any():
            continue
        segments.append(np.column_stack([step[keep], costs[i, keep]]))
        colours.append(scale.colour(values[i]))
        if bad[i]:
            ends.append(segments[-1][-1])
    # One collection for all runs: ten thousand curves draw in a second.
    alpha = 0.85 if len(segments) <= 50 else max(0.15, 0.85 * (50 / len(segments)) ** 0.5)
    ax.add_collection(LineCollection(segments, colors=colours, linewidths=1.3, alpha=alpha))
    single = [j for j, segment in enumerate(segments) if len(segment) == 1]
    if single:  # a curve of one recorded point is no line: a dot
        ax.scatter([segments[j][0, 0] for j in single], [segments[j][0, 1] for j in single],
                   c=[colours[j] for j in single], s=16, zorder=2)
    # The axes span the ok runs: a diverged run's cost of 1e19 would flatten
    # them all. Its curve leaves through the top, its cross sits on the edge.
    span = costs[~bad] if (~bad).any() else costs
    finite = span[np.isfinite(span) & (span > 0)]
    if ends:
        ends = np.array(ends)
        if finite.size:
            ends[:, 1] = np.minimum(ends[:, 1], finite.max() * 1.15)
        ax.plot(ends[:, 0], ends[:, 1], "x", color=NOT_OK_COLOUR, ms=9, mew=2, zorder=3,
                clip_on=False)
    if log is None:
        log = finite.size > 0 and finite.max() / finite.min() > 3
    if finite.size:
        low, high = step.min(), step.max()
        if high == low:  # one recorded step: room around it
            low, high = low - 1, high + 1
        ax.set_xlim(low, high)
        if log:
            ax.set_yscale("log")
            ax.set_ylim(finite.min() / 1.15, finite.max() * 1.15)
            # 0.3, 0.2, 0.1 rather than a lone 10^-1 over a decade
            ax.yaxis.set_major_formatter(ticker.FormatStrFormatter("%.3g"))
            ax.yaxis.set_minor_formatter(ticker.FuncFormatter(_minor_label))
        else:
            ax.set_ylim(min(0.0, finite.min()), finite.max() * 1.15)
    epochs = "epochs_run" in ds and (ds["epochs_run"] != ds["iterations_run"]).any()
    ax.set_xlabel("epoch" if epochs else "iteration")
    ax.set_ylabel(("test cost" if curve == "test_cost" else "training cost")
                  + (" (log scale)" if log else ""))
    handles, labels = not_ok_handles(ds)
    scale.annotate(fig, ax, handles, labels)
    failed = int((ds["status"].values == "failed").sum())
    name = ds.attrs.get("name", "")
    ax.set_title(f"{name}: {'test' if curve == 'test_cost' else 'training'} cost of "
                 f"{ds.sizes['run']} runs by {key}"
                 + (f" ({failed} failed, no curve)" if failed else ""))
    ax.grid(True, which="major", alpha=0.35)
    return fig

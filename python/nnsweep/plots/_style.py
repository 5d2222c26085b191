"""What the plots share: how a key's values become colours and labels, and
which runs are not ok.

Why a scale per key: a grid key has a few values, best told apart by
distinct colours and a legend; a random-search key (a log-uniform learning
rate) has as many values as runs, which only a colour map with a colour bar,
on a log scale when the values span decades, can show.
"""
import matplotlib
import numpy as np
from matplotlib import cm, colors
from matplotlib.lines import Line2D

from ..results import key_values

MAX_CATEGORIES = 10  # more distinct numbers than this is a continuous key
MISSING_COLOUR = "#9a9a9a"
NOT_OK_COLOUR = "crimson"


def value_label(value):
    """A key value as a short label: 0.001234 as 0.00123, not 17 digits."""
    if isinstance(value, str):
        return value or "(none)"
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    number = float(value)
    if np.isnan(number):
        return "(none)"
    return str(int(number)) if number == int(number) and abs(number) < 1e15 else f"{number:.3g}"


def default_key(ds):
    """The first swept key whose value differs between runs, else "run"."""
    for key in ds.attrs.get("swept_keys", []):
        if key in ds.coords and len(set(ds[key].values.tolist())) > 1:
            return key
    return "run"


def check_key(ds, key):
    if key not in ds.coords and key not in ds:
        keys = ", ".join(ds.attrs.get("swept_keys", [])) or "none"
        raise KeyError(f"'{key}' is not a column of the results (swept keys: {keys})")


class KeyScale:
    """The colours of one key's values: categories or a continuous map."""

    def __init__(self, ds, key, cmap="viridis"):
        check_key(ds, key)
        self.key = key
        values = ds[key].values
        numeric = values.dtype.kind in "iuf"
        finite = values[np.isfinite(values)] if numeric else values
        distinct = key_values(ds, key)
        self.continuous = numeric and len(set(finite.tolist())) > MAX_CATEGORIES
        self.log = bool(self.continuous and finite.min() > 0 and finite.max() / finite.min() > 20)
        if self.continuous:
            low, high = float(finite.min()), float(finite.max())
            if high <= low:
                high = low + 1.0
            self.norm = colors.LogNorm(low, high) if self.log else colors.Normalize(low, high)
            self.cmap = matplotlib.colormaps[cmap]
        else:
            self.values = distinct
            if len(distinct) <= 10:
                palette = matplotlib.colormaps["tab10"]
                self._colours = {v: palette(i) for i, v in enumerate(distinct)}
            else:  # more values than distinct colours: spread over the map
                palette, spread = matplotlib.colormaps[cmap], len(distinct) - 1
                self._colours = {v: palette(i / spread) for i, v in enumerate(distinct)}

    def colour(self, value):
        if self.continuous:
            number = float(value)
            return self.cmap(self.norm(number)) if np.isfinite(number) else MISSING_COLOUR
        if value_label(value) == "(none)":
            return MISSING_COLOUR
        return self._colours[value]

    def annotate(self, fig, ax, handles=(), labels=()):
        """A colour bar for a continuous key, else a legend of its values
        (followed by `handles` and `labels`, e.g. the not-ok markers)."""
        if self.continuous:
            bar = fig.colorbar(cm.ScalarMappable(self.norm, self.cmap), ax=ax)
            bar.set_label(self.key + (" (log scale)" if self.log else ""))
            if handles:
                ax.legend(list(handles), list(labels), loc="upper right", fontsize="small")
            return
        entries = [Line2D([], [], color=self._colours[v], lw=2) for v in self.values]
        names = [value_label(v) for v in self.values]
        ax.legend(entries + list(handles), names + list(labels), title=self.key,
                  loc="upper right", fontsize="small", ncol=2 if len(names) > 12 else 1)


def not_ok(ds):
    """Boolean per run: diverged or failed."""
    return ds["status"].values != "ok"


def not_ok_handles(ds):
    """Legend entries for the markers of the runs that are not ok."""
    statuses = sorted(set(ds["status"].values.tolist()) - {"ok"})
    markers = {"diverged": "x", "failed": "X"}
    return ([Line2D([], [], ls="", marker=markers.get(s, "x"), color=NOT_OK_COLOUR, mew=2, ms=8)
             for s in statuses], [f"{s} ({int((ds['status'].values == s).sum())})"
                                  for s in statuses])


"""One self-contained HTML page comparing the runs of a results file.

    python3 -m nnsweep.report RESULTS.h5 [-o REPORT.html]

(what `nnsweep report` runs). The page holds the sortable comparison table
with the best run highlighted, the cost curves, each swept key's final
metric, a parallel-coordinates view for several keys, the decision
boundaries of two-feature classification data, and the experiment's config
and provenance. Figures are inline PNG images, the style and the table's
sorting inline too: the page needs no network and no other file.

The default output is RESULTS with .html in place of .h5. The page is
written to a temporary file and renamed into place, the results file is
only read, and the written path is printed on stdout. Exit status: 0
written, 1 the results file cannot be read or the page cannot be written,
2 a usage error (bad arguments, an output path that is the results file).
"""
import argparse
import base64
import io
import os
import sys
import tempfile

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from . import _html, plots
from .plots._style import default_key
from .results import higher_is_better, open as open_results, selection_metric, value_codes
from .tables import column_text, headline_metrics

MAX_ROWS = 500  # a page of 10,000 rows helps nobody: the best runs and every not-ok one
PROVENANCE = ("name", "experiment_id", "format_version", "created_utc", "nnsweep_version",
              "git_commit", "command_line", "host", "compiler", "simd", "arithmetic",
              "eigen_version", "hdf5_version", "yaml_cpp_version", "plan_size", "share")


def _png(fig):
    """The figure as base64 PNG text; the figure is closed."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def key_families(ds):
    """The swept keys that vary, as lists of keys that vary together (a
    zip's keys split the runs alike: one figure serves them all)."""
    families = {}
    for key in ds.attrs["swept_keys"]:
        first = {}  # each value numbered by its first appearance
        partition = tuple(first.setdefault(c, len(first)) for c in value_codes(ds, key)[1])
        if len(first) > 1:
            families.setdefault(partition, []).append(key)
    return list(families.values())


def best_row(ds, metric):
    """The row of the best ok run by `metric` (lowest; highest for scores), or None."""
    values = np.where(ds["status"].values == "ok", ds[metric].values.astype(float), np.nan)
    if not np.isfinite(values).any():
        return None
    return int(np.nanargmax(values) if higher_is_better(metric) else np.nanargmin(values))


def runs_table(ds, metric):
    """The comparison table's HTML and a note on which rows it holds."""
    keys = ds.attrs["swept_keys"]
    metrics = headline_metrics(ds, grouped=False)
    status = ds["status"].values
    values = ds[metric].values.astype(float)
    sign = -1.0 if higher_is_better(metric) else 1.0
    order = np.lexsort((np.where(np.isfinite(values), sign * values, np.inf), status != "ok"))
    shown = order if len(order) <= MAX_ROWS else np.concatenate(
        [order[:MAX_ROWS], np.nonzero(status != "ok")[0]])
    shown = list(dict.fromkeys(shown.tolist()))
    best = best_row(ds, metric)
    texts = {k: column_text(ds, k) for k in keys}
    ranks = {k: value_codes(ds, k)[1] for k in keys}  # keys sort as `nnsweep show` sorts them
    messages = any(ds["message"].values)  # why runs failed or diverged
    header = ["run"] + keys + metrics + ["iterations", "status", "time_s"]
    numeric = ([True] + [ds[k].dtype.kind in "iufb" for k in keys] + [True] * len(metrics)
               + [True, False, True])
    if messages:
        header.append("message")
        numeric.append(False)
    rows, classes = [], []
    for i in shown:
        row = [(str(ds["run"].values[i]), ds["run"].values[i])]
        row += [(texts[k][i], ranks[k][i]) for k in keys]
        for m in metrics:
            v = float(ds[m].values[i])
            row.append((f"{v:.{4 if higher_is_better(m) else 6}f}", v))
        row += [(str(int(ds["iterations_run"].values[i])), ds["iterations_run"].values[i]),
                (status[i], None), (f"{float(ds['wall_time_s'].values[i]):.3f}",
                                    ds["wall_time_s"].values[i])]
        row += [(ds["message"].values[i], None)] if messages else []
        rows.append(row)
        classes.append("best" if i == best else "" if status[i] == "ok" else "not-ok")
    note = (f"All {len(shown)} runs, " if len(shown) == ds.sizes["run"] else
            f"The best {MAX_ROWS} of {ds.sizes['run']} runs and every run that is not ok, ")
    note += f"best first by {metric}; click a column to sort by it. "
    if best is not None:
        note += f"Highlighted: the best run, run {ds['run'].values[best]}."
    return _html.table(header, numeric, rows, classes), note


def figures(ds, metric):
    """[(anchor, heading, HTML)] of the figure sections."""
    key = default_key(ds)
    sections = [("curves", "Cost curves", _html.figure(
        _png(plots.plot_cost_curves(ds, key)),
        f"Training cost of every run, coloured by {key}"
        + ("; red crosses end the runs that diverged." if (ds["status"] == "diverged").any()
           else "."), "cost curves"))]
    families = key_families(ds)
    metric_figures = []
    for family in families:
        together = f" ({', '.join(family[1:])} vary with it)" if len(family) > 1 else ""
        metric_figures.append(_html.figure(
            _png(plots.plot_metric(ds, metric, family[0])),
            f"Final {metric} by {family[0]}{together}: each run a point, black the mean and "
            "sample std of the ok runs.", f"{metric} by {family[0]}"))
    content = _html.figures(metric_figures)
    if len(families) > 1:  # one axis per family, as wide as the page
        content += _html.figure(
            _png(plots.plot_parallel_coordinates(ds, metric, [f[0] for f in families])),
            "Every run across its keys and its final metric (bright: best).",
            "parallel coordinates")
    if metric_figures:
        sections.append(("metrics", "Final metrics by key", content))
    try:
        boundaries = _html.figure(_png(plots.plot_decision_boundaries(ds, key)),
                                  f"The best run of each {key} over its data's plane.",
                                  "decision boundaries")
    except ValueError as error:
        boundaries = f'<p class="note">No decision boundaries: {_html.escape(error)}.</p>'
    sections.append(("boundaries", "Decision boundaries", boundaries))
    return sections


def build(path):
    """The report page of results file `path`, as text."""
    ds = open_results(path)
    metric = selection_metric(ds)
    counts = {s: int((ds["status"].values == s).sum()) for s in ("ok", "diverged", "failed")}
    best = best_row(ds, metric)
    lead = (f"{ds.sizes['run']} runs ({', '.join(f'{n} {s}' for s, n in counts.items() if n)})"
            f" from {os.path.basename(path)}, created {ds.attrs.get('created_utc', '?')}.")
    if best is not None:
        lead += (f" Best run: {ds['run'].values[best]}, {metric} "
                 f"{float(ds[metric].values[best]):.6g}.")
    table, note = runs_table(ds, metric)
    sections = [("table", "Runs", f'<p class="note">{_html.escape(note)}</p>\n{table}')]
    sections += figures(ds, metric)
    provenance = [(k, ds.attrs[k]) for k in PROVENANCE if k in ds.attrs]
    sections.append(("config", "Config and provenance",
                     f"<pre>{_html.escape(ds.attrs['config'])}</pre>\n"
                     + _html.definitions(provenance)))
    return _html.page(f"nnsweep report: {ds.attrs.get('name', os.path.basename(path))}", lead,
                      sections)


def default_output(path):
    stem, extension = os.path.splitext(path)
    return (stem if extension == ".h5" else path) + ".html"


def write(text, output):
    """Writes `text` to `output` through a temporary file in its folder."""
    folder = os.path.dirname(os.path.abspath(output))
    handle, temporary = tempfile.mkstemp(prefix=".report.", suffix=".tmp", dir=folder)
    mask = os.umask(0)
    os.umask(mask)
    try:
        os.fchmod(handle, 0o666 & ~mask)  # as open() would create it, not mkstemp's 0600
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(temporary, output)
    except BaseException:
        os.unlink(temporary)
        raise


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m nnsweep.report",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("results", metavar="RESULTS.h5", help="a results file of nnsweep run")
    parser.add_argument("-o", "--output", metavar="REPORT.html",
                        help="the page to write (default: RESULTS with .html for .h5)")
    args = parser.parse_args(argv)  # exit 2 on a usage error
    output = args.output or default_output(args.results)
    same = os.path.abspath(output) == os.path.abspath(args.results) or (
        os.path.exists(output) and os.path.exists(args.results)
        and os.path.samefile(output, args.results))
    if same:
        parser.error(f"the output {output} is the results file; give another with -o")
    if not os.path.isfile(args.results):  # plainer than HDF5's own message
        print(f"nnsweep report: cannot read {args.results}: no such file", file=sys.stderr)
        return 1
    matplotlib.use("Agg")  # this command only writes files
    try:
        text = build(args.results)
    except (OSError, KeyError, ValueError) as error:
        print(f"nnsweep report: cannot read {args.results}: {error}", file=sys.stderr)
        return 1
    try:
        write(text, output)
    except OSError as error:
        print(f"nnsweep report: cannot write {output}: {error}", file=sys.stderr)
        return 1
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

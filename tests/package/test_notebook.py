#!/usr/bin/python3
"""The README's analysis of the main job, redone as a notebook would, with
only the nnsweep package; its numbers checked against `nnsweep show`.

Usage: test_notebook.py NNSWEEP_BINARY

Runs configs/hidden_sizes.yaml as ./run.sh does (21 runs, 10000
iterations), then, cell by cell: opens the file, builds the grouped table
with pandas (runs, mean, sample std and min of train.cost and
train.accuracy per hidden size), draws the cost curves by hidden size and
the decision boundaries. Checked: every run's status, keys and metrics
equal `nnsweep show RESULTS.h5 --format json` (compare_with_show, the one
place that knows its shape); the grouped table equals `nnsweep show
--group-by model.hidden` to its printed digits; the figures are real
pictures (one curve per run, one panel per hidden size).
"""
import json
import math
import os
import tempfile

from package_support import SOURCE_DIR, binary, check, finish, run

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import numpy as np  # noqa: E402

import nnsweep  # noqa: E402


def compare_with_show(ds, shown):
    """Each run of `nnsweep show --format json` against the Dataset.

    The shape of runner/cli/show_command.cpp: {"file": PATH, "runs": [{"run":
    0, "<swept key>": value, ..., "train.cost": x, ..., "status": "ok", ...}]},
    every run and every metric, NaN as null; a list value ([5]) is compared
    as the text the file stores ("[5]"), columns the Dataset does not have
    (iterations, time_s) are skipped. Returns how many values were compared.
    """
    compared = 0
    runs = list(ds["run"].values)
    check(sorted(r["run"] for r in shown["runs"]) == sorted(runs), "show lists other runs")
    for record in shown["runs"]:
        i = runs.index(record["run"])
        for name, value in record.items():
            if name == "run" or name not in ds.variables:
                continue
            mine = ds[name].values[i]
            if isinstance(value, list):
                value = "[" + ", ".join(str(v) for v in value) + "]"
            if value is None:  # NaN, or a key that does not apply to the run
                same = mine == "" or (not isinstance(mine, str) and math.isnan(float(mine)))
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                same = math.isclose(float(mine), value, rel_tol=1e-12, abs_tol=1e-12) or (
                    math.isnan(float(mine)) and math.isnan(value))
            else:
                same = str(mine) == str(value)
            check(same, f"run {record['run']} {name}: {mine!r} here, {value!r} in show's JSON")
            compared += 1
    return compared


def show_table(path, *options):
    """`nnsweep show` as {first cell: cells} rows."""
    lines = run([binary(), "show", path, *options]).stdout.splitlines()
    header = lines[0].split()
    return header, {line.split()[0]: line.split() for line in lines[1:] if line[:1] != " "
                    and len(line.split()) == len(header)}


def main():
    with tempfile.TemporaryDirectory(prefix="nnsweep_notebook_") as tmp:
        # %% The main job, as ./run.sh runs it.
        path = os.path.join(tmp, "hidden_sizes.h5")
        done = run([binary(), "run", os.path.join(SOURCE_DIR, "configs", "hidden_sizes.yaml"),
                    "--out", path, "--quiet"])
        check(done.returncode == 0, f"nnsweep run: {done.stderr}")

        # %% Open it: one row per run, keys as columns.
        ds = nnsweep.open(path)
        runs = ds.drop_dims("step").to_dataframe()
        ok = runs[runs["status"] == "ok"]

        # %% The grouped table, by hidden size in numeric order.
        grouped = ok.groupby("model.width")[["train.cost", "train.accuracy"]].agg(
            ["count", "mean", "std", "min"])
        print(grouped.round(6).to_string())

        # %% Cost curves by hidden size, and the decision boundaries.
        curves = nnsweep.plot_cost_curves(ds, "model.hidden")
        boundaries = nnsweep.plot_decision_boundaries(ds, "model.hidden")
        for fig, name in ((curves, "curves.png"), (boundaries, "boundaries.png")):
            fig.savefig(os.path.join(tmp, name), dpi=80)
            pixels = matplotlib.image.imread(os.path.join(tmp, name))[..., :3]
            check(pixels.std() > 0.05, f"{name} is nearly blank")
        check(len(curves.axes[0].collections[0].get_segments()) == 21, "not one curve per run")
        panels = [ax for ax in boundaries.axes if ax.get_title().startswith("model.hidden")]
        check(len(panels) == 7, f"{len(panels)} boundary panels for 7 hidden sizes")

        # %% Against nnsweep show: the runs (JSON), then the grouped table (text).
        shown = run([binary(), "show", path, "--format", "json", "--rows", "0"])
        if shown.returncode == 0:
            compared = compare_with_show(ds, json.loads(shown.stdout))
            print(f"ok   {compared} values equal nnsweep show --format json")
        else:  # a binary from before --format json: the run table's printed digits
            print(f"note: nnsweep show --format json failed ({shown.stderr.strip()[:80]}); "
                  "comparing with the text table")
            header, rows = show_table(path, "--rows", "0")
            for i, r in enumerate(ds["run"].values):
                row = rows[str(r)]
                for name, digits in (("train.cost", 6), ("train.accuracy", 4)):
                    check(abs(float(row[header.index(name)]) - ds[name].values[i])
                          <= 0.5 * 10 ** -digits, f"run {r} {name}: show printed "
                          f"{row[header.index(name)]}, the package read {ds[name].values[i]}")
                check(row[header.index("status")] == ds["status"].values[i], f"run {r} status")
        header, rows = show_table(path, "--group-by", "model.hidden")
        for width, stats in grouped.iterrows():
            row = rows[f"[{width}]"]
            check(int(row[1]) == stats[("train.cost", "count")], f"width {width}: runs")
            for metric in ("train.cost", "train.accuracy"):
                for stat in ("mean", "std", "min"):
                    printed = float(row[header.index(f"{metric}_{stat}")])
                    check(abs(printed - stats[(metric, stat)]) <= 5e-7,
                          f"width {width} {metric}_{stat}: show {printed}, "
                          f"pandas {stats[(metric, stat)]}")
        print(f"ok   grouped table of {len(grouped)} hidden sizes equals nnsweep show --group-by")
        check(np.isfinite(ds["train.cost"].values).all(), "a run has no final cost")
    finish("test_notebook")


if __name__ == "__main__":
    main()

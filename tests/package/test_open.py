#!/usr/bin/python3
"""nnsweep.open against h5py's reading of the same file, and the versions.

Usage: test_open.py NNSWEEP_BINARY

On configs/hidden_sizes.yaml (300 iterations): every coordinate and
variable equals its /summary dataset; `run` is the plan index and `.sel`
selects by it; groupby over model.width and a pivot of train.cost by
hidden size and seed equal numpy's grouping of the raw columns;
drop_dims("step").to_dataframe() has one row per run. On a random search
(a log-uniform learning rate, some runs diverging): the rate is a float
coordinate with the drawn values, diverged runs are kept with their status.
A copy marked format version 5 (with long_name, units, Conventions) opens
and keeps the attributes; versions 3 and 6, a non-nnsweep HDF5 file and a
text file are refused with errors naming the problem.
"""
import os
import shutil
import tempfile

from package_support import check, finish, hidden_sizes, sweep

import h5py  # noqa: E402
import numpy as np  # noqa: E402

import nnsweep  # noqa: E402

RANDOM = """name: random_rates
dataset: {name: moons, n_samples: 80, noise: 0.2, seed: 0}
model: {hidden: [8], activation: relu, output: sigmoid, init: {name: he_normal, seed: 0}}
optimizer: {name: gd, learning_rate: 0.1}
train: {iterations: 40}
sweep:
  random:
    samples: 16
    seed: 3
    params:
      optimizer.learning_rate: {distribution: log_uniform, low: 1e-3, high: 1e4}
"""


def check_against_h5py(path):
    ds = nnsweep.open(path)
    with h5py.File(path, "r") as f:
        s = f["summary"]
        check(ds.sizes == {"run": len(s["run"]), "step": len(s["step"])}, f"sizes {ds.sizes}")
        for name in ds.variables:
            raw = s[name].asstr()[()] if s[name].dtype.kind == "O" else s[name][()]
            check(np.array_equal(ds[name].values, raw, equal_nan=raw.dtype.kind == "f"),
                  f"{name} differs from /summary/{name}")
        for name in ("model.hidden", "model.init.seed", "model.width", "model.depth",
                     "model.hidden_1"):
            check(name in ds.coords and ds[name].dims == ("run",), f"{name} is not a coordinate")
        # --set train.iterations=300 gives a constant column too.
        check(ds.attrs["swept_keys"] == ["model.hidden", "model.init.seed", "train.iterations"],
              f"swept_keys {ds.attrs['swept_keys']}")
        check(ds.attrs["config"] == f["config"][()].decode(), "config attribute")
        check(ds.attrs["experiment_id"] == f.attrs["experiment_id"], "experiment_id attribute")
        width, seed = s["model.width"][()], s["model.init.seed"][()]
        cost, curves = s["train.cost"][()], s["cost"][()]
    one = ds.sel(run=7)
    check(float(one["train.cost"]) == cost[list(ds["run"].values).index(7)], ".sel(run=7)")
    means = ds["cost"].groupby("model.width").mean()
    widths = sorted(set(width.tolist()))
    check(list(means["model.width"].values) == widths, f"groups {means['model.width'].values}")
    for j, w in enumerate(widths):
        check(np.allclose(means.values[j], np.nanmean(curves[width == w], axis=0), rtol=1e-15),
              f"mean cost curve of width {w}")
    table = ds.drop_dims("step").to_dataframe()
    check(len(table) == ds.sizes["run"] and "train.cost" in table and "model.hidden" in table,
          f"to_dataframe: {len(table)} rows, columns {list(table.columns)}")
    pivot = table.pivot(index="model.width", columns="model.init.seed", values="train.cost")
    for w in widths:
        for s_ in sorted(set(seed.tolist())):
            want = cost[(width == w) & (seed == s_)][0]
            check(pivot.loc[w, s_] == want, f"pivot at width {w}, seed {s_}")
    check(len(ds.to_dataframe()) == ds.sizes["run"] * ds.sizes["step"], "to_dataframe of curves")
    print(f"ok   open: {len(ds.variables)} variables equal /summary; groupby, pivot, sel")


def check_random_search(tmp):
    path = sweep(tmp, "random_rates", RANDOM, expect=(0, 3))
    ds = nnsweep.open(path)
    with h5py.File(path, "r") as f:
        rates = f["summary/optimizer.learning_rate"][()]
    check(ds["optimizer.learning_rate"].dtype == np.float64
          and np.array_equal(ds["optimizer.learning_rate"].values, rates), "the drawn rates")
    status = list(ds["status"].values)
    check(ds.sizes["run"] == 16 and "diverged" in status and "ok" in status,
          f"random search statuses {status}")
    print(f"ok   random search: {status.count('diverged')} of 16 runs diverged and kept")


def check_versions(path, tmp):
    newer = os.path.join(tmp, "v5.h5")
    shutil.copyfile(path, newer)
    with h5py.File(newer, "r+") as f:
        f.attrs["format_version"] = 5
        f.attrs["Conventions"] = "CF-1.8"
        f["summary/train.cost"].attrs["long_name"] = "training cost of the final parameters"
        f["summary/wall_time_s"].attrs["units"] = "s"
    ds = nnsweep.open(newer)
    check(ds.attrs["format_version"] == 5 and ds.attrs["Conventions"] == "CF-1.8",
          "version 5 root attributes")
    check(ds["train.cost"].attrs.get("long_name") == "training cost of the final parameters"
          and ds["wall_time_s"].attrs.get("units") == "s", "version 5 long_name and units")
    for version in (3, 7):
        other = os.path.join(tmp, f"v{version}.h5")
        shutil.copyfile(path, other)
        with h5py.File(other, "r+") as f:
            f.attrs["format_version"] = version
        try:
            nnsweep.open(other)
            check(False, f"format_version {version} was accepted")
        except nnsweep.ResultsFileError as error:
            check(f"format_version {version}" in str(error) and "4 to 6" in str(error),
                  f"the error for version {version}: {error}")
    foreign = os.path.join(tmp, "foreign.h5")
    with h5py.File(foreign, "w") as f:
        f["x"] = [1.0]
    try:
        nnsweep.open(foreign)
        check(False, "an HDF5 file that is not a results file was accepted")
    except nnsweep.ResultsFileError as error:
        check("not an nnsweep results file" in str(error), f"foreign file: {error}")
    junk = os.path.join(tmp, "junk.h5")
    with open(junk, "w") as f:
        f.write("not HDF5\n")
    try:
        nnsweep.open(junk)
        check(False, "a text file was accepted")
    except OSError:
        check(True, "")
    print("ok   versions: 5 read with its attributes; 3, 6, foreign and junk files refused")


def main():
    with tempfile.TemporaryDirectory(prefix="nnsweep_open_") as tmp:
        path = hidden_sizes(tmp)
        check_against_h5py(path)
        check_random_search(tmp)
        check_versions(path, tmp)
    finish("test_open")


if __name__ == "__main__":
    main()

"""Results do not depend on threads: a sweep run with --threads 1 and --threads 2
gives bit-identical datasets (wall times aside), rows in run-index order; so
does a multi-class sweep of mini-batch runs with early stopping. Then
configs/hidden_sizes.yaml: its summary as h5py, xarray and `nnsweep show` see it.

Usage: /usr/bin/python3 test_threads_identical.py NNSWEEP_BINARY   (env NNSWEEP_SOURCE_DIR)
"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import xarray

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from results_support import run_arrays, run_attributes  # noqa: E402

BINARY = sys.argv[1]
SOURCE = os.environ.get("NNSWEEP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
FAILURES = []

# 12 runs of very different cost, so that two threads finish them out of order.
CONFIG = """\
name: threads
dataset: {name: moons, n_samples: 50, noise: 0.2, seed: 0}
model:
  hidden: [2]
  activation: tanh
  init: {name: normal, scale: 0.5, seed: 2}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 50, record_every: 5}
sweep:
  grid:
    model.hidden: [1, 40, [30, 30], 3]
  zip:
    model.init.seed: [4, 5, 6]
    dataset.n_samples: [50, 30, 60]
"""

# Mini-batches reshuffled every epoch, early stopping on a test part, three
# classes: 8 runs, some stopping early, of different cost.
MINIBATCH_CONFIG = """\
name: minibatch_threads
dataset: {name: spiral, n_samples: 90, n_classes: 3, noise: 0.2, test_fraction: 0.3, stratify: true}
model:
  hidden: [8]
  activation: tanh
  output: softmax
  init: {name: normal, scale: 0.5, seed: 2}
loss: categorical_cross_entropy
optimizer: {name: adam, learning_rate: 0.05}
train:
  epochs: 60
  batch_size: 16
  shuffle_seed: 3
  early_stopping: {patience: 5}
sweep:
  grid:
    train.batch_size: [7, 16, 32, 200]
    model.hidden: [4, [24, 24]]
"""


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)


def nnsweep(*arguments):
    return subprocess.run([BINARY, *arguments], capture_output=True, text=True, timeout=300)


def texts(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def datasets_of(h5):
    found = {}
    h5.visititems(lambda name, item: found.__setitem__(name, item)
                  if isinstance(item, h5py.Dataset) else None)
    return found


def same_array(a, b):
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind in "fc":
        return np.array_equal(a, b, equal_nan=True) and a.tobytes() == b.tobytes()
    if a.dtype.kind == "O":
        return a.shape == b.shape and all(x == y for x, y in zip(a.ravel(), b.ravel()))
    return np.array_equal(a, b)


def run_at_both_thread_counts(folder, name, text, runs):
    """Runs the config at 1 and 2 threads; checks every dataset and run
    attribute is bit-identical; returns the two files, or None."""
    config = os.path.join(folder, name + ".yaml")
    with open(config, "w") as file:
        file.write(text)
    files = {}
    for threads in ("1", "2"):
        out = os.path.join(folder, f"{name}{threads}.h5")
        run = nnsweep("run", config, "--out", out, "--threads", threads, "--quiet")
        check(run.returncode == 0, f"{name} --threads {threads}: exit {run.returncode}: {run.stderr}")
        files[threads] = out
    if FAILURES:
        return None
    with h5py.File(files["1"], "r") as one, h5py.File(files["2"], "r") as two:
        first, second = datasets_of(one), datasets_of(two)
        check(sorted(first) == sorted(second),
              f"{name}: different datasets: {sorted(set(first) ^ set(second))}")
        check(len(one["runs/run"]) == runs and "W1" in one["runs"],
              f"{name}: /runs lacks runs or weights: {sorted(first)}")
        for item in sorted(set(first) & set(second)):
            if item.split("/")[-1] == "wall_time_s":
                continue
            a, b = first[item][()], second[item][()]
            check(same_array(np.asarray(a), np.asarray(b)),
                  f"{name}: {item} differs between thread counts")
        for index in one["summary/run"][()]:
            a, b = run_attributes(one, index), run_attributes(two, index)
            for key in ("config", "run_id", "status", "message"):
                check(a[key] == b[key], f"{name}: run {index}: {key} differs")
    return files


def compare_minibatch_threads(folder):
    files = run_at_both_thread_counts(folder, "minibatch", MINIBATCH_CONFIG, 8)
    if files is None:
        return
    with h5py.File(files["2"], "r") as h5:
        summary = h5["summary"]
        epochs = summary["epochs_run"][()]
        check(list(summary["train.batch_size"][()]) == [7, 7, 16, 16, 32, 32, 200, 200],
              f"batch sizes {summary['train.batch_size'][()]}")
        check(min(epochs) < 60, f"no run stopped early: epochs {epochs}")
        check("best_epoch" in summary and "test.f1" in summary, "early-stopping and F1 columns")


def compare_threads(folder):
    files = run_at_both_thread_counts(folder, "threads", CONFIG, 12)
    if files is None:
        return
    with h5py.File(files["1"], "r") as one, h5py.File(files["2"], "r") as two:
        for h5 in (one, two):
            summary = h5["summary"]
            check(np.array_equal(summary["run"][()], np.arange(12)),
                  f"{h5.filename}: /summary/run {summary['run'][()]}")
            check(np.array_equal(h5["runs/run"][()], np.arange(12)),
                  f"{h5.filename}: /runs/run {h5['runs/run'][()]}")
            depths = [sum(name.startswith("W") for name in run_arrays(h5, i)) for i in range(12)]
            check(depths == [2, 2, 2, 2, 2, 2, 3, 3, 3, 2, 2, 2],
                  f"{h5.filename}: layers per run {depths}")
            hidden = texts(summary["model.hidden"][()])
            expected = [size for size in ["[1]", "[40]", "[30, 30]", "[3]"] for _ in range(3)]
            check(hidden == expected, f"{h5.filename}: model.hidden {hidden}")
            check(list(summary["dataset.n_samples"][()]) == [50, 30, 60] * 4,
                  f"{h5.filename}: dataset.n_samples {summary['dataset.n_samples'][()]}")
            check(all(s == "ok" for s in texts(summary["status"][()])), "every run is ok")
            check(summary["cost"].shape == (12, 10), f"cost shape {summary['cost'].shape}")


def hidden_sizes(folder):
    out = os.path.join(folder, "hidden_sizes.h5")
    config = os.path.join(SOURCE, "configs", "hidden_sizes.yaml")
    run = nnsweep("run", config, "--set", "train.iterations=200", "--out", out, "--threads", "2",
                  "--quiet")
    check(run.returncode == 0, f"hidden_sizes: exit {run.returncode}: {run.stderr}")
    if run.returncode != 0:
        return
    sizes = ["[1]", "[2]", "[3]", "[4]", "[5]", "[20]", "[50]"]
    with h5py.File(out, "r") as h5:
        summary = h5["summary"]
        hidden = texts(summary["model.hidden"][()])
        check(hidden == [size for size in sizes for _ in range(3)], f"model.hidden {hidden}")
        check(list(summary["model.init.seed"][()]) == [2, 3, 4] * 7, "model.init.seed column")
        check(list(summary["train.iterations"][()]) == [200] * 21, "train.iterations column")
        check(np.array_equal(summary["run"][()], np.arange(21)), "/summary/run")
        check(summary["cost"].shape == (21, 20), f"cost shape {summary['cost'].shape}")

    ds = xarray.open_dataset(out, group="summary", engine="h5netcdf")
    try:
        check(set(ds.dims) == {"run", "step"}, f"xarray dims {dict(ds.dims)}")
        check(ds.sizes.get("run") == 21 and ds.sizes.get("step") == 20, f"sizes {dict(ds.sizes)}")
        per_run = [name for name, var in ds.data_vars.items() if var.dims == ("run",)]
        for name in ("train.cost", "status", "model.hidden", "model.init.seed", "run_id"):
            check(name in per_run, f"{name} is not a run variable: {per_run}")
        check(ds["cost"].dims == ("run", "step"), f"cost dims {ds['cost'].dims}")
        frame = ds[per_run].to_dataframe()
        check(len(frame) == 21, f"to_dataframe() has {len(frame)} rows, expected 21")
        check(list(frame.index) == list(range(21)), f"index {list(frame.index)}")
        counts = frame.groupby("model.hidden").size()
        check(sorted(counts.index) == sorted(sizes) and set(counts) == {3},
              f"groups {counts.to_dict()}")
    finally:
        ds.close()

    show = nnsweep("show", out, "--group-by", "model.hidden")
    check(show.returncode == 0, f"show exit {show.returncode}: {show.stderr}")
    lines = show.stdout.splitlines()
    check(len(lines) == 9, f"show --group-by printed:\n{show.stdout}")
    if len(lines) == 9:
        header = lines[0].split()
        check(header[:2] == ["model.hidden", "runs"], f"header {header}")
        groups = {}
        for line in lines[1:8]:
            value, rest = line.split("]", 1)
            fields = rest.split()
            groups[value + "]"] = fields
            check(fields[0] == "3", f"group {value}]: {fields}")
            check(fields[-1] == "0", f"group {value}]: not_ok {fields[-1]}")
        check(list(groups) == sizes, f"groups {list(groups)}")
        check(lines[8] == "21 runs in 7 groups", f"last line {lines[8]!r}")


def main():
    with tempfile.TemporaryDirectory() as folder:
        compare_threads(folder)
        compare_minibatch_threads(folder)
        hidden_sizes(folder)


if __name__ == "__main__":
    main()
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        sys.exit(1)
    print("ok")

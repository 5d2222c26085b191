#!/usr/bin/python3
"""Tests tools/analysis.py on small sweeps written by the nnsweep binary.

Usage: test_analysis.py NNSWEEP_BINARY
(environment: NNSWEEP_SOURCE_DIR = the repository root)

Checks that the printed table is the table of `nnsweep show FILE --group-by KEY`
(line by line; numbers within 1e-6 should the text ever differ) with the
expected columns, and that the figures are written and are real pictures: PNG
files over 10 kB that matplotlib reads back and that are not a single colour.
The files are results format version 4, written by the binary:
  - configs/hidden_sizes.yaml (two classes, sigmoid output), by its two keys;
    and the same file rewritten in the version 2 layout (final_cost,
    train_accuracy, no epochs_run, a group per run) and the untyped version 1
    layout, and the version 2 and 3 files in tests/fixtures/format_v2 and
    format_v3: all refused (exit 1, the message names the version), since
    the nnsweep package reads format versions 4 to 6 only;
  - a 3-class spiral (softmax output, categorical_cross_entropy), grouped by a
    real key whose values are not in sorted order: its decision boundaries
    are the argmax over the output units, so the figure holds the third
    class's colour;
  - a friedman1 regression (identity output, mse) with a test part: the
    grouped table has train.cost and test.cost, test.rmse, test.r2, and the
    decision-boundary figure is skipped with a note naming regression;
  - a sweep whose runs all diverge and whose dataset is not stored (no
    decision-boundary figure);
  - files of a single run (configs/seed_moons.yaml, and a regression run with
    mini-batches and early stopping): their row is that of `nnsweep show`.
The package's numpy forward pass (nnsweep.network, which the figures use) must reproduce the
metrics nnsweep stored: train.accuracy with one sigmoid unit (P > 0.5) and
with softmax (argmax), train.rmse and test.rmse with an identity output on
standardized inputs. Also --key and the errors for a bad key or a junk file.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))
from results_support import run_arrays, run_attributes  # noqa: E402

import matplotlib

matplotlib.use("Agg")
import matplotlib.image as mpimg  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

import nnsweep  # noqa: E402
from nnsweep.plots.boundaries import CLASS_COLOURS  # noqa: E402

PYTHON = "/usr/bin/python3"
FIGURES = ("cost_curves.png", "final_cost.png", "decision_boundaries.png")
THIRD_CLASS = to_rgb(CLASS_COLOURS[2])

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL " + message)
    return condition


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def numbers_close(a, b):
    """Lines equal but for numbers, which agree to 1e-6."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    for x, y in zip(ta, tb):
        if x == y:
            continue
        try:
            fx, fy = float(x), float(y)
        except ValueError:
            return False
        if not (abs(fx - fy) <= 1e-6 or (np.isnan(fx) and np.isnan(fy))):
            return False
    return True


def compare_tables(printed, expected, label):
    """`printed` must begin with exactly the lines of `expected`."""
    got = printed.splitlines()[:len(expected.splitlines())]
    want = expected.splitlines()
    check(len(want) >= 3, f"{label}: nnsweep show printed too little:\n{expected}")
    check(len(got) == len(want), f"{label}: {len(got)} table lines, expected {len(want)}")
    for number, (g, w) in enumerate(zip(got, want), 1):
        if g != w:
            if numbers_close(g, w):
                print(f"note {label}: line {number} differs only in rounding:\n  {g}\n  {w}")
            else:
                check(False, f"{label}: line {number} differs:\n  got:  {g!r}\n  want: {w!r}")


def table_header(stdout):
    return stdout.splitlines()[0].split() if stdout else []


def grouped_header(key, metrics):
    return [key, "runs"] + [f"{m}_{s}" for m in metrics for s in ("mean", "std", "min")] + ["not_ok"]


def figure_paths(stdout):
    return [line[len("figure: "):] for line in stdout.splitlines() if line.startswith("figure: ")]


def check_png(path):
    if not check(os.path.isfile(path), f"{path} was not written"):
        return
    with open(path, "rb") as f:
        check(f.read(8) == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    size = os.path.getsize(path)
    check(size > 10_000, f"{path} is only {size} bytes")
    image = mpimg.imread(path)
    check(image.ndim == 3 and image.shape[0] > 200 and image.shape[1] > 200,
          f"{path} has shape {image.shape}")
    rgb = image[..., :3].reshape(-1, 3)
    colours = len(np.unique((rgb * 255).round().astype(np.uint8), axis=0))
    check(float(rgb.var(axis=0).sum()) > 1e-3 and colours > 20,
          f"{path} is nearly one colour (variance {rgb.var():.2e}, {colours} colours)")
    print(f"ok   {os.path.basename(path)}: {image.shape[1]}x{image.shape[0]}, {size} bytes, "
          f"{colours} colours")


def check_run_row(binary, path, done, header, label):
    """A single run's table: the first lines of `nnsweep show PATH`, exactly."""
    show = run([binary, "show", path]).stdout.splitlines()
    printed = done.stdout.splitlines()
    check(table_header(done.stdout) == header, f"{label}: header {table_header(done.stdout)}, "
          f"expected {header}")
    check(len(show) >= 2 and printed[:2] == show[:2],
          f"{label}: printed {printed[:2]}, nnsweep show printed {show[:2]}")
    check(len(printed) > 2 and printed[2] == "1 run, no swept keys",
          f"{label}: no '1 run, no swept keys' line: {printed[2:3]}")


def check_single_run(binary, tool, source, tmp):
    """The post's own experiment, one run and no sweep: its row, its cost
    curve and its decision boundary (no final_cost.png: nothing to compare)."""
    single = os.path.join(tmp, "seed.h5")
    # As it stands: a --set would be recorded as a swept key (10000 iterations take 0.2 s).
    made = run([binary, "run", os.path.join(source, "configs", "seed_moons.yaml"),
                "--out", single, "--quiet"])
    if not check(made.returncode == 0, f"seed_moons run exited {made.returncode}:\n{made.stderr}"):
        return
    folder = os.path.join(tmp, "seed_out")
    done = run([PYTHON, tool, single, "--out", folder])
    check(done.returncode == 0, f"single run: exit {done.returncode}:\n{done.stderr}")
    expected = [os.path.join(folder, name) for name in (FIGURES[0], FIGURES[2])]
    check(figure_paths(done.stdout) == expected,
          f"single run: printed figure paths {figure_paths(done.stdout)}, expected {expected}")
    for path in expected:
        check_png(path)
    held = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    check(held == sorted(os.path.basename(p) for p in expected), f"single run: {folder} holds {held}")
    check_run_row(binary, single, done,
                  ["run", "train.cost", "train.accuracy", "iterations", "status", "time_s"],
                  "single run")
    row = done.stdout.splitlines()[1].split() if done.stdout.count("\n") > 1 else []
    check(row[:1] == ["0"] and row[3:5] == ["10000", "ok"] and 0.2 < float(row[1]) < 0.4,
          f"single run: row {row}")
    bad = run([PYTHON, tool, single, "--key", "model.hidden", "--out", folder])
    check(bad.returncode == 2 and "model.hidden" in bad.stderr,
          f"single run with --key model.hidden: exit {bad.returncode}: {bad.stderr}")


def check_forward(path, label, want_activations):
    """The package's forward pass (which the figures draw) against the
    metrics nnsweep stored for every ok run: cost, accuracy and rmse on
    both parts."""
    ds = nnsweep.open(path)
    checked = 0
    for i, run_index in enumerate(ds["run"].values):
        if ds["status"].values[i] != "ok":
            continue
        net = nnsweep.network(path, run_index)
        names = [name for name, _ in net.activations]
        check(names == want_activations,
              f"{label}: run {run_index} activations {names}, expected {want_activations}")
        for part in ("train", "test"):
            rows = getattr(net.data, part)
            if not len(rows):
                continue
            out, y = net(net.data.X[rows]), net.data.y[rows]
            stored = float(ds[f"{part}.cost"][i])
            if np.isfinite(stored):  # no weight penalties: the cost is the loss
                cost = loss(names[-1], out, y)
                check(abs(cost - stored) <= 1e-9 * max(1.0, stored),
                      f"{label}: run {run_index} {part} cost {cost}, {stored} stored")
                checked += 1
            stored = float(ds[f"{part}.accuracy"][i]) if f"{part}.accuracy" in ds else np.nan
            if np.isfinite(stored):
                predicted = out.argmax(axis=1) if out.shape[1] > 1 else (out[:, 0] > 0.5)
                accuracy = float(np.mean(predicted == y))
                check(abs(accuracy - stored) <= 1e-12,
                      f"{label}: run {run_index} {part} accuracy {accuracy}, {stored} stored")
                checked += 1
            stored = float(ds[f"{part}.rmse"][i]) if f"{part}.rmse" in ds else np.nan
            if np.isfinite(stored):
                rmse = float(np.sqrt(np.mean((out[:, 0] - y) ** 2)))
                check(abs(rmse - stored) <= 1e-9 * max(1.0, stored),
                      f"{label}: run {run_index} {part} rmse {rmse}, {stored} stored")
                checked += 1
    check(checked > 0, f"{label}: no stored metric to check the forward pass against")
    print(f"ok   {label}: forward pass matches {checked} stored metrics")


def loss(output, out, y):
    """The loss paired with each output: binary cross-entropy for sigmoid,
    categorical for softmax, mean squared error for identity."""
    if output == "sigmoid":
        p = out[:, 0]
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    if output == "softmax":
        return float(-np.mean(np.log(out[np.arange(len(y)), y.astype(int)])))
    return float(np.mean((out[:, 0] - y) ** 2))


def analyse(binary, tool, results, key, folder, metrics, figures, label):
    """analysis.py on `results` grouped by `key`: its table is `nnsweep show
    --group-by KEY`, with the columns of `metrics`; it writes `figures`."""
    done = run([PYTHON, tool, results, "--key", key, "--out", folder])
    check(done.returncode == 0, f"{label}: exit {done.returncode}:\n{done.stderr}")
    show = run([binary, "show", results, "--group-by", key])
    check(show.returncode == 0, f"{label}: nnsweep show exited with {show.returncode}")
    compare_tables(done.stdout, show.stdout, label)
    check(table_header(done.stdout) == grouped_header(key, metrics),
          f"{label}: header {table_header(done.stdout)}, expected {grouped_header(key, metrics)}")
    expected = [os.path.join(folder, name) for name in figures]
    check(figure_paths(done.stdout) == expected,
          f"{label}: printed figure paths {figure_paths(done.stdout)}, expected {expected}")
    for path in expected:
        check_png(path)
    return done


def table_rows(stdout):
    """The grouped table's rows as lists of cells (not the header or the count line)."""
    lines = stdout.splitlines()
    end = next((n for n, line in enumerate(lines) if re.match(r"^\d+ runs in \d+ groups", line)),
               len(lines))
    return [line.split() for line in lines[1:end]]


def colour_share(path, rgb):
    """The share of the image's pixels tinted like `rgb` (blended over white,
    as the class regions are drawn): its strongest channel (green for the
    third class) well above the others, which neither the red-blue map of
    two classes nor grey text gives."""
    image = mpimg.imread(path)[..., :3].reshape(-1, 3)
    channel = int(np.argmax(rgb))
    others = [c for c in range(3) if c != channel]
    lead = image[:, channel] - image[:, others].max(axis=1)
    return float(np.mean(lead > 0.06))


def per_run_groups(f):
    """Replaces version 4's /runs table by the group per run of versions 1 to 3."""
    runs = {int(i): (run_arrays(f, i), run_attributes(f, i)) for i in f["summary/run"][()]}
    del f["runs"]
    group = f.create_group("runs")
    for index, (arrays, attributes) in runs.items():
        run = group.create_group("%06d" % index)
        for name, values in arrays.items():
            run[name] = values
        for key, value in attributes.items():
            run.attrs[key] = value


def to_version(source, target, version):
    """A copy of a version 4 file in the layout of version 2 (the metric
    names final_cost and train_accuracy, no other metrics, no epochs_run,
    datasets without task and class names, a group per run) or version 1
    (also no column types)."""
    shutil.copyfile(source, target)
    with h5py.File(target, "r+") as f:
        per_run_groups(f)  # reads the version 4 layout: before the version changes
        f.attrs["format_version"] = version
        s = f["summary"]
        s.move("train.cost", "final_cost")
        s.move("train.accuracy", "train_accuracy")
        for name in ("train.precision", "train.recall", "train.f1", "epochs_run"):
            del s[name]
        for group in f["datasets"].values():
            del group.attrs["task"], group.attrs["classes"], group["class_names"]
        if version == 1:
            for name in s:
                s[name].attrs.pop("nnsweep_type", None)


SPIRAL = """name: spiral3
dataset: {name: spiral, n_samples: 150, n_classes: 3, noise: 0.2, seed: 0}
model:
  hidden: [10]
  activation: tanh
  output: softmax
  init: {name: normal, scale: 0.5, seed: 1}
loss: categorical_cross_entropy
optimizer: {name: gd, learning_rate: 1.0}
train: {iterations: 300, record_every: 10}
sweep:
  grid:
    optimizer.learning_rate: [1.0, 0.5]   # not in sorted order: the table sorts
    model.hidden: [5, 20]
"""

FRIEDMAN = """name: friedman
dataset: {name: friedman1, n_samples: 120, noise: 0.5, seed: 0, test_fraction: 0.25, standardize: true}
model:
  hidden: [8]
  activation: tanh
  output: identity
  init: {name: normal, scale: 0.3, seed: 1}
loss: mse
optimizer: {name: gd, learning_rate: 0.05}
train: {iterations: 200, record_every: 10}
sweep:
  grid:
    model.hidden: [4, 8]
    model.init.seed: [1, 2]
"""

FRIEDMAN_SINGLE = """name: friedman_single
dataset: {name: friedman1, n_samples: 120, noise: 0.5, seed: 0, test_fraction: 0.25, standardize: true}
model: {hidden: [8], activation: relu, output: identity, init: {name: normal, scale: 0.3, seed: 1}}
loss: mse
optimizer: {name: gd, learning_rate: 0.05}
train: {epochs: 30, batch_size: 16, early_stopping: {patience: 3}}
"""


def write_config(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def check_multiclass(binary, tool, tmp):
    """Three classes, softmax: the class map is the argmax of the outputs."""
    results = os.path.join(tmp, "spiral3.h5")
    made = run([binary, "run", write_config(tmp, "spiral3.yaml", SPIRAL), "--out", results, "--quiet"])
    if not check(made.returncode == 0, f"spiral run exited {made.returncode}:\n{made.stderr}"):
        return
    folder = os.path.join(tmp, "spiral3_out")
    done = analyse(binary, tool, results, "optimizer.learning_rate", folder,
                   ["train.cost", "train.accuracy"], FIGURES, "3 classes")
    rows = table_rows(done.stdout)
    check([r[0] for r in rows] == ["0.5", "1.0"] and all(r[1] == "2" for r in rows),
          f"3 classes: groups {[r[:2] for r in rows]}, expected 0.5 and 1.0 of 2 runs each")
    # Better than guessing one of three classes.
    check(all(0.4 < float(r[5]) <= 1.0 for r in rows), f"3 classes: accuracies {rows}")
    check_forward(results, "3 classes", ["tanh", "softmax"])
    boundaries = os.path.join(folder, FIGURES[2])
    if os.path.isfile(boundaries):
        share = colour_share(boundaries, THIRD_CLASS)
        check(share > 0.03, f"3 classes: only {share:.1%} of {boundaries} is the third class's colour")
        print(f"ok   3 classes: {share:.1%} of the boundary figure is the third class's colour")
    # The two-class figure has no third colour: the measure tells them apart.
    plain = os.path.join(tmp, "hs_figures", FIGURES[2])
    if os.path.isfile(plain):
        share = colour_share(plain, THIRD_CLASS)
        check(share < 0.005, f"2 classes: {share:.1%} of {plain} is the third class's colour")
        print(f"ok   2 classes: {share:.2%} of the boundary figure is the third class's colour")


def check_regression(binary, tool, tmp):
    """friedman1, identity output, mse, with a test part: no boundary figure."""
    results = os.path.join(tmp, "friedman.h5")
    made = run([binary, "run", write_config(tmp, "friedman.yaml", FRIEDMAN), "--out", results,
                "--quiet"])
    if not check(made.returncode == 0, f"friedman run exited {made.returncode}:\n{made.stderr}"):
        return
    folder = os.path.join(tmp, "friedman_out")
    # With a test part the grouped table leaves out the train scores.
    done = analyse(binary, tool, results, "model.hidden", folder,
                   ["train.cost", "test.cost", "test.rmse", "test.r2"], FIGURES[:2], "regression")
    check("no decision boundaries" in done.stderr and "regression" in done.stderr,
          f"regression: no note that a regression set has no boundary: {done.stderr!r}")
    check(not os.path.exists(os.path.join(folder, FIGURES[2])), "regression: a boundary figure")
    rows = table_rows(done.stdout)
    check([r[0] for r in rows] == ["[4]", "[8]"] and all(r[-1] == "0" for r in rows),
          f"regression: groups {rows}")
    # mse: test.cost is test.rmse squared (of each run, so the means differ a little).
    check(all(0.0 < float(r[5]) and abs(float(r[5]) - float(r[8]) ** 2) < 0.05 * float(r[5])
              for r in rows), f"regression: rows {rows}")
    check_forward(results, "regression", ["tanh", "identity"])

    # A single run in mini-batches with early stopping: epochs and best_epoch.
    single = os.path.join(tmp, "friedman_single.h5")
    made = run([binary, "run", write_config(tmp, "friedman_single.yaml", FRIEDMAN_SINGLE),
                "--out", single, "--quiet"])
    if not check(made.returncode == 0, f"single friedman run exited {made.returncode}:\n{made.stderr}"):
        return
    folder = os.path.join(tmp, "friedman_single_out")
    done = run([PYTHON, tool, single, "--out", folder])
    check(done.returncode == 0, f"single regression run: exit {done.returncode}:\n{done.stderr}")
    check_run_row(binary, single, done,
                  ["run", "train.cost", "train.rmse", "train.r2", "test.cost", "test.rmse",
                   "test.r2", "epochs", "best_epoch", "iterations", "status", "time_s"],
                  "single regression run")
    check(figure_paths(done.stdout) == [os.path.join(folder, FIGURES[0])],
          f"single regression run: wrote {figure_paths(done.stdout)}")
    check("no decision boundary" in done.stderr and "regression" in done.stderr,
          f"single regression run: no note about the boundary: {done.stderr!r}")
    check_png(os.path.join(folder, FIGURES[0]))
    check_forward(single, "single regression run", ["relu", "identity"])


def check_old_versions(tool, results, fixtures, tmp):
    """Files of format versions 1 to 3 (a copy of the sweep rewritten in the
    version 2 and 1 layouts, and the committed version 2 and 3 files) are
    refused with exit 1 and a message naming the version: the package reads
    versions 4 to 6 only, rather than guess at an older layout."""
    old_files = []
    for version in (2, 1):
        old = os.path.join(tmp, f"hs_v{version}.h5")
        to_version(results, old, version)
        old_files.append((old, version))
    for name, version in (("format_v2/v2_moons", 2), ("format_v2/v2_split", 2),
                          ("format_v3/v3_moons", 3), ("format_v3/v3_split", 3)):
        old_files.append((os.path.join(fixtures, f"{name}.h5"), version))
    for path, version in old_files:
        with h5py.File(path, "r") as f:
            check(int(f.attrs["format_version"]) == version, f"{path} is not version {version}")
        done = run([PYTHON, tool, path, "--out", os.path.join(tmp, "old_out")])
        check(done.returncode == 1 and f"format_version {version}" in done.stderr
              and "versions 4 to 6" in done.stderr,
              f"version {version} file {os.path.basename(path)}: exit {done.returncode}, "
              f"{done.stderr!r}")
    print(f"ok   {len(old_files)} files of versions 1 to 3 refused")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    source = os.environ.get("NNSWEEP_SOURCE_DIR",
                            os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    tool = os.path.join(source, "tools", "analysis.py")
    config = os.path.join(source, "configs", "hidden_sizes.yaml")
    start = time.monotonic()

    with tempfile.TemporaryDirectory(prefix="nnsweep_analysis_") as tmp:
        # A small sweep: 21 runs of 300 iterations.
        results = os.path.join(tmp, "hs.h5")
        made = run([binary, "run", config, "--set", "train.iterations=300", "--out", results,
                    "--quiet"])
        if made.returncode != 0:
            sys.exit(f"FAIL: nnsweep run exited with {made.returncode}:\n{made.stderr}")

        # Default key and folder: model.hidden, <stem>_figures/ beside the file.
        done = run([PYTHON, tool, results])
        check(done.returncode == 0, f"analysis.py exited with {done.returncode}:\n{done.stderr}")
        show = run([binary, "show", results, "--group-by", "model.hidden"])
        check(show.returncode == 0, f"nnsweep show exited with {show.returncode}")
        compare_tables(done.stdout, show.stdout, "model.hidden")
        header = grouped_header("model.hidden", ["train.cost", "train.accuracy"])
        check(table_header(done.stdout) == header,
              f"model.hidden: header {table_header(done.stdout)}, expected {header}")
        check(re.search(r"^21 runs in 7 groups$", done.stdout, re.M),
              "no '21 runs in 7 groups' line")
        rows = table_rows(done.stdout)
        check([r[0] for r in rows] == ["[1]", "[2]", "[3]", "[4]", "[5]", "[20]", "[50]"],
              f"model.hidden: groups {[r[0] for r in rows]}")
        check(all(r[1] == "3" and 0.0 < float(r[2]) < 0.7 and 0.5 <= float(r[5]) <= 1.0
                  and r[-1] == "0" for r in rows), f"model.hidden: rows {rows}")
        folder = os.path.join(tmp, "hs_figures")
        expected = [os.path.join(folder, name) for name in FIGURES]
        check(figure_paths(done.stdout) == expected,
              f"printed figure paths {figure_paths(done.stdout)}, expected {expected}")
        for path in expected:
            check_png(path)
        check_forward(results, "hidden sizes", ["tanh", "sigmoid"])

        # Another key and an explicit folder.
        other = os.path.join(tmp, "by_seed")
        analyse(binary, tool, results, "model.init.seed", other, ["train.cost", "train.accuracy"],
                FIGURES, "model.init.seed")
        check(sorted(os.listdir(other)) == sorted(FIGURES), f"{other} holds {os.listdir(other)}")

        # A key that is not swept, and a file that is not a results file.
        bad = run([PYTHON, tool, results, "--key", "model.nonsense", "--out", other])
        check(bad.returncode == 2 and "model.nonsense" in bad.stderr,
              f"a bad --key gave exit {bad.returncode}: {bad.stderr}")
        junk = os.path.join(tmp, "junk.h5")
        with open(junk, "w") as f:
            f.write("not HDF5\n")
        bad = run([PYTHON, tool, junk, "--out", other])
        check(bad.returncode == 1 and "junk.h5" in bad.stderr,
              f"a junk file gave exit {bad.returncode}: {bad.stderr}")
        check(run([PYTHON, tool, "--help"]).returncode == 0, "--help failed")

        # Every run diverges and the training set is not stored: the table
        # shows nan, the boundary figure is skipped, the others are written.
        diverged = os.path.join(tmp, "diverged.h5")
        made = run([binary, "run", config, "--set", "train.iterations=20",
                    "--set", "optimizer.learning_rate=500", "--set", "model.activation=relu",
                    "--dataset-limit", "10", "--out", diverged, "--quiet"])
        check(os.path.exists(diverged), f"the diverging sweep wrote nothing: {made.stderr}")
        done = run([PYTHON, tool, diverged, "--out", os.path.join(tmp, "div")])
        check(done.returncode == 0, f"diverged file: exit {done.returncode}:\n{done.stderr}")
        show = run([binary, "show", diverged, "--group-by", "model.hidden"])
        compare_tables(done.stdout, show.stdout, "diverged")
        written = [os.path.basename(p) for p in figure_paths(done.stdout)]
        check(written == list(FIGURES[:2]), f"diverged file: wrote {written}")
        check("no decision boundaries" in done.stderr, "no note about the skipped figure")

        check_single_run(binary, tool, source, tmp)
        check_old_versions(tool, results, os.path.join(source, "tests", "fixtures"), tmp)
        check_multiclass(binary, tool, tmp)
        check_regression(binary, tool, tmp)

    for failure in failures:
        print("\nFAIL: " + failure, file=sys.stderr)
    print(f"{len(failures)} failures in {time.monotonic() - start:.1f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

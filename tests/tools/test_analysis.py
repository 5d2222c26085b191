#!/usr/bin/python3
"""Tests tools/analysis.py on small sweeps written by the nnsweep binary.

Usage: test_analysis.py NNSWEEP_BINARY
(environment: NNSWEEP_SOURCE_DIR = the repository root)

Checks that the printed table is the table of `nnsweep show FILE --group-by KEY`
(line by line; numbers within 1e-6 should the text ever differ), and that the
three figures are written and are real pictures: PNG files over 10 kB that
matplotlib reads back and that are not a single colour. Also: a sweep whose
runs all diverge and whose dataset is not stored (no decision-boundary
figure), --key, the errors for a bad key, and a file of a single run
(configs/seed_moons.yaml): its cost curve and decision boundary.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

import matplotlib

matplotlib.use("Agg")
import matplotlib.image as mpimg  # noqa: E402

PYTHON = "/usr/bin/python3"
FIGURES = ("cost_curves.png", "final_cost.png", "decision_boundaries.png")

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
    show = run([binary, "show", single]).stdout.splitlines()
    row = done.stdout.splitlines()[1].split() if done.stdout.count("\n") > 1 else []
    want = show[1].split() if len(show) > 1 else []
    check(len(row) == 5 and len(want) >= 5 and row[0] == want[0] and
          abs(float(row[1]) - float(want[1])) <= 1e-6 and row[3:5] == want[3:5] == ["10000", "ok"],
          f"single run: row {row}, nnsweep show row {want}")
    bad = run([PYTHON, tool, single, "--key", "model.hidden", "--out", folder])
    check(bad.returncode == 2 and "model.hidden" in bad.stderr,
          f"single run with --key model.hidden: exit {bad.returncode}: {bad.stderr}")


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
        check(re.search(r"^21 runs in 7 groups$", done.stdout, re.M),
              "no '21 runs in 7 groups' line")
        folder = os.path.join(tmp, "hs_figures")
        expected = [os.path.join(folder, name) for name in FIGURES]
        check(figure_paths(done.stdout) == expected,
              f"printed figure paths {figure_paths(done.stdout)}, expected {expected}")
        for path in expected:
            check_png(path)

        # Another key and an explicit folder.
        other = os.path.join(tmp, "by_seed")
        done = run([PYTHON, tool, results, "--key", "model.init.seed", "--out", other])
        check(done.returncode == 0, f"--key model.init.seed exited with {done.returncode}:\n"
              f"{done.stderr}")
        show = run([binary, "show", results, "--group-by", "model.init.seed"])
        compare_tables(done.stdout, show.stdout, "model.init.seed")
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

    for failure in failures:
        print("\nFAIL: " + failure, file=sys.stderr)
    print(f"{len(failures)} failures in {time.monotonic() - start:.1f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Files written in format version 2 (tests/fixtures/format_v2, by an earlier
nnsweep, with libm's arithmetic) keep working:
  - `show` reads them under today's metric names, and old names still sort;
  - rerunning their own config says their runs were computed with an earlier
    arithmetic and trains them again (run identities include the arithmetic,
    so one file never mixes the two), publishing a version 3 file equal to a
    fresh run;
  - a grown sweep does the same;
  - the version 2 file stays untouched until the new one is complete.

Usage: test_format_v2.py NNSWEEP_BINARY
"""
import os
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

BINARY = sys.argv[1]
SOURCE = os.environ.get("NNSWEEP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(SOURCE, "tests", "fixtures", "format_v2")
checks, failures = 0, []


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def nnsweep(*arguments):
    return subprocess.run([BINARY, *map(str, arguments)], capture_output=True, text=True,
                          timeout=300)


def grown(config, folder, line, extra):
    """The fixture's config with one more value in the grid line `line`."""
    with open(os.path.join(FIXTURES, config)) as f:
        text = f.read()
    assert line in text, line
    path = os.path.join(folder, "grown_" + config)
    with open(path, "w") as f:
        f.write(text.replace(line, line[:-1] + ", " + extra + "]"))
    return path


def summary_and_runs(path):
    """Every dataset of /summary and /runs (wall times left out), by name."""
    found = {}
    with h5py.File(path, "r") as f:
        assert f.attrs["format_version"] == 3
        for group in ("summary", "runs"):
            f[group].visititems(lambda name, item: found.__setitem__(group + "/" + name, item[()])
                                if isinstance(item, h5py.Dataset) else None)
    return {name: value for name, value in found.items() if not name.endswith("wall_time_s")}


def same_as_fresh(label, reused, config, folder):
    fresh = os.path.join(folder, "fresh_" + os.path.basename(reused))
    done = nnsweep("run", config, "--out", fresh, "--quiet")
    check(done.returncode == 0, f"{label}: fresh run exit {done.returncode}: {done.stderr}")
    got, want = summary_and_runs(reused), summary_and_runs(fresh)
    check(sorted(got) == sorted(want), f"{label}: datasets {sorted(set(got) ^ set(want))}")
    for name in sorted(set(got) & set(want)):
        a, b = np.asarray(got[name]), np.asarray(want[name])
        same = (a.shape == b.shape and
                (np.array_equal(a, b, equal_nan=True) if a.dtype.kind == "f" else
                 list(a.ravel()) == list(b.ravel())))
        check(same, f"{label}: {name} differs from a fresh run")


with tempfile.TemporaryDirectory() as folder:
    for name in ("v2_moons", "v2_split"):
        out = os.path.join(folder, name + ".h5")
        shutil.copy(os.path.join(FIXTURES, name + ".h5"), out)
        show = nnsweep("show", out, "--sort", "final_cost")
        check(show.returncode == 0 and "train.cost" in show.stdout.splitlines()[0],
              f"{name}: show: {show.stdout}{show.stderr}")
        # A refused run never touches it: a bad --set is a config error.
        bad = nnsweep("run", os.path.join(FIXTURES, name + ".yaml"), "--out", out, "--set",
                      "train.iterations=-1")
        check(bad.returncode == 2, f"{name}: a bad config exit {bad.returncode}")
        with open(out, "rb") as a, open(os.path.join(FIXTURES, name + ".h5"), "rb") as b:
            check(a.read() == b.read(), f"{name}: the version 2 file was changed by a refused run")
        # Its own config: trained again with today's arithmetic, equal to a fresh run.
        config = os.path.join(FIXTURES, name + ".yaml")
        done = nnsweep("run", config, "--out", out)
        check(done.returncode == 0, f"{name}: exit {done.returncode}: {done.stderr}")
        check("computed with an earlier nnsweep's arithmetic" in done.stderr,
              f"{name}: no word on the arithmetic: {done.stderr}")
        check("up to date" not in done.stderr and "reusing" not in done.stderr,
              f"{name}: old runs reused: {done.stderr}")
        same_as_fresh(name, out, config, folder)
        again = nnsweep("run", config, "--out", out)
        check("is up to date" in again.stderr, f"{name}: not up to date afterwards: {again.stderr}")

    # Grown from the version 2 file: nothing reused, equal to a fresh run.
    out = os.path.join(folder, "grown.h5")
    shutil.copy(os.path.join(FIXTURES, "v2_moons.h5"), out)
    config = grown("v2_moons.yaml", folder, "model.hidden: [2, 4]", "5")
    done = nnsweep("run", config, "--out", out)
    check(done.returncode == 0, f"grown moons: exit {done.returncode}: {done.stderr}")
    check("reusing" not in done.stderr, f"grown moons: old runs reused: {done.stderr}")
    with h5py.File(out, "r") as f:
        check(f.attrs["format_version"] == 3 and f.attrs["arithmetic"] == 3,
              "grown moons: not rewritten as version 3 with arithmetic 3")
        check(np.all(np.isfinite(f["summary/train.f1"][()])), "grown moons: F1 missing")
    same_as_fresh("grown moons", out, config, folder)

if failures:
    print(f"test_format_v2: {len(failures)} of {checks} checks failed")
    sys.exit(1)
print(f"test_format_v2: all {checks} checks passed")

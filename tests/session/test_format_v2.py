#!/usr/bin/python3
"""Files written in format version 2 (tests/fixtures/format_v2, by an earlier
nnsweep) keep working:
  - rerunning their own config finds them up to date and leaves them
    byte-identical; `show` prints them under today's metric names;
  - a grown sweep reuses their runs, computes the metrics version 2 lacked from
    the stored weights, and publishes a file equal to a fresh run of the grown
    sweep (wall times and provenance aside);
  - runs with a test part are trained again (version 2 test curves were taken
    before each update), and the result again equals a fresh run.

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
    # Up to date, untouched, and shown with today's names.
    for name in ("v2_moons", "v2_split"):
        out = os.path.join(folder, name + ".h5")
        shutil.copy(os.path.join(FIXTURES, name + ".h5"), out)
        done = nnsweep("run", os.path.join(FIXTURES, name + ".yaml"), "--out", out)
        check(done.returncode == 0, f"{name}: exit {done.returncode}: {done.stderr}")
        check("is up to date" in done.stderr, f"{name}: not up to date: {done.stderr}")
        with open(out, "rb") as a, open(os.path.join(FIXTURES, name + ".h5"), "rb") as b:
            check(a.read() == b.read(), f"{name}: the version 2 file was rewritten")
        show = nnsweep("show", out, "--sort", "final_cost")
        check(show.returncode == 0 and "train.cost" in show.stdout.splitlines()[0],
              f"{name}: show: {show.stdout}{show.stderr}")

    # Grown: the four version 2 runs are reused and completed.
    out = os.path.join(folder, "v2_moons.h5")
    config = grown("v2_moons.yaml", folder, "model.hidden: [2, 4]", "5")
    done = nnsweep("run", config, "--out", out, "--quiet")
    check(done.returncode == 0, f"grown moons: exit {done.returncode}: {done.stderr}")
    with h5py.File(out, "r") as f:
        check(f.attrs["format_version"] == 3, "grown moons: not rewritten as version 3")
        check(np.all(np.isfinite(f["summary/train.f1"][()])), "grown moons: F1 missing")
    same_as_fresh("grown moons", out, config, folder)

    # With a test part: trained again, equal to a fresh run.
    out = os.path.join(folder, "v2_split.h5")
    config = grown("v2_split.yaml", folder, "model.hidden: [2, 4]", "5")
    done = nnsweep("run", config, "--out", out)
    check(done.returncode == 0, f"grown split: exit {done.returncode}: {done.stderr}")
    check("reusing" not in done.stderr, f"grown split: runs with a test part reused: {done.stderr}")
    same_as_fresh("grown split", out, config, folder)

if failures:
    print(f"test_format_v2: {len(failures)} of {checks} checks failed")
    sys.exit(1)
print(f"test_format_v2: all {checks} checks passed")

#!/usr/bin/python3
"""Files written in format versions 2 and 3 (tests/fixtures/format_v2 and
format_v3, by earlier nnsweeps) keep working.

Version 2 (libm's arithmetic):
  - `show` reads them under today's metric names, and old names still sort;
  - rerunning their own config says their runs were computed with an earlier
    arithmetic and trains them again (run identities include the arithmetic,
    so one file never mixes the two), publishing a version 3 file equal to a
    fresh run;
  - a grown sweep does the same;
  - the version 2 file stays untouched until the new one is complete.

Version 3 (a group per run under /runs; SLEEF's tanh, arithmetic 2):
  - `show` reads them; a refused run leaves them byte for byte;
  - `merge` reads them into a version 4 file holding the same runs (the same
    /summary values, arithmetic 2 kept);
  - rerunning their own config, or a grown sweep, trains their runs again with
    today's arithmetic and publishes a version 4 file equal to a fresh run.

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
FIXTURES_V3 = os.path.join(SOURCE, "tests", "fixtures", "format_v3")
FORMAT_VERSION = 6  # what today's nnsweep writes
ARITHMETIC = 5  # config/experiment.hpp: kArithmetic
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


def grown(config, folder, line, extra, fixtures=FIXTURES):
    """The fixture's config with one more value in the grid line `line`."""
    with open(os.path.join(fixtures, config)) as f:
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
        assert f.attrs["format_version"] == FORMAT_VERSION
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
        check(f.attrs["format_version"] == FORMAT_VERSION and f.attrs["arithmetic"] == ARITHMETIC,
              "grown moons: not rewritten in today's version and arithmetic")
        check(np.all(np.isfinite(f["summary/train.f1"][()])), "grown moons: F1 missing")
    same_as_fresh("grown moons", out, config, folder)


def same_bytes(path, fixture):
    with open(path, "rb") as a, open(fixture, "rb") as b:
        return a.read() == b.read()


def same_summary(label, merged, fixture):
    """Every /summary dataset of the fixture, equal in the merged file."""
    with h5py.File(merged, "r") as a, h5py.File(fixture, "r") as b:
        check(a.attrs["arithmetic"] == b.attrs["arithmetic"], f"{label}: arithmetic not kept")
        for name, item in b["summary"].items():
            if name == "wall_time_s" or not isinstance(item, h5py.Dataset):
                continue
            got, want = a["summary"][name][()], item[()]
            same = (got.shape == want.shape and
                    (np.array_equal(got, want, equal_nan=True) if want.dtype.kind == "f" else
                     list(got.ravel()) == list(want.ravel())))
            check(same, f"{label}: /summary/{name} differs from the version 3 file's")


with tempfile.TemporaryDirectory() as folder:
    for name in ("v3_moons", "v3_split"):
        fixture = os.path.join(FIXTURES_V3, name + ".h5")
        config = os.path.join(FIXTURES_V3, name + ".yaml")
        out = os.path.join(folder, name + ".h5")
        shutil.copy(fixture, out)
        with h5py.File(out, "r") as f:
            check(f.attrs["format_version"] == 3 and "000000" in f["runs"],
                  f"{name}: the fixture is not a version 3 file")
        show = nnsweep("show", out)
        check(show.returncode == 0 and "train.cost" in show.stdout.splitlines()[0],
              f"{name}: show: {show.stdout}{show.stderr}")
        bad = nnsweep("run", config, "--out", out, "--set", "train.iterations=-1")
        check(bad.returncode == 2, f"{name}: a bad config exit {bad.returncode}")
        check(same_bytes(out, fixture), f"{name}: the version 3 file was changed")
        merged = os.path.join(folder, "merged_" + name + ".h5")
        done = nnsweep("merge", merged, out)
        check(done.returncode == 0, f"{name}: merge exit {done.returncode}: {done.stderr}")
        same_summary(name + " merged", merged, fixture)
        done = nnsweep("run", config, "--out", out)
        check(done.returncode == 0 and "computed with an earlier nnsweep's arithmetic" in done.stderr,
              f"{name}: not retrained with today's arithmetic: {done.stderr}")
        same_as_fresh(name, out, config, folder)

    # Grown from the version 3 file: nothing reused, equal to a fresh run.
    out = os.path.join(folder, "grown_v3.h5")
    shutil.copy(os.path.join(FIXTURES_V3, "v3_moons.h5"), out)
    config = grown("v3_moons.yaml", folder, "model.hidden: [2, 4]", "5", FIXTURES_V3)
    done = nnsweep("run", config, "--out", out)
    check(done.returncode == 0, f"grown v3: exit {done.returncode}: {done.stderr}")
    check("reusing" not in done.stderr, f"grown v3: old runs reused: {done.stderr}")
    with h5py.File(out, "r") as f:
        check(f.attrs["format_version"] == FORMAT_VERSION, "grown v3: not in today's version")
    same_as_fresh("grown v3", out, config, folder)

if failures:
    print(f"test_format_v2: {len(failures)} of {checks} checks failed")
    sys.exit(1)
print(f"test_format_v2: all {checks} checks passed")

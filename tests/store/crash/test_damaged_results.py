#!/usr/bin/python3
"""show and merge on damaged results files: a file whose datasets have the
wrong lengths or shapes for its runs, or an unknown format version, is an
error that names the dataset (exit 1), never a crash or a read past the
data. (A file whose HDF5 structures themselves are broken can still crash
libhdf5, as it crashes h5py and h5dump: docs/reliability.md.)

Usage: test_damaged_results.py NNSWEEP_BINARY
"""
import os
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import BINARY, check, finish

CONFIG = ("name: damaged\ndataset: {name: moons, n_samples: 40, seed: 1}\n"
          "model: {hidden: [3]}\ntrain: {iterations: 20, log_every: 0}\n"
          "sweep: {grid: {model.init.seed: [1, 2, 3]}}\n")


def shorter(f, path):
    """The dataset at `path` with its last run cut off."""
    values = f[path][()]
    del f[path]
    f[path] = values[:-1]


def damages():
    def wall_time(f):
        shorter(f, "summary/wall_time_s")

    def weights(f):
        shorter(f, "runs/W1")

    def costs(f):
        values = f["summary/cost"][()]
        del f["summary/cost"]
        f["summary/cost"] = values[:, :1]

    def layer_sizes(f):
        shorter(f, "runs/layer_sizes")

    def run_ids(f):
        shorter(f, "runs/run_id")

    def version(f):
        f.attrs["format_version"] = np.int64(99)

    def dataset(f):
        group = f["datasets"][list(f["datasets"])[0]]
        values = group["X"][()]
        del group["X"]
        group["X"] = values[:5]

    return {"/summary/wall_time_s": wall_time, "/runs/W1": weights, "/summary/cost": costs,
            "/runs/layer_sizes": layer_sizes, "/runs/run_id": run_ids,
            "format version 99": version, "/X": dataset}


def main():
    binary = BINARY
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, "damaged.yaml")
        with open(config, "w") as f:
            f.write(CONFIG)
        good = os.path.join(folder, "good.h5")
        done = subprocess.run([binary, "run", config, "--out", good, "--quiet"],
                              capture_output=True, text=True)
        check(done.returncode == 0, "the run failed: %s" % done.stderr)
        for words, damage in damages().items():
            bad = os.path.join(folder, "bad.h5")
            shutil.copy(good, bad)
            with h5py.File(bad, "r+") as f:
                damage(f)
            for command in (["show", bad], ["merge", os.path.join(folder, "m.h5"), bad]):
                done = subprocess.run([binary] + command, capture_output=True, text=True,
                                      timeout=60)
                what = "%s on a file with a damaged %s" % (command[0], words)
                check(done.returncode == 1, "%s: exit %d, expected 1 (%s)"
                      % (what, done.returncode, done.stderr[-300:]))
                check(done.stderr.startswith("nnsweep: ") and words in done.stderr,
                      "%s: stderr %r does not name %r" % (what, done.stderr[-300:], words))
            check(not os.path.exists(os.path.join(folder, "m.h5")), "merge wrote a file")
    finish("test_damaged_results")


if __name__ == "__main__":
    sys.exit(main())

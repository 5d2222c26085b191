"""mpirun -n 2 and -n 3 (--threads 1 each, and -n 3 with --threads 2) publish
a file equal to the single-process run's, timings and provenance aside; the
file records the ranks, hosts and threads; the single-process file has none
of that; a config error is printed once (by rank 0) and every rank exits 2;
an MPI run of an up-to-date file leaves it as it is.

Usage: /usr/bin/python3 test_mpi_identical.py NNSWEEP_BINARY
"""
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile

import h5py
import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mpi_support import differences, run_mpi, runs_in, skip_without_mpi  # noqa: E402

BINARY = sys.argv[1]
FAILURES = []

# 48 runs of very different cost (so that ranks finish them out of order), on
# three datasets; a multi-class mini-batch sweep with early stopping on a test
# part; and a run that diverges (its NaN costs and message travel too).
CONFIG = """\
name: mpi_identical
dataset: {name: moons, n_samples: 60, noise: 0.2, seed: 0}
model:
  hidden: [2]
  activation: tanh
  init: {name: normal, scale: 0.5, seed: 2}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 120, record_every: 7}
sweep:
  grid:
    model.hidden: [1, 40, [30, 30], 3]
    optimizer.learning_rate: [0.5, 1.5, 400.0]
  zip:
    model.init.seed: [4, 5, 6, 7]
    dataset.n_samples: [50, 30, 60, 50]
"""

MINIBATCH = """\
name: mpi_minibatch
dataset: {name: spiral, n_samples: 90, n_classes: 3, noise: 0.2, test_fraction: 0.3, stratify: true}
model:
  hidden: [8]
  activation: tanh
  output: softmax
  init: {name: normal, scale: 0.5, seed: 2}
loss: categorical_cross_entropy
optimizer: {name: adam, learning_rate: 0.05}
train:
  epochs: 40
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


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# The diverging runs make `run` exit 3 (runs failed, results written).
EXIT = {"mpi_identical": 3, "mpi_minibatch": 0}


def stem(config):
    return os.path.splitext(os.path.basename(config))[0]


def single(config, out):
    done = subprocess.run([BINARY, "run", config, "--out", out, "--threads", "1", "--quiet"],
                          capture_output=True, text=True, timeout=120)
    check(done.returncode == EXIT[stem(config)],
          "single-process run exited %d: %s" % (done.returncode, done.stderr))


def compare_mpi(config, reference, folder, ranks, threads):
    out = os.path.join(folder, "%s-mpi-%d-%d.h5" % (stem(config), ranks, threads))
    done = run_mpi(BINARY, ranks, "run", config, "--out", out, "--threads", threads, "--quiet")
    label = "mpirun -n %d --threads %d on %s" % (ranks, threads, os.path.basename(config))
    check(done.returncode == EXIT[stem(config)],
          "%s exited %d: %s" % (label, done.returncode, done.stderr))
    if not os.path.exists(out):
        return None
    found = differences(reference, out)
    check(not found, "%s differs from the single-process file: %s" % (label, found[:5]))
    check(not os.path.exists(out + ".partial"), label + " left its journal behind")
    return out


def check_comparison_sees(reference, folder):
    """The comparison finds one changed bit of a weight, and a changed
    dimension scale reference: else "equal" would prove nothing."""
    changed = os.path.join(folder, "changed.h5")
    shutil.copyfile(reference, changed)
    with h5py.File(changed, "r+") as f:
        weights = f["runs/W1"][()]
        weights.view(np.uint64)[0, 0, 0] ^= np.uint64(1)
        f["runs/W1"][...] = weights
    check(differences(reference, changed) == ["/runs/W1: values differ"],
          "a flipped bit of W1 is seen as %s" % differences(reference, changed))
    shutil.copyfile(reference, changed)
    with h5py.File(changed, "r+") as f:
        scales = sorted(f["datasets"])
        f["datasets/%s/X" % scales[0]].dims[0].detach_scale(
            f["datasets/%s/example" % scales[0]])
        f["datasets/%s/X" % scales[0]].dims[0].attach_scale(
            f["datasets/%s/example" % scales[1]])
    check(differences(reference, changed), "a dimension scale attached elsewhere is not seen")


def check_provenance(path, ranks, threads):
    with h5py.File(path, "r") as f:
        attrs = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in f.attrs.items()}
    check(attrs.get("mpi_ranks") == str(ranks), "mpi_ranks is %r" % attrs.get("mpi_ranks"))
    host = socket.gethostname()
    expected_hosts = " ".join("%d:%s" % (r, host) for r in range(ranks))
    check(attrs.get("mpi_hosts") == expected_hosts,
          "mpi_hosts is %r, not %r" % (attrs.get("mpi_hosts"), expected_hosts))
    expected_threads = " ".join(["0:0"] + ["%d:%d" % (r, threads) for r in range(1, ranks)])
    check(attrs.get("mpi_threads") == expected_threads,
          "mpi_threads is %r, not %r" % (attrs.get("mpi_threads"), expected_threads))


def main():
    skip_without_mpi(BINARY)
    with tempfile.TemporaryDirectory() as folder:
        configs = []
        for name, text in (("mpi_identical.yaml", CONFIG), ("mpi_minibatch.yaml", MINIBATCH)):
            configs.append(os.path.join(folder, name))
            with open(configs[-1], "w") as f:
                f.write(text)
        reference = os.path.join(folder, "single.h5")
        single(configs[0], reference)
        check(runs_in(reference) == 48, "the sweep has %d runs, not 48" % runs_in(reference))
        with h5py.File(reference, "r") as f:
            check(not any(k.startswith("mpi_") for k in f.attrs),
                  "a single-process file has mpi_* attributes")
            statuses = {s.decode() if isinstance(s, bytes) else s for s in f["summary/status"][()]}
            check(len(statuses) > 1, "no run diverged: statuses %s" % statuses)
        check_comparison_sees(reference, folder)
        for ranks, threads in ((2, 1), (3, 1), (3, 2)):
            out = compare_mpi(configs[0], reference, folder, ranks, threads)
            if out:
                check_provenance(out, ranks, threads)
        minibatch = os.path.join(folder, "minibatch.h5")
        single(configs[1], minibatch)
        compare_mpi(configs[1], minibatch, folder, 3, 1)

        # Up to date: nothing trained, the file untouched.
        out = os.path.join(folder, "mpi_identical-mpi-3-1.h5")
        before = sha256(out)
        done = run_mpi(BINARY, 3, "run", configs[0], "--out", out, "--threads", 1)
        check(done.returncode == 3 and "up to date" in done.stderr,
              "a rerun of an up-to-date file: exit %d, %s" % (done.returncode, done.stderr))
        check(sha256(out) == before, "an up-to-date rerun changed the file")

        # A config error: FILE:LINE:COL once, from rank 0, and exit 2.
        bad = os.path.join(folder, "bad.yaml")
        with open(bad, "w") as f:
            f.write(CONFIG.replace("iterations: 120", "iterations: -3"))
        done = run_mpi(BINARY, 3, "run", bad, "--out", os.path.join(folder, "bad.h5"))
        check(done.returncode == 2, "a config error under mpirun exited %d" % done.returncode)
        located = [line for line in done.stderr.splitlines() if line.startswith(bad + ":")]
        check(len(located) == 1, "the config error is printed %d times: %s"
              % (len(located), done.stderr))
        check(not os.path.exists(os.path.join(folder, "bad.h5")), "a config error wrote a file")
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        sys.exit(1)
    print("ok")


main()

"""Shared by the tests of `nnsweep slurm`: running nnsweep, sweep configs, and
comparing two results files dataset by dataset with h5py."""
import os
import subprocess
import sys

import h5py
import numpy as np

SKIP = 77  # CTest's SKIP_RETURN_CODE for these tests


def config_text(name, iterations, hidden=(1, 2, 3), seeds=(1, 2, 3), record_every=1):
    """A moons sweep of len(hidden) * len(seeds) runs of `iterations` each."""
    return ("name: %s\n"
            "dataset: {name: moons, n_samples: 200, noise: 0.2, seed: 0}\n"
            "model: {hidden: [2], activation: tanh, output: sigmoid,\n"
            "        init: {name: normal, scale: 0.5, seed: 1}}\n"
            "loss: binary_cross_entropy\n"
            "optimizer: {name: gd, learning_rate: 0.5}\n"
            "train: {iterations: %d, record_every: %d}\n"
            "sweep:\n"
            "  grid:\n"
            "    model.hidden: [%s]\n"
            "    model.init.seed: [%s]\n"
            % (name, iterations, record_every, ", ".join("[%d]" % h for h in hidden),
               ", ".join(str(s) for s in seeds)))


def run(binary, *args, expect=0, env=None, cwd=None):
    """Runs nnsweep; returns the CompletedProcess. Fails unless it exits `expect`."""
    done = subprocess.run([binary, *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd)
    if expect is not None and done.returncode != expect:
        raise AssertionError("nnsweep %s exited %d (expected %d)\nstdout: %s\nstderr: %s"
                             % (" ".join(map(str, args)), done.returncode, expect,
                                done.stdout, done.stderr))
    return done


def datasets(path):
    """{name: value} of every dataset under /summary, /runs and /datasets."""
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, item):
            if isinstance(item, h5py.Dataset):
                found[name] = item[()]
        for group in ("summary", "runs", "datasets"):
            if group in f:
                f[group].visititems(lambda n, i, g=group: visit(g + "/" + n, i))
    return found


def differences(expected_path, actual_path):
    """What differs between two results files, wall_time_s aside ([] when equal)."""
    expected, actual = datasets(expected_path), datasets(actual_path)
    problems = ["%s only in %s" % (name, expected_path) for name in expected.keys() - actual.keys()]
    problems += ["%s only in %s" % (name, actual_path) for name in actual.keys() - expected.keys()]
    for name in sorted(expected.keys() & actual.keys()):
        if name.endswith("wall_time_s"):
            continue
        a, b = np.asarray(expected[name]), np.asarray(actual[name])
        same = a.shape == b.shape and (
            np.array_equal(a, b, equal_nan=True) if a.dtype.kind == "f" else np.array_equal(a, b))
        if not same:
            problems.append("%s differs" % name)
    if not expected:
        problems.append("%s holds no datasets" % expected_path)
    return problems


def check(failures, condition, message):
    if not condition:
        failures.append(message)


def finish(failures):
    for failure in failures:
        print("FAIL:", failure)
    sys.exit(1 if failures else 0)

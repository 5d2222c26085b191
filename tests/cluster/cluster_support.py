"""Shared by the tests of `nnsweep slurm`: running nnsweep, sweep configs, and
comparing two results files."""
import os
import subprocess
import sys

import h5py

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "store",
                                "crash"))
from crash_common import compare_results  # noqa: E402

SKIP = 77  # CTest's SKIP_RETURN_CODE for these tests
# Root attributes that say where and when a file was made, not what it holds
# (store/results.hpp kProvenanceKeys, the mpi_* ones among them).
PROVENANCE = {"nnsweep_version", "created_utc", "git_commit", "host", "command_line",
              "compiler", "eigen_version", "hdf5_version", "yaml_cpp_version", "simd",
              "plugin_libraries", "mpi_ranks", "mpi_hosts", "mpi_threads"}


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


def differences(expected_path, actual_path):
    """What differs between two results files ([] when equal): every group,
    dataset (bit for bit), attribute and dimension scale, wall_time_s and the
    root's provenance attributes aside (crash_common.compare_results)."""
    problems = compare_results(expected_path, actual_path,
                               skip_root_attributes=PROVENANCE)
    with h5py.File(expected_path, "r") as f:
        if "summary/run" not in f or len(f["summary/run"]) == 0:
            problems.append("%s holds no runs" % expected_path)
    return problems


def check(failures, condition, message):
    if not condition:
        failures.append(message)


def finish(failures):
    for failure in failures:
        print("FAIL:", failure)
    sys.exit(1 if failures else 0)

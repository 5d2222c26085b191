"""Helpers of the MPI tests: starting nnsweep under mpirun, and comparing two
results files as an MPI run must match a single-process one.

Run by Debian's /usr/bin/python3 (h5py, numpy). A test calls
skip_without_mpi(binary) first: it exits 77 (CTest's skip) when the build has
no MPI or mpirun is missing.
"""
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

# Root attributes that say where and when a file was made, not what it holds
# (store/results.hpp kProvenanceKeys, the mpi_* ones among them).
PROVENANCE = {"nnsweep_version", "created_utc", "git_commit", "host", "command_line",
              "compiler", "eigen_version", "hdf5_version", "yaml_cpp_version", "simd",
              "plugin_libraries", "mpi_ranks", "mpi_hosts", "mpi_threads"}
# Datasets whose values are timings.
TIMINGS = {"summary/wall_time_s"}


def skip_without_mpi(binary):
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
    if "MPI: no" in version:
        print("SKIP: this nnsweep was built without MPI (" + version.strip().splitlines()[-1] + ")")
        sys.exit(77)
    if not shutil.which("mpirun"):
        print("SKIP: no mpirun (Debian: openmpi-bin)")
        sys.exit(77)


def mpirun_command(ranks):
    """mpirun for `ranks` ranks on this one machine. --oversubscribe: more
    ranks than cores (3 on 2 here); as root, OpenMPI refuses to start without
    --allow-run-as-root. The default transports (shared memory) work here."""
    command = [shutil.which("mpirun"), "-n", str(ranks), "--oversubscribe"]
    if os.geteuid() == 0:
        command.append("--allow-run-as-root")
    return command


def mpi_env(**extra):
    env = dict(os.environ)
    # OpenMPI asks nothing of the terminal and stays quiet about oversubscribing.
    env.setdefault("OMPI_MCA_rmaps_base_oversubscribe", "1")
    env.update(extra)
    return env


def run_mpi(binary, ranks, *arguments, timeout=120):
    return subprocess.run(mpirun_command(ranks) + [binary, *map(str, arguments)],
                          capture_output=True, text=True, timeout=timeout, env=mpi_env())


def _equal(a, b):
    a, b = np.asarray(a), np.asarray(b)  # scalars (the config text) too
    if a.dtype.kind == "f" and b.dtype.kind == "f":
        return a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    return a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a, b)


def _plain(f, value):
    """An attribute value with its object references (the dimension scales'
    DIMENSION_LIST and REFERENCE_LIST) as the names of what they point to,
    which are the same in two files where the references' addresses are not."""
    if isinstance(value, h5py.Reference):
        return ("ref", f[value].name) if value else ("ref", None)
    if isinstance(value, np.void):  # a compound element (REFERENCE_LIST)
        return tuple(_plain(f, v) for v in value.tolist())
    if isinstance(value, tuple):
        return tuple(_plain(f, v) for v in value)
    if isinstance(value, np.ndarray) and (value.dtype.kind in "OV"):
        return [_plain(f, v) for v in value.tolist()] if value.dtype.kind == "O" else \
            [_plain(f, v) for v in value]
    if isinstance(value, list):
        return [_plain(f, v) for v in value]
    return value


def _attributes(obj, skip=()):
    return {k: _plain(obj.file, v) for k, v in obj.attrs.items() if k not in skip}


def _same_attributes(a, b):
    if set(a) != set(b):
        return False
    for k in a:
        x, y = a[k], b[k]
        if isinstance(x, (list, tuple)) or isinstance(y, (list, tuple)):
            if x != y:
                return False
        elif not _equal(x, y):
            return False
    return True


def differences(path_a, path_b):
    """What differs between two results files: every group and dataset (values
    bit for bit, dtype, shape, attributes) but the timings, and the root
    attributes but the provenance. An empty list when they are equal."""
    found = []
    with h5py.File(path_a, "r") as a, h5py.File(path_b, "r") as b:
        if not _same_attributes(_attributes(a, PROVENANCE), _attributes(b, PROVENANCE)):
            found.append("root attributes: %s vs %s" % (_attributes(a, PROVENANCE),
                                                        _attributes(b, PROVENANCE)))
        names_a, names_b = [], []
        a.visit(names_a.append)
        b.visit(names_b.append)
        if names_a != names_b:
            found.append("objects: %s" % sorted(set(names_a) ^ set(names_b)))
        for name in names_a:
            if name not in b:
                continue
            x, y = a[name], b[name]
            if not _same_attributes(_attributes(x), _attributes(y)):
                found.append(name + ": attributes differ")
            if isinstance(x, h5py.Dataset) and name not in TIMINGS:
                if not isinstance(y, h5py.Dataset) or not _equal(x[()], y[()]):
                    found.append(name + ": values differ")
    return found


def runs_in(path):
    with h5py.File(path, "r") as f:
        return len(f["summary/run"])

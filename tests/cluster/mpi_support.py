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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster_support import differences  # noqa: E402,F401  (the tests take it from here)


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


def runs_in(path):
    with h5py.File(path, "r") as f:
        return len(f["summary/run"])

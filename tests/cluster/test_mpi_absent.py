"""A build without MPI, started as one of several MPI ranks (the launcher's
environment says so), refuses with exit 2 and a clear message from rank 0
only, and writes nothing; started as the only rank it runs as usual. Skipped
(77) in a build with MPI, where mpirun runs the sweep (test_mpi_identical.py).

Usage: /usr/bin/python3 test_mpi_absent.py NNSWEEP_BINARY
"""
import os
import subprocess
import sys
import tempfile

BINARY = os.path.abspath(sys.argv[1])
FAILURES = []
CONFIG = """\
name: absent
dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}
model: {hidden: [2], activation: tanh, init: {name: normal, scale: 0.5, seed: 2}}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 5}
sweep: {grid: {model.init.seed: [1, 2, 3]}}
"""


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)


def run(folder, config, out, **launcher):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OMPI_", "PMI_", "PMIX_"))}
    env.update(launcher)
    return subprocess.run([BINARY, "run", config, "--out", out, "--quiet"], capture_output=True,
                          text=True, env=env, cwd=folder, timeout=60)


def main():
    version = subprocess.run([BINARY, "--version"], capture_output=True, text=True).stdout
    if "MPI: no" not in version:
        print("SKIP: this nnsweep has MPI; mpirun runs sweeps across ranks")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, "absent.yaml")
        with open(config, "w") as f:
            f.write(CONFIG)
        out = os.path.join(folder, "out.h5")
        for launcher in ({"OMPI_COMM_WORLD_SIZE": "3", "OMPI_COMM_WORLD_RANK": "0"},
                         {"PMI_SIZE": "2", "PMI_RANK": "0"}, {"PMIX_RANK": "2"}):
            done = run(folder, config, out, **launcher)
            rank0 = launcher.get("OMPI_COMM_WORLD_RANK", launcher.get("PMI_RANK")) == "0"
            check(done.returncode == 2, "%s: exit %d" % (launcher, done.returncode))
            said = "built without MPI" in done.stderr
            check(said == rank0, "%s: the refusal %s printed: %r"
                  % (launcher, "is not" if rank0 else "is", done.stderr))
            check(sorted(os.listdir(folder)) == ["absent.yaml"],
                  "%s: the refusal left %s" % (launcher, os.listdir(folder)))
        done = run(folder, config, out, OMPI_COMM_WORLD_SIZE="1", OMPI_COMM_WORLD_RANK="0")
        check(done.returncode == 0 and os.path.exists(out),
              "one rank: exit %d, %s" % (done.returncode, done.stderr))
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        sys.exit(1)
    print("ok")


main()

"""A worker rank killed (SIGKILL) in the middle of `mpirun -n 3 nnsweep run`:
mpirun ends the job and rank 0 stops on the SIGTERM it passes on, so the job
exits non-zero, the finished runs are kept in rank 0's journal (OUT.partial),
and the results file already there (a smaller sweep of the same experiment)
is untouched. Running the same command again resumes from the journal and
publishes a file equal to the single-process run's.

Usage: /usr/bin/python3 test_mpi_worker_killed.py NNSWEEP_BINARY
"""
import hashlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mpi_support import (differences, mpi_env, mpirun_command, run_mpi, runs_in,  # noqa: E402
                         skip_without_mpi)

BINARY = sys.argv[1]
FAILURES = []

# 60 runs of 5 to 70 ms each (one thread): about 1.5 s over two workers. Every
# cost is recorded, so that each journal record is some 30 KB and the journal's
# size tells how many runs are in it.
CONFIG = """\
name: mpi_killed
dataset: {name: moons, n_samples: 200, noise: 0.2, seed: 0}
model:
  hidden: [24]
  activation: tanh
  init: {name: normal, scale: 0.5, seed: 2}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 4000, record_every: 1}
sweep:
  grid:
    model.hidden: [8, 24, [16, 16]]
    model.init.seed: [SEEDS]
"""
SEEDS = ", ".join(str(seed) for seed in range(1, 21))
RECORD_BYTES = 4000 * 8  # a record holds at least its cost curve


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def rank_pid(mark, rank):
    """The pid of MPI rank `rank` of the job whose environment holds `mark`."""
    wanted = {("NNSWEEP_TEST_MARK=" + mark).encode(), b"OMPI_COMM_WORLD_RANK=%d" % rank}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % entry, "rb") as f:
                variables = set(f.read().split(b"\0"))
        except OSError:
            continue
        if wanted <= variables:
            return int(entry)
    return None


def kill_worker_midway(config, out):
    """Starts the MPI run, kills rank 1 once rank 0 has journalled a few runs,
    and returns (exit code, stderr, how many journal bytes there were)."""
    mark = uuid.uuid4().hex
    job = subprocess.Popen(mpirun_command(3) + [BINARY, "run", config, "--out", out, "--threads",
                                                "1"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env=mpi_env(NNSWEEP_TEST_MARK=mark))
    journal, size, killed = out + ".partial", 0, False
    deadline = time.monotonic() + 30
    while job.poll() is None and time.monotonic() < deadline:
        size = os.path.getsize(journal) if os.path.exists(journal) else 0
        if size > 3 * RECORD_BYTES:
            pid = rank_pid(mark, 1)
            if pid:
                os.kill(pid, signal.SIGKILL)
                killed = True
                break
        time.sleep(0.01)
    check(killed, "rank 1 was not found and killed while the sweep ran")
    _, stderr = job.communicate(timeout=60)
    return job.returncode, stderr, size


def main():
    skip_without_mpi(BINARY)
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, "killed.yaml")
        write(config, CONFIG.replace("SEEDS", SEEDS))
        reference = os.path.join(folder, "single.h5")
        done = subprocess.run([BINARY, "run", config, "--out", reference, "--quiet"],
                              capture_output=True, text=True, timeout=120)
        check(done.returncode == 0, "the single-process run exited %d: %s"
              % (done.returncode, done.stderr))

        # The output holds an earlier, smaller sweep of the same experiment.
        out = os.path.join(folder, "out.h5")
        smaller = os.path.join(folder, "smaller.yaml")
        write(smaller, CONFIG.replace("SEEDS", "1, 2"))
        done = subprocess.run([BINARY, "run", smaller, "--out", out, "--quiet"],
                              capture_output=True, text=True, timeout=120)
        check(done.returncode == 0 and runs_in(out) == 6, "the smaller sweep: %s" % done.stderr)
        before = sha256(out)

        code, stderr, journalled = kill_worker_midway(config, out)
        print("killed job: exit %d; rank 0 said: %s" % (code, " ".join(
            line for line in stderr.splitlines() if line.startswith("nnsweep:"))))
        check(code != 0, "the job with a killed worker exited 0")
        check(sha256(out) == before, "the killed job changed the output file")
        journal = out + ".partial"
        check(os.path.exists(journal) and os.path.getsize(journal) >= journalled,
              "the journal is gone or shorter after the kill")
        kept = re.search(r"interrupted: (\d+) of 60 runs kept", stderr)
        check(kept and int(kept.group(1)) >= 3,
              "rank 0 did not report the runs it kept: %s" % stderr)

        done = run_mpi(BINARY, 3, "run", config, "--out", out, "--threads", 1)
        check(done.returncode == 0, "the rerun exited %d: %s" % (done.returncode, done.stderr))
        resumed = re.search(r"resuming: (\d+) of 60 runs already done", done.stderr)
        check(resumed and int(resumed.group(1)) >= 3,
              "the rerun did not resume from the journal: %s" % done.stderr)
        check("reusing 6 of 60 runs" in done.stderr,
              "the rerun did not reuse the smaller sweep's runs: %s" % done.stderr)
        print("rerun: " + " ".join(line for line in done.stderr.splitlines()
                                   if line.startswith("nnsweep:")))
        check(not os.path.exists(journal), "the journal is left after the rerun published")
        found = differences(reference, out)
        check(not found, "the resumed file differs from the single-process one: %s" % found[:5])
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        sys.exit(1)
    print("ok")


main()

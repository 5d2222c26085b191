#!/usr/bin/python3
"""A full disk while publishing: on a small tmpfs, a session whose results no
longer fit exits 1 with a message that says what is kept (no crash inside
libhdf5's exit handlers, which used to segfault after "cannot flush the
file"), leaves the existing results file byte-identical, keeps its journal
and no temporary file; once there is room, the same command resumes from the
journal and publishes every run. merge into a full disk fails the same way
(exit 1, nothing left behind).

Needs root to mount a tmpfs; exits 77 (skipped) where it cannot.

Usage: test_full_disk.py NNSWEEP_BINARY
"""
import os
import subprocess
import sys
import tempfile

import h5py

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import BINARY, check, finish, sha256

SKIP = 77


def config(folder, name, sizes, seeds, iterations):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write("name: full\ndataset: {name: moons, n_samples: 200, noise: 0.2, seed: 0}\n"
                "model: {hidden: [4]}\n"
                "train: {iterations: %d, log_every: 0, record_every: 10}\n"
                "sweep: {grid: {model.hidden: %s, model.init.seed: %s}}\n"
                % (iterations, sizes, seeds))
    return path


def nnsweep(binary, *args):
    return subprocess.run([binary, "run", *args, "--quiet", "--threads", "1"],
                          capture_output=True, text=True, timeout=300)


def main():
    binary = BINARY
    with tempfile.TemporaryDirectory() as work:
        disk = os.path.join(work, "disk")
        os.mkdir(disk)
        if os.geteuid() != 0 or subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", disk],
                capture_output=True).returncode != 0:
            print("skipped: cannot mount a tmpfs here (needs root)")
            return SKIP
        try:
            out = os.path.join(disk, "full.h5")
            small = nnsweep(binary, config(work, "small.yaml", "[1]", "[2]", 50), "--out", out)
            check(small.returncode == 0, "the small run failed: %s" % small.stderr)
            before = sha256(out)
            # configs/hidden_sizes.yaml at 3000 iterations: its journal fits, the
            # results file does not.
            big = config(work, "big.yaml", "[1, 2, 3, 4, 5, 20, 50]", "[2, 3, 4]", 3000)
            full = nnsweep(binary, big, "--out", out)
            check(full.returncode == 1, "full disk: exit %d, expected 1 (%s)"
                  % (full.returncode, full.stderr))
            for words in ("cannot publish", "is left as it was", "kept in " + out + ".partial",
                          "run the same command again"):
                check(words in full.stderr, "full disk: %r missing from %r" % (words, full.stderr))
            check(sha256(out) == before, "full disk: the existing file changed")
            check(os.path.exists(out + ".partial"), "full disk: the journal is gone")
            left = [f for f in os.listdir(disk) if f.endswith(".tmp")]
            check(left == [], "full disk: temporary files left: %s" % left)
            # merge into the full disk: the same clean failure, nothing left.
            parts = []
            for k in (1, 2):
                part = os.path.join(work, "part%d.h5" % k)
                done = nnsweep(binary, big, "--out", part, "--share", "%d/2" % k)
                check(done.returncode == 0, "share %d failed: %s" % (k, done.stderr))
                parts.append(part)
            merged = os.path.join(disk, "merged.h5")
            done = subprocess.run([binary, "merge", merged] + parts, capture_output=True,
                                  text=True, timeout=300)
            check(done.returncode == 1, "merge on a full disk: exit %d, expected 1 (%s)"
                  % (done.returncode, done.stderr))
            check(done.stderr.startswith("nnsweep: "), "merge: stderr %r" % done.stderr)
            left = [f for f in os.listdir(disk) if f.startswith((".merged", "merged"))]
            check(left == [], "merge on a full disk left %s" % left)
            check(sha256(out) == before, "merge: the existing file changed")
            # Room again: the same command resumes and publishes every run.
            subprocess.run(["mount", "-o", "remount,size=64m", disk], check=True)
            again = nnsweep(binary, big, "--out", out)
            check(again.returncode == 0, "after freeing space: exit %d (%s)"
                  % (again.returncode, again.stderr))
            with h5py.File(out, "r") as f:
                check(f["summary"]["run_id"].shape[0] == 21, "the file does not hold 21 runs")
            check(not os.path.exists(out + ".partial"), "the journal was left behind")
        finally:
            subprocess.run(["umount", disk], capture_output=True)
    finish("test_full_disk")


if __name__ == "__main__":
    sys.exit(main())

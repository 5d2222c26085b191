#!/usr/bin/python3
"""The git_commit attribute of a fresh results file describes the source tree.

Usage: test_git_commit.py NNSWEEP_BINARY
(environment: NNSWEEP_SOURCE_DIR = the repository root)

Expected: `git rev-parse --short=12 HEAD`, plus "-dirty" iff
`git status --porcelain --untracked-files=no` lists anything, as of the last
build (the build regenerates it; rebuild before testing after an edit).
Skipped (exit 77) when the source folder is not a git checkout.
"""
import os
import subprocess
import sys
import tempfile

import h5py

SKIP = 77


def git(source, *args):
    return subprocess.run(["git", "-C", source, *args], capture_output=True, text=True)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    source = os.environ.get("NNSWEEP_SOURCE_DIR",
                            os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    try:
        head = git(source, "rev-parse", "--short=12", "HEAD")
    except OSError:
        head = None
    if head is None or head.returncode != 0:
        print(f"skipped: {source} is not a git checkout (or git is missing)")
        sys.exit(SKIP)
    status = git(source, "status", "--porcelain", "--untracked-files=no")
    expected = head.stdout.strip() + ("-dirty" if status.stdout.strip() else "")

    with tempfile.TemporaryDirectory(prefix="nnsweep_git_commit_") as tmp:
        out = os.path.join(tmp, "x.h5")
        done = subprocess.run([binary, "run", os.path.join(source, "configs", "seed_moons.yaml"),
                               "--set", "train.iterations=2", "--out", out, "--quiet"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"FAIL: nnsweep run exited {done.returncode}:\n{done.stderr}")
        with h5py.File(out, "r") as f:
            recorded = f.attrs.get("git_commit")
    recorded = recorded.decode() if isinstance(recorded, bytes) else recorded
    if recorded != expected:
        sys.exit(f"FAIL: git_commit is {recorded!r}, the tree is {expected!r} "
                 "(a stale build also gives this: rebuild first)")
    print(f"ok: git_commit {recorded}")


if __name__ == "__main__":
    main()

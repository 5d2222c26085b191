#!/usr/bin/python3
"""Publishing under faults, with the stops injected at named points
(util/fault_point.hpp: NNSWEEP_FAULT_POINT, NNSWEEP_FAULT_ACTION) rather than
by timing:

  kill -9 at every step of publishing (before it, after the temporary file is
  synced, after the rename, before the journal is removed): the results file
  is always a complete file of the old plan or the new one, never damaged or
  missing, and a rerun finishes with every run, removes the journal and
  leaves no temporary file;

  a race for the output path: while a session that will replace its own
  experiment's file waits before taking the journal's lock, another
  experiment publishes there with --overwrite. The first session, deciding
  again under the lock, refuses (exit 2) and leaves the other file as it is;

  a file renamed onto the path by a process that takes no lock, just before
  the rename: publishing compares the path's device and inode with the file
  it decided about, fails (exit 1), and leaves that file.

Usage: test_publish_faults.py NNSWEEP_BINARY
"""
import os
import subprocess
import sys
import tempfile
import time

import h5py

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import BINARY, check, finish, journal_scan

BODY = ("dataset: {name: moons, n_samples: 40, seed: 1}\n"
        "model: {hidden: [2]}\ntrain: {iterations: 20, log_every: 0}\n")

POINTS = ("before_publish", "after_temporary_sync", "after_rename", "before_journal_remove")


def write(folder, name, seeds, experiment="faults"):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write("name: %s\n%ssweep: {grid: {model.init.seed: %s}}\n" % (experiment, BODY, seeds))
    return path


def nnsweep(binary, *args, point=None, action=None, wait=True):
    environment = dict(os.environ)
    environment.pop("NNSWEEP_FAULT_POINT", None)
    environment.pop("NNSWEEP_FAULT_ACTION", None)
    if point:
        environment["NNSWEEP_FAULT_POINT"] = point
    if action:
        environment["NNSWEEP_FAULT_ACTION"] = action
    command = [binary, "run", *args, "--quiet", "--threads", "1"]
    if not wait:
        return subprocess.Popen(command, env=environment, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, env=environment, capture_output=True, text=True)


def runs_in(path):
    """(experiment name, number of runs) of a complete results file."""
    with h5py.File(path, "r") as f:
        name = f.attrs["name"]
        return (name.decode() if isinstance(name, bytes) else str(name),
                int(f["summary"]["run_id"].shape[0]))


def kill_at_each_publish_step(binary):
    for point in POINTS:
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "r.h5")
            first = nnsweep(binary, write(folder, "a.yaml", "[1, 2]"), "--out", out)
            check(first.returncode == 0, "%s: the first run failed: %s" % (point, first.stderr))
            bigger = write(folder, "b.yaml", "[1, 2, 3]")
            killed = nnsweep(binary, bigger, "--out", out, point=point)
            check(killed.returncode == -9, "%s: exit %d, expected a kill" % (point, killed.returncode))
            seen = runs_in(out)
            check(seen in (("faults", 2), ("faults", 3)),
                  "%s: after the kill the file holds %s" % (point, seen))
            again = nnsweep(binary, bigger, "--out", out)
            check(again.returncode == 0, "%s: the rerun failed: %s" % (point, again.stderr))
            check(runs_in(out) == ("faults", 3), "%s: after the rerun %s" % (point, runs_in(out)))
            left = sorted(f for f in os.listdir(folder) if f not in ("a.yaml", "b.yaml", "r.h5"))
            check(left == [], "%s: left behind: %s" % (point, left))


def race_for_the_output(binary):
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "r.h5")
        first = nnsweep(binary, write(folder, "a.yaml", "[1, 2]"), "--out", out)
        check(first.returncode == 0, "race: the first run failed: %s" % first.stderr)
        # Will replace its own experiment's file (one run more), after a pause.
        waiting = nnsweep(binary, write(folder, "b.yaml", "[1, 2, 3]"), "--out", out,
                          point="before_output_lock", action="pause-3000", wait=False)
        time.sleep(0.5)
        other = nnsweep(binary, write(folder, "c.yaml", "[7]", experiment="other"), "--out", out,
                        "--overwrite")
        check(other.returncode == 0, "race: the other experiment failed: %s" % other.stderr)
        _, err = waiting.communicate(timeout=60)
        check(waiting.returncode == 2, "race: the waiting session exited %d, expected 2 (%s)"
              % (waiting.returncode, err))
        check("already holds results of a different experiment ('other'" in err,
              "race: the refusal says %r" % err)
        check(runs_in(out) == ("other", 1), "race: the file holds %s" % (runs_in(out),))
        left = sorted(f for f in os.listdir(folder) if not f.endswith(".yaml") and f != "r.h5")
        check(left == [], "race: left behind: %s" % left)


def replaced_while_publishing(binary):
    """A file renamed onto the path by something that takes no lock, just
    before the session publishes: the session fails (exit 1) and leaves that
    file; its runs stay in the journal, and a rerun (which sees the new file)
    refuses it as another experiment's."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "r.h5")
        first = nnsweep(binary, write(folder, "a.yaml", "[1, 2]"), "--out", out)
        check(first.returncode == 0, "replaced: the first run failed: %s" % first.stderr)
        stranger = os.path.join(folder, "stranger.h5")
        other = nnsweep(binary, write(folder, "c.yaml", "[7]", experiment="other"), "--out",
                        stranger)
        check(other.returncode == 0, "replaced: the other experiment failed: %s" % other.stderr)
        bigger = write(folder, "b.yaml", "[1, 2, 3]")
        waiting = nnsweep(binary, bigger, "--out", out, point="after_temporary_sync",
                          action="pause-4000", wait=False)
        # The pause comes after its one new run (two are reused from the file)
        # is journalled and the file finished: wait for the journal (slow under
        # sanitizers), then a little.
        deadline = time.time() + 60
        while (journal_scan(out + ".partial")[0] or 0) < 1 and time.time() < deadline:
            time.sleep(0.02)
        time.sleep(1.0)
        os.rename(stranger, out)
        _, err = waiting.communicate(timeout=60)
        check(waiting.returncode == 1, "replaced: exit %d, expected 1 (%s)" % (waiting.returncode,
                                                                             err))
        check("was replaced by another process" in err, "replaced: the error says %r" % err)
        check(runs_in(out) == ("other", 1), "replaced: the file holds %s" % (runs_in(out),))
        check(os.path.exists(out + ".partial"), "replaced: the journal is gone")


def main():
    binary = BINARY
    kill_at_each_publish_step(binary)
    race_for_the_output(binary)
    replaced_while_publishing(binary)
    finish("test_publish_faults")


if __name__ == "__main__":
    sys.exit(main())

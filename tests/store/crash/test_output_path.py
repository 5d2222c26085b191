#!/usr/bin/python3
"""What the output path may be, and who may write it:

  a pipe (FIFO), a dangling symbolic link or a directory at the output path is
  refused with exit 2 before anything trains (a pipe would otherwise block
  the publish forever);

  while one session holds the output's journal (paused before publishing, at
  the named fault point before_publish), a second session on the same path is
  refused with exit 2, and the first then publishes every run.

Usage: test_output_path.py NNSWEEP_BINARY
"""
import os
import subprocess
import sys
import tempfile
import time

import h5py

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import BINARY, check, finish

CONFIG = ("name: paths\ndataset: {name: moons, n_samples: 40, seed: 1}\n"
          "model: {hidden: [2]}\ntrain: {iterations: 20, log_every: 0}\n"
          "sweep: {grid: {model.init.seed: [1, 2]}}\n")


def command(binary, config, out):
    return [binary, "run", config, "--out", out, "--quiet", "--threads", "1"]


def special_files(binary, folder, config):
    fifo = os.path.join(folder, "fifo.h5")
    os.mkfifo(fifo)
    dangling = os.path.join(folder, "dangling.h5")
    os.symlink(os.path.join(folder, "nowhere.h5"), dangling)
    directory = os.path.join(folder, "directory.h5")
    os.mkdir(directory)
    for out, words in ((fifo, "is not a regular file"), (dangling, "symbolic link to nothing"),
                       (directory, "is a directory")):
        try:
            done = subprocess.run(command(binary, config, out) + ["--overwrite"],
                                  capture_output=True, text=True, timeout=30)
        except subprocess.TimeoutExpired:
            check(False, "%s: nnsweep hangs" % os.path.basename(out))
            continue
        check(done.returncode == 2, "%s: exit %d, expected 2" % (out, done.returncode))
        check(words in done.stderr, "%s: %r missing from %r" % (out, words, done.stderr))
        check(not os.path.exists(out + ".partial"), "%s: a journal was created" % out)


def second_session_is_refused(binary, folder, config):
    out = os.path.join(folder, "busy.h5")
    environment = dict(os.environ, NNSWEEP_FAULT_POINT="before_publish",
                       NNSWEEP_FAULT_ACTION="pause-2500")
    first = subprocess.Popen(command(binary, config, out), env=environment,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The pause comes after every run is journalled: wait for the journal.
    deadline = time.time() + 30
    while not os.path.exists(out + ".partial") and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NNSWEEP_FAULT")}
    second = subprocess.run(command(binary, config, out), env=environment, capture_output=True,
                            text=True, timeout=60)
    check(second.returncode == 2, "busy: the second session exited %d, expected 2 (%s)"
          % (second.returncode, second.stderr))
    check("another nnsweep process is writing" in second.stderr,
          "busy: the refusal says %r" % second.stderr)
    _, err = first.communicate(timeout=60)
    check(first.returncode == 0, "busy: the first session exited %d (%s)" % (first.returncode, err))
    with h5py.File(out, "r") as f:
        check(f["summary"]["run_id"].shape[0] == 2, "busy: the file does not hold both runs")
    check(not os.path.exists(out + ".partial"), "busy: the journal was left behind")


def main():
    binary = BINARY
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, "paths.yaml")
        with open(config, "w") as f:
            f.write(CONFIG)
        special_files(binary, folder, config)
        second_session_is_refused(binary, folder, config)
    finish("test_output_path")


if __name__ == "__main__":
    sys.exit(main())

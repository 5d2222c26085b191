"""Killing nnsweep run while it publishes the results file (after every run is
journalled) must cost nothing but time: a rerun publishes P from the journal,
equal to an uninterrupted run's, and leaves nothing else beside it; neither
the publish's temporary file nor the journal.

The publish window is found by watching the journal: once it holds every run,
all that is left is finishing the temporary file (its /summary and /datasets;
the runs' rows are written while they train) and renaming it, so the kill
lands inside that window whatever the machine's speed.

usage: test_kill_publish.py NNSWEEP_BINARY
"""
import os
import shutil
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import (BINARY, check, compare_results, finish, journal_scan, leftovers,
                          resumed_count, run, scratch, sha256)

TIMEOUT = 600  # seconds any one nnsweep process may take before the test gives up
root = scratch("nnsweep-kill-publish-")
os.mkdir(os.path.join(root, "reference"))


def folder(name):
    path = os.path.join(root, name)
    os.mkdir(path)
    return path


# --- 1. Kill while the results file is being published, i.e. after the
# journal holds every run and before P exists. A large
# stored training set (200000 examples) makes that window tens of ms wide so a
# poll catches it; the training itself is a few iterations. A rerun must
# publish P from the journal and leave nothing else behind: the interrupted
# publish's temporary file can hold up to a whole copy of the results, and its
# name carries the dead process's pid, so no later session would ever reuse
# (and so remove) it. ---
big_config = os.path.join(root, "big.yaml")
with open(big_config, "w") as text:
    text.write("name: big\n"
               "dataset: {name: moons, n_samples: 200000, noise: 0.2, seed: 0}\n"
               "model: {hidden: [2], activation: tanh, output: sigmoid,\n"
               "        init: {name: normal, scale: 0.01, seed: 1}}\n"
               "loss: binary_cross_entropy\n"
               "optimizer: {name: gd, learning_rate: 0.5}\n"
               "train: {iterations: 3, record_every: 1}\n"
               "sweep: {grid: {model.init.seed: [1, 2]}}\n")
big_reference = os.path.join(root, "reference", "big.h5")
code, _, err, _ = run(["run", big_config, "--out", big_reference, "--quiet"], timeout=TIMEOUT)
check(code == 0, "big reference run: exit %d, stderr: %s" % (code, err))
late = folder("late")
out_late = os.path.join(late, "big.h5")
caught = False
for attempt in range(10):  # the window is wide, but retry rather than flake
    for name in os.listdir(late):
        os.remove(os.path.join(late, name))
    process = subprocess.Popen([BINARY, "run", big_config, "--out", out_late, "--quiet"])
    while process.poll() is None and journal_scan(out_late + ".partial")[0] != 2:
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if process.returncode == -signal.SIGKILL and not os.path.exists(out_late):
        caught = True
        break
check(caught, "could not kill nnsweep while it published its results file")
if caught:
    print("killed during publish; folder holds %s" % sorted(os.listdir(late)), flush=True)
    complete_journal = os.path.join(root, "complete.partial")
    shutil.copy(out_late + ".partial", complete_journal)  # every run, for part 2
    check(journal_scan(complete_journal)[0] == 2, "the journal does not hold both runs")
    code, _, err, _ = run(["run", big_config, "--out", out_late], timeout=TIMEOUT)
    check(code == 0, "rerun after a kill during publish: exit %d, stderr: %s" % (code, err))
    check(resumed_count(err) == (2, 2),
          "rerun after a kill during publish: expected 'resuming: 2 of 2', stderr: %s" % err)
    check(os.path.exists(out_late) and not os.path.exists(out_late + ".partial"),
          "rerun after a kill during publish: results %s, journal %s"
          % (os.path.exists(out_late), os.path.exists(out_late + ".partial")))
    stray = leftovers(late, {"big.h5"})
    check(not stray, "rerun after a kill during publish left the interrupted publish's "
          "temporary file(s) %s behind (%s bytes); nothing ever removes them"
          % (stray, [os.path.getsize(os.path.join(late, f)) for f in stray]))
    if os.path.exists(out_late):
        problems = compare_results(big_reference, out_late)
        check(not problems, "file after a kill during publish differs:\n  " + "\n  ".join(problems[:20]))

# --- 2. Killed after the rename published P but before the journal
# was deleted (run_command.cpp: publish_results_file, then journal->remove()).
# That state is P plus its complete journal, recreated here from part 1's
# journal. A rerun finds P up to date; the journal's runs are all in P, so it
# should go too, as after any finished run, rather than linger forever beside
# P looking like an unfinished sweep. ---
if caught and os.path.exists(out_late):
    published = sha256(out_late)
    shutil.copy(complete_journal, out_late + ".partial")
    code, _, err, _ = run(["run", big_config, "--out", out_late], timeout=TIMEOUT)
    check(code == 0 and "is up to date" in err,
          "P plus a complete journal: exit %d, stderr: %s" % (code, err))
    check(sha256(out_late) == published, "P plus a complete journal: P was rewritten")
    check(not os.path.exists(out_late + ".partial"),
          "P up to date, but its complete journal %s.partial is left behind" % out_late)

finish("test_kill_publish")

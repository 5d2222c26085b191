"""SIGINT and SIGTERM stop a sweep cleanly: the runs that finished stay in the
journal, the message says how many and how to resume, the exit code is 128 +
the signal, no results file appears, and the same command resumes.

The signal is sent once the journal holds a record (watched, not timed).

usage: test_interrupt.py NNSWEEP_BINARY
"""
import os
import re
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import (BINARY, check, compare_results, finish, journal_scan, run, scratch,
                          write_config)

root = scratch("nnsweep-interrupt-")
config = write_config(root, "sweep.yaml", name="interrupt", iterations=20000, record_every=100,
                      hidden="[1, 2, 4, 8]", seeds="[1, 2, 3]")
RUNS = 12


def interrupt(number, out):
    partial = out + ".partial"
    with open(out + ".err", "w") as err:
        process = subprocess.Popen([BINARY, "run", config, "--out", out, "--threads", "1"],
                                   stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.monotonic() + 300
    while (journal_scan(partial)[0] or 0) < 1 and process.poll() is None:
        if time.monotonic() > deadline:
            process.kill()
            break
        time.sleep(0.005)
    if process.poll() is not None:
        check(False, "signal %d: nnsweep finished before the first run was journalled" % number)
        return
    process.send_signal(number)
    code = process.wait(timeout=300)
    with open(out + ".err") as err:
        stderr = err.read()
    name = signal.Signals(number).name
    check(code == 128 + number, "%s: exit %d, expected %d; stderr: %s" % (name, code, 128 + number,
                                                                          stderr))
    match = re.search(r"interrupted: (\d+) of (\d+) runs kept in (\S+); run the same command "
                      r"again to resume", stderr)
    check(match is not None, "%s: no 'interrupted' message; stderr: %s" % (name, stderr))
    kept = journal_scan(partial)[0]
    if match:
        check(int(match.group(1)) == kept and int(match.group(2)) == RUNS,
              "%s: message says %s of %s kept, the journal holds %s of %d" %
              (name, match.group(1), match.group(2), kept, RUNS))
        check(match.group(3) == partial, "%s: message names %s" % (name, match.group(3)))
    check(1 <= (kept or 0) < RUNS, "%s: %s runs kept" % (name, kept))
    check(not os.path.exists(out), "%s: a results file appeared" % name)

    code, _, stderr, _ = run(["run", config, "--out", out, "--threads", "2"])
    check(code == 0, "%s: resume exit %d: %s" % (name, code, stderr))
    check("resuming: %s of %d runs already done" % (kept, RUNS) in stderr,
          "%s: resume stderr: %s" % (name, stderr))
    check(not os.path.exists(partial), "%s: journal left after the resume" % name)


outs = []
for number in (signal.SIGINT, signal.SIGTERM):
    out = os.path.join(root, "%s.h5" % signal.Signals(number).name)
    interrupt(number, out)
    outs.append(out)

reference = os.path.join(root, "reference.h5")
code, _, stderr, _ = run(["run", config, "--out", reference, "--quiet"])
check(code == 0, "reference run exit %d: %s" % (code, stderr))
for out in outs:
    if os.path.exists(out):
        problems = compare_results(out, reference)
        check(not problems, "%s differs from an uninterrupted run: %s" % (out, problems[:5]))
finish("test_interrupt")

"""nnsweep run survives SIGKILL at any moment: the results file never appears
half-written, the journal (P.partial) keeps every finished run, and rerunning
the same command resumes and publishes a file equal to an uninterrupted run's.

Kill moments are chosen by watching the journal itself (its intact records),
not by sleeping, so the test means the same thing on a fast or a loaded
machine. The sweep is 30 runs whose costs span 32x (hidden 1..32); with
ITERATIONS below it takes ~3 s on two idle cores.

usage: test_kill_resume.py NNSWEEP_BINARY
"""
import os
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import (BINARY, check, compare_results, finish, journal_scan, leftovers,
                          resumed_count, run, scratch, write_config)

RUNS = 30
ITERATIONS = 14000
TIMEOUT = 600  # seconds any one nnsweep process may take before the test gives up

root = scratch("nnsweep-kill-resume-")
config = write_config(root, "sweep.yaml", iterations=ITERATIONS, record_every=100)


def folder(name):
    path = os.path.join(root, name)
    os.mkdir(path)
    return path


def start(out, log):
    """Starts `nnsweep run` in the background. Not --quiet: the 'resuming' line
    is part of what is checked. Output goes to files so no pipe can fill up."""
    stdout = open(log + ".out", "w")
    stderr = open(log + ".err", "w")
    process = subprocess.Popen([BINARY, "run", config, "--out", out, "--threads", "2"],
                               stdout=stdout, stderr=stderr)
    stdout.close()
    stderr.close()
    process.log = log
    return process


def stderr_of(process):
    with open(process.log + ".err") as text:
        return text.read()


def kill_when(process, partial, enough, what):
    """SIGKILLs `process` as soon as enough(records in the journal) holds.
    Returns the journal's intact record count after the kill, or None if the
    process ended on its own first (a failed check: the kill point was missed)."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        count, _ = journal_scan(partial)
        if count is not None and enough(count):
            break
        if process.poll() is not None:
            check(False, "%s: nnsweep ended (exit %s) before the kill point; stderr:\n%s"
                  % (what, process.returncode, stderr_of(process)))
            return None
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            check(False, "%s: kill point not reached in %d s" % (what, TIMEOUT))
            return None
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return journal_scan(partial)[0]


# The reference: one uninterrupted run in a folder of its own.
reference = os.path.join(folder("reference"), "sweep.h5")
code, _, err, seconds = run(["run", config, "--out", reference, "--quiet", "--threads", "2"],
                            timeout=TIMEOUT)
check(code == 0, "reference run: exit %d, stderr: %s" % (code, err))
print("reference sweep of %d runs took %.1f s" % (RUNS, seconds), flush=True)

# Kill, resume, kill again, ..., finish; all in one folder.
work = folder("work")
out = os.path.join(work, "sweep.h5")
partial = out + ".partial"


killed = []  # pids of the killed sessions


def after_kill(what, process, allow_no_journal=False):
    """Only the journal, and the temporary results file a killed session was
    writing while it trained (.sweep.h5.PID.tmp: never at sweep.h5, and
    removed by the next session, as the final check below sees), may remain."""
    killed.append(process.pid)
    check(not os.path.exists(out), "%s: %s exists after SIGKILL (only the journal may)" % (what, out))
    if not allow_no_journal:
        check(os.path.exists(partial), "%s: no journal %s after SIGKILL" % (what, partial))
    temporaries = {".sweep.h5.%d.tmp" % pid for pid in killed}
    stray = leftovers(work, {"sweep.h5.partial"} | temporaries)
    check(not stray, "%s: stray files after SIGKILL: %s" % (what, stray))


# (a) Right after start: maybe before the journal exists at all.
process = start(out, os.path.join(root, "a"))
time.sleep(0.005)
process.send_signal(signal.SIGKILL)
process.wait()
after_kill("kill right after start", process, allow_no_journal=True)

# (b) As soon as the journal exists, holding no records yet.
process = start(out, os.path.join(root, "b"))
count = kill_when(process, partial, lambda n: n == 0, "kill at 0 records")
check(count == 0, "kill at 0 records: journal holds %s records" % count)
after_kill("kill at 0 records", process)

# (c) A quarter of the way. An empty journal is nothing to resume from.
process = start(out, os.path.join(root, "c"))
quarter = kill_when(process, partial, lambda n: n >= RUNS // 4, "kill at 1/4")
check(resumed_count(stderr_of(process)) is None,
      "kill at 1/4: claims to resume from an empty journal: %s" % stderr_of(process))
after_kill("kill at 1/4", process)

# (d) Three quarters of the way; this session resumes the quarter.
process = start(out, os.path.join(root, "d"))
three_quarters = kill_when(process, partial, lambda n: n >= 3 * RUNS // 4, "kill at 3/4")
check(resumed_count(stderr_of(process)) == (quarter, RUNS),
      "kill at 3/4: expected 'resuming: %s of %d', stderr: %s"
      % (quarter, RUNS, stderr_of(process)))
after_kill("kill at 3/4", process)

# (e) A torn last record, as a kill in the middle of its write() would leave:
# cut 5 bytes off the last intact record. Resuming must drop exactly that run.
count, end = journal_scan(partial)
os.truncate(partial, end - 5)
torn, _ = journal_scan(partial)
check(count is not None and count >= 1 and torn == count - 1,
      "torn record: %s intact records before the cut, %s after" % (count, torn))

print("killed at 0, %s and %s journalled runs; cut to %s" % (quarter, three_quarters, torn),
      flush=True)

# (f) Let it finish.
process = start(out, os.path.join(root, "f"))
process.wait(timeout=TIMEOUT)
text = stderr_of(process)
check(process.returncode == 0, "final session: exit %d, stderr: %s" % (process.returncode, text))
check(resumed_count(text) == (torn, RUNS),
      "final session: expected 'resuming: %s of %d', stderr: %s" % (torn, RUNS, text))
check(os.path.exists(out), "final session: %s not written" % out)
check(not os.path.exists(partial), "final session: journal %s left behind" % partial)
stray = leftovers(work, {"sweep.h5"})
check(not stray, "final session: stray files: %s" % stray)
if os.path.exists(out):
    problems = compare_results(reference, out)
    check(not problems, "resumed file differs from the reference:\n  " + "\n  ".join(problems[:20]))

finish("test_kill_resume")

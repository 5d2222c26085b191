#!/usr/bin/python3
"""The progress line of `nnsweep run` on a terminal (a pseudo-terminal here).

With no more runs than threads every run is in flight at once and finished
runs say nothing until the end, so the line counts iterations: a one-run
experiment shows "0/1 runs (0%), N/TOTAL iterations (P%), R iterations/s",
N growing in steps of 1024 (train/train_run.hpp: kUpdatesPerCount) up to
TOTAL, while its cost lines reach stdout whole. A sweep of more runs than
threads counts runs.

Usage: test_progress.py NNSWEEP_BINARY
"""
import os
import pty
import re
import subprocess
import sys
import tempfile

failures = []
CONFIG = """name: progress
dataset: {name: moons, n_samples: 500, noise: 0.2, seed: 0}
model: {hidden: [50], init: {name: normal, scale: 0.1, seed: 2}}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: %d, log_every: %d, record_every: 100}
"""
ITERATIONS = re.compile(r"(\d+)/(\d+) runs \(\d+%\), (\d+)/(\d+) iterations \((\d+)%\), "
                        r"\d+ iterations/s, ETA [\d:?]+, best cost ")


def check(condition, message):
    if not condition:
        failures.append(message)


def run_on_terminal(binary, folder, text, *args):
    """stdout and the live lines written to stderr (a terminal)."""
    config = os.path.join(folder, "progress.yaml")
    with open(config, "w") as f:
        f.write(text)
    master, slave = pty.openpty()
    process = subprocess.Popen([binary, "run", config, "--fresh", *args], cwd=folder,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the program closed the terminal
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    out = process.stdout.read().decode()
    check(process.wait() == 0, "exit %d: %s" % (process.returncode, terminal[-500:]))
    # Each refresh starts with a carriage return and clears the line.
    lines = [line for line in terminal.decode().replace("\r\n", "\n").split("\r\x1b[K") if line]
    return out, lines


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder:
        total = 40000
        out, lines = run_on_terminal(binary, folder, CONFIG % (total, 10000), "--threads", "2")
        counts = []
        for line in lines:
            found = ITERATIONS.match(line)
            if found:
                check(found.group(1, 2, 4) == ("0", "1", str(total)), "line %r" % line)
                counts.append(int(found.group(3)))
        # (0 until the run has made its first 1024 updates.)
        check(len(set(counts) - {0}) >= 3, "iteration lines: %r" % lines[:10])
        check(counts == sorted(counts), "iterations go up: %r" % counts)
        check(all(0 <= c < total and c % 1024 == 0 for c in counts), "counts %r" % counts)
        # The cost lines are whole on stdout, and the run's own summary ends it.
        costs = [line for line in out.splitlines() if line.startswith("Cost after")]
        check([c.split(":")[0] for c in costs] == ["Cost after iteration %d" % i
                                                   for i in range(0, total, 10000)],
              "cost lines %r" % out)
        check(out.splitlines()[-1].startswith("progress: ok, final cost"), "summary %r" % out)

        # Two runs on two threads: both in flight, their iterations summed.
        sweep = CONFIG % (total, 0) + "sweep:\n  grid: {model.init.seed: [1, 2]}\n"
        out, lines = run_on_terminal(binary, folder, sweep, "--threads", "2", "--quiet")
        check(lines == [], "--quiet prints nothing: %r" % lines[:3])
        out, lines = run_on_terminal(binary, folder, sweep, "--threads", "2")
        planned = {ITERATIONS.match(l).group(4) for l in lines if ITERATIONS.match(l)}
        check(planned == {str(2 * total)}, "two runs plan %r iterations" % planned)

        # More runs than threads: runs are counted, not iterations.
        many = CONFIG % (200, 0) + "sweep:\n  grid: {model.init.seed: [1, 2, 3, 4, 5, 6]}\n"
        out, lines = run_on_terminal(binary, folder, many, "--threads", "1")
        check(lines and all("iterations" not in l for l in lines), "run lines %r" % lines)
        check(any(l.startswith("6/6 runs (100%)") and "runs/s" in l for l in lines),
              "final line %r" % lines)
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

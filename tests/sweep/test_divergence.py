"""A sweep where some runs diverge: exit code 3, the results file is still
written, diverged runs say so in /summary, the others are unaffected, and
`nnsweep show` prints the table.

Usage: /usr/bin/python3 test_divergence.py NNSWEEP_BINARY
"""
import math
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from results_support import run_arrays  # noqa: E402

BINARY = sys.argv[1]
FAILURES = []

CONFIG = """\
name: diverge
dataset: {name: moons, n_samples: 50, noise: 0.2, seed: 0}
model:
  hidden: [3]
  activation: tanh
  init: {name: normal, scale: 0.5, seed: 2}
optimizer: {name: gd, learning_rate: 0.1}
train: {iterations: 50}
sweep:
  grid:
    optimizer.learning_rate: [0.1, 1e6]
    model.init.seed: [1, 2]
"""


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)


def nnsweep(*arguments, cwd=None):
    return subprocess.run([BINARY, *arguments], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def texts(column):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in column[()]]


def main():
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, "diverge.yaml")
        out = os.path.join(folder, "diverge.h5")
        with open(config, "w") as file:
            file.write(CONFIG)

        run = nnsweep("run", config, "--out", out, "--threads", "2")
        check(run.returncode == 3, f"run exit code {run.returncode}, expected 3; stderr: {run.stderr}")
        check("2 of 4 runs diverged or failed" in run.stderr, f"run stderr: {run.stderr!r}")
        check(os.path.exists(out), "the results file was not written")
        check(not os.path.exists(out + ".partial"), "the journal was left behind")
        if not os.path.exists(out):
            return

        with h5py.File(out, "r") as h5:
            summary = h5["summary"]
            check(list(summary["run"][()]) == [0, 1, 2, 3], f"run column {summary['run'][()]}")
            rates = summary["optimizer.learning_rate"][()]
            check(summary["optimizer.learning_rate"].dtype == np.float64,
                  f"learning_rate column dtype {summary['optimizer.learning_rate'].dtype}")
            check(list(rates) == [0.1, 0.1, 1e6, 1e6], f"learning rates {rates}")
            check(list(summary["model.init.seed"][()]) == [1, 2, 1, 2], "model.init.seed column")
            status = texts(summary["status"])
            message = texts(summary["message"])
            final_cost = summary["train.cost"][()]
            iterations = summary["iterations_run"][()]
            cost = summary["cost"][()]
            check(cost.shape[0] == 4, f"cost shape {cost.shape}")
            for i in range(4):
                if rates[i] == 1e6:
                    check(status[i] == "diverged", f"run {i}: status {status[i]!r}, expected diverged")
                    # "diverged at iteration N: what happened" (docs/divergence.md), N being
                    # the last iteration run.
                    check(message[i].startswith(f"diverged at iteration {iterations[i] - 1}: "),
                          f"run {i}: message {message[i]!r}, iterations_run {iterations[i]}")
                    check(0 < iterations[i] < 50, f"run {i}: iterations_run {iterations[i]}")
                    # The recorded curve (record_every is 1) shows the blow-up: its last
                    # cost is non-finite or over 1000 times the first.
                    curve = cost[i][:iterations[i]]
                    blown_up = not np.all(np.isfinite(curve)) or curve[-1] > 1000 * curve[0]
                    check(blown_up or not math.isfinite(final_cost[i]),
                          f"run {i}: the cost curve {curve} does not show a blow-up")
                else:
                    check(status[i] == "ok", f"run {i}: status {status[i]!r}, expected ok")
                    check(message[i] == "", f"run {i}: message {message[i]!r}")
                    check(math.isfinite(final_cost[i]), f"run {i}: final cost {final_cost[i]}")
                    check(0 < final_cost[i] < 1, f"run {i}: final cost {final_cost[i]}")
                    check(iterations[i] == 50, f"run {i}: iterations_run {iterations[i]}")
                    check(np.all(np.isfinite(cost[i])), f"run {i}: cost curve {cost[i]}")
            # Diverged runs keep their last parameters, as ok runs do.
            for i in range(4):
                run = run_arrays(h5, i)
                check("W1" in run and "b2" in run and "W3" not in run,
                      f"run {i}: stored layers {sorted(run)}")

        show = nnsweep("show", out, "--rows", "0")
        check(show.returncode == 0, f"show exit code {show.returncode}; stderr: {show.stderr}")
        lines = show.stdout.splitlines()
        check(len(lines) == 6, f"show printed {len(lines)} lines:\n{show.stdout}")
        if lines:
            header = lines[0].split()
            check(header[:3] == ["run", "optimizer.learning_rate", "model.init.seed"],
                  f"show header {header}")
            check("status" in header and "train.cost" in header, f"show header {header}")
        rows = [line.split() for line in lines[1:5]]
        diverged = [row for row in rows if "diverged" in row]
        ok = [row for row in rows if "ok" in row]
        check(len(diverged) == 2 and len(ok) == 2, f"show rows:\n{show.stdout}")
        check(all(row[1] == "1000000" or row[1] == "1e+06" for row in diverged),
              f"diverged rows: {diverged}")
        check(lines and lines[-1] == "4 runs", f"show last line {lines[-1] if lines else None!r}")

        grouped = nnsweep("show", out, "--group-by", "optimizer.learning_rate")
        check(grouped.returncode == 0, f"show --group-by exit code {grouped.returncode}")
        check(grouped.stdout.strip().endswith("4 runs in 2 groups"), f"grouped:\n{grouped.stdout}")
        glines = grouped.stdout.splitlines()
        if len(glines) == 4:
            header = glines[0].split()
            for line in glines[1:3]:
                row = dict(zip(header, line.split()))
                expected = "0" if row.get("optimizer.learning_rate") == "0.1" else "2"
                check(row.get("not_ok") == expected, f"group row {row}")
        else:
            check(False, f"grouped table:\n{grouped.stdout}")

        # Rerunning the same command reports the stored results, still with exit code 3.
        again = nnsweep("run", config, "--out", out, "--quiet")
        check(again.returncode == 3, f"rerun exit code {again.returncode}; stderr: {again.stderr}")


if __name__ == "__main__":
    main()
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        sys.exit(1)
    print("ok")

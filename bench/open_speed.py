#!/usr/bin/python3
"""How long nnsweep.open plus to_dataframe() take on a 10,000-run file.

Usage: bench/open_speed.py [NNSWEEP_BINARY] [--runs N]
(default binary: build/runner/cli/nnsweep)

Trains a tiny sweep (hidden 1 to 5 x N/5 seeds, 10 iterations of the moons
network, a cost recorded at every iteration) into a temporary file, then
times the first call and the best of 5:
  open + per-run table   nnsweep.open(path).drop_dims("step").to_dataframe()
  open + full table      nnsweep.open(path).to_dataframe()   (run x step rows)
The target is under 1 s for the first. Prints the file size and the times.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python"))
import nnsweep  # noqa: E402

CONFIG = """name: open_speed
dataset: {{name: moons, n_samples: 200, noise: 0.2, seed: 0}}
model: {{hidden: [1], activation: tanh, output: sigmoid}}
optimizer: {{name: gd, learning_rate: 1.2}}
train: {{iterations: 10, record_every: 1}}
sweep:
  grid:
    model.hidden: [1, 2, 3, 4, 5]
    model.init.seed: [{seeds}]
"""


def timed(repeats, action):
    """(first, best) seconds of `repeats` calls, and the last result."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return times[0], min(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", nargs="?", default=os.path.join(HERE, "..", "build", "runner",
                                                                  "cli", "nnsweep"))
    parser.add_argument("--runs", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nnsweep_open_speed_") as tmp:
        config = os.path.join(tmp, "open_speed.yaml")
        with open(config, "w") as f:
            f.write(CONFIG.format(seeds=", ".join(str(s) for s in range(args.runs // 5))))
        path = os.path.join(tmp, "open_speed.h5")
        start = time.perf_counter()
        subprocess.run([args.binary, "run", config, "--out", path, "--quiet"], check=True)
        print(f"sweep of {args.runs} runs trained in {time.perf_counter() - start:.1f} s, "
              f"file {os.path.getsize(path) / 1e6:.1f} MB")
        first, best, table = timed(5, lambda: nnsweep.open(path).drop_dims("step").to_dataframe())
        print(f"open + per-run table: {best:.3f} s best, {first:.3f} s first "
              f"({len(table)} rows, {len(table.columns)} columns)")
        first, best, table = timed(5, lambda: nnsweep.open(path).to_dataframe())
        print(f"open + full table:    {best:.3f} s best, {first:.3f} s first ({len(table)} rows)")


if __name__ == "__main__":
    main()

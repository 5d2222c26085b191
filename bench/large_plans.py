#!/usr/bin/python3
"""Plans of millions of runs: the targets of issue 13.

Usage: bench/large_plans.py [NNSWEEP_BINARY] [--skip-million]
(default binary: build/runner/cli/nnsweep)

Measures, each in a fresh temporary folder:
  plan --count     of a 10,000,000-point grid (best of 3; target < 1 s)
  validate         of the same plan
  run --share 1/10000 of it: 1,000 tiny runs, from start to the published
                   part (an upper bound on "starts training"; target < 5 s)
                   and the process's peak resident memory (target < 200 MB)
  a 1,000,000-run sweep of tiny runs (hidden 1 to 3 x 333,334 seeds, 10
                   iterations of the moons network) run whole: wall time,
                   peak resident memory, file size, and the time xarray takes
                   to open its /summary and read train.cost
Peak memory is the child's ru_maxrss (resource.getrusage).
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = """name: {name}
dataset: {{name: moons, n_samples: 200, noise: 0.2, seed: 0}}
model: {{hidden: [1], activation: tanh, output: sigmoid}}
optimizer: {{name: gd, learning_rate: 1.2}}
train: {{iterations: 10}}
sweep:
  grid:
{axes}"""


def values(count, first=0):
    return "[" + ", ".join(map(str, range(first, first + count))) + "]"


def write(folder, name, axes):
    path = os.path.join(folder, name + ".yaml")
    with open(path, "w") as f:
        f.write(TINY.format(name=name, axes="".join(
            "    %s: %s\n" % (key, values(*count) if isinstance(count, tuple) else values(count))
            for key, count in axes)))
    return path


def timed(command):
    """(seconds, peak resident MB) of one run of `command`, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        sys.exit("%s failed (%d): %s" % (" ".join(command), done.returncode, done.stderr[-2000:]))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of any child so far: run the
    # largest last, or read it as an upper bound.
    return seconds, max(peak, before) / 1024.0, done


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", nargs="?",
                        default=os.path.join(HERE, "..", "build", "runner", "cli", "nnsweep"))
    parser.add_argument("--skip-million", action="store_true")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory(prefix="nnsweep-large-bench-") as folder:
        ten_million = write(folder, "ten_million",
                            [("dataset.seed", 10000), ("model.init.seed", 1000)])
        counts = [timed([binary, "plan", ten_million, "--count"]) for _ in range(3)]
        print("plan --count, 10,000,000 points: %.3f s best of 3 (%s), %.0f MB"
              % (min(c[0] for c in counts), counts[0][2].stdout.strip(), counts[0][1]))
        seconds, _, done = timed([binary, "validate", ten_million])
        print("validate, 10,000,000 points: %.3f s (%s)" % (seconds, done.stdout.strip()))
        part = os.path.join(folder, "part.h5")
        seconds, peak, _ = timed([binary, "run", ten_million, "--share", "1/10000",
                                  "--out", part, "--quiet"])
        print("run --share 1/10000 (1,000 runs) of 10,000,000 points: %.3f s to the "
              "published part, peak %.0f MB resident" % (seconds, peak))
        if args.skip_million:
            return
        million = write(folder, "million", [("model.hidden", (3, 1)), ("model.init.seed", 333334)])
        out = os.path.join(folder, "million.h5")
        seconds, peak, _ = timed([binary, "run", million, "--out", out, "--quiet"])
        size = os.path.getsize(out) / 1e6
        print("run, 1,000,002 tiny runs (hidden 1 to 3 x 333,334 seeds, 10 iterations): "
              "%.1f s, peak %.0f MB resident, file %.0f MB" % (seconds, peak, size))
        import xarray as xr
        started = time.monotonic()
        with xr.open_dataset(out, group="summary", engine="h5netcdf") as summary:
            costs = summary["train.cost"].values
        print("xarray: open /summary and read train.cost of %d runs: %.2f s"
              % (len(costs), time.monotonic() - started))


if __name__ == "__main__":
    main()

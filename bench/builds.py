#!/usr/bin/python3
"""The seed post's network trained by two or more nnsweep builds, side by side:
microseconds per iteration for each hidden size, best of --repeat runs, the
builds interleaved run by run so that a busy moment hits them alike.

Each run is configs/seed_moons.yaml (full batch, 200 moons examples, tanh
hidden layer, sigmoid output, gd) with --set overrides; the time is the run's
own wall_time_s from its results file (start-up and writing excluded). This is
how an issue's "within 10% of before" is checked: build the older commit in a
git worktree, then

  bench/builds.py --binary /tmp/old/build/runner/cli/nnsweep --binary build/runner/cli/nnsweep

Usage: bench/builds.py --binary B [--binary B ...] [--sizes 1,4,20,50]
                       [--iterations 10000] [--repeat 5]
"""
import argparse
import os
import subprocess
import sys
import tempfile

import h5py

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def seconds(binary, hidden, iterations, out):
    if os.path.exists(out):
        os.remove(out)
    subprocess.run([binary, "run", os.path.join(ROOT, "configs/seed_moons.yaml"), "--quiet",
                    "--out", out, "--threads", "1", "--set", "model.hidden=[%d]" % hidden,
                    "--set", "train.iterations=%d" % iterations, "--set", "train.log_every=0"],
                   check=True)
    with h5py.File(out) as f:
        return float(f["summary/wall_time_s"][0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", action="append", required=True)
    parser.add_argument("--sizes", default="1,4,20,50")
    parser.add_argument("--iterations", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    best = {(b, h): float("inf") for b in range(len(args.binary)) for h in sizes}
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "run.h5")
        for _ in range(args.repeat):
            for hidden in sizes:
                for b, binary in enumerate(args.binary):
                    best[b, hidden] = min(best[b, hidden],
                                          seconds(binary, hidden, args.iterations, out))
    print("hidden  " + "  ".join("build%d_us" % b for b in range(len(args.binary))) +
          ("  ratio(last/first)" if len(args.binary) > 1 else ""))
    for hidden in sizes:
        per_iteration = [best[b, hidden] / args.iterations * 1e6 for b in range(len(args.binary))]
        line = "%6d  " % hidden + "  ".join("%9.2f" % t for t in per_iteration)
        if len(per_iteration) > 1:
            line += "  %6.3f" % (per_iteration[-1] / per_iteration[0])
        print(line)
    for b, binary in enumerate(args.binary):
        print("build%d = %s" % (b, binary))


if __name__ == "__main__":
    sys.exit(main())

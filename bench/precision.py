#!/usr/bin/python3
"""µs per iteration of train.dtype float32 against float64.

The seed post's network (configs/seed_moons.yaml at learning rate 0.1, as
bench/run.py runs it) at hidden 1, 4, 20 and 50, on one thread, 10000
iterations; the wall time is the training's own (/summary/wall_time_s), the
minimum of --repeats runs, alternating precisions so that a noisy neighbour
slows both alike. Prints a Markdown table.

Usage: /usr/bin/python3 bench/precision.py [--repeats N] [--simd WIDTH]
"""
import argparse
import tempfile

from run import best, nnsweep_seconds, single_args

ITERATIONS = 10000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--simd", default=None, help="NNSWEEP_SIMD for every run")
    args = parser.parse_args()
    print("| hidden units | float64 | float32 | float32 speed-up |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for hidden in (1, 4, 20, 50):
            times = {"float64": [], "float32": []}
            for _ in range(args.repeats):
                for precision in times:
                    run = single_args(hidden) + ["--set", "train.dtype=" + precision]
                    times[precision].append(
                        best(1, lambda: nnsweep_seconds(run, folder, args.simd)))
            double, single = (min(times[p]) * 1e6 / ITERATIONS for p in ("float64", "float32"))
            print("| %d | %.2f µs | %.2f µs | %.2fx |" % (hidden, double, single, double / single))


if __name__ == "__main__":
    main()

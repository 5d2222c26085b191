#!/usr/bin/python3
"""The seed post's numpy training loop against nnsweep, hidden size by hidden size.

Both train the post's network (tanh hidden layer, sigmoid output, full-batch
gradient descent) on np.random.seed(0); make_moons(200, noise=0.2) with
np.random.seed(2) initial weights. numpy's time is the loop alone; nnsweep's
is the run's own wall_time_s from the results file (process start-up and file
writing excluded, as numpy's import and data generation are).

Usage: bench/vs_numpy.py [--iterations N] [--sizes 1,2,3,4,5,20,50]
OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE slow a current numpy; unset them for this
command to give numpy its best kernels.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np
from sklearn.datasets import make_moons

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from post_numpy import train  # noqa: E402  (the post's loop, one copy)


def numpy_post(X, Y, n_h, iterations, learning_rate):
    """The post's nn_model, as bench/post_numpy.py times it."""
    return train(X, Y, n_h, iterations, learning_rate)


def nnsweep_time(binary, n_h, iterations, learning_rate, folder):
    out = os.path.join(folder, "h%d.h5" % n_h)
    subprocess.run([binary, "run", os.path.join(ROOT, "configs/seed_moons.yaml"), "--quiet",
                    "--out", out, "--threads", "1",
                    "--set", "model.hidden=[%d]" % n_h,
                    "--set", "optimizer.learning_rate=%r" % learning_rate,
                    "--set", "train.iterations=%d" % iterations,
                    "--set", "train.log_every=0"], check=True)
    with h5py.File(out) as f:
        return float(f["summary/wall_time_s"][0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=10000)
    parser.add_argument("--sizes", default="1,2,3,4,5,20,50")
    parser.add_argument("--binary", default=os.path.join(ROOT, "build/runner/cli/nnsweep"))
    args = parser.parse_args()
    np.random.seed(0)
    X, y = make_moons(200, noise=0.20)
    X, Y = X.T, y.reshape(1, -1)
    print("hidden  numpy_s  nnsweep_s  speed-up")
    total_numpy = total_nnsweep = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for n_h in [int(s) for s in args.sizes.split(",")]:
            start = time.perf_counter()
            numpy_post(X, Y, n_h, args.iterations, 0.1)
            numpy_s = time.perf_counter() - start
            ours = nnsweep_time(args.binary, n_h, args.iterations, 0.1, folder)
            total_numpy += numpy_s
            total_nnsweep += ours
            print("%6d  %7.3f  %9.3f  %7.1fx" % (n_h, numpy_s, ours, numpy_s / ours))
    print("total   %7.3f  %9.3f  %7.1fx" % (total_numpy, total_nnsweep,
                                           total_numpy / total_nnsweep))


if __name__ == "__main__":
    sys.exit(main())

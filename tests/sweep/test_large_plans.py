"""Plans too large to resolve whole (README: Large plans).

- A plan of 20,002 points is checked by a sample: an invalid crossing that the
  sample misses does not stop the sweep; that run alone is a `failed` row with
  the config error (FILE:LINE:COL) as its message, and the exit code says runs
  failed.
- Repeated points are removed within a share and across shares by merge: the
  merged thirds equal the whole run.
- Long summary columns are chunked; xarray opens the file.
- A share of a 2,000,000-point plan resolves only its own points, and rows
  past index 999,999 keep their order.

usage: test_large_plans.py NNSWEEP_BINARY
"""
import os
import subprocess
import sys
import time

import h5py
import numpy as np
import xarray as xr

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "store",
                                "crash"))
from crash_common import check, compare_results, finish, scratch  # noqa: E402

BINARY = sys.argv[1]
root = scratch("nnsweep-large-")
POINTS = 10001  # of the zip axis
BAD = 1234  # its one point invalid with a single hidden layer; validate shows the sample misses it


def path(name):
    return os.path.join(root, name)


def nnsweep(*args):
    done = subprocess.run([BINARY, *args], capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr


rates = ["%.6f" % (0.1 + 0.5 * i / POINTS) for i in range(POINTS)]
activations = ["tanh"] * POINTS
activations[BAD] = "[tanh, relu]"  # two activations: wrong only with one hidden layer
config = path("large.yaml")
with open(config, "w") as f:
    f.write("name: large\n"
            "dataset: {name: moons, n_samples: 20, noise: 0.2, seed: 0}\n"
            "model: {hidden: [2]}\n"
            "optimizer: {name: gd, learning_rate: 0.5}\n"
            "train: {iterations: 1}\n"
            "sweep:\n"
            "  list:\n"
            "    - {model.hidden: [2, 2]}\n"
            "    - {model.hidden: [2]}\n"
            "    - {model.hidden: [2, 2]}\n"  # repeats the first entry's runs
            "  zip:\n"
            "    optimizer.learning_rate: [" + ", ".join(rates) + "]\n"
            "    model.activation: [" + ", ".join(activations) + "]\n")
points = 3 * POINTS
bad_index = POINTS + BAD  # hidden [2] with two activations

code, out, err = nnsweep("plan", config, "--count")
check(code == 0 and out.strip() == str(points), "plan --count: %d %r %r" % (code, out, err))
code, out, err = nnsweep("validate", config)
check(code == 0 and "checked" in out,
      "validate (the sample must miss run %d): %d %r %r" % (bad_index, code, out, err))

code, out, err = nnsweep("run", config, "--out", path("whole.h5"), "--quiet")
check(code == 3, "run: exit %d, expected 3 (a run failed); stderr %r" % (code, err[-500:]))
with h5py.File(path("whole.h5"), "r") as f:
    runs = f["summary/run"][()]
    check(f.attrs["plan_size"] == points, "plan_size %r" % f.attrs["plan_size"])
    # The third list entry's points repeat the first's.
    expected = np.arange(2 * POINTS)
    check(np.array_equal(runs, expected), "rows: %s" % runs[:5])
    status = [s.decode() for s in f["summary/status"][()]]
    message = [s.decode() for s in f["summary/message"][()]]
    row = int(np.searchsorted(runs, bad_index))
    check(status[row] == "failed", "the invalid run's status %r" % status[row])
    check(message[row].startswith("invalid config: " + config + ":")
          and "2 activations" in message[row], "its message %r" % message[row])
    others = [s for i, s in enumerate(status) if i != row]
    check(all(s == "ok" for s in others), "other statuses: %s" % sorted(set(others)))
    check(np.isnan(f["summary/train.cost"][row]), "the invalid run has no cost")
    for name in ("run", "train.cost", "status", "run_id", "cost", "chars/status"):
        check(f["summary/" + name].chunks is not None, "/summary/%s is not chunked" % name)
ds = xr.open_dataset(path("whole.h5"), group="summary", engine="h5netcdf")
check(ds.sizes["run"] == 2 * POINTS, "xarray sizes %s" % dict(ds.sizes))
ds.close()

# Thirds: the third list entry's points repeat the first's, each in another
# share (point 2 * 10001 + i, and 20002 % 3 == 1); merge keeps each run once,
# at its first point.
for part in (1, 2, 3):
    code, _, err = nnsweep("run", config, "--share", "%d/3" % part, "--out",
                           path("part%d.h5" % part), "--quiet")
    check(code in (0, 3), "share %d/3: exit %d %r" % (part, code, err[-300:]))
code, out, err = nnsweep("merge", path("merged.h5"), *(path("part%d.h5" % k) for k in (1, 2, 3)))
check(code == 0, "merge: %d %r" % (code, err))
problems = compare_results(path("whole.h5"), path("merged.h5"))
check(not problems, "merged thirds differ from the whole run: %s" % problems[:5])
code, out, err = nnsweep("merge", path("two.h5"), path("part1.h5"), path("part3.h5"))
check(code == 0 and "missing shares: 2/3" in err, "merge without 2/3: %d %r" % (code, err))

# Two million points; share 2 of 1,000,000 is points 1 and 1,000,001.
huge = path("huge.yaml")
with open(huge, "w") as f:
    f.write("name: huge\n"
            "dataset: {name: moons, n_samples: 20, noise: 0.2}\n"
            "model: {hidden: [2]}\n"
            "train: {iterations: 1}\n"
            "sweep:\n"
            "  grid:\n"
            "    dataset.seed: [" + ", ".join(map(str, range(2000))) + "]\n"
            "    model.init.seed: [" + ", ".join(map(str, range(1000))) + "]\n")
code, out, err = nnsweep("plan", huge, "--count")
check(code == 0 and out.strip() == "2000000", "huge plan --count: %d %r %r" % (code, out, err))
started = time.monotonic()
code, out, err = nnsweep("run", huge, "--share", "2/1000000", "--out", path("huge.h5"), "--quiet")
seconds = time.monotonic() - started
check(code == 0, "huge share: %d %r" % (code, err[-300:]))
ds = xr.open_dataset(path("huge.h5"), group="summary", engine="h5netcdf")
check(ds["run"].values.tolist() == [1, 1000001], "huge share rows %s" % ds["run"].values)
check(ds["model.init.seed"].values.tolist() == [1, 1], "init seeds %s" % ds["model.init.seed"].values)
check(ds["dataset.seed"].values.tolist() == [0, 1000], "dataset seeds %s" % ds["dataset.seed"].values)
ds.close()
print("share 2/1000000 of 2,000,000 points: %.2f s" % seconds)

finish("test_large_plans")

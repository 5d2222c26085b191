"""A freshly published sweep file opens in the standard tools users reach for:
h5dump and ncdump (Debian's hdf5-tools and netcdf-bin) read its header, and
xarray (h5netcdf engine) turns /summary into a pandas DataFrame whose values
are the ones h5py reads. Written through the journal-and-rename path, so this
also checks that publishing leaves a complete, standard file.

usage: test_interop_tools.py NNSWEEP_BINARY
"""
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np
import xarray

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import check, finish, run, scratch, write_config

root = scratch("nnsweep-interop-")
# 3 hidden sizes x 2 seeds; cost recorded every 50 of 1000 iterations -> 20 steps.
config = write_config(root, "sweep.yaml", iterations=1000, record_every=50,
                      hidden="[1, 4, 16]", seeds="[1, 2]")
results = os.path.join(root, "sweep.h5")
code, _, err, _ = run(["run", config, "--out", results, "--quiet"])
check(code == 0, "run: exit %d, stderr: %s" % (code, err))
check(not os.path.exists(results + ".partial"), "journal left behind")
RUNS, STEPS = 6, 20
SUMMARY = ["run", "step", "train.cost", "train.accuracy", "wall_time_s", "iterations_run",
           "status", "message", "run_id", "dataset_id", "cost", "model.hidden", "model.init.seed"]


def tool(command):
    """Runs an external tool; returns its stdout, or None (a failed check) if it
    is missing or fails."""
    if shutil.which(command[0]) is None:
        check(False, "%s is not installed (Debian: hdf5-tools / netcdf-bin)" % command[0])
        return None
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    check(done.returncode == 0, "%s: exit %d, stderr: %s"
          % (" ".join(command), done.returncode, done.stderr[-2000:]))
    return done.stdout if done.returncode == 0 else None


header = tool(["h5dump", "-H", results])
if header is not None:
    for name in SUMMARY:
        check('DATASET "%s"' % name in header, "h5dump -H does not show /summary/%s" % name)
    check('GROUP "summary"' in header and 'GROUP "runs"' in header,
          "h5dump -H lacks the summary or runs group")

netcdf = tool(["ncdump", "-h", results])
if netcdf is not None:
    check("group: summary" in netcdf, "ncdump -h shows no summary group")
    check("run = %d" % RUNS in netcdf and "step = %d" % STEPS in netcdf,
          "ncdump -h: dimensions run = %d and step = %d not found" % (RUNS, STEPS))
    for name in ("train.cost(run)", "train.accuracy(run)", "cost(run, step)",
                 "iterations_run(run)", "status(run)"):
        check(name in netcdf, "ncdump -h does not show the variable %s" % name)

try:
    with xarray.open_dataset(results, group="summary", engine="h5netcdf") as summary:
        check(dict(summary.sizes) == {"run": RUNS, "step": STEPS},
              "xarray: dimensions %s" % dict(summary.sizes))
        frame = summary.to_dataframe()
        check(list(frame.index.names) == ["run", "step"] and len(frame) == RUNS * STEPS,
              "to_dataframe: index %s, %d rows" % (list(frame.index.names), len(frame)))
        for name in ("train.cost", "train.accuracy", "cost", "status", "model.hidden"):
            check(name in frame.columns, "to_dataframe: no column %s" % name)
        per_run = summary.drop_dims("step").to_dataframe()
        check(len(per_run) == RUNS, "per-run DataFrame has %d rows" % len(per_run))
        with h5py.File(results, "r") as data:
            check(np.array_equal(per_run["train.cost"].to_numpy(),
                                 data["summary/train.cost"][()]),
                  "xarray and h5py disagree on train.cost")
            check(np.array_equal(summary["cost"].values, data["summary/cost"][()],
                                 equal_nan=True),
                  "xarray and h5py disagree on cost")
            check(summary["step"].values.tolist() == list(range(0, 1000, 50)),
                  "step coordinate: %s" % summary["step"].values.tolist())
            check(sorted(per_run["status"].tolist()) == ["ok"] * RUNS,
                  "status column: %s" % per_run["status"].tolist())
except Exception as failure:  # any failure to open or convert is the finding
    check(False, "xarray/pandas: %s: %s" % (type(failure).__name__, failure))

finish("test_interop_tools")

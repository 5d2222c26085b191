"""Growing and shrinking the main job (configs/hidden_sizes.yaml) through the
CLI: adding a hidden size trains only that size's runs, removing one trains
nothing, and each published file equals a fresh run of the same plan, value by
value (wall times and provenance aside). Also: the numeric columns derived from
model.hidden sort and group as numbers in pandas and xarray.

usage: test_grow_shrink.py NNSWEEP_BINARY
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "store", "crash"))
from crash_common import check, compare_results, finish, run, scratch  # noqa: E402

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import xarray  # noqa: E402

SOURCE = os.environ.get("NNSWEEP_SOURCE_DIR",
                        os.path.join(os.path.dirname(__file__), "..", ".."))
with open(os.path.join(SOURCE, "configs", "hidden_sizes.yaml")) as text:
    MAIN_JOB = text.read()
HIDDEN_LINE = re.compile(r"^(\s*model\.hidden:\s*)\[[^\]]*\]", re.M)
check(HIDDEN_LINE.search(MAIN_JOB) is not None, "configs/hidden_sizes.yaml sweeps model.hidden")
SIZES = [int(size) for size in
         re.search(r"\[([^\]]*)\]", HIDDEN_LINE.search(MAIN_JOB).group(0)).group(1).split(",")]
SEEDS = len(re.search(r"model\.init\.seed:\s*\[([^\]]*)\]", MAIN_JOB).group(1).split(","))
QUICK = ["--set", "train.iterations=200", "--threads", "2"]

root = scratch("nnsweep-grow-shrink-")


def config_with(sizes, filename):
    path = os.path.join(root, filename)
    with open(path, "w") as out:
        out.write(HIDDEN_LINE.sub(lambda m: m.group(1) + "[%s]" % ", ".join(map(str, sizes)),
                                  MAIN_JOB))
    return path


def reused(stderr):
    match = re.search(r"reusing (\d+) of (\d+) runs", stderr)
    return (int(match.group(1)), int(match.group(2))) if match else None


def same_as_fresh(out, sizes, label):
    fresh = os.path.join(root, "fresh-%s.h5" % label)
    code, _, stderr, _ = run(["run", config_with(sizes, "fresh-%s.yaml" % label), "--out", fresh,
                              "--quiet"] + QUICK)
    check(code == 0, "%s: fresh run exit %d: %s" % (label, code, stderr))
    problems = compare_results(out, fresh)
    check(not problems, "%s: differs from a fresh run: %s" % (label, problems[:5]))


out = os.path.join(root, "hidden_sizes.h5")
code, _, stderr, _ = run(["run", config_with(SIZES, "main.yaml"), "--out", out, "--quiet"] + QUICK)
check(code == 0, "first run exit %d: %s" % (code, stderr))

grown = SIZES + [7]
code, _, stderr, _ = run(["run", config_with(grown, "grown.yaml"), "--out", out] + QUICK)
check(code == 0, "grown run exit %d: %s" % (code, stderr))
check(reused(stderr) == (len(SIZES) * SEEDS, len(grown) * SEEDS),
      "grown: expected 'reusing %d of %d runs', stderr: %s" %
      (len(SIZES) * SEEDS, len(grown) * SEEDS, stderr))
same_as_fresh(out, grown, "grown")

shrunk = [size for size in SIZES if size != SIZES[1]]
code, _, stderr, _ = run(["run", config_with(shrunk, "shrunk.yaml"), "--out", out] + QUICK)
check(code == 0, "shrunk run exit %d: %s" % (code, stderr))
check(reused(stderr) == (len(shrunk) * SEEDS, len(shrunk) * SEEDS),
      "shrunk: expected every run reused, stderr: %s" % stderr)
same_as_fresh(out, shrunk, "shrunk")

# Hidden sizes as numbers: model.depth, model.width and model.hidden_1.
with h5py.File(out, "r") as f:
    summary = f["summary"]
    check(summary["model.width"].dtype == np.int64, "model.width is int64")
    check(summary["model.depth"].dtype == np.int64, "model.depth is int64")
    check(list(summary["model.width"][()]) == [s for s in shrunk for _ in range(SEEDS)],
          "model.width holds each run's hidden size")
    check(summary["model.hidden"].attrs["nnsweep_type"] == "int_list", "model.hidden's type")
summary = xarray.open_dataset(out, group="summary", engine="h5netcdf")
means = summary["train.cost"].groupby(summary["model.width"]).mean()
check(list(means["model.width"].values) == sorted(shrunk),
      "xarray groups by width in numeric order: %s" % list(means["model.width"].values))
frame = summary[["model.hidden", "model.width", "train.cost"]].to_dataframe()
ordered = frame.sort_values("model.width")["model.hidden"].drop_duplicates().tolist()
check(ordered == ["[%d]" % size for size in sorted(shrunk)],
      "pandas sorts hidden sizes as numbers: %s" % ordered)
summary.close()

# `show --sort model.hidden` sorts numerically too.
code, table, stderr, _ = run(["show", out, "--sort", "model.hidden", "--rows", "0"])
check(code == 0, "show exit %d: %s" % (code, stderr))
shown = [int(m) for m in re.findall(r"^\d+\s+\[(\d+)\]", table, re.M)]
check(shown == sorted(shown) and len(shown) == len(shrunk) * SEEDS,
      "show --sort model.hidden: %s" % shown)
finish("test_grow_shrink")

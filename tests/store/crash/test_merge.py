"""nnsweep run --share K/N and nnsweep merge: the shares of a sweep, merged,
equal the sweep run whole in every value (run times and the root attributes
saying when/how a file was written aside); merging parts of different
experiments, overlapping parts, or onto an existing file is refused (exit 2)
and writes nothing.

usage: test_merge.py NNSWEEP_BINARY
"""
import os
import shutil
import sys

import h5py
import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import (check, compare_results, finish, root_attribute, run, scratch, sha256,
                          write_config)

RUNS = 30
root = scratch("nnsweep-merge-")
config = write_config(root, "sweep.yaml", iterations=1500, record_every=10)
# Another experiment with the same plan shape (30 runs, same swept keys): only
# the run identities tell them apart.
other = write_config(root, "other.yaml", iterations=1500, record_every=10, rate=0.3)


def path(name):
    return os.path.join(root, name)


def run_ok(args, what):
    code, out, err, _ = run(args)
    check(code == 0, "%s: exit %d, stderr: %s" % (what, code, err))
    return out, err


def run_indices(results):
    with h5py.File(results, "r") as data:
        return data["summary/run"][()].tolist()


run_ok(["run", config, "--out", path("whole.h5"), "--quiet"], "whole sweep")
for parts in (2, 3):
    for k in range(1, parts + 1):
        share = "%d/%d" % (k, parts)
        part = path("part%d_of_%d.h5" % (k, parts))
        run_ok(["run", config, "--share", share, "--out", part, "--quiet"], "share " + share)
        # Share K/N holds exactly the runs with index % N == K-1, and says so.
        check(run_indices(part) == [i for i in range(RUNS) if i % parts == k - 1],
              "share %s holds runs %s" % (share, run_indices(part)))
        check(root_attribute(part, "share") == share,
              "share %s: root attribute share = %r" % (share, root_attribute(part, "share")))


def part(k, parts):
    return path("part%d_of_%d.h5" % (k, parts))


def compare_to_whole(merged, what):
    problems = compare_results(path("whole.h5"), merged)
    check(not problems, "%s differs from the whole sweep:\n  %s" % (what, "\n  ".join(problems[:20])))


# Halves, in either order.
out, _ = run_ok(["merge", path("merged.h5"), part(1, 2), part(2, 2)], "merge 1/2 2/2")
check("merged 30 runs of 30 sweep points from 2 parts" in out, "merge: stdout %r" % out)
compare_to_whole(path("merged.h5"), "merge of 1/2 and 2/2")
run_ok(["merge", path("merged_reversed.h5"), part(2, 2), part(1, 2)], "merge 2/2 1/2")
compare_to_whole(path("merged_reversed.h5"), "merge of 2/2 and 1/2")
# Thirds.
run_ok(["merge", path("merged3.h5"), part(3, 3), part(1, 3), part(2, 3)], "merge of thirds")
compare_to_whole(path("merged3.h5"), "merge of 3/3, 1/3, 2/3")

# The merged file is a whole sweep again: `run` of the same config onto it
# finds it up to date.
code, _, err, _ = run(["run", config, "--out", path("merged.h5")])
check(code == 0 and "is up to date (30 runs)" in err,
      "run onto the merged file: exit %d, stderr: %s" % (code, err))


def refused_merge(what, output, parts, message):
    before = sha256(output) if os.path.exists(output) else None
    code, _, err, _ = run(["merge", output] + parts)
    check(code == 2, "%s: exit %d, expected 2; stderr: %s" % (what, code, err))
    check(message in err, "%s: stderr lacks %r: %s" % (what, message, err))
    if before is None:
        check(not os.path.exists(output), "%s: %s was written" % (what, output))
    else:
        check(sha256(output) == before, "%s: %s was modified" % (what, output))
    stray = sorted(f for f in os.listdir(root) if f.endswith(".tmp"))
    check(not stray, "%s: temporary files left: %s" % (what, stray))


# Parts of different experiments, in either order.
run_ok(["run", other, "--share", "2/2", "--out", path("other2.h5"), "--quiet"], "other 2/2")
refused_merge("different experiments", path("mixed.h5"), [part(1, 2), path("other2.h5")],
              "holds a different experiment")
refused_merge("different experiments, other first", path("mixed.h5"),
              [path("other2.h5"), part(1, 2)], "holds a different experiment")
# Overlapping parts: the same run twice.
refused_merge("the same part twice", path("twice.h5"), [part(1, 2), part(1, 2)],
              "appears in more than one part")
refused_merge("whole and a part", path("twice.h5"), [path("whole.h5"), part(2, 2)],
              "appears in more than one part")
# An existing output, results or not, is kept without --overwrite.
shutil.copy(path("other2.h5"), path("existing.h5"))
refused_merge("existing output", path("existing.h5"), [part(1, 2), part(2, 2)], "already exists")
with open(path("notes.txt"), "w") as notes:
    notes.write("not results\n")
refused_merge("existing non-results output", path("notes.txt"), [part(1, 2), part(2, 2)],
              "already exists")
# ... and replaced with it.
run_ok(["merge", "--overwrite", path("existing.h5"), part(1, 2), part(2, 2)], "merge --overwrite")
compare_to_whole(path("existing.h5"), "merge --overwrite onto another file")

# A merge missing a share still writes what it has, marked as incomplete.
code, _, err, _ = run(["merge", path("half.h5"), part(2, 2)])
check(code == 0 and "15 runs of the plan are in none of the parts" in err,
      "merge of one half: exit %d, stderr: %s" % (code, err))
check(root_attribute(path("half.h5"), "share") == "merged 15 of 30",
      "merge of one half: share = %r" % root_attribute(path("half.h5"), "share"))
with h5py.File(path("half.h5"), "r") as half, h5py.File(path("whole.h5"), "r") as whole:
    odd = np.arange(1, RUNS, 2)
    check(np.array_equal(half["summary/train.cost"][()], whole["summary/train.cost"][()][odd]),
          "merge of one half: train.cost differs from the whole sweep's odd runs")

finish("test_merge")

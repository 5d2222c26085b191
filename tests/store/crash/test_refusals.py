"""nnsweep run never damages what the output path already holds: every refusal
exits 2 with a message naming the problem and leaves the existing file
byte-identical (sha256), and no journal behind. Also: the same command twice
is 'up to date' (nothing recomputed), --overwrite replaces a different
experiment, --fresh recomputes.

usage: test_refusals.py NNSWEEP_BINARY
"""
import os
import shutil
import subprocess
import sys
import time

import h5py

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import (BINARY, check, compare_results, finish, root_attribute, run, scratch,
                          sha256, write_config)

root = scratch("nnsweep-refusals-")
os.chmod(root, 0o755)  # readable by the unprivileged user of case (c)
# A: 6 runs costing ~1.5 s of CPU, so "nothing recomputed" shows in the timing.
config_a = write_config(root, "a.yaml", name="exp_a", iterations=10000, record_every=100,
                        hidden="[8, 16, 32]", seeds="[1, 2]")
# B: another experiment (other runs) under another name.
config_b = write_config(root, "b.yaml", name="exp_b", iterations=500, hidden="[2, 3]",
                        seeds="[7]")
out = os.path.join(root, "results.h5")
partial = out + ".partial"

code, _, err, first_seconds = run(["run", config_a, "--out", out, "--quiet"])
check(code == 0, "run A: exit %d, stderr: %s" % (code, err))
original = sha256(out)
reference_b = os.path.join(root, "reference_b.h5")
code, _, err, _ = run(["run", config_b, "--out", reference_b, "--quiet"])
check(code == 0, "run B: exit %d, stderr: %s" % (code, err))


def refused(what, args, path, message, cwd=None, prefix=None):
    """Runs nnsweep expecting exit 2 with `message` in stderr, `path` unchanged
    and no journal beside it."""
    before = sha256(path) if os.path.isfile(path) else None
    if prefix is None:
        code, _, err, seconds = run(args, cwd=cwd)
    else:
        start = time.monotonic()
        try:
            done = subprocess.run(prefix + args, cwd=cwd, capture_output=True, text=True,
                                  timeout=120)
            code, err = done.returncode, done.stderr
        except subprocess.TimeoutExpired:
            code, err = None, "(still running after 120 s: not refused before training)"
        seconds = time.monotonic() - start
    check(code == 2, "%s: exit %s, expected 2; stderr: %s" % (what, code, err))
    check(message in err, "%s: stderr lacks %r: %s" % (what, message, err))
    if before is not None:
        check(os.path.isfile(path) and sha256(path) == before, "%s: %s was modified" % (what, path))
    check(not os.path.exists(path + ".partial"), "%s: left a journal %s.partial" % (what, path))
    return seconds


# (a) P holds a different experiment.
refused("(a) different experiment", ["run", config_b, "--out", out], out,
        "already holds results of a different experiment ('exp_a', 6 runs)")
check(sha256(out) == original, "(a) results of A changed")

# (b) P is not a results file: text, empty, and an HDF5 file of someone else's.
text_file = os.path.join(root, "notes.txt")
with open(text_file, "w") as notes:
    notes.write("my precious notes\n")
refused("(b) text file", ["run", config_a, "--out", text_file], text_file,
        "a file that is not an nnsweep results file")
empty_file = os.path.join(root, "empty.h5")
open(empty_file, "w").close()
refused("(b) empty file", ["run", config_a, "--out", empty_file], empty_file,
        "a file that is not an nnsweep results file")
foreign = os.path.join(root, "foreign.h5")
with h5py.File(foreign, "w") as other:
    other["data"] = [1.0, 2.0, 3.0]
refused("(b) foreign HDF5 file", ["run", config_a, "--out", foreign], foreign,
        "a file that is not an nnsweep results file")


# (c) A read-only output folder, refused before any training. Root ignores
# permission bits, so run the binary as nobody (65534): the binary and the
# config go to a world-readable folder.
def unprivileged_prefix():
    if os.geteuid() != 0:
        return [], "not root: a 0555 folder binds this user"
    for prefix in (["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
                   ["runuser", "-u", "nobody", "--"]):
        if shutil.which(prefix[0]):
            probe = subprocess.run(prefix + ["true"], capture_output=True)
            if probe.returncode == 0:
                return prefix, " ".join(prefix[:2])
    return None, "neither setpriv nor runuser can drop root here"


prefix, how = unprivileged_prefix()
if prefix is None:
    print("SKIP (c) read-only output folder: " + how, flush=True)
else:
    print("(c) read-only output folder, as an unprivileged user via " + how, flush=True)
    binary = os.path.join(root, "nnsweep")
    shutil.copy(BINARY, binary)
    os.chmod(binary, 0o755)
    locked = os.path.join(root, "locked")
    os.mkdir(locked)
    shutil.copy(out, os.path.join(locked, "a.h5"))  # finished results of A, readable
    os.chmod(os.path.join(locked, "a.h5"), 0o644)
    os.chmod(locked, 0o555)
    # A sweep that would train for minutes: a refusal within seconds is one
    # made before training, whatever the machine's load.
    seconds = refused("(c) read-only folder",
                      [binary, "run", config_a, "--set", "train.iterations=5000000",
                       "--out", os.path.join(locked, "new.h5")],
                      os.path.join(locked, "new.h5"), "cannot write to the output folder",
                      cwd=root, prefix=prefix)
    check(seconds < 30, "(c) read-only folder: refused only after %.1f s" % seconds)
    check(sorted(os.listdir(locked)) == ["a.h5"],
          "(c) read-only folder: now holds %s" % sorted(os.listdir(locked)))
    # --fresh would rewrite the results: refused too, and the file is kept.
    refused("(c) read-only folder, --fresh", [binary, "run", config_a, "--fresh", "--out",
                                              os.path.join(locked, "a.h5")],
            os.path.join(locked, "a.h5"), "cannot write to the output folder", cwd=root,
            prefix=prefix)
    # Finished results in a read-only folder are still reported as up to date.
    done = subprocess.run(prefix + [binary, "run", config_a, "--out", os.path.join(locked, "a.h5")],
                          cwd=root, capture_output=True, text=True, timeout=120)
    check(done.returncode == 0 and "is up to date" in done.stderr,
          "(c) up to date in a read-only folder: exit %d, stderr: %s"
          % (done.returncode, done.stderr))
    os.chmod(locked, 0o755)

# (d) --out is a directory (with something in it, which must stay as it is).
folder = os.path.join(root, "folder")
os.mkdir(folder)
with open(os.path.join(folder, "keep.txt"), "w") as keep:
    keep.write("keep me\n")
kept = sha256(os.path.join(folder, "keep.txt"))
refused("(d) --out is a directory", ["run", config_a, "--out", folder], folder, "is a directory")
check(os.listdir(folder) == ["keep.txt"] and sha256(os.path.join(folder, "keep.txt")) == kept,
      "(d) the directory's contents changed: %s" % os.listdir(folder))
refused("(d) --out is a directory, --overwrite", ["run", config_a, "--overwrite", "--out", folder],
        folder, "is a directory")

# (e) A bad config never reaches the existing results: malformed YAML, and
# well-formed YAML naming an unknown optimizer.
bad_yaml = os.path.join(root, "bad.yaml")
with open(bad_yaml, "w") as bad:
    bad.write("name: [exp_a\n")
refused("(e) malformed config", ["run", bad_yaml, "--out", out], out, "bad.yaml:")
unknown = os.path.join(root, "unknown.yaml")
with open(config_a) as good, open(unknown, "w") as bad:
    bad.write(good.read().replace("{name: gd,", "{name: no_such_optimizer,"))
refused("(e) unknown optimizer", ["run", unknown, "--out", out, "--overwrite"], out,
        "no_such_optimizer")

# (f) A journal left by an unfinished session of another experiment is not
# silently thrown away: refused unless --overwrite.
stale = os.path.join(root, "stale.h5")
with open(stale + ".partial", "wb") as journal:
    journal.write(b"NNSWEEP-JOURNAL 2\nsome_other_experiment \n")
stale_sha = sha256(stale + ".partial")
code, _, err, _ = run(["run", config_b, "--out", stale])
check(code == 2 and "different experiment" in err,
      "(f) stale journal: exit %d, stderr: %s" % (code, err))
check(sha256(stale + ".partial") == stale_sha and not os.path.exists(stale),
      "(f) stale journal: the journal was modified or results written")
code, _, err, _ = run(["run", config_b, "--out", stale, "--overwrite", "--quiet"])
check(code == 0 and os.path.exists(stale) and not os.path.exists(stale + ".partial"),
      "(f) stale journal with --overwrite: exit %d, stderr: %s" % (code, err))

check(sha256(out) == original, "results of A changed by the refusals above")

# The same command twice: up to date, exit 0, nothing recomputed or rewritten.
inode = os.stat(out).st_ino
code, _, err, seconds = run(["run", config_a, "--out", out])
check(code == 0, "up to date: exit %d, stderr: %s" % (code, err))
check("is up to date (6 runs)" in err, "up to date: stderr: %s" % err)
check("resuming" not in err, "up to date: resumed instead: %s" % err)
check(sha256(out) == original and os.stat(out).st_ino == inode, "up to date: file rewritten")
check(seconds < 0.5 * first_seconds,
      "up to date took %.2f s, the computation %.2f s: recomputed?" % (seconds, first_seconds))

# Up to date with diverged runs still reports them: exit 3 both times.
diverging = write_config(root, "diverge.yaml", name="diverge", iterations=300, rate=1e6,
                         hidden="[2]", seeds="[1, 2]")
diverged = os.path.join(root, "diverged.h5")
first = run(["run", diverging, "--out", diverged, "--quiet"])
again = run(["run", diverging, "--out", diverged])
check(first[0] == 3 and again[0] == 3 and "is up to date" in again[2],
      "diverged runs: exits %d then %d; stderr: %s" % (first[0], again[0], again[2]))

# --overwrite replaces a different experiment with exactly B's results.
replaced = os.path.join(root, "replaced.h5")
shutil.copy(out, replaced)
code, _, err, _ = run(["run", config_b, "--out", replaced, "--overwrite", "--quiet"])
check(code == 0, "--overwrite: exit %d, stderr: %s" % (code, err))
check(root_attribute(replaced, "experiment_id") == root_attribute(reference_b, "experiment_id"),
      "--overwrite: file does not hold experiment B")
problems = compare_results(reference_b, replaced)
check(not problems, "--overwrite: differs from B run alone:\n  " + "\n  ".join(problems[:20]))
check(not os.path.exists(replaced + ".partial"), "--overwrite: journal left behind")

# --fresh recomputes (a new file is renamed into place) to the same values.
kept_copy = os.path.join(root, "a_before_fresh.h5")
shutil.copy(out, kept_copy)
code, _, err, _ = run(["run", config_a, "--out", out, "--fresh"])
check(code == 0, "--fresh: exit %d, stderr: %s" % (code, err))
check("up to date" not in err and "resuming" not in err, "--fresh: did not recompute: %s" % err)
check(os.stat(out).st_ino != inode, "--fresh: the file was not replaced")
problems = compare_results(kept_copy, out)
check(not problems, "--fresh: values changed:\n  " + "\n  ".join(problems[:20]))
check(not os.path.exists(partial), "--fresh: journal left behind")

finish("test_refusals")

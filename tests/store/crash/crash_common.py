"""Shared helpers for the store/crash tests: running nnsweep, writing configs,
reading the journal, and comparing two results files value by value.

Every test script takes the nnsweep binary as argv[1] and exits non-zero on
failure. Failures are collected (not raised at the first one) so that a single
run of a test reports everything that is wrong.
"""
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

import h5py
import numpy as np

if len(sys.argv) < 2:
    sys.exit("usage: %s NNSWEEP_BINARY" % sys.argv[0])
BINARY = os.path.abspath(sys.argv[1])

_failures = []


def check(condition, what):
    """Records a failure instead of stopping: later checks still run."""
    if not condition:
        _failures.append(what)
        print("FAIL: " + what, flush=True)
    return condition


def finish(name):
    if _failures:
        print("%s: %d check(s) failed" % (name, len(_failures)))
        sys.exit(1)
    print("%s: all checks passed" % name)
    sys.exit(0)


def scratch(prefix):
    """A temp folder removed at exit (kept when NNSWEEP_KEEP_TMP is set, to debug)."""
    path = tempfile.mkdtemp(prefix=prefix)
    if not os.environ.get("NNSWEEP_KEEP_TMP"):
        import atexit
        atexit.register(shutil.rmtree, path, True)
    return path


def run(args, cwd=None, timeout=600):
    """Runs nnsweep to completion; returns (returncode, stdout, stderr, seconds)."""
    start = time.monotonic()
    done = subprocess.run([BINARY] + list(args), cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    return done.returncode, done.stdout, done.stderr, time.monotonic() - start


# A sweep over hidden sizes and init seeds on small moons data. The hidden sizes
# span a 32x range of cost per run, so runs finish at uneven times, as in real
# sweeps. `iterations` sets the total cost.
SWEEP_YAML = """\
name: {name}
dataset: {{name: moons, n_samples: 100, noise: 0.2, seed: 0}}
model:
  hidden: [4]
  activation: tanh
  output: sigmoid
  init: {{name: normal, scale: 0.01, seed: 1}}
loss: binary_cross_entropy
optimizer: {{name: gd, learning_rate: {rate}}}
train:
  iterations: {iterations}
  record_every: {record_every}
sweep:
  grid:
    model.hidden: {hidden}
    model.init.seed: {seeds}
"""


def write_config(folder, filename, name="crash_sweep", iterations=2000, rate=0.5,
                 record_every=10, hidden="[1, 2, 4, 8, 16, 32]", seeds="[1, 2, 3, 4, 5]"):
    path = os.path.join(folder, filename)
    with open(path, "w") as out:
        out.write(SWEEP_YAML.format(name=name, iterations=iterations, rate=rate,
                                    record_every=record_every, hidden=hidden, seeds=seeds))
    return path


def sha256(path):
    with open(path, "rb") as data:
        return hashlib.sha256(data.read()).hexdigest()


# The journal format (runner/store/journal.cpp): "NNSWEEP-JOURNAL 2\n", the
# experiment identity line, then records of magic u32 "NNSR", payload size u64,
# payload, CRC-32 u32 of the payload, all little-endian.
JOURNAL_MAGIC = b"NNSWEEP-JOURNAL 2\n"
RECORD_MAGIC = 0x4E4E5352


def journal_scan(path):
    """(intact records, byte offset where the intact prefix ends), or (None, 0)
    when there is no file or no complete header yet."""
    try:
        with open(path, "rb") as journal:
            data = journal.read()
    except FileNotFoundError:
        return None, 0
    if not data.startswith(JOURNAL_MAGIC):
        return None, 0
    header_end = data.find(b"\n", len(JOURNAL_MAGIC))
    if header_end < 0:
        return None, 0
    position, count = header_end + 1, 0
    while len(data) - position >= 16:
        magic, size = struct.unpack_from("<IQ", data, position)
        if magic != RECORD_MAGIC or size > len(data) - position - 16:
            break
        (crc,) = struct.unpack_from("<I", data, position + 12 + size)
        if crc != zlib.crc32(data[position + 12:position + 12 + size]):
            break
        position += 16 + size
        count += 1
    return count, position


# Values that legitimately differ between two computations of one experiment:
# the run times, and the root attributes saying when and by which command the
# file was written.
SKIP_DATASETS = {"/summary/wall_time_s"}
SKIP_ROOT_ATTRIBUTES = {"created_utc", "command_line"}
# Dimension-scale bookkeeping holds object references, which differ between
# files; the dimensions themselves are compared through h5py's dims API.
REFERENCE_ATTRIBUTES = {"DIMENSION_LIST", "REFERENCE_LIST"}


def _same_values(a, b):
    """Bit-for-bit equality of two arrays (NaN equals NaN)."""
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind == "f":
        a, b = a.reshape(-1), b.reshape(-1)  # a 0-d array (a scalar attribute) has no byte view
        both_nan = np.isnan(a) & np.isnan(b)
        bits = a.view(np.uint8).reshape(a.shape + (-1,)) == b.view(np.uint8).reshape(b.shape + (-1,))
        return bool(np.all(both_nan | np.all(bits, axis=-1)))
    if a.dtype.kind == "O":
        return a.tolist() == b.tolist()
    return bool(np.array_equal(a, b))


def _attributes(obj, skip):
    return {key: obj.attrs[key] for key in obj.attrs if key not in skip | REFERENCE_ATTRIBUTES}


def _compare_attributes(path, a, b, skip, problems):
    left, right = _attributes(a, skip), _attributes(b, skip)
    if sorted(left) != sorted(right):
        problems.append("%s: attribute names %s vs %s" % (path, sorted(left), sorted(right)))
        return
    for key in left:
        if not _same_values(left[key], right[key]):
            problems.append("%s: attribute %s: %r vs %r" % (path, key, left[key], right[key]))


def compare_results(file_a, file_b, skip_datasets=SKIP_DATASETS,
                    skip_root_attributes=SKIP_ROOT_ATTRIBUTES):
    """Walks every group of both files; returns a list of differences (empty if equal)."""
    problems = []
    with h5py.File(file_a, "r") as a, h5py.File(file_b, "r") as b:
        _compare_attributes("/", a, b, set(skip_root_attributes), problems)

        def walk(path, group_a, group_b):
            if sorted(group_a) != sorted(group_b):
                problems.append("%s: members differ: %s vs %s"
                                % (path, sorted(group_a), sorted(group_b)))
            for name in sorted(set(group_a) & set(group_b)):
                full = path.rstrip("/") + "/" + name
                x, y = group_a[name], group_b[name]
                if isinstance(x, h5py.Group) != isinstance(y, h5py.Group):
                    problems.append("%s: a group in one file only" % full)
                    continue
                _compare_attributes(full, x, y, set(), problems)
                if isinstance(x, h5py.Group):
                    walk(full, x, y)
                    continue
                dims_x = [[s.name for s in d.values()] for d in x.dims]
                dims_y = [[s.name for s in d.values()] for d in y.dims]
                if dims_x != dims_y:
                    problems.append("%s: dimension scales %s vs %s" % (full, dims_x, dims_y))
                if full in skip_datasets:
                    if x.shape != y.shape or x.dtype != y.dtype:
                        problems.append("%s: shape/type %s %s vs %s %s"
                                        % (full, x.shape, x.dtype, y.shape, y.dtype))
                    continue
                if not _same_values(x[()], y[()]):
                    problems.append("%s: values differ" % full)

        walk("/", a, b)
    return problems


def root_attribute(path, key):
    with h5py.File(path, "r") as results:
        value = results.attrs.get(key)
    return value.decode() if isinstance(value, bytes) else value


def leftovers(path, allowed):
    """Files in `path` other than `allowed`. The output-folder probe
    (.NAME.PID.probe) lives for microseconds before training; a kill landing
    exactly there is not what these tests are about, so it is ignored."""
    return sorted(f for f in os.listdir(path) if f not in allowed and not f.endswith(".probe"))


def resumed_count(text):
    found = re.search(r"resuming: (\d+) of (\d+) runs already done", text)
    return (int(found.group(1)), int(found.group(2))) if found else None

"""One run of a results file as version 3's group /runs/NNNNNN held it, read
from any format version (1-4), for the Python tests.

Version 4 stores /runs as one dataset per quantity along `run`, NaN-padded to
the widest run (docs/results-format.md); these helpers unpad it, so a test
reads run i's parameters the same way whatever wrote the file. Import it after
nnsweep_testlib where that module is used (it imports numpy).
"""
import numpy as np


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def _row(f, index):
    """The row of plan index `index` in /summary (and, in version 4, /runs)."""
    rows = np.flatnonzero(f["summary/run"][()] == index)
    if len(rows) != 1:
        raise KeyError("no run %d in %s" % (index, f.filename))
    return int(rows[0])


def _version(f):
    return int(f.attrs.get("format_version", 1))


def run_arrays(f, index):
    """{"W1": (n_1, n_0), "b1": (n_1, 1), ..., "cost": (k,), "test_cost": (k,)}
    of the run with plan index `index` (an open h5py.File); no W or b for a
    run without parameters (failed), no test_cost without a test part."""
    if _version(f) < 4:
        group = f["runs/%06d" % index]
        return {name: group[name][()] for name in group}
    row, runs = _row(f, index), f["runs"]
    sizes = [int(n) for n in runs["layer_sizes"][row] if n > 0]
    arrays = {}
    for layer in range(1, len(sizes)):
        rows, cols = sizes[layer], sizes[layer - 1]
        arrays["W%d" % layer] = runs["W%d" % layer][row, :rows, :cols]
        arrays["b%d" % layer] = runs["b%d" % layer][row, :rows].reshape(rows, 1)
    step = f["summary/step"][()]
    record_every = int(runs["record_every"][row])

    def curve(name, points):
        columns = np.searchsorted(step, np.arange(int(runs[points][row])) * record_every)
        return f["summary/" + name][row][columns]
    arrays["cost"] = curve("cost", "cost_points")
    if "test_cost_points" in runs and runs["test_cost_points"][row] > 0:
        arrays["test_cost"] = curve("test_cost", "test_cost_points")
    return arrays


def run_attributes(f, index):
    """config, run_id, dataset_id, status, message, record_every and the seeds
    (by dotted key) of the run with plan index `index`."""
    if _version(f) < 4:
        return {key: (_text(value) if isinstance(value, (bytes, str)) else int(value))
                for key, value in f["runs/%06d" % index].attrs.items()}
    row, runs, summary = _row(f, index), f["runs"], f["summary"]
    found = {key: _text(runs[key][row]) for key in ("config", "run_id", "dataset_id")}
    found.update({key: _text(summary[key][row]) for key in ("status", "message")})
    found["record_every"] = int(runs["record_every"][row])
    for key in runs:
        if (key.endswith(".seed") or key.endswith("_seed")) and runs[key][row] >= 0:
            found[key] = int(runs[key][row])
    return found

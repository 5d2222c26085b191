"""Opening a results file: the format check every public reader goes through.

Why one place: the layout is versioned (docs/results-format.md), and a reader
that guessed at a layout it does not know would return wrong numbers rather
than fail. Versions 4 to 6 share every dataset (5 only adds attributes and
dimension scales, 6 chunks long columns and counts plan_size in points), so
they are read the same way; any other version is refused.
"""
import h5py

READABLE_VERSIONS = (4, 5, 6)


class ResultsFileError(ValueError):
    """The file is not an nnsweep results file of a version this package reads."""


def text(value):
    """An HDF5 string (bytes or str) as str."""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def open_results(path):
    """The file at `path` as an open, checked h5py.File (use it in a `with`).

    Raises OSError when it cannot be opened as HDF5, ResultsFileError when it
    is HDF5 but not a results file this package reads.
    """
    f = h5py.File(path, "r")
    try:
        if text(f.attrs.get("format", "")) != "nnsweep":
            raise ResultsFileError(f"{path} is not an nnsweep results file "
                                   "(no root attribute format = 'nnsweep')")
        version = int(f.attrs.get("format_version", 1))
        if version not in READABLE_VERSIONS:
            raise ResultsFileError(
                f"{path} has format_version {version}; this package reads versions "
                f"{READABLE_VERSIONS[0]} to {READABLE_VERSIONS[-1]} only "
                "(run its config again with `nnsweep run` to write a current file)")
        for group in ("summary", "runs", "datasets"):
            if group not in f:
                raise ResultsFileError(f"{path} has no /{group} group")
    except BaseException:
        f.close()
        raise
    return f


def row_of(f, run):
    """The row of plan index `run` in /runs and /summary."""
    runs = f["summary/run"][()]
    rows = (runs == int(run)).nonzero()[0]
    if len(rows) == 0:
        raise KeyError(f"no run {run} in the file (runs {runs.min()} to {runs.max()})"
                       if len(runs) else f"no run {run}: the file holds no runs")
    return int(rows[0])

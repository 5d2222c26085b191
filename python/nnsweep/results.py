"""nnsweep.open: a results file's summary as one xarray.Dataset.

Read straight with h5py rather than through xarray's netCDF engines: that
needs no h5netcdf, and it is what makes a 10,000-run file open in well
under a second (bench/open_speed.py).
"""
import numpy as np
import xarray as xr

from . import _file

# Per-run variables of /summary that are not key columns.
_RUN_VARIABLES = ("status", "message", "iterations_run", "epochs_run", "best_epoch",
                  "wall_time_s", "run_id", "dataset_id")
_CURVES = ("cost", "test_cost")
_METRIC_PARTS = ("train.", "test.")
_METRIC_ORDER = ("cost", "accuracy", "precision", "recall", "f1", "rmse", "r2")
# Variable attributes worth keeping (format version 5 adds long_name and units).
_KEPT_ATTRIBUTES = ("long_name", "units", "nnsweep_type", "derived_from")


def _values(dataset):
    """A /summary dataset's values: str for strings, bool for a boolean
    column every run has, numbers otherwise (NaN where a run has none)."""
    if dataset.dtype.kind == "O":
        return dataset.asstr()[()].astype(object)
    values = dataset[()]
    if _file.text(dataset.attrs.get("nnsweep_type", "")) == "boolean" and values.dtype.kind == "u":
        return values.astype(bool)
    fill = dataset.attrs.get("_FillValue")
    if fill is not None and values.dtype.kind == "f" and not np.isnan(fill):
        values = np.where(values == fill, np.nan, values)
    return values


def _attributes(dataset):
    return {a: _file.text(dataset.attrs[a]) for a in _KEPT_ATTRIBUTES if a in dataset.attrs}


def _root_attributes(f):
    """The root attributes as Python values (str, int), and the config text."""
    attrs = {}
    for name, value in f.attrs.items():
        if isinstance(value, (bytes, str)):
            value = _file.text(value)
        elif np.ndim(value) == 0:
            value = value.item()
        attrs[name] = value
    attrs["config"] = _file.text(f["config"][()]) if "config" in f else ""
    return attrs


def _metric_order(name):
    """train before test, then cost, accuracy, ... as `nnsweep show` lists them."""
    part, _, metric = name.partition(".")
    known = metric in _METRIC_ORDER
    return (part != "train", not known, _METRIC_ORDER.index(metric) if known else 0, metric)


def key_columns(f):
    """(swept keys, derived columns) of /summary: the keys in the order
    written, then the numeric columns derived from lists (model.depth,
    model.width, model.hidden_1, ...)."""
    s = f["summary"]
    swept = [k for k in _file.text(s.attrs.get("swept_keys", "")).split("\n") if k]
    derived = [name for name in s if "derived_from" in s[name].attrs]
    # model.hidden_10 after model.hidden_9.
    derived.sort(key=lambda n: (n.rstrip("0123456789"), len(n), n))
    return swept, derived


def open(path):  # noqa: A001  (nnsweep.open, as xarray.open_dataset)
    """The runs of results file `path` as an xarray.Dataset.

    Dimension `run` (coordinate: the plan index) and `step` (the epochs of
    the cost curves). Every swept key is a coordinate along `run` under its
    dotted name (`model.hidden`, `optimizer.learning_rate`), holding the
    value each run used (NaN or "" where a key does not apply to a run).
    A list key stays text ("[20, 20]") beside numeric coordinates for
    grouping and sorting: `model.depth`, `model.width` and `model.hidden_1`,
    `model.hidden_2`, ... Variables: every metric (`train.cost`,
    `test.accuracy`, ...), `status`, `message`, `iterations_run`,
    `epochs_run`, `wall_time_s`, `run_id`, `dataset_id` along `run`, and the
    curves `cost` (and `test_cost`) along (`run`, `step`). Attributes: the
    file's root attributes (provenance), `config` (the experiment YAML) and
    `swept_keys`. Diverged and failed runs are kept, with their status.

    Raises OSError for a file that cannot be read, ResultsFileError for one
    that is not a results file of format version 4 or 5.
    """
    with _file.open_results(path) as f:
        s = f["summary"]
        swept, derived = key_columns(f)
        coords = {"run": ("run", s["run"][()]), "step": ("step", s["step"][()])}
        for name in swept + derived:
            coords[name] = ("run", _values(s[name]), _attributes(s[name]))
        variables = {}
        metrics = sorted((n for n in s if n.startswith(_METRIC_PARTS) and n not in coords),
                         key=_metric_order)
        for name in metrics + [n for n in _RUN_VARIABLES if n in s]:
            variables[name] = ("run", _values(s[name]), _attributes(s[name]))
        for name in _CURVES:
            if name in s:
                variables[name] = (("run", "step"), _values(s[name]), _attributes(s[name]))
        attrs = _root_attributes(f)
    attrs["swept_keys"] = swept
    ds = xr.Dataset(variables, coords, attrs)
    ds.encoding["source"] = str(path)
    return ds


def source(ds):
    """The file a Dataset from nnsweep.open came from (for the weights)."""
    path = ds.encoding.get("source")
    if not path:
        raise ValueError("this Dataset does not say which results file it came from: "
                         "pass the one nnsweep.open returned (or path=...)")
    return path


def key_values(ds, key):
    """The distinct values of `key` in the order `nnsweep show --group-by`
    lists them: numbers ascending, lists element by element, text, and the
    runs without a value last."""
    values = ds[key].values
    distinct = list(dict.fromkeys(values.tolist()))
    return sorted(distinct, key=value_order)


def value_codes(ds, key):
    """(the distinct values of `key` in key_values' order, each run's index
    into them). NaN, which equals nothing, is one value of its own, last."""
    values = ds[key].values
    if values.dtype.kind in "iufb":
        numbers = values.astype(float)
        finite = np.unique(numbers[~np.isnan(numbers)])
        codes = np.where(np.isnan(numbers), len(finite), np.searchsorted(finite, numbers))
        distinct = [v.item() for v in finite.astype(values.dtype)]
        return distinct + ([float("nan")] if np.isnan(numbers).any() else []), codes
    distinct = key_values(ds, key)
    index = {v: j for j, v in enumerate(distinct)}
    return distinct, np.array([index[v] for v in values], dtype=int)


def selection_metric(ds):
    """What "best run" means: test.cost when some run has a test part, else
    train.cost (what `nnsweep show` sorts by)."""
    if "test.cost" in ds and np.isfinite(ds["test.cost"].values).any():
        return "test.cost"
    return "train.cost"


def higher_is_better(metric):
    """Scores (accuracy, precision, recall, f1, r2) are best high, costs and errors low."""
    return metric.split(".", 1)[-1] in ("accuracy", "precision", "recall", "f1", "r2")


def value_order(value):
    """Sort key: numbers, then lists ("[3] < [3, 3] < [20]"), then text, missing last."""
    if isinstance(value, str):
        if not value:
            return (3, ())
        if value.startswith("[") and value.endswith("]"):
            try:
                return (1, tuple(int(v) for v in value[1:-1].replace(",", " ").split()))
            except ValueError:
                pass
        return (2, value)
    number = float(value)
    return (0, (np.isnan(number), 0.0 if np.isnan(number) else number))

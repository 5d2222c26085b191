"""The tables of `nnsweep show`, as text, from a Dataset of nnsweep.open:
the grouped table (`--group-by KEY`) and the run table of a single run.

Why reproduce them: tools/analysis.py prints them beside its figures, and
its tests hold them to the binary's output line by line, which keeps this
package's reading of the file honest.
"""
import decimal
import math

import numpy as np

from .results import higher_is_better, value_order

METRICS = ("cost", "accuracy", "precision", "recall", "f1", "rmse", "r2")


def format_number(value):
    """The shortest text that parses back to `value`, as C++ std::to_chars
    prints it: fixed or scientific, whichever is shorter, fixed on a tie."""
    if math.isnan(value):
        return "-nan" if math.copysign(1.0, value) < 0 else "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    sign, digits, exponent = decimal.Decimal(repr(value)).normalize().as_tuple()
    digits = "".join(map(str, digits))
    point = len(digits) + exponent  # value = 0.digits * 10**point
    if exponent >= 0:
        fixed = digits + "0" * exponent
    elif point > 0:
        fixed = digits[:point] + "." + digits[point:]
    else:
        fixed = "0." + "0" * (-point) + digits
    power = point - 1
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    scientific = "%se%s%02d" % (mantissa, "-" if power < 0 else "+", abs(power))
    return ("-" if sign else "") + (fixed if len(fixed) <= len(scientific) else scientific)


def value_text(value, declared):
    """A key's value as `nnsweep show` prints it: a real always with a '.'
    or an exponent ("1.0", "1e-05"), a boolean as true/false, none as ""."""
    if isinstance(value, str):
        return value
    number = float(value)
    if math.isnan(number):
        return ""
    if declared == "boolean" or isinstance(value, (bool, np.bool_)):
        return "true" if number else "false"
    if declared == "integer" or isinstance(value, (int, np.integer)):
        return str(int(number))
    text = format_number(number)
    return text if any(c in text for c in ".eEn") else text + ".0"


def column_text(ds, key):
    declared = ds[key].attrs.get("nnsweep_type", "")
    return [value_text(v, declared) for v in ds[key].values]


def available_metrics(ds):
    """The metrics some run has a value of (train.cost always)."""
    return [part + m for part in ("train.", "test.") for m in METRICS
            if part + m in ds and (part + m == "train.cost"
                                   or np.isfinite(ds[part + m].values).any())]


def headline_metrics(ds, grouped):
    """The metrics `nnsweep show` prints by default: cost and accuracy (or
    rmse and r2) of each part; a grouped table with a test part leaves out
    the train scores."""
    available = available_metrics(ds)
    tested = "test.cost" in available
    shown = []
    for part in ("train.", "test.") if tested else ("train.",):
        shown.append(part + "cost")
        if not (grouped and tested and part == "train."):
            shown += [part + m for m in ("accuracy", "rmse", "r2") if part + m in available]
    return shown


def _fixed(value, digits=6):
    return "%.*f" % (digits, value) if math.isfinite(value) else "nan"


def _stats(values):
    """mean, sample std (ddof=1), min of the finite values, summed in order."""
    values = [v for v in values if math.isfinite(v)]
    if not values:
        return math.nan, math.nan, math.nan
    n = float(len(values))
    mean = sum(values) / n
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1.0)) if n > 1 else math.nan
    return mean, std, min(values)


def _lines(header, rows):
    widths = [max(len(r[c]) for r in [header] + rows) for c in range(len(header))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip()
            for r in [header] + rows]


def groups(ds, key):
    """{value text: [row positions]} in the order of `nnsweep show --group-by`."""
    texts, members, first = column_text(ds, key), {}, {}
    for i, (text, value) in enumerate(zip(texts, ds[key].values)):
        members.setdefault(text, []).append(i)
        first.setdefault(text, value)
    return {t: members[t] for t in sorted(members, key=lambda t: value_order(first[t]))}


def grouped_table(ds, key):
    """The table of `nnsweep show FILE --group-by KEY`."""
    metrics = headline_metrics(ds, grouped=True)
    header = [key, "runs"] + [f"{m}_{s}" for m in metrics for s in ("mean", "std", "min")]
    header.append("not_ok")
    status = ds["status"].values
    rows = []
    for text, members in groups(ds, key).items():
        ok = [i for i in members if status[i] == "ok"]
        row = [text, str(len(members))]
        for name in metrics:
            values = ds[name].values
            row += [_fixed(v) for v in _stats([float(values[i]) for i in ok])]
        rows.append(row + [str(len(members) - len(ok))])
    return "\n".join(_lines(header, rows) + [f"{ds.sizes['run']} runs in {len(rows)} groups"])


def run_table(ds):
    """The table of `nnsweep show FILE` without its sorting (for one run)."""
    metrics = headline_metrics(ds, grouped=False)
    keys = ds.attrs.get("swept_keys", [])
    epochs = bool((ds["epochs_run"] != ds["iterations_run"]).any())
    best = "best_epoch" in ds and bool((ds["best_epoch"] >= 0).any())
    header = (["run"] + keys + metrics + (["epochs"] if epochs else [])
              + (["best_epoch"] if best else []) + ["iterations", "status", "time_s"])
    texts = {k: column_text(ds, k) for k in keys}
    rows = []
    for i, run in enumerate(ds["run"].values):
        row = [str(run)] + [texts[k][i] for k in keys]
        row += [_fixed(float(ds[m][i]), 4 if higher_is_better(m) else 6) for m in metrics]
        row += [str(int(ds["epochs_run"][i]))] if epochs else []
        row += [str(int(ds["best_epoch"][i]))] if best else []
        row += [str(int(ds["iterations_run"][i])), str(ds["status"].values[i]),
                _fixed(float(ds["wall_time_s"][i]), 3)]
        rows.append(row)
    return "\n".join(_lines(header, rows))

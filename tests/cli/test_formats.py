#!/usr/bin/python3
"""`show`, `plan` and `plugins` with --format csv, json and markdown, read back
with Python's csv and json modules and checked against the results file as
h5py reads it; the text table aligned in terminal columns with UTF-8 cells
(CSV dataset paths with accents, CJK, a comma, a quote and a |); several
files compared side by side.

Usage: test_formats.py NNSWEEP_BINARY
"""
import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import unicodedata

import h5py

failures = []
PATHS = ["données, été.csv", '日本語|"q".csv']
CONFIG = """name: formats
dataset: {name: csv, path: "données, été.csv", label: y, task: classification}
model: {hidden: [2], init: {name: normal, scale: 0.5, seed: 1}}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 30}
sweep:
  grid:
    dataset.path: ["données, été.csv", '日本語|"q".csv']
    optimizer.name: [gd, momentum]
    optimizer.momentum.momentum: [0.9]
"""


def check(condition, message):
    if not condition:
        failures.append(message)


def nnsweep(*args, cwd=None):
    done = subprocess.run([BINARY, *args], capture_output=True, cwd=cwd)
    if done.returncode != 0:
        sys.exit("nnsweep %s: exit %d\n%s" % (" ".join(args), done.returncode,
                                               done.stderr.decode()))
    return done.stdout.decode("utf-8")


def width(text):
    """Terminal columns, as wcwidth counts them."""
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def summary_value(summary, key, i):
    """The file's value of `key` for run row i, as JSON would give it."""
    value = summary[key][i]
    if isinstance(value, bytes):
        return value.decode()
    value = value.item()
    return None if isinstance(value, float) and math.isnan(value) else value


def same(a, b):
    return a == b or (isinstance(a, float) and isinstance(b, float) and a == b)


def check_json_against_file(runs, path, where):
    with h5py.File(path, "r") as f:
        summary = f["summary"]
        row_of = {int(r): i for i, r in enumerate(summary["run"][()])}
        check(len(runs) == len(row_of), "%s: %d runs, the file has %d" % (where, len(runs),
                                                                          len(row_of)))
        for run in runs:
            i = row_of[run["run"]]
            for key, value in run.items():
                if key in ("file", "time_s", "iterations", "status") or key not in summary:
                    continue
                expected = summary_value(summary, key, i)
                if key == "dataset.path":
                    check(value.endswith(expected.rsplit("/", 1)[-1]), "%s: %s" % (where, value))
                    continue
                check(same(value, expected), "%s run %d %s: json %r, file %r"
                      % (where, run["run"], key, value, expected))
            check(run["iterations"] == int(summary["iterations_run"][i]), where + " iterations")
            status = summary["status"][i]
            check(run["status"] == (status.decode() if isinstance(status, bytes) else status),
                  where + " status")


def check_show(folder, results):
    shown = json.loads(nnsweep("show", results, "--format", "json"))
    check(shown["file"] == results, "file: %r" % shown["file"])
    runs = shown["runs"]
    check(len(runs) == 4, "%d runs" % len(runs))
    keys = list(runs[0])
    check(keys[:4] == ["run", "dataset.path", "optimizer.name", "optimizer.momentum.momentum"],
          "keys %r" % keys)
    check("train.f1" in keys, "every metric in json: %r" % keys)
    check(sorted(os.path.basename(r["dataset.path"]) for r in runs) == sorted(PATHS * 2),
          "paths %r" % [r["dataset.path"] for r in runs])
    # A key a run does not use is null (momentum's parameter in the gd runs).
    for run in runs:
        check((run["optimizer.momentum.momentum"] is None) == (run["optimizer.name"] == "gd"),
              "momentum of %r" % run)
    check_json_against_file(runs, results, "show json")

    text = nnsweep("show", results, "--format", "csv")
    check(text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "CRLF line ends")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    check(rows[0] == keys, "csv header %r" % rows[0])
    check(len(rows) == 5, "csv rows %d" % len(rows))
    for row, run in zip(rows[1:], runs):
        for key, field in zip(rows[0], row):
            value = run[key]
            if value is None:
                check(field == "", "csv %s: %r for null" % (key, field))
            elif isinstance(value, float):
                check(field != "" and float(field) == value, "csv %s: %r != %r" % (key, field,
                                                                                  value))
            else:
                check(field == str(value), "csv %s: %r != %r" % (key, field, value))

    markdown = nnsweep("show", results, "--format", "markdown").splitlines()
    check(markdown[1].startswith("|---|"), "markdown rule %r" % markdown[1])
    check(any('日本語\\|"q".csv' in line for line in markdown), "| escaped: %r" % markdown)
    columns = markdown[0].count("|")
    for line in markdown[1:6]:
        check(line.replace("\\|", "").count("|") == columns, "markdown cells %r" % line)
    check(markdown[6:] == ["", "4 runs"], "markdown footer %r" % markdown[6:])

    table = nnsweep("show", results, "--rows", "0").splitlines()
    check_aligned(table[:5], "show")


def check_aligned(lines, where):
    """Every row's cells start at the header's columns, counted in terminal columns."""
    header = lines[0]
    starts = [i for i, c in enumerate(header) if c != " " and (i == 0 or header[i - 1] == " ")]
    for line in lines[1:]:
        for start in starts[1:]:
            # The character at the header's column: after two spaces, in display columns.
            column, i = 0, 0
            while i < len(line) and column < start:
                column += width(line[i])
                i += 1
            check(column == start and line[i - 2:i] == "  ",
                  "%s: %r is not aligned at column %d" % (where, line, start))


def check_side_by_side(folder):
    one, two = os.path.join(folder, "one.h5"), os.path.join(folder, "two.h5")
    config = os.path.join(folder, "sweep.yaml")
    nnsweep("run", config, "--out", one, "--quiet")
    nnsweep("run", config, "--out", two, "--quiet", "--set", "train.iterations=40")
    shown = json.loads(nnsweep("show", one, two, "--format", "json"))
    check(shown["files"] == [one, two], "files %r" % shown["files"])
    for path in (one, two):
        runs = [r for r in shown["runs"] if r["file"] == path]
        check(len(runs) == 4, "%s: %d runs" % (path, len(runs)))
        check_json_against_file(runs, path, "side by side " + os.path.basename(path))
    check(all(r["train.iterations"] is None for r in shown["runs"] if r["file"] == one),
          "a key one file lacks is null")
    table = nnsweep("show", one, two, "--rows", "0").splitlines()
    check(table[0].split()[:2] == ["run", "file"], "header %r" % table[0])
    check(table[-1] == "8 runs", "footer %r" % table[-1])
    check_aligned(table[:-1], "side by side")


def check_plan(config):
    lines = nnsweep("plan", config).splitlines()
    plan = json.loads(nnsweep("plan", config, "--format", "json"))
    check(plan["points"] == 4 and plan["distinct_runs"] == 4, "plan %r" % plan)
    for line, run in zip(lines, plan["runs"]):
        words = ["run %d:" % run["run"]]
        for key, value in run.items():
            if key in ("run", "same_as"):
                continue
            text = "" if value is None else str(value)
            words.append("%s=%s" % (key, text))
        check(line == " ".join(words), "plan %r vs %r" % (line, words))
    rows = list(csv.reader(io.StringIO(nnsweep("plan", config, "--format", "csv"), newline="")))
    check(rows[0] == list(plan["runs"][0]), "plan csv header %r" % rows[0])
    check([r[2] for r in rows[1:]] == [r["optimizer.name"] for r in plan["runs"]], "plan csv")
    # Repeated points: gd's two momentum values are one run ("same as run N").
    with open(config, encoding="utf-8") as f:
        text = f.read()
    repeated = config.replace(".yaml", "_repeated.yaml")
    with open(repeated, "w", encoding="utf-8") as f:
        f.write(text.replace("momentum.momentum: [0.9]", "momentum.momentum: [0.5, 0.9]"))
    plan = json.loads(nnsweep("plan", repeated, "--format", "json"))
    check((plan["points"], plan["distinct_runs"]) == (8, 6), "repeated %r" % plan)
    same = {r["run"]: r["same_as"] for r in plan["runs"] if r["same_as"] is not None}
    listed = {int(line.split(":")[0][4:]): int(line.rsplit(" ", 1)[1])
              for line in nnsweep("plan", repeated).splitlines() if "same as run" in line}
    check(same == listed and len(same) == 2, "same_as %r, plan lines %r" % (same, listed))
    check(all(set(r) == {"run", "same_as"} | set(plan["runs"][0]) for r in plan["runs"]),
          "every row has every column")
    markdown = nnsweep("plan", config, "--format", "markdown").splitlines()
    check(len(markdown) == 6 and markdown[0].startswith("| run | dataset.path |"),
          "plan markdown %r" % markdown)


def check_plugins():
    listed = json.loads(nnsweep("plugins", "--format", "json"))["plugins"]
    text = nnsweep("plugins")
    for plugin in listed:
        check("\n  %s  %s\n" % (plugin["name"], plugin["summary"]) in text, plugin["name"])
        for param in plugin["params"]:
            check("      %s (" % param["name"] in text, "%s.%s" % (plugin["name"], param["name"]))
    adam = next(p for p in listed if p["kind"] == "optimizer" and p["name"] == "adam")
    rate = next(p for p in adam["params"] if p["name"] == "learning_rate")
    check(rate["type"] == "float" and rate["min"] == 0 and rate["min_exclusive"], "lr %r" % rate)
    rows = list(csv.DictReader(io.StringIO(nnsweep("plugins", "--format", "csv"), newline="")))
    check(len(rows) == sum(max(1, len(p["params"])) for p in listed), "plugins csv rows")
    check(any(r["name"] == "adam" and r["param"] == "learning_rate" for r in rows), "adam row")


def main():
    with tempfile.TemporaryDirectory() as folder:
        for n, path in enumerate(PATHS):
            with open(os.path.join(folder, path), "w", encoding="utf-8") as f:
                f.write("a,b,y\n")
                for i in range(20):
                    f.write("%g,%g,%d\n" % (i * 0.1 + n, (i % 7) * 0.3, i % 2))
        config = os.path.join(folder, "sweep.yaml")
        with open(config, "w", encoding="utf-8") as f:
            f.write(CONFIG)
        results = os.path.join(folder, "formats.h5")
        nnsweep("run", config, "--out", results, "--quiet")
        check_show(folder, results)
        check_side_by_side(folder)
        check_plan(config)
    check_plugins()
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    sys.exit(main())

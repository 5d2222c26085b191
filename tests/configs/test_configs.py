#!/usr/bin/python3
"""The experiments in configs/ are valid and do what their comments say.

Every configs/*.yaml validates and plans. configs/iris.yaml runs in full: its
softmax networks reach at least 0.9 test accuracy, and the file keeps the
species names and train and test metrics. configs/regression.yaml and
configs/spiral.yaml run in full too, and their best networks score as the
comments promise. configs/optimizers.yaml runs in full, and every optimizer's
best run learns both of its datasets.

Usage: test_configs.py NNSWEEP_BINARY   (env NNSWEEP_SOURCE_DIR)
"""
import glob
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

BINARY = sys.argv[1]
SOURCE = os.environ.get("NNSWEEP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
checks, failures = 0, []


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def nnsweep(*arguments):
    return subprocess.run([BINARY, *arguments], capture_output=True, text=True, timeout=600)


def texts(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def run(name, folder):
    out = os.path.join(folder, name + ".h5")
    done = nnsweep("run", os.path.join(SOURCE, "configs", name + ".yaml"), "--out", out, "--quiet")
    check(done.returncode == 0, f"{name}: exit {done.returncode}: {done.stderr}")
    return out if done.returncode == 0 else None


configs = sorted(glob.glob(os.path.join(SOURCE, "configs", "*.yaml")))
check(len(configs) >= 6, f"configs: {configs}")
for config in configs:
    done = nnsweep("validate", config)
    check(done.returncode == 0 and ": ok, " in done.stdout,
          f"{os.path.basename(config)}: validate {done.returncode}: {done.stdout}{done.stderr}")
    plan = nnsweep("plan", config)
    check(plan.returncode == 0, f"{os.path.basename(config)}: plan {plan.returncode}: {plan.stderr}")

with tempfile.TemporaryDirectory() as folder:
    iris = run("iris", folder)
    if iris:
        with h5py.File(iris, "r") as f:
            s = f["summary"]
            (dataset,) = f["datasets"].values()
            check(list(dataset["class_names"].asstr()[()]) == ["setosa", "versicolor", "virginica"],
                  "iris: class names")
            check(dataset.attrs["classes"] == 3 and len(dataset["test_index"]) == 45,
                  "iris: three classes, a 30% test part")
            for name in ("train.cost", "train.accuracy", "train.f1", "test.cost", "test.accuracy",
                         "test.precision", "test.recall", "test.f1"):
                check(name in s, f"iris: no /summary/{name}")
            hidden = texts(s["model.hidden"][()])
            accuracy = s["test.accuracy"][()]
            check(all(status == "ok" for status in texts(s["status"][()])), "iris: every run ok")
            wide = [a for h, a in zip(hidden, accuracy) if h not in ("[1]",)]
            check(min(wide) >= 0.9, f"iris: test accuracy below 0.9 with 2+ units: {accuracy}")
            check(max(accuracy) >= 0.95, f"iris: best test accuracy {max(accuracy)}")

    regression = run("regression", folder)
    if regression:
        with h5py.File(regression, "r") as f:
            s = f["summary"]
            check(max(s["test.r2"][()]) > 0.85, f"regression: best test r2 {max(s['test.r2'][()])}")
            check("test.accuracy" not in s and "test.rmse" in s, "regression: metrics")
            check(np.all(s["best_epoch"][()] >= 0), "regression: early stopping recorded")

    spiral = run("spiral", folder)
    if spiral:
        with h5py.File(spiral, "r") as f:
            s = f["summary"]
            by_size = {}
            for h, a in zip(texts(s["model.hidden"][()]), s["test.accuracy"][()]):
                by_size.setdefault(h, []).append(a)
            mean = {h: np.mean(a) for h, a in by_size.items()}
            check(mean["[16, 16, 16]"] > mean["[4]"] + 0.1,
                  f"spiral: depth and width should help: {mean}")

    optimizers = run("optimizers", folder)
    if optimizers:
        with h5py.File(optimizers, "r") as f:
            s = f["summary"]
            check(len(s["status"]) == 96 and all(x == "ok" for x in texts(s["status"][()])),
                  "optimizers: 96 runs, every one ok")
            best = {}
            for d, o, a in zip(texts(s["dataset.name"][()]), texts(s["optimizer.name"][()]),
                               s["test.accuracy"][()]):
                best[(d, o)] = max(best.get((d, o), 0.0), a)
            check(len(best) == 24, f"optimizers: 12 optimizers x 2 datasets: {sorted(best)}")
            check(min(best.values()) >= 0.85, f"optimizers: every one learns both sets: {best}")

print(f"test_configs: {checks - len(failures)} of {checks} checks passed")
sys.exit(1 if failures else 0)

#!/usr/bin/python3
"""The package installs both ways the project supports, and works there.

Usage: test_install.py NNSWEEP_BINARY CMAKE_BINARY_DIR

1. pip: a venv made with --system-site-packages (so Debian's numpy, h5py,
   xarray and matplotlib are used), then exactly
   `pip install --no-build-isolation --no-index ./python` (setuptools from
   Debian's python3-setuptools; nothing may be downloaded), on a copy of
   python/ so the source tree gets no build files. The venv's python,
   started outside the source tree, imports nnsweep from the venv,
   opens a results file, predicts, and runs `-m nnsweep.report`.
2. cmake: `cmake --install BUILD --prefix TMP --component python` puts every
   module of python/nnsweep under TMP/NNSWEEP_PYTHON_INSTALL_DIR, and
   Debian's python3 imports the package from there and opens the file.
"""
import os
import re
import shutil
import sys
import tempfile

from package_support import PACKAGE_DIR, binary, check, finish, run, sweep

CONFIG = """name: tiny
dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}
model: {hidden: [3], activation: tanh, output: sigmoid}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 20}
sweep: {grid: {model.init.seed: [1, 2]}}
"""

USE = ("import sys, nnsweep, numpy as np; ds = nnsweep.open(sys.argv[1]); "
       "p = nnsweep.predict(sys.argv[1], 1, np.zeros((3, 2))); "
       "print(nnsweep.__file__); print(ds.sizes['run'], p.shape)")


def modules(folder):
    return sorted(os.path.relpath(os.path.join(d, f), folder) for d, _, files in os.walk(folder)
                  for f in files if f.endswith(".py"))


def check_pip(tmp, results):
    source = os.path.join(tmp, "python")
    shutil.copytree(PACKAGE_DIR, source, ignore=shutil.ignore_patterns("__pycache__", "build",
                                                                       "*.egg-info"))
    env = os.path.join(tmp, "venv")
    made = run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", env])
    if not check(made.returncode == 0, f"venv: {made.stderr}"):
        return
    installed = run([os.path.join(env, "bin", "pip"), "install", "--no-build-isolation",
                     "--no-index", "./python"], cwd=tmp)
    if not check(installed.returncode == 0, f"pip install: {installed.stdout}{installed.stderr}"):
        return
    python = os.path.join(env, "bin", "python")
    used = run([python, "-c", USE, results], cwd=tmp)
    lines = used.stdout.splitlines()
    check(used.returncode == 0 and len(lines) == 2 and lines[0].startswith(env)
          and lines[1] == "2 (3, 1)", f"the venv's nnsweep: {used.stdout}{used.stderr[-1500:]}")
    report = run([python, "-m", "nnsweep.report", results, "-o", os.path.join(tmp, "r.html")],
                 cwd=tmp)
    check(report.returncode == 0 and os.path.getsize(os.path.join(tmp, "r.html")) > 10_000,
          f"the venv's nnsweep.report: {report.stderr[-1500:]}")
    print(f"ok   pip: installed into a venv, imported from {lines[0] if lines else '?'}")


def check_cmake(tmp, build, results):
    with open(os.path.join(build, "CMakeCache.txt")) as f:
        folder = re.search(r"^NNSWEEP_PYTHON_INSTALL_DIR:\w+=(.*)$", f.read(), re.M).group(1)
    prefix = os.path.join(tmp, "prefix")
    done = run(["cmake", "--install", build, "--prefix", prefix, "--component", "python"])
    if not check(done.returncode == 0, f"cmake --install: {done.stdout}{done.stderr}"):
        return
    site = os.path.join(prefix, folder)
    installed = modules(os.path.join(site, "nnsweep"))
    check(installed == modules(os.path.join(PACKAGE_DIR, "nnsweep")),
          f"cmake --install put {installed} under {site}")
    used = run(["/usr/bin/python3", "-c", USE, results], cwd=tmp,
               env=dict(os.environ, PYTHONPATH=site))
    lines = used.stdout.splitlines()
    check(used.returncode == 0 and len(lines) == 2 and lines[0].startswith(site),
          f"Debian's python3 on the installed package: {used.stdout}{used.stderr[-1500:]}")
    print(f"ok   cmake --install: {len(installed)} modules under {folder}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary()
    with tempfile.TemporaryDirectory(prefix="nnsweep_install_") as tmp:
        results = sweep(tmp, "tiny", CONFIG)
        check_pip(tmp, results)
        check_cmake(tmp, os.path.abspath(sys.argv[2]), results)
    finish("test_install")


if __name__ == "__main__":
    main()

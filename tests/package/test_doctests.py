#!/usr/bin/python3
"""The examples in the package's docstrings and in docs/analysis.md run.

Usage: test_doctests.py NNSWEEP_BINARY

Runs doctest over every module of python/nnsweep and over
docs/analysis.md, with `path` set to a results file of
configs/hidden_sizes.yaml (as ./run.sh runs it) written by the binary, so the
documented outputs are checked against a real file. Fails when an example
fails or when no example ran.
"""
import doctest
import importlib
import os
import pkgutil
import tempfile

from package_support import SOURCE_DIR, check, finish, hidden_sizes

import matplotlib  # noqa: E402

matplotlib.use("Agg")  # the examples draw figures; no window

import nnsweep  # noqa: E402


def main():
    with tempfile.TemporaryDirectory(prefix="nnsweep_doctest_") as tmp:
        path = hidden_sizes(tmp, iterations=None)
        globs = {"path": path}
        attempted = 0
        names = ["nnsweep"] + [m.name for m in pkgutil.walk_packages(nnsweep.__path__, "nnsweep.")]
        for name in names:
            module = importlib.import_module(name)
            result = doctest.testmod(module, extraglobs=globs, optionflags=doctest.ELLIPSIS)
            check(result.failed == 0, f"{name}: {result.failed} of {result.attempted} failed")
            attempted += result.attempted
        guide = os.path.join(SOURCE_DIR, "docs", "analysis.md")
        result = doctest.testfile(guide, module_relative=False, globs=dict(globs),
                                  optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        check(result.failed == 0, f"docs/analysis.md: {result.failed} of {result.attempted} failed")
        check(result.attempted >= 10, f"docs/analysis.md: only {result.attempted} examples")
        print(f"ok   {attempted} examples in {len(names)} modules, {result.attempted} in "
              "docs/analysis.md")
    finish("test_doctests")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""`nnsweep report RESULTS [-o OUT]` runs `python3 -m nnsweep.report RESULTS
[-o OUT]` with the package folder first on PYTHONPATH, and exits with its exit
code; a missing interpreter or package is exit 1 with a message naming the
Debian packages. A stand-in package (NNSWEEP_PYTHONPATH) records what it was
given, so the test does not depend on the real report module.

Usage: test_report_launcher.py NNSWEEP_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

failures = []
STAND_IN = '''import json, os, sys
with open(os.environ["RECORD"], "w") as f:
    json.dump({"argv": sys.argv[1:], "path": sys.path, "file": __file__}, f)
sys.exit(int(os.environ.get("EXIT", "0")))
'''


def check(condition, message):
    if not condition:
        failures.append(message)


def report(binary, args, **environment):
    env = dict(os.environ)
    env.update(environment)
    return subprocess.run([binary, "report", *args], capture_output=True, text=True, env=env)


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder:
        package = os.path.join(folder, "fake", "nnsweep")
        os.makedirs(package)
        open(os.path.join(package, "__init__.py"), "w").close()
        with open(os.path.join(package, "report.py"), "w") as f:
            f.write(STAND_IN)
        results = os.path.join(folder, "r.h5")
        open(results, "w").close()
        record = os.path.join(folder, "record.json")
        fake = os.path.join(folder, "fake")
        other = os.path.join(folder, "other")

        done = report(binary, [results, "-o", "out dir/r.html"], NNSWEEP_PYTHONPATH=fake,
                      RECORD=record, PYTHONPATH=other)
        check(done.returncode == 0, "exit %d: %s" % (done.returncode, done.stderr))
        with open(record) as f:
            seen = json.load(f)
        check(seen["argv"] == [results, "-o", "out dir/r.html"], "arguments %r" % seen["argv"])
        check(seen["file"] == os.path.join(package, "report.py"), "module %r" % seen["file"])
        # The package folder comes before what PYTHONPATH already held.
        check(fake in seen["path"] and other in seen["path"]
              and seen["path"].index(fake) < seen["path"].index(other), "path %r" % seen["path"])

        done = report(binary, [results], NNSWEEP_PYTHONPATH=fake, RECORD=record, EXIT="7")
        check(done.returncode == 7, "the module's exit code 7 became %d" % done.returncode)
        with open(record) as f:
            check(json.load(f)["argv"] == [results], "no -o without --out")

        done = report(binary, [results], NNSWEEP_PYTHONPATH=os.path.join(folder, "none"))
        check(done.returncode == 1, "missing package: exit %d" % done.returncode)
        for word in ["nnsweep Python package", "NNSWEEP_PYTHONPATH", "python3-h5py"]:
            check(word in done.stderr, "missing package: %r not in %r" % (word, done.stderr))

        done = report(binary, [results], NNSWEEP_PYTHONPATH=fake,
                      NNSWEEP_PYTHON=os.path.join(folder, "no-python3"))
        check(done.returncode == 1, "missing python: exit %d" % done.returncode)
        for word in ["no-python3", "apt-get install python3 ", "python3-matplotlib"]:
            check(word in done.stderr, "missing python: %r not in %r" % (word, done.stderr))

        done = report(binary, [os.path.join(folder, "absent.h5")], NNSWEEP_PYTHONPATH=fake)
        check(done.returncode == 2 and "does not exist" in done.stderr,
              "absent results: %d %r" % (done.returncode, done.stderr))

        # Without the override: the source tree's python/ for the build tree's
        # binary, the installed package for a copy elsewhere. A stand-in
        # interpreter records the PYTHONPATH it was given.
        interpreter = os.path.join(folder, "python")
        with open(interpreter, "w") as f:
            f.write('#!/bin/sh\nprintf %%s "$PYTHONPATH" > "%s"\n' % record)
        os.chmod(interpreter, 0o755)
        copy = os.path.join(folder, "nnsweep")
        with open(binary, "rb") as source, open(copy, "wb") as target:
            target.write(source.read())
        os.chmod(copy, 0o755)
        source_python = os.path.join(os.environ["NNSWEEP_SOURCE_DIR"], "python")
        for program, expected in [(binary, source_python), (copy, None)]:
            env = {k: v for k, v in os.environ.items() if k not in ("NNSWEEP_PYTHONPATH",
                                                                      "PYTHONPATH")}
            env["NNSWEEP_PYTHON"] = interpreter
            if os.path.exists(record):
                os.remove(record)
            done = subprocess.run([program, "report", results], capture_output=True, text=True,
                                  env=env)
            if os.path.exists(record):
                with open(record) as f:
                    used = f.read()
            else:  # the package is not there: the message names where it looked
                check(done.returncode == 1, "%s: exit %d" % (program, done.returncode))
                used = done.stderr.split("which is not in ")[1].split(" (no nnsweep")[0]
            if expected:
                check(used == expected, "build tree: package from %r, not %r" % (used, expected))
            else:
                check(used != source_python and used.endswith("dist-packages"),
                      "installed: package from %r" % used)
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

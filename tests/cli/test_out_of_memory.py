#!/usr/bin/python3
"""Running out of memory is a clear error, not an abort: under an address-space
limit (prlimit --as), a dataset too large for it makes nnsweep say "out of
memory" and exit 1, with nothing created. (It used to end on an uncaught
std::bad_alloc, exit 134.) Exits 77 (skipped) without prlimit, and in
sanitizer builds, whose shadow memory alone is beyond any such limit.

Usage: test_out_of_memory.py NNSWEEP_BINARY [NNSWEEP_SANITIZE]
"""
import os
import shutil
import subprocess
import sys
import tempfile

CONFIG = ("name: big\ndataset: {name: moons, n_samples: 100000000}\nmodel: {hidden: [2]}\n"
          "train: {iterations: 3}\n")


def main():
    binary = os.path.abspath(sys.argv[1])
    if shutil.which("prlimit") is None:
        print("skipped: no prlimit")
        return 77
    if len(sys.argv) > 2 and sys.argv[2].upper() in ("ON", "1", "TRUE", "YES"):
        print("skipped: a sanitizer build reserves more address space than the limit")
        return 77
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "big.yaml"), "w") as f:
            f.write(CONFIG)
        done = subprocess.run(["prlimit", "--as=400000000", binary, "run", "big.yaml"],
                              cwd=folder, capture_output=True, text=True, timeout=120)
        failures = []
        if done.returncode != 1:
            failures.append("exit %d, expected 1 (%s)" % (done.returncode, done.stderr))
        if done.stderr != "nnsweep: out of memory\n":
            failures.append("stderr %r" % done.stderr)
        if os.listdir(folder) != ["big.yaml"]:
            failures.append("the folder holds %s" % sorted(os.listdir(folder)))
    for message in failures:
        print("FAIL:", message)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

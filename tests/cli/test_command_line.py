#!/usr/bin/python3
"""The command_line attribute of a results file gives back nnsweep's argv.

Usage: test_command_line.py NNSWEEP_BINARY
(environment: NNSWEEP_SOURCE_DIR = the repository root)

Runs `nnsweep run` with arguments that a shell would mangle unless quoted (a
quote, a space, $, a backslash, a double quote, brackets, a glob, a tilde),
then checks that shlex.split(command_line) == the argv the binary received.
"""
import os
import shlex
import subprocess
import sys
import tempfile

import h5py


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    source = os.environ.get("NNSWEEP_SOURCE_DIR",
                            os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    config = os.path.join(source, "configs", "seed_moons.yaml")
    with tempfile.TemporaryDirectory(prefix="nnsweep_command_line_") as tmp:
        folder = os.path.join(tmp, "it's a $HOME \\ \"dir\" *~")
        os.mkdir(folder)
        out = os.path.join(folder, "o'k.h5")
        argv = [binary, "run", config, "--out", out, "--quiet",
                "--set", "train.iterations=3",
                "--set", "model.init.name='normal'",   # YAML quotes: the value is normal
                "--set", "model.hidden=[1]",
                "--set", "train.log_every=0"]
        done = subprocess.run(argv, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"FAIL: nnsweep run exited {done.returncode}:\n{done.stderr}")
        with h5py.File(out, "r") as f:
            recorded = f.attrs["command_line"]
        recorded = recorded.decode() if isinstance(recorded, bytes) else str(recorded)
    print(f"command_line: {recorded}")
    try:
        split = shlex.split(recorded)
    except ValueError as error:
        sys.exit(f"FAIL: shlex.split cannot read the command_line: {error}")
    if split != argv:
        sys.exit(f"FAIL: shlex.split(command_line) differs from argv:\n  {split}\n  {argv}")
    print("ok: shlex.split(command_line) == argv")


if __name__ == "__main__":
    main()

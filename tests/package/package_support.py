"""What the package's tests share: the binary, the package on sys.path,
sweeps written by the binary, and failure counting.

Run by Debian's /usr/bin/python3 with the nnsweep binary as argv[1] and
NNSWEEP_SOURCE_DIR set (tests/CMakeLists.txt, nnsweep_python_test).
"""
import os
import subprocess
import sys

SOURCE_DIR = os.environ.get("NNSWEEP_SOURCE_DIR", os.path.abspath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")))
PACKAGE_DIR = os.path.join(SOURCE_DIR, "python")
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
if PACKAGE_DIR not in sys.path:
    sys.path.insert(0, PACKAGE_DIR)

failures = []
checks = [0]


def binary():
    if len(sys.argv) < 2:
        sys.exit(f"usage: {sys.argv[0]} NNSWEEP_BINARY")
    return sys.argv[1]


def check(condition, message):
    """Counts a check; records and prints `message` when it fails."""
    checks[0] += 1
    if not condition:
        failures.append(message)
        print("FAIL " + message, flush=True)
    return bool(condition)


def run(command, **kwargs):
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)


def sweep(folder, name, config_text, *options, expect=(0,)):
    """Writes `config_text` as NAME.yaml in `folder`, runs it into NAME.h5
    and returns that path. Exit 3 (some run diverged) may be expected."""
    config = os.path.join(folder, f"{name}.yaml")
    with open(config, "w") as f:
        f.write(config_text)
    out = os.path.join(folder, f"{name}.h5")
    done = run([binary(), "run", config, "--out", out, "--quiet", *options])
    if done.returncode not in expect:
        sys.exit(f"FAIL: nnsweep run {name} exited {done.returncode}:\n{done.stderr}")
    return out


def hidden_sizes(folder, iterations=300):
    """configs/hidden_sizes.yaml (21 runs) at fewer iterations, or as it
    stands (10000) with iterations=None."""
    out = os.path.join(folder, "hidden_sizes.h5")
    fewer = [] if iterations is None else ["--set", f"train.iterations={iterations}"]
    done = run([binary(), "run", os.path.join(SOURCE_DIR, "configs", "hidden_sizes.yaml"),
                *fewer, "--out", out, "--quiet"])
    if done.returncode != 0:
        sys.exit(f"FAIL: nnsweep run hidden_sizes exited {done.returncode}:\n{done.stderr}")
    return out


def finish(name):
    """Prints the summary; exits 1 when a check failed."""
    for failure in failures:
        print("\nFAIL: " + failure, file=sys.stderr)
    print(f"{name}: {checks[0] - len(failures)} of {checks[0]} checks passed")
    sys.exit(1 if failures else 0)

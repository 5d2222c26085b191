#!/usr/bin/python3
"""The example of docs/plugins.md, added by the guide's two steps, is a plugin.

Usage: test_plugin_guide.py NNSWEEP_BINARY GUIDE_BINARY KIND NAME
(environment: NNSWEEP_SOURCE_DIR = the repository root)

GUIDE_BINARY is nnsweep built with the guide's example file and list line
(tests/docs/CMakeLists.txt), KIND and NAME the example's. It must list
every plugin nnsweep lists and the example besides, with its parameters, and
train the seed experiment with it; nnsweep itself must not know it.
"""
import os
import re
import subprocess
import sys
import tempfile

# The config key that chooses a plugin of each kind.
KEYS = {"datasets": "dataset.name", "activations": "model.activation",
        "initializers": "model.init.name", "losses": "loss", "optimizers": "optimizer.name",
        "schedules": "schedule.name"}


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True)


def listing(binary):
    """{(kind heading, plugin): [parameter lines]} of `plugins`."""
    done = run(binary, "plugins")
    assert done.returncode == 0, done.stderr
    plugins, kind, plugin = {}, None, None
    for line in done.stdout.splitlines():
        if re.match(r"^[a-z]+:$", line):
            kind = line[:-1]
        elif re.match(r"^  [a-z_0-9]+  ", line):
            plugin = (kind, line.split()[0])
            plugins[plugin] = []
        elif line.startswith("      ") and not line.strip().startswith("["):
            plugins[plugin].append(line.strip())
    return plugins


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    nnsweep, guide, kind, name = sys.argv[1:]
    source = os.environ.get("NNSWEEP_SOURCE_DIR",
                            os.path.dirname(os.path.dirname(os.path.dirname(
                                os.path.abspath(__file__)))))
    builtin, with_example = listing(nnsweep), listing(guide)
    assert (kind, name) not in builtin, "nnsweep already has the guide's example %s" % name
    assert set(with_example) == set(builtin) | {(kind, name)}, \
        sorted(set(with_example) ^ set(builtin))
    assert with_example[(kind, name)], "the example declares no parameters"
    print("listed: %s %s: %s" % (kind, name, "; ".join(with_example[(kind, name)])))

    config = os.path.join(source, "configs", "seed_moons.yaml")
    choose = ["--set", "%s=%s" % (KEYS[kind], name), "--set", "train.iterations=300",
              "--set", "train.log_every=0"]
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "guide.h5")
        refused = run(nnsweep, "run", config, *choose, "--out", out)
        assert refused.returncode == 2, (refused.returncode, refused.stderr)
        trained = run(guide, "run", config, *choose, "--out", out)
        assert trained.returncode == 0, trained.stdout + trained.stderr
    match = re.search(r"^seed_moons: ok, final cost ([0-9.]+)", trained.stdout, re.MULTILINE)
    assert match, trained.stdout
    # The post's network starts at the cost log(2) = 0.6931: the example learns.
    assert float(match.group(1)) < 0.69, trained.stdout
    print("trained:", match.group(0))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""An experiment's name, written or taken from the config file's name, follows
the name rules (letters, digits, '_', '-', '.'; not starting with '.'; at most
200 characters) before anything is created: a name that breaks them is an
error at FILE:LINE:COL with exit code 2, and no results folder appears.

Usage: test_experiment_names.py NNSWEEP_BINARY
"""
import os
import subprocess
import sys
import tempfile

BODY = "dataset: {name: moons, n_samples: 20}\nmodel: {hidden: [2]}\ntrain: {iterations: 3}\n"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(binary, folder, config_name, text):
    with open(os.path.join(folder, config_name), "w") as f:
        f.write(text)
    return subprocess.run([binary, "run", config_name, "--quiet"], cwd=folder,
                          capture_output=True, text=True)


def refused(binary, config_name, text, where, words):
    with tempfile.TemporaryDirectory() as folder:
        done = run(binary, folder, config_name, text)
        check(done.returncode == 2, "%s: exit %d, expected 2" % (config_name, done.returncode))
        check(done.stderr.startswith(where), "%s: stderr %r does not start with %r"
              % (config_name, done.stderr[:120], where))
        for word in words:
            check(word in done.stderr, "%s: %r missing from %r" % (config_name, word, done.stderr))
        check(os.listdir(folder) == [config_name],
              "%s: the folder holds %s" % (config_name, sorted(os.listdir(folder))))


def main():
    binary = os.path.abspath(sys.argv[1])
    # The default name (the file's name without .yaml) follows the rules too.
    refused(binary, ".yaml", BODY, ".yaml:1:1: ", ["has no 'name'", "'.yaml'", "add a 'name:'"])
    refused(binary, "my run.yaml", BODY, "my run.yaml:1:1: ", ["'my run'", "add a 'name:'"])
    # A name too long for a file name is refused where it is written.
    refused(binary, "long.yaml", "name: " + "a" * 5000 + "\n" + BODY, "long.yaml:1:7: ",
            ["5000 characters long", "at most 200"])
    refused(binary, "dots.yaml", "name: ../up\n" + BODY, "dots.yaml:1:7: ", ["only letters"])
    # The longest allowed name, and a plain default name, train.
    with tempfile.TemporaryDirectory() as folder:
        done = run(binary, folder, "long.yaml", "name: " + "b" * 200 + "\n" + BODY)
        check(done.returncode == 0, "a 200-character name: exit %d, %s" % (done.returncode,
                                                                          done.stderr))
        check(os.path.isfile(os.path.join(folder, "results", "b" * 200 + ".h5")),
              "no results/<200 characters>.h5")
        done = run(binary, folder, "plain-name_1.yaml", BODY)
        check(done.returncode == 0, "plain-name_1.yaml: exit %d, %s" % (done.returncode,
                                                                       done.stderr))
        check(os.path.isfile(os.path.join(folder, "results", "plain-name_1.h5")),
              "no results/plain-name_1.h5")
    for message in failures:
        print("FAIL:", message)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

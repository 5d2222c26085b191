"""Shared by the other-reader tests: one results file that exercises what
those readers must get right (a test part, so test_cost and its NaN padding;
swept text and list keys; runs of two depths; a diverged run), written by the
nnsweep binary given as the script's first argument, and h5py's view of it as
the reference.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

CONFIG = """\
name: readers
dataset: {name: moons, n_samples: 60, noise: 0.2, seed: 0, test_fraction: 0.25}
model: {hidden: [3], init: {name: normal, scale: 0.5, seed: 1}}
optimizer: {name: gd, learning_rate: 0.5}
train: {iterations: 40, record_every: 10, log_every: 0}
sweep:
  grid:
    model.hidden: [2, [4, 3]]
    model.activation: [tanh, relu]
    optimizer.learning_rate: [0.5, 1.0e+6]
"""

checks, failures = 0, []


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)
        print('FAIL:', message, file=sys.stderr)


def finish(name):
    print('%s: %d checks, %d failed' % (name, checks, len(failures)))
    sys.exit(1 if failures else 0)


def results_file(folder):
    """Writes the readers experiment into `folder`; returns the file's path."""
    if len(sys.argv) < 2:
        sys.exit('usage: %s NNSWEEP_BINARY' % sys.argv[0])
    config = os.path.join(folder, 'readers.yaml')
    with open(config, 'w') as out:
        out.write(CONFIG)
    path = os.path.join(folder, 'readers.h5')
    done = subprocess.run([sys.argv[1], 'run', config, '--out', path],
                          capture_output=True, text=True)
    if done.returncode not in (0, 3):  # 3: some runs diverged, as planned
        sys.exit('nnsweep run failed (%d): %s' % (done.returncode, done.stderr[-2000:]))
    return path


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def reference(path):
    """What h5py reads: the summary columns the readers are checked on."""
    with h5py.File(path, 'r') as f:
        s = f['summary']
        return {
            'run': s['run'][()],
            'train.cost': s['train.cost'][()],
            'test.accuracy': s['test.accuracy'][()],
            'status': text(s['status'][()]),
            'model.hidden': text(s['model.hidden'][()]),
            'model.activation': text(s['model.activation'][()]),
            'cost': s['cost'][()],
            'step': s['step'][()],
        }


def close(got, expected, tolerance=0.0):
    """Equal arrays of floats, NaN where NaN, within `tolerance`."""
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    if got.shape != expected.shape:
        return False
    same_nan = np.array_equal(np.isnan(got), np.isnan(expected))
    finite = ~np.isnan(expected)
    return same_nan and np.allclose(got[finite], expected[finite], rtol=tolerance, atol=0)


def scratch():
    return tempfile.TemporaryDirectory(prefix='nnsweep-readers-')


def run_reader(command, packages):
    """Writes the readers experiment and runs `command` with the results
    file's path appended (in the file's folder); returns h5py's reference and
    the reader's stdout. Skips (exit 77) when command[0] is not installed:
    `packages` names the Debian packages that bring it."""
    if shutil.which(command[0]) is None:
        print('SKIP: %s not found (Debian packages %s)' % (command[0], packages))
        sys.exit(77)
    with scratch() as folder:
        path = results_file(folder)
        expected = reference(path)
        done = subprocess.run(command + [path], capture_output=True, text=True, cwd=folder)
    check(done.returncode == 0, '%s failed (%d): %s' % (command[0], done.returncode,
                                                        done.stderr[-1500:]))
    return expected, done.stdout


def check_curve(output, expected, reader):
    """The reader's last line `cost of run N: v v ...` is the second run's
    cost curve, every value (17 digits) equal to h5py's."""
    head, found, curve = output.rpartition('cost of run')
    check(bool(found), reader + ' printed no cost curve')
    if not found:
        return head
    run, _, values = curve.partition(':')
    check(int(run) == expected['run'][1], reader + ' printed the curve of another run')
    check(close([float(v) for v in values.split()], expected['cost'][1]),
          '%s read another cost curve: %s' % (reader, values))
    return head

#!/usr/bin/python3
"""The hdf5 dataset plugin on files written with h5py: numeric, string (variable
and fixed length) and integer labels, classes in numpy.unique order, regression
targets, the errors a bad file gives, and the round trip through a results file
(train on moons, then train on that file's /datasets/ID: the same X, y and
class names, and the same trained weights).

Usage: test_user_data_hdf5.py NNSWEEP_BINARY
"""
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import nnsweep_testlib as lib  # pins numpy to libm-equal kernels; before numpy
from nnsweep_testlib import np
import h5py
from results_support import run_arrays

CHECKS = []


def check(condition, message):
    CHECKS.append(None if condition else message)


def network(dataset):
    """A config training a small sigmoid network on `dataset` (YAML flow text)."""
    return ('name: user_data\n'
            'dataset: %s\n'
            'model: {hidden: [3], activation: tanh, output: sigmoid,\n'
            '        init: {name: normal, scale: 0.5, seed: 2}}\n'
            'loss: binary_cross_entropy\n'
            'optimizer: {name: gd, learning_rate: 0.5}\n'
            'train: {iterations: 40}\n' % dataset)


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, 'w') as out:
        out.write(text)
    return path


def printed(path, *settings):
    """X (examples x features) and y as `nnsweep dataset hdf5` prints them."""
    text = lib.nnsweep('dataset', 'hdf5', 'path=' + path, *settings)
    lines = text.splitlines()
    header = lines[0].split(',')
    rows = np.array([[float(cell) for cell in line.split(',')] for line in lines[1:]])
    features = sum(1 for name in header if name.startswith('x'))
    return rows[:, :features], rows[:, features:]


def failure(*args):
    """(exit code, stderr) of an nnsweep call expected to fail."""
    done = subprocess.run([lib.binary(), *args], capture_output=True, text=True)
    return done.returncode, done.stderr


def only_dataset(path):
    """The one /datasets/ID group of a results file, as numpy arrays."""
    with h5py.File(path, 'r') as f:
        ids = list(f['datasets'])
        check(len(ids) == 1, '%s: datasets %s' % (path, ids))
        group = f['datasets'][ids[0]]
        names = [lib.text(name) for name in group['class_names'][()]]
        return ids[0], group['X'][()], group['y'][()], names


def check_labels(folder):
    rng = np.random.RandomState(4)
    X = rng.normal(size=(12, 2)).astype(np.float32)
    words = np.array(['dog', 'cat', 'Bird', 'cat', 'dog', 'emu', 'Bird', 'cat', 'dog', 'emu',
                      'cat', 'dog'], dtype=object)
    classes, inverse = np.unique(words.astype(str), return_inverse=True)
    path = os.path.join(folder, 'labels.h5')
    with h5py.File(path, 'w') as f:
        f['X'] = X
        f.create_dataset('variable', data=words, dtype=h5py.string_dtype())
        f['fixed'] = words.astype('S4')
        f['column'] = inverse.reshape(-1, 1).astype(np.int32) * 3 - 1
        f['one_feature'] = np.arange(12, dtype=np.int16)
        f['targets'] = rng.normal(size=(12, 2))

    x, y = printed(path, 'y=variable')
    check(np.array_equal(x, X.astype(np.float64)), 'float32 X read back differently')
    check(np.array_equal(y[:, 0], inverse), 'variable-length labels: %s' % y[:, 0])
    _, y = printed(path, 'y=fixed')
    check(np.array_equal(y[:, 0], inverse), 'fixed-length labels: %s' % y[:, 0])
    _, y = printed(path, 'y=column')
    check(np.array_equal(y[:, 0], inverse), 'integer labels (examples, 1): %s' % y[:, 0])
    x, _ = printed(path, 'x=one_feature', 'y=fixed')
    check(x.shape == (12, 1) and np.array_equal(x[:, 0], np.arange(12)), 'rank-1 X: %s' % x)
    _, y = printed(path, 'y=targets', 'task=regression')
    with h5py.File(path, 'r') as f:
        check(np.array_equal(y, f['targets'][()]), 'regression targets (examples, 2)')

    # Class names reach the results file in numpy.unique order.
    two = os.path.join(folder, 'two.h5')
    with h5py.File(two, 'w') as f:
        f['X'] = X
        f.create_dataset('y', data=np.where(inverse % 2 == 1, 'yes', 'no').astype(object),
                         dtype=h5py.string_dtype())
        f['signs'] = np.where(inverse % 2 == 1, 1, -1)
    out = os.path.join(folder, 'two_out.h5')
    lib.nnsweep('run', write(folder, 'two.yaml', network('{name: hdf5, path: two.h5}')),
                '--out', out, '--quiet')
    _, _, y, names = only_dataset(out)
    check(names == ['no', 'yes'], 'string class names %s' % names)
    check(np.array_equal(y, inverse % 2), 'string labels trained as %s' % y)
    out = os.path.join(folder, 'signs_out.h5')
    config = network('{name: hdf5, path: two.h5, y: signs}')
    lib.nnsweep('run', write(folder, 'signs.yaml', config), '--out', out, '--quiet')
    _, _, y, names = only_dataset(out)
    check(names == ['-1', '1'], 'integer class names %s' % names)


def check_errors(folder):
    path = os.path.join(folder, 'bad.h5')
    with h5py.File(path, 'w') as f:
        f['X'] = np.zeros((4, 2))
        f['y'] = np.array([0, 1, 0, 1])
        f['cube'] = np.zeros((4, 2, 2))
        f['short'] = np.array([0, 1, 0])
        f['words'] = np.array([b'a', b'b', b'c', b'd'])
        f['halves'] = np.array([0.5, 1, 0, 1])
        f.create_group('group/inner')
    not_hdf5 = write(folder, 'text.h5', 'x,y\n1,0\n')
    cases = [
        ([not_hdf5], 'not an HDF5 file'),
        ([path, 'x=Z'], "x: no dataset 'Z'; / holds X, cube, group, halves, short, words, y"),
        ([path, 'x=/group/nope/X'], "x: no dataset '/group/nope/X'; /group holds inner"),
        ([path, 'y=group'], "y: 'group' is a group, not a dataset; /group holds inner"),
        ([path, 'x=cube'], "x: 'cube' has shape (4, 2, 2); the inputs are examples x features, "
                           "or one feature per example"),
        ([path, 'y=X'], "y: 'X' has shape (4, 2); class labels are (examples,) or (examples, 1)"),
        ([path, 'y=short'], "x: 'X' has 4 examples (rows) but y: 'short' has 3"),
        ([path, 'x=words'], "x: 'words' holds string values; the inputs must be numbers"),
        ([path, 'y=halves'], "y: 'halves' row 0 holds 0.5, not a whole-number class label "
                             "(task: regression reads real targets)"),
        ([path, 'y=words', 'task=regression'],
         "y: 'words' holds strings; regression targets must be numbers"),
    ]
    for arguments, message in cases:
        settings = ['path=' + arguments[0]] + arguments[1:]
        code, err = failure('dataset', 'hdf5', *settings)
        expected = '%s: %s\n' % (arguments[0], message)
        check(code == 2 and err == expected,
              'dataset hdf5 %s: exit %d, %r (expected %r)' % (settings, code, err, expected))

    # validate and run stop the same way, and run writes nothing.
    config = write(folder, 'bad.yaml', network('{name: hdf5, path: bad.h5, y: short}'))
    expected = "%s: x: 'X' has 4 examples (rows) but y: 'short' has 3\n" % path
    code, err = failure('validate', config)
    check(code == 2 and err == expected, 'validate: exit %d, %r' % (code, err))
    out = os.path.join(folder, 'never.h5')
    code, err = failure('run', config, '--out', out)
    check(code == 2 and err == expected, 'run: exit %d, %r' % (code, err))
    check(not os.path.exists(out), 'run wrote %s' % out)


def check_round_trip(folder):
    """Moons trained, then the results file's own data trained on again."""
    first = os.path.join(folder, 'moons.h5')
    moons = network('{name: moons, n_samples: 60, noise: 0.2, seed: 1}')
    lib.nnsweep('run', write(folder, 'moons.yaml', moons), '--out', first, '--quiet')
    dataset_id, X, y, names = only_dataset(first)

    again = os.path.join(folder, 'again.h5')
    config = network('{name: hdf5, path: moons.h5, x: /datasets/%s/X, y: /datasets/%s/y}'
                     % (dataset_id, dataset_id))
    lib.nnsweep('run', write(folder, 'again.yaml', config), '--out', again, '--quiet')
    _, X2, y2, names2 = only_dataset(again)
    check(np.array_equal(X, X2), 'round trip: X differs')
    check(np.array_equal(y, y2), 'round trip: y differs')
    check(names == names2, 'round trip: class names %s != %s' % (names, names2))
    with h5py.File(first, 'r') as a, h5py.File(again, 'r') as b:
        for name in ('W1', 'b1', 'W2', 'b2'):
            check(np.array_equal(run_arrays(a, 0)[name], run_arrays(b, 0)[name]),
                  'round trip: trained %s differs' % name)


def main():
    lib.binary()
    with tempfile.TemporaryDirectory(prefix='nnsweep-hdf5-') as folder:
        check_labels(folder)
        check_errors(folder)
        check_round_trip(folder)
    failures = [message for message in CHECKS if message]
    lib.report('test_user_data_hdf5', len(CHECKS), failures)


if __name__ == '__main__':
    main()

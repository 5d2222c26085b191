#!/usr/bin/python3
"""configs/data/iris.csv is what tools/prepare_iris.py writes from sklearn's
copy, and the csv dataset reads it as sklearn's load_iris(): the same X, the
species numbered as load_iris().target, named setosa, versicolor, virginica.

Usage: test_iris_csv.py NNSWEEP_BINARY
"""
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import nnsweep_testlib as lib  # pins numpy to libm-equal kernels; before numpy
from nnsweep_testlib import np
import h5py
from sklearn.datasets import load_iris

CONFIG = """\
name: iris
dataset: {name: csv, path: %s, label: species}
model: {hidden: [5], activation: tanh, output: softmax, init: {name: normal, scale: 0.5, seed: 1}}
loss: categorical_cross_entropy
optimizer: {name: gd, learning_rate: 0.1}
train: {iterations: 30}
"""

checks, failures = 0, []


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)


committed = os.path.join(lib.SOURCE_DIR, 'configs', 'data', 'iris.csv')
script = os.path.join(lib.SOURCE_DIR, 'tools', 'prepare_iris.py')
with tempfile.TemporaryDirectory(prefix='nnsweep-iris-') as folder:
    written = os.path.join(folder, 'iris.csv')
    subprocess.run([sys.executable, script, written], check=True, capture_output=True)
    with open(written, 'rb') as a, open(committed, 'rb') as b:
        check(a.read() == b.read(), 'prepare_iris.py no longer writes the committed iris.csv')

    lines = lib.nnsweep('dataset', 'csv', 'path=' + committed).splitlines()
    rows = np.array([[float(cell) for cell in line.split(',')] for line in lines[1:]])
    iris = load_iris()
    check(lines[0] == 'x0,x1,x2,x3,y', 'header %r' % lines[0])
    check(np.array_equal(rows[:, :4], iris.data), 'X differs from load_iris().data')
    check(np.array_equal(rows[:, 4], iris.target), 'y differs from load_iris().target')

    config = os.path.join(folder, 'iris.yaml')
    with open(config, 'w') as out:
        out.write(CONFIG % committed)
    results = os.path.join(folder, 'iris.h5')
    lib.nnsweep('run', config, '--out', results, '--quiet')
    with h5py.File(results, 'r') as f:
        group = next(iter(f['datasets'].values()))
        names = [lib.text(name) for name in group['class_names'][()]]
        check(names == list(iris.target_names), 'class names %s' % names)
        check(np.array_equal(group['y'][()], iris.target), 'stored y differs from the target')
lib.report('test_iris_csv', checks, failures)

#!/usr/bin/python3
"""Results files open in h5py and xarray, and their weights reproduce the stored
final cost and accuracy through the seed post's numpy forward pass.

Usage: test_results_interop.py NNSWEEP_BINARY
"""
import sys
import os
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import nnsweep_testlib as lib  # pins numpy to libm-equal kernels; before numpy
from nnsweep_testlib import np
import h5py
from results_support import run_arrays
import xarray

CHECKS = []


def check(condition, message):
    CHECKS.append(None if condition else message)


def sigmoid(X):
    return 1 / (1 + np.exp(-X))


def forward(X, weights, biases):
    """The post's forward_propagation: tanh hidden layers, a sigmoid output."""
    A = X
    for W, b in zip(weights[:-1], biases[:-1]):
        A = np.tanh(np.dot(W, A) + b)
    return sigmoid(np.dot(weights[-1], A) + biases[-1])


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), (1 - Y))
    return float(np.squeeze(-(1 / m) * np.sum(logprobs)))


def check_file(path, hidden, label):
    with h5py.File(path, 'r') as f:
        check(lib.text(f.attrs.get('format')) == 'nnsweep', '%s: format attribute' % label)
        check(f.attrs.get('format_version') == 6, '%s: format_version' % label)
        config = lib.text(f['config'][()])
        check(isinstance(config, str) and 'moons' in config, '%s: /config' % label)
        run = run_arrays(f, 0)
        sizes = [2] + hidden + [1]
        weights, biases = [], []
        for layer in range(1, len(sizes)):
            W, b = run['W%d' % layer][()], run['b%d' % layer][()]
            check(W.shape == (sizes[layer], sizes[layer - 1]),
                  '%s: W%d shape %s' % (label, layer, W.shape))
            check(b.shape == (sizes[layer], 1), '%s: b%d shape %s' % (label, layer, b.shape))
            weights.append(W)
            biases.append(b)
        check('W%d' % len(sizes) not in run, '%s: one layer too many' % label)
        summary = f['summary']
        final_cost = float(summary['train.cost'][0])
        accuracy = float(summary['train.accuracy'][0])
        curve = summary['cost'][0]
        check(lib.text(summary['status'][0]) == 'ok', '%s: status' % label)

    X, Y = lib.post_moons(0, 200, 0.2)
    A2 = forward(X, weights, biases)
    cost = compute_cost(A2, Y)
    check(abs(cost - final_cost) <= 1e-12 * abs(final_cost),
          '%s: numpy cost %.17g != stored train.cost %.17g' % (label, cost, final_cost))
    numpy_accuracy = float(np.mean((A2 > 0.5) == Y))
    check(numpy_accuracy == accuracy,
          '%s: numpy accuracy %r != stored %r' % (label, numpy_accuracy, accuracy))

    ds = xarray.open_dataset(path, group='summary', engine='h5netcdf')
    try:
        check(set(ds.dims) == {'run', 'step'}, '%s: xarray dims %s' % (label, dict(ds.dims)))
        check(not any('phony' in str(d) for d in ds.dims), '%s: phony dims' % label)
        frame = ds.to_dataframe()
        check(len(frame) == ds.sizes['run'] * ds.sizes['step'], '%s: dataframe rows' % label)
        check(ds['cost'].dims == ('run', 'step'), '%s: cost dims %s' % (label, ds['cost'].dims))
        check(float(ds['train.cost'][0]) == final_cost, '%s: xarray train.cost' % label)
    finally:
        ds.close()
    return curve


def main():
    lib.binary()
    seed_config = os.path.join(lib.SOURCE_DIR, 'configs', 'seed_moons.yaml')
    with tempfile.TemporaryDirectory(prefix='nnsweep-interop-') as scratch:
        seed_out = os.path.join(scratch, 'seed.h5')
        deep_out = os.path.join(scratch, 'deep.h5')
        lib.nnsweep('run', seed_config, '--out', seed_out, '--quiet')
        lib.nnsweep('run', seed_config, '--out', deep_out, '--quiet',
                    '--set', 'model.hidden=[20,20]', '--set', 'train.iterations=500',
                    '--set', 'train.log_every=0')

        curve = check_file(seed_out, [1], 'seed')
        check(len(curve) == 10000, 'seed: cost curve has %d values' % len(curve))
        check('%f' % curve[0] == '0.693127', 'seed: first cost %r' % curve[0])
        check('%f' % curve[1000] == '0.671018', 'seed: cost at 1000 %r' % curve[1000])

        curve = check_file(deep_out, [20, 20], 'deep')
        check(len(curve) == 500, 'deep: cost curve has %d values' % len(curve))
        with h5py.File(deep_out, 'r') as f:
            check('model.hidden' in f['summary'], 'deep: no /summary/model.hidden')
            if 'model.hidden' in f['summary']:
                value = lib.text(f['summary/model.hidden'][0])
                check(value == '[20, 20]', 'deep: model.hidden is %r' % value)
            check('model.hidden=[20, 20]' in lib.text(f['config'][()]),
                  'deep: /config does not record the --set')
        with xarray.open_dataset(deep_out, group='summary', engine='h5netcdf') as ds:
            check(str(ds['model.hidden'].values[0]) == '[20, 20]', 'deep: xarray model.hidden')
            check(ds['model.hidden'].dims == ('run',), 'deep: model.hidden dims')

    failures = [message for message in CHECKS if message]
    lib.report('test_results_interop', len(CHECKS), failures)


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""`nnsweep dataset moons` equals `np.random.seed(S); make_moons(N, noise, shuffle)`
bit for bit, for many seeds, sizes, noise levels and shuffle settings.

Usage: test_dataset_matches_sklearn.py NNSWEEP_BINARY
"""
import sys
import io

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import nnsweep_testlib as lib  # pins numpy to libm-equal kernels; before numpy
from nnsweep_testlib import np, make_moons

SEEDS = [0, 1, 2, 42, 12345, 2**31 - 1, 2**31, 2**32 - 2, 2**32 - 1]
NOISES = [0, 0.05, 0.2, 0.35, 1.5, 100.0]


def cases():
    # Every combination for the smallest sizes: empty outer moon, one point each...
    for n in (1, 2, 3):
        for seed in SEEDS:
            for shuffle in (True, False):
                for noise in (0, 0.2):
                    yield seed, n, noise, shuffle
    # Odd and even sizes up to several thousand, noise and shuffle rotating.
    i = 0
    for n in (4, 5, 6, 7, 10, 99, 100, 101, 200, 333, 1000, 1001, 4000, 5001, 8192):
        for seed in SEEDS:
            yield seed, n, NOISES[i % len(NOISES)], i % 3 != 2
            i += 1


def nnsweep_moons(seed, n, noise, shuffle):
    out = lib.nnsweep('dataset', 'moons', 'n_samples=%d' % n, 'noise=%r' % noise,
                      'seed=%d' % seed, 'shuffle=%s' % ('true' if shuffle else 'false'))
    header, _, _ = out.partition('\n')
    assert header == 'x0,x1,y', 'header %r' % header
    data = np.loadtxt(io.StringIO(out), delimiter=',', skiprows=1, ndmin=2)
    assert data.shape == (n, 3), 'shape %s for n_samples=%d' % (data.shape, n)
    return data[:, :2].copy(), data[:, 2]


def sklearn_moons(seed, n, noise, shuffle):
    np.random.seed(seed)
    X, y = make_moons(n, noise=noise or None, shuffle=shuffle)
    return X, y


def first_difference(got, expected):
    bits_got, bits_expected = got.view(np.uint64), expected.view(np.uint64)
    index = np.argwhere(bits_got != bits_expected)[0]
    return 'first difference at %s: %r != %r' % (tuple(index), got[tuple(index)],
                                                  expected[tuple(index)])


def main():
    lib.binary()
    checks, failures = 0, []
    for seed, n, noise, shuffle in cases():
        checks += 1
        label = 'seed=%d n_samples=%d noise=%r shuffle=%s' % (seed, n, noise, shuffle)
        try:
            X, y = nnsweep_moons(seed, n, noise, shuffle)
            X_ref, y_ref = sklearn_moons(seed, n, noise, shuffle)
            assert X.dtype == X_ref.dtype == np.float64
            if not np.array_equal(X.view(np.uint64), X_ref.view(np.uint64)):
                failures.append('%s: X differs, %s' % (label, first_difference(X, X_ref)))
            elif not np.array_equal(y, y_ref):
                failures.append('%s: labels differ' % label)
        except AssertionError as error:
            failures.append('%s: %s' % (label, error))
    # Sanity: the cases cover what they claim to.
    assert checks > 200, checks
    lib.report('test_dataset_matches_sklearn', checks, failures)


if __name__ == '__main__':
    main()

"""Shared helpers of the Python interop tests (run by Debian's /usr/bin/python3).

Importing this module pins numpy to its baseline (SSE3) kernels before numpy is
imported, exactly as tests/fixtures/generate_fixtures.py does: numpy 1.24
dispatches sin/cos/exp/log/tanh to AVX2/AVX512 kernels that differ from glibc's
libm in the last bit, and nnsweep computes with libm.
"""
import os
import subprocess
import sys
import warnings

DISPATCHED = ('SSSE3 SSE41 POPCNT SSE42 AVX F16C FMA3 AVX2 '
              'AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL')
assert 'numpy' not in sys.modules, 'import nnsweep_testlib before numpy'
os.environ['NPY_DISABLE_CPU_FEATURES'] = DISPATCHED
with warnings.catch_warnings():
    warnings.simplefilter('ignore', RuntimeWarning)  # features this CPU lacks
    import numpy as np
    from numpy.core._multiarray_umath import __cpu_features__
    from sklearn.datasets import make_moons
assert not any(__cpu_features__[f] for f in DISPATCHED.split()), 'SIMD dispatch still on'

SOURCE_DIR = os.environ.get('NNSWEEP_SOURCE_DIR',
                            os.path.dirname(os.path.dirname(os.path.dirname(
                                os.path.abspath(__file__)))))


def binary():
    """The nnsweep binary: the script's first argument."""
    if len(sys.argv) < 2:
        sys.exit('usage: %s NNSWEEP_BINARY' % sys.argv[0])
    return sys.argv[1]


def nnsweep(*args, expect=0):
    """Runs nnsweep with `args`; returns stdout. Fails unless it exits with `expect`."""
    done = subprocess.run([binary(), *map(str, args)], capture_output=True, text=True)
    if done.returncode != expect:
        raise AssertionError('nnsweep %s exited %d (expected %d)\nstdout: %s\nstderr: %s'
                             % (' '.join(map(str, args)), done.returncode, expect,
                                done.stdout[-2000:], done.stderr[-2000:]))
    return done.stdout


def post_moons(seed, n_samples, noise, shuffle=True):
    """The post's data step: seed the global generator, then make_moons without
    random_state. Returns X (2, m) and Y (1, m) as the post lays them out."""
    np.random.seed(seed)
    X, y = make_moons(n_samples, noise=noise, shuffle=shuffle)
    return X.T, y.reshape(1, -1)


def text(value):
    """An HDF5 string (bytes, str or a 0-d object array) as str."""
    if isinstance(value, np.ndarray):
        value = value[()]
    return value.decode() if isinstance(value, bytes) else value


def report(name, checks, failures):
    """Prints the one-line summary and exits non-zero when anything failed."""
    if failures:
        for failure in failures:
            print('FAIL:', failure)
        print('%s: %d of %d checks failed' % (name, len(failures), checks))
        sys.exit(1)
    print('%s: all %d checks passed' % (name, checks))

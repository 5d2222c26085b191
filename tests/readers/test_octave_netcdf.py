#!/usr/bin/python3
"""Octave reads the results file through its netcdf package (Debian's
octave-netcdf), as MATLAB's ncread would: the plan indices, a metric and a
cost curve bit for bit equal to h5py's (printed with 17 digits), and the
status and swept text keys from /summary/chars, the character-matrix copies
of the text columns, equal to the variable-length text h5py reads.

usage: test_octave_netcdf.py NNSWEEP_BINARY
"""
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from readers_support import check, close, finish, reference, results_file, scratch

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'read_results.m')


def main():
    if shutil.which('octave') is None:
        print('SKIP: octave not found (Debian packages octave and octave-netcdf)')
        sys.exit(77)
    with scratch() as folder:
        path = results_file(folder)
        expected = reference(path)
        done = subprocess.run(['octave', '--no-gui', '--quiet', '--no-window-system', SCRIPT,
                               path], capture_output=True, text=True, cwd=folder)
        check(done.returncode == 0, 'octave failed (%d): %s' % (done.returncode,
                                                                done.stderr[-1500:]))
        lines = done.stdout.strip().splitlines()
        curve = [line for line in lines if line.startswith('cost of run')]
        rows = [line.split('\t') for line in lines if line and line[0].isdigit()]
        check(len(rows) == len(expected['run']), 'Octave read %d runs, not %d: %s'
              % (len(rows), len(expected['run']), done.stdout[-1000:]))
        if rows:
            check([int(r[0]) for r in rows] == list(expected['run']), 'Octave: other runs')
            for column, key in ((1, 'status'), (2, 'model.hidden'), (3, 'model.activation')):
                got = [r[column] for r in rows]
                check(got == expected[key], 'Octave read another %s: %s' % (key, got))
            check(close([float(r[-1]) for r in rows], expected['train.cost']),
                  'Octave read another train.cost')
        check(len(curve) == 1, 'Octave printed no cost curve')
        if curve:
            run, _, values = curve[0][len('cost of run'):].partition(':')
            check(int(run) == expected['run'][1], 'Octave printed the curve of another run')
            check(close([float(v) for v in values.split()], expected['cost'][1]),
                  'Octave read another cost curve: ' + values)
    finish('Octave netcdf')


main()

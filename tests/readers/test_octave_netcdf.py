#!/usr/bin/python3
"""Octave reads the results file through its netcdf package (Debian's
octave-netcdf), as MATLAB's ncread would: the plan indices, a metric and a
cost curve bit for bit equal to h5py's (printed with 17 digits), and the
status and swept text keys from /summary/chars, the character-matrix copies
of the text columns, equal to the variable-length text h5py reads.

usage: test_octave_netcdf.py NNSWEEP_BINARY
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from readers_support import check, check_curve, close, finish, run_reader

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'read_results.m')


def main():
    expected, output = run_reader(['octave', '--no-gui', '--quiet', '--no-window-system', SCRIPT],
                                  'octave and octave-netcdf')
    table = check_curve(output, expected, 'Octave')
    rows = [line.split('\t') for line in table.splitlines() if line and line[0].isdigit()]
    check(len(rows) == len(expected['run']), 'Octave read %d runs, not %d: %s'
          % (len(rows), len(expected['run']), output[-1000:]))
    if rows:
        check([int(r[0]) for r in rows] == list(expected['run']), 'Octave: other runs')
        for column, key in ((1, 'status'), (2, 'model.hidden'), (3, 'model.activation')):
            got = [r[column] for r in rows]
            check(got == expected[key], 'Octave read another %s: %s' % (key, got))
        check(close([float(r[-1]) for r in rows], expected['train.cost']),
              'Octave read another train.cost')
    finish('Octave netcdf')


main()

#!/usr/bin/python3
"""R reads the results file through hdf5r (Debian's r-cran-hdf5r): the
summary as a data.frame, one row per run with its swept keys, status and
metrics, and a run's cost curve; every number equals h5py's bit for bit
(printed with 17 digits), every text the same text.

usage: test_r_hdf5r.py NNSWEEP_BINARY
"""
import csv
import io
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from readers_support import check, check_curve, close, finish, run_reader

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'read_results.R')


def main():
    expected, output = run_reader(['Rscript', SCRIPT], 'r-base-core and r-cran-hdf5r')
    table = check_curve(output, expected, 'R')
    rows = list(csv.DictReader(io.StringIO(table)))
    check(len(rows) == len(expected['run']), 'R read %d runs, not %d'
          % (len(rows), len(expected['run'])))
    check([int(r['run']) for r in rows] == list(expected['run']), 'R read other run numbers')
    for key in ('status', 'model.hidden', 'model.activation'):
        check([r[key] for r in rows] == expected[key], 'R read another ' + key)
    r_cost = [float('nan') if r['train.cost'] == 'NA' else float(r['train.cost']) for r in rows]
    check(close(r_cost, expected['train.cost'], 0.0), 'R read another train.cost')
    finish('R hdf5r')


main()

#!/usr/bin/python3
"""netCDF readers see the results file with its conventions: ncdump lists
every group with named dimensions only (no phony_dim_N); xarray's netcdf4 and
h5netcdf engines open every group without `phony_dims`; every summary
variable has a long_name, wall_time_s its units, the curves their NaN padding
as _FillValue, the root its Conventions; /summary/chars holds the text
columns as character matrices; nccopy copies the file and the copy holds the
same numbers.

usage: test_netcdf_readers.py NNSWEEP_BINARY
"""
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import h5py
import numpy as np
import xarray

from readers_support import check, close, finish, reference, results_file, scratch, text


def groups(path):
    """Every group of the file, as xarray's `group=` names them."""
    names = ['/']
    with h5py.File(path, 'r') as f:
        f.visititems(lambda name, item: names.append('/' + name)
                     if isinstance(item, h5py.Group) else None)
    return names


def check_ncdump(path):
    header = subprocess.run(['ncdump', '-h', path], capture_output=True, text=True)
    check(header.returncode == 0, 'ncdump -h fails: ' + header.stderr[-500:])
    check('phony_dim' not in header.stdout, 'ncdump shows phony dimensions:\n' +
          '\n'.join(line for line in header.stdout.splitlines() if 'phony' in line)[:1000])
    check(':Conventions = "CF-1.10"' in header.stdout, 'ncdump shows no Conventions')
    check('cost:_FillValue = NaN' in header.stdout, 'ncdump shows no _FillValue for cost')
    check('char status(run, status_length)' in header.stdout,
          'ncdump shows no character matrix for status')


def check_engines(path, expected):
    for engine in ('netcdf4', 'h5netcdf'):
        for group in groups(path):
            try:
                with xarray.open_dataset(path, group=group, engine=engine) as ds:
                    ds.load()
            except Exception as error:  # the failure to report, whatever it is
                check(False, '%s cannot open %s: %s' % (engine, group, error))
        with xarray.open_dataset(path, group='summary', engine=engine) as ds:
            check(close(ds['train.cost'].values, expected['train.cost']),
                  engine + ': train.cost differs from h5py')
            check(close(ds['cost'].values, expected['cost']), engine + ': cost differs')
            check(ds['wall_time_s'].attrs.get('units') == 's', engine + ': wall_time_s has no units')
            for name, variable in ds.variables.items():
                check(bool(variable.attrs.get('long_name')), '%s: %s has no long_name'
                      % (engine, name))
            check(list(ds['run'].values) == list(expected['run']), engine + ': run coordinate')
        try:
            with xarray.open_dataset(path, group='summary/chars', engine=engine) as chars:
                status = text(chars['status'].values)
        except OSError as error:  # no such group
            status = error
        check(status == expected['status'], '%s: chars/status is %s, not %s'
              % (engine, status, expected['status']))


def check_attributes(path):
    with h5py.File(path, 'r') as f:
        check(f.attrs['format_version'] == 6, 'format_version is not 6')
        for name in ('cost', 'test_cost'):
            fill = f['summary'][name].attrs.get('_FillValue')
            check(fill is not None and np.isnan(fill) and fill.dtype == np.float64,
                  name + ' declares no float64 NaN _FillValue')
            check(np.isnan(f['summary'][name].fillvalue), name + "'s HDF5 fill value is not NaN")
        for name in ('W1', 'b2'):
            check(np.isnan(f['runs'][name].attrs.get('_FillValue', 0.0)),
                  '/runs/%s declares no NaN _FillValue' % name)
        data = next(iter(f['datasets'].values()))
        check(data['X'].attrs.get('long_name') == 'inputs, one example per row',
              '/datasets X has no long_name')


def check_nccopy(path, expected, folder):
    copy = os.path.join(folder, 'copy.nc')
    done = subprocess.run(['nccopy', path, copy], capture_output=True, text=True)
    check(done.returncode == 0, 'nccopy fails: ' + done.stderr[-500:])
    if done.returncode != 0:
        return
    with xarray.open_dataset(copy, group='summary', engine='netcdf4') as ds:
        check(close(ds['train.cost'].values, expected['train.cost']),
              'the nccopy copy holds another train.cost')
        check(close(ds['cost'].values, expected['cost']),
              'the nccopy copy holds other cost curves')
        check(text(ds['status'].values) == expected['status'], 'the copy holds another status')


def main():
    with scratch() as folder:
        path = results_file(folder)
        expected = reference(path)
        check('diverged' in expected['status'], 'the experiment has no diverged run to pad')
        check_ncdump(path)
        check_engines(path, expected)
        check_attributes(path)
        check_nccopy(path, expected, folder)
    finish('netcdf readers')


main()

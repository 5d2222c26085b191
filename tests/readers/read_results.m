% Reads an nnsweep results file with Octave's netcdf package, as a MATLAB
% user would with ncread: numbers as they are, text columns from
% /summary/chars (netCDF character matrices; neither reader has
% variable-length strings). Prints them for tests/readers/test_octave_netcdf.py.
% usage: octave --no-gui --quiet read_results.m RESULTS.h5
pkg load netcdf
args = argv();
path = args{1};
run = ncread(path, '/summary/run');
train_cost = ncread(path, '/summary/train.cost');
% ncread gives an HDF5 (run, width) matrix as width x run, and (run, step) as step x run.
status = deblank(cellstr(ncread(path, '/summary/chars/status')'));
hidden = deblank(cellstr(ncread(path, '/summary/chars/model.hidden')'));
activation = deblank(cellstr(ncread(path, '/summary/chars/model.activation')'));
cost = ncread(path, '/summary/cost');
for k = 1:numel(run)
  printf('%d\t%s\t%s\t%s\t%.17g\n', run(k), status{k}, hidden{k}, activation{k}, train_cost(k));
end
printf('cost of run %d:', run(2));
printf(' %.17g', cost(:, 2));
printf('\n');

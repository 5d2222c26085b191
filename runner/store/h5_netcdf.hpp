#pragma once
// What netCDF readers (ncdump, xarray's netcdf4 and h5netcdf engines, R,
// Octave's netcdf package, MATLAB's ncread) need beyond plain HDF5: the
// attributes the netCDF user guide and the CF conventions give meaning to,
// dimensions without coordinate variables, and strings as character
// matrices for readers that have no variable-length strings.
//
// Same threading rule as store/h5.hpp: one thread at a time.
#include <string>
#include <vector>

#include "store/h5.hpp"

namespace nnsweep::h5 {

// The last component of an object's path ("train.cost" for /summary/train.cost).
std::string object_name(hid_t object);

// `long_name`, and `units` unless empty (UDUNITS spelling: "s").
void describe(hid_t object, const std::string& long_name, const std::string& units = "");

// The attribute `_FillValue` = NaN (float64, the dataset's own type), for a
// float64 dataset created with NaN as its HDF5 fill value (Storage::nan_fill,
// Element::float64 rows): readers then know the NaN padding for what it is.
void declare_nan_fill(hid_t dataset);

// Character matrices, netCDF's NC_CHAR: rows x width single bytes, each row a
// value padded with NUL (fixed-size strings of length 1, as netCDF itself
// writes NC_CHAR). `width` is at least the longest value and at least 1.
Handle write_char_rows(hid_t parent, const std::string& name, const std::vector<std::string>& rows,
                       hsize_t width);

// A netCDF dimension that is not a variable: a dimension scale named with
// netCDF's marker text, so netCDF and xarray list the dimension without a
// coordinate variable of that name.
Handle write_bare_dimension(hid_t parent, const std::string& name, hsize_t size);

}  // namespace nnsweep::h5

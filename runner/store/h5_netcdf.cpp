#include "store/h5_netcdf.hpp"

#include <H5DSpublic.h>

#include <algorithm>
#include <limits>

namespace nnsweep::h5 {

std::string object_name(hid_t object) {
  const ssize_t size = H5Iget_name(object, nullptr, 0);
  if (size < 0) throw H5Error("HDF5: cannot get an object's name");
  std::string path(static_cast<std::size_t>(size) + 1, '\0');
  H5Iget_name(object, path.data(), path.size());
  path.resize(static_cast<std::size_t>(size));
  return path.substr(path.rfind('/') + 1);
}

void describe(hid_t object, const std::string& long_name, const std::string& units) {
  write_attribute(object, "long_name", long_name);
  if (!units.empty()) write_attribute(object, "units", units);
}

void declare_nan_fill(hid_t dataset) {
  write_attribute(dataset, "_FillValue", std::numeric_limits<double>::quiet_NaN());
}

Handle write_char_rows(hid_t parent, const std::string& name, const std::vector<std::string>& rows,
                       hsize_t width) {
  std::vector<char> bytes(rows.size() * width, '\0');
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() > width) throw H5Error("HDF5: " + name + " is wider than its dimension");
    std::copy(rows[i].begin(), rows[i].end(),
              bytes.begin() + static_cast<std::ptrdiff_t>(i * width));
  }
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "create a character type");
  check(H5Tset_size(type, 1), "size a character type");
  const hsize_t dims[] = {rows.size(), width};
  Handle space(H5Screate_simple(2, dims, nullptr), H5Sclose, "create a data space");
  // Chunked and compressed as long columns are (h5.hpp: column_storage).
  Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "create dataset properties");
  if (rows.size() >= kChunkedColumn && width > 0) {
    const hsize_t chunk[] = {std::clamp<hsize_t>(kColumnChunk / width, 1, rows.size()), width};
    check(H5Pset_chunk(properties, 2, chunk), "chunk " + name);
    check(H5Pset_deflate(properties, 4), "compress " + name);
  }
  Handle dataset(
      H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, properties, H5P_DEFAULT), H5Dclose,
      "create dataset " + name);
  if (!bytes.empty()) {
    check(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), "write " + name);
  }
  return dataset;
}

Handle write_bare_dimension(hid_t parent, const std::string& name, hsize_t size) {
  // netCDF-4 writes such a dimension as a float32 dataset of its size that
  // is never read; its scale name carries the marker (and the size).
  Handle space(H5Screate_simple(1, &size, nullptr), H5Sclose, "create a data space");
  Handle dataset(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 H5Dclose, "create dimension " + name);
  const std::string marker =
      "This is a netCDF dimension but not a netCDF variable." +
      std::string(10 - std::min<std::size_t>(10, std::to_string(size).size()), ' ') +
      std::to_string(size);
  check(H5DSset_scale(dataset, marker.c_str()), "make dimension " + name);
  return dataset;
}

}  // namespace nnsweep::h5

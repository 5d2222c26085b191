#include "store/h5_rows.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace nnsweep::h5 {
namespace {

// The file's selection of rows [first, first + count), and a memory space of that shape.
struct Selection {
  Handle file_space, memory_space;
};
Selection select_rows(hid_t dataset, hsize_t first, hsize_t count) {
  Selection selection{Handle(H5Dget_space(dataset), H5Sclose, "get a data space"), {}};
  const int rank = H5Sget_simple_extent_ndims(selection.file_space);
  if (rank < 1) throw H5Error("HDF5: a row dataset has no rows");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(selection.file_space, dims.data(), nullptr);
  if (first + count > dims[0]) throw H5Error("HDF5: rows beyond the dataset");
  std::vector<hsize_t> start(dims.size(), 0), shape = dims;
  start[0] = first;
  shape[0] = count;
  // Nothing to write (no rows, or rows of no values): no space, which HDF5 cannot select.
  for (hsize_t extent : shape) {
    if (extent == 0) return selection;
  }
  check(H5Sselect_hyperslab(selection.file_space, H5S_SELECT_SET, start.data(), nullptr,
                            shape.data(), nullptr),
        "select rows");
  selection.memory_space =
      Handle(H5Screate_simple(rank, shape.data(), nullptr), H5Sclose, "create a memory space");
  return selection;
}

void write_selected(hid_t dataset, hsize_t first, hsize_t count, hid_t type, const void* data) {
  const Selection selection = select_rows(dataset, first, count);
  if (selection.memory_space.id() < 0) return;
  check(H5Dwrite(dataset, type, selection.memory_space, selection.file_space, H5P_DEFAULT, data),
        "write rows");
}

}  // namespace

Handle create_rows(hid_t parent, const std::string& name, Element element,
                   const std::vector<hsize_t>& dims, hsize_t rows_per_chunk) {
  Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
               "create a data space");
  Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "create dataset properties");
  // HDF5 cannot chunk an empty extent; a dataset of no runs stays contiguous.
  const bool empty = std::accumulate(dims.begin(), dims.end(), hsize_t{1},
                                     [](hsize_t a, hsize_t b) { return a * b; }) == 0;
  if (!empty) {
    std::vector<hsize_t> chunk = dims;
    chunk[0] = std::max<hsize_t>(1, std::min(rows_per_chunk, dims[0]));
    check(H5Pset_chunk(properties, static_cast<int>(chunk.size()), chunk.data()), "chunk " + name);
    if (element != Element::string) {
      check(H5Pset_shuffle(properties), "shuffle " + name);
      check(H5Pset_deflate(properties, 4), "compress " + name);
    }
  }
  Handle text;
  hid_t type = H5T_STD_I64LE;
  if (element == Element::float64) {
    type = H5T_IEEE_F64LE;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    check(H5Pset_fill_value(properties, H5T_NATIVE_DOUBLE, &nan), "fill " + name);
  } else if (element == Element::string) {
    text = utf8_string_type();
    type = text;
  }
  // No chunk cache: a block of rows is one whole chunk, written once, so
  // caching it only put off compressing and writing every chunk of /runs until
  // the file was closed, after the last run, instead of while runs train.
  Handle access(H5Pcreate(H5P_DATASET_ACCESS), H5Pclose, "create dataset access properties");
  check(H5Pset_chunk_cache(access, H5D_CHUNK_CACHE_NSLOTS_DEFAULT, 0, H5D_CHUNK_CACHE_W0_DEFAULT),
        "no chunk cache for " + name);
  return Handle(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, properties, access),
                H5Dclose, "create dataset " + name);
}

void write_rows(hid_t dataset, hsize_t first, hsize_t count, const double* data) {
  write_selected(dataset, first, count, H5T_NATIVE_DOUBLE, data);
}

void write_rows(hid_t dataset, hsize_t first, hsize_t count, const std::int64_t* data) {
  write_selected(dataset, first, count, H5T_NATIVE_INT64, data);
}

void write_rows(hid_t dataset, hsize_t first, const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const std::string& value : values) pointers.push_back(value.c_str());
  Handle type = utf8_string_type();
  write_selected(dataset, first, values.size(), type, pointers.data());
}

Handle write_index_scale(hid_t parent, const std::string& name, hsize_t size) {
  std::vector<std::int64_t> values(size);
  std::iota(values.begin(), values.end(), std::int64_t{0});
  Handle scale = write_int64s(parent, name, {size}, values.data());
  make_dimension_scale(scale, name);
  return scale;
}

}  // namespace nnsweep::h5

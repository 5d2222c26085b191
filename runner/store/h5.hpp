#pragma once
// Small RAII wrappers over the HDF5 C API, and the typed reads and writes the
// results file needs. Every failure throws H5Error; nothing prints to stderr.
//
// Threading: HDF5 here is the serial, non-thread-safe build. Only one thread
// may call into this file's functions at a time; the runner keeps all HDF5 work
// on one thread.
#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace nnsweep::h5 {

class H5Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Owns one hid_t and closes it with the function for its kind.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer, const std::string& what);
  Handle(Handle&& other) noexcept { *this = std::move(other); }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t id() const { return id_; }
  operator hid_t() const { return id_; }
  void reset();

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// `values`, read from the dataset `name`, when it holds exactly `count`
// entries; otherwise throws H5Error saying so. A damaged or crafted results
// file can hold datasets of any length: checked before indexing them.
template <class T>
const std::vector<T>& expect_count(const std::vector<T>& values, std::size_t count,
                                   const std::string& name) {
  if (values.size() != count) {
    throw H5Error(name + " holds " + std::to_string(values.size()) + " values, not " +
                  std::to_string(count) + ": the file is damaged");
  }
  return values;
}

// Throws H5Error("HDF5: cannot WHAT") when an HDF5 call returned failure.
void check(herr_t status, const std::string& what);
// The type every string is written as: variable-length UTF-8.
Handle utf8_string_type();

// Silences HDF5's own error printing; call once before any other HDF5 call.
void quiet_errors();

Handle create_file(const std::string& path);  // fails if the file exists
Handle open_file(const std::string& path, bool writable = false);
Handle create_group(hid_t parent, const std::string& name);
Handle open_group(hid_t parent, const std::string& name);
Handle open_dataset(hid_t parent, const std::string& name);
bool exists(hid_t parent, const std::string& name);
std::vector<std::string> member_names(hid_t group);
void flush(hid_t file);

// Attributes (scalars and variable-length UTF-8 strings).
void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, std::int64_t value);
void write_attribute(hid_t object, const std::string& name, double value);
bool has_attribute(hid_t object, const std::string& name);
std::vector<std::string> attribute_names(hid_t object);
std::string read_string_attribute(hid_t object, const std::string& name);
std::int64_t read_int_attribute(hid_t object, const std::string& name);

// Datasets. `dims` may be empty for a scalar. Arrays are row-major (C order).
struct Storage {
  bool compressed = false;  // chunked as `chunk`, shuffle + deflate
  std::vector<hsize_t> chunk;
  bool nan_fill = false;  // NaN is the fill value, declared as _FillValue too
};
// 1-D datasets of kChunkedColumn elements or more (a column of many runs) are
// written chunked by kColumnChunk and compressed, unless a Storage says
// otherwise, so that a reader can take part of a column of a million runs
// without reading all of it.
constexpr hsize_t kChunkedColumn = 4096;
constexpr hsize_t kColumnChunk = 65536;
Storage column_storage(hsize_t elements);
Handle write_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                     const double* data, const Storage& storage = {});
Handle write_int64s(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                    const std::int64_t* data);
Handle write_uint8s(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                    const std::uint8_t* data);
Handle write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values);
Handle write_string(hid_t parent, const std::string& name, const std::string& value);

std::vector<hsize_t> dataset_dims(hid_t dataset);
std::vector<double> read_doubles(hid_t dataset);
std::vector<std::int64_t> read_int64s(hid_t dataset);
std::vector<std::string> read_strings(hid_t dataset);  // 1-D or scalar
// "float64", "int64", "uint8" or "string": how a summary column was stored.
std::string element_kind(hid_t dataset);

// Dimension scales (netCDF-4 conventions, which xarray and ncdump understand).
void make_dimension_scale(hid_t dataset, const std::string& dimension_name);
void attach_dimension_scale(hid_t dataset, hid_t scale, unsigned index);

}  // namespace nnsweep::h5

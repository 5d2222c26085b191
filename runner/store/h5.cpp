#include "store/h5.hpp"

#include <H5DSpublic.h>

#include <limits>

namespace nnsweep::h5 {
namespace {

// Whether an HDF5 object failed to close (a file that could not be flushed,
// on a full disk): the library then still counts it as open.
bool g_close_failed = false;

// HDF5 shuts itself down at exit by closing every object still open; for a
// file whose close already failed, that crashed inside libhdf5 (a segfault
// after "cannot flush the file", issue 11). So nnsweep shuts it down itself,
// from this object's destructor at exit, and only when every close succeeded;
// otherwise it leaves the half-closed objects to the process's end (the
// temporary file they belong to is removed, never published). Constructed
// before main, so before any HDF5 call, as H5dont_atexit requires.
struct LibraryLifetime {
  LibraryLifetime() { H5dont_atexit(); }
  ~LibraryLifetime() {
    if (!g_close_failed) H5close();
  }
} g_library;

hid_t checked(hid_t id, const std::string& what) {
  if (id < 0) throw H5Error("HDF5: cannot " + what);
  return id;
}

Handle simple_space(const std::vector<hsize_t>& dims) {
  if (dims.empty()) return Handle(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
  return Handle(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
                "create a data space");
}

Handle write_array(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                   hid_t file_type, hid_t memory_type, const void* data, Storage storage = {}) {
  Handle space = simple_space(dims);
  Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "create dataset properties");
  if (!storage.compressed && dims.size() == 1) storage = column_storage(dims[0]);
  if (storage.compressed) {
    check(H5Pset_chunk(properties, static_cast<int>(storage.chunk.size()), storage.chunk.data()),
          "chunk " + name);
    check(H5Pset_shuffle(properties), "shuffle " + name);
    check(H5Pset_deflate(properties, 4), "compress " + name);
  }
  if (storage.nan_fill) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    check(H5Pset_fill_value(properties, H5T_NATIVE_DOUBLE, &nan), "set the fill of " + name);
  }
  Handle dataset(
      H5Dcreate2(parent, name.c_str(), file_type, space, H5P_DEFAULT, properties, H5P_DEFAULT),
      H5Dclose, "create dataset " + name);
  check(H5Dwrite(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write " + name);
  return dataset;
}

std::size_t element_count(hid_t dataset) {
  std::size_t count = 1;
  for (hsize_t dim : dataset_dims(dataset)) count *= dim;
  return count;
}

}  // namespace

void check(herr_t status, const std::string& what) {
  if (status < 0) throw H5Error("HDF5: cannot " + what);
}

Handle utf8_string_type() {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "create a string type");
  check(H5Tset_size(type, H5T_VARIABLE), "size a string type");
  check(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
  return type;
}

Handle::Handle(hid_t id, Closer closer, const std::string& what)
    : id_(checked(id, what)), closer_(closer) {}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = other.id_;
    closer_ = other.closer_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

void Handle::reset() {
  if (id_ >= 0 && closer_ && closer_(id_) < 0) g_close_failed = true;
  id_ = H5I_INVALID_HID;
}

void quiet_errors() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Handle create_file(const std::string& path) {
  Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create file access properties");
  // Oldest format that has what we use, so that older readers (netCDF, MATLAB) open it.
  check(H5Pset_libver_bounds(access, H5F_LIBVER_EARLIEST, H5F_LIBVER_LATEST), "set versions");
  return Handle(H5Fcreate(path.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, access), H5Fclose,
                "create " + path);
}

Handle open_file(const std::string& path, bool writable) {
  return Handle(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, H5P_DEFAULT),
                H5Fclose, "open " + path + " as an HDF5 file");
}

Handle create_group(hid_t parent, const std::string& name) {
  return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                "create group " + name);
}

Handle open_group(hid_t parent, const std::string& name) {
  return Handle(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), H5Gclose, "open group " + name);
}

Handle open_dataset(hid_t parent, const std::string& name) {
  return Handle(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + name);
}

bool exists(hid_t parent, const std::string& name) {
  return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0;
}

namespace {

// `count` names read by index with an HDF5 "get name by index" call, which
// returns the length when given no buffer and fills one otherwise.
template <class NameAt>
std::vector<std::string> names_by_index(hsize_t count, NameAt name_at, const char* what) {
  std::vector<std::string> names;
  for (hsize_t i = 0; i < count; ++i) {
    const ssize_t size = name_at(i, nullptr, 0);
    if (size < 0) throw H5Error(std::string("HDF5: cannot read ") + what);
    std::string name(static_cast<std::size_t>(size), '\0');
    name_at(i, name.data(), name.size() + 1);
    names.push_back(name);
  }
  return names;
}

}  // namespace

std::vector<std::string> member_names(hid_t group) {
  H5G_info_t info;
  check(H5Gget_info(group, &info), "list a group");
  return names_by_index(
      info.nlinks,
      [&](hsize_t i, char* buffer, std::size_t size) {
        return H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, buffer, size,
                                  H5P_DEFAULT);
      },
      "a member name");
}

std::vector<std::string> attribute_names(hid_t object) {
  H5O_info_t info;  // HDF5 1.10 API (Debian 12)
  check(H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS), "count attributes");
  return names_by_index(
      info.num_attrs,
      [&](hsize_t i, char* buffer, std::size_t size) {
        return H5Aget_name_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, buffer, size,
                                  H5P_DEFAULT);
      },
      "an attribute name");
}

void flush(hid_t file) {
  check(H5Fflush(file, H5F_SCOPE_GLOBAL), "flush the file");
}

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  Handle type = utf8_string_type();
  Handle space = simple_space({});
  Handle attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose, "create attribute " + name);
  const char* text = value.c_str();
  check(H5Awrite(attribute, type, &text), "write attribute " + name);
}

void write_attribute(hid_t object, const std::string& name, std::int64_t value) {
  Handle space = simple_space({});
  Handle attribute(H5Acreate2(object, name.c_str(), H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose, "create attribute " + name);
  check(H5Awrite(attribute, H5T_NATIVE_INT64, &value), "write attribute " + name);
}

void write_attribute(hid_t object, const std::string& name, double value) {
  Handle space = simple_space({});
  Handle attribute(
      H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
      "create attribute " + name);
  check(H5Awrite(attribute, H5T_NATIVE_DOUBLE, &value), "write attribute " + name);
}

bool has_attribute(hid_t object, const std::string& name) {
  return H5Aexists(object, name.c_str()) > 0;
}

std::string read_string_attribute(hid_t object, const std::string& name) {
  Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + name);
  Handle type = utf8_string_type();
  char* text = nullptr;
  check(H5Aread(attribute, type, &text), "read attribute " + name);
  std::string value = text ? text : "";
  H5free_memory(text);
  return value;
}

std::int64_t read_int_attribute(hid_t object, const std::string& name) {
  Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + name);
  std::int64_t value = 0;
  check(H5Aread(attribute, H5T_NATIVE_INT64, &value), "read attribute " + name);
  return value;
}

Storage column_storage(hsize_t elements) {
  Storage storage;
  if (elements < kChunkedColumn) return storage;
  storage.compressed = true;
  storage.chunk = {std::min(elements, kColumnChunk)};
  return storage;
}

Handle write_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                     const double* data, const Storage& storage) {
  return write_array(parent, name, dims, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, data, storage);
}

Handle write_int64s(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                    const std::int64_t* data) {
  return write_array(parent, name, dims, H5T_STD_I64LE, H5T_NATIVE_INT64, data);
}

Handle write_uint8s(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                    const std::uint8_t* data) {
  return write_array(parent, name, dims, H5T_STD_U8LE, H5T_NATIVE_UINT8, data);
}

Handle write_strings(hid_t parent, const std::string& name,
                     const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const std::string& value : values) pointers.push_back(value.c_str());
  Handle type = utf8_string_type();
  return write_array(parent, name, {values.size()}, type, type, pointers.data());
}

Handle write_string(hid_t parent, const std::string& name, const std::string& value) {
  const char* text = value.c_str();
  Handle type = utf8_string_type();
  return write_array(parent, name, {}, type, type, &text);
}

std::vector<hsize_t> dataset_dims(hid_t dataset) {
  Handle space(H5Dget_space(dataset), H5Sclose, "get a data space");
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) throw H5Error("HDF5: cannot read a rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

std::vector<double> read_doubles(hid_t dataset) {
  std::vector<double> values(element_count(dataset));
  check(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        "read doubles");
  return values;
}

std::vector<std::int64_t> read_int64s(hid_t dataset) {
  std::vector<std::int64_t> values(element_count(dataset));
  check(H5Dread(dataset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        "read integers");
  return values;
}

std::vector<std::string> read_strings(hid_t dataset) {
  const std::size_t count = element_count(dataset);
  std::vector<char*> pointers(count, nullptr);
  Handle type = utf8_string_type();
  check(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "read strings");
  std::vector<std::string> values;
  for (char* text : pointers) {
    values.emplace_back(text ? text : "");
    H5free_memory(text);
  }
  return values;
}

std::string element_kind(hid_t dataset) {
  Handle type(H5Dget_type(dataset), H5Tclose, "get a data type");
  switch (H5Tget_class(type)) {
    case H5T_FLOAT:
      return "float64";
    case H5T_STRING:
      return "string";
    case H5T_INTEGER:
      return H5Tget_size(type) == 1 ? "uint8" : "int64";
    default:
      return "other";
  }
}

void make_dimension_scale(hid_t dataset, const std::string& dimension_name) {
  check(H5DSset_scale(dataset, dimension_name.c_str()), "make scale " + dimension_name);
}

void attach_dimension_scale(hid_t dataset, hid_t scale, unsigned index) {
  check(H5DSattach_scale(dataset, scale, index), "attach a dimension scale");
}

}  // namespace nnsweep::h5

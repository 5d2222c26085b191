#include "store/h5_input.hpp"

#include "store/h5.hpp"

namespace nnsweep::h5_input {
namespace {

h5::Handle open_input(const std::string& path) {
  h5::quiet_errors();
  try {
    return h5::open_file(path);
  } catch (const h5::H5Error&) {
    // The runner checked that the file exists and is readable, so what HDF5
    // refuses is the content.
    throw InputError("not an HDF5 file");
  }
}

// "/datasets/ID/X" -> "/datasets", "/datasets/ID", "/datasets/ID/X"; names
// without a leading slash start at the root as well.
std::vector<std::string> path_prefixes(const std::string& name) {
  std::vector<std::string> prefixes;
  std::string prefix;
  for (std::size_t start = 0; start <= name.size();) {
    const std::size_t slash = std::min(name.find('/', start), name.size());
    if (slash > start) {
      prefix += "/" + name.substr(start, slash - start);
      prefixes.push_back(prefix);
    }
    start = slash + 1;
  }
  return prefixes;
}

enum class Found { nothing, group, dataset, other };

struct Lookup {
  Found found = Found::nothing;
  std::string deepest_group = "/";  // the last group on the way that exists
};

// Walks the name one link at a time: H5Lexists fails, rather than answering
// false, when a link before the last is missing.
Lookup look_up(hid_t file, const std::string& name) {
  Lookup lookup;
  const std::vector<std::string> prefixes = path_prefixes(name);
  if (prefixes.empty()) lookup.found = Found::group;
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    const std::string& prefix = prefixes[i];
    H5O_info_t info;  // HDF5 1.10 API (Debian 12)
    if (!h5::exists(file, prefix) ||
        H5Oget_info_by_name2(file, prefix.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
      return lookup;
    }
    const bool last = i + 1 == prefixes.size();
    if (info.type == H5O_TYPE_GROUP) {
      lookup.deepest_group = prefix;
      if (last) lookup.found = Found::group;
    } else if (last) {
      lookup.found = info.type == H5O_TYPE_DATASET ? Found::dataset : Found::other;
    } else {
      return lookup;  // a dataset cannot hold anything
    }
  }
  return lookup;
}

// "/datasets holds 3d32..., 7a1c...", to say what is there instead.
std::string group_contents(hid_t file, const std::string& group) {
  const std::vector<std::string> members = h5::member_names(h5::open_group(file, group));
  if (members.empty()) return group + " is empty";
  constexpr std::size_t kShown = 12;
  std::string text = group + " holds ";
  for (std::size_t i = 0; i < members.size() && i < kShown; ++i) {
    text += (i ? ", " : "") + members[i];
  }
  if (members.size() > kShown) text += ", ... (" + std::to_string(members.size()) + " in all)";
  return text;
}

std::string type_text(hid_t type) {
  const std::string bits = std::to_string(8 * H5Tget_size(type));
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + bits;
    case H5T_FLOAT:
      return "float" + bits;
    case H5T_STRING:
      return "string";
    case H5T_ENUM:
      return "enum";  // also how h5py stores booleans
    case H5T_COMPOUND:
      return "compound";
    case H5T_ARRAY:
      return "array";
    case H5T_VLEN:
      return "variable-length sequence";
    case H5T_OPAQUE:
      return "opaque";
    case H5T_REFERENCE:
      return "reference";
    default:
      return "bitfield";
  }
}

ElementKind kind_of(hid_t type) {
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return ElementKind::integer;
    case H5T_FLOAT:
      return ElementKind::real;
    case H5T_STRING:
      return ElementKind::string;
    default:
      return ElementKind::other;
  }
}

struct OpenArray {
  h5::Handle file;
  h5::Handle dataset;
  h5::Handle type;
  ArrayInfo info;
  std::size_t count = 1;
};

OpenArray open_array(const std::string& path, const std::string& name) {
  OpenArray array;
  array.file = open_input(path);
  const Lookup lookup = look_up(array.file, name);
  switch (lookup.found) {
    case Found::nothing:
      throw InputError("no dataset '" + name + "'; " +
                       group_contents(array.file, lookup.deepest_group));
    case Found::group:
      throw InputError("'" + name + "' is a group, not a dataset; " +
                       group_contents(array.file, lookup.deepest_group));
    case Found::other:
      throw InputError("'" + name + "' is not a dataset");
    case Found::dataset:
      break;
  }
  array.dataset = h5::open_dataset(array.file, name);
  array.type = h5::Handle(H5Dget_type(array.dataset), H5Tclose, "get the type of " + name);
  for (hsize_t dim : h5::dataset_dims(array.dataset)) {
    array.info.shape.push_back(static_cast<std::int64_t>(dim));
    array.count *= dim;
  }
  array.info.kind = kind_of(array.type);
  array.info.type_text = type_text(array.type);
  return array;
}

// HDF5's own failures, said about the dataset being read.
template <class Read>
auto reading(const std::string& name, Read read) {
  try {
    return read();
  } catch (const h5::H5Error& error) {
    throw InputError("cannot read '" + name + "' (" + error.what() + ")");
  }
}

std::vector<std::string> variable_length_strings(const OpenArray& array) {
  h5::Handle memory_type(H5Tcopy(H5T_C_S1), H5Tclose, "create a string type");
  H5Tset_size(memory_type, H5T_VARIABLE);
  H5Tset_cset(memory_type, H5Tget_cset(array.type));  // no ASCII/UTF-8 conversion
  std::vector<char*> pointers(array.count, nullptr);
  if (H5Dread(array.dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0) {
    throw h5::H5Error("HDF5: cannot read strings");
  }
  std::vector<std::string> values;
  for (char* text : pointers) {
    values.emplace_back(text ? text : "");
    H5free_memory(text);
  }
  return values;
}

std::vector<std::string> fixed_length_strings(const OpenArray& array) {
  const std::size_t size = H5Tget_size(array.type);
  const bool space_padded = H5Tget_strpad(array.type) == H5T_STR_SPACEPAD;
  std::vector<char> buffer(array.count * size);
  if (H5Dread(array.dataset, array.type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0) {
    throw h5::H5Error("HDF5: cannot read strings");
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < array.count; ++i) {
    std::string text(buffer.data() + i * size, size);
    text.resize(std::min(text.find('\0'), text.size()));
    if (space_padded) text.erase(text.find_last_not_of(' ') + 1);
    values.push_back(std::move(text));
  }
  return values;
}

}  // namespace

void check_file(const std::string& path) {
  (void)open_input(path);
}

bool is_dataset(const std::string& path, const std::string& name) {
  return reading(name, [&] {
    const h5::Handle file = open_input(path);
    return look_up(file, name).found == Found::dataset;
  });
}

ArrayInfo describe(const std::string& path, const std::string& name) {
  return reading(name, [&] { return open_array(path, name).info; });
}

Array<double> read_numbers(const std::string& path, const std::string& name) {
  return reading(name, [&] {
    const OpenArray array = open_array(path, name);
    if (array.info.kind != ElementKind::integer && array.info.kind != ElementKind::real) {
      const bool enumeration = array.info.type_text == "enum";
      throw InputError("'" + name + "' holds " + array.info.type_text + " values, not numbers" +
                       (enumeration ? " (h5py stores booleans so: write them as integers)" : ""));
    }
    Array<double> numbers{array.info.shape, {}};
    if (array.count > 0) numbers.values = h5::read_doubles(array.dataset);
    return numbers;
  });
}

Array<std::string> read_strings(const std::string& path, const std::string& name) {
  return reading(name, [&] {
    const OpenArray array = open_array(path, name);
    if (array.info.kind != ElementKind::string) {
      throw InputError("'" + name + "' holds " + array.info.type_text + " values, not strings");
    }
    Array<std::string> strings{array.info.shape, {}};
    if (array.count == 0) return strings;
    strings.values = H5Tis_variable_str(array.type) > 0 ? variable_length_strings(array)
                                                        : fixed_length_strings(array);
    return strings;
  });
}

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + (shape.size() == 1 ? ",)" : ")");
}

}  // namespace nnsweep::h5_input

#pragma once
// Arrays read from an HDF5 file that someone else wrote: the input of the
// hdf5 dataset plugin, which must not see HDF5 itself (it is private to the
// store). Each call opens the file, reads, and closes it again.
//
// Threading: as store/h5.hpp, one thread at a time (dataset plugins run on the
// main thread before any training).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace nnsweep::h5_input {

// Why the file or one of its datasets cannot be read. what() names the
// dataset but not the file, which the caller adds ("FILE: ..."), and says what
// is there instead: "no dataset 'X'; / holds config, datasets, runs".
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ElementKind { integer, real, string, other };

struct ArrayInfo {
  std::vector<std::int64_t> shape;  // empty for a scalar
  ElementKind kind = ElementKind::other;
  std::string type_text;  // for messages: "float32", "uint8", "string", "compound", ...
};

// Values in row-major (C) order, as numpy and h5py lay them out.
template <class Value>
struct Array {
  std::vector<std::int64_t> shape;
  std::vector<Value> values;
};

// Throws InputError("not an HDF5 file") unless HDF5 can open the file.
void check_file(const std::string& path);

// True when `name` is a dataset in the file; false when there is nothing of
// that name or it is a group. Throws InputError when the file is not HDF5.
bool is_dataset(const std::string& path, const std::string& name);

// The shape and element type of dataset `name`.
ArrayInfo describe(const std::string& path, const std::string& name);

// Integer or floating-point elements, converted to float64 by HDF5.
Array<double> read_numbers(const std::string& path, const std::string& name);

// Variable- or fixed-length strings (fixed ones without their padding).
Array<std::string> read_strings(const std::string& path, const std::string& name);

// "(150, 4)", "(150,)", "()": a shape as numpy prints it.
std::string shape_text(const std::vector<std::int64_t>& shape);

}  // namespace nnsweep::h5_input

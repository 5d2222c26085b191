// A dataset read from an HDF5 file: X as examples x features and y as
// examples, the layout of numpy, h5py and nnsweep's own /datasets/ID groups,
// so a results file's data can be trained on again.
#include <Eigen/Core>

#include <algorithm>
#include <cmath>

#include "builtin.hpp"
#include "datasets/label_support.hpp"
#include "store/h5_input.hpp"
#include "util/format.hpp"

namespace nnsweep::datasets {
namespace {

using h5_input::ElementKind;
using h5_input::shape_text;

// The folder-like group that holds `name`: "/datasets/ID" for
// "/datasets/ID/y", the root for "y".
std::string parent_group(const std::string& name) {
  const std::size_t slash = name.find_last_of('/');
  return slash == std::string::npos || slash == 0 ? "/" : name.substr(0, slash);
}

class Hdf5Reading {
 public:
  explicit Hdf5Reading(const Params& params)
      : path_(params.string("path")),
        x_name_(params.string("x")),
        y_name_(params.string("y")),
        regression_(params.string("task") == "regression") {}

  Dataset read() const {
    try {
      h5_input::check_file(path_);
    } catch (const h5_input::InputError& error) {
      fail(error.what());
    }
    const h5_input::ArrayInfo x = describe("x", x_name_);
    const h5_input::ArrayInfo y = describe("y", y_name_);
    if (x.kind != ElementKind::integer && x.kind != ElementKind::real) {
      fail("x: '" + x_name_ + "' holds " + x.type_text + " values; the inputs must be numbers");
    }
    if (x.shape.empty() || x.shape.size() > 2) {
      fail("x: '" + x_name_ + "' has shape " + shape_text(x.shape) +
           "; the inputs are examples x features, or one feature per example");
    }
    const std::int64_t examples = x.shape[0];
    const std::int64_t features = x.shape.size() == 2 ? x.shape[1] : 1;
    if (examples == 0 || features == 0) {
      fail("x: '" + x_name_ + "' has shape " + shape_text(x.shape) + ": no " +
           (examples == 0 ? "examples" : "features"));
    }
    const bool one_column = y.shape.size() == 1 || (y.shape.size() == 2 && y.shape[1] == 1);
    const bool target_columns = regression_ && y.shape.size() == 2 && y.shape[1] > 0;
    if (!one_column && !target_columns) {
      fail("y: '" + y_name_ + "' has shape " + shape_text(y.shape) + "; " +
           (regression_ ? "targets are (examples,) or (examples, targets)"
                        : "class labels are (examples,) or (examples, 1)"));
    }
    if (y.shape[0] != examples) {
      fail("x: '" + x_name_ + "' has " + std::to_string(examples) + " examples (rows) but y: '" +
           y_name_ + "' has " + std::to_string(y.shape[0]));
    }

    Dataset data;
    data.X = as_columns(numbers("x", x_name_), examples, features).transpose();
    check_finite(data.X, "x", x_name_);
    if (regression_) {
      if (y.kind == ElementKind::string) {
        fail("y: '" + y_name_ + "' holds strings; regression targets must be numbers");
      }
      const std::int64_t targets = y.shape.size() == 2 ? y.shape[1] : 1;
      data.task = Task::regression;
      data.Y = as_columns(numbers("y", y_name_), examples, targets).transpose();
      check_finite(data.Y, "y", y_name_);
      return data;
    }
    datasets::EncodedLabels labels =
        y.kind == ElementKind::string ? text_labels() : number_labels();
    if (labels.class_names.size() < 2) {
      fail("y: '" + y_name_ + "' holds one class only, '" + labels.class_names.front() +
           "'; classification needs two or more (task: regression for numbers)");
    }
    datasets::assign_classes(data, std::move(labels));
    return data;
  }

 private:
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

  [[noreturn]] void fail(const std::string& message) const { throw DataError(path_, 0, message); }

  h5_input::ArrayInfo describe(const std::string& setting, const std::string& name) const {
    try {
      return h5_input::describe(path_, name);
    } catch (const h5_input::InputError& error) {
      fail(setting + ": " + error.what());
    }
  }

  std::vector<double> numbers(const std::string& setting, const std::string& name) const {
    try {
      return h5_input::read_numbers(path_, name).values;
    } catch (const h5_input::InputError& error) {
      fail(setting + ": " + error.what());
    }
  }

  static RowMajor as_columns(const std::vector<double>& values, std::int64_t rows,
                             std::int64_t columns) {
    return Eigen::Map<const RowMajor>(values.data(), rows, columns);
  }

  void check_finite(const Eigen::MatrixXd& values, const std::string& setting,
                    const std::string& name) const {
    for (Eigen::Index i = 0; i < values.cols(); ++i) {
      if (!values.col(i).allFinite()) {
        fail(setting + ": '" + name + "' row " + std::to_string(i) +
             " holds a NaN or infinite value");
      }
    }
  }

  datasets::EncodedLabels text_labels() const {
    std::vector<std::string> labels;
    try {
      labels = h5_input::read_strings(path_, y_name_).values;
    } catch (const h5_input::InputError& error) {
      fail("y: " + std::string(error.what()));
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (labels[i].empty()) fail("y: '" + y_name_ + "' row " + std::to_string(i) + " is empty");
    }
    return datasets::encode_labels(labels);
  }

  // Whole numbers only: a real value has no class to be (task: regression).
  // Indices into a class_names beside y are named by it, as nnsweep's own
  // results files store their sets.
  datasets::EncodedLabels number_labels() const {
    const std::vector<double> values = numbers("y", y_name_);
    std::vector<std::int64_t> labels;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double value = values[i];
      if (!(std::floor(value) == value && std::abs(value) < 9.2e18)) {
        fail("y: '" + y_name_ + "' row " + std::to_string(i) + " holds " + format_number(value) +
             ", not a whole-number class label (task: regression reads real targets)");
      }
      labels.push_back(static_cast<std::int64_t>(value));
    }
    const std::vector<std::string> names = stored_class_names();
    const auto indexes_names = [&](std::int64_t label) {
      return label >= 0 && label < static_cast<std::int64_t>(names.size());
    };
    if (names.empty() || !std::all_of(labels.begin(), labels.end(), indexes_names)) {
      return datasets::encode_integer_labels(labels);
    }
    return {std::vector<double>(values.begin(), values.end()), names};
  }

  // The class_names dataset in y's group, if it is a list of strings.
  std::vector<std::string> stored_class_names() const {
    const std::string group = parent_group(y_name_);
    const std::string name = (group == "/" ? "" : group) + "/class_names";
    try {
      if (!h5_input::is_dataset(path_, name)) return {};
      const h5_input::ArrayInfo info = h5_input::describe(path_, name);
      if (info.kind != ElementKind::string || info.shape.size() != 1) return {};
      return h5_input::read_strings(path_, name).values;
    } catch (const h5_input::InputError& error) {
      fail(std::string("y: ") + error.what());
    }
  }

  std::string path_;
  std::string x_name_;
  std::string y_name_;
  bool regression_;
};

class Hdf5Dataset final : public DatasetGenerator {
 public:
  explicit Hdf5Dataset(const Params& params) : params_(params) {}
  Dataset generate() const override { return Hdf5Reading(params_).read(); }

 private:
  Params params_;
};

}  // namespace

void register_hdf5(Registries& registries) {
  registries.datasets.add(
      {"hdf5",
       "your own data from an HDF5 file: X as examples x features, y as examples",
       {path_param("path", "the HDF5 file; relative paths start from the config file's folder"),
        string_param("x", "X", "the dataset holding the inputs, examples x features"),
        string_param("y", "y", "the dataset holding the labels or targets, one per example"),
        choice_param("task", "classification", {"classification", "regression"},
                     "classification: labels are classes (integers or text); regression: "
                     "numbers")}},
      [](const Params& params) { return std::make_unique<Hdf5Dataset>(params); });
}

}  // namespace nnsweep::datasets

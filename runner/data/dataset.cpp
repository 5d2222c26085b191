// The dataset contract's checks and errors (registry/dataset.hpp).
#include <cmath>

#include "registry/dataset.hpp"

namespace nnsweep {

std::string task_name(Task task) {
  return task == Task::classification ? "classification" : "regression";
}

DataError::DataError(const std::string& message) : std::invalid_argument(message) {}

DataError::DataError(std::string file, std::int64_t line, const std::string& message)
    : std::invalid_argument(file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message),
      file_(std::move(file)),
      line_(line) {}

void check_dataset(const Dataset& data, const std::string& plugin) {
  const auto fail = [&](const std::string& what) {
    throw DataError("dataset plugin '" + plugin + "' broke its contract: " + what);
  };
  const Eigen::Index m = data.X.cols();
  if (m < 1) fail("it made no examples");
  if (data.Y.cols() != m) {
    fail("X has " + std::to_string(m) + " examples but Y has " + std::to_string(data.Y.cols()));
  }
  if (!data.X.allFinite()) fail("X holds a NaN or infinite value");
  if (!data.Y.allFinite()) fail("Y holds a NaN or infinite value");
  if (data.task == Task::regression) {
    if (data.Y.rows() < 1) fail("a regression set needs at least one target row");
    if (data.classes != 0 || !data.class_names.empty()) fail("a regression set has no classes");
    return;
  }
  if (data.classes < 2) fail("a classification set needs classes >= 2");
  if (data.Y.rows() != 1) fail("a classification set's Y is one row of class indices");
  for (Eigen::Index i = 0; i < m; ++i) {
    const double label = data.Y(0, i);
    if (label != std::floor(label) || label < 0 || label >= static_cast<double>(data.classes)) {
      fail("example " + std::to_string(i) + " has label " + std::to_string(label) +
           ", not a class index below " + std::to_string(data.classes));
    }
  }
  if (!data.class_names.empty() &&
      static_cast<std::int64_t>(data.class_names.size()) != data.classes) {
    fail("it names " + std::to_string(data.class_names.size()) + " classes but has " +
         std::to_string(data.classes));
  }
}

}  // namespace nnsweep

#pragma once
// Dataset plugins: generate or load a dataset from their parameters.
//
// Contract:
//  - generate() is deterministic: the same parameters (and, for plugins that
//    read files, the same file contents) give the same bits, every time and on
//    every thread. Randomness comes only from the plugin's own seed parameter,
//    never from global state.
//  - The result holds examples as columns, m >= 1 of them: X is n_features x m.
//  - A classification set (task classification) has Y as 1 x m class indices
//    0.0, 1.0, ..., classes - 1, with classes >= 2 (a class may have no
//    examples: make_blobs with fewer samples than centres). class_names holds
//    one name per class, or is empty when the names are the indices "0", "1", ...
//    The runner turns the indices into the targets the loss wants (one 0/1 row,
//    or one-hot rows: runner/train/targets.hpp).
//  - A regression set (task regression) has Y as n_targets x m real targets,
//    n_targets >= 1; classes is 0 and class_names empty.
//  - A dataset that cannot be made throws DataError: parameters that do not
//    fit together, or a malformed input file, naming the file and line.
//  - generate() is called on the main thread before any run trains (so a bad
//    file stops the sweep before it starts), never concurrently.
//  - Every dataset also takes the parameters of dataset_split_params() (a
//    train/test split and standard scaling). The runner applies them to what
//    generate() returns (runner/data/prepare.hpp); plugins never see them.
#include <Eigen/Core>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "registry/params.hpp"

namespace nnsweep {

// test_fraction, split_seed, stratify and standardize, with their defaults: no
// test part and no scaling.
std::vector<ParamSpec> dataset_split_params();

enum class Task { classification, regression };
std::string task_name(Task task);  // "classification", "regression"

struct Dataset {
  Eigen::MatrixXd X;  // n_features x m
  Eigen::MatrixXd Y;  // 1 x m class indices, or n_targets x m real targets
  Task task = Task::classification;
  std::int64_t classes = 0;                   // classification: K >= 2; regression: 0
  std::vector<std::string> class_names = {};  // K names, or empty for "0", "1", ...
};

// Why a dataset cannot be made. With a file, what() is "FILE:LINE: message"
// (or "FILE: message" without a line), as compilers report errors, so editors
// jump to the place; without one it is the message alone.
class DataError : public std::invalid_argument {
 public:
  explicit DataError(const std::string& message);
  DataError(std::string file, std::int64_t line, const std::string& message);
  const std::string& file() const { return file_; }
  std::int64_t line() const { return line_; }  // 1-based; 0 when it has none

 private:
  std::string file_;
  std::int64_t line_ = 0;
};

class DatasetGenerator {
 public:
  virtual ~DatasetGenerator() = default;
  virtual Dataset generate() const = 0;
};

// Throws DataError naming `plugin` when `data` breaks the contract above.
void check_dataset(const Dataset& data, const std::string& plugin);

}  // namespace nnsweep

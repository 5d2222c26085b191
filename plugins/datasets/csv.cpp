// A dataset read from the user's CSV file: one example per row, example i
// being data row i, so results line up with the file.
#include <Eigen/Core>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "builtin.hpp"
#include "datasets/csv_columns_support.hpp"
#include "datasets/csv_rows_support.hpp"
#include "datasets/label_support.hpp"

namespace nnsweep::datasets {
namespace {

char single_delimiter(const std::string& text) {
  if (text.size() != 1) {
    throw DataError("csv: delimiter must be one character, got '" + text + "'");
  }
  if (text == "\"" || text == "\n" || text == "\r") {
    throw DataError("csv: delimiter cannot be a quote or a line break");
  }
  return text.front();
}

// A number as numpy.loadtxt reads one: spaces around it and a leading '+'
// allowed, nothing else. Too small to represent is 0 (as strtod), too large
// is not finite.
std::optional<double> parse_number(std::string_view text) {
  text = datasets::trimmed(text);
  if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || end != text.data() + text.size()) return std::nullopt;
  if (error == std::errc::result_out_of_range) {
    // from_chars leaves the value alone; strtod tells underflow from overflow
    // (nnsweep never calls setlocale, so strtod's decimal point is '.' too).
    return std::strtod(std::string(text).c_str(), nullptr);
  }
  if (error != std::errc()) return std::nullopt;
  return value;
}

// Reads a file's rows into features and labels, row by row.
class CsvReading {
 public:
  CsvReading(const std::string& path, const Params& params)
      : path_(path),
        header_(params.boolean("header")),
        label_(params.string("label")),
        features_(params.string_list("features")),
        regression_(params.string("task") == "regression") {}

  void add(const CsvRow& row) {
    if (!columns_) {
      columns_ = datasets::plan_columns(path_, row, header_, label_, features_);
      header_line_ = row.line;
      if (header_) return;
    }
    if (row.cells.size() != columns_->width) {
      const std::size_t cells = row.cells.size();
      throw DataError(path_, row.line,
                      std::to_string(cells) + (cells == 1 ? " cell" : " cells") + ", but the " +
                          (header_ ? "header" : "first row") + " has " +
                          std::to_string(columns_->width));
    }
    for (std::size_t column : columns_->features) {
      x_.push_back(number(row.cells[column], column));
    }
    const CsvCell& label = row.cells[columns_->label];
    if (regression_) {
      y_.push_back(number(label, columns_->label));
    } else if (label.text.empty()) {
      throw DataError(path_, label.line, columns_->describe(columns_->label) + ": empty label");
    } else {
      labels_.push_back(label.text);
    }
    ++examples_;
  }

  Dataset finish() {
    if (!columns_) throw DataError(path_, 0, "the file is empty: no rows");
    if (examples_ == 0) throw DataError(path_, header_line_, "a header but no data rows");
    const auto features = static_cast<Eigen::Index>(columns_->features.size());
    using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Dataset data;
    data.X = Eigen::Map<const RowMajor>(x_.data(), examples_, features).transpose();
    if (regression_) {
      data.task = Task::regression;
      data.Y = Eigen::Map<const Eigen::MatrixXd>(y_.data(), 1, examples_);
      return data;
    }
    datasets::EncodedLabels encoded = datasets::encode_labels(labels_);
    if (encoded.class_names.size() < 2) {
      throw DataError(path_, 0,
                      columns_->describe(columns_->label) + " holds one class only, '" +
                          encoded.class_names.front() +
                          "'; classification needs two or more (task: regression for numbers)");
    }
    datasets::assign_classes(data, std::move(encoded));
    return data;
  }

 private:
  double number(const CsvCell& cell, std::size_t column) const {
    const auto value = parse_number(cell.text);
    const std::string where = columns_->describe(column) + ": \"" + cell.text + "\"";
    if (!value) {
      throw DataError(path_, cell.line,
                      cell.text.empty()
                          ? columns_->describe(column) + ": an empty cell (\"\") is not a number"
                          : where + " is not a number");
    }
    if (!std::isfinite(*value))
      throw DataError(path_, cell.line, where + " is not a finite number");
    return *value;
  }

  std::string path_;
  bool header_;
  std::string label_;
  std::vector<std::string> features_;
  bool regression_;

  std::optional<CsvColumns> columns_;
  std::int64_t header_line_ = 0;
  Eigen::Index examples_ = 0;
  std::vector<double> x_;  // examples x features, row-major
  std::vector<double> y_;  // regression targets
  std::vector<std::string> labels_;
};

class CsvDataset final : public DatasetGenerator {
 public:
  explicit CsvDataset(const Params& params) : params_(params) {}

  Dataset generate() const override {
    const char delimiter = single_delimiter(params_.string("delimiter"));
    CsvReading reading(params_.string("path"), params_);
    datasets::for_each_csv_row(params_.string("path"), delimiter,
                               [&](const CsvRow& row) { reading.add(row); });
    return reading.finish();
  }

 private:
  Params params_;
};

}  // namespace

void register_csv(Registries& registries) {
  registries.datasets.add(
      {"csv",
       "your own data from a CSV file: one example per row",
       {path_param("path", "the CSV file; relative paths start from the config file's folder"),
        string_param("delimiter", ",", "the character between cells"),
        bool_param("header", true, "the first row names the columns"),
        string_param("label", "", "the label column, by name or 0-based index; empty = the last"),
        string_list_param("features", {},
                          "the feature columns, by name or 0-based index; empty = all but "
                          "the label"),
        choice_param("task", "classification", {"classification", "regression"},
                     "classification: labels are classes (integers or text); regression: "
                     "numbers")}},
      [](const Params& params) { return std::make_unique<CsvDataset>(params); });
}

}  // namespace nnsweep::datasets

// A dataset read from the user's CSV file. (Being written: the declarations
// are final, the reading is not.)
#include "builtin.hpp"

namespace nnsweep {
namespace {

class CsvDataset final : public DatasetGenerator {
 public:
  explicit CsvDataset(const Params& params) : path_(params.string("path")) {}
  Dataset generate() const override { throw DataError(path_, 0, "reading CSV files is not built yet"); }

 private:
  std::string path_;
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

}  // namespace nnsweep

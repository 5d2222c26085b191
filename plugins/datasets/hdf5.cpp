// A dataset read from an HDF5 file. (Being written: the declarations are
// final, the reading is not.)
#include "builtin.hpp"

namespace nnsweep {
namespace {

class Hdf5Dataset final : public DatasetGenerator {
 public:
  explicit Hdf5Dataset(const Params& params) : path_(params.string("path")) {}
  Dataset generate() const override { throw DataError(path_, 0, "reading HDF5 files is not built yet"); }

 private:
  std::string path_;
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

}  // namespace nnsweep

#include "data/prepare.hpp"

#include "data/split.hpp"

namespace nnsweep {

std::vector<ParamSpec> dataset_split_params() {
  return {
      real_param("test_fraction", 0.0, 0.0, 1.0,
                 "share of the examples held out for testing, as train_test_split's "
                 "test_size (ceil(f * n) test examples); 0 = no test part"),
      int_param("split_seed", 0, 0, 4294967295LL, "random_state of the train/test split"),
      bool_param("stratify", false, "keep the class proportions in both parts"),
      bool_param("standardize", false,
                 "scale each feature to mean 0 and std 1, fitted on the training part"),
  };
}

std::vector<double> class_labels(const Eigen::MatrixXd& Y) {
  std::vector<double> labels(static_cast<std::size_t>(Y.cols()));
  for (Eigen::Index i = 0; i < Y.cols(); ++i) {
    Eigen::Index row = 0;
    if (Y.rows() == 1) {
      labels[std::size_t(i)] = Y(0, i);
      continue;
    }
    Y.col(i).maxCoeff(&row);
    labels[std::size_t(i)] = static_cast<double>(row);
  }
  return labels;
}

PreparedData prepare_data(const Dataset& data, const Params& params) {
  PreparedData prepared;
  const double test_fraction = params.real("test_fraction");
  if (test_fraction == 0.0) {
    prepared.train = data;
  } else {
    const auto split_seed = static_cast<std::uint32_t>(params.integer("split_seed"));
    const SplitIndices split =
        params.boolean("stratify")
            ? stratified_split(class_labels(data.Y), test_fraction, split_seed)
            : shuffle_split(data.X.cols(), test_fraction, split_seed);
    const auto part = [&](const std::vector<std::int64_t>& rows) {
      return Dataset{take_columns(data.X, rows), take_columns(data.Y, rows), data.task,
                     data.classes, data.class_names};
    };
    prepared.train = part(split.train);
    prepared.test = part(split.test);
    prepared.train_index = split.train;
    prepared.test_index = split.test;
  }
  if (params.boolean("standardize")) {
    const Standardization scaling = fit_standard_scaler(prepared.train.X);
    standardize(prepared.train.X, scaling);
    if (prepared.test) standardize(prepared.test->X, scaling);
  }
  return prepared;
}

}  // namespace nnsweep

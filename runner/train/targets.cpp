#include "train/targets.hpp"

namespace nnsweep {

Eigen::Index output_units(const Dataset& data, LossTargets targets, const std::string& loss) {
  if (data.task == Task::regression) {
    if (targets != LossTargets::real) {
      throw DataError("loss '" + loss +
                      "' needs class labels, but the dataset is a regression set");
    }
    return data.Y.rows();
  }
  const Eigen::Index classes = data.classes;
  switch (targets) {
    case LossTargets::two_classes:
      if (classes != 2) {
        throw DataError("loss '" + loss + "' takes two classes, but the dataset has " +
                        std::to_string(classes) +
                        "; use model.output: softmax with loss: categorical_cross_entropy");
      }
      return 1;
    case LossTargets::one_hot:
      return classes;
    case LossTargets::real:
      return classes == 2 ? 1 : classes;
  }
  return 1;
}

Eigen::MatrixXd encode_targets(const Dataset& data, LossTargets targets, const std::string& loss) {
  const Eigen::Index units = output_units(data, targets, loss);
  if (data.task == Task::regression || (units == 1 && targets != LossTargets::one_hot)) {
    return data.Y;  // real targets, or class indices 0/1 as they are
  }
  Eigen::MatrixXd one_hot = Eigen::MatrixXd::Zero(units, data.Y.cols());
  for (Eigen::Index i = 0; i < data.Y.cols(); ++i) {
    one_hot(static_cast<Eigen::Index>(data.Y(0, i)), i) = 1.0;
  }
  return one_hot;
}

}  // namespace nnsweep

// Reading the `train:` and `regularization:` sections.
#include <algorithm>

#include "config/sections.hpp"
#include "config/setting_specs.hpp"
#include "config/values.hpp"

namespace nnsweep {

const std::vector<ParamSpec>& train_specs() {
  static const std::vector<ParamSpec> specs = {
      int_param("iterations", 10000, 0, 1000000000,
                "optimizer updates (one per mini-batch); or give epochs"),
      int_param("epochs", 0, 1, 1000000000, "passes over the training part, instead of iterations"),
      int_param("batch_size", 0, 1, 1000000000,
                "examples per update, or full (the default): the whole training part"),
      int_param("shuffle_seed", 0, 0, 4294967295LL,
                "mini-batch order: np.random.RandomState(seed).permutation(m) every epoch"),
      int_param("log_every", 0, 0, 1000000000,
                "print 'Cost after iteration N' every N iterations (epochs with "
                "mini-batches); 0 = never"),
      int_param("record_every", 1, 1, 1000000000,
                "store the cost every N iterations (epochs with mini-batches)"),
      choice_param("dtype", "float64", {"float64", "float32"},
                   "float64 (numpy's results) or float32: faster, not numpy-exact")};
  return specs;
}

const std::vector<ParamSpec>& early_stopping_specs() {
  static const std::vector<ParamSpec> specs = {
      int_param("patience", 10, 1, 1000000000,
                "epochs without improvement of the test cost before training stops"),
      real_param("min_delta", 0.0, 0.0, 1e12,
                 "an epoch improves only if its test cost is below the best by more than this"),
      bool_param("restore_best", true, "end with the parameters of the epoch of lowest test cost")};
  return specs;
}

const std::vector<ParamSpec>& regularization_specs() {
  static const std::vector<ParamSpec> specs = {
      real_param("l1", 0.0, 0.0, 1e6, "weight of the L1 penalty l1 * sum|w| (weights only)"),
      real_param("l2", 0.0, 0.0, 1e6, "weight of the L2 penalty l2 * sum(w^2) / 2 (weights only)")};
  return specs;
}

namespace {

const ParamSpec& spec_named(const std::vector<ParamSpec>& specs, const std::string& name) {
  return *std::find_if(specs.begin(), specs.end(),
                       [&](const ParamSpec& spec) { return spec.name == name; });
}

// `early_stopping: {patience: 5}`, or true for the defaults, or false for none.
EarlyStopping read_early_stopping(const ConfigView& view) {
  EarlyStopping stopping;
  const ParamSpec enabled = bool_param("early_stopping", false, "");
  if (view.is_scalar() && !view.has_overrides_below()) {
    stopping.enabled = std::get<bool>(read_param(view, enabled, "train"));
    return stopping;
  }
  const Params params = read_section(view, early_stopping_specs(), "train.early_stopping");
  stopping.enabled = true;
  stopping.patience = params.integer("patience");
  stopping.min_delta = params.real("min_delta");
  stopping.restore_best = params.boolean("restore_best");
  return stopping;
}

std::int64_t read_batch_size(const ConfigView& view) {
  if (view.is_scalar() && !view.is_quoted() && view.scalar() == "full") return 0;
  if (view.is_scalar() &&
      (view.is_quoted() ||
       !std::isdigit(static_cast<unsigned char>(view.scalar().empty() ? 'x' : view.scalar()[0])))) {
    view.fail("batch_size of train must be full or a positive integer, got '" + view.scalar() +
              "'");
  }
  return std::get<std::int64_t>(read_param(view, spec_named(train_specs(), "batch_size"), "train"));
}

}  // namespace

TrainConfig read_train(const ConfigView& root) {
  TrainConfig train;
  auto view = root.child("train");
  if (!view) return train;
  if (!view->is_map() && !view->is_null() && !view->has_overrides_below()) {
    view->fail("train must be a map of settings (train: {iterations: 1000})");
  }
  std::vector<std::string> allowed = spec_names(train_specs());
  allowed.push_back("early_stopping");
  for (const std::string& key : view->keys()) {
    const ConfigView value = *view->child(key);
    if (key == "early_stopping") {
      train.early_stopping = read_early_stopping(value);
    } else if (key == "batch_size") {
      train.batch_size = read_batch_size(value);
    } else if (key == "dtype") {
      const auto name =
          std::get<std::string>(read_param(value, spec_named(train_specs(), key), "train"));
      train.dtype = name == "float32" ? DType::float32 : DType::float64;
    } else if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
      const auto number =
          std::get<std::int64_t>(read_param(value, spec_named(train_specs(), key), "train"));
      if (key == "iterations") train.iterations = number;
      if (key == "epochs") train.epochs = number;
      if (key == "shuffle_seed") train.shuffle_seed = number;
      if (key == "log_every") train.log_every = number;
      if (key == "record_every") train.record_every = number;
    } else {
      std::string message = "unknown key '" + key + "' in train";
      // `precision` is the name other tools use; here it is the precision
      // metric's column, so the arithmetic's is train.dtype.
      const std::string hint = key == "precision" ? "did you mean 'dtype' (float64 or float32)?"
                                                  : did_you_mean(key, allowed);
      message += hint.empty() ? " (allowed: " + join_choices(allowed) + ")" : "; " + hint;
      view->fail_key(key, message);
    }
  }
  if (view->child("iterations") && view->child("epochs")) {
    view->fail_key("epochs",
                   "train gives both iterations and epochs: say how long to train one way "
                   "(epochs are passes over the training part, iterations are updates)");
  }
  return train;
}

Regularization read_regularization(const ConfigView& root) {
  Regularization regularization;
  auto view = root.child("regularization");
  if (!view) return regularization;
  const Params params = read_section(*view, regularization_specs(), "regularization");
  regularization.l1 = params.real("l1");
  regularization.l2 = params.real("l2");
  return regularization;
}

}  // namespace nnsweep

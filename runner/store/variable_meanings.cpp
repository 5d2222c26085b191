#include "store/variable_meanings.hpp"

#include <map>
#include <regex>

namespace nnsweep {
namespace {

const std::map<std::string, std::string> kMetricMeanings = {
    {"cost", "cost"},
    {"accuracy", "accuracy"},
    {"precision", "precision"},
    {"recall", "recall"},
    {"f1", "F1 score"},
    {"rmse", "root mean square error"},
    {"r2", "coefficient of determination R^2"}};

// "train.accuracy" -> "accuracy of the final parameters on the training part".
bool metric_meaning(const std::string& name, Meaning& meaning) {
  for (const auto& [prefix, part] : {std::pair{"train.", "training"}, std::pair{"test.", "test"}}) {
    if (name.rfind(prefix, 0) != 0) continue;
    const auto metric = kMetricMeanings.find(name.substr(std::string(prefix).size()));
    if (metric == kMetricMeanings.end()) return false;
    meaning.long_name = metric->second + " of the final parameters on the " + part + " part";
    return true;
  }
  return false;
}

Meaning lookup(const std::map<std::string, Meaning>& table, const std::string& name,
               const Meaning& otherwise) {
  const auto found = table.find(name);
  return found == table.end() ? otherwise : found->second;
}

}  // namespace

Meaning summary_meaning(const std::string& name) {
  static const std::map<std::string, Meaning> kKnown = {
      {"run", {"index of the run in the plan", ""}},
      {"step", {"epoch of the recorded costs (the iteration, with full batch)", ""}},
      {"cost", {"training cost of each recorded epoch, before its updates", ""}},
      {"test_cost", {"test cost after each recorded epoch's updates", ""}},
      {"status", {"status of the run: ok, diverged or failed", ""}},
      {"message", {"why the run is not ok (empty when ok)", ""}},
      {"iterations_run", {"optimizer updates performed", ""}},
      {"epochs_run", {"epochs begun", ""}},
      {"best_epoch", {"epoch of lowest test cost with early stopping (-1 without)", ""}},
      {"wall_time_s", {"training time of the run", "s"}},
      {"run_id", {"identity of the run", ""}},
      {"dataset_id", {"identity of the run's training set (its group in /datasets)", ""}},
      {"model.depth", {"number of hidden layers", ""}},
      {"model.width", {"width of the widest hidden layer (0 without hidden layers)", ""}},
  };
  Meaning meaning;
  if (metric_meaning(name, meaning)) return meaning;
  static const std::regex kHiddenLayer(R"(model\.hidden_([0-9]+))");
  std::smatch layer;
  if (std::regex_match(name, layer, kHiddenLayer)) {
    return {"width of hidden layer " + layer[1].str() + " (NaN where a run has fewer)", ""};
  }
  return lookup(kKnown, name, {"value of the key " + name, ""});
}

Meaning runs_meaning(const std::string& name) {
  static const std::map<std::string, Meaning> kKnown = {
      {"run", {"index of the run in the plan", ""}},
      {"run_id", {"identity of the run", ""}},
      {"config", {"resolved config of the run (YAML)", ""}},
      {"dataset_id", {"identity of the run's training set (its group in /datasets)", ""}},
      {"record_every", {"epochs between recorded costs", ""}},
      {"cost_points", {"entries of the run's row of /summary/cost that it recorded", ""}},
      {"test_cost_points", {"entries of the run's row of /summary/test_cost that it recorded", ""}},
      {"layer_sizes", {"layer sizes n_0 (features) to n_L (outputs), 0-padded", ""}},
      {"layer", {"index of a layer size", ""}},
  };
  static const std::regex kParameter(R"(([Wb])([0-9]+)(_out|_in)?)");
  std::smatch parameter;
  if (std::regex_match(name, parameter, kParameter)) {
    const std::string layer = parameter[2].str();
    const std::string what = parameter[1] == "W" ? "weights" : "biases";
    if (parameter[3] == "_out") return {"output unit of layer " + layer, ""};
    if (parameter[3] == "_in") return {"input of layer " + layer, ""};
    return {"final " + what + " of layer " + layer + " (NaN-padded)", ""};
  }
  return lookup(kKnown, name, {"seed at " + name + " (-1 where a run has none)", ""});
}

Meaning dataset_meaning(const std::string& name) {
  static const std::map<std::string, Meaning> kKnown = {
      {"X", {"inputs, one example per row", ""}},
      {"y", {"class index (classification) or targets (regression)", ""}},
      {"class_names", {"name of each class, in index order", ""}},
      {"train_index", {"rows of X in the training part", ""}},
      {"test_index", {"rows of X in the test part", ""}},
      {"example", {"example (row of X)", ""}},
      {"feature", {"feature (column of X)", ""}},
      {"target", {"regression target (column of y)", ""}},
      {"class", {"class index", ""}},
      {"train_example", {"position in the training part", ""}},
      {"test_example", {"position in the test part", ""}},
  };
  return lookup(kKnown, name, {name, ""});
}

}  // namespace nnsweep

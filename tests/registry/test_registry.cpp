// The plugin registries: exactly the built-in plugins, unique names, and parameter
// declarations that `nnsweep plugins` and config validation can rely on.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "builtin.hpp"

namespace tt = boost::test_tools;

namespace {

using Names = std::vector<std::string>;

// Is `value` allowed by the spec's numeric range? (bounds inclusive, min exclusive
// when min_exclusive is set)
bool in_range(const nnsweep::ParamSpec& spec, double value) {
  const bool above_min = spec.min_exclusive ? value > spec.min : value >= spec.min;
  return above_min && value <= spec.max;
}

// The variant alternative each ParamType must hold.
std::size_t expected_index(nnsweep::ParamType type) {
  switch (type) {
    case nnsweep::ParamType::boolean:
      return 0;
    case nnsweep::ParamType::integer:
      return 1;
    case nnsweep::ParamType::real:
      return 2;
    case nnsweep::ParamType::string:
      return 3;
    case nnsweep::ParamType::int_list:
      return 4;
    case nnsweep::ParamType::string_list:
      return 5;
  }
  return 99;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(registry)

BOOST_AUTO_TEST_CASE(builtin_plugin_names_per_kind) {
  // The complete list: a plugin added or lost (say, a registration call dropped
  // from builtin.cpp) must show up here. names() is sorted.
  const auto& r = nnsweep::builtin_registries();
  BOOST_TEST(r.datasets.names() == Names({"blobs", "circles", "classification", "csv", "friedman1",
                                          "gaussian_quantiles", "hdf5", "moons", "spiral", "xor"}),
             tt::per_element());
  BOOST_TEST(r.activations.names() == Names({"elu", "gelu", "hard_sigmoid", "hard_tanh", "identity",
                                             "leaky_relu", "mish", "relu", "selu", "sigmoid",
                                             "silu", "softmax", "softplus", "softsign", "tanh"}),
             tt::per_element());
  BOOST_TEST(r.initializers.names() ==
                 Names({"he_normal", "he_uniform", "lecun_normal", "normal", "orthogonal",
                        "uniform", "xavier_normal", "xavier_uniform"}),
             tt::per_element());
  BOOST_TEST(
      r.losses.names() == Names({"binary_cross_entropy", "categorical_cross_entropy", "mse"}),
      tt::per_element());
  BOOST_TEST(r.optimizers.names() == Names({"adam", "gd", "momentum"}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(kinds_are_named_as_on_the_command_line) {
  // `nnsweep plugins KIND` and error messages use these words.
  Names kinds;
  for (const nnsweep::RegistryBase* registry : nnsweep::builtin_registries().all()) {
    kinds.push_back(registry->kind());
  }
  BOOST_TEST(kinds == Names({"dataset", "activation", "initializer", "loss", "optimizer"}),
             tt::per_element());
}

BOOST_AUTO_TEST_CASE(duplicate_name_throws_invalid_argument) {
  nnsweep::Registries registries;
  nnsweep::register_builtin_plugins(registries);
  // Registering a built-in again, through its own function or by hand.
  BOOST_CHECK_THROW(nnsweep::register_tanh(registries), std::invalid_argument);
  BOOST_CHECK_THROW(nnsweep::register_moons(registries), std::invalid_argument);
  BOOST_CHECK_THROW(nnsweep::register_adam(registries), std::invalid_argument);
  BOOST_CHECK_THROW(registries.losses.add(
                        {"binary_cross_entropy", "impostor", {}},
                        [](const nnsweep::Params&) { return std::unique_ptr<nnsweep::Loss>(); }),
                    std::invalid_argument);
  BOOST_CHECK_THROW(nnsweep::register_builtin_plugins(registries), std::invalid_argument);
  // The failed registration left the original in place.
  BOOST_TEST(registries.losses.describe("binary_cross_entropy")->summary != "impostor");
  BOOST_TEST(registries.losses.create("binary_cross_entropy", {}) != nullptr);
  BOOST_TEST(registries.activations.names() == nnsweep::builtin_registries().activations.names(),
             tt::per_element());
}

BOOST_AUTO_TEST_CASE(same_name_in_different_kinds_is_allowed) {
  // Names are per kind: an optimizer called "tanh" is not a clash.
  nnsweep::Registries registries;
  nnsweep::register_builtin_plugins(registries);
  BOOST_CHECK_NO_THROW(registries.optimizers.add(
      {"tanh", "an optimizer that happens to share a name", {}},
      [](const nnsweep::Params&) { return std::unique_ptr<nnsweep::Optimizer>(); }));
}

BOOST_AUTO_TEST_CASE(unknown_names) {
  const auto& r = nnsweep::builtin_registries();
  BOOST_TEST(r.activations.describe("squiggle") == nullptr);
  BOOST_CHECK_THROW(r.activations.create("squiggle", {}), std::invalid_argument);
  BOOST_CHECK_THROW(r.datasets.create("Moons", {}), std::invalid_argument);  // case matters
}

BOOST_AUTO_TEST_CASE(every_plugin_is_described) {
  for (const nnsweep::RegistryBase* registry : nnsweep::builtin_registries().all()) {
    for (const std::string& name : registry->names()) {
      const nnsweep::PluginDescription* description = registry->describe(name);
      BOOST_TEST_CONTEXT(registry->kind() << " " << name) {
        BOOST_TEST_REQUIRE(description != nullptr);
        BOOST_TEST(description->name == name);
        BOOST_TEST(!description->summary.empty());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_param_spec_is_documented_and_its_default_valid) {
  // A default outside its own range would make a config that omits the key fail
  // validation; an empty description leaves `nnsweep plugins` blank.
  std::size_t specs_checked = 0;
  for (const nnsweep::RegistryBase* registry : nnsweep::builtin_registries().all()) {
    for (const std::string& name : registry->names()) {
      std::set<std::string> seen;
      for (const nnsweep::ParamSpec& spec : registry->describe(name)->params) {
        ++specs_checked;
        BOOST_TEST_CONTEXT(registry->kind() << " " << name << "." << spec.name) {
          BOOST_TEST(!spec.name.empty());
          BOOST_TEST(seen.insert(spec.name).second, "declared twice");
          BOOST_TEST(!spec.description.empty());
          BOOST_TEST(!(spec.min > spec.max), "empty range");
          BOOST_TEST(!std::isnan(spec.min));
          BOOST_TEST(!std::isnan(spec.max));
          BOOST_TEST_REQUIRE(spec.default_value.index() == expected_index(spec.type),
                             "default has the wrong type");
          if (const auto* v = std::get_if<std::int64_t>(&spec.default_value)) {
            BOOST_TEST(in_range(spec, static_cast<double>(*v)), *v << " outside range");
          } else if (const auto* v = std::get_if<double>(&spec.default_value)) {
            BOOST_TEST(std::isfinite(*v));
            BOOST_TEST(in_range(spec, *v), *v << " outside range");
          } else if (const auto* v = std::get_if<std::vector<std::int64_t>>(&spec.default_value)) {
            for (std::int64_t item : *v) BOOST_TEST(in_range(spec, static_cast<double>(item)));
          } else if (const auto* v = std::get_if<std::string>(&spec.default_value)) {
            const auto& choices = spec.choices;
            BOOST_TEST(
                (choices.empty() || std::find(choices.begin(), choices.end(), *v) != choices.end()),
                "default '" << *v << "' is not among the choices");
            BOOST_TEST((!spec.is_path || v->empty()), "a path has no default: it is required");
          }
          BOOST_TEST((spec.choices.empty() || spec.type == nnsweep::ParamType::string));
          BOOST_TEST((!spec.is_path || spec.type == nnsweep::ParamType::string));
        }
      }
    }
  }
  // An empty walk proves nothing: every dataset takes the split parameters at least.
  BOOST_TEST(specs_checked >= nnsweep::dataset_split_params().size());
}

BOOST_AUTO_TEST_CASE(loss_traits_name_outputs_that_fit_them) {
  // A fused output must exist and have the range the loss needs, or no config
  // could ever use the loss's stable path.
  const auto& r = nnsweep::builtin_registries();
  for (const std::string& name : r.losses.names()) {
    const nnsweep::PluginTraits& traits = r.losses.describe(name)->traits;
    if (traits.fused_output.empty()) continue;
    BOOST_TEST_CONTEXT("loss " << name) {
      const auto* output = r.activations.describe(traits.fused_output);
      BOOST_TEST_REQUIRE(output != nullptr);
      BOOST_TEST((output->traits.range == traits.requires_output));
    }
  }
}

BOOST_AUTO_TEST_CASE(every_dataset_says_its_task) {
  // Validation pairs losses with tasks: a dataset declares its task, or takes
  // a `task` parameter that says it.
  const auto& datasets = nnsweep::builtin_registries().datasets;
  for (const std::string& name : datasets.names()) {
    const nnsweep::PluginDescription* description = datasets.describe(name);
    if (description->traits.task) continue;
    const auto& params = description->params;
    const auto task = std::find_if(params.begin(), params.end(),
                                   [](const nnsweep::ParamSpec& s) { return s.name == "task"; });
    BOOST_TEST_CONTEXT("dataset " << name) {
      BOOST_TEST_REQUIRE((task != params.end()));
      BOOST_TEST((task->choices == Names({"classification", "regression"})), tt::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(seed_parameters_cover_numpys_range) {
  // np.random.seed accepts 0 <= seed < 2^32; every seed parameter must allow all of it.
  for (const nnsweep::RegistryBase* registry : nnsweep::builtin_registries().all()) {
    for (const std::string& name : registry->names()) {
      for (const nnsweep::ParamSpec& spec : registry->describe(name)->params) {
        if (spec.name != "seed") continue;
        BOOST_TEST_CONTEXT(registry->kind() << " " << name) {
          BOOST_TEST(nnsweep::type_name(spec.type) == "int");
          BOOST_TEST(spec.min == 0.0);
          BOOST_TEST(spec.max == 4294967295.0);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(learning_rates_must_be_positive) {
  // A zero learning rate silently trains nothing, so every optimizer excludes it.
  const auto& optimizers = nnsweep::builtin_registries().optimizers;
  for (const std::string& name : optimizers.names()) {
    bool found = false;
    for (const nnsweep::ParamSpec& spec : optimizers.describe(name)->params) {
      if (spec.name != "learning_rate") continue;
      found = true;
      BOOST_TEST_CONTEXT(name) {
        BOOST_TEST(spec.min == 0.0);
        BOOST_TEST(spec.min_exclusive);
      }
    }
    BOOST_TEST(found, name << " has no learning_rate");
  }
}

BOOST_AUTO_TEST_SUITE_END()

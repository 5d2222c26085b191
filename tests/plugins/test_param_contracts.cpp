// Declared parameters (registry/params.hpp) are a promise: config validation
// accepts every value inside a parameter's range and choices, so every
// registered plugin of every kind must work with each of them, and not only
// with its defaults. Each plugin is created with its defaults and with each
// parameter in turn at its range's ends, at each of its choices and at both
// truth values, and then used once. No plugin is named.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "builtin_registries.hpp"
#include "contract_samples.hpp"

using namespace nnsweep::testing;
using nnsweep::builtin_registries;
using nnsweep::ParamSpec;
using nnsweep::ParamType;
using nnsweep::ParamValue;

namespace {

// The values of one parameter worth trying besides its default.
std::vector<ParamValue> edge_values(const ParamSpec& spec) {
  std::vector<ParamValue> values;
  const bool real = spec.type == ParamType::real, integer = spec.type == ParamType::integer;
  if (real || integer) {
    // The smallest allowed value above an exclusive minimum.
    const double low = !spec.min_exclusive ? spec.min
                       : integer           ? spec.min + 1
                                           : std::nextafter(spec.min, spec.max);
    for (const double bound : {low, spec.max}) {
      // (Past 9e18 an integer bound does not survive its trip through double.)
      if (!std::isfinite(bound) || std::abs(bound) > 9e18) continue;
      if (real) values.emplace_back(bound);
      if (integer) values.emplace_back(static_cast<std::int64_t>(bound));
    }
  }
  for (const std::string& choice : spec.choices) values.emplace_back(choice);
  if (spec.type == ParamType::boolean) values.insert(values.end(), {true, false});
  return values;
}

// The defaults, then the defaults with one parameter at one edge value.
struct ParamSet {
  std::string label;
  nnsweep::Params params;
};
std::vector<ParamSet> param_sets(const nnsweep::PluginDescription& description) {
  const nnsweep::Params defaults = nnsweep::default_params(description.params);
  std::vector<ParamSet> sets{{"defaults", defaults}};
  for (const ParamSpec& spec : description.params) {
    for (const ParamValue& value : edge_values(spec)) {
      sets.push_back({spec.name + " = " + nnsweep::value_text(value), defaults});
      sets.back().params.set(spec.name, value);
    }
  }
  return sets;
}

// Each kind used once, on small blocks; every result finite.
void use(const nnsweep::Activation& g) {
  auto generator = sample_generator();
  const Eigen::MatrixXd Z = uniform_matrix(3, 5, -3.0, 3.0, generator), dA = -Z;
  Eigen::MatrixXd A(3, 5), dZ(3, 5);
  g.forward(Z, A);
  g.backward(Z, A, dA, dZ);
  BOOST_TEST((A.allFinite() && dZ.allFinite()));
}

void use(const nnsweep::Loss& loss, const nnsweep::PluginTraits& traits) {
  auto generator = sample_generator();
  const Eigen::MatrixXd Y = targets_of(traits.targets, 5, generator);
  const Eigen::MatrixXd A = outputs_in(traits.requires_output, Y.rows(), 5, generator);
  Eigen::MatrixXd dA(A.rows(), A.cols());
  loss.gradient(A, Y, dA);
  BOOST_TEST((std::isfinite(loss.cost(A, Y)) && dA.allFinite()));
}

// At the rate the runner would pass: the plugin's learning_rate.
void use(nnsweep::Optimizer& optimizer, double learning_rate) {
  Eigen::VectorXd params = Eigen::VectorXd::LinSpaced(6, -1.0, 1.0), gradient = -params;
  optimizer.reset(nnsweep::ParameterLayout{6, {{0, 4}}});
  for (int s = 0; s < 3; ++s) optimizer.step(params, gradient, learning_rate);
  BOOST_TEST(params.allFinite());
}

// Two layers of buffers full of NaN: the initializer fills every entry.
void use(const nnsweep::Initializer& initializer) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd storage = Eigen::VectorXd::Constant(3 * 2 + 3 + 1 * 3 + 1, nan);
  std::vector<Eigen::Map<Eigen::MatrixXd>> weights{{storage.data(), 3, 2},
                                                   {storage.data() + 9, 1, 3}};
  std::vector<Eigen::Map<Eigen::MatrixXd>> biases{{storage.data() + 6, 3, 1},
                                                  {storage.data() + 12, 1, 1}};
  initializer.initialize(weights, biases);
  BOOST_TEST(storage.allFinite());
}

// Every plugin of the registry with every parameter set; `use_plugin` gets
// the created plugin, its description and the parameters.
template <class Interface, class Use>
void check_every_param_set(const nnsweep::Registry<Interface>& registry, const Use& use_plugin) {
  for (const std::string& name : registry.names()) {
    const nnsweep::PluginDescription& description = *registry.describe(name);
    for (const auto& [label, params] : param_sets(description)) {
      BOOST_TEST_CONTEXT(registry.kind() << " " << name << " with " << label) {
        std::unique_ptr<Interface> plugin;
        BOOST_CHECK_NO_THROW(plugin = registry.create(name, params));
        if (plugin) use_plugin(*plugin, description, params);
      }
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(param_contracts)

BOOST_AUTO_TEST_CASE(activations_work_at_every_edge_of_their_parameters) {
  check_every_param_set(builtin_registries().activations,
                        [](const auto& g, const auto&, const auto&) { use(g); });
}

BOOST_AUTO_TEST_CASE(losses_work_at_every_edge_of_their_parameters) {
  check_every_param_set(builtin_registries().losses,
                        [](const auto& loss, const auto& description, const auto&) {
                          use(loss, description.traits);
                        });
}

BOOST_AUTO_TEST_CASE(optimizers_work_at_every_edge_of_their_parameters) {
  check_every_param_set(builtin_registries().optimizers,
                        [](auto& optimizer, const auto&, const nnsweep::Params& params) {
                          use(optimizer, params.real("learning_rate"));
                        });
}

BOOST_AUTO_TEST_CASE(initializers_work_at_every_edge_of_their_parameters) {
  check_every_param_set(builtin_registries().initializers, [](const auto& initializer, const auto&,
                                                              const auto&) { use(initializer); });
}

BOOST_AUTO_TEST_CASE(datasets_can_be_created_at_every_edge_of_their_parameters) {
  // Only created: at the ends of their ranges some would generate millions
  // of examples. Values valid one by one but not together are the one
  // refusal a dataset may make, with a DataError (registry/dataset.hpp).
  const auto& datasets = builtin_registries().datasets;
  for (const std::string& name : datasets.names()) {
    for (const auto& [label, params] : param_sets(*datasets.describe(name))) {
      BOOST_TEST_CONTEXT("dataset " << name << " with " << label) {
        try {
          BOOST_TEST(datasets.create(name, params) != nullptr);
        } catch (const nnsweep::DataError&) {
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

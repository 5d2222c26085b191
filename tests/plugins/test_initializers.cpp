// Initializer plugins: every one against the numpy draws of
// tests/fixtures/generate_initializer_fixtures.py (bit for bit, orthogonal to
// LAPACK's rounding), and, for every registered initializer, the contract of
// registry/initializer.hpp: every entry filled, biases at `bias`, the result
// a function of the seed alone.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "builtin_registries.hpp"
#include "fixtures.hpp"

using namespace nnsweep;
namespace tt = boost::test_tools;

namespace {

// A network's weights and biases as the trainer hands them to an initializer.
struct Layers {
  std::vector<double> storage;
  std::vector<Eigen::Map<Eigen::MatrixXd>> weights, biases;

  explicit Layers(const std::vector<Eigen::Index>& sizes) {
    Eigen::Index total = 0;
    for (std::size_t l = 1; l < sizes.size(); ++l) total += sizes[l] * (sizes[l - 1] + 1);
    storage.assign(static_cast<std::size_t>(total), std::nan(""));
    double* next = storage.data();
    for (std::size_t l = 1; l < sizes.size(); ++l) {
      weights.emplace_back(next, sizes[l], sizes[l - 1]);
      next += sizes[l] * sizes[l - 1];
      biases.emplace_back(next, sizes[l], 1);
      next += sizes[l];
    }
  }
};

// The one real parameter an initializer has besides the shared `bias`: its
// scale, limit or gain.
std::string spread_param(const PluginDescription& description) {
  for (const ParamSpec& spec : description.params) {
    if (spec.type == ParamType::real && spec.name != "bias") return spec.name;
  }
  return "";
}

Layers initialized(const std::string& name, const Params& params,
                   const std::vector<Eigen::Index>& sizes) {
  Layers layers(sizes);
  builtin_registries().initializers.create(name, params)->initialize(layers.weights, layers.biases);
  return layers;
}

Params params_of(const std::string& name, std::int64_t seed) {
  Params params = default_params(builtin_registries().initializers.describe(name)->params);
  params.set("seed", seed);
  return params;
}

std::vector<Eigen::Index> sizes_of(const std::string& text) {
  std::vector<Eigen::Index> sizes;
  std::stringstream list(text);
  for (std::string size; std::getline(list, size, ',');) sizes.push_back(std::stol(size));
  return sizes;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(initializers)

BOOST_AUTO_TEST_CASE(each_draws_what_its_numpy_formula_draws) {
  const auto lines = testing::fixture_lines("initializers.txt");
  BOOST_TEST_REQUIRE(lines.size() > 100u);
  std::set<std::string> covered;
  for (const auto& tokens : lines) {
    const std::string& name = tokens[0];
    BOOST_TEST_CONTEXT(name << " seed " << tokens[1] << " param " << tokens[2] << " sizes "
                            << tokens[3]) {
      const auto* description = builtin_registries().initializers.describe(name);
      BOOST_TEST_REQUIRE(description != nullptr);
      Params params = params_of(name, std::stoll(tokens[1]));
      params.set(spread_param(*description), testing::to_double(tokens[2]));
      const Layers layers = initialized(name, params, sizes_of(tokens[3]));
      std::size_t next = 4;
      // Orthogonal goes through a QR decomposition, Eigen's here and LAPACK's in numpy.
      const double tolerance = name == "orthogonal" ? 1e-13 : 0.0;
      for (const auto& weight : layers.weights) {
        for (Eigen::Index row = 0; row < weight.rows(); ++row) {
          for (Eigen::Index col = 0; col < weight.cols(); ++col) {
            BOOST_TEST_REQUIRE(next < tokens.size());
            const double expected = testing::to_double(tokens[next++]);
            BOOST_TEST(
                std::abs(weight(row, col) - expected) <= tolerance,
                "W(" << row << ", " << col << ") = " << weight(row, col) << ", numpy " << expected);
          }
        }
      }
      BOOST_TEST(next == tokens.size());
      covered.insert(name);
    }
  }
  // The fixtures cover every built-in initializer.
  for (const std::string& name : builtin_registries().initializers.names()) {
    BOOST_TEST(covered.count(name) == 1u, name << " has no numpy fixture");
  }
}

BOOST_AUTO_TEST_CASE(every_initializer_fills_every_entry_and_depends_on_its_seed_alone) {
  const std::vector<Eigen::Index> sizes = {3, 7, 2, 4};
  for (const std::string& name : builtin_registries().initializers.names()) {
    BOOST_TEST_CONTEXT(name) {
      const Layers first = initialized(name, params_of(name, 5), sizes);
      for (double value : first.storage) BOOST_TEST_REQUIRE(std::isfinite(value));
      for (const auto& bias : first.biases) BOOST_TEST((bias.array() == 0.0).all());
      const Layers again = initialized(name, params_of(name, 5), sizes);
      BOOST_TEST(first.storage == again.storage, tt::per_element());
      const Layers other = initialized(name, params_of(name, 6), sizes);
      BOOST_TEST((first.weights[0] != other.weights[0]));
      Params biased = params_of(name, 5);
      biased.set("bias", -0.25);
      const Layers shifted = initialized(name, biased, sizes);
      for (std::size_t l = 0; l < sizes.size() - 1; ++l) {
        BOOST_TEST((shifted.biases[l].array() == -0.25).all());
        BOOST_TEST((shifted.weights[l] == first.weights[l]));  // bias takes nothing from the stream
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(orthogonal_weights_have_orthonormal_rows_or_columns) {
  for (const std::vector<Eigen::Index>& sizes :
       std::vector<std::vector<Eigen::Index>>{{4, 9, 3}, {6, 6}, {1, 5, 1}}) {
    Params params = params_of("orthogonal", 11);
    params.set("gain", 2.0);
    const Layers layers = initialized("orthogonal", params, sizes);
    for (const auto& weight : layers.weights) {
      const Eigen::MatrixXd unit = weight / 2.0;
      const Eigen::MatrixXd gram = weight.rows() < weight.cols()
                                       ? Eigen::MatrixXd(unit * unit.transpose())
                                       : Eigen::MatrixXd(unit.transpose() * unit);
      BOOST_TEST((gram - Eigen::MatrixXd::Identity(gram.rows(), gram.cols())).norm() < 1e-13);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

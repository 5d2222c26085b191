// Plugins from shared libraries (nnsweep/plugin.h): the example activation
// and optimizer work through the registries as built-ins do, and every kind
// of unusable library is refused with a message that says what is wrong,
// adding nothing to the registries.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

#include "builtin_registries.hpp"
#include "registry/plugin_library.hpp"
#include "util/sha256.hpp"

using namespace nnsweep;

namespace {

std::string sample(const std::string& name) {
  return std::string(SAMPLE_LIBRARY_DIR) + "/libsample_" + name + ".so";
}

// The message of the PluginLoadError that loading `path` throws ("" if none).
std::string refusal(const std::string& path, Registries& registries) {
  try {
    load_plugin_library(path, registries);
  } catch (const PluginLoadError& error) {
    return error.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(plugin_library)

BOOST_AUTO_TEST_CASE(an_external_activation_computes_through_the_registry) {
  Registries registries = builtin_registries();
  const LibrarySource source = load_plugin_library(SCALED_TANH_LIBRARY, registries);
  BOOST_TEST(source.sha256 == file_sha256(SCALED_TANH_LIBRARY));
  const PluginDescription* description = registries.activations.describe("scaled_tanh");
  BOOST_TEST_REQUIRE(description != nullptr);
  BOOST_TEST(description->library_sha256 == source.sha256);
  BOOST_TEST(contains(description->summary, SCALED_TANH_LIBRARY));
  BOOST_TEST_REQUIRE(description->params.size() == 2u);
  BOOST_TEST(description->params[0].name == "a");
  BOOST_TEST(std::get<double>(description->params[0].default_value) == 1.7159);

  Params params = default_params(description->params);
  params.set("b", 0.5);
  const auto activation = registries.activations.create("scaled_tanh", params);
  // A strided block: the middle rows of a larger matrix.
  Eigen::MatrixXd Z = Eigen::MatrixXd::Random(5, 4), A = Eigen::MatrixXd::Zero(5, 4);
  activation->forward(Z.middleRows(1, 3), A.middleRows(1, 3));
  for (Eigen::Index j = 0; j < 4; ++j) {
    BOOST_TEST(A(0, j) == 0.0);
    for (Eigen::Index i = 1; i < 4; ++i) BOOST_TEST(A(i, j) == 1.7159 * std::tanh(0.5 * Z(i, j)));
  }
  Eigen::MatrixXd dA = Eigen::MatrixXd::Ones(5, 4), dZ(5, 4);
  activation->backward(Z, A, dA, dZ);
  const double derivative = 0.5 * (1.7159 - A(2, 1) * A(2, 1) / 1.7159);
  BOOST_TEST(std::abs(dZ(2, 1) - derivative) < 1e-15);
}

BOOST_AUTO_TEST_CASE(an_external_optimizer_steps_through_the_registry) {
  Registries registries = builtin_registries();
  load_plugin_library(SIGN_DESCENT_LIBRARY, registries);
  const auto* description = registries.optimizers.describe("sign_descent");
  BOOST_TEST_REQUIRE(description != nullptr);
  // The shared weight_decay is declared for it too.
  BOOST_TEST(description->params.size() == 2u);
  BOOST_TEST(description->params.back().name == "weight_decay");
  const auto optimizer =
      registries.optimizers.create("sign_descent", default_params(description->params));
  Eigen::VectorXd p(3), g(3);
  p << 1.0, 2.0, 3.0;
  g << -5.0, 0.0, 1e-9;
  optimizer->reset(ParameterLayout{3, {{0, 2}}});
  optimizer->step(p, g, 0.25);
  BOOST_TEST(p(0) == 1.25);
  BOOST_TEST(p(1) == 2.0);
  BOOST_TEST(p(2) == 2.75);
}

BOOST_AUTO_TEST_CASE(every_unusable_library_is_refused_and_adds_nothing) {
  Registries registries = builtin_registries();
  const auto before = registries.activations.names();
  const std::string missing = refusal(sample("absent"), registries);
  BOOST_TEST(contains(missing, "does not exist"));
  BOOST_TEST(contains(refusal(sample("no_entry"), registries), "no nnsweep_plugin() entry point"));
  const std::string abi = refusal(sample("wrong_abi"), registries);
  BOOST_TEST(contains(abi, "built for plugin ABI version 99"));
  BOOST_TEST(contains(abi, "this nnsweep has version 1"));
  const std::string clash = refusal(sample("name_clash"), registries);
  BOOST_TEST(contains(clash, "'tanh' is already registered"));
  const std::string failing = refusal(sample("failing"), registries);
  BOOST_TEST(contains(failing, "could not be registered: the license file is missing"));
  const std::string bad = refusal(sample("bad_default"), registries);
  BOOST_TEST(contains(bad, "default of parameter 'alpha'"));
  // Not a library at all.
  BOOST_TEST(
      contains(refusal(NNSWEEP_SOURCE_DIR "/README.md", registries), "cannot load plugin library"));
  BOOST_TEST(registries.activations.names() == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_library_loaded_twice_clashes_with_itself) {
  Registries registries = builtin_registries();
  load_plugin_library(SCALED_TANH_LIBRARY, registries);
  BOOST_TEST(
      contains(refusal(SCALED_TANH_LIBRARY, registries), "'scaled_tanh' is already registered"));
}

BOOST_AUTO_TEST_SUITE_END()

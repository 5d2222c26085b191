// The generated-dataset plugins (circles, blobs, xor, spiral,
// gaussian_quantiles, classification, friedman1) against
// tests/fixtures/datasets.txt, made by generate_datasets.py from sklearn 1.2.1 /
// numpy 1.24.2 (spiral and xor from the numpy definitions in docs/datasets.md).
// "exact" cases compare every value bit for bit; "rel=1e-12" cases (numbers that
// pass through a BLAS/LAPACK product in sklearn) allow that relative error on
// X only, and labels stay exact.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <iomanip>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "builtin_registries.hpp"
#include "fixtures.hpp"

using nnsweep::testing::fixture_lines;
using nnsweep::testing::to_double;

namespace {

struct DatasetCase {
  std::string plugin;
  double tolerance = 0.0;             // 0 = bit for bit
  std::vector<std::string> settings;  // key=value, as on the command line
  nnsweep::Params params;
  std::vector<std::vector<double>> rows;  // x0 ... y per example
};

// A fixture value typed as the plugin declares the parameter.
nnsweep::ParamValue typed(const nnsweep::ParamSpec& spec, const std::string& text) {
  switch (spec.type) {
    case nnsweep::ParamType::boolean:
      return text == "true";
    case nnsweep::ParamType::integer:
      return static_cast<std::int64_t>(std::stoll(text));
    case nnsweep::ParamType::real:
      return to_double(text);
    case nnsweep::ParamType::string:
      return text;
    case nnsweep::ParamType::int_list:
    case nnsweep::ParamType::string_list:
      break;
  }
  BOOST_FAIL("unexpected parameter type for " + spec.name);
  return {};
}

std::vector<DatasetCase> dataset_cases() {
  std::vector<DatasetCase> cases;
  const auto& registries = nnsweep::builtin_registries();
  const auto lines = fixture_lines("datasets.txt");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& head = lines[i];
    BOOST_TEST_REQUIRE(head.at(0) == "case");
    DatasetCase c;
    c.plugin = head.at(1);
    c.tolerance = head.at(2) == "exact" ? 0.0 : to_double(head.at(2).substr(4));
    const auto* description = registries.datasets.describe(c.plugin);
    BOOST_TEST_REQUIRE(description != nullptr, c.plugin);
    c.params = nnsweep::default_params(description->params);
    for (std::size_t t = 3; t < head.size(); ++t) {
      const std::string& setting = head[t];
      const std::size_t eq = setting.find('=');
      const std::string key = setting.substr(0, eq);
      const nnsweep::ParamSpec* spec = nullptr;
      for (const auto& s : description->params) spec = s.name == key ? &s : spec;
      BOOST_TEST_REQUIRE(spec != nullptr, c.plugin + " has no parameter " + key);
      c.params.set(key, typed(*spec, setting.substr(eq + 1)));
      c.settings.push_back(setting);
    }
    for (++i; lines.at(i).at(0) != "end"; ++i) {
      std::vector<double> row;
      for (const auto& token : lines[i]) row.push_back(to_double(token));
      c.rows.push_back(std::move(row));
    }
    BOOST_TEST_REQUIRE(c.rows.size() == static_cast<std::size_t>(c.params.integer("n_samples")));
    cases.push_back(std::move(c));
  }
  // generate_datasets.py writes 60 cases; fewer means a truncated file.
  BOOST_TEST_REQUIRE(cases.size() == 60u);
  return cases;
}

nnsweep::Dataset generate(const DatasetCase& c) {
  return nnsweep::builtin_registries().datasets.create(c.plugin, c.params)->generate();
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

std::string describe(const DatasetCase& c) {
  std::string text = c.plugin;
  for (const auto& s : c.settings) text += " " + s;
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(generated_datasets)

BOOST_AUTO_TEST_CASE(every_fixture_case_matches_sklearn) {
  std::map<std::string, int> exact_values, near_values;
  for (const DatasetCase& c : dataset_cases()) {
    BOOST_TEST_CONTEXT(describe(c)) {
      const nnsweep::Dataset data = generate(c);
      const auto n_features = static_cast<Eigen::Index>(c.rows.front().size() - 1);
      BOOST_TEST_REQUIRE(data.X.rows() == n_features);
      BOOST_TEST_REQUIRE(data.Y.rows() == 1);
      BOOST_TEST_REQUIRE(data.X.cols() == static_cast<Eigen::Index>(c.rows.size()));
      BOOST_TEST_REQUIRE(data.Y.cols() == static_cast<Eigen::Index>(c.rows.size()));
      for (Eigen::Index i = 0; i < data.X.cols(); ++i) {
        const auto& row = c.rows[static_cast<std::size_t>(i)];
        BOOST_TEST_CONTEXT("example " << i) {
          for (Eigen::Index f = 0; f < n_features; ++f) {
            const double got = data.X(f, i), want = row[static_cast<std::size_t>(f)];
            if (same_bits(got, want)) {
              ++exact_values[c.plugin];
              continue;
            }
            // Compared as bits: == would let -0.0 pass for 0.0.
            if (c.tolerance == 0.0) {
              BOOST_ERROR(std::setprecision(17)
                          << "x" << f << " " << got << " differs from sklearn's " << want);
              continue;
            }
            BOOST_TEST(
                std::abs(got - want) <= c.tolerance * std::max(std::abs(got), std::abs(want)),
                std::setprecision(17) << "x" << f << " " << got << " vs sklearn's " << want);
            ++near_values[c.plugin];
          }
          BOOST_TEST(same_bits(data.Y(0, i), row.back()), data.Y(0, i) << " != " << row.back());
        }
      }
    }
  }
  for (const auto& [plugin, count] : exact_values) {
    BOOST_TEST_MESSAGE(plugin << ": " << count << " values bit for bit, " << near_values[plugin]
                              << " within tolerance only");
  }
}

BOOST_AUTO_TEST_CASE(every_plugin_has_cases_including_tiny_ones) {
  // The fixture covers each generated dataset, at 1, 2 and 3 examples.
  std::map<std::string, std::set<std::int64_t>> sizes;
  for (const DatasetCase& c : dataset_cases())
    sizes[c.plugin].insert(c.params.integer("n_samples"));
  for (const std::string name :
       {"blobs", "circles", "classification", "friedman1", "gaussian_quantiles", "spiral", "xor"}) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(sizes[name].count(1) == 1u);
      BOOST_TEST(sizes[name].count(2) == 1u);
      BOOST_TEST(sizes[name].count(3) == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(generation_is_repeatable) {
  for (const DatasetCase& c : dataset_cases()) {
    const nnsweep::Dataset first = generate(c), second = generate(c);
    BOOST_TEST((first.X.array() == second.X.array()).all(), describe(c));
    BOOST_TEST((first.Y.array() == second.Y.array()).all(), describe(c));
  }
}

BOOST_AUTO_TEST_CASE(the_seed_changes_the_data) {
  // Guards against a plugin that ignores its seed (the fixtures could still
  // pass if every case happened to use the same stream).
  const auto& registries = nnsweep::builtin_registries();
  for (const std::string name :
       {"blobs", "circles", "classification", "friedman1", "gaussian_quantiles", "spiral", "xor"}) {
    auto params = nnsweep::default_params(registries.datasets.describe(name)->params);
    if (name == "circles") params.set("noise", 0.1);
    const auto a = registries.datasets.create(name, params)->generate();
    params.set("seed", std::int64_t{1});
    const auto b = registries.datasets.create(name, params)->generate();
    BOOST_TEST(!(a.X.array() == b.X.array()).all(), name);
  }
}

BOOST_AUTO_TEST_SUITE_END()

// The `moons` dataset plugin against sklearn 1.2.1's make_moons seeded through
// numpy's global generator (tests/fixtures/moons.txt), compared bit for bit.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "builtin_registries.hpp"
#include "fixtures.hpp"

using nnsweep::testing::fixture_lines;
using nnsweep::testing::to_double;

namespace {

struct MoonsCase {
  std::int64_t seed = 0;
  std::int64_t n_samples = 0;
  bool has_noise = false;  // the fixture's `none` is sklearn's noise=None
  double noise = 0.0;
  bool shuffle = true;
  std::vector<std::vector<std::string>> rows;  // "x0 x1 y" per example
};

std::vector<MoonsCase> moons_cases() {
  std::vector<MoonsCase> cases;
  const auto lines = fixture_lines("moons.txt");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& head = lines[i];
    BOOST_TEST_REQUIRE(head.at(0) == "case");
    MoonsCase c;
    c.seed = std::stoll(head.at(1));
    c.n_samples = std::stoll(head.at(2));
    c.has_noise = head.at(3) != "none";
    c.noise = c.has_noise ? to_double(head.at(3)) : 0.0;
    c.shuffle = head.at(4) == "1";
    for (++i; lines.at(i).at(0) != "end"; ++i) {
      BOOST_TEST_REQUIRE(lines[i].size() == 3u);
      c.rows.push_back(lines[i]);
    }
    BOOST_TEST_REQUIRE(c.rows.size() == static_cast<std::size_t>(c.n_samples));
    cases.push_back(std::move(c));
  }
  // generate_fixtures.py writes 11 cases; fewer means a truncated or skipped case.
  BOOST_TEST_REQUIRE(cases.size() == 11u);
  return cases;
}

nnsweep::Dataset generate(const MoonsCase& c) {
  const auto& registries = nnsweep::builtin_registries();
  const nnsweep::PluginDescription* description = registries.datasets.describe("moons");
  BOOST_TEST_REQUIRE(description != nullptr);
  nnsweep::Params params = nnsweep::default_params(description->params);
  params.set("n_samples", c.n_samples);
  params.set("noise", c.noise);  // noise 0 stands for sklearn's None
  params.set("seed", c.seed);
  params.set("shuffle", c.shuffle);
  return registries.datasets.create("moons", params)->generate();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(moons)

BOOST_AUTO_TEST_CASE(every_fixture_case_matches_sklearn_bit_for_bit) {
  for (const MoonsCase& c : moons_cases()) {
    BOOST_TEST_CONTEXT("case seed " << c.seed << " n " << c.n_samples << " noise "
                                    << (c.has_noise ? std::to_string(c.noise) : "none")
                                    << " shuffle " << c.shuffle) {
      const nnsweep::Dataset data = generate(c);
      // Examples are columns: X is 2 x m, Y is 1 x m.
      BOOST_TEST_REQUIRE(data.X.rows() == 2);
      BOOST_TEST_REQUIRE(data.Y.rows() == 1);
      BOOST_TEST_REQUIRE(data.X.cols() == c.n_samples);
      BOOST_TEST_REQUIRE(data.Y.cols() == c.n_samples);
      for (Eigen::Index i = 0; i < c.n_samples; ++i) {
        const auto& row = c.rows[static_cast<std::size_t>(i)];
        BOOST_TEST_CONTEXT("example " << i) {
          BOOST_TEST(data.X(0, i) == to_double(row[0]));
          BOOST_TEST(data.X(1, i) == to_double(row[1]));
          BOOST_TEST(data.Y(0, i) == to_double(row[2]));
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(generation_is_repeatable) {
  // The dataset contract: same parameters, same bits, every call.
  for (const MoonsCase& c : moons_cases()) {
    const nnsweep::Dataset first = generate(c);
    const nnsweep::Dataset second = generate(c);
    BOOST_TEST((first.X.array() == second.X.array()).all());
    BOOST_TEST((first.Y.array() == second.Y.array()).all());
  }
}

BOOST_AUTO_TEST_CASE(declared_parameters) {
  // Configs and `nnsweep plugins` rely on these exact names and types.
  const auto* description = nnsweep::builtin_registries().datasets.describe("moons");
  BOOST_TEST_REQUIRE(description != nullptr);
  std::vector<std::string> names;
  for (const auto& spec : description->params) names.push_back(spec.name);
  // Its own parameters, then the split parameters every dataset takes.
  const std::vector<std::string> expected = {"n_samples", "noise",         "seed",
                                             "shuffle",   "test_fraction", "split_seed",
                                             "stratify",  "standardize"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

// Every optimizer's first five steps against torch.optim (or, for Lion and
// NAdam, the published formulas in numpy), from
// tests/fixtures/generate_optimizer_fixtures.py: default and other
// parameters, weight decay on the weights only, and a rate that changes
// between steps as a schedule changes it.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "optimizer_steps.hpp"

using namespace nnsweep::testing;

namespace {

constexpr double kTolerance = 1e-12;

struct OptimizerCase {
  std::string name, source;
  std::vector<std::string> settings;
  nnsweep::ParameterLayout layout;
  std::vector<double> rates;
  Eigen::VectorXd start;
  Eigen::MatrixXd gradients, expected;  // one column per step
};

// optimizer NAME SOURCE | settings | weights O:L ... | rates | p0 | gradients | after
OptimizerCase parse(const std::vector<std::string>& tokens) {
  const auto parts = sections(tokens);
  BOOST_TEST_REQUIRE(parts.size() == 7u);
  OptimizerCase c;
  c.name = parts[0].at(1);
  c.source = parts[0].at(2);
  c.settings = parts[1];
  for (std::size_t i = 1; i < parts[2].size(); ++i) {
    const std::string& range = parts[2][i];
    const auto colon = range.find(':');
    c.layout.weights.push_back(
        {std::stoll(range.substr(0, colon)), std::stoll(range.substr(colon + 1))});
  }
  c.rates = numbers(parts[3]);
  const std::vector<double> start = numbers(parts[4]);
  const std::vector<double> gradients = numbers(parts[5]), expected = numbers(parts[6]);
  const auto n = static_cast<Eigen::Index>(start.size());
  const auto steps = static_cast<Eigen::Index>(c.rates.size());
  BOOST_TEST_REQUIRE(gradients.size() == std::size_t(n * steps));
  BOOST_TEST_REQUIRE(expected.size() == std::size_t(n * steps));
  c.layout.size = n;
  c.start = Eigen::Map<const Eigen::VectorXd>(start.data(), n);
  c.gradients = Eigen::Map<const Eigen::MatrixXd>(gradients.data(), n, steps);
  c.expected = Eigen::Map<const Eigen::MatrixXd>(expected.data(), n, steps);
  return c;
}

std::vector<OptimizerCase> cases() {
  std::vector<OptimizerCase> result;
  for (const auto& line : fixture_lines("optimizers.txt")) {
    BOOST_TEST_REQUIRE(line.at(0) == "optimizer");
    result.push_back(parse(line));
  }
  return result;
}

std::string describe(const OptimizerCase& c) {
  std::string text = c.name + " (" + c.source + ")";
  for (const std::string& setting : c.settings) text += " " + setting;
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(optimizer_fixtures)

BOOST_AUTO_TEST_CASE(first_five_steps_match_the_reference_to_1e_12) {
  double worst = 0.0;
  std::map<std::string, double> worst_by_name;
  for (const OptimizerCase& c : cases()) {
    BOOST_TEST_CONTEXT(describe(c)) {
      SteppedOptimizer optimizer(c.name, c.settings);
      optimizer.reset(c.layout);
      Eigen::VectorXd params = c.start;
      for (Eigen::Index k = 0; k < c.gradients.cols(); ++k) {
        optimizer.step(params, c.gradients.col(k), c.rates[std::size_t(k)]);
        const double difference = (params - c.expected.col(k)).cwiseAbs().maxCoeff();
        BOOST_TEST_CONTEXT("step " << k + 1) {
          BOOST_TEST(difference <= kTolerance);
        }
        worst = std::max(worst, difference);
        worst_by_name[c.name] = std::max(worst_by_name[c.name], difference);
      }
    }
  }
  for (const auto& [name, difference] : worst_by_name) {
    BOOST_TEST_MESSAGE(name << ": largest difference " << difference);
  }
  BOOST_TEST_MESSAGE("all optimizers: largest difference " << worst);
}

BOOST_AUTO_TEST_CASE(the_fixture_moves_every_entry_it_should) {
  // A reference that never moves a parameter would match a broken optimizer.
  // Every case moves every weight, and every bias with a gradient.
  for (const OptimizerCase& c : cases()) {
    BOOST_TEST_CONTEXT(describe(c)) {
      const Eigen::VectorXd last = c.expected.col(c.expected.cols() - 1);
      const bool decayed = SteppedOptimizer(c.name, c.settings).params().real("weight_decay") != 0;
      for (Eigen::Index i = 0; i < c.start.size(); ++i) {
        const bool weight =
            std::any_of(c.layout.weights.begin(), c.layout.weights.end(), [&](const auto& range) {
              return i >= range.offset && i < range.offset + range.length;
            });
        // No gradient and no decay: nothing moves it.
        if (c.gradients.row(i).isZero(0.0) && !(decayed && weight)) continue;
        BOOST_TEST_CONTEXT("entry " << i) {
          BOOST_TEST(last(i) != c.start(i));
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_optimizer_has_default_and_weight_decay_cases) {
  // So a built-in optimizer cannot be added without its reference steps.
  std::map<std::string, int> cases_of, decayed_cases_of;
  for (const OptimizerCase& c : cases()) {
    ++cases_of[c.name];
    const SteppedOptimizer optimizer(c.name, c.settings);
    if (optimizer.params().real("weight_decay") != 0.0) ++decayed_cases_of[c.name];
  }
  for (const std::string& name : nnsweep::builtin_registries().optimizers.names()) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(cases_of[name] >= 2);
      BOOST_TEST(decayed_cases_of[name] >= 1);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

// The generated datasets through the command line: `nnsweep dataset NAME
// key=value...` prints exactly what the plugin generates, and a short training
// run on each two-class set finishes.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "builtin_registries.hpp"
#include "cli.hpp"

using nnsweep::testing::run_cli;
using nnsweep::testing::ScratchDir;

namespace {

struct CliCase {
  std::string plugin;
  std::vector<std::string> settings;  // key=value
};

// Non-default settings for every plugin, string parameters included.
const std::vector<CliCase> kCliCases = {
    {"circles", {"n_samples=7", "noise=0.1", "factor=0.5", "seed=3"}},
    {"blobs", {"n_samples=9", "center_points=1,1;-1,-1;0.5,2", "cluster_std=0.3", "seed=4"}},
    {"blobs", {"n_samples=5", "centers=4", "n_features=3", "shuffle=false"}},
    {"xor", {"n_samples=6", "cluster_std=0.25", "seed=2"}},
    {"spiral", {"n_samples=8", "n_classes=2", "noise=0.3", "seed=5"}},
    {"gaussian_quantiles", {"n_samples=10", "n_features=3", "mean=1,2,3", "cov=2"}},
    {"classification",
     {"n_samples=11", "n_features=6", "n_classes=3", "n_clusters_per_class=1", "weights=0.5,0.2"}},
    {"friedman1", {"n_samples=4", "n_features=5", "noise=1"}},
};

nnsweep::Dataset generate(const CliCase& c) {
  const auto& registries = nnsweep::builtin_registries();
  const auto* description = registries.datasets.describe(c.plugin);
  nnsweep::Params params = nnsweep::default_params(description->params);
  for (const std::string& setting : c.settings) {
    const std::string key = setting.substr(0, setting.find('='));
    const std::string text = setting.substr(setting.find('=') + 1);
    for (const auto& spec : description->params) {
      if (spec.name != key) continue;
      if (spec.type == nnsweep::ParamType::integer) params.set(key, std::int64_t{std::stoll(text)});
      if (spec.type == nnsweep::ParamType::real)
        params.set(key, std::strtod(text.c_str(), nullptr));
      if (spec.type == nnsweep::ParamType::boolean) params.set(key, text == "true");
      if (spec.type == nnsweep::ParamType::string) params.set(key, text);
    }
  }
  return registries.datasets.create(c.plugin, params)->generate();
}

std::vector<std::vector<double>> parse_csv(const std::string& text, std::string& header) {
  std::istringstream lines(text);
  std::getline(lines, header);
  std::vector<std::vector<double>> rows;
  for (std::string line; std::getline(lines, line);) {
    std::vector<double> row;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) {
      row.push_back(std::strtod(cell.c_str(), nullptr));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(generated_datasets_cli)

BOOST_AUTO_TEST_CASE(dataset_command_prints_the_generated_values) {
  for (const CliCase& c : kCliCases) {
    std::vector<std::string> arguments = {"dataset", c.plugin};
    arguments.insert(arguments.end(), c.settings.begin(), c.settings.end());
    const auto result = run_cli(arguments);
    BOOST_TEST_CONTEXT(c.plugin << " " << c.settings.front()) {
      BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
      const nnsweep::Dataset data = generate(c);
      std::string header;
      const auto rows = parse_csv(result.out, header);
      std::string expected_header;
      for (Eigen::Index f = 0; f < data.X.rows(); ++f) {
        expected_header += "x" + std::to_string(f) + ",";
      }
      BOOST_TEST(header == expected_header + "y");
      BOOST_TEST_REQUIRE(rows.size() == static_cast<std::size_t>(data.X.cols()));
      for (Eigen::Index i = 0; i < data.X.cols(); ++i) {
        const auto& row = rows[static_cast<std::size_t>(i)];
        BOOST_TEST_REQUIRE(row.size() == static_cast<std::size_t>(data.X.rows() + 1));
        for (Eigen::Index f = 0; f < data.X.rows(); ++f) {
          BOOST_TEST(same_bits(row[static_cast<std::size_t>(f)], data.X(f, i)));
        }
        BOOST_TEST(same_bits(row.back(), data.Y(0, i)));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(short_training_run_on_each_two_class_set) {
  // Labels 0/1 fit binary cross-entropy: every set at two classes.
  const std::vector<std::string> datasets = {
      "{name: circles, n_samples: 60, noise: 0.1, factor: 0.5}",
      "{name: blobs, n_samples: 60, centers: 2}",
      "{name: xor, n_samples: 60}",
      "{name: spiral, n_samples: 60, n_classes: 2}",
      "{name: gaussian_quantiles, n_samples: 60, n_classes: 2}",
      "{name: classification, n_samples: 60}",
  };
  for (const std::string& dataset : datasets) {
    BOOST_TEST_CONTEXT(dataset) {
      ScratchDir scratch;
      const auto config =
          scratch.write("short.yaml",
                        "name: short\n"
                        "dataset: " +
                            dataset +
                            "\n"
                            "model: {hidden: [4], activation: tanh, output: sigmoid,\n"
                            "        init: {name: normal, scale: 0.5, seed: 2}}\n"
                            "loss: binary_cross_entropy\n"
                            "optimizer: {name: gd, learning_rate: 0.5}\n"
                            "train: {iterations: 200}\n");
      const auto result =
          run_cli({"run", config.string(), "--out", (scratch.path() / "x.h5").string()});
      BOOST_TEST(result.exit_code == 0, result.err);
      BOOST_TEST(result.out.find("short: ok") != std::string::npos, result.out);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

// Splits and standard scaling equal sklearn's train_test_split (plain and
// stratified) and StandardScaler, index for index and bit for bit.
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <fstream>
#include <sstream>

#include "data/split.hpp"

using namespace nnsweep;

namespace {

// One fixture line: the leading words, then the fields between '|'.
struct Case {
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> fields;
};

std::vector<Case> cases(const std::string& kind) {
  std::ifstream file(std::string(NNSWEEP_FIXTURES) + "/splits.txt");
  BOOST_TEST_REQUIRE(file.good(), "cannot read splits.txt");
  std::vector<Case> found;
  for (std::string line; std::getline(file, line);) {
    if (line.rfind(kind + " ", 0) != 0) continue;
    Case entry;
    std::istringstream parts(line);
    std::string part;
    for (bool first = true; std::getline(parts, part, '|'); first = false) {
      std::istringstream words(part);
      std::vector<std::string> tokens;
      for (std::string word; words >> word;) tokens.push_back(word);
      (first ? entry.head : entry.fields.emplace_back()) = tokens;
    }
    found.push_back(entry);
  }
  BOOST_TEST_REQUIRE(!found.empty(), "no " << kind << " cases");
  return found;
}

std::vector<std::int64_t> integers(const std::vector<std::string>& tokens) {
  std::vector<std::int64_t> values;
  for (const auto& token : tokens) values.push_back(std::stoll(token));
  return values;
}

std::vector<double> reals(const std::vector<std::string>& tokens) {
  std::vector<double> values;
  for (const auto& token : tokens) values.push_back(std::strtod(token.c_str(), nullptr));
  return values;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(split)

BOOST_AUTO_TEST_CASE(shuffle_split_equals_train_test_split) {
  for (const Case& c : cases("shuffle")) {
    BOOST_TEST_CONTEXT(c.head[1] << " examples, test " << c.head[2] << ", seed " << c.head[3]) {
      const SplitIndices split = shuffle_split(std::stoll(c.head[1]), std::stod(c.head[2]),
                                               static_cast<std::uint32_t>(std::stoull(c.head[3])));
      BOOST_TEST(split.train == integers(c.fields[0]), boost::test_tools::per_element());
      BOOST_TEST(split.test == integers(c.fields[1]), boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(stratified_split_equals_train_test_split_with_stratify) {
  for (const Case& c : cases("stratify")) {
    BOOST_TEST_CONTEXT("test " << c.head[1] << ", seed " << c.head[2] << ", " << c.fields[0].size()
                               << " labels") {
      const SplitIndices split =
          stratified_split(reals(c.fields[0]), std::stod(c.head[1]),
                           static_cast<std::uint32_t>(std::stoul(c.head[2])));
      BOOST_TEST(split.train == integers(c.fields[1]), boost::test_tools::per_element());
      BOOST_TEST(split.test == integers(c.fields[2]), boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(standard_scaler_equals_sklearn) {
  for (const Case& c : cases("scaler")) {
    const Eigen::Index rows = std::stol(c.head[1]), cols = std::stol(c.head[2]);
    BOOST_TEST_CONTEXT(rows << " x " << cols) {
      const std::vector<double> values = reals(c.fields[0]);
      // The fixture is examples x features row-major: our features x examples.
      Eigen::MatrixXd X = Eigen::Map<const Eigen::MatrixXd>(values.data(), cols, rows);
      const Standardization scaling = fit_standard_scaler(X);
      const std::vector<double> mean = reals(c.fields[1]), scale = reals(c.fields[2]);
      for (Eigen::Index f = 0; f < cols; ++f) {
        BOOST_TEST(same_bits(scaling.mean(f), mean[std::size_t(f)]), "mean " << f);
        BOOST_TEST(same_bits(scaling.scale(f), scale[std::size_t(f)]), "scale " << f);
      }
      standardize(X, scaling);
      for (Eigen::Index f = 0; f < cols; ++f) {
        const double expected =
            (values[std::size_t(f)] - mean[std::size_t(f)]) / scale[std::size_t(f)];
        BOOST_TEST(same_bits(X(f, 0), expected));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(impossible_splits_say_why) {
  BOOST_CHECK_THROW(shuffle_split(1, 0.5, 0), SplitError);
  BOOST_CHECK_THROW(shuffle_split(10, 0.0, 0), SplitError);
  BOOST_CHECK_THROW(shuffle_split(10, 1.0, 0), SplitError);
  BOOST_CHECK_EXCEPTION(stratified_split({0, 0, 0, 1}, 0.5, 0), SplitError,
                        [](const SplitError& e) {
                          return std::string(e.what()).find("only 1 example") != std::string::npos;
                        });
  BOOST_CHECK_EXCEPTION(
      stratified_split({0, 0, 1, 1, 2, 2}, 0.2, 0), SplitError, [](const SplitError& e) {
        return std::string(e.what()).find("each of the 3 classes") != std::string::npos;
      });
}

BOOST_AUTO_TEST_SUITE_END()

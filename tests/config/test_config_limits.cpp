// The documented limits of an experiment file (config/loader.hpp): its size
// in bytes, its YAML values (aliases counted each time they are used, so an
// alias bomb is refused) and their nesting depth. Each is exit 2 at
// FILE:LINE:COL, quickly: a 100 MB list used to take minutes to parse, or
// abort when memory ran out. And a config must be UTF-8 text.
#include <boost/test/unit_test.hpp>

#include "config/loader.hpp"
#include "config_check.hpp"

using namespace nnsweep::testing;

namespace {

const std::string kBody =
    "dataset: {name: moons, n_samples: 40}\nmodel: {hidden: [2]}\ntrain: {iterations: 3}\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(config_limits)

BOOST_AUTO_TEST_CASE(a_file_over_the_byte_limit_is_refused_before_parsing) {
  // A comment, so that the bytes alone are over the limit.
  const std::string padding = "# " + std::string(nnsweep::kMaxConfigBytes, 'x') + "\n";
  expect_config_error(kBody + padding, {1, ""}, {"larger than 4 MiB", "4194304 bytes"});
  // Just under it, the same comment is fine.
  expect_valid(kBody + "# " + std::string(nnsweep::kMaxConfigBytes - kBody.size() - 3, 'x') + "\n");
}

BOOST_AUTO_TEST_CASE(too_many_values_are_refused_where_the_limit_is_reached) {
  std::string list = "description: [";
  for (std::size_t i = 0; i < nnsweep::kMaxConfigNodes; ++i) list += "1,";
  list += "1]\n";
  expect_config_error(kBody + list, {4, ""}, {"more than 1000000 YAML values"});
}

BOOST_AUTO_TEST_CASE(an_alias_bomb_is_refused) {
  std::string bomb = "description:\n  a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  for (char name = 'b'; name <= 'g'; ++name) {
    const std::string alias = std::string("*") + char(name - 1);
    bomb += std::string("  ") + name + ": &" + name + " [";
    for (int k = 0; k < 10; ++k) bomb += alias + (k < 9 ? ", " : "]\n");
  }
  expect_config_error(kBody + bomb, {5, ""}, {"more than 1000000 YAML values", "aliases"});
}

BOOST_AUTO_TEST_CASE(values_nested_too_deep_are_refused) {
  std::string deep = "description:\n";
  for (std::size_t level = 1; level <= nnsweep::kMaxConfigDepth + 1; ++level) {
    deep += std::string(2 * level, ' ') + "a:\n";
  }
  const int line = 3 + 1 + static_cast<int>(nnsweep::kMaxConfigDepth);
  expect_config_error(kBody + deep, {line, "a"}, {"nested more than 64 levels deep"});
}

// A config is stored in every results file as UTF-8 text (/config): anything
// else is refused where it is, rather than stored cut short or undecodable.
BOOST_AUTO_TEST_CASE(text_that_is_not_utf8_is_refused) {
  expect_config_error(kBody + "# caf\xE9\n", {4, "\xE9"}, {"invalid UTF-8 (byte 0xE9)"});
  expect_config_error(kBody + std::string("# a\0b\n", 6), {4, ""}, {"a NUL byte"});
  expect_config_error("\xFF\xFEn\0a\0m\0e\0", {1, ""}, {"UTF-16", "save it as UTF-8"});
  expect_valid("\xEF\xBB\xBF" + kBody + "# caf\xC3\xA9 \xE2\x9C\x93\n");
}

BOOST_AUTO_TEST_SUITE_END()

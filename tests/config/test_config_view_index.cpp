// The document index (config/config_view.hpp: DocumentIndex) only makes
// lookups faster: a view with it sees, at every path, the same node at the
// same FILE:LINE:COL as a view without it, with and without overrides, for
// empty values, duplicate keys and keys that exist only through overrides.
#include <boost/test/unit_test.hpp>

#include <functional>

#include "config/config_view.hpp"

namespace {

const char* const kDocument = R"(name: x
dataset: {name: moons, n_samples: 200}
model:
  hidden: [4]
  init:
    name: normal
    seed:
  activation: tanh
optimizer: {name: gd, learning_rate: 0.5}
optimizer: {name: adam}
train:
  iterations: 10
)";

std::string describe(const nnsweep::ConfigView& view) {
  const nnsweep::SourceLocation at = view.location();
  std::string text = view.path() + " @" + std::to_string(at.line) + ":" +
                     std::to_string(at.column) + " " + at.source;
  if (view.is_scalar()) text += " = " + view.scalar();
  if (view.is_null()) text += " (null)";
  return text;
}

// Every path reachable by child(), described, in walk order.
void walk(const nnsweep::ConfigView& view, std::vector<std::string>& out) {
  out.push_back(describe(view));
  if (!view.is_map() && view.is_null() && !view.has_overrides_below()) return;
  for (const char* key :
       {"name", "dataset", "model", "hidden", "init", "seed", "activation", "optimizer",
        "learning_rate", "train", "iterations", "batch_size", "n_samples", "momentum", "missing"}) {
    if (auto child = view.child(key)) walk(*child, out);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_view_index)

BOOST_AUTO_TEST_CASE(views_with_and_without_the_index_agree) {
  const YAML::Node document = YAML::Load(kDocument);
  const nnsweep::DocumentIndex index(document);
  nnsweep::OverrideMap overrides;
  overrides["model.init.seed"] = {YAML::Load("7"), "--set model.init.seed", {}};
  overrides["optimizer.momentum.momentum"] = {YAML::Load("0.9"), "sweep.grid", {}};
  overrides["train"] = {YAML::Load("{iterations: 3, batch_size: 8}"), "--set train", {}};
  for (const nnsweep::OverrideMap* over : {static_cast<const nnsweep::OverrideMap*>(nullptr),
                                           static_cast<const nnsweep::OverrideMap*>(&overrides)}) {
    std::vector<std::string> plain, indexed;
    walk(nnsweep::ConfigView::root(document, "dir/c.yaml", over), plain);
    walk(nnsweep::ConfigView::root(document, "dir/c.yaml", over, &index), indexed);
    BOOST_TEST(plain.size() > 15u);
    BOOST_TEST(plain == indexed, boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_SUITE_END()

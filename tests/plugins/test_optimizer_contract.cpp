// What every registered optimizer promises (registry/optimizer.hpp), checked
// on each without naming it: the parameters the runner reads, weight decay
// on the weights only, a fresh start after reset(), and a rate of 0.
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <string>

#include "optimizer_steps.hpp"
#include "train/network.hpp"

using namespace nnsweep::testing;

namespace {

// A 2-3-1 network's layout: W1 (6), b1 (3), W2 (3), b2 (1).
nnsweep::ParameterLayout small_layout() {
  return {13, {{0, 6}, {9, 3}}};
}

bool is_weight(Eigen::Index i) {
  return i < 6 || (i >= 9 && i < 12);
}

Eigen::VectorXd start() {
  return Eigen::VectorXd::LinSpaced(13, -1.2, 1.4);
}

// Gradient k of a made-up sequence, with no zero entries.
Eigen::VectorXd gradient(int k) {
  Eigen::VectorXd g(13);
  for (Eigen::Index i = 0; i < 13; ++i) g(i) = std::sin(1.0 + double(i) * 0.7 + double(k) * 1.3);
  return g;
}

Eigen::VectorXd after_steps(SteppedOptimizer& optimizer, int steps, double rate) {
  Eigen::VectorXd p = start();
  for (int k = 0; k < steps; ++k) optimizer.step(p, gradient(k), rate);
  return p;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = nnsweep::builtin_registries().optimizers.names();
  return names;
}

nnsweep::WeightDecayForm decay_form(const std::string& name) {
  return nnsweep::builtin_registries().optimizers.describe(name)->traits.weight_decay;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(optimizer_contract)

BOOST_AUTO_TEST_CASE(every_optimizer_declares_the_parameters_the_runner_reads) {
  for (const std::string& name : optimizer_names()) {
    BOOST_TEST_CONTEXT(name) {
      const auto& specs = nnsweep::builtin_registries().optimizers.describe(name)->params;
      int found = 0;
      for (const nnsweep::ParamSpec& spec : specs) {
        if (spec.name == "learning_rate") {
          ++found;
          BOOST_TEST((spec.type == nnsweep::ParamType::real));
          BOOST_TEST((spec.min == 0.0 && spec.min_exclusive), "learning_rate must be > 0");
        }
        if (spec.name == "weight_decay") {
          ++found;
          BOOST_TEST((spec.type == nnsweep::ParamType::real));
          BOOST_TEST(spec.min == 0.0);
        }
      }
      BOOST_TEST(found == 2);
    }
  }
}

BOOST_AUTO_TEST_CASE(weight_decay_in_the_l2_form_is_off_by_default) {
  // An L2 penalty on by default would regularise every run that never asked;
  // a decoupled optimizer may default to its paper's decay (AdamW's 0.01).
  for (const std::string& name : optimizer_names()) {
    BOOST_TEST_CONTEXT(name) {
      const SteppedOptimizer optimizer(name);
      if (decay_form(name) == nnsweep::WeightDecayForm::l2) {
        BOOST_TEST(optimizer.params().real("weight_decay") == 0.0);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(weight_decay_moves_weights_and_never_biases) {
  for (const std::string& name : optimizer_names()) {
    BOOST_TEST_CONTEXT(name) {
      SteppedOptimizer plain(name, {"weight_decay=0"});
      SteppedOptimizer decayed(name, {"weight_decay=0.3"});
      plain.reset(small_layout());
      decayed.reset(small_layout());
      const double rate = plain.params().real("learning_rate") * 10;
      const Eigen::VectorXd a = after_steps(plain, 4, rate), b = after_steps(decayed, 4, rate);
      for (Eigen::Index i = 0; i < a.size(); ++i) {
        BOOST_TEST_CONTEXT("entry " << i) {
          if (is_weight(i)) {
            // The runner adds an L2 decay to the gradient, which a plugin
            // may not answer in every entry (a sign-based one); a decoupled
            // one shrinks every weight itself.
            if (decay_form(name) == nnsweep::WeightDecayForm::decoupled) BOOST_TEST(a(i) != b(i));
          } else {
            BOOST_TEST(same_bits(a(i), b(i)), a(i) << " became " << b(i));
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(reset_starts_a_new_run) {
  // The steps after reset() equal a fresh instance's, bit for bit.
  for (const std::string& name : optimizer_names()) {
    BOOST_TEST_CONTEXT(name) {
      SteppedOptimizer used(name, {"weight_decay=0.1"}), fresh(name, {"weight_decay=0.1"});
      const double rate = used.params().real("learning_rate");
      used.reset(small_layout());
      (void)after_steps(used, 3, rate);
      used.reset(small_layout());
      fresh.reset(small_layout());
      const Eigen::VectorXd a = after_steps(used, 3, rate), b = after_steps(fresh, 3, rate);
      for (Eigen::Index i = 0; i < a.size(); ++i) BOOST_TEST(same_bits(a(i), b(i)));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_rate_of_zero_moves_nothing) {
  // The first epoch of a warm-up from 0 (schedule cosine) steps at rate 0.
  for (const std::string& name : optimizer_names()) {
    BOOST_TEST_CONTEXT(name) {
      SteppedOptimizer optimizer(name, {"weight_decay=0.1"});
      optimizer.reset(small_layout());
      const Eigen::VectorXd p = after_steps(optimizer, 2, 0.0);
      for (Eigen::Index i = 0; i < p.size(); ++i) BOOST_TEST(same_bits(p(i), start()(i)));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_decay_helpers_touch_the_weight_ranges_only) {
  const nnsweep::ParameterLayout layout = small_layout();
  Eigen::VectorXd g = Eigen::VectorXd::Zero(13), p = start();
  nnsweep::add_weight_decay(layout, 0.5, p, g);
  nnsweep::scale_weights(layout, 0.25, p);
  for (Eigen::Index i = 0; i < 13; ++i) {
    BOOST_TEST_CONTEXT("entry " << i) {
      BOOST_TEST(g(i) == (is_weight(i) ? 0.5 * start()(i) : 0.0));
      BOOST_TEST(p(i) == (is_weight(i) ? 0.25 * start()(i) : start()(i)));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_network_layout_names_its_weight_matrices) {
  // W1, b1, W2, b2, ... (train/network.hpp): the ranges are the W blocks.
  const nnsweep::Network network({2, 3, 1});
  const nnsweep::ParameterLayout layout = network.layout();
  BOOST_TEST(layout.size == 13);
  BOOST_TEST_REQUIRE(layout.weights.size() == 2u);
  BOOST_TEST(layout.weights[0].offset == 0);
  BOOST_TEST(layout.weights[0].length == 6);
  BOOST_TEST(layout.weights[1].offset == 9);
  BOOST_TEST(layout.weights[1].length == 3);
}

BOOST_AUTO_TEST_SUITE_END()

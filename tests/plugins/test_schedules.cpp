// Learning-rate schedules: their factors against torch.optim.lr_scheduler (or
// the published formulas where torch has no such schedule), from
// tests/fixtures/generate_schedule_fixtures.py, and what every schedule
// promises (registry/schedule.hpp).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <string>

#include "optimizer_steps.hpp"

using namespace nnsweep::testing;

namespace {

std::unique_ptr<nnsweep::Schedule> make(const std::string& name,
                                        const std::vector<std::string>& settings = {}) {
  const auto& registry = nnsweep::builtin_registries().schedules;
  return registry.create(name, params_from_settings(registry, name, settings));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(schedules)

BOOST_AUTO_TEST_CASE(factors_match_the_reference_to_1e_12) {
  // schedule NAME SOURCE | settings | epochs E | costs (E) | factors (E)
  std::map<std::string, int> cases_of;
  double worst = 0.0;
  for (const auto& line : fixture_lines("schedules.txt")) {
    const auto parts = sections(line);
    BOOST_TEST_REQUIRE(parts.size() == 5u);
    const std::string& name = parts[0].at(1);
    ++cases_of[name];
    const std::int64_t epochs = std::stoll(parts[2].at(1));
    const std::vector<double> costs = numbers(parts[3]), expected = numbers(parts[4]);
    BOOST_TEST_REQUIRE(costs.size() == std::size_t(epochs));
    BOOST_TEST_REQUIRE(expected.size() == std::size_t(epochs));
    BOOST_TEST_CONTEXT(name << " (" << parts[0].at(2) << ") " << parts[1].size() << " settings") {
      auto schedule = make(name, parts[1]);
      schedule->reset(epochs);
      const std::int64_t every = schedule->observe_every();
      for (std::int64_t t = 0; t < epochs; ++t) {
        const double difference = std::abs(schedule->factor(t) - expected[std::size_t(t)]);
        BOOST_TEST_CONTEXT("epoch " << t) {
          BOOST_TEST(difference <= 1e-12);
        }
        worst = std::max(worst, difference);
        if (every > 0 && t % every == 0) schedule->observe(t, costs[std::size_t(t)]);
      }
    }
  }
  BOOST_TEST_MESSAGE("schedules: largest difference " << worst);
  for (const std::string& name : nnsweep::builtin_registries().schedules.names()) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(cases_of[name] >= 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(default_parameters_give_the_documented_factors) {
  auto step = make("step");  // gamma 0.1 every 1000 epochs
  step->reset(3000);
  BOOST_TEST(step->factor(0) == 1.0);
  BOOST_TEST(step->factor(999) == 1.0);
  BOOST_TEST(step->factor(1000) == 0.1);
  BOOST_TEST(std::abs(step->factor(2999) - 0.01) <= 1e-17);
  auto exponential = make("exponential");  // halves every 1000 epochs
  exponential->reset(3000);
  BOOST_TEST(exponential->factor(1000) == 0.5);
  BOOST_TEST(std::abs(exponential->factor(500) - std::sqrt(0.5)) <= 1e-16);
  auto inverse = make("inverse_time");  // 1 / (1 + t / 1000)
  inverse->reset(3000);
  BOOST_TEST(inverse->factor(1000) == 0.5);
  BOOST_TEST(inverse->factor(3000) == 0.25);
  auto cosine = make("cosine");  // no warm-up; from 1 to 0 over the whole run
  cosine->reset(100);
  BOOST_TEST(cosine->factor(0) == 1.0);
  BOOST_TEST(std::abs(cosine->factor(50) - 0.5) <= 1e-16);
  BOOST_TEST(std::abs(cosine->factor(99) - (1 + std::cos(std::numbers::pi * 0.99)) / 2) <= 1e-16);
  BOOST_TEST(cosine->factor(100) == 0.0);
}

BOOST_AUTO_TEST_CASE(cosine_period_follows_the_planned_epochs) {
  // period 0 means the epochs after the warm-up, whatever reset() says.
  auto cosine = make("cosine", {"warmup=10"});
  for (const std::int64_t epochs : {20, 110}) {
    cosine->reset(epochs);
    BOOST_TEST(cosine->factor(0) == 0.0);  // warm-up from 0, as Hugging Face's
    BOOST_TEST(cosine->factor(5) == 0.5);
    BOOST_TEST(cosine->factor(10) == 1.0);
    BOOST_TEST(std::abs(cosine->factor(10 + (epochs - 10) / 2) - 0.5) <= 1e-15);
    BOOST_TEST(cosine->factor(epochs) == 0.0);
  }
  // A run shorter than its warm-up never leaves it; one epoch is a period of 1.
  cosine->reset(5);
  BOOST_TEST(cosine->factor(4) == 0.4);
  auto whole = make("cosine");
  whole->reset(1);
  BOOST_TEST(whole->factor(0) == 1.0);
}

BOOST_AUTO_TEST_CASE(only_reduce_on_plateau_observes_costs) {
  for (const std::string& name : nnsweep::builtin_registries().schedules.names()) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST((make(name)->observe_every() > 0) == (name == "reduce_on_plateau"));
    }
  }
  BOOST_TEST(make("reduce_on_plateau", {"every=5"})->observe_every() == 5);
}

BOOST_AUTO_TEST_CASE(reset_forgets_the_observed_costs) {
  auto plateau = make("reduce_on_plateau", {"patience=0", "factor=0.5"});
  plateau->reset(10);
  for (std::int64_t t = 0; t < 4; ++t) plateau->observe(t, 1.0);  // never better than 1.0
  BOOST_TEST(plateau->factor(4) == 0.125);
  plateau->reset(10);
  BOOST_TEST(plateau->factor(0) == 1.0);
  plateau->observe(0, 5.0);  // the first finite cost is the best again
  BOOST_TEST(plateau->factor(1) == 1.0);
}

BOOST_AUTO_TEST_CASE(a_cost_that_is_not_finite_never_improves) {
  auto plateau = make("reduce_on_plateau", {"patience=1", "factor=0.5"});
  plateau->reset(10);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  plateau->observe(0, nan);
  BOOST_TEST(plateau->factor(1) == 1.0);
  plateau->observe(1, nan);  // two bad observations > patience 1
  BOOST_TEST(plateau->factor(2) == 0.5);
  plateau->observe(2, std::numeric_limits<double>::infinity());
  plateau->observe(3, 0.3);  // improves: the count starts again
  plateau->observe(4, 0.3);
  BOOST_TEST(plateau->factor(5) == 0.5);
}

BOOST_AUTO_TEST_CASE(every_factor_is_finite_and_not_negative) {
  for (const std::string& name : nnsweep::builtin_registries().schedules.names()) {
    BOOST_TEST_CONTEXT(name) {
      auto schedule = make(name);
      for (const std::int64_t epochs : {1, 7, 5000}) {
        schedule->reset(epochs);
        for (std::int64_t t = 0; t < epochs + 3; ++t) {
          const double factor = schedule->factor(t);
          if (!(std::isfinite(factor) && factor >= 0.0)) {
            BOOST_TEST(false, "epoch " << t << " of " << epochs << ": factor " << factor);
            break;
          }
          if (schedule->observe_every() > 0) schedule->observe(t, 1.0);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

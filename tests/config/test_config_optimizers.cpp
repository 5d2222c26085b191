// Optimizer parameters, weight decay and the `schedule:` section: valid
// configs, sweepable keys, errors at FILE:LINE:COL with exit code 2, and run
// identities that stay as they were for configs that use neither.
#include <boost/test/unit_test.hpp>

#include "builtin_registries.hpp"
#include "cli.hpp"
#include "config/experiment.hpp"
#include "config/loader.hpp"
#include "config_check.hpp"

using namespace nnsweep::testing;

namespace {

std::string with_optimizer(const std::string& lines) {
  return replaced(kGoodConfig, "  name: gd\n  learning_rate: 0.01\n", lines);
}

// kGoodConfig plus `extra` at line 15 and on.
std::string plus(const std::string& extra) {
  return kGoodConfig + extra;
}

nnsweep::ExperimentConfig parse(const std::string& yaml,
                                const std::vector<std::string>& sets = {}) {
  ScratchDir scratch;
  const auto path = scratch.write("t.yaml", yaml);
  const nnsweep::ConfigDocument document = nnsweep::load_config(path.string(), sets);
  return nnsweep::parse_experiment(document.view(), nnsweep::builtin_registries(), document.stem());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_optimizers)

BOOST_AUTO_TEST_CASE(every_optimizer_takes_weight_decay) {
  for (const std::string& name : nnsweep::builtin_registries().optimizers.names()) {
    BOOST_TEST_CONTEXT(name) {
      const auto config = parse(with_optimizer("  name: " + name + "\n  weight_decay: 0.02\n"));
      BOOST_TEST(config.optimizer.params.real("weight_decay") == 0.02);
    }
  }
}

BOOST_AUTO_TEST_CASE(schedules_are_plugin_sections) {
  BOOST_TEST(parse(kGoodConfig).schedule.name == "constant");
  BOOST_TEST(parse(plus("schedule: cosine\n")).schedule.name == "cosine");
  const auto cosine = parse(plus("schedule: {name: cosine, warmup: 3, min_factor: 0.1}\n"));
  BOOST_TEST(cosine.schedule.params.integer("warmup") == 3);
  BOOST_TEST(cosine.schedule.params.real("min_factor") == 0.1);
  // Nested under a schedule's name: used only when that schedule is chosen,
  // which a sweep over schedule.name needs.
  const std::string nested =
      plus("schedule: {name: step, cosine: {warmup: 4}, step: {gamma: 0.5}}\n");
  BOOST_TEST(parse(nested).schedule.params.real("gamma") == 0.5);
  BOOST_TEST(parse(nested, {"schedule.name=cosine"}).schedule.params.integer("warmup") == 4);
  const auto set = parse(kGoodConfig, {"schedule.name=reduce_on_plateau", "schedule.patience=3"});
  BOOST_TEST(set.schedule.params.integer("patience") == 3);
  BOOST_TEST(std::get<std::string>(*nnsweep::config_value(set, "schedule")) == "reduce_on_plateau");
  BOOST_TEST(std::get<std::int64_t>(*nnsweep::config_value(set, "schedule.patience")) == 3);
  expect_valid(plus("schedule: {name: exponential, gamma: 0.9, decay_steps: 1}\n"));
}

BOOST_AUTO_TEST_CASE(schedule_errors_point_at_the_setting) {
  expect_config_error(plus("schedule: cosin\n"), {15, "cosin"},
                      {"unknown schedule 'cosin'", "did you mean 'cosine'?"});
  expect_config_error(plus("schedule: {name: step, step_size: 0}\n"), {15, "0}"},
                      {"step_size of schedule 'step' must be in [1, "});
  expect_config_error(plus("schedule: {name: step, warmup: 3}\n"), {15, "warmup"},
                      {"'warmup' is not a parameter of schedule 'step'", "cosine"});
  expect_config_error(plus("schedule: {name: cosine, min_factor: 2}\n"), {15, "2}"},
                      {"min_factor of schedule 'cosine' must be in [0, 1]"});
  expect_config_error(plus("schedule: {name: reduce_on_plateau, threshold_mode: relative}\n"),
                      {15, "relative"}, {"threshold_mode", "rel", "abs"});
  expect_config_error(plus("schedule: {name: reduce_on_plateau, factor: 0}\n"), {15, "0}"},
                      {"factor of schedule 'reduce_on_plateau' must be in (0, 1]"});
  expect_config_error(plus("schedule: [cosine]\n"), {15, "["}, {"schedule"});
  expect_config_error(plus("schedules: cosine\n"), {15, "schedules"},
                      {"unknown key 'schedules'", "did you mean 'schedule'?"});
  expect_set_error(kGoodConfig, {"schedule.name=cosine", "schedule.warmup=x"}, "schedule.warmup", 1,
                   {"warmup", "must be an integer"});
}

BOOST_AUTO_TEST_CASE(optimizer_parameters_are_checked_against_their_declarations) {
  expect_config_error(with_optimizer("  name: rmsprop\n  alpha: 1.5\n"), {11, "1.5"},
                      {"alpha of optimizer 'rmsprop' must be in [0, "});
  expect_config_error(with_optimizer("  name: gd\n  weight_decay: -0.1\n"), {11, "-0.1"},
                      {"weight_decay of optimizer 'gd' must be in [0, "});
  expect_config_error(with_optimizer("  name: lion\n  epsilon: 1e-8\n"), {11, "epsilon"},
                      {"'epsilon' is not a parameter of optimizer 'lion'"});
  expect_config_error(with_optimizer("  name: rmsprop\n  centered: maybe\n"), {11, "maybe"},
                      {"centered", "must be true or false"});
  expect_config_error(with_optimizer("  name: adamw\n  beta2: 1\n"), {11, "1"},
                      {"beta2 of optimizer 'adamw' must be in [0, "});
  expect_config_error(with_optimizer("  name: adagrad\n  epsilon: 0\n"), {11, "0"},
                      {"epsilon of optimizer 'adagrad' must be in (0, "});
  expect_config_error(with_optimizer("  name: rmsprp\n"), {10, "rmsprp"},
                      {"unknown optimizer 'rmsprp'", "did you mean 'rmsprop'?"});
}

BOOST_AUTO_TEST_CASE(configs_without_decay_or_schedule_keep_their_identities) {
  // Runs written before weight_decay and schedules existed must be found
  // again: neither appears in the identity text unless used.
  const auto plain = parse(kGoodConfig);
  const std::string yaml = nnsweep::to_yaml(plain);
  BOOST_TEST(yaml.find("weight_decay") == std::string::npos, yaml);
  BOOST_TEST(yaml.find("schedule") == std::string::npos, yaml);
  BOOST_TEST(yaml.find("optimizer: {name: gd, learning_rate: 0.01}\n") != std::string::npos, yaml);
  const std::string id = nnsweep::run_identity(plain);
  BOOST_TEST(nnsweep::run_identity(parse(kGoodConfig, {"optimizer.weight_decay=0"})) == id);
  BOOST_TEST(nnsweep::run_identity(parse(plus("schedule: constant\n"))) == id);
  // Used, they make another run; adamw writes its default decay.
  BOOST_TEST(nnsweep::run_identity(parse(kGoodConfig, {"optimizer.weight_decay=0.1"})) != id);
  const auto cosine = parse(plus("schedule: cosine\n"));
  BOOST_TEST(nnsweep::run_identity(cosine) != id);
  BOOST_TEST(nnsweep::to_yaml(cosine).find("schedule: {name: cosine, min_factor: 0.0, period: 0, "
                                           "warmup: 0, warmup_start: 0.0}") != std::string::npos,
             nnsweep::to_yaml(cosine));
  const auto adamw = parse(with_optimizer("  name: adamw\n"));
  BOOST_TEST(nnsweep::to_yaml(adamw).find("weight_decay: 0.01") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// Weight decay and learning-rate schedules inside training: what each epoch's
// updates use, which cost a watching schedule sees, and the l2 form of weight
// decay as regularization.l2 without its cost.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <memory>

#include "data/prepare.hpp"
#include "run_config.hpp"
#include "train/train_run.hpp"

using namespace nnsweep::testing;

namespace {

bool same_bits(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return a.size() == b.size() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * std::size_t(a.size())) == 0;
}

// What a schedule saw: the epochs it was asked for and the costs it observed.
struct Seen {
  std::vector<std::int64_t> factor_epochs, observed_epochs;
  std::vector<double> costs;
  std::int64_t planned = -1;
};

// A schedule of factor 1 that records its calls into `seen`.
class Recorder final : public nnsweep::Schedule {
 public:
  Recorder(Seen& seen, std::int64_t every) : seen_(seen), every_(every) {}
  void reset(std::int64_t epochs) override { seen_.planned = epochs; }
  double factor(std::int64_t epoch) override {
    seen_.factor_epochs.push_back(epoch);
    return 1.0;
  }
  std::int64_t observe_every() const override { return every_; }
  void observe(std::int64_t epoch, double cost) override {
    seen_.observed_epochs.push_back(epoch);
    seen_.costs.push_back(cost);
  }

 private:
  Seen& seen_;
  std::int64_t every_;
};

// The built-in plugins and the recorder, as schedule "recorder".
std::unique_ptr<nnsweep::Registries> with_recorder(Seen& seen) {
  auto registries = std::make_unique<nnsweep::Registries>();
  nnsweep::register_builtin_plugins(*registries);
  registries->schedules.add(
      {"recorder", "records", {nnsweep::int_param("every", 1, 1, 1000, "observe every N epochs")}},
      [&seen](const nnsweep::Params& params) {
        return std::make_unique<Recorder>(seen, params.integer("every"));
      });
  return registries;
}

RunSpec spiral_spec() {
  RunSpec spec;
  spec.hidden = {8};
  spec.init_scale = 0.5;
  spec.dataset = "spiral";
  spec.dataset_params = {{"n_samples", std::int64_t{90}}, {"n_classes", std::int64_t{3}}};
  spec.output = "softmax";
  spec.loss = "categorical_cross_entropy";
  spec.learning_rate = 0.05;
  return spec;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rates_in_training)

BOOST_AUTO_TEST_CASE(l2_weight_decay_is_regularization_l2_without_its_cost) {
  for (const std::string optimizer : {"gd", "adam", "rmsprop"}) {
    BOOST_TEST_CONTEXT(optimizer) {
      RunSpec spec;
      spec.optimizer = optimizer;
      spec.init_scale = 0.5;
      spec.iterations = 50;
      nnsweep::ExperimentConfig decayed = make_config(spec), penalised = make_config(spec);
      decayed.optimizer.params.set("weight_decay", 0.05);
      penalised.regularization.l2 = 0.05;
      const nnsweep::Dataset data = make_dataset(decayed);
      const auto a = nnsweep::train_run(data, decayed, nnsweep::builtin_registries());
      const auto b = nnsweep::train_run(data, penalised, nnsweep::builtin_registries());
      BOOST_TEST(same_bits(a.parameters, b.parameters));
      BOOST_TEST(a.costs.front() < b.costs.front());  // the penalty's cost term is b's alone
    }
  }
}

BOOST_AUTO_TEST_CASE(every_epoch_updates_at_the_scheduled_rate) {
  // train_run equals a hand-written loop that sets each epoch's rate, with
  // full batch (an epoch per update) and with mini-batches (the rate of all
  // of an epoch's batches is that epoch's).
  for (const std::int64_t batch_size : {0, 16}) {
    BOOST_TEST_CONTEXT("batch size " << batch_size) {
      RunSpec spec = spiral_spec();
      spec.optimizer = "momentum";
      spec.batch_size = batch_size;
      nnsweep::ExperimentConfig config = make_config(spec);
      config.train.epochs = 12;
      config.train.iterations = 0;
      config.schedule = plugin_choice(nnsweep::builtin_registries().schedules, "step",
                                      {{"step_size", std::int64_t{4}}, {"gamma", 0.5}});
      const nnsweep::Dataset data = make_dataset(config);
      const auto run = nnsweep::train_run(data, config, nnsweep::builtin_registries());
      BOOST_TEST_REQUIRE((run.status == nnsweep::RunStatus::ok), run.message);

      nnsweep::Trainer trainer(data, config, nnsweep::builtin_registries());
      for (std::int64_t epoch = 0; epoch < 12; ++epoch) {
        trainer.set_learning_rate(0.05 * std::pow(0.5, double(epoch / 4)));
        trainer.begin_epoch();
        for (std::int64_t batch = 0; batch < trainer.batches_per_epoch(); ++batch) {
          trainer.select_batch(batch);
          trainer.iterate();
        }
      }
      BOOST_TEST(same_bits(run.parameters, trainer.network().parameters()));
      // And the schedule mattered.
      config.schedule = {"constant", {}};
      const auto constant = nnsweep::train_run(data, config, nnsweep::builtin_registries());
      BOOST_TEST(!same_bits(run.parameters, constant.parameters));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_watching_schedule_sees_the_test_cost_when_there_is_a_test_part) {
  Seen seen;
  const auto registries = with_recorder(seen);
  RunSpec spec = spiral_spec();
  spec.iterations = 20;
  nnsweep::ExperimentConfig config = make_config(spec, *registries);
  config.dataset.params.set("test_fraction", 0.3);
  config.schedule = plugin_choice(registries->schedules, "recorder", {{"every", std::int64_t{3}}});
  const nnsweep::PreparedData parts =
      nnsweep::prepare_data(make_dataset(config), config.dataset.params);
  const auto run = nnsweep::train_run(parts.train, config, *registries, {}, nullptr, &*parts.test);
  BOOST_TEST(seen.planned == 20);
  BOOST_TEST(seen.factor_epochs.size() == 20u);
  BOOST_TEST(seen.observed_epochs == (std::vector<std::int64_t>{0, 3, 6, 9, 12, 15, 18}),
             boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(run.test_costs.size() == 20u);  // record_every 1
  for (std::size_t i = 0; i < seen.costs.size(); ++i) {
    BOOST_TEST(seen.costs[i] == run.test_costs[std::size_t(seen.observed_epochs[i])]);
  }
}

BOOST_AUTO_TEST_CASE(without_a_test_part_it_sees_the_training_cost_even_when_not_recorded) {
  for (const std::int64_t batch_size : {0, 16}) {
    BOOST_TEST_CONTEXT("batch size " << batch_size) {
      Seen seen;
      const auto registries = with_recorder(seen);
      RunSpec spec = spiral_spec();
      spec.batch_size = batch_size;
      nnsweep::ExperimentConfig config = make_config(spec, *registries);
      config.train.epochs = 12;
      config.train.iterations = 0;
      config.schedule =
          plugin_choice(registries->schedules, "recorder", {{"every", std::int64_t{2}}});
      const nnsweep::Dataset data = make_dataset(config);
      const auto every_epoch = nnsweep::train_run(data, config, *registries);  // record_every 1
      const std::vector<double> watched = seen.costs;
      BOOST_TEST_REQUIRE(watched.size() == 6u);
      for (std::size_t i = 0; i < 6; ++i) BOOST_TEST(watched[i] == every_epoch.costs[2 * i]);
      // Recording every 5th epoch changes neither training nor what is watched.
      seen = Seen{};
      config.train.record_every = 5;
      const auto sparse = nnsweep::train_run(data, config, *registries);
      BOOST_TEST(seen.costs == watched, boost::test_tools::per_element());
      BOOST_TEST(same_bits(sparse.parameters, every_epoch.parameters));
    }
  }
}

BOOST_AUTO_TEST_CASE(reduce_on_plateau_lowers_the_rate_of_a_stalled_run) {
  // A threshold no cost can beat: after the first observation every one is
  // bad, so with patience 0 the rate halves after each epoch but the first.
  RunSpec spec = spiral_spec();
  spec.iterations = 8;
  nnsweep::ExperimentConfig config = make_config(spec);
  config.schedule = plugin_choice(nnsweep::builtin_registries().schedules, "reduce_on_plateau",
                                  {{"patience", std::int64_t{0}},
                                   {"factor", 0.5},
                                   {"threshold", 1e6},
                                   {"threshold_mode", std::string("abs")}});
  const nnsweep::Dataset data = make_dataset(config);
  const auto run = nnsweep::train_run(data, config, nnsweep::builtin_registries());
  nnsweep::Trainer trainer(data, config, nnsweep::builtin_registries());
  for (std::int64_t epoch = 0; epoch < 8; ++epoch) {
    trainer.set_learning_rate(0.05 * std::pow(0.5, double(std::max<std::int64_t>(epoch - 1, 0))));
    trainer.iterate();
  }
  BOOST_TEST(same_bits(run.parameters, trainer.network().parameters()));
}

BOOST_AUTO_TEST_SUITE_END()

// Trainer::iterate() must not touch the heap (trainer.hpp: "iterate() allocates
// nothing"): a sweep runs millions of iterations on many threads, and allocator
// traffic there costs time and contention. Counted with allocation_counter.hpp,
// around the iterate() calls and nothing else.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

#include "allocation_counter.hpp"
#include "run_config.hpp"
#include "train/trainer.hpp"

using nnsweep::testing::allocations_during;

namespace {

void check_no_allocation_in(const nnsweep::testing::RunSpec& spec) {
  const nnsweep::ExperimentConfig config = nnsweep::testing::make_config(spec);
  const nnsweep::Dataset data = nnsweep::testing::make_dataset(config);
  nnsweep::Trainer trainer(data, config, nnsweep::builtin_registries());
  // Warm-up, uncounted: one-time lazy initialisation (Eigen's cache sizes, an
  // OpenMP thread team) is not a per-iteration cost.
  for (int i = 0; i < 3; ++i) trainer.iterate();
  double sum = 0.0;
  // Whole epochs: drawing an epoch's order and gathering each batch too.
  const long count = allocations_during([&] {
    for (int epoch = 0; epoch < 100 / trainer.batches_per_epoch() + 1; ++epoch) {
      trainer.begin_epoch();
      for (std::int64_t batch = 0; batch < trainer.batches_per_epoch(); ++batch) {
        trainer.select_batch(batch);
        sum += trainer.iterate();
      }
    }
  });
  BOOST_TEST(count == 0);
  BOOST_TEST(std::isfinite(sum));  // the loop really ran
}

// In float64 and in float32 (train/float_training.hpp).
void check_no_allocation(nnsweep::testing::RunSpec spec) {
  for (const nnsweep::DType dtype : {nnsweep::DType::float64, nnsweep::DType::float32}) {
    spec.dtype = dtype;
    BOOST_TEST_CONTEXT(nnsweep::dtype_name(dtype)) {
      check_no_allocation_in(spec);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(no_allocation)

// `spec` with every activation a hidden layer can have (not an output-only one).
void check_every_hidden_activation(nnsweep::testing::RunSpec spec) {
  const auto& activations = nnsweep::builtin_registries().activations;
  for (const std::string& activation : activations.names()) {
    if (activations.describe(activation)->traits.range == nnsweep::OutputRange::simplex) continue;
    spec.activation = activation;
    BOOST_TEST_CONTEXT(activation) {
      check_no_allocation(spec);
    }
  }
}

BOOST_AUTO_TEST_CASE(iterate_does_not_allocate_two_hidden_layers) {
  nnsweep::testing::RunSpec spec;
  spec.hidden = {20, 20};
  spec.n_samples = 200;
  spec.init_scale = 0.1;
  // Every optimizer there is, so that a new one is checked once registered.
  for (const std::string& optimizer : nnsweep::builtin_registries().optimizers.names()) {
    spec.optimizer = optimizer;
    BOOST_TEST_CONTEXT(optimizer) {
      check_no_allocation(spec);
    }
  }
}

BOOST_AUTO_TEST_CASE(iterate_does_not_allocate_one_unit) {
  nnsweep::testing::RunSpec spec;
  spec.hidden = {1};
  spec.n_samples = 200;
  check_every_hidden_activation(spec);
}

// Every hidden activation, those that work through stack buffers included
// (plugins/activations/elementwise.hpp), over blocks longer than one buffer.
BOOST_AUTO_TEST_CASE(iterate_does_not_allocate_with_any_hidden_activation) {
  nnsweep::testing::RunSpec spec;
  spec.hidden = {3};
  spec.n_samples = 200;
  spec.init_scale = 0.3;
  check_every_hidden_activation(spec);
}

BOOST_AUTO_TEST_CASE(iterate_does_not_allocate_for_other_tasks_or_mini_batches) {
  nnsweep::testing::RunSpec spec;
  spec.hidden = {6, 4};
  spec.init_scale = 0.3;
  spec.dataset = "spiral";
  spec.dataset_params = {{"n_samples", std::int64_t{90}}, {"n_classes", std::int64_t{3}}};
  for (const std::string output : {"softmax", "sigmoid"}) {
    spec.output = output;
    spec.loss = output == "softmax" ? "categorical_cross_entropy" : "mse";
    BOOST_TEST_CONTEXT(output << " " << spec.loss) {
      check_no_allocation(spec);
    }
    spec.batch_size = 16;  // the last of 6 batches holds 10 examples
    BOOST_TEST_CONTEXT(output << " in batches of 16") {
      check_no_allocation(spec);
    }
    spec.batch_size = 0;
  }
  spec.dataset = "friedman1";
  spec.dataset_params = {{"n_samples", std::int64_t{50}}};
  spec.output = "identity";
  spec.loss = "mse";
  BOOST_TEST_CONTEXT("identity mse") {
    check_no_allocation(spec);
  }
}

BOOST_AUTO_TEST_CASE(every_optimizer_steps_without_allocating) {
  // Optimizer::step() directly, with weight decay in either form and a rate
  // that changes between steps as a schedule changes it.
  const auto& optimizers = nnsweep::builtin_registries().optimizers;
  const nnsweep::ParameterLayout layout{40, {{0, 24}, {30, 6}}};
  for (const std::string& name : optimizers.names()) {
    BOOST_TEST_CONTEXT(name) {
      nnsweep::Params params = nnsweep::default_params(optimizers.describe(name)->params);
      params.set("weight_decay", 0.01);
      if (params.contains("centered")) params.set("centered", true);
      if (params.contains("momentum")) params.set("momentum", 0.5);
      const auto optimizer = optimizers.create(name, params);
      Eigen::VectorXd p = Eigen::VectorXd::LinSpaced(40, -1.0, 1.0);
      Eigen::VectorXd g = Eigen::VectorXd::LinSpaced(40, 0.5, -0.3);
      optimizer->reset(layout);
      optimizer->step(p, g, 0.01);  // warm-up, uncounted
      const long count = allocations_during([&] {
        for (int k = 0; k < 20; ++k) {
          nnsweep::add_weight_decay(layout, 0.01, p, g);
          optimizer->step(p, g, 0.01 / (1.0 + k));
        }
      });
      BOOST_TEST(count == 0);
      BOOST_TEST(p.allFinite());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

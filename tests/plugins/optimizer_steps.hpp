#pragma once
// Creating optimizers and schedules from parameter texts, and stepping an
// optimizer as the trainer does (weight decay in the l2 form added to the
// weights' gradient first: registry/optimizer.hpp). Header-only, shared by
// the optimizer and schedule tests.
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "builtin_registries.hpp"
#include "fixtures.hpp"

namespace nnsweep::testing {

// The declared defaults of `name` in `registry`, with `settings` ("KEY=VALUE"
// texts, typed as each key is declared) applied. A key the plugin does not
// declare fails the test instead of silently keeping a default.
inline Params params_from_settings(const RegistryBase& registry, const std::string& name,
                                   const std::vector<std::string>& settings) {
  const PluginDescription* description = registry.describe(name);
  BOOST_TEST_REQUIRE(description != nullptr, "no " << registry.kind() << " " << name);
  Params params = default_params(description->params);
  for (const std::string& setting : settings) {
    const auto equals = setting.find('=');
    BOOST_TEST_REQUIRE(equals != std::string::npos, setting);
    const std::string key = setting.substr(0, equals), value = setting.substr(equals + 1);
    const ParamSpec* spec = nullptr;
    for (const ParamSpec& candidate : description->params) {
      if (candidate.name == key) spec = &candidate;
    }
    BOOST_TEST_REQUIRE(spec != nullptr, name << " has no parameter " << key);
    switch (spec->type) {
      case ParamType::boolean:
        params.set(key, value == "true");
        break;
      case ParamType::integer:
        params.set(key, std::int64_t{std::stoll(value)});
        break;
      case ParamType::real:
        params.set(key, to_double(value));
        break;
      default:
        params.set(key, value);
    }
  }
  return params;
}

// An optimizer with its parameters, stepped as Trainer::learn() steps it.
class SteppedOptimizer {
 public:
  SteppedOptimizer(const std::string& name, const std::vector<std::string>& settings = {})
      : params_(params_from_settings(builtin_registries().optimizers, name, settings)),
        optimizer_(builtin_registries().optimizers.create(name, params_)),
        l2_decay_(builtin_registries().optimizers.describe(name)->traits.weight_decay ==
                          WeightDecayForm::l2
                      ? params_.real("weight_decay")
                      : 0.0) {}

  void reset(ParameterLayout layout) {
    layout_ = std::move(layout);
    gradient_.resize(layout_.size);
    optimizer_->reset(layout_);
  }
  // Allocates nothing after reset().
  void step(Eigen::Ref<Eigen::VectorXd> params, const Eigen::Ref<const Eigen::VectorXd>& gradient,
            double rate) {
    gradient_ = gradient;
    if (l2_decay_ != 0.0) add_weight_decay(layout_, l2_decay_, params, gradient_);
    optimizer_->step(params, gradient_, rate);
  }
  const Params& params() const { return params_; }

 private:
  Params params_;
  std::unique_ptr<Optimizer> optimizer_;
  double l2_decay_;
  ParameterLayout layout_;
  Eigen::VectorXd gradient_;
};

// Splits a fixture line's tokens at "|".
inline std::vector<std::vector<std::string>> sections(const std::vector<std::string>& tokens) {
  std::vector<std::vector<std::string>> result(1);
  for (const std::string& token : tokens) {
    if (token == "|") {
      result.emplace_back();
    } else {
      result.back().push_back(token);
    }
  }
  return result;
}

inline std::vector<double> numbers(const std::vector<std::string>& tokens) {
  std::vector<double> values;
  for (const std::string& token : tokens) values.push_back(to_double(token));
  return values;
}

}  // namespace nnsweep::testing

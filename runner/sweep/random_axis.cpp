// sweep.random: N reproducible draws from numpy's legacy generator.
//
//   random:
//     samples: 20
//     seed: 0
//     params:
//       optimizer.learning_rate: {distribution: log_uniform, low: 1e-4, high: 1}
//       model.init.seed: {distribution: int_uniform, low: 0, high: 1000}
//       model.activation: {distribution: choice, values: [tanh, relu]}
//       dataset.noise: {distribution: uniform, low: 0.1, high: 0.3}
//       optimizer.momentum: {distribution: normal, mean: 0.9, std: 0.02}
//
// Draws are made sample by sample, keys in written order, so adding a sample
// never changes the earlier ones.
//
// Weights & Biases' spelling: its names min and max stand for low and high,
// and its log_uniform_values is nnsweep's log_uniform (bounds are values).
// W&B's own log_uniform takes natural-log exponents as min and max, so
// log_uniform written with min/max, or with a low bound <= 0 (which only an
// exponent can be), is refused with a message naming log_uniform_values
// rather than silently read the other way.
#include <algorithm>
#include <cmath>

#include "config/values.hpp"
#include "random/numpy_random.hpp"
#include "sweep/plan.hpp"
#include "util/format.hpp"

namespace nnsweep {
namespace {

enum class Distribution { uniform, log_uniform, int_uniform, choice, normal };

struct Draw {
  std::string key;
  Distribution distribution = Distribution::uniform;
  double low = 0.0, high = 1.0;  // uniform, log_uniform, int_uniform; mean/std for normal
  std::vector<ConfigView> choices;
  YAML::Mark mark;
  std::string source;
};

double read_number(const ConfigView& spec, const std::string& name, const std::string& key) {
  auto view = spec.child(name);
  if (!view) spec.fail("the distribution of '" + key + "' needs '" + name + "'");
  const ParamSpec number = real_param(name, 0.0, -1e300, 1e300, "");
  return std::get<double>(read_param(*view, number, "sweep.random key '" + key + "'"));
}

// The name a bound is written with: nnsweep's (low, high) or W&B's (min, max).
std::string bound_name(const ConfigView& spec, const std::string& ours, const std::string& wandb) {
  if (spec.child(ours) && spec.child(wandb)) {
    spec.fail_key(wandb, "'" + wandb + "' is W&B's name for '" + ours + "'; give one of them");
  }
  return spec.child(wandb) ? wandb : ours;
}

// W&B's log_uniform, whose min and max are exponents, written where nnsweep's
// (whose bounds are values) is read: refused, since reading e^-9 as -9 or
// the other way round would sweep another range without a word.
void refuse_exponent_form(const ConfigView& spec, const std::string& wandb_key, double low,
                          double high) {
  const std::string as_values =
      format("{distribution: log_uniform, low: %.6g, high: %.6g}", std::exp(low), std::exp(high));
  if (!wandb_key.empty()) {
    spec.fail_key(wandb_key,
                  "in W&B, log_uniform's min and max are natural-log exponents (values from "
                  "e^min to e^max), but nnsweep's log_uniform takes the values themselves, as "
                  "low and high: for the exponents as written use " +
                      as_values + "; for min and max as values, log_uniform_values (W&B's name " +
                      "for nnsweep's log_uniform)");
  }
  if (low <= 0.0) {
    spec.child("low")->fail(
        "log_uniform needs low > 0: its bounds are values, and " + format_number(low) +
        " can only be an exponent (W&B's log_uniform takes natural-log exponents; nnsweep's "
        "takes the values, as W&B's log_uniform_values does): for the exponents as written "
        "use " +
        as_values);
  }
}

// uniform, log_uniform (or log_uniform_values) and int_uniform: low and high.
void read_bounds(const ConfigView& spec, const std::string& kind, const std::string& key,
                 Draw& draw) {
  const std::string low_name = bound_name(spec, "low", "min");
  const std::string high_name = bound_name(spec, "high", "max");
  draw.low = read_number(spec, low_name, key);
  draw.high = read_number(spec, high_name, key);
  if (kind == "log_uniform") {
    const std::string wandb_key = low_name == "min" ? "min" : high_name == "max" ? "max" : "";
    refuse_exponent_form(spec, wandb_key, draw.low, draw.high);
  }
  if (!(draw.low < draw.high) && !(kind == "int_uniform" && draw.low == draw.high)) {
    spec.child(low_name)->fail(format("%s (%s) must be below %s (%s)", low_name.c_str(),
                                      format_number(draw.low).c_str(), high_name.c_str(),
                                      format_number(draw.high).c_str()));
  }
  if (kind == "log_uniform_values" && draw.low <= 0.0) {
    spec.child(low_name)->fail("log_uniform_values needs " + low_name + " > 0 (its bounds are " +
                               "values, as log_uniform's)");
  }
  if (kind == "int_uniform" &&
      (draw.low != std::floor(draw.low) || draw.high != std::floor(draw.high))) {
    spec.fail("int_uniform needs integer " + low_name + " and " + high_name);
  }
  // Bounds a double holds exactly, so that the span and every draw fit a
  // 64-bit integer: checked before any conversion (a double outside the
  // integer's range has no defined conversion).
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  for (const std::string& bound : {low_name, high_name}) {
    const double value = bound == low_name ? draw.low : draw.high;
    if (kind == "int_uniform" && std::abs(value) > kExactIntegers) {
      spec.child(bound)->fail(
          format("int_uniform's %s must be within +-2^53 "
                 "(+-9007199254740992), got %s",
                 bound.c_str(), format_number(value).c_str()));
    }
  }
}

Draw read_draw(const ConfigView& params, const std::string& key) {
  const ConfigView spec = *params.child(key);
  if (!spec.is_map()) {
    spec.fail("sweep.random key '" + key +
              "' needs a map such as {distribution: uniform, low: 0, "
              "high: 1}");
  }
  Draw draw{key, Distribution::uniform, 0.0, 1.0, {}, spec.node().Mark(), spec.source()};
  auto name = spec.child("distribution");
  if (!name || !name->is_scalar()) spec.fail("sweep.random key '" + key + "' needs 'distribution'");
  const std::string& kind = name->scalar();
  std::vector<std::string> allowed_keys = {"distribution", "low", "high", "min", "max"};
  if (kind == "uniform" || kind == "log_uniform" || kind == "log_uniform_values" ||
      kind == "int_uniform") {
    draw.distribution = kind == "uniform"       ? Distribution::uniform
                        : kind == "int_uniform" ? Distribution::int_uniform
                                                : Distribution::log_uniform;
    read_bounds(spec, kind, key, draw);
  } else if (kind == "normal") {
    draw.distribution = Distribution::normal;
    draw.low = read_number(spec, "mean", key);
    draw.high = read_number(spec, "std", key);
    if (draw.high < 0.0) spec.child("std")->fail("std must be >= 0");
    allowed_keys = {"distribution", "mean", "std"};
  } else if (kind == "choice") {
    draw.distribution = Distribution::choice;
    auto values = spec.child("values");
    if (!values || !values->is_sequence() || values->size() == 0) {
      spec.fail("a choice needs a non-empty list 'values'");
    }
    for (std::size_t i = 0; i < values->size(); ++i) draw.choices.push_back(values->element(i));
    allowed_keys = {"distribution", "values"};
  } else {
    name->fail("unknown distribution '" + kind +
               "' (allowed: uniform, log_uniform, log_uniform_values, int_uniform, choice, "
               "normal)");
  }
  for (const std::string& field : spec.keys()) {
    if (std::find(allowed_keys.begin(), allowed_keys.end(), field) == allowed_keys.end()) {
      spec.fail_key(field, "unknown key '" + field + "' for a " + kind +
                               " distribution (allowed: " + join_choices(allowed_keys) + ")");
    }
  }
  return draw;
}

Override sample(const Draw& draw, NumpyRandomState& random) {
  switch (draw.distribution) {
    case Distribution::choice: {
      const auto index = random.random_interval(draw.choices.size() - 1);
      const ConfigView& choice = draw.choices[index];
      return Override{choice.node(), choice.source(), choice.node().Mark()};
    }
    case Distribution::int_uniform: {
      const auto span = static_cast<std::uint64_t>(draw.high - draw.low);
      const auto value = static_cast<std::int64_t>(draw.low) +
                         static_cast<std::int64_t>(random.random_interval(span));
      return Override{YAML::Node(std::to_string(value)), draw.source, draw.mark};
    }
    case Distribution::uniform:
      return Override{
          YAML::Node(format_number(draw.low + (draw.high - draw.low) * random.random_sample())),
          draw.source, draw.mark};
    case Distribution::log_uniform: {
      const double low = std::log(draw.low), high = std::log(draw.high);
      return Override{
          YAML::Node(format_number(std::exp(low + (high - low) * random.random_sample()))),
          draw.source, draw.mark};
    }
    case Distribution::normal:
      return Override{YAML::Node(format_number(random.normal(draw.low, draw.high))), draw.source,
                      draw.mark};
  }
  throw std::logic_error("unknown distribution");
}

}  // namespace

SweepAxis read_random_axis(const ConfigView& view) {
  if (!view.is_map()) view.fail("sweep.random must be a map with samples, seed and params");
  const std::vector<ParamSpec> specs = {int_param("samples", 1, 1, 1000000, "number of draws"),
                                        seed_param(0, "numpy seed of the draws")};
  for (const std::string& key : view.keys()) {
    if (key != "samples" && key != "seed" && key != "params") {
      view.fail_key(
          key, "unknown key '" + key + "' in sweep.random (allowed: samples, seed, " + "params)");
    }
  }
  auto samples_view = view.child("samples");
  if (!samples_view) view.fail("sweep.random needs 'samples', the number of draws");
  const auto samples = std::get<std::int64_t>(read_param(*samples_view, specs[0], "sweep.random"));
  std::int64_t seed = 0;
  if (auto seed_view = view.child("seed")) {
    seed = std::get<std::int64_t>(read_param(*seed_view, specs[1], "sweep.random"));
  }
  auto params = view.child("params");
  if (!params || !params->is_map() || params->keys().empty()) {
    view.fail("sweep.random needs 'params', a map from config key to distribution");
  }
  std::vector<Draw> draws;
  for (const std::string& key : params->keys()) {
    check_sweep_key(*params, key);
    draws.push_back(read_draw(*params, key));
  }
  NumpyRandomState random(static_cast<std::uint32_t>(seed));
  SweepAxis axis{"random", {}};
  for (std::int64_t s = 0; s < samples; ++s) {
    std::vector<std::pair<std::string, Override>> point;
    for (const Draw& draw : draws) point.emplace_back(draw.key, sample(draw, random));
    axis.points.push_back(std::move(point));
  }
  return axis;
}

}  // namespace nnsweep

#include "registry/external_plugins.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace nnsweep {
namespace {

std::string text_or_empty(const char* text) {
  return text ? text : "";
}

ParamSpec spec_of(const nnsweep_param_spec& declared, const std::string& plugin) {
  const std::string name = text_or_empty(declared.name);
  if (name.empty())
    throw std::invalid_argument("plugin '" + plugin + "' has a parameter without a name");
  ParamSpec spec;
  spec.name = name;
  spec.description = text_or_empty(declared.description);
  spec.min = declared.min;
  spec.max = declared.max;
  spec.min_exclusive = declared.min_exclusive != 0;
  switch (declared.type) {
    case NNSWEEP_PARAM_BOOLEAN:
      spec.type = ParamType::boolean;
      spec.default_value = declared.boolean_default != 0;
      break;
    case NNSWEEP_PARAM_INTEGER:
      spec.type = ParamType::integer;
      spec.default_value = declared.integer_default;
      break;
    case NNSWEEP_PARAM_REAL:
      spec.type = ParamType::real;
      spec.default_value = declared.real_default;
      break;
    case NNSWEEP_PARAM_STRING:
      spec.type = ParamType::string;
      spec.default_value = text_or_empty(declared.string_default);
      break;
    default:
      throw std::invalid_argument("parameter '" + name + "' of plugin '" + plugin +
                                  "' has an unknown type");
  }
  if (const auto number = number_value(spec.default_value)) {
    const bool below = spec.min_exclusive ? *number <= spec.min : *number < spec.min;
    if (below || *number > spec.max || std::isnan(*number)) {
      throw std::invalid_argument("the default of parameter '" + name + "' of plugin '" + plugin +
                                  "' is outside its range " + range_text(spec));
    }
  }
  return spec;
}

template <class Plugin>
PluginDescription description_of(const Plugin& plugin, const LibrarySource& source) {
  PluginDescription description;
  description.name = text_or_empty(plugin.name);
  if (description.name.empty()) {
    throw std::invalid_argument("a plugin of " + source.path + " has no name");
  }
  if (!plugin.create || !plugin.destroy) {
    throw std::invalid_argument("plugin '" + description.name + "' lacks create or destroy");
  }
  description.summary = text_or_empty(plugin.summary) + " (from " + source.path + ")";
  for (std::size_t k = 0; k < plugin.param_count; ++k) {
    description.params.push_back(spec_of(plugin.params[k], description.name));
  }
  description.library_sha256 = source.sha256;
  return description;
}

// One instance's state, created from its params and destroyed with it.
class Instance {
 public:
  template <class Plugin>
  Instance(const Plugin& plugin, const std::vector<ParamSpec>& specs, const Params& params)
      : name_(text_or_empty(plugin.name)), destroy_(plugin.destroy) {
    std::vector<nnsweep_param_value> values;
    for (const ParamSpec& spec : specs) {
      nnsweep_param_value value{};
      value.name = spec.name.c_str();
      value.type = static_cast<nnsweep_param_type>(static_cast<int>(spec.type));
      if (spec.type == ParamType::boolean) value.boolean = params.boolean(spec.name) ? 1 : 0;
      if (spec.type == ParamType::integer) value.integer = params.integer(spec.name);
      if (spec.type == ParamType::real) value.real = params.real(spec.name);
      if (spec.type == ParamType::string) value.string = params.string(spec.name).c_str();
      values.push_back(value);
    }
    nnsweep_error error{};
    self_ = plugin.create(values.data(), values.size(), &error);
    if (!self_) fail("create", error);
  }
  ~Instance() { destroy_(self_); }
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  void* self() const { return self_; }
  void check(int status, const char* what, const nnsweep_error& error) const {
    if (status != NNSWEEP_OK) fail(what, error);
  }

 private:
  [[noreturn]] void fail(const char* what, const nnsweep_error& error) const {
    std::string message(error.message, strnlen(error.message, sizeof error.message));
    throw std::runtime_error("plugin '" + name_ + "' failed in " + what + ": " +
                             (message.empty() ? "no message" : message));
  }

  std::string name_;
  void (*destroy_)(void*);
  void* self_ = nullptr;
};

nnsweep_const_block block_of(const Eigen::Ref<const Eigen::MatrixXd>& block) {
  return {block.data(), block.rows(), block.cols(), block.outerStride()};
}
nnsweep_block block_of(Eigen::Ref<Eigen::MatrixXd>& block) {
  return {block.data(), block.rows(), block.cols(), block.outerStride()};
}

class ExternalActivation final : public Activation {
 public:
  ExternalActivation(const nnsweep_activation& plugin, const std::vector<ParamSpec>& specs,
                     const Params& params)
      : plugin_(plugin), instance_(plugin, specs, params) {}

  void forward(ConstBlock Z, Block A) const override {
    nnsweep_error error{};
    instance_.check(plugin_.forward(instance_.self(), block_of(Z), block_of(A), &error), "forward",
                    error);
  }
  void backward(ConstBlock Z, ConstBlock A, ConstBlock dA, Block dZ) const override {
    nnsweep_error error{};
    instance_.check(plugin_.backward(instance_.self(), block_of(Z), block_of(A), block_of(dA),
                                     block_of(dZ), &error),
                    "backward", error);
  }

 private:
  nnsweep_activation plugin_;
  Instance instance_;
};

class ExternalOptimizer final : public Optimizer {
 public:
  ExternalOptimizer(const nnsweep_optimizer& plugin, const std::vector<ParamSpec>& specs,
                    const Params& params)
      : plugin_(plugin), instance_(plugin, specs, params) {}

  void reset(const ParameterLayout& layout) override {
    std::vector<int64_t> ranges;
    for (const ParameterLayout::Range& range : layout.weights) {
      ranges.push_back(range.offset);
      ranges.push_back(range.length);
    }
    nnsweep_error error{};
    instance_.check(
        plugin_.reset(instance_.self(), layout.size, ranges.data(), layout.weights.size(), &error),
        "reset", error);
  }
  void step(Vector params, ConstVector gradient, double learning_rate) override {
    nnsweep_error error{};
    instance_.check(plugin_.step(instance_.self(), params.data(), gradient.data(), params.size(),
                                 learning_rate, &error),
                    "step", error);
  }

 private:
  nnsweep_optimizer plugin_;
  Instance instance_;
};

}  // namespace

void add_external_activation(Registries& registries, const nnsweep_activation& plugin,
                             const LibrarySource& source) {
  PluginDescription description = description_of(plugin, source);
  if (!plugin.forward || !plugin.backward) {
    throw std::invalid_argument("activation '" + description.name + "' lacks forward or backward");
  }
  description.traits.elementwise = plugin.elementwise != 0;
  std::vector<ParamSpec> specs = description.params;
  registries.activations.add(std::move(description), [plugin, specs](const Params& params) {
    return std::make_unique<ExternalActivation>(plugin, specs, params);
  });
}

void add_external_optimizer(Registries& registries, const nnsweep_optimizer& plugin,
                            const LibrarySource& source) {
  PluginDescription description = description_of(plugin, source);
  if (!plugin.reset || !plugin.step) {
    throw std::invalid_argument("optimizer '" + description.name + "' lacks reset or step");
  }
  const bool has_rate =
      std::any_of(description.params.begin(), description.params.end(), [](const ParamSpec& spec) {
        return spec.name == "learning_rate" && spec.type == ParamType::real;
      });
  if (!has_rate) {
    throw std::invalid_argument("optimizer '" + description.name +
                                "' must declare a real parameter learning_rate");
  }
  std::vector<ParamSpec> specs = description.params;
  registries.optimizers.add(std::move(description), [plugin, specs](const Params& params) {
    return std::make_unique<ExternalOptimizer>(plugin, specs, params);
  });
}

}  // namespace nnsweep

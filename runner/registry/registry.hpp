#pragma once
// One registry per plugin kind, keyed by name.
//
// Built-in plugins are added by explicit registration functions (see
// plugins/builtin.hpp), never by static initialisers: a linker drops unreferenced
// objects from static libraries, and self-registering plugins vanish with them.
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "registry/activation.hpp"
#include "registry/dataset.hpp"
#include "registry/initializer.hpp"
#include "registry/loss.hpp"
#include "registry/optimizer.hpp"
#include "registry/params.hpp"
#include "registry/schedule.hpp"

namespace nnsweep {

// What validation needs to know of a plugin besides its parameters. Each
// field belongs to one kind and keeps its default in the others.
struct PluginTraits {
  // activation: what its values can be. A `simplex` activation (softmax)
  // normalises across a layer's units and is valid only as model.output.
  OutputRange range = OutputRange::any;
  // activation: each value depends on its own pre-activation alone. The runner
  // then passes a layer as one column of n_units * m values, which Eigen
  // vectorises whatever the layer's width (registry/activation.hpp).
  bool elementwise = true;
  // activation: the form of its backward() (registry/activation.hpp), if one
  // the kernels know. The trainer then forms dZ inside the product that
  // makes dA (train/dense.hpp: input_gradient_through), without calling
  // backward(); so backward() must compute exactly that expression, in that
  // order, as kernels::tanh_backward and sigmoid_backward do.
  DerivativeFromOutput derivative = DerivativeFromOutput::none;
  // loss: the output range it needs (`any`: every output will do). A loss
  // that takes the logarithm of its outputs needs them in range.
  OutputRange requires_output = OutputRange::any;
  // loss: the output activation with which the output gradient is simply
  // dZ = A - Y and the cost is computed stably from the logits
  // (Loss::cost_from_logits); empty for none.
  std::string fused_output = {};
  // loss: the targets it compares the outputs with (registry/loss.hpp).
  LossTargets targets = LossTargets::real;
  // dataset: the task it makes; nullopt when its `task` parameter says.
  std::optional<Task> task = {};
  // optimizer: whether the runner adds weight_decay * w to the weights'
  // gradient (l2) or the optimizer decays the weights itself (decoupled;
  // registry/optimizer.hpp).
  WeightDecayForm weight_decay = WeightDecayForm::l2;
};

// What validation and `nnsweep plugins` know of a plugin, whatever its kind.
struct PluginDescription {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;
  PluginTraits traits = {};
  // For a plugin from a shared library (registry/external_plugins.hpp): the
  // SHA-256 of the library file, which enters the identity of every run that
  // uses the plugin (as its parameter `library_sha256`); empty for built-ins.
  std::string library_sha256 = {};
};

class RegistryBase {
 public:
  explicit RegistryBase(std::string kind) : kind_(std::move(kind)) {}
  virtual ~RegistryBase() = default;
  const std::string& kind() const { return kind_; }
  // nullptr when no plugin has that name.
  virtual const PluginDescription* describe(const std::string& name) const = 0;
  virtual std::vector<std::string> names() const = 0;

 private:
  std::string kind_;
};

template <class Interface>
class Registry : public RegistryBase {
 public:
  using Factory = std::function<std::unique_ptr<Interface>(const Params&)>;

  using RegistryBase::RegistryBase;

  // Throws std::invalid_argument when the name is taken: two plugins with one
  // name would make configs ambiguous.
  void add(PluginDescription description, Factory factory) {
    const std::string name = description.name;
    if (entries_.count(name)) {
      const bool vowel = std::string("aeiou").find(kind().front()) != std::string::npos;
      throw std::invalid_argument(std::string(vowel ? "an " : "a ") + kind() + " plugin named '" +
                                  name + "' is already registered");
    }
    for (const ParamSpec& shared : shared_params_) {
      const auto own =
          std::find_if(description.params.begin(), description.params.end(),
                       [&](const ParamSpec& spec) { return spec.name == shared.name; });
      if (own == description.params.end()) {
        description.params.push_back(shared);
      } else if (own->type != shared.type) {
        throw std::invalid_argument("the " + kind() + " plugin '" + name + "' declares '" +
                                    own->name + "', which every " + kind() +
                                    " takes already, with another type");
      }
    }
    entries_.emplace(name, Entry{std::move(description), std::move(factory)});
  }

  const PluginDescription* describe(const std::string& name) const override {
    auto found = entries_.find(name);
    return found == entries_.end() ? nullptr : &found->second.description;
  }

  std::vector<std::string> names() const override {
    std::vector<std::string> result;
    for (const auto& [name, entry] : entries_) result.push_back(name);
    return result;
  }

  // Parameters that every plugin of this kind takes besides its own, declared
  // once here and appended to each plugin's description by add(). A plugin
  // may declare one itself, with the same type, for its own default, range or
  // description; its declaration is then the one kept.
  void set_shared_params(std::vector<ParamSpec> specs) { shared_params_ = std::move(specs); }

  // The params must be complete and valid (config validation guarantees it).
  std::unique_ptr<Interface> create(const std::string& name, const Params& params) const {
    auto found = entries_.find(name);
    if (found == entries_.end()) {
      throw std::invalid_argument("no " + kind() + " plugin named '" + name + "'");
    }
    return found->second.factory(params);
  }

 private:
  struct Entry {
    PluginDescription description;
    Factory factory;
  };
  std::map<std::string, Entry> entries_;
  std::vector<ParamSpec> shared_params_;
};

// Every kind's registry. Kinds are named as in `nnsweep plugins KIND`.
struct Registries {
  Registries() {
    datasets.set_shared_params(dataset_split_params());
    initializers.set_shared_params(initializer_shared_params());
    optimizers.set_shared_params(optimizer_shared_params());
  }

  Registry<DatasetGenerator> datasets{"dataset"};
  Registry<Activation> activations{"activation"};
  Registry<Initializer> initializers{"initializer"};
  Registry<Loss> losses{"loss"};
  Registry<Optimizer> optimizers{"optimizer"};
  Registry<Schedule> schedules{"schedule"};

  std::vector<const RegistryBase*> all() const {
    return {&datasets, &activations, &initializers, &losses, &optimizers, &schedules};
  }
};

}  // namespace nnsweep

// libFuzzer harness for the config loader and the sweep: any bytes, read as
// an experiment file, are parsed, checked, expanded into a plan and the first
// runs resolved and validated, as `nnsweep validate` does. A config error is
// the expected outcome for almost every input; anything else that escapes (a
// crash, a sanitizer report, another exception, a hang) is a finding.
//
// Built only with -DNNSWEEP_FUZZ=ON and clang (tools/fuzz.sh); CI runs it for
// two minutes on the committed seed corpus, tests/fuzz/corpus.
#include <cstddef>
#include <cstdint>
#include <string>

#include "builtin.hpp"
#include "config/loader.hpp"
#include "sweep/resolve.hpp"

namespace {

const nnsweep::Registries& registries() {
  static const nnsweep::Registries built = [] {
    nnsweep::Registries r;
    nnsweep::register_builtin_plugins(r);
    return r;
  }();
  return built;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const nnsweep::ConfigDocument document =
        nnsweep::parse_config(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml",
                              {});
    // A config's `plugins:` would load shared libraries from the paths it
    // names: not something to do with random paths.
    if (document.root.IsMap() && document.root["plugins"]) return 0;
    const nnsweep::Plan plan(document);
    const nnsweep::PlanResolver resolver(document, plan, registries());
    for (std::int64_t index = 0; index < plan.size() && index < 8; ++index) {
      (void)resolver.resolve(index);
    }
  } catch (const nnsweep::ConfigError&) {
  }
  return 0;
}

/* A plugin library built for an ABI version this nnsweep does not have. */
#include <nnsweep/plugin.h>

static int register_nothing(const nnsweep_host* host, nnsweep_error* error) {
  (void)host;
  (void)error;
  return NNSWEEP_OK;
}

static const nnsweep_plugin_library library = {NNSWEEP_PLUGIN_ABI_VERSION + 98, register_nothing};

const nnsweep_plugin_library* nnsweep_plugin(void) {
  return &library;
}

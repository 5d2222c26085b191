#pragma once
// The built-in plugins for tests, registered once on first use. The program
// itself builds its Registries in main() and passes them down; only tests
// share an instance.
#include "builtin.hpp"

namespace nnsweep {

const Registries& builtin_registries();

}  // namespace nnsweep

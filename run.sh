#!/usr/bin/env bash
# Installs what is missing, builds nnsweep (Release) and runs the main experiment.
# Usage: ./run.sh [CONFIG] [nnsweep run options...]   (default: configs/hidden_sizes.yaml)
set -euo pipefail
cd "$(dirname "$0")"
source tools/setup.sh
nnsweep_install "${NNSWEEP_BUILD_PACKAGES[@]}"
nnsweep_build build

config=${1:-configs/seed_moons.yaml}
shift || true
set +e
build/runner/cli/nnsweep run "$config" "$@"
status=$?
set -e
exit $status

#!/usr/bin/env bash
# Installs what is missing, builds nnsweep (Release) and runs the main job: the
# hidden-layer-size sweep, then its comparison grouped by hidden size, and
# writes its HTML report (nnsweep report).
# Usage: ./run.sh [CONFIG [nnsweep run options...]]
set -euo pipefail
cd "$(dirname "$0")"
source tools/setup.sh
nnsweep_install "${NNSWEEP_BUILD_PACKAGES[@]}" "${NNSWEEP_REPORT_PACKAGES[@]}"
nnsweep_build build
nnsweep=build/runner/cli/nnsweep

if (($# > 0)); then
  exec "$nnsweep" run "$@"
fi
set +e
"$nnsweep" run configs/hidden_sizes.yaml
status=$?
set -e
((status == 0 || status == 3)) || exit $status
echo
echo "Grouped by hidden size (nnsweep show results/hidden_sizes.h5 --group-by model.hidden):"
"$nnsweep" show results/hidden_sizes.h5 --group-by model.hidden
echo
report=$("$nnsweep" report results/hidden_sizes.h5 -o results/hidden_sizes.html)
echo "Report (open it in a browser): $report"
exit $status

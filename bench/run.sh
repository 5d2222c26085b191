#!/usr/bin/env bash
# Every speed target in one run on this machine (bench/run.py), written to
# bench/results.md. Run ./run.sh first so that build/runner/cli/nnsweep exists.
# Usage: bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x build/runner/cli/nnsweep ]] || { echo "build nnsweep first: ./run.sh" >&2; exit 1; }
exec /usr/bin/python3 bench/run.py "$@"

#!/usr/bin/env bash
# Thread scaling of the hidden-size sweep: wall time at --threads 1 and 2.
# Usage: bench/threads.sh [CONFIG] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
nnsweep=build/runner/cli/nnsweep
config=${1:-configs/hidden_sizes.yaml}
repeats=${2:-3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

best_time() {  # best wall time (s) of $repeats runs with --threads $1
  local best=""
  for ((i = 0; i < repeats; i++)); do
    rm -f "$scratch/out.h5"
    local start end
    start=$(date +%s.%N)
    "$nnsweep" run "$config" --out "$scratch/out.h5" --threads "$1" --quiet || true
    end=$(date +%s.%N)
    best=$(awk -v s="$start" -v e="$end" -v b="$best" 'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
  done
  echo "$best"
}

one=$(best_time 1)
two=$(best_time 2)
printf 'config: %s (best of %d)\n' "$config" "$repeats"
awk -v a="$one" -v b="$two" \
  'BEGIN { printf "threads 1: %.3f s\nthreads 2: %.3f s\nspeed-up: %.2fx\n", a, b, a / b }'

#!/usr/bin/env bash
# Builds the config loader's libFuzzer harness (tests/fuzz/fuzz_config.cpp)
# with clang, AddressSanitizer and UBSan (float-cast-overflow included), and
# runs it on the committed seed corpus (tests/fuzz/corpus) for SECONDS.
# A finding stops the run with a non-zero exit and leaves the input that
# caused it as build-fuzz/crash-* (or leak-*, timeout-*); rerun it with
#   build-fuzz/tests/fuzz/fuzz_config build-fuzz/crash-...
# Usage: tools/fuzz.sh [SECONDS]   (default 120, as CI runs it; a longer
# search: tools/fuzz.sh 3600)
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup.sh
nnsweep_install "${NNSWEEP_BUILD_PACKAGES[@]}" clang libomp-dev
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNNSWEEP_FUZZ=ON -DNNSWEEP_TESTS=OFF >&2
cmake --build build-fuzz --target fuzz_config -j "$(nproc)" >&2
found=$(mktemp -d)  # inputs the run adds to the corpus, discarded after
trap 'rm -rf "$found"' EXIT
build-fuzz/tests/fuzz/fuzz_config -max_total_time="${1:-120}" -max_len=4096 -timeout=20 \
  -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=build-fuzz/ "$found" tests/fuzz/corpus

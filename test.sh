#!/usr/bin/env bash
# Installs what is missing, builds nnsweep with its tests and runs every test with CTest.
# Set NNSWEEP_SANITIZE=1 to build with clang and test with AddressSanitizer and
# UBSan (float-cast-overflow included) instead: every test but those labelled
# `readers` or `mpi`.
set -euo pipefail
cd "$(dirname "$0")"
source tools/setup.sh
nnsweep_install "${NNSWEEP_BUILD_PACKAGES[@]}" "${NNSWEEP_TEST_PACKAGES[@]}"
if [[ ${NNSWEEP_SANITIZE:-0} == 1 ]]; then
  # clang, for UBSan's float-cast-overflow (a double out of an integer's
  # range), which GCC's UBSan lacks; libomp is clang's OpenMP runtime.
  nnsweep_install clang libomp-dev
  CC=clang CXX=clang++ nnsweep_build build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNNSWEEP_SANITIZE=ON -DNNSWEEP_WERROR=ON
  # Not the readers' tests (Python reading finished files: tests/CMakeLists.txt),
  # nor the MPI jobs, whose Open MPI leaks LeakSanitizer reports (tests/cluster).
  ctest --test-dir build-sanitize --output-on-failure -j "$(nproc)" -LE "readers|mpi"
else
  nnsweep_build build -DNNSWEEP_WERROR=ON
  ctest --test-dir build --output-on-failure -j "$(nproc)"
fi

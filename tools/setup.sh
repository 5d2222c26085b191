#!/usr/bin/env bash
# Shared by run.sh and test.sh: install missing Debian packages, then build.
# Usage: source tools/setup.sh; nnsweep_install PACKAGES...; nnsweep_build DIR [CMAKE ARGS...]
set -euo pipefail

# What building and running nnsweep needs.
NNSWEEP_BUILD_PACKAGES=(cmake g++ make pkg-config git libeigen3-dev libyaml-cpp-dev libhdf5-dev
  libboost-test-dev libcli11-dev zlib1g-dev libssl-dev libcsv-dev libsleef-dev nlohmann-json3-dev)
# What the tests add: numpy/sklearn fixtures, h5py/xarray/pandas interop, HDF5 and netCDF tools.
NNSWEEP_TEST_PACKAGES=(python3 python3-numpy python3-sklearn python3-h5py python3-xarray
  python3-h5netcdf python3-pandas python3-matplotlib hdf5-tools netcdf-bin python3-mpmath
  python3-setuptools python3-venv chromium python3-yaml python3-jsonschema)
# What `nnsweep report` (the Python package, python/) needs to draw its page.
NNSWEEP_REPORT_PACKAGES=(python3 python3-numpy python3-h5py python3-xarray python3-pandas
  python3-matplotlib)
# The other readers of the results file (tests/readers): xarray's netcdf4
# engine, R with hdf5r, Octave with its netcdf package.
NNSWEEP_TEST_PACKAGES+=(python3-netcdf4 r-base-core r-cran-hdf5r octave octave-netcdf)
# Running across a cluster (docs/cluster.md): OpenMPI, which the build uses
# when it is there, and a single-node Slurm that tests/cluster starts.
NNSWEEP_CLUSTER_PACKAGES=(libopenmpi-dev openmpi-bin slurm-wlm munge)
NNSWEEP_TEST_PACKAGES+=("${NNSWEEP_CLUSTER_PACKAGES[@]}")

nnsweep_install() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "Installing missing Debian packages: ${missing[*]}" >&2
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "run as root or install sudo" >&2; return 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
}

nnsweep_build() {
  local dir=$1
  shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >&2
  cmake --build "$dir" -j "$(nproc)" >&2
}

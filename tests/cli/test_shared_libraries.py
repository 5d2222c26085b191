#!/usr/bin/python3
"""nnsweep loads only the shared libraries it uses (issue 9, "a lean process").

Usage: test_shared_libraries.py NNSWEEP_BINARY STATIC_HDF5 (ON or OFF, as configured)

Every start maps and relocates every library that `ldd` lists: with HDF5
linked statically (NNSWEEP_STATIC_HDF5, the default) neither libhdf5 nor
libcurl, which Debian's shared libhdf5 needs for its S3 driver, nor libcurl's
own dependencies may be among them. (libcrypto is: OpenSSL hashes input files.)
"""
import os
import subprocess
import sys

# Libraries only the shared libhdf5 brings, by the start of their file names.
NOT_WITH_STATIC_HDF5 = ["libhdf5", "libcurl", "libgnutls", "libssh2", "libldap", "libkrb5",
                        "libnghttp2", "libssl"]


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("ON", "OFF"):
        sys.exit(__doc__)
    binary, static_hdf5 = sys.argv[1], sys.argv[2] == "ON"
    listed = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
    names = [os.path.basename(line.split()[0]) for line in listed.splitlines() if line.strip()]
    print(f"{len(names)} shared libraries: {' '.join(names)}")
    forbidden = NOT_WITH_STATIC_HDF5 if static_hdf5 else []
    loaded = [name for name in names if any(name.startswith(prefix) for prefix in forbidden)]
    if loaded:
        sys.exit(f"FAIL: {binary} loads {', '.join(loaded)}")
    print("ok")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Random damage to a journal costs nothing but time: a complete journal (a
session killed at the fault point before_publish, so that it holds every
run) is damaged in 40 seeded ways after its header (bytes flipped, the file
cut short, bytes inserted, a span zeroed, records repeated), and each time
the same command resumes from the intact records, trains the rest, and
publishes a file equal to an uninterrupted run's, with no crash and no
journal left behind. Also a crafted record with a valid CRC whose run id
claims 2^62 bytes.

usage: test_journal_damage.py NNSWEEP_BINARY
"""
import os
import random
import struct
import subprocess
import sys
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from crash_common import (BINARY, check, compare_results, finish, journal_scan, run, scratch,
                          write_config)

root = scratch("nnsweep-journal-damage-")
config = write_config(root, "damage.yaml", name="damage", iterations=300, hidden="[1, 2, 4]",
                      seeds="[1, 2]")
reference = os.path.join(root, "reference.h5")
code, _, err, _ = run(["run", config, "--out", reference, "--quiet", "--threads", "1"])
check(code == 0, "the reference run failed: %s" % err)

out = os.path.join(root, "out.h5")
environment = dict(os.environ, NNSWEEP_FAULT_POINT="before_publish")
killed = subprocess.run([BINARY, "run", config, "--out", out, "--quiet", "--threads", "1"],
                        env=environment, capture_output=True, text=True, timeout=600)
check(killed.returncode == -9, "the session was not killed: exit %d" % killed.returncode)
records, end = journal_scan(out + ".partial")
check(records == 6, "the journal holds %s runs, not 6" % records)
with open(out + ".partial", "rb") as f:
    complete = f.read()
header = complete.index(b"\n", complete.index(b"\n") + 1) + 1  # the two header lines


def damaged(seed):
    """The complete journal with one kind of damage after its header."""
    rng = random.Random(seed)
    data = bytearray(complete)
    kind = seed % 5
    at = rng.randrange(header, len(data))
    if kind == 0:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(header, len(data))] ^= 1 << rng.randrange(8)
    elif kind == 1:
        del data[at:]
    elif kind == 2:
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    elif kind == 3:
        data[at:at + rng.randint(1, 4096)] = b"\0" * len(data[at:at + 4096])
    else:
        data += data[header:at]
    return bytes(data), ("flipped", "cut", "inserted", "zeroed", "repeated")[kind]


for seed in range(40):
    data, kind = damaged(seed)
    if os.path.exists(out):
        os.remove(out)
    with open(out + ".partial", "wb") as f:
        f.write(data)
    code, _, err, _ = run(["run", config, "--out", out, "--threads", "1"])
    what = "seed %d (%s)" % (seed, kind)
    check(code == 0, "%s: exit %d: %s" % (what, code, err[-400:]))
    if code == 0:
        problems = compare_results(reference, out)
        check(not problems, "%s: differs from the reference: %s" % (what, problems[:3]))
    check(not os.path.exists(out + ".partial"), "%s: the journal was left behind" % what)


# A crafted record with a valid CRC whose first string (the run id) claims
# 2^62 bytes: read as a torn record (the journal is cut there and repaired),
# not an allocation of 2^62 bytes on every rerun.
data = bytearray(complete)
payload = header + 12  # magic (4 bytes) and size (8) of the first record
(size,) = struct.unpack_from("<Q", data, header + 4)
struct.pack_into("<Q", data, payload + 4 + 8, 1 << 62)  # after the layout (4) and index (8)
struct.pack_into("<I", data, payload + size, zlib.crc32(bytes(data[payload:payload + size])))
if os.path.exists(out):
    os.remove(out)
with open(out + ".partial", "wb") as f:
    f.write(bytes(data))
code, _, err, _ = run(["run", config, "--out", out, "--threads", "1"])
check(code == 0, "a 2^62-byte string: exit %d: %s" % (code, err[-400:]))
check(code != 0 or not compare_results(reference, out), "a 2^62-byte string: differs")
check(not os.path.exists(out + ".partial"), "a 2^62-byte string: the journal was left behind")

finish("test_journal_damage")

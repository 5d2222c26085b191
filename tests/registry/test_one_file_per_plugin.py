#!/usr/bin/python3
"""Adding a built-in plugin is one new file plus one list line (docs/plugins.md).

Usage: test_one_file_per_plugin.py NNSWEEP_BINARY
(environment: NNSWEEP_SOURCE_DIR = the repository root)

The plugins `nnsweep plugins` lists must be exactly the lines of
plugins/builtin_plugins.def. For each of them, the files of the source tree
that name it as the build names it (its register function, its list line,
or its source path in CMake) must be exactly two: its own file
plugins/KIND/NAME.cpp and the list. A registration call or a declaration
written by hand, a second source list, or a test that has to name the
plugin to check it, would each be one file more. A plugin file that is not
in the list fails too. A self-check first shows, on a made-up tree, that the
counting finds each of these.
"""
import os
import re
import subprocess
import sys

LIST = "plugins/builtin_plugins.def"
LIST_LINE = re.compile(r"^NNSWEEP_PLUGIN\(([a-z_0-9]+), *([a-z_0-9]+)\)$", re.MULTILINE)
# Where the build and its tests live (docs and configs may name plugins freely).
SEARCHED = ["CMakeLists.txt", "cmake", "runner", "plugins", "tests", "bench", "tools"]
TEXT_SUFFIXES = (".cpp", ".hpp", ".h", ".in", ".def", ".txt", ".cmake", ".py", ".sh")


def source_files(root):
    """{path relative to root: text} of every text file under SEARCHED."""
    files = {}
    for top in SEARCHED:
        start = os.path.join(root, top)
        walk = [(root, [], [top])] if os.path.isfile(start) else os.walk(start)
        for folder, _, names in walk:
            for name in names:
                if name.endswith(TEXT_SUFFIXES):
                    path = os.path.join(folder, name)
                    with open(path, encoding="utf-8", errors="replace") as f:
                        files[os.path.relpath(path, root)] = f.read()
    return files


def listed(files):
    """(kind, name) of every line of the list, in order."""
    return LIST_LINE.findall(files.get(LIST, ""))


def places_naming(files, kind, name):
    """The files that name the plugin as the build names it."""
    register = re.compile(r"\bregister_%s\b" % name)
    line = re.compile(r"NNSWEEP_PLUGIN\(%s, *%s\)" % (kind, name))
    source = "%s/%s.cpp" % (kind, name)
    places = set()
    for path, text in files.items():
        in_cmake = path.endswith((".cmake", "CMakeLists.txt"))
        if register.search(text) or line.search(text) or (in_cmake and source in text):
            places.add(path)
    return places


def violations(files):
    """What stands between adding a plugin and one file plus one list line."""
    found = []
    lines = listed(files)
    for kind, name in lines:
        own = "plugins/%s/%s.cpp" % (kind, name)
        expected = {LIST, own}
        places = places_naming(files, kind, name)
        if places != expected:
            found.append("%s %s is named in %s; expected exactly %s"
                         % (kind, name, sorted(places), sorted(expected)))
    for path, text in files.items():
        parts = path.split(os.sep)
        if len(parts) == 3 and parts[0] == "plugins" and path.endswith(".cpp") \
                and re.search(r"\bvoid register_\w+\(Registries&", text) \
                and (parts[1], parts[2][:-4]) not in lines:
            found.append("%s registers a plugin but has no line in %s" % (path, LIST))
    return found


def registered(binary):
    """(kind, name) of every plugin `nnsweep plugins` lists, under its
    plural heading, which is the folder name."""
    out = subprocess.run([binary, "plugins"], capture_output=True, text=True, check=True).stdout
    plugins, kind = set(), None
    for line in out.splitlines():
        if re.match(r"^[a-z]+:$", line):
            kind = line[:-1]
        elif re.match(r"^  [a-z_0-9]+  ", line):
            plugins.add((kind, line.split()[0]))
    return plugins


def self_check():
    """The counting on a made-up tree: clean, then with each kind of extra place."""
    files = {
        LIST: "// the list\nNNSWEEP_PLUGIN(optimizers, demo)\n",
        "plugins/optimizers/demo.cpp": "namespace nnsweep::optimizers {\n"
                                       "void register_demo(Registries& registries) {}\n}\n",
        "tests/plugins/test_contracts.cpp": "for (name : registry.names()) check(name);\n",
    }
    assert violations(files) == [], violations(files)
    extras = {
        "plugins/builtin.cpp": "optimizers::register_demo(registries);\n",
        "plugins/builtin.hpp": "void register_demo(Registries& registries);\n",
        "plugins/CMakeLists.txt": "add_library(p STATIC optimizers/demo.cpp)\n",
        "plugins/second.def": "NNSWEEP_PLUGIN(optimizers, demo)\n",
    }
    for path, text in extras.items():
        found = violations({**files, path: text})
        assert len(found) == 1 and path in found[0], (path, found)
    orphan = {**files, "plugins/optimizers/other.cpp": "void register_other(Registries& r) {}\n"}
    found = violations(orphan)
    assert len(found) == 1 and "has no line" in found[0], found


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    source = os.environ.get("NNSWEEP_SOURCE_DIR",
                            os.path.dirname(os.path.dirname(os.path.dirname(
                                os.path.abspath(__file__)))))
    self_check()
    files = source_files(source)
    lines = listed(files)
    if len(lines) < 10:
        sys.exit("only %d lines in %s: is that the list?" % (len(lines), LIST))
    problems = violations(files)
    in_list, in_binary = set(lines), registered(sys.argv[1])
    for kind, name in sorted(in_binary - in_list):
        problems.append("nnsweep lists %s %s, which has no line in %s" % (kind, name, LIST))
    for kind, name in sorted(in_list - in_binary):
        problems.append("%s has %s %s, which nnsweep does not list" % (LIST, kind, name))
    if len(lines) != len(in_list):
        problems.append("%s has a line twice" % LIST)
    for problem in problems:
        print("FAIL:", problem)
    if problems:
        sys.exit(1)
    print("ok: %d plugins, each named in its own file and its list line only" % len(lines))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Runs the examples of docs/results-format.md against a freshly written sweep.

Usage: test_results_format_snippets.py NNSWEEP_BINARY
(environment: NNSWEEP_SOURCE_DIR = the repository root)

Every ```python block runs in its own interpreter with `path` set to the
results file; every ```sh block that calls h5dump or ncdump, every ```r
block (Rscript) and every ```matlab block (Octave) runs with the file name
results/hidden_sizes.h5 replaced by that file. Any failure fails the test.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

PYTHON = "/usr/bin/python3"
DOC_FILE_NAME = "results/hidden_sizes.h5"  # how the sh, r and matlab examples name the file
OTHER_READERS = {"r": ["Rscript", "-e"],
                 "matlab": ["octave", "--no-gui", "--quiet", "--no-window-system", "--eval"]}


def blocks(markdown, language):
    """(line number, code) of every fenced block in `language`."""
    found = []
    for match in re.finditer(r"^```" + language + r"[ \t]*\n(.*?)^```[ \t]*$", markdown,
                             re.MULTILINE | re.DOTALL):
        found.append((markdown.count("\n", 0, match.start()) + 1, match.group(1)))
    return found


def calls_hdf5_tool(code):
    return any(re.match(r"\s*(h5dump|ncdump)\b", line) for line in code.splitlines())


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    source = os.environ.get("NNSWEEP_SOURCE_DIR",
                            os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    doc_path = os.path.join(source, "docs", "results-format.md")
    with open(doc_path, encoding="utf-8") as f:
        markdown = f.read()
    python_blocks = blocks(markdown, "python")
    sh_blocks = [(line, code) for line, code in blocks(markdown, "sh") if calls_hdf5_tool(code)]
    # Other readers' blocks: (language, command that runs a program text).
    other_blocks = [(language, line, code)
                    for language, command in OTHER_READERS.items()
                    for line, code in blocks(markdown, language)]
    if sorted({language for language, _, _ in other_blocks}) != sorted(OTHER_READERS):
        failures.append("expected an r and a matlab block")
    failures = []
    if len(python_blocks) < 4:
        failures.append(f"expected at least 4 python blocks, found {len(python_blocks)}")
    if len(sh_blocks) < 2:
        failures.append(f"expected at least 2 h5dump/ncdump sh blocks, found {len(sh_blocks)}")

    with tempfile.TemporaryDirectory(prefix="nnsweep_doc_") as tmp:
        results = os.path.join(tmp, "hs.h5")
        start = time.monotonic()
        run = subprocess.run(
            [binary, "run", os.path.join(source, "configs", "hidden_sizes.yaml"),
             "--set", "train.iterations=300", "--out", results, "--quiet"],
            capture_output=True, text=True)
        if run.returncode != 0 or not os.path.exists(results):
            print(run.stdout, run.stderr, sep="\n")
            sys.exit(f"FAIL: nnsweep run exited with {run.returncode}")
        print(f"wrote {results} in {time.monotonic() - start:.1f} s")

        for line, code in python_blocks:
            program = f"path = {results!r}\n" + code
            done = subprocess.run([PYTHON, "-c", program], cwd=tmp, capture_output=True, text=True)
            label = f"{doc_path}:{line} (python)"
            if done.returncode != 0:
                failures.append(f"{label} exited with {done.returncode}:\n{done.stdout}{done.stderr}")
                print(f"FAIL {label}")
            else:
                print(f"ok   {label}")

        runs = [("sh", line, code, ["bash", "-e", "-o", "pipefail", "-c"])
                for line, code in sh_blocks]
        runs += [(language, line, code, OTHER_READERS[language])
                 for language, line, code in other_blocks]
        for language, line, code, command in runs:
            script = code.replace(DOC_FILE_NAME, results)
            if language == "matlab":
                script += "\ndisp(numel(status));\n"  # the block prints nothing itself
            elif language == "r":
                script += "\nprint(dim(runs))\n"
            if not shutil.which(command[0]):
                print(f"skip {doc_path}:{line} ({language}): {command[0]} not found")
                continue
            done = subprocess.run(command + [script], cwd=tmp, capture_output=True, text=True)
            label = f"{doc_path}:{line} ({language})"
            if DOC_FILE_NAME not in code:
                failures.append(f"{label} does not name {DOC_FILE_NAME}")
            elif done.returncode != 0 or not done.stdout.strip():
                failures.append(f"{label} exited with {done.returncode}:\n{done.stderr}")
                print(f"FAIL {label}")
            else:
                print(f"ok   {label}")

    for failure in failures:
        print("\nFAIL: " + failure, file=sys.stderr)
    print(f"{len(python_blocks)} python, {len(sh_blocks)} sh and {len(other_blocks)} other "
          f"readers' blocks, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

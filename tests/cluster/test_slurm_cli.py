#!/usr/bin/python3
"""`nnsweep slurm` with a stand-in sbatch and squeue on PATH: a config error
(FILE:LINE:COL, exit 2, nothing written), too many tasks, --dry-run (both
scripts printed, nothing written or submitted), submission (files written,
the two sbatch calls), the tasks and merge job run as Slurm would run them
(bash with SLURM_ARRAY_TASK_ID) giving the file of one process, --status,
resubmission of only the incomplete tasks, and the refusals (another task
count, another experiment's output, jobs still queued, a damaged part).

Usage: test_slurm_cli.py NNSWEEP_BINARY
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster_support import check, config_text, differences, finish, run  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
failures = []
work = tempfile.mkdtemp(prefix="nnsweep-slurm-cli-")
fake = os.path.join(work, "bin")
os.makedirs(fake)
SBATCH_LOG = os.path.join(work, "sbatch.log")
# Job ids from 500; FAKE_SBATCH_FAIL makes it fail; squeue lists $FAKE_QUEUED.
with open(os.path.join(fake, "sbatch"), "w") as f:
    f.write("#!/bin/bash\n"
            "[ -n \"${FAKE_SBATCH_FAIL:-}\" ] && { echo 'sbatch: error: no' >&2; exit 1; }\n"
            "n=$(cat %s.next 2>/dev/null || echo 500)\n"
            "echo $((n + 1)) > %s.next\n"
            "echo \"$*\" >> %s\n"
            "echo \"$n;cluster\"\n" % (SBATCH_LOG, SBATCH_LOG, SBATCH_LOG))
with open(os.path.join(fake, "squeue"), "w") as f:
    f.write("#!/bin/bash\nfor j in ${FAKE_QUEUED:-}; do echo $j; done\n")
for name in ("sbatch", "squeue"):
    os.chmod(os.path.join(fake, name), 0o755)
ENV = dict(os.environ, PATH=fake + ":" + os.environ["PATH"])


def sbatch_calls():
    try:
        with open(SBATCH_LOG) as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


def slurm(*args, expect=0, env=ENV):
    before = len(sbatch_calls())
    done = run(BINARY, "slurm", *args, expect=expect, env=env, cwd=work)
    return done, sbatch_calls()[before:]


def status(folder):
    return json.loads(run(BINARY, "slurm", "--status", folder, "--format", "json").stdout)


def run_tasks(folder, tasks):
    """Each task's array script, then the merge script, as Slurm would run them."""
    for task in tasks:
        done = subprocess.run(["bash", os.path.join(folder, "array.sbatch")], cwd="/",
                              env=dict(ENV, SLURM_ARRAY_TASK_ID=str(task - 1)),
                              capture_output=True, text=True)
        check(failures, done.returncode == 0, "task %d: %s" % (task, done.stdout + done.stderr))
    return subprocess.run(["bash", os.path.join(folder, "merge.sbatch")], cwd="/", env=ENV,
                          capture_output=True, text=True)


# 9 runs, no duplicates: share K of 4 has the runs i with i % 4 == K - 1.
CONFIG = config_text("cli_sweep", 20)
with open(os.path.join(work, "sweep.yaml"), "w") as f:
    f.write(CONFIG)
SHARE_RUNS = [len([i for i in range(9) if i % 4 == k]) for k in range(4)]
OUT = os.path.join(work, "out", "sweep.h5")
FOLDER = os.path.join(work, "out", "sweep.slurm")

# A config error: FILE:LINE:COL, exit 2, nothing written or submitted.
bad = CONFIG.replace("train: {iterations: 20,", "train: {iterations: 20, bogus: 1,")
with open(os.path.join(work, "bad.yaml"), "w") as f:
    f.write(bad)
line = bad.splitlines().index(next(l for l in bad.splitlines() if "bogus" in l)) + 1
column = bad.splitlines()[line - 1].index("bogus") + 1
done, calls = slurm("bad.yaml", "-o", "out/bad.h5", expect=2)
check(failures, "bad.yaml:%d:%d:" % (line, column) in done.stderr, "config error: " + done.stderr)
check(failures, not calls and not os.path.exists(os.path.join(work, "out")),
      "config error wrote or submitted something: %s" % calls)

done, calls = slurm("sweep.yaml", "-o", OUT, "--tasks", "10", expect=2)
check(failures, "more than the 9 runs" in done.stderr and not calls, "--tasks 10: " + done.stderr)
check(failures, not os.path.exists(FOLDER), "--tasks 10 wrote the folder")

# --dry-run: both scripts printed, nothing written or submitted.
done, calls = slurm("sweep.yaml", "-o", OUT, "--tasks", "4", "--time", "00:05:00",
                    "--partition", "debug", "--sbatch-arg=--account=lab", "--dry-run")
for text in ("#SBATCH --array=0-3", "#SBATCH --time=00:05:00", "#SBATCH --partition=debug",
             "#SBATCH --account=lab", '--share "$task/$tasks"', "merge --overwrite",
             FOLDER + "/array.sbatch", FOLDER + "/merge.sbatch"):
    check(failures, text in done.stdout, "--dry-run output lacks %r" % text)
check(failures, not calls and not os.path.exists(FOLDER), "--dry-run wrote or submitted")

# Submission: the folder's files and the two sbatch calls.
done, calls = slurm("sweep.yaml", "-o", OUT, "--tasks", "4", "--cpus-per-task", "2")
check(failures, calls == ["--parsable %s/array.sbatch" % FOLDER,
                          "--parsable --dependency=afterany:500 %s/merge.sbatch" % FOLDER],
      "sbatch calls: %s" % calls)
check(failures, "array job 500" in done.stdout and "merge job 501" in done.stdout
      and "--status " + FOLDER in done.stdout, "submission output: " + done.stdout)
for name in ("array.sbatch", "merge.sbatch", "manifest.json", "parts", "logs"):
    check(failures, os.path.exists(os.path.join(FOLDER, name)), "no %s in the run folder" % name)
with open(os.path.join(FOLDER, "manifest.json")) as f:
    manifest = json.load(f)
check(failures, manifest["config"] == os.path.join(work, "sweep.yaml") and manifest["tasks"] == 4
      and manifest["out"] == OUT and manifest["task_runs"] == SHARE_RUNS
      and manifest["submissions"][0]["array_job"] == "500", "manifest: %s" % manifest)
with open(os.path.join(FOLDER, "array.sbatch")) as f:
    check(failures, "#SBATCH --cpus-per-task=2\n" in f.read(), "--cpus-per-task not in the script")
shown = status(FOLDER)
check(failures, [r["state"] for r in shown["task_states"]] == ["not started"] * 4
      and [r["runs"] for r in shown["task_states"]] == SHARE_RUNS, "status before: %s" % shown)

# Tasks 1, 2 and 4 run; the merge job names task 3 and fails.
merged = run_tasks(FOLDER, [1, 2, 4])
check(failures, merged.returncode == 1 and "tasks 3\n" in merged.stderr,
      "merge with task 3 missing: %d %s" % (merged.returncode, merged.stderr))
shown = status(FOLDER)
check(failures, [r["finished"] for r in shown["task_states"]] == [3, 2, 0, 2]
      and shown["tasks_done"] == 3 and shown["output"] == "partial", "status: %s" % shown)
table = run(BINARY, "slurm", "--status", FOLDER).stdout
check(failures, "not started" in table and "3 of 4 tasks done" in table, "table: " + table)

# Resubmission: only task 3, array index 2.
done, calls = slurm("sweep.yaml", "-o", OUT)
check(failures, calls == ["--parsable --array=2 %s/array.sbatch" % FOLDER,
                          "--parsable --dependency=afterany:502 %s/merge.sbatch" % FOLDER],
      "resubmission sbatch calls: %s" % calls)
merged = run_tasks(FOLDER, [3])
check(failures, merged.returncode == 0, "last merge: " + merged.stdout + merged.stderr)
run(BINARY, "run", "sweep.yaml", "--out", "single.h5", "--quiet", cwd=work)
problems = differences(os.path.join(work, "single.h5"), OUT)
check(failures, not problems, "merged file differs from one process: %s" % problems)
done, calls = slurm("sweep.yaml", "-o", OUT)
check(failures, "up to date" in done.stdout and not calls, "complete sweep resubmitted: %s" % calls)

# Parts 2 gone and 4 damaged, and the final output gone: a damaged part is
# refused; with --overwrite it is deleted, and tasks 2 and 4 are submitted.
os.remove(OUT)
os.remove(os.path.join(FOLDER, "parts", "part-2-of-4.h5"))
part4 = os.path.join(FOLDER, "parts", "part-4-of-4.h5")
with open(part4, "r+b") as f:
    f.truncate(100)
done, calls = slurm("sweep.yaml", "-o", OUT, expect=2)
check(failures, "part-4-of-4.h5 is not a results file" in done.stderr and not calls,
      "damaged part: " + done.stderr)
done, calls = slurm("sweep.yaml", "-o", OUT, "--overwrite")
check(failures, calls[:1] == ["--parsable --array=1,3 %s/array.sbatch" % FOLDER]
      and not os.path.exists(part4), "tasks 2 and 4 resubmitted: %s" % calls)

# Jobs of the folder still queued: refused, nothing submitted.
done, calls = slurm("sweep.yaml", "-o", OUT, expect=2, env=dict(ENV, FAKE_QUEUED="504"))
check(failures, "still queued" in done.stderr and not calls, "queued jobs: " + done.stderr)
done, calls = slurm("sweep.yaml", "-o", OUT, "--tasks", "3", "--overwrite", expect=2,
                    env=dict(ENV, FAKE_QUEUED="505"))
check(failures, "still queued" in done.stderr and not calls
      and os.listdir(os.path.join(FOLDER, "parts")), "--overwrite under queued jobs: " + done.stderr)

# Another task count: refused; --overwrite starts again with every task.
done, calls = slurm("sweep.yaml", "-o", OUT, "--tasks", "3", expect=2)
check(failures, "in 4 tasks" in done.stderr and not calls, "other task count: " + done.stderr)
done, calls = slurm("sweep.yaml", "-o", OUT, "--tasks", "3", "--overwrite")
check(failures, calls[:1] == ["--parsable %s/array.sbatch" % FOLDER]
      and not os.listdir(os.path.join(FOLDER, "parts")), "--overwrite: %s" % calls)

# Another experiment's file at the output: refused, left untouched.
shutil.copy(os.path.join(work, "single.h5"), os.path.join(work, "other.h5"))
with open(os.path.join(work, "other.yaml"), "w") as f:
    f.write(config_text("other", 30))
before = open(os.path.join(work, "other.h5"), "rb").read()
done, calls = slurm("other.yaml", "-o", "other.h5", expect=2)
check(failures, "holds another experiment" in done.stderr and not calls
      and open(os.path.join(work, "other.h5"), "rb").read() == before, "foreign output")

# sbatch failing: exit 1, no merge job submitted.
done, calls = slurm("other.yaml", "-o", "fresh.h5", expect=1, env=dict(ENV, FAKE_SBATCH_FAIL="1"))
check(failures, "sbatch --parsable" in done.stderr and not calls, "sbatch failure: " + done.stderr)

done = run(BINARY, "slurm", "--status", work, expect=2)
check(failures, "not a run folder" in done.stderr, "--status of a plain folder: " + done.stderr)
done = run(BINARY, "slurm", expect=2)
check(failures, "CONFIG" in done.stderr, "no CONFIG: " + done.stderr)

if not failures:
    shutil.rmtree(work)
else:
    print("kept for inspection:", work)
finish(failures)

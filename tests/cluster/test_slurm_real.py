#!/usr/bin/python3
"""`nnsweep slurm` against a real single-node Slurm (slurm_cluster.py): a sweep
submitted, run and merged equals a single-process `nnsweep run`; a second
sweep with one array task cancelled mid-run (scancel) shows that task
incomplete, the merge job failing and naming it, and resubmission rerunning
only that task, resumed from its journal, to the same file as one process.

Needs root (the daemons run as root with their own key, ports and state) and
Debian's slurm-wlm and munge; skipped (exit 77) otherwise.

Usage: test_slurm_real.py NNSWEEP_BINARY
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster_support import SKIP, check, config_text, differences, finish, run  # noqa: E402
from slurm_cluster import SlurmCluster, missing_programs  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
failures = []


def manifest(folder):
    with open(os.path.join(folder, "manifest.json")) as f:
        return json.load(f)


def status(folder, env):
    return json.loads(run(BINARY, "slurm", "--status", folder, "--format", "json", env=env).stdout)


def job_state(cluster, job):
    """JobState and ExitCode of `job` as scontrol reports them (MinJobAge keeps them)."""
    text = cluster.query(["scontrol", "show", "job", job]) or ""
    state = re.search(r"JobState=(\S+)", text)
    code = re.search(r"\bExitCode=(\S+)", text)
    return (state.group(1) if state else "?", code.group(1) if code else "?")


def submit(cluster, work, config, *extra):
    done = run(BINARY, "slurm", config, "-o", "out/%s.h5" % config[:-5], *extra,
               env=cluster.env, cwd=work)
    folder = os.path.join(work, "out", config[:-5] + ".slurm")
    last = manifest(folder)["submissions"][-1]
    return done.stdout, folder, last


def whole_sweep(cluster, work):
    """Submitted, run and merged: the file of one process, every task done."""
    with open(os.path.join(work, "quick.yaml"), "w") as f:
        f.write(config_text("quick", 200))
    stdout, folder, last = submit(cluster, work, "quick.yaml", "--tasks", "3")
    check(failures, "array job %s" % last["array_job"] in stdout, "quick: job ids printed: " + stdout)
    cluster.wait_jobs([last["array_job"], last["merge_job"]])
    check(failures, job_state(cluster, last["merge_job"]) == ("COMPLETED", "0:0"),
          "quick: merge job %s ended %s" % (last["merge_job"], job_state(cluster, last["merge_job"])))
    shown = status(folder, cluster.env)
    check(failures, shown["tasks_done"] == 3 and shown["output"] == "complete",
          "quick: status after the jobs: %s" % shown)
    run(BINARY, "run", "quick.yaml", "--out", "quick_single.h5", "--quiet", cwd=work)
    merged = os.path.join(work, "out", "quick.h5")
    problems = differences(os.path.join(work, "quick_single.h5"), merged)
    check(failures, not problems, "quick: merged file differs from one process: %s" % problems)


def wait_for_partial(folder, env, task, timeout=60):
    """Waits until `task` has journalled a run but not finished its part."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = status(folder, env)["task_states"][task - 1]
        if row["state"] == "partial" and 0 < row["finished"] < row["runs"]:
            return row
        if row["state"] == "done":
            raise AssertionError("task %d finished before it could be cancelled" % task)
        time.sleep(0.1)
    raise AssertionError("task %d journalled no run within %d s" % (task, timeout))


def cancelled_sweep(cluster, work):
    """One task cancelled mid-run; resubmission reruns only it, from its journal."""
    with open(os.path.join(work, "slow.yaml"), "w") as f:
        f.write(config_text("slow", 150000, hidden=(1, 2, 3, 4), seeds=(1, 2, 3, 4),
                            record_every=1000))
    _, folder, first = submit(cluster, work, "slow.yaml", "--tasks", "4")
    row = wait_for_partial(folder, cluster.env, 1)
    subprocess.run(["scancel", first["array_job"] + "_0"], check=True, env=cluster.env)
    cluster.wait_jobs([first["array_job"], first["merge_job"]])
    shown = status(folder, cluster.env)
    task1 = shown["task_states"][0]
    check(failures, task1["state"] == "partial" and task1["finished"] >= row["finished"],
          "slow: the cancelled task's status: %s" % task1)
    check(failures, [r["state"] for r in shown["task_states"][1:]] == ["done"] * 3,
          "slow: the other tasks: %s" % shown["task_states"])
    state = job_state(cluster, first["merge_job"])
    check(failures, state[0] == "FAILED", "slow: merge job with a task missing ended %s" % (state,))
    with open(os.path.join(folder, "logs", "merge-%s.out" % first["merge_job"])) as f:
        merge_log = f.read()
    check(failures, "left no part file: tasks 1\n" in merge_log,
          "slow: the merge log names task 1:\n" + merge_log)
    check(failures, shown["output"] == "partial", "slow: output after a failed task: %s" % shown)

    stdout, _, second = submit(cluster, work, "slow.yaml")
    check(failures, second["tasks"] == [1] and "--array=0)" in stdout,
          "slow: resubmission ran %s: %s" % (second["tasks"], stdout))
    cluster.wait_jobs([second["array_job"], second["merge_job"]])
    with open(os.path.join(folder, "logs", "%s_0.out" % second["array_job"])) as f:
        task_log = f.read()
    check(failures, re.search(r"resuming: [1-9]\d* of \d+ runs already done", task_log),
          "slow: the rerun task did not resume from its journal:\n" + task_log)
    check(failures, job_state(cluster, second["merge_job"]) == ("COMPLETED", "0:0"),
          "slow: second merge job ended %s" % (job_state(cluster, second["merge_job"]),))
    check(failures, status(folder, cluster.env)["output"] == "complete", "slow: not complete")
    again = run(BINARY, "slurm", "slow.yaml", "-o", "out/slow.h5", env=cluster.env, cwd=work)
    check(failures, "up to date" in again.stdout and len(manifest(folder)["submissions"]) == 2,
          "slow: a third submission of a complete sweep: " + again.stdout)
    run(BINARY, "run", "slow.yaml", "--out", "slow_single.h5", "--quiet", cwd=work)
    problems = differences(os.path.join(work, "slow_single.h5"), os.path.join(work, "out", "slow.h5"))
    check(failures, not problems, "slow: merged file differs from one process: %s" % problems)


def main():
    if os.geteuid() != 0:
        print("SKIP: the test Slurm's daemons run as root (this is uid %d)" % os.geteuid())
        sys.exit(SKIP)
    missing = missing_programs()
    if missing:
        print("SKIP: not installed: %s (Debian's slurm-wlm and munge)" % ", ".join(missing))
        sys.exit(SKIP)
    base = tempfile.mkdtemp(prefix="nnsweep-slurm-")
    # 0755 so that the jobs (root too, but started by slurmd) reach the work tree.
    os.chmod(base, 0o755)
    work = os.path.join(base, "work")
    os.makedirs(work)
    started = time.monotonic()
    try:
        with SlurmCluster(os.path.join(base, "cluster")) as cluster:
            whole_sweep(cluster, work)
            cancelled_sweep(cluster, work)
    finally:
        if not failures:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print("kept for inspection:", base)
    print("slurm test took %.1f s" % (time.monotonic() - started))
    finish(failures)


if __name__ == "__main__":
    main()

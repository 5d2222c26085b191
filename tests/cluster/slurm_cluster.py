"""A single-node Slurm for tests: munged, slurmctld and slurmd from Debian's
munge and slurm-wlm, started as root in a temporary directory with their own
key, sockets, ports, state and logs, and stopped by their PIDs.

Usage:
    with SlurmCluster(tmpdir) as cluster:   # waits until the node is idle
        subprocess.run(["sbatch", ...], env=cluster.env)
"""
import os
import shutil
import socket
import subprocess
import time

DAEMONS = ("munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo", "scancel",
           "scontrol")


def missing_programs():
    """The programs a cluster needs that are not installed."""
    path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    return [name for name in DAEMONS if shutil.which(name, path=path) is None]


def free_ports(count):
    """Ports free on this machine now (bound once, then released)."""
    sockets, ports = [], []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


class SlurmCluster:
    def __init__(self, directory, cpus=2):
        self.dir = directory
        self.cpus = cpus
        self.host = socket.gethostname().split(".")[0]
        self.processes = []
        self.conf = os.path.join(directory, "slurm.conf")
        self.env = dict(os.environ, SLURM_CONF=self.conf)
        self.env["PATH"] = self.env.get("PATH", "") + ":/usr/sbin:/sbin"

    def path(self, *names):
        return os.path.join(self.dir, *names)

    def write_conf(self, munge_socket):
        controller_port, node_port = free_ports(2)
        lines = [
            "ClusterName=nnsweeptest",
            "SlurmctldHost=%s(127.0.0.1)" % self.host,
            "SlurmctldPort=%d" % controller_port,
            "SlurmdPort=%d" % node_port,
            "SlurmUser=root",
            "SlurmdUser=root",
            "AuthType=auth/munge",
            "CredType=cred/munge",
            "AuthInfo=socket=%s" % munge_socket,
            "StateSaveLocation=%s" % self.path("state"),
            "SlurmdSpoolDir=%s" % self.path("spool"),
            "SlurmctldPidFile=%s" % self.path("slurmctld.pid"),
            "SlurmdPidFile=%s" % self.path("slurmd.pid"),
            "SlurmctldLogFile=%s" % self.path("slurmctld.log"),
            "SlurmdLogFile=%s" % self.path("slurmd.log"),
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none",
            "JobCompType=jobcomp/none",
            "MpiDefault=none",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_CPU",
            "SchedulerType=sched/backfill",
            "ReturnToService=2",
            "SlurmdParameters=config_overrides",
            "MinJobAge=300",
            "InactiveLimit=0",
            "KillWait=2",
            "NodeName=%s NodeAddr=127.0.0.1 CPUs=%d State=UNKNOWN" % (self.host, self.cpus),
            "PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
        ]
        with open(self.conf, "w") as f:
            f.write("\n".join(lines) + "\n")

    def start(self, name, argv):
        log = open(self.path(name + ".out"), "w")
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=self.env)
        self.processes.append((name, process))
        return process

    def __enter__(self):
        for sub in ("munge", "state", "spool"):
            os.makedirs(self.path(sub), mode=0o700, exist_ok=True)
        key = self.path("munge", "munge.key")
        subprocess.run(["mungekey", "--create", "--keyfile", key], check=True, env=self.env)
        os.chmod(key, 0o600)
        munge_socket = self.path("munge", "munge.socket")
        try:
            self.start("munged", ["munged", "--foreground", "--force", "--key-file", key,
                                  "--socket", munge_socket,
                                  "--pid-file", self.path("munge", "munged.pid"),
                                  "--log-file", self.path("munge", "munged.log"),
                                  "--seed-file", self.path("munge", "munged.seed")])
            self.wait_for(lambda: os.path.exists(munge_socket), "munged's socket", "munged")
            self.write_conf(munge_socket)
            self.start("slurmctld", ["slurmctld", "-D", "-c", "-f", self.conf])
            self.wait_for(lambda: self.query(["sinfo", "-h", "-o", "%P"]) is not None,
                          "slurmctld to answer", "slurmctld")
            self.start("slurmd", ["slurmd", "-D", "-f", self.conf, "-N", self.host])
            self.wait_for(lambda: (self.query(["sinfo", "-h", "-N", "-o", "%T"]) or "")
                          .strip() == "idle", "the node to be idle", "slurmd")
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def query(self, argv):
        """A client command's stdout, or None when it fails."""
        done = subprocess.run(argv, capture_output=True, text=True, env=self.env)
        return done.stdout if done.returncode == 0 else None

    def wait_for(self, condition, what, daemon, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError("%s exited with %s while waiting for %s:\n%s"
                                       % (name, process.returncode, what, self.logs()))
            if condition():
                return
            time.sleep(0.2)
        raise RuntimeError("timed out waiting for %s (%s):\n%s" % (what, daemon, self.logs()))

    def logs(self):
        text = ""
        for name in ("munged.out", "munge/munged.log", "slurmctld.out", "slurmctld.log",
                     "slurmd.out", "slurmd.log"):
            try:
                with open(self.path(name)) as f:
                    text += "--- %s\n%s" % (name, f.read()[-3000:])
            except OSError:
                pass
        return text

    def stop(self):
        """Stops the daemons this object started, newest first, by their PIDs."""
        for name, process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.processes = []

    def jobs_left(self, jobs):
        """Of `jobs`, those squeue still lists (pending, running or completing)."""
        out = self.query(["squeue", "-h", "-o", "%F %T", "--jobs=" + ",".join(jobs)])
        return [line for line in (out or "").splitlines() if line.strip()]

    def wait_jobs(self, jobs, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.jobs_left(jobs):
                return
            time.sleep(0.5)
        raise RuntimeError("jobs %s still queued after %d s:\n%s"
                           % (jobs, timeout, self.jobs_left(jobs)))

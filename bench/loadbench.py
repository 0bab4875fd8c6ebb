#!/usr/bin/env python3
"""Load benchmark: a candidate server against one or more reference servers.

Each server is started fresh for every (profile, round), on its own port on 127.0.0.1, with
the same common flags (no persistence), loaded, measured and stopped. Servers are run one
after the other, alternating candidate and references (A B A B ...) over --rounds rounds, and
the table reports the median with min-max of each metric plus the candidate/reference ratio
of the medians.

Metrics (where they apply):
  ops/s          throughput as reported by the load tool
  p50/p99/p99.9  latency in ms as reported by the load tool
  CPU s/Mops     server CPU (utime+stime of the whole process, all threads, from
                 /proc/PID/stat) consumed during the load run only, per million operations
  RSS MB         VmRSS of the server after the load run

Python 3.11 standard library only. See bench/README.md for the profiles and examples.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import resource
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

DEFAULT_SERVER_ARGS = "--bind 127.0.0.1 --save '' --appendonly no"


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_cpu_seconds(pid: int) -> float:
    """utime+stime of the process (totals over all its threads, live and exited)."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        data = f.read()
    rest = data[data.rindex(b")") + 2 :].split()
    # rest[0] is field 3 (state); utime is field 14, stime field 15.
    return (int(rest[11]) + int(rest[12])) / CLK_TCK


def thread_runtime_ns(pid: int) -> dict[int, int]:
    """sum_exec_runtime (ns) of each live thread, from /proc/PID/task/TID/schedstat."""
    out: dict[int, int] = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                out[int(tid)] = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return out


class CpuMeter:
    """Server CPU time across one load run.

    Primary: the per-thread scheduler runtime in ns (/proc/PID/task/*/schedstat), used when no
    thread exited during the run (then the sum is exact). Otherwise: utime+stime from
    /proc/PID/stat (totals over all threads, including exited ones, in clock ticks)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.stat0 = proc_cpu_seconds(pid)
        self.ns0 = thread_runtime_ns(pid)
        self.sys0 = system_busy_seconds()
        self.sys_busy = 0.0

    def stop(self) -> tuple[float, str]:
        """Returns (server CPU seconds, source); sets .sys_busy (whole machine)."""
        self.sys_busy = system_busy_seconds() - self.sys0
        stat = proc_cpu_seconds(self.pid) - self.stat0
        ns1 = thread_runtime_ns(self.pid)
        if self.ns0 and set(self.ns0) <= set(ns1) and sum(ns1.values()) > 0:
            return sum(ns1[t] - self.ns0.get(t, 0) for t in ns1) / 1e9, "schedstat"
        return stat, "stat"


def system_busy_seconds() -> float:
    """Busy CPU time of the whole machine (all CPUs) from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal ...
    return (sum(fields[:8]) - fields[3] - fields[4]) / CLK_TCK


def wait_idle(max_wait: float, threshold: float = 0.10, sample: float = 1.0) -> float:
    """Wait until the machine's busy CPU over `sample` seconds is below `threshold` (fraction
    of one core), at most `max_wait` seconds. Returns the last busy fraction seen."""
    deadline = time.monotonic() + max_wait
    while True:
        a = system_busy_seconds()
        time.sleep(sample)
        busy = (system_busy_seconds() - a) / sample
        if busy < threshold or time.monotonic() >= deadline:
            if busy >= threshold:
                log(f"   WARNING: machine still {busy:.0%} busy after waiting {max_wait:.0f}s; running anyway")
            return busy
        time.sleep(1.0)


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS / VmHWM in bytes."""
    out: dict[str, int] = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                k, v = line.split(":", 1)
                out[k] = int(v.split()[0]) * 1024
    return out


def children_cpu_seconds() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def raise_nofile(want: int) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = want if hard == resource.RLIM_INFINITY else min(want, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def taskset_prefix(cpus: str | None) -> list[str]:
    return ["taskset", "-c", cpus] if cpus else []


# --------------------------------------------------------------------------------------------
# Minimal RESP client (enough for PING / INFO / DBSIZE / bulk loading)
# --------------------------------------------------------------------------------------------


def encode(*args: str | bytes) -> bytes:
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        b = a.encode() if isinstance(a, str) else a
        parts.append(b"$%d\r\n%s\r\n" % (len(b), b))
    return b"".join(parts)


class Resp:
    def __init__(self, port: int, timeout: float = 30.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def close(self) -> None:
        self.sock.close()

    def _fill(self) -> None:
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self.buf += chunk

    def _line(self) -> bytes:
        while True:
            i = self.buf.find(b"\r\n")
            if i >= 0:
                line, self.buf = self.buf[:i], self.buf[i + 2 :]
                return line
            self._fill()

    def read(self):
        line = self._line()
        t, rest = line[:1], line[1:]
        if t == b"+":
            return rest.decode()
        if t == b"-":
            raise RuntimeError(rest.decode())
        if t == b":":
            return int(rest)
        if t == b"$":
            n = int(rest)
            if n < 0:
                return None
            while len(self.buf) < n + 2:
                self._fill()
            data, self.buf = self.buf[:n], self.buf[n + 2 :]
            return data
        if t == b"*":
            n = int(rest)
            return None if n < 0 else [self.read() for _ in range(n)]
        if t == b"_":
            return None
        raise RuntimeError(f"unexpected reply {line[:80]!r}")

    def cmd(self, *args):
        self.sock.sendall(encode(*args))
        return self.read()

    def info(self, section: str | None = None) -> dict[str, str]:
        raw = self.cmd("INFO", section) if section else self.cmd("INFO")
        out = {}
        for line in (raw or b"").decode(errors="replace").splitlines():
            if ":" in line and not line.startswith("#"):
                k, v = line.split(":", 1)
                out[k] = v.strip()
        return out


def bulk_load(port: int, count: int, key_fmt: str, value_fmt: str, batch: int = 1000) -> float:
    """Pipelined SET of key_fmt.format(i) -> value_fmt.format(i) for i in range(count).

    Returns the elapsed seconds. Every reply must be +OK.
    """
    c = Resp(port, timeout=120)
    ok = b"+OK\r\n"
    t0 = time.perf_counter()
    try:
        for start in range(0, count, batch):
            n = min(batch, count - start)
            parts = []
            for i in range(start, start + n):
                k = key_fmt.format(i).encode()
                v = value_fmt.format(i).encode()
                parts.append(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(k), k, len(v), v))
            c.sock.sendall(b"".join(parts))
            want = len(ok) * n
            while len(c.buf) < want:
                c._fill()
            got, c.buf = c.buf[:want], c.buf[want:]
            if got != ok * n:
                bad = got.replace(ok, b"")[:200]
                raise RuntimeError(f"bulk load: unexpected replies {bad!r}")
    finally:
        c.close()
    return time.perf_counter() - t0


# --------------------------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------------------------


@dataclass
class ServerSpec:
    label: str
    argv: list[str]
    role: str  # "candidate" | "reference"


def parse_server(text: str, role: str) -> ServerSpec:
    """'CMD ARGS' or 'LABEL=CMD ARGS' (LABEL without spaces or slashes)."""
    m = re.match(r"^([A-Za-z0-9_.+-]+)=(.+)$", text.strip())
    if m and not os.path.exists(m.group(1)):
        label, cmd = m.group(1), m.group(2)
    else:
        label, cmd = None, text
    argv = shlex.split(cmd)
    if not argv:
        sys.exit(f"empty server command for {role}")
    exe = argv[0]
    if os.sep in exe:
        if not os.access(exe, os.X_OK):
            sys.exit(f"{role} server {exe!r} is not an executable file")
        # Servers run in a temporary directory: a relative path must not depend on it.
        argv[0] = os.path.abspath(exe)
    elif shutil.which(exe) is None:
        sys.exit(f"{role} server {exe!r} not found on PATH")
    return ServerSpec(label or os.path.basename(exe), argv, role)


class Server:
    def __init__(self, spec: ServerSpec, common_args: list[str], cpus: str | None, logdir: Path, tag: str):
        self.spec = spec
        self.port = free_port()
        self.workdir = tempfile.mkdtemp(prefix="loadbench-")
        self.logpath = logdir / f"{tag}-{spec.label}.log"
        argv = taskset_prefix(cpus) + spec.argv + ["--port", str(self.port)] + common_args
        self.argv = argv
        self.logf = open(self.logpath, "wb")
        # taskset execs the server, so Popen's pid is the server's pid.
        self.proc = subprocess.Popen(
            argv, cwd=self.workdir, stdout=self.logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        self.pid = self.proc.pid
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.logf.flush()
                tail = self.logpath.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{self.spec.label} exited with {self.proc.returncode}: {' '.join(self.argv)}\n{tail}")
            try:
                c = Resp(self.port, timeout=2)
                try:
                    if c.cmd("PING") == "PONG":
                        return
                finally:
                    c.close()
            except (OSError, RuntimeError, ConnectionError) as e:
                last = e
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{self.spec.label} not ready on port {self.port} after {timeout}s: {last}")

    def client(self) -> Resp:
        return Resp(self.port)

    def version(self) -> str:
        try:
            c = self.client()
            try:
                info = c.info("server")
            finally:
                c.close()
        except Exception:
            return "?"
        for key in ("shoal_version", "valkey_version", "redis_version"):
            if key in info:
                return f"{key.split('_')[0]} {info[key]}"
        return "?"

    def mem(self) -> dict[str, int]:
        return proc_status(self.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.logf.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# Load generators
# --------------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    ops: int
    seconds: float
    p50: float | None = None
    p99: float | None = None
    p999: float | None = None
    client_cpu_s: float | None = None
    sys_busy_s: float | None = None  # busy CPU of the whole machine during the run
    detail: dict = field(default_factory=dict)

    @property
    def ops_s(self) -> float:
        return self.ops / self.seconds if self.seconds > 0 else 0.0


_RB_TITLE = re.compile(r"^====== (.+) ======\s*$")
_RB_DONE = re.compile(r"^\s*(\d+) requests completed in ([0-9.]+) seconds")
_RB_PCT = re.compile(r"^\s*([0-9.]+)% <= ([0-9.]+) milliseconds \(cumulative count (\d+)\)")
_RB_RPS = re.compile(r"throughput summary: ([0-9.]+) requests per second")


def parse_redis_benchmark(text: str) -> dict[str, dict]:
    """Per test: requests, seconds, rps, and CDF points [(ms, cumulative count)]."""
    tests: dict[str, dict] = {}
    cur = None
    for line in text.replace("\r", "\n").splitlines():
        m = _RB_TITLE.match(line)
        if m:
            cur = tests.setdefault(m.group(1).split()[0], {"points": []})
            continue
        if cur is None:
            continue
        if m := _RB_DONE.match(line):
            cur["requests"] = int(m.group(1))
            cur["seconds"] = float(m.group(2))
        elif m := _RB_PCT.match(line):
            cur["points"].append((float(m.group(2)), int(m.group(3))))
        elif m := _RB_RPS.search(line):
            cur["rps"] = float(m.group(1))
    for t in tests.values():
        t["points"] = sorted(set(t["points"]))
    return tests


def quantile(parts: list[tuple[int, list[tuple[float, int]]]], q: float) -> float | None:
    """Quantile of the mixture of several redis-benchmark latency CDFs.

    parts: [(total count, [(ms, cumulative count), ...])]. The CDF of each part at v is taken
    as the largest cumulative count at a point <= v (a lower bound), so the answer is the
    smallest reported latency at which the mixture reaches q: never below the true quantile.
    """
    total = sum(n for n, _ in parts)
    if total == 0 or not all(p for _, p in parts):
        return None
    values = sorted({v for _, pts in parts for v, _ in pts})
    for v in values:
        acc = 0
        for _, pts in parts:
            best = 0
            for pv, pc in pts:
                if pv <= v:
                    best = pc
                else:
                    break
            acc += best
        if acc >= q * total:
            return v
    return values[-1]


def run_client(argv: list[str], cpus: str | None, logpath: Path, timeout: float) -> tuple[str, float]:
    full = taskset_prefix(cpus) + argv
    c0 = children_cpu_seconds()
    p = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    cpu = children_cpu_seconds() - c0
    out = p.stdout.decode(errors="replace")
    with open(logpath, "a") as f:
        f.write(f"$ {shlex.join(full)}\n{out}\n")
    if p.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed ({p.returncode}):\n{out[-2000:]}")
    return out, cpu


@dataclass
class Mix:
    """A SET/GET workload."""

    connections: int
    pipeline: int
    set_ratio: int
    get_ratio: int
    data_size: int
    keyspace: int | None  # None: one fixed key (redis-benchmark without -r)
    requests: int


class RedisBenchmark:
    name = "redis-benchmark"
    # Keys generated by -r N are key:%012d in [0, N).
    key_fmt = "key:{:012d}"

    def __init__(self, threads: int):
        self.threads = threads

    def version(self) -> str:
        return subprocess.run(["redis-benchmark", "--version"], capture_output=True, text=True).stdout.strip()

    def base(self, port: int, mix: Mix, test: str, n: int) -> list[str]:
        argv = ["redis-benchmark", "-h", "127.0.0.1", "-p", str(port), "-c", str(mix.connections),
                "-P", str(mix.pipeline), "-n", str(n), "-d", str(mix.data_size), "-t", test]
        if mix.keyspace:
            argv += ["-r", str(mix.keyspace)]
        if self.threads > 1:
            argv += ["--threads", str(self.threads)]
        return argv

    def run_one(self, server: Server, mix: Mix, test: str, n: int, cpus, logpath) -> tuple[LoadResult, float]:
        """One redis-benchmark invocation of one test; returns (result, server CPU seconds)."""
        argv = self.base(server.port, mix, test, n)
        meter = CpuMeter(server.pid)
        out, ccpu = run_client(argv, cpus, logpath, timeout=3600)
        cpu, cpu_src = meter.stop()
        tests = parse_redis_benchmark(out)
        t = tests.get(test.upper())
        if not t or "rps" not in t:
            raise RuntimeError(f"could not parse redis-benchmark output for {test}:\n{out[-2000:]}")
        seconds = t["requests"] / t["rps"]  # rps has more digits than the printed seconds
        pts = [(t["requests"], t["points"])]
        r = LoadResult(ops=t["requests"], seconds=seconds, p50=quantile(pts, 0.5), p99=quantile(pts, 0.99),
                       p999=quantile(pts, 0.999), client_cpu_s=ccpu, sys_busy_s=meter.sys_busy,
                       detail={"points": t["points"], "cpu_source": cpu_src})
        return r, cpu

    def run_mix(self, server: Server, mix: Mix, cpus, logpath) -> tuple[LoadResult, float]:
        """redis-benchmark cannot interleave SET and GET, so a SET:GET = s:g mix is two runs
        back to back (SET first, then GET) with the requests split s:g. Throughput is total
        ops over total time; latency quantiles are taken from the count-weighted mixture of
        the two latency distributions; server CPU is summed over both runs."""
        total_ratio = mix.set_ratio + mix.get_ratio
        n_set = round(mix.requests * mix.set_ratio / total_ratio)
        n_get = mix.requests - n_set
        parts, cpu, secs, ops, ccpu, busy, detail = [], 0.0, 0.0, 0, 0.0, 0.0, {}
        for test, n in (("set", n_set), ("get", n_get)):
            if n <= 0:
                continue
            r, c = self.run_one(server, mix, test, n, cpus, logpath)
            parts.append((r.ops, r.detail["points"]))
            cpu += c
            secs += r.seconds
            ops += r.ops
            ccpu += r.client_cpu_s or 0.0
            busy += r.sys_busy_s or 0.0
            detail[test] = {"ops": r.ops, "ops_s": r.ops_s, "p50": r.p50, "p99": r.p99, "p999": r.p999,
                            "server_cpu_s": c, "cpu_source": r.detail["cpu_source"]}
        res = LoadResult(ops=ops, seconds=secs, p50=quantile(parts, 0.5), p99=quantile(parts, 0.99),
                         p999=quantile(parts, 0.999), client_cpu_s=ccpu, sys_busy_s=busy, detail=detail)
        return res, cpu


class Memtier:
    """memtier_benchmark with a real interleaved SET:GET ratio (not available on Debian 12;
    used automatically when on PATH)."""

    name = "memtier_benchmark"
    key_fmt = "key:{}"

    def __init__(self, threads: int):
        self.threads = max(1, threads)

    def version(self) -> str:
        p = subprocess.run(["memtier_benchmark", "--version"], capture_output=True, text=True)
        return (p.stdout or p.stderr).splitlines()[0].strip() if (p.stdout or p.stderr) else "memtier_benchmark"

    def run_mix(self, server: Server, mix: Mix, cpus, logpath) -> tuple[LoadResult, float]:
        threads = min(self.threads, mix.connections)
        per_thread = max(1, mix.connections // threads)
        conns = threads * per_thread
        per_client = max(1, mix.requests // conns)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as jf:
            jpath = jf.name
        argv = ["memtier_benchmark", "-s", "127.0.0.1", "-p", str(server.port), "--protocol=redis",
                "-t", str(threads), "-c", str(per_thread), f"--pipeline={mix.pipeline}",
                f"--ratio={mix.set_ratio}:{mix.get_ratio}", "-d", str(mix.data_size),
                "--key-prefix=key:", "--key-pattern=R:R", "-n", str(per_client),
                "--print-percentiles=50,99,99.9", "--hide-histogram", f"--json-out-file={jpath}"]
        if mix.keyspace:
            argv += ["--key-minimum=0", f"--key-maximum={mix.keyspace - 1}"]
        else:
            argv += ["--key-minimum=0", "--key-maximum=0"]
        try:
            meter = CpuMeter(server.pid)
            _, ccpu = run_client(argv, cpus, logpath, timeout=3600)
            cpu, cpu_src = meter.stop()
            with open(jpath) as f:
                data = json.load(f)
        finally:
            os.unlink(jpath)
        tot = data["ALL STATS"]["Totals"]
        count = tot.get("Count")
        ops_s = float(tot["Ops/sec"])
        if not count:
            count = conns * per_client
        pct = tot.get("Percentile Latencies", {})

        def p(name):
            for k, v in pct.items():
                if k.lower().startswith(name):
                    return float(v)
            return None

        res = LoadResult(ops=int(count), seconds=int(count) / ops_s if ops_s else 0.0, p50=p("p50"),
                         p99=p("p99.0") if p("p99.0") is not None else p("p99"), p999=p("p99.9"),
                         client_cpu_s=ccpu, sys_busy_s=meter.sys_busy, detail={"connections": conns, "cpu_source": cpu_src})
        return res, cpu


# --------------------------------------------------------------------------------------------
# Profiles
# --------------------------------------------------------------------------------------------


@dataclass
class Ctx:
    args: argparse.Namespace
    tool: object  # RedisBenchmark | Memtier
    rb: RedisBenchmark
    logpath: Path


def mix_metrics(server: Server, res: LoadResult, cpu: float, mix: Mix | None = None) -> dict:
    mem = server.mem()
    return {
        # The sweep coordinates, read by the charts.
        "connections": mix.connections if mix else None,
        "pipeline": mix.pipeline if mix else None,
        "ops_s": res.ops_s,
        "p50_ms": res.p50,
        "p99_ms": res.p99,
        "p999_ms": res.p999,
        "cpu_s_per_mops": cpu / res.ops * 1e6 if res.ops else None,
        "rss_mb": mem.get("VmRSS", 0) / 2**20,
        "ops": res.ops,
        "server_cpu_s": cpu,
        "client_cpu_s": res.client_cpu_s,
        # Busy fractions over the load run (1.0 = one core fully used): a load tool near 100%
        # means the numbers measure the client, not the server.
        "server_util": cpu / res.seconds if res.seconds else None,
        "client_util": res.client_cpu_s / res.seconds if res.seconds and res.client_cpu_s is not None else None,
        # Everything else the machine ran meanwhile (other processes, kernel work not
        # charged to either): more than a few % means the run was disturbed.
        "other_util": (res.sys_busy_s - cpu - (res.client_cpu_s or 0.0)) / res.seconds
        if res.sys_busy_s is not None and res.seconds else None,
        "detail": res.detail,
    }


def prepopulate(ctx: Ctx, server: Server, tool, mix: Mix) -> None:
    """Write every key of the keyspace once so GETs hit (not measured)."""
    if mix.keyspace:
        bulk_load(server.port, mix.keyspace, tool.key_fmt, "x" * mix.data_size)
    else:
        bulk_load(server.port, 1, "key:__rand_int__", "x" * mix.data_size)


def mix_for(ctx: Ctx, pipeline: int, connections: int = 50, requests: int | None = None) -> Mix:
    return Mix(connections=connections, pipeline=pipeline, set_ratio=1, get_ratio=10, data_size=32,
               keyspace=100_000, requests=requests or ctx.args.requests)


def profile_mixed(pipeline: int):
    def run(ctx: Ctx, server: Server) -> dict:
        mix = mix_for(ctx, pipeline)
        prepopulate(ctx, server, ctx.tool, mix)
        res, cpu = ctx.tool.run_mix(server, mix, ctx.args.client_cpus, ctx.logpath)
        return {f"SET:GET 1:10 P{pipeline}": mix_metrics(server, res, cpu, mix)}

    return run


def profile_pipeline(ctx: Ctx, server: Server) -> dict:
    """P: A's mix at 50 connections and increasing pipeline depth (--pipelines)."""
    out = {}
    for i, depth in enumerate(ctx.args.pipelines):
        mix = mix_for(ctx, depth)
        if i == 0:
            prepopulate(ctx, server, ctx.tool, mix)
        res, cpu = ctx.tool.run_mix(server, mix, ctx.args.client_cpus, ctx.logpath)
        out[f"P{depth}"] = mix_metrics(server, res, cpu, mix)
    return out


def profile_memory(ctx: Ctx, server: Server) -> dict:
    n = ctx.args.keys
    c = server.client()
    try:
        base_used = int(c.info("memory").get("used_memory", 0)) or None
    finally:
        c.close()
    base_rss = server.mem()["VmRSS"]
    meter = CpuMeter(server.pid)
    secs = bulk_load(server.port, n, "key:{:06d}" if n <= 1_000_000 else "key:{:09d}", "v{:015d}")
    cpu, cpu_src = meter.stop()
    time.sleep(0.2)
    c = server.client()
    try:
        dbsize = c.cmd("DBSIZE")
        used = int(c.info("memory").get("used_memory", 0)) or None
    finally:
        c.close()
    if dbsize != n:
        raise RuntimeError(f"{server.spec.label}: DBSIZE {dbsize} after loading {n} keys")
    rss = server.mem()["VmRSS"]
    return {
        f"{n} keys, 16 B values": {
            "used_b_per_key": (used - base_used) / n if used and base_used else None,
            "rss_b_per_key": (rss - base_rss) / n,
            "used_mb": used / 2**20 if used else None,
            "rss_mb": rss / 2**20,
            "base_used_mb": base_used / 2**20 if base_used else None,
            "base_rss_mb": base_rss / 2**20,
            "load_ops_s": n / secs,
            "cpu_s_per_mops": cpu / n * 1e6,
            "dbsize": dbsize,
            "cpu_source": cpu_src,
        }
    }


class IdlePinger(threading.Thread):
    """Sends PING on every idle connection once per --ping-interval seconds (spread over the
    interval in 10 slices, so the server sees a steady trickle, not a burst) and checks each
    reply is +PONG. A connection whose previous PING is still unanswered when its turn comes
    is counted as late and not sent another."""

    SLICES = 10

    def __init__(self, socks: list[socket.socket], interval: float):
        super().__init__(daemon=True)
        self.socks = socks
        self.interval = interval
        self.halt = threading.Event()
        self.sent = 0
        self.answered = 0
        self.late = 0
        self.errors: list[str] = []
        self.latencies: list[float] = []
        self.cpu_s = 0.0
        self.pending: dict[int, float] = {}  # fd -> send time
        self.bufs: dict[int, bytes] = {}
        self.drain_until = 0.0

    def run(self) -> None:
        import selectors

        c0 = time.thread_time()
        sel = selectors.DefaultSelector()
        by_fd = {}
        for s in self.socks:
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)
            by_fd[s.fileno()] = s
            self.bufs[s.fileno()] = b""
        ping = encode("PING")
        n = len(self.socks)
        per = -(-n // self.SLICES)
        tick = self.interval / self.SLICES
        nxt = time.monotonic()
        k = 0
        try:
            while not self.halt.is_set() or (self.pending and time.monotonic() < self.drain_until):
                now = time.monotonic()
                if now >= nxt and not self.halt.is_set():
                    for s in self.socks[k * per : (k + 1) * per]:
                        fd = s.fileno()
                        if fd in self.pending:
                            self.late += 1
                            continue
                        try:
                            s.send(ping)
                        except OSError as e:
                            self.errors.append(f"send: {e}")
                            continue
                        self.pending[fd] = time.monotonic()
                        self.sent += 1
                    k = (k + 1) % self.SLICES
                    nxt += tick
                timeout = max(0.0, min(nxt - time.monotonic(), 0.05))
                for key, _ in sel.select(timeout):
                    fd = key.fd
                    try:
                        chunk = by_fd[fd].recv(256)
                    except BlockingIOError:
                        continue
                    except OSError as e:
                        chunk = b""
                        self.errors.append(f"recv: {e}")
                    if not chunk:
                        sel.unregister(by_fd[fd])
                        self.pending.pop(fd, None)
                        self.errors.append("server closed an idle connection")
                        continue
                    buf = self.bufs[fd] + chunk
                    while b"\r\n" in buf:
                        line, buf = buf.split(b"\r\n", 1)
                        t = self.pending.pop(fd, None)
                        if line != b"+PONG" or t is None:
                            self.errors.append(f"unexpected reply {line[:80]!r}")
                        else:
                            self.answered += 1
                            self.latencies.append((time.monotonic() - t) * 1000)
                    self.bufs[fd] = buf
        finally:
            sel.close()
            self.cpu_s = time.thread_time() - c0

    def finish(self, drain: float = 3.0) -> None:
        """Stop sending and wait up to `drain` seconds for the outstanding replies."""
        self.drain_until = time.monotonic() + drain
        self.halt.set()
        self.join()


def profile_idle(ctx: Ctx, server: Server) -> dict:
    """D: many mostly idle connections: memory per idle connection (after one PING each),
    then A's load while each of them keeps sending PING once per --ping-interval; every PING
    must be answered with +PONG."""
    n = ctx.args.idle_connections
    mix = mix_for(ctx, 1)
    prepopulate(ctx, server, ctx.tool, mix)
    base_rss = server.mem()["VmRSS"]
    meter = CpuMeter(server.pid)
    socks = []
    try:
        for _ in range(n):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=30)
            socks.append(s)
        ping = encode("PING")
        for s in socks:
            s.sendall(ping)
        for s in socks:
            buf = b""
            while not buf.endswith(b"\r\n"):
                chunk = s.recv(64)
                if not chunk:
                    raise RuntimeError(f"{server.spec.label} closed an idle connection")
                buf += chunk
            if buf != b"+PONG\r\n":
                raise RuntimeError(f"{server.spec.label}: idle connection got {buf!r}")
        connect_cpu, cpu_src = meter.stop()
        time.sleep(0.5)
        rss = server.mem()["VmRSS"]
        pinger = IdlePinger(socks, ctx.args.ping_interval)
        pinger.start()
        try:
            res, cpu = ctx.tool.run_mix(server, mix, ctx.args.client_cpus, ctx.logpath)
        finally:
            pinger.finish()
        # The pinger is part of the load: count its CPU as client CPU.
        res.client_cpu_s = (res.client_cpu_s or 0.0) + pinger.cpu_s
        loaded = mix_metrics(server, res, cpu, mix)
    finally:
        for s in socks:
            s.close()
    missed = pinger.sent - pinger.answered
    lat = sorted(pinger.latencies)
    loaded.update({
        "idle_pings_sent": pinger.sent,
        "idle_pings_missed": missed,
        "idle_pings_late": pinger.late,
        "idle_ping_p99_ms": lat[min(len(lat) - 1, int(0.99 * len(lat)))] if lat else None,
        "idle_ping_max_ms": lat[-1] if lat else None,
        "idle_errors": pinger.errors[:20],
        "pinger_cpu_s": pinger.cpu_s,
    })
    if missed or pinger.errors:
        log(f"   WARNING: {server.spec.label}: {missed} of {pinger.sent} idle PINGs unanswered; "
            f"errors: {pinger.errors[:5]}")
    return {
        f"{n} idle connections": {"rss_b_per_conn": (rss - base_rss) / n, "rss_mb": rss / 2**20,
                                  "server_cpu_s": connect_cpu, "cpu_source": cpu_src},
        f"A with {n} idle": loaded,
    }


def profile_scaling(ctx: Ctx, server: Server) -> dict:
    """E: profile A's mix at increasing connection counts."""
    out = {}
    first = True
    for conns in ctx.args.scaling:
        mix = mix_for(ctx, 1, connections=conns)
        if first:
            prepopulate(ctx, server, ctx.tool, mix)
            first = False
        res, cpu = ctx.tool.run_mix(server, mix, ctx.args.client_cpus, ctx.logpath)
        out[f"c={conns}"] = mix_metrics(server, res, cpu, mix)
    return out


def profile_issue(pipeline: int, keyspace: int | None):
    """The issue's exact command: redis-benchmark -c 50 -P {1,16} [-r 100000] -t set,get.
    Run as two invocations (-t set, then -t get) so server CPU is measured per test."""

    def run(ctx: Ctx, server: Server) -> dict:
        mix = Mix(connections=50, pipeline=pipeline, set_ratio=1, get_ratio=1, data_size=3,
                  keyspace=keyspace, requests=ctx.args.issue_requests)
        out = {}
        for test in ("set", "get"):
            r, cpu = ctx.rb.run_one(server, mix, test, mix.requests, ctx.args.client_cpus, ctx.logpath)
            out[test.upper()] = mix_metrics(server, r, cpu, mix)
        return out

    return run


# --------------------------------------------------------------------------------------------
# Data types (profiles T-mem and T-ops)
# --------------------------------------------------------------------------------------------

# Key names match redis-benchmark's -r expansion (__rand_int__ -> 12 zero-padded digits), so the
# throughput runs hit the keys the memory datasets created.
DT_KEYS = 100_000
DT_HASH_FIELDS = 10
DT_ZSET_MEMBERS = 100
DT_SET_MEMBERS = 50
DT_LIST_LEN = 1_000_000
DT_VARIANTS = 16  # distinct member lists, so not every collection is byte-identical


def _bulk(parts: list[bytes]) -> bytes:
    return b"".join(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)


def dt_hash_body(v: int) -> bytes:
    """10 fields `field0`..`field9`, values of 8-12 bytes (`value-<v>-<j>`)."""
    args = []
    for j in range(DT_HASH_FIELDS):
        args += [b"field%d" % j, b"value-%d-%d" % (v * 7919 % 100000, j)]
    return _bulk(args)


def dt_zset_body(v: int) -> bytes:
    """100 members `member:000`..`member:099`, integer scores (like timestamps or counters)."""
    args = []
    for j in range(DT_ZSET_MEMBERS):
        args += [b"%d" % (1_700_000_000 + j * 37 + v), b"member:%03d" % j]
    return _bulk(args)


def dt_set_body(v: int) -> bytes:
    """50 integers below 10^6 (4-byte intset entries in Redis)."""
    return _bulk([b"%d" % ((j * 19_997 + v * 131) % 1_000_000) for j in range(DT_SET_MEMBERS)])


def dt_load(port: int, cmd: bytes, keyfmt: str, nargs: int, bodies: list[bytes], count: int,
            batch: int = 200) -> float:
    """Pipelined `cmd key <body>` for every key; every reply must be an integer. Returns seconds."""
    c = Resp(port, timeout=300)
    head = b"*%d\r\n$%d\r\n%s\r\n" % (nargs + 2, len(cmd), cmd)
    t0 = time.perf_counter()
    try:
        for start in range(0, count, batch):
            n = min(batch, count - start)
            out = []
            for i in range(start, start + n):
                k = keyfmt.format(i).encode()
                out.append(head + b"$%d\r\n%s\r\n" % (len(k), k) + bodies[i % len(bodies)])
            c.sock.sendall(b"".join(out))
            for _ in range(n):
                r = c.read()
                if not isinstance(r, int):
                    raise RuntimeError(f"data-type load: {cmd.decode()} replied {r!r}")
    finally:
        c.close()
    return time.perf_counter() - t0


def dt_load_list(port: int, key: str, length: int, per_cmd: int = 1000) -> float:
    """RPUSH of `length` elements `item:0000000`.. (12 bytes) into one list."""
    c = Resp(port, timeout=300)
    t0 = time.perf_counter()
    try:
        for start in range(0, length, per_cmd * 20):
            out = []
            for s in range(start, min(length, start + per_cmd * 20), per_cmd):
                items = [b"item:%07d" % i for i in range(s, min(length, s + per_cmd))]
                out.append(b"*%d\r\n$5\r\nRPUSH\r\n" % (len(items) + 2) + _bulk([key.encode()] + items))
            c.sock.sendall(b"".join(out))
            for _ in out:
                r = c.read()
                if not isinstance(r, int):
                    raise RuntimeError(f"data-type load: RPUSH replied {r!r}")
    finally:
        c.close()
    return time.perf_counter() - t0


# (case, what one unit is, units, loader)
DT_DATASETS = [
    ("100k hashes x 10 fields", "hash", DT_KEYS,
     lambda port: dt_load(port, b"HSET", "hash:{:012d}", 2 * DT_HASH_FIELDS,
                          [dt_hash_body(v) for v in range(DT_VARIANTS)], DT_KEYS)),
    ("100k zsets x 100 members", "zset", DT_KEYS,
     lambda port: dt_load(port, b"ZADD", "zset:{:012d}", 2 * DT_ZSET_MEMBERS,
                          [dt_zset_body(v) for v in range(DT_VARIANTS)], DT_KEYS, batch=50)),
    ("100k sets x 50 integers", "set", DT_KEYS,
     lambda port: dt_load(port, b"SADD", "set:{:012d}", DT_SET_MEMBERS,
                          [dt_set_body(v) for v in range(DT_VARIANTS)], DT_KEYS)),
    ("1M-element list", "element", DT_LIST_LEN,
     lambda port: dt_load_list(port, "biglist", DT_LIST_LEN)),
]


def dt_used_memory(server: Server) -> int | None:
    c = server.client()
    try:
        return int(c.info("memory").get("used_memory", 0)) or None
    finally:
        c.close()


def dt_encodings(server: Server) -> str:
    c = server.client()
    try:
        names = [("hash", "hash:000000000007"), ("zset", "zset:000000000007"),
                 ("set", "set:000000000007"), ("list", "biglist")]
        return ",".join(f"{t}={c.cmd('OBJECT', 'ENCODING', k)}" for t, k in names)
    finally:
        c.close()


def profile_types_memory(ctx: Ctx, server: Server) -> dict:
    """Loads the four datasets one after the other into one server; each row is the growth of
    used_memory and RSS over that dataset's load, per unit (hash, zset, set, list element)."""
    out = {}
    time.sleep(0.2)
    for case, unit, count, loader in DT_DATASETS:
        used0, rss0 = dt_used_memory(server), server.mem()["VmRSS"]
        meter = CpuMeter(server.pid)
        secs = loader(server.port)
        cpu, cpu_src = meter.stop()
        time.sleep(0.2)
        used1, rss1 = dt_used_memory(server), server.mem()["VmRSS"]
        out[case] = {
            "used_b_per_key": (used1 - used0) / count if used0 and used1 else None,
            "rss_b_per_key": (rss1 - rss0) / count,
            "unit": unit,
            "used_mb": used1 / 2**20 if used1 else None,
            "rss_mb": rss1 / 2**20,
            "load_s": secs,
            "load_cpu_s": cpu,
            "cpu_source": cpu_src,
        }
    c = server.client()
    try:
        dbsize = c.cmd("DBSIZE")
    finally:
        c.close()
    want = 3 * DT_KEYS + 1
    if dbsize != want:
        raise RuntimeError(f"{server.spec.label}: DBSIZE {dbsize} after loading, want {want}")
    enc = dt_encodings(server)
    for m in out.values():
        m["encodings"] = enc
    log(f"   {server.spec.label}: {enc}")
    return out


# (case, redis-benchmark -t or custom command). Custom commands expand every __rand_int__
# independently to 12 zero-padded digits below -r 100000, i.e. to the keys the datasets
# created. Members stay fixed canonical integers (a zero-padded one is not an integer to Redis
# and would turn an intset into a listpack); 499925 is in one set in 16 (variant 0).
DT_TESTS = [
    ("LPUSH", ["-t", "lpush"]),
    ("LPOP", ["-t", "lpop"]),
    ("HSET", ["HSET", "hash:__rand_int__", "field3", "value-xxxx-3"]),
    ("HGET", ["HGET", "hash:__rand_int__", "field3"]),
    ("ZADD", ["ZADD", "zset:__rand_int__", "__rand_int__", "member:050"]),
    ("ZRANGE 0 9", ["ZRANGE", "zset:__rand_int__", "0", "9"]),
    ("SADD", ["SADD", "set:__rand_int__", "777777"]),
    ("SISMEMBER", ["SISMEMBER", "set:__rand_int__", "499925"]),
]


def dt_run_bench(ctx: Ctx, server: Server, test: list[str], n: int) -> tuple[LoadResult, float]:
    argv = ["redis-benchmark", "-h", "127.0.0.1", "-p", str(server.port), "-c", "50", "-P", "16",
            "-n", str(n), "-r", str(DT_KEYS)] + test
    if ctx.args.client_threads > 1:
        argv[1:1] = ["--threads", str(ctx.args.client_threads)]
    meter = CpuMeter(server.pid)
    out, ccpu = run_client(argv, ctx.args.client_cpus, ctx.logpath, timeout=3600)
    cpu, cpu_src = meter.stop()
    tests = parse_redis_benchmark(out)
    if len(tests) != 1 or "rps" not in next(iter(tests.values())):
        raise RuntimeError(f"could not parse redis-benchmark output for {test}:\n{out[-2000:]}")
    t = next(iter(tests.values()))
    pts = [(t["requests"], t["points"])]
    r = LoadResult(ops=t["requests"], seconds=t["requests"] / t["rps"], p50=quantile(pts, 0.5),
                   p99=quantile(pts, 0.99), p999=quantile(pts, 0.999), client_cpu_s=ccpu,
                   sys_busy_s=meter.sys_busy, detail={"points": t["points"], "cpu_source": cpu_src})
    return r, cpu


def profile_types_ops(ctx: Ctx, server: Server) -> dict:
    """The hash, zset and set datasets of T-mem (unmeasured load), then redis-benchmark -P 16
    -c 50 -r 100000 for each test in DT_TESTS, one after the other on the same server."""
    for _, _, _, loader in DT_DATASETS[:3]:
        loader(server.port)
    out = {}
    for case, test in DT_TESTS:
        r, cpu = dt_run_bench(ctx, server, test, ctx.args.issue_requests)
        out[case] = mix_metrics(server, r, cpu)
    return out


PROFILES = {
    "A": ("50 conns, pipeline 1, SET:GET 1:10, 32 B values, 100k random keys", profile_mixed(1)),
    "B": ("as A with pipeline 16", profile_mixed(16)),
    "C": ("memory: 1M keys key:000000..key:999999, 16 B values, per key over empty baseline", profile_memory),
    "D": ("5000 idle connections: RSS per connection, then A's load with them open", profile_idle),
    "E": ("connection scaling: A's mix at 10..5000 connections", profile_scaling),
    "P": ("pipeline depth: A's mix at 50 connections, pipeline 1..64", profile_pipeline),
    "issue-p1": ("redis-benchmark -c 50 -P 1 -t set,get (one key, 3 B values)", profile_issue(1, None)),
    "issue-p16": ("redis-benchmark -c 50 -P 16 -r 100000 -t set,get", profile_issue(16, 100_000)),
    "T-mem": ("data types: memory per hash (10 fields), zset (100 members), set (50 ints), list element (1M list)",
              profile_types_memory),
    "T-ops": ("data types: redis-benchmark -c 50 -P 16 -r 100000, list/hash/zset/set commands on T-mem's datasets",
              profile_types_ops),
}
ALIASES = {"issue": ["issue-p1", "issue-p16"], "types": ["T-mem", "T-ops"], "all": ["A", "B", "C", "issue-p1", "issue-p16"]}

# (key, header, format, better) — the columns shown, in order, when present.
COLUMNS = [
    ("ops_s", "ops/s", "{:,.0f}", "higher"),
    ("p50_ms", "p50 ms", "{:.3f}", "lower"),
    ("p99_ms", "p99 ms", "{:.3f}", "lower"),
    ("p999_ms", "p99.9 ms", "{:.3f}", "lower"),
    ("cpu_s_per_mops", "CPU s/Mops", "{:.2f}", "lower"),
    ("rss_mb", "RSS MB", "{:.1f}", "lower"),
    ("server_util", "server CPU", "{:.0%}", "-"),
    ("client_util", "client CPU", "{:.0%}", "-"),
    ("other_util", "other CPU", "{:.0%}", "-"),
    ("used_b_per_key", "used_memory B/key", "{:.1f}", "lower"),
    ("rss_b_per_key", "RSS B/key", "{:.1f}", "lower"),
    ("rss_b_per_conn", "RSS B/conn", "{:,.0f}", "lower"),
    ("idle_pings_sent", "idle PINGs", "{:,.0f}", "-"),
    ("idle_pings_missed", "unanswered", "{:,.0f}", "-"),
    ("idle_ping_p99_ms", "idle PING p99 ms", "{:.3f}", "lower"),
    ("load_ops_s", "load ops/s", "{:,.0f}", "higher"),
]


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------


def summarize(values: list[float]) -> tuple[float, float, float] | None:
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    return statistics.median(vals), min(vals), max(vals)


def fmt_cell(fmt: str, s: tuple[float, float, float] | None, rounds: int) -> str:
    if s is None:
        return "-"
    med, lo, hi = s
    if rounds <= 1 or lo == hi:
        return fmt.format(med)
    return f"{fmt.format(med)} ({fmt.format(lo)}–{fmt.format(hi)})"


def build_tables(results: dict, servers: list[ServerSpec], rounds: int) -> list[tuple[str, list[str], list[list[str]]]]:
    """results[profile][case][label] = [metrics per round]."""
    tables = []
    cand = [s for s in servers if s.role == "candidate"]
    refs = [s for s in servers if s.role == "reference"]
    for prof, cases in results.items():
        present = [c for c in COLUMNS if any(
            m.get(c[0]) is not None for per in cases.values() for runs in per.values() for m in runs)]
        header = ["case", "server"] + [c[1] for c in present]
        rows = []
        for case, per in cases.items():
            summ = {lab: {c[0]: summarize([m.get(c[0]) for m in runs]) for c in present} for lab, runs in per.items()}
            for s in servers:
                if s.label in summ:
                    rows.append([case, s.label] + [fmt_cell(c[2], summ[s.label][c[0]], rounds) for c in present])
            for cs in cand:
                for rs in refs:
                    if cs.label in summ and rs.label in summ:
                        cells = []
                        for c in present:
                            a, b = summ[cs.label][c[0]], summ[rs.label][c[0]]
                            ok = a and b and b[0] and c[3] != "-"
                            cells.append(f"{a[0] / b[0]:.2f}x" if ok else "-")
                        rows.append([case, f"{cs.label}/{rs.label}"] + cells)
        tables.append((prof, header, rows))
    return tables


def render_text(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def render_md(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def machine_info() -> dict:
    info = {"nproc": os.cpu_count()}
    try:
        ls = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in ls.splitlines():
            k, _, v = line.partition(":")
            if k.strip() in ("Model name", "Core(s) per socket", "Socket(s)", "Thread(s) per core", "Hypervisor vendor"):
                info[k.strip()] = v.strip()
    except OSError:
        pass
    try:
        info["commit"] = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        if dirty:
            info["commit"] += "-dirty"
    except OSError:
        pass
    with open("/proc/loadavg") as f:
        info["loadavg_at_start"] = f.read().split()[:3]
    return info



# --------------------------------------------------------------------------------------------
# Charts (SVG written by hand: no plotting package needed)
# --------------------------------------------------------------------------------------------

# profile -> (field holding the x value, x axis title, chart title)
SWEEPS = {
    "P": ("pipeline", "pipeline depth (50 connections)", "pipeline depth"),
    "E": ("connections", "connections (pipeline 1)", "connection count"),
}
# metric -> (y axis title, file suffix)
CHART_METRICS = {"ops_s": ("ops/s", "ops"), "p99_ms": ("p99 latency (ms)", "p99")}
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"]
_CASE_NUM = re.compile(r"(\d+)\s*$")


def _nice_step(span: float, ticks: int = 5) -> float:
    import math

    raw = span / max(1, ticks)
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _fmt_num(v: float) -> str:
    if v >= 1e6:
        return f"{v / 1e6:g}M"
    if v >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def svg_line_chart(title: str, xlabel: str, ylabel: str, series: list[dict]) -> str:
    """A line chart with a log-scaled x axis (the sweeps are geometric) and a linear y axis
    from 0. series: [{"label", "dashed", "points": [(x, median, lo, hi)]}]; lo-hi (the range
    over rounds) is drawn as a whisker when it differs from the median."""
    import math

    longest = max((len(s["label"]) for s in series), default=10)
    left, top, bottom, pw, ph = 80, 44, 60, 480, 336
    right = 70 + 7 * longest  # room for the legend
    W, H = left + pw + right, top + ph + bottom
    xs = sorted({p[0] for s in series for p in s["points"]})
    ymax = max((max(p[1], p[3] if p[3] is not None else p[1]) for s in series for p in s["points"]), default=1.0)
    step = _nice_step(ymax or 1.0)
    ytop = step * math.ceil((ymax or 1.0) / step * 1.05)
    lx = [math.log10(x) if x > 0 else 0.0 for x in xs]
    x0, x1 = (min(lx), max(lx)) if lx else (0.0, 1.0)
    if x1 == x0:
        x0, x1 = x0 - 0.5, x1 + 0.5
    pad = (x1 - x0) * 0.05

    def px(x: float) -> float:
        return left + (math.log10(x) - x0 + pad) / (x1 - x0 + 2 * pad) * pw

    def py(y: float) -> float:
        return top + ph - y / ytop * ph

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{left + pw / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">{_esc(title)}</text>']
    # y grid, ticks and labels
    v = 0.0
    while v <= ytop + step / 1000:
        y = py(v)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#e0e0e0"/>')
        label = _fmt_num(v) if ylabel.startswith("ops") else f"{v:g}"
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
        v += step
    # x ticks at the measured values
    for x in xs:
        X = px(x)
        out.append(f'<line x1="{X:.1f}" y1="{top}" x2="{X:.1f}" y2="{top + ph}" stroke="#f0f0f0"/>')
        out.append(f'<line x1="{X:.1f}" y1="{top + ph}" x2="{X:.1f}" y2="{top + ph + 5}" stroke="black"/>')
        out.append(f'<text x="{X:.1f}" y="{top + ph + 19}" text-anchor="middle">{x:g}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="black"/>')
    out.append(f'<text x="{left + pw / 2}" y="{H - 16}" text-anchor="middle">{_esc(xlabel)} (log scale)</text>')
    out.append(f'<text transform="translate(20 {top + ph / 2}) rotate(-90)" text-anchor="middle">{_esc(ylabel)}</text>')
    for i, s in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        pts = sorted(s["points"])
        dash = ' stroke-dasharray="6 4"' if s.get("dashed") else ""
        if len(pts) > 1:
            path = " ".join(f"{px(x):.1f},{py(m):.1f}" for x, m, _, _ in pts)
            out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for x, m, lo, hi in pts:
            X = px(x)
            if lo is not None and hi is not None and hi > lo:
                out.append(f'<line x1="{X:.1f}" y1="{py(lo):.1f}" x2="{X:.1f}" y2="{py(hi):.1f}" stroke="{color}"/>')
            out.append(f'<circle cx="{X:.1f}" cy="{py(m):.1f}" r="3.5" fill="{color}">'
                       f'<title>{_esc(s["label"])}: {x:g} -> {m:,.4g}</title></circle>')
        # legend
        ly = top + 12 + i * 22
        lx0 = left + pw + 16
        out.append(f'<line x1="{lx0}" y1="{ly}" x2="{lx0 + 28}" y2="{ly}" stroke="{color}" stroke-width="2"{dash}/>')
        out.append(f'<circle cx="{lx0 + 14}" cy="{ly}" r="3.5" fill="{color}"/>')
        out.append(f'<text x="{lx0 + 36}" y="{ly + 4}">{_esc(s["label"])}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_plots(data: dict, outdir: Path, stamp: str) -> list[Path]:
    """ops/s and p99 against the sweep variable of each sweep profile (P, E) in a results
    file, one line per server (median over rounds, whiskers min-max). Returns the files."""
    meta, runs = data.get("meta", {}), data.get("runs", [])
    order = [s["label"] for s in meta.get("servers", [])]
    roles = {s["label"]: s.get("role") for s in meta.get("servers", [])}
    written = []
    for prof, (xfield, xlabel, what) in SWEEPS.items():
        per: dict[str, dict[float, list[dict]]] = {}
        for r in runs:
            if r.get("profile") != prof:
                continue
            x = r.get(xfield)
            if x is None:  # results written before the sweep fields existed: "c=100", "P16"
                m = _CASE_NUM.search(str(r.get("case", "")))
                x = int(m.group(1)) if m else None
            if x is None:
                continue
            per.setdefault(r["server"], {}).setdefault(x, []).append(r)
        if not per:
            continue
        labels = [lab for lab in order if lab in per] + sorted(lab for lab in per if lab not in order)
        for metric, (ylabel, suffix) in CHART_METRICS.items():
            series = []
            for lab in labels:
                pts = []
                for x, rs in per[lab].items():
                    s = summarize([r.get(metric) for r in rs])
                    if s:
                        pts.append((x, s[0], s[1], s[2]))
                if pts:
                    role = roles.get(lab)
                    series.append({"label": f"{lab} ({role})" if role else lab,
                                   "dashed": role == "reference", "points": pts})
            if not series:
                continue
            rounds = meta.get("rounds")
            title = f"{ylabel.split(' (')[0]} vs {what}, SET:GET 1:10" + (f" — median of {rounds}" if rounds and rounds > 1 else "")
            path = outdir / f"{stamp}-{prof}-{suffix}.svg"
            path.write_text(svg_line_chart(title, xlabel, ylabel, series))
            written.append(path)
    return written


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="profiles: " + "; ".join(f"{k}: {v[0]}" for k, v in PROFILES.items())
        + "; aliases: issue = issue-p1 issue-p16, all = A B C issue-p1 issue-p16")
    ap.add_argument("--candidate", action="append", default=[], metavar="[LABEL=]CMD",
                    help="server under test, e.g. 'target/release/shoal-server --shards 2'")
    ap.add_argument("--reference", action="append", default=[], metavar="[LABEL=]CMD",
                    help="reference server, e.g. redis-server (repeatable)")
    ap.add_argument("--profile", action="append", default=[], help="A B C D E issue-p1 issue-p16 issue all (repeatable, default A)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--requests", type=int, default=200_000, help="requests per load run (A, B, D, E)")
    ap.add_argument("--issue-requests", type=int, default=100_000, help="-n for the issue profiles (redis-benchmark default)")
    ap.add_argument("--keys", type=int, default=1_000_000, help="keys for profile C")
    ap.add_argument("--idle-connections", type=int, default=5000, help="idle connections for profile D")
    ap.add_argument("--ping-interval", type=float, default=1.0, metavar="SECONDS",
                    help="D: each idle connection sends PING this often during the load (default 1)")
    ap.add_argument("--scaling", default="10,100,1000,5000", help="connection counts for profile E")
    ap.add_argument("--pipelines", default="1,4,16,64", help="pipeline depths for profile P")
    ap.add_argument("--plots-only", metavar="RESULTS.json",
                    help="only redraw the SVG charts of a saved results file (next to it), then exit")
    ap.add_argument("--tool", choices=["auto", "memtier", "redis-benchmark"], default="auto")
    ap.add_argument("--client-threads", type=int, default=1, help="load tool threads (memtier -t / redis-benchmark --threads)")
    ap.add_argument("--server-cpus", help="taskset CPU list for the servers, e.g. 1")
    ap.add_argument("--client-cpus", help="taskset CPU list for the load tool, e.g. 0")
    ap.add_argument("--server-args", default=DEFAULT_SERVER_ARGS,
                    help=f"flags given to every server after --port N (default: {DEFAULT_SERVER_ARGS!r})")
    ap.add_argument("--out", default=str(HERE / "results"), help="directory for the .md/.json results")
    ap.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                    help="before each run, wait up to SECONDS for the machine to be idle (<10%% of a core busy)")
    ap.add_argument("--max-other", type=float, default=0.15, metavar="FRACTION",
                    help="a run during which other processes used more than this much of a core is "
                         "'disturbed' (default 0.15)")
    ap.add_argument("--retries", type=int, default=0,
                    help="rerun a disturbed run up to this many times (default 0: keep it, flagged)")
    ap.add_argument("--note", default="", help="free text recorded in the results (e.g. 'machine busy')")
    args = ap.parse_args()
    # Stop cleanly (servers and the load tool are ended in finally blocks) on SIGTERM, and on
    # SIGINT even when started in the background (where SIGINT is ignored by default).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)

    if args.plots_only:
        src = Path(args.plots_only)
        data = json.loads(src.read_text())
        stamp = data.get("meta", {}).get("timestamp") or src.stem
        written = write_plots(data, src.parent, stamp)
        for w in written:
            print(w)
        if not written:
            log(f"{src}: no sweep profile ({', '.join(SWEEPS)}) in these results: no charts")
        return 0

    profiles: list[str] = []
    for p in args.profile or ["A"]:
        for name in ALIASES.get(p, [p]):
            if name not in PROFILES:
                ap.error(f"unknown profile {name!r}")
            if name not in profiles:
                profiles.append(name)
    args.scaling = [int(x) for x in args.scaling.split(",") if x]
    args.pipelines = [int(x) for x in args.pipelines.split(",") if x]
    # Servers and the load tool inherit this: every connection of D and E is a descriptor in
    # both, and redis/valkey size maxclients (10000 by default) from it at start-up.
    if "D" in profiles or "E" in profiles:
        need = max([args.idle_connections] * ("D" in profiles) + [max(args.scaling, default=0)] * ("E" in profiles)) + 1024
        got = raise_nofile(max(need, 10_032))
        if got < need:
            log(f"WARNING: open-file limit {got} < {need} needed (raise the hard limit: ulimit -Hn)")
    servers = [parse_server(c, "candidate") for c in args.candidate] + [parse_server(r, "reference") for r in args.reference]
    if not servers:
        ap.error("give at least one --candidate or --reference")
    seen: dict[str, int] = {}
    for s in servers:
        if s.label in seen:
            seen[s.label] += 1
            s.label = f"{s.label}#{seen[s.label]}"
        else:
            seen[s.label] = 1
    if (args.server_cpus or args.client_cpus) and not shutil.which("taskset"):
        ap.error("taskset not found")

    want_memtier = args.tool == "memtier" or (args.tool == "auto" and shutil.which("memtier_benchmark"))
    needs_rb = any(p.startswith("issue") for p in profiles) or not want_memtier
    if needs_rb and not shutil.which("redis-benchmark"):
        sys.exit("redis-benchmark not found (apt-get install redis-tools)")
    if want_memtier and not shutil.which("memtier_benchmark"):
        sys.exit("memtier_benchmark not found")
    rb = RedisBenchmark(args.client_threads)
    tool = Memtier(args.client_threads) if want_memtier else rb

    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    outdir = Path(args.out)
    outdir.mkdir(parents=True, exist_ok=True)
    logdir = outdir / f"{stamp}-logs"
    logdir.mkdir()
    ctx = Ctx(args=args, tool=tool, rb=rb, logpath=logdir / "client.log")
    common = shlex.split(args.server_args)

    meta = {
        "timestamp": stamp,
        "machine": machine_info(),
        "tool": tool.name,
        "tool_version": tool.version(),
        "servers": [{"label": s.label, "role": s.role, "argv": s.argv} for s in servers],
        "server_args": common,
        "server_versions": {},
        "profiles": {p: PROFILES[p][0] for p in profiles},
        "rounds": args.rounds,
        "requests": args.requests,
        "issue_requests": args.issue_requests,
        "server_cpus": args.server_cpus,
        "client_cpus": args.client_cpus,
        "client_threads": args.client_threads,
        "wait_idle": args.wait_idle,
        "max_other": args.max_other,
        "retries": args.retries,
        "disturbed_runs": 0,
        "note": args.note,
    }
    results: dict = {}
    raw: list = []
    for prof in profiles:
        desc, fn = PROFILES[prof]
        log(f"== profile {prof}: {desc}")
        for rnd in range(1, args.rounds + 1):
            for spec in servers:
                tag = f"{prof}-r{rnd}"
                for attempt in range(args.retries + 1):
                    if args.wait_idle > 0:
                        wait_idle(args.wait_idle)
                    srv = Server(spec, common, args.server_cpus, logdir, f"{tag}-a{attempt}")
                    try:
                        meta["server_versions"].setdefault(spec.label, srv.version())
                        t0 = time.monotonic()
                        cases = fn(ctx, srv)
                        wall = time.monotonic() - t0
                    finally:
                        srv.stop()
                    worst = max((m.get("other_util") or 0.0 for m in cases.values()), default=0.0)
                    disturbed = worst > args.max_other
                    for case, metrics in cases.items():
                        brief = ", ".join(f"{k}={v:,.3f}" if isinstance(v, float) else f"{k}={v}"
                                          for k, v in metrics.items() if k in ("ops_s", "p99_ms", "cpu_s_per_mops",
                                                                              "used_b_per_key", "rss_b_per_key", "rss_b_per_conn"))
                        log(f"   round {rnd} {spec.label:>16} {case}: {brief}  ({wall:.1f}s)")
                    if disturbed:
                        log(f"   WARNING: other processes used {worst:.0%} of a core during this run"
                            + (" — retrying" if attempt < args.retries else " — keeping it (no retries left)"))
                        meta["disturbed_runs"] += 1
                    if not disturbed or attempt == args.retries:
                        break
                for case, metrics in cases.items():
                    metrics["disturbed"] = disturbed
                    metrics["attempt"] = attempt
                    results.setdefault(prof, {}).setdefault(case, {}).setdefault(spec.label, []).append(metrics)
                    raw.append({"profile": prof, "round": rnd, "server": spec.label, "case": case, **metrics})

    with open("/proc/loadavg") as f:
        meta["machine"]["loadavg_at_end"] = f.read().split()[:3]
    tables = build_tables(results, servers, args.rounds)
    text_parts, md_parts = [], []
    m = meta["machine"]
    md_parts.append(f"# loadbench {stamp}\n")
    md_parts.append(f"- commit: `{m.get('commit', '?')}`; CPU: {m.get('Model name', '?')}, {m.get('nproc')} CPUs; "
                    f"load average at start/end: {' '.join(m.get('loadavg_at_start', []))} / "
                    f"{' '.join(m.get('loadavg_at_end', []))}")
    md_parts.append(f"- load tool: {meta['tool_version']}; rounds: {args.rounds} (median, min–max); "
                    f"requests/run: {args.requests} (issue profiles: {args.issue_requests})")
    md_parts.append(f"- CPU placement: server {args.server_cpus or 'any'}, client {args.client_cpus or 'any'}; "
                    f"common server flags: `{shlex.join(common)}`")
    for s in servers:
        md_parts.append(f"- {s.role} `{s.label}`: `{shlex.join(s.argv)}` ({meta['server_versions'].get(s.label, '?')})")
    if args.note:
        md_parts.append(f"- note: {args.note}")
    kept = sum(1 for r in raw if r.get("disturbed"))
    md_parts.append(f"- disturbed runs (other processes > {args.max_other:.0%} of a core): "
                    f"{meta['disturbed_runs']} seen, {kept} rows kept after {args.retries} retries")
    for prof, header, rows in tables:
        title = f"Profile {prof}: {PROFILES[prof][0]}"
        text_parts.append(f"\n{title}\n{render_text(header, rows)}")
        md_parts.append(f"\n## {title}\n\n{render_md(header, rows)}")
    print("\n".join(text_parts))
    md_path = outdir / f"{stamp}.md"
    json_path = outdir / f"{stamp}.json"
    data = {"meta": meta, "runs": raw}
    json_path.write_text(json.dumps(data, indent=1, default=str) + "\n")
    charts = write_plots(json.loads(json.dumps(data, default=str)), outdir, stamp)
    if charts:
        md_parts.append("\n## Charts\n")
        md_parts += [f"![{c.stem}]({c.name})" for c in charts]
    md_path.write_text("\n".join(md_parts) + "\n")
    log(f"\nwrote {md_path} and {json_path} (logs in {logdir})")
    for c in charts:
        log(f"wrote {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

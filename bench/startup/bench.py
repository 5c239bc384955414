#!/usr/bin/env python3
"""Startup and stdio latency of mcp-bridge against the official filesystem MCP server (Python 3 stdlib only).

Speaks raw newline-delimited JSON-RPC over each child's stdin/stdout:
  (a) spawn -> `initialize` answered (and -> first `tools/call` answered, -> exit after stdin is closed), N runs each,
      the servers interleaved round by round; medians are reported;
  (b) p50/p99 of a trivial `tools/call` over stdio: one session per server, W warm-up calls then C timed ones, each
      sent only after the previous answer arrived.
Then "where the time goes": JVM baselines, a class-loading timeline (-Xlog:class+load with uptime), the server's own
debug log stamped on arrival, and what the AppCDS training could not archive.

Normally started by run.sh, which builds the jar and installs the npm server first.
"""
import argparse
import json
import math
import os
import platform
import random
import re
import selectors
import shutil
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILT_JAR = os.path.join(ROOT, "target", "mcp-bridge.jar")
WORK = os.path.join(HERE, "work")
# The bench runs a copy, so that a rebuild of target/ during the run cannot invalidate the archives mid-way.
JAR = os.path.join(WORK, "mcp-bridge.jar")
LAUNCHER = os.path.join(ROOT, "bin", "mcp-bridge")
ADAPTER = os.path.join(HERE, "adapter")
FS_PKG = os.path.join(HERE, "node_modules", "@modelcontextprotocol", "server-filesystem")
FS_SERVER = os.path.join(FS_PKG, "dist", "index.js")
JVM_FLAGS = ["-Xlog:disable", "-Xlog:all=warning:stderr"]
# Serve the bench adapter alone (the jar may also hold built-in adapters, which are served by default).
BENCH_ARGS = ["--adapter", "bench", "--adapters-dir", ADAPTER]
PROTOCOL = "2025-06-18"


class ServerError(Exception):
    pass


class Session:
    """One child server over stdio. Times are seconds since just before the spawn (time.perf_counter)."""

    def __init__(self, argv, env=None, cwd=None, timeout=60.0, drain_stderr=True):
        self.argv = argv
        self.timeout = timeout
        self.noise = []  # stdout lines that are not JSON-RPC messages
        self.server_messages = []  # notifications and requests the server sent
        self.stderr = []  # (seconds since spawn, line)
        self._buf = b""
        self._next_id = 1
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env, cwd=cwd, bufsize=0)
        self._out = self.proc.stdout.fileno()
        self._sel = selectors.DefaultSelector()
        self._sel.register(self._out, selectors.EVENT_READ)
        self._err_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        if drain_stderr:
            self._err_thread.start()
        self.exit_status = None
        self.rusage = None

    def now(self):
        return time.perf_counter() - self.t0

    def _drain_stderr(self):
        for raw in iter(self.proc.stderr.readline, b""):
            self.stderr.append((self.now(), raw.decode("utf-8", "replace").rstrip("\n")))

    def _line(self, deadline):
        while b"\n" not in self._buf:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise ServerError("timed out waiting for the server (%s)" % " ".join(self.argv[:3]))
            if not self._sel.select(left):
                continue
            chunk = os.read(self._out, 1 << 16)
            if not chunk:
                raise ServerError("the server closed stdout (exit %s); stderr tail: %s"
                                  % (self.proc.poll(), [l for _, l in self.stderr[-5:]]))
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return line

    def _message(self, line):
        text = line.decode("utf-8", "replace").strip()
        if not text:
            return None
        try:
            msg = json.loads(text)
        except ValueError:
            self.noise.append(text)
            return None
        if not isinstance(msg, dict) or msg.get("jsonrpc") != "2.0":
            self.noise.append(text)
            return None
        return msg

    def send(self, msg):
        os.write(self.proc.stdin.fileno(), (json.dumps(msg, separators=(",", ":")) + "\n").encode())

    def request(self, method, params=None):
        rid = self._next_id
        self._next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        deadline = time.perf_counter() + self.timeout
        while True:
            msg = self._message(self._line(deadline))
            if msg is None:
                continue
            if "method" in msg:
                self.server_messages.append(msg.get("method"))
                if "id" in msg:  # a request to the client: we offer no capabilities
                    self.send({"jsonrpc": "2.0", "id": msg["id"],
                               "error": {"code": -32601, "message": "not supported by the benchmark client"}})
                continue
            if msg.get("id") == rid:
                if "error" in msg:
                    raise ServerError("%s failed: %s" % (method, msg["error"]))
                return msg["result"]

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def initialize(self):
        result = self.request("initialize", {"protocolVersion": PROTOCOL, "capabilities": {},
                                             "clientInfo": {"name": "mcp-bridge-bench", "version": "1.0"}})
        self.notify("notifications/initialized")
        return result

    def close(self, timeout=20.0):
        """Closes stdin and waits for the exit; returns the seconds from closing to the exit."""
        t = time.perf_counter()
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        deadline = t + timeout
        while True:
            pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                self.proc.kill()
                pid, status, usage = os.wait4(self.proc.pid, 0)
                self.noise.append("<did not exit within %.0f s of stdin closing: killed>" % timeout)
                break
            time.sleep(0.002)
        exit_s = time.perf_counter() - t
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.exit_status = self.proc.returncode
        self.rusage = usage
        # Whatever the server printed on stdout at the end must be protocol too.
        rest = self._buf
        while True:
            chunk = os.read(self._out, 1 << 16)
            if not chunk:
                break
            rest += chunk
        for line in rest.split(b"\n"):
            self._message(line)
        if self._err_thread.is_alive():
            self._err_thread.join(2)
        self._sel.close()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return exit_s


class Server:
    def __init__(self, key, label, argv, tool, args, check, env=None, kind="java"):
        self.key, self.label, self.argv, self.tool, self.args = key, label, argv, tool, args
        self.check, self.env, self.kind = check, env, kind
        self.startup = []  # dicts per run
        self.latency = None
        self.problems = []

    def call(self, session):
        result = session.request("tools/call", {"name": self.tool, "arguments": self.args})
        if not self.check(result):
            raise ServerError("%s: unexpected tools/call result %s" % (self.label, json.dumps(result)[:300]))
        return result

    def open(self):
        return Session(self.argv, env=self.env, cwd=WORK)


def clean_env(extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCP_BRIDGE_") and k != "JAVA_TOOL_OPTIONS"
           and k != "JDK_JAVA_OPTIONS" and k != "_JAVA_OPTIONS"}
    env.update(extra or {})
    return env


def echo_ok(result):
    return (not result.get("isError")) and result.get("content", [{}])[0].get("text") == "ping"


def fs_ok(result):
    return (not result.get("isError")) and "Allowed directories" in result.get("content", [{}])[0].get("text", "")


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def pct(xs, p):
    """Nearest-rank percentile."""
    s = sorted(xs)
    return s[max(0, math.ceil(p / 100.0 * len(s)) - 1)]


def ms(x):
    return "%.0f" % (x * 1000) if x == x else "-"


def ms2(x):
    return "%.2f" % (x * 1000) if x == x else "-"


def note_problems(server, session, where):
    for line in session.noise:
        server.problems.append("%s: non-JSON-RPC line on stdout: %r" % (where, line[:200]))
    if session.exit_status not in (0, None):
        server.problems.append("%s: exit status %s after stdin closed" % (where, session.exit_status))


def startup_run(server):
    s = server.open()
    try:
        s.initialize()
        t_init = s.now()
        t_call_start = s.now()
        server.call(s)
        t_call = s.now()
    except Exception:
        s.proc.kill()
        s.close()
        raise
    exit_s = s.close()
    note_problems(server, s, "startup run")
    u = s.rusage
    return {"init": t_init, "first_call": t_call, "first_call_alone": t_call - t_call_start, "exit": exit_s,
            "cpu": u.ru_utime + u.ru_stime, "rss_mb": u.ru_maxrss / 1024.0, "stderr": s.stderr}


def latency_session(server, warmup, calls, steady_warmup=0):
    s = server.open()
    try:
        s.initialize()
        for _ in range(warmup):
            server.call(s)
        lat = []
        for _ in range(calls):
            t = time.perf_counter()
            server.call(s)
            lat.append(time.perf_counter() - t)
        # Then the bare JSON-RPC round trip (transport + SDK dispatch, no tool): `ping`, same counts.
        for _ in range(warmup):
            s.request("ping")
        pings = []
        for _ in range(calls):
            t = time.perf_counter()
            s.request("ping")
            pings.append(time.perf_counter() - t)
        # Optionally the JIT-warm steady state: many more calls, then the same number timed again.
        steady = []
        if steady_warmup:
            for _ in range(steady_warmup):
                server.call(s)
            for _ in range(calls):
                t = time.perf_counter()
                server.call(s)
                steady.append(time.perf_counter() - t)
    except Exception:
        s.proc.kill()
        s.close()
        raise
    s.close()
    note_problems(server, s, "latency run")
    return lat, pings, steady, len(s.stderr)


def latency_stats(lat, stderr_lines):
    return {"p50": pct(lat, 50), "p90": pct(lat, 90), "p99": pct(lat, 99), "mean": statistics.fmean(lat),
            "min": min(lat), "max": max(lat), "n": len(lat), "stderr_lines": stderr_lines}


def timed(commands, env, runs):
    """{name: argv} -> {name: median wall seconds}, the commands interleaved run by run."""
    xs = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            t = time.perf_counter()
            subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=env, cwd=WORK, check=False)
            xs[name].append(time.perf_counter() - t)
    return {name: median(v) for name, v in xs.items()}


def train_appcds(jsa, env, fs_root, builtin_fs):
    """A training run that exits normally: initialize, tools/list, a few calls, then stdin closes. It serves every
    adapter (the bench's and the built-in ones), so one archive covers both kinds of run."""
    if os.path.exists(jsa):
        os.remove(jsa)
    argv = ["java", *JVM_FLAGS, "-XX:ArchiveClassesAtExit=" + jsa, "-jar", JAR, "--adapters-dir", ADAPTER]
    if builtin_fs:
        argv.append(fs_root)
    s = Session(argv, env=env, cwd=WORK)
    s.initialize()
    s.request("tools/list")
    for _ in range(20):
        s.request("tools/call", {"name": "echo", "arguments": {"text": "ping"}})
        if builtin_fs:
            s.request("tools/call", {"name": "list_allowed_directories", "arguments": {}})
    t = s.now()
    exit_s = s.close()
    if s.exit_status != 0 or not os.path.exists(jsa):
        raise ServerError("AppCDS training failed (exit %s): %s" % (s.exit_status, s.stderr[-5:]))
    lines = [l for _, l in s.stderr]
    return {"argv": argv, "session": t, "exit_with_dump": exit_s, "size_mb": os.path.getsize(jsa) / 1e6,
            "old_bytecode": sum(1 for l in lines if "Pre JDK 6 class not supported" in l),
            "old_bytecode_picocli": sum(1 for l in lines if "Pre JDK 6 class not supported" in l and "picocli" in l),
            "skipped": sum(1 for l in lines if "[cds]" in l and "Skipping" in l),
            "noise": s.noise}


CLASS_LINE = re.compile(r"^\[(\d+\.\d+)s\]\[(\d+)\] (\S+) source: (.*)$")


def source_kind(source):
    if source.startswith("shared objects file (top)"):
        return "AppCDS archive"
    if source.startswith("shared objects file"):
        return "JDK CDS archive"
    if source.startswith("jrt:/"):
        return "JDK modules (jrt)"
    if source.startswith("file:") or source.endswith(".jar"):
        return "jar"
    return "generated (lambdas, proxies, reflection)"


def class_load_run(argv, env, cl_file, st_file):
    # After -Xlog:disable, which would switch these off again.
    at = 1 + len(JVM_FLAGS)
    assert argv[1:at] == JVM_FLAGS
    argv = argv[:at] + ["-Xlog:class+load:file=%s:uptime,tid" % cl_file, "-Xlog:startuptime:file=%s:uptime" % st_file] \
        + argv[at:]
    s = Session(argv, env=env, cwd=WORK)
    s.initialize()
    t_init = s.now()
    s.request("tools/call", {"name": "echo", "arguments": {"text": "ping"}})
    t_call = s.now()
    s.close()
    classes = []
    with open(cl_file) as f:
        for line in f:
            m = CLASS_LINE.match(line.strip())
            if m:
                classes.append((float(m.group(1)), m.group(3), source_kind(m.group(4)), int(m.group(2))))
    create_vm = None
    with open(st_file) as f:
        for line in f:
            m = re.search(r"Create VM, ([0-9.]+) secs", line)
            if m:
                create_vm = float(m.group(1))
    return {"t_init": t_init, "t_call": t_call, "classes": classes, "create_vm": create_vm}


def thread_of(run):
    """tid -> 'main', 'camel-boot' or 'other' (the main thread loads java.lang.Object; Camel's boot thread loads
    DefaultCamelContext)."""
    classes = run["classes"]
    names = {classes[0][3]: "main"} if classes else {}
    for c in classes:
        if c[1] == "org.apache.camel.impl.DefaultCamelContext":
            names.setdefault(c[3], "camel-boot")
            break
    return lambda tid: names.get(tid, "other threads")


def class_summary(run):
    classes = run["classes"]
    by_init = [c for c in classes if c[0] <= run["t_init"]]
    by_call = [c for c in classes if c[0] <= run["t_call"]]
    kinds = Counter(c[2] for c in classes)
    thread = thread_of(run)
    threads = Counter(thread(c[3]) for c in by_init)
    return {"total": len(classes), "by_init": len(by_init), "by_call": len(by_call), "kinds": kinds,
            "threads_by_init": threads}


# (first class loaded, what happened on the main thread since the previous marker)
MARKERS = [
    ("dev.mcpbridge.core.cli.Main", "JVM created; launcher opened the jar"),
    ("dev.mcpbridge.core.cli.ServeCommand", "picocli: CommandLine class, reflecting on Main"),
    ("com.fasterxml.jackson.databind.ObjectMapper", "picocli: subcommand models, up to instantiating CallCommand"),
    ("picocli.CommandLine$ParseResult", "Jackson: CallCommand's static ObjectMapper (picocli instantiates every "
                                        "subcommand, so serving pays for it)"),
    ("org.slf4j.LoggerFactory", "picocli: argument parsing"),
    ("dev.mcpbridge.core.config.ConfigLoader", "slf4j-simple initialised (date format, locale data)"),
    ("dev.mcpbridge.core.adapter.AdapterCatalog", "config read; JSON-schema validator (networknt) built"),
    ("dev.mcpbridge.core.camel.CamelRuntime", "adapter YAML read, parsed and validated"),
    ("dev.mcpbridge.core.transport.StdioServer", "registry, invoker, Camel boot thread started"),
    ("dev.mcpbridge.core.transport.InboundLineCheck", "MCP SDK server + reactor set up; first line read"),
]


def timeline(run):
    """Rows (uptime, marker, meaning, main-thread classes, other-thread classes, ms since previous, top packages)."""
    classes = run["classes"]
    thread = thread_of(run)
    first = {}
    for i, c in enumerate(classes):
        if c[1] not in first:
            first[c[1]] = (i, c[0])
    marks = [(first[name][1], name.rsplit(".", 1)[1], what) for name, what in MARKERS if name in first]
    marks.append((run["t_init"], "(initialize answered)", "first request: Jackson databind of the SDK's types, "
                                                          "dispatch, answer (driver clock ≈ JVM uptime)"))
    marks.append((run["t_call"], "(1st tools/call answered)", "mostly waiting for Camel's boot to finish"))
    rows = []
    prev_t = 0.0
    for t, name, what in marks:
        span = [c for c in classes if prev_t <= c[0] < t] if rows else [c for c in classes if c[0] < t]
        main = [c for c in span if thread(c[3]) == "main"]
        pkgs = Counter(".".join(c[1].split(".")[:3]) for c in main)
        top = ", ".join("%s %d" % (p, n) for p, n in pkgs.most_common(3))
        rows.append((t, name, what, len(main), len(span) - len(main), t - prev_t, top))
        prev_t = t
    return rows


def undrained_stderr_run(server, max_calls=3000, timeout=5.0):
    """A client that pipes the server's stderr and never reads it: how many calls until the server blocks?"""
    s = Session(server.argv, env=server.env, cwd=WORK, timeout=timeout, drain_stderr=False)
    try:
        s.initialize()
        for i in range(1, max_calls + 1):
            try:
                server.call(s)
            except ServerError:
                return i
        return None
    finally:
        s.proc.kill()
        s.proc.wait()
        for f in (s.proc.stdin, s.proc.stdout, s.proc.stderr):
            try:
                f.close()
            except OSError:
                pass


def debug_log_run(env):
    argv = ["java", *JVM_FLAGS, "-jar", JAR, *BENCH_ARGS, "--log-level", "debug"]
    s = Session(argv, env=env, cwd=WORK)
    s.initialize()
    t_init = s.now()
    s.request("tools/call", {"name": "echo", "arguments": {"text": "ping"}})
    t_call = s.now()
    s.close()
    events = {}
    for t, line in s.stderr:
        if "serving" in line and "tool(s)" in line:
            events.setdefault("serving", (t, line))
        m = re.search(r"Camel started in (\d+) ms", line)
        if m:
            events.setdefault("camel", (t, int(m.group(1))))
        m = re.search(r"call echo \(bench\) (\d+) ms", line)
        if m:
            events.setdefault("call", (t, int(m.group(1))))
    return {"t_init": t_init, "t_call": t_call, "events": events, "stderr_lines": len(s.stderr)}


def cpu_busy(seconds=2.0):
    """Share of all CPUs busy (anyone's) over a short idle sample of ours, from /proc/stat; None elsewhere."""
    def sample():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4]
    try:
        t0, i0 = sample()
        time.sleep(seconds)
        t1, i1 = sample()
        return 1.0 - (i1 - i0) / max(1, t1 - t0)
    except (OSError, IndexError, ValueError):
        return None


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.strip().splitlines()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    with open(os.path.join(FS_PKG, "package.json")) as f:
        fs_version = json.load(f)["version"]
    import hashlib
    h = hashlib.sha256()
    with open(JAR, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    git = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "src", "pom.xml", "adapters", "routes"],
                           capture_output=True, text=True)
    return {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
            "jar_sha": h.hexdigest()[:12],
            "jar_mtime": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(os.path.getmtime(JAR))),
            "git": (git.stdout.strip()[:72] or "?") + (" (+ uncommitted changes)" if dirty.stdout.strip() else ""),
            "java": java[1] if len(java) > 1 else java[0], "node": node, "fs_version": fs_version,
            "jar_mb": os.path.getsize(JAR) / 1e6}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9, help="startup runs per server (default 9)")
    ap.add_argument("--warmup", type=int, default=20, help="warm-up tools/call before timing (default 20)")
    ap.add_argument("--calls", type=int, default=200, help="timed sequential tools/call (default 200)")
    ap.add_argument("--sessions", type=int, default=3,
                    help="latency sessions per server, samples pooled (default 3)")
    ap.add_argument("--steady-warmup", type=int, default=1000,
                    help="in the last latency session, this many more calls before timing the steady state "
                         "(default 1000; 0 to skip)")
    ap.add_argument("--out", default=os.path.join(HERE, "RESULTS-raw.md"))
    ap.add_argument("--seed", type=int, default=1)
    opts = ap.parse_args()

    started = time.time()
    if os.path.exists(WORK):
        shutil.rmtree(WORK)
    fs_root = os.path.join(WORK, "fsroot")
    os.makedirs(fs_root)
    shutil.copy2(BUILT_JAR, JAR)
    env = clean_env()
    jsa = os.path.join(WORK, "app.jsa")
    xdg = os.path.join(WORK, "xdg")
    # The launcher prefers JAVA_HOME: point it at the java on PATH that the other runs use.
    java_home = os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("java"))))
    launcher_env = clean_env({"XDG_CACHE_HOME": xdg, "JAVA_HOME": java_home, "MCP_BRIDGE_JAR": JAR})
    if os.path.exists(os.path.expanduser("~/.mcp-bridge/mcp-bridge.yaml")):
        print("note: ~/.mcp-bridge/mcp-bridge.yaml exists and is read by every mcp-bridge run", file=sys.stderr)

    def log(msg):
        print("[%5.1fs] %s" % (time.time() - started, msg), file=sys.stderr, flush=True)

    info = machine()
    info["busy_before"] = cpu_busy()
    info["load_before"] = os.getloadavg()[0]
    with zipfile.ZipFile(JAR) as z:
        builtin_fs = "mcp-bridge/adapters/filesystem.yaml" in z.namelist()
    log("AppCDS training run")
    training = train_appcds(jsa, env, fs_root, builtin_fs)

    def java(key, label, *flags):
        return Server(key, label, ["java", *JVM_FLAGS, *flags, "-jar", JAR, *BENCH_ARGS],
                      "echo", {"text": "ping"}, echo_ok, env=env)

    def java_fs(key, label, *flags):
        return Server(key, label, ["java", *JVM_FLAGS, *flags, "-jar", JAR, "--adapter", "filesystem", fs_root],
                      "list_allowed_directories", {}, fs_ok, env=env)

    servers = [
        java("jar", "mcp-bridge: java -jar"),
        java("cds", "mcp-bridge: java -jar + AppCDS", "-XX:SharedArchiveFile=" + jsa),
        java("c1", "mcp-bridge: java -jar + C1 only", "-XX:TieredStopAtLevel=1"),
        java("cds_c1", "mcp-bridge: + AppCDS + C1 only", "-XX:SharedArchiveFile=" + jsa, "-XX:TieredStopAtLevel=1"),
        java("cds_c1_serial", "mcp-bridge: + AppCDS + C1 + SerialGC", "-XX:SharedArchiveFile=" + jsa,
             "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
        java("noshare", "mcp-bridge: java -jar -Xshare:off (no CDS at all)", "-Xshare:off"),
        Server("launcher", "mcp-bridge: bin/mcp-bridge (archive present)",
               [LAUNCHER, *BENCH_ARGS], "echo", {"text": "ping"}, echo_ok, env=launcher_env),
    ]
    if builtin_fs:
        servers += [
            java_fs("fs_jar", "mcp-bridge filesystem adapter: java -jar"),
            java_fs("fs_cds_c1", "mcp-bridge filesystem adapter: + AppCDS + C1 only", "-XX:SharedArchiveFile=" + jsa,
                    "-XX:TieredStopAtLevel=1"),
        ]
    servers += [
        Server("node", "server-filesystem %s (node %s)" % (info["fs_version"], info["node"]),
               ["node", FS_SERVER, fs_root], "list_allowed_directories", {}, fs_ok, env=env, kind="node"),
    ]
    by_key = {s.key: s for s in servers}

    log("bin/mcp-bridge first run (creates its archive)")
    launcher_first = startup_run(by_key["launcher"])
    archives = [f for f in os.listdir(os.path.join(xdg, "mcp-bridge"))] if os.path.isdir(
        os.path.join(xdg, "mcp-bridge")) else []
    if not any(f.endswith(".jsa") for f in archives):
        by_key["launcher"].problems.append("the first launcher run left no archive in %s: %s" % (xdg, archives))

    rng = random.Random(opts.seed)
    for r in range(opts.runs):
        order = servers[:]
        rng.shuffle(order)
        log("startup round %d/%d" % (r + 1, opts.runs))
        for server in order:
            server.startup.append(startup_run(server))

    samples = {s.key: ([], [], [], []) for s in servers}
    for r in range(opts.sessions):
        order = servers[:]
        rng.shuffle(order)
        log("latency round %d/%d" % (r + 1, opts.sessions))
        for server in order:
            last = r == opts.sessions - 1
            lat, pings, steady, lines = latency_session(server, opts.warmup, opts.calls,
                                                        opts.steady_warmup if last else 0)
            samples[server.key][0].extend(lat)
            samples[server.key][1].extend(pings)
            samples[server.key][2].extend(steady)
            samples[server.key][3].append(lines)
    for server in servers:
        lat, pings, steady, lines = samples[server.key]
        server.latency = latency_stats(lat, median(lines))
        server.latency["ping_p50"] = pct(pings, 50)
        server.latency["ping_p99"] = pct(pings, 99)
        if steady:
            server.latency["steady_p50"] = pct(steady, 50)
            server.latency["steady_p99"] = pct(steady, 99)

    log("where the time goes: baselines")
    base = timed({
        "version_auto": ["java", "-Xshare:auto", "-version"],
        "version_off": ["java", "-Xshare:off", "-version"],
        "jar_version": ["java", *JVM_FLAGS, "-jar", JAR, "--version"],
        "jar_version_cds": ["java", *JVM_FLAGS, "-XX:SharedArchiveFile=" + jsa, "-jar", JAR, "--version"],
        "node_version": ["node", "-e", "0"],
    }, env, max(opts.runs, 9))
    log("where the time goes: class loading")
    cl_plain = class_load_run(by_key["jar"].argv, env, os.path.join(WORK, "classes-plain.txt"),
                              os.path.join(WORK, "startuptime-plain.txt"))
    cl_cds = class_load_run(by_key["cds"].argv, env, os.path.join(WORK, "classes-appcds.txt"),
                            os.path.join(WORK, "startuptime-appcds.txt"))
    log("where the time goes: debug log")
    dbg = debug_log_run(env)
    log("a client that never reads stderr")
    for key in ("jar", "node"):
        blocked = undrained_stderr_run(by_key[key])
        by_key[key].latency["undrained_blocked_at"] = blocked
        if blocked:
            by_key[key].problems.append(
                "with its stderr piped but never read (as some clients do), the server stopped answering at "
                "tools/call #%d: it logs one line per call to stderr and blocks once the pipe (64 KiB) is full"
                % blocked)

    results = {"machine": info, "training": {k: v for k, v in training.items() if k != "noise"},
               "launcher_first": {k: v for k, v in launcher_first.items() if k != "stderr"},
               "baselines": base, "debug": {"t_init": dbg["t_init"], "t_call": dbg["t_call"],
                                            "events": {k: v[0] for k, v in dbg["events"].items()}},
               "servers": {s.key: {"label": s.label, "argv": s.argv,
                                   "startup": [{k: v for k, v in r.items() if k != "stderr"} for r in s.startup],
                                   "latency": s.latency, "problems": s.problems} for s in servers}}
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump(results, f, indent=1)

    info["load_after"] = os.getloadavg()[0]
    md = report(opts, info, servers, by_key, training, launcher_first, base, cl_plain, cl_cds, dbg,
                time.time() - started)
    with open(opts.out, "w") as f:
        f.write(md)
    print(md)
    log("wrote %s and %s" % (os.path.relpath(opts.out, ROOT), os.path.relpath(os.path.join(WORK, "results.json"),
                                                                               ROOT)))


def summary(info, by_key, base, cl_plain, cl_cds, dbg, training):
    """The short paragraph, from this run's numbers."""
    def init(key):
        return median([r["init"] for r in by_key[key].startup])

    def cpu(key):
        return median([r["cpu"] for r in by_key[key].startup])

    rows = {r[1]: r for r in timeline(cl_plain)}

    def dt(*names):
        return sum(rows[n][5] for n in names if n in rows)

    plain, cds = class_summary(cl_plain), class_summary(cl_cds)
    camel = dbg["events"].get("camel")
    lat, nlat = by_key["jar"].latency, by_key["node"].latency
    first_gap = median([r["first_call"] - r["init"] for r in by_key["jar"].startup])
    return (
        "**In short.** The JVM itself is not the cost: `java -version` takes %s ms (`Create VM` %s ms), about what "
        "`node -e 0` takes (%s ms). Our %s ms to answer `initialize` (node: %s ms) is class loading and first-use "
        "initialisation on the main thread: %d classes are loaded before the answer (%d of them by the main "
        "thread), and %d of the %d classes of a run come from the %.0f MB shaded jar. Reading the class-loading "
        "timeline: picocli's command model and parsing take ~%s ms; Jackson's first ObjectMapper ~%s ms — built "
        "eagerly by `CallCommand`'s static field because picocli instantiates every subcommand (Jackson is needed "
        "later anyway, so this moves rather than adds most of it); slf4j-simple's set-up ~%s ms; the networknt "
        "JSON-schema validator ~%s ms; reading and validating the adapter YAML ~%s ms; building the MCP SDK server "
        "and reactor ~%s ms; and the first request itself (Jackson databind of the SDK's types) ~%s ms. Meanwhile "
        "Camel boots on its own thread (`Camel started in %s ms`), which on %d cores competes with that path, and "
        "the first `tools/call` waits for it: it is answered %s ms after `initialize`. "
        "AppCDS serves %d classes from the archive and brings `initialize` to %s ms and the CPU per run from %.2f "
        "to %.2f s; C1 only (`-XX:TieredStopAtLevel=1`) saves JIT CPU on 2 cores (%s ms); both give %s ms, "
        "+SerialGC %s ms, i.e. %.1f× node. What is left is class initialisation and reflection-heavy first use "
        "(Jackson, picocli, reactor), not the JVM or the loading of bytes; %d picocli classes are compiled for "
        "Java 5 and can never be archived. Per call, a trivial `tools/call` takes %s ms at p50 (node %s ms) while "
        "a bare `ping` takes %s ms (node %s ms), so most of a call is the tool path (argument validation, the hop "
        "to the Camel worker pool and back, result mapping, the per-call log line), not stdio or JSON-RPC."
        % (ms(base["version_auto"]), ms(cl_plain["create_vm"] or float("nan")), ms(base["node_version"]),
           ms(init("jar")), ms(init("node")), plain["by_init"], plain["threads_by_init"].get("main", 0),
           plain["kinds"].get("jar", 0), plain["total"], info["jar_mb"],
           ms(dt("ServeCommand", "ObjectMapper", "LoggerFactory")), ms(dt("CommandLine$ParseResult")),
           ms(dt("ConfigLoader")), ms(dt("AdapterCatalog")), ms(dt("CamelRuntime")),
           ms(dt("StdioServer", "InboundLineCheck")), ms(dt("(initialize answered)")),
           camel[1] if camel else "?", info["cores"], ms(first_gap),
           cds["kinds"].get("AppCDS archive", 0), ms(init("cds")), cpu("jar"), cpu("cds"), ms(init("c1")),
           ms(init("cds_c1")), ms(init("cds_c1_serial")), init("cds_c1_serial") / init("node"),
           training["old_bytecode_picocli"], ms2(lat["p50"]), ms2(nlat["p50"]), ms2(lat["ping_p50"]),
           ms2(nlat["ping_p50"]))) + like_for_like(by_key)


def like_for_like(by_key):
    if "fs_jar" not in by_key:
        return ""
    def init(key):
        return median([r["init"] for r in by_key[key].startup])
    return (" Like for like — our built-in filesystem adapter answering the same `list_allowed_directories` "
            "(`--adapter filesystem DIR`): `initialize` in %s ms plain and %s ms with AppCDS + C1 (node %s ms), "
            "a call at p50 %s / %s ms (node %s ms)."
            % (ms(init("fs_jar")), ms(init("fs_cds_c1")), ms(init("node")), ms2(by_key["fs_jar"].latency["p50"]),
               ms2(by_key["fs_cds_c1"].latency["p50"]), ms2(by_key["node"].latency["p50"])))


def report(opts, info, servers, by_key, training, launcher_first, base, cl_plain, cl_cds, dbg, elapsed):
    node = by_key["node"]
    n_init = median([r["init"] for r in node.startup])
    n_p50, n_p99 = node.latency["p50"], node.latency["p99"]
    out = []
    w = out.append
    w("# mcp-bridge startup and stdio latency vs @modelcontextprotocol/server-filesystem\n")
    w("Generated by `bench/startup/run.sh` on %s: %s, %d cores, Linux %s; %s; node %s; jar %.1f MB. "
      "%d startup runs per server (interleaved, medians); latency: %d sessions per server, each %d timed "
      "sequential `tools/call` after %d warm-ups, pooled. "
      "Total benchmark time %.0f s. Jar sha256 %s…, built %s from `%s`.\n" % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), info["cpu"],
                                          info["cores"], info["kernel"], info["java"], info["node"], info["jar_mb"],
                                          opts.runs, opts.sessions, opts.calls, opts.warmup, elapsed,
                                          info["jar_sha"], info["jar_mtime"], info["git"]))
    if info.get("busy_before") is not None:
        w("Machine noise: before the run, with the bench idle, %.0f%% of the CPUs were busy with other work; load "
          "average %.2f before, %.2f after. On this shared machine startup medians can move by ~30%% from one run "
          "to the next; compare rows within one run (they are interleaved), not across runs.\n"
          % (100 * info["busy_before"], info["load_before"], info["load_after"]))
    w("Every JVM run has `-Xlog:disable -Xlog:all=warning:stderr`. Our tool is `echo` from "
      "`bench/startup/adapter` (Camel route `setBody: {simple: \"${variable.text}\"}`); "
      "the filesystem server's is `list_allowed_directories`.\n")
    w("| server | spawn → initialize (median) | min–max | spawn → 1st tools/call | exit after stdin close "
      "| CPU s / run | max RSS MB | tools/call p50 | p99 | ping p50 | init ×node | p50 ×node | p99 ×node |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in servers:
        init = [r["init"] for r in s.startup]
        lat = s.latency
        m_init = median(init)
        w("| %s | **%s ms** | %s–%s | %s ms | %s ms | %.2f | %.0f | **%s ms** | %s ms | %s ms | %s | %s | %s |" % (
            s.label, ms(m_init), ms(min(init)), ms(max(init)), ms(median([r["first_call"] for r in s.startup])),
            ms(median([r["exit"] for r in s.startup])), median([r["cpu"] for r in s.startup]),
            median([r["rss_mb"] for r in s.startup]), ms2(lat["p50"]), ms2(lat["p99"]), ms2(lat["ping_p50"]),
            "%.1f×" % (m_init / n_init), "%.1f×" % (lat["p50"] / n_p50), "%.1f×" % (lat["p99"] / n_p99)))
    w("")
    w("bin/mcp-bridge's first run (no archive yet; trains it): spawn → initialize %s ms, → 1st tools/call %s ms, "
      "exit after stdin close %s ms (includes dumping and checking the archive)." % (
          ms(launcher_first["init"]), ms(launcher_first["first_call"]), ms(launcher_first["exit"])))
    w("AppCDS training run of the bench (`-XX:ArchiveClassesAtExit`, all adapters, 20 rounds of calls, stdin closed): archive %.1f MB, "
      "exit incl. dump %s ms.\n" % (training["size_mb"], ms(training["exit_with_dump"])))
    w("Latency detail, ms (`tools/call` over %d samples: min / p50 / p90 / p99 / max; then `ping` p50 / p99; then "
      "the JIT-warm steady state, %d calls timed after %d more in the last session: p50 / p99):\n"
      % (by_key["node"].latency["n"], opts.calls, opts.steady_warmup))
    w("| server | call min | p50 | p90 | p99 | max | ping p50 | ping p99 | steady p50 | steady p99 | stderr lines "
      "per session |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in servers:
        L = s.latency
        w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f |" % (
            s.label, ms2(L["min"]), ms2(L["p50"]), ms2(L["p90"]), ms2(L["p99"]), ms2(L["max"]), ms2(L["ping_p50"]),
            ms2(L["ping_p99"]), ms2(L.get("steady_p50", float("nan"))), ms2(L.get("steady_p99", float("nan"))),
            L["stderr_lines"]))
    w("")

    w("## Where the time goes\n")
    w(summary(info, by_key, base, cl_plain, cl_cds, dbg, training) + "\n")
    w("| measure | median |")
    w("|---|---:|")
    w("| `java -Xshare:auto -version` (JVM baseline, JDK CDS on) | %s ms |" % ms(base["version_auto"]))
    w("| `java -Xshare:off -version` (no CDS) | %s ms |" % ms(base["version_off"]))
    w("| `java -jar mcp-bridge.jar --version` (JVM + jar + picocli) | %s ms |" % ms(base["jar_version"]))
    w("| same with the AppCDS archive | %s ms |" % ms(base["jar_version_cds"]))
    w("| `node -e 0` (node baseline) | %s ms |" % ms(base["node_version"]))
    w("| JVM `Create VM` (-Xlog:startuptime), plain / AppCDS | %s / %s ms |" % (
        ms(cl_plain["create_vm"] or float("nan")), ms(cl_cds["create_vm"] or float("nan"))))
    ev = dbg["events"]
    if "serving" in ev:
        w("| `--log-level debug`: 'serving N tool(s)' line arrives (spawn →) | %s ms |" % ms(ev["serving"][0]))
    w("| `--log-level debug`: initialize answered / 1st call answered | %s / %s ms |" % (
        ms(dbg["t_init"]), ms(dbg["t_call"])))
    if "camel" in ev:
        w("| `--log-level debug`: 'Camel started in N ms' (background thread; line arrives at) | %d ms (at %s ms) |"
          % (ev["camel"][1], ms(ev["camel"][0])))
    if "call" in ev:
        w("| first call as the server logs it (includes waiting for Camel) | %d ms |" % ev["call"][1])
    w("")
    for name, run in (("plain", cl_plain), ("AppCDS", cl_cds)):
        c = class_summary(run)
        kinds = ", ".join("%s %d" % (k, v) for k, v in c["kinds"].most_common())
        threads = ", ".join("%s %d" % (k, v) for k, v in c["threads_by_init"].most_common())
        w("- Classes loaded (-Xlog:class+load, %s): %d by `initialize` answered (%s), %d by 1st call answered, "
          "%d in all — by source: %s." % (name, c["by_init"], threads, c["by_call"], c["total"], kinds))
    w("")
    w("Class-loading timeline of one plain run under `-Xlog:class+load:...:uptime,tid` (which slows it a little): "
      "JVM uptime when each marker class was first loaded, the time since the previous marker, and the classes "
      "loaded meanwhile by the main thread and by the others (Camel's boot thread, reactor/SDK threads):\n")
    w("| uptime | first load of | what happened since the previous row | Δ ms | main-thread classes | other threads "
      "| top main-thread packages |")
    w("|---:|---|---|---:|---:|---:|---|")
    for t, name, what, n_main, n_other, dt, top in timeline(cl_plain):
        w("| %s ms | %s | %s | %s | %d | %d | %s |" % (ms(t), name, what, ms(dt), n_main, n_other, top))
    w("")
    w("AppCDS could not archive %d classes compiled for Java < 6 (%d of them picocli's) and skipped %d others "
      "(from the training run's CDS warnings); those are still loaded and verified from the jar on every start.\n"
      % (training["old_bytecode"], training["old_bytecode_picocli"], training["skipped"]))

    problems = [(s.label, p) for s in servers for p in s.problems]
    if problems:
        w("## Problems seen\n")
        for label, p in problems:
            w("- %s — %s" % (label, p))
        w("")
    w("## Commands\n")
    w("```")
    w("# bench/startup/work/mcp-bridge.jar is a copy of target/mcp-bridge.jar (same mtime)")
    w("# AppCDS training (all adapters served; exits normally when the bench closes stdin after 20 rounds of "
      "tools/call):")
    w(" ".join(a.replace(ROOT + "/", "") for a in training["argv"]))
    for s in servers:
        w(" ".join(a.replace(ROOT + "/", "") for a in s.argv)
          + ("   # MCP_BRIDGE_JAR=bench/startup/work/mcp-bridge.jar XDG_CACHE_HOME=bench/startup/work/xdg"
             if s.key == "launcher" else ""))
    w("```")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()

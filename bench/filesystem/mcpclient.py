"""Minimal MCP client over a child's stdio (newline-delimited JSON-RPC), Python 3 stdlib only.

Same approach as bench/startup/bench.py: raw JSON-RPC, no SDK, so both servers are driven identically.
"""
import json
import os
import selectors
import subprocess
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROTOCOL = "2025-06-18"
JVM_FLAGS = ["-Xlog:disable", "-Xlog:all=warning:stderr"]
DEFAULT_JAR = os.path.join(ROOT, "target", "mcp-bridge.jar")


def jar_path(arg=None):
    return arg or os.environ.get("MCP_BRIDGE_JAR") or DEFAULT_JAR


def official_server():
    """dist/index.js of @modelcontextprotocol/server-filesystem: ours (bench/filesystem/node_modules) if installed,
    else bench/startup's (same pinned version)."""
    for base in (HERE, os.path.join(ROOT, "bench", "startup")):
        p = os.path.join(base, "node_modules", "@modelcontextprotocol", "server-filesystem", "dist", "index.js")
        if os.path.exists(p):
            return p
    raise SystemExit("the official server is not installed: run `npm ci` in bench/filesystem (run.sh does it)")


def official_version(index_js):
    with open(os.path.join(os.path.dirname(os.path.dirname(index_js)), "package.json")) as f:
        return json.load(f)["version"]


def ours_argv(jar, dirs, extra=()):
    return ["java", *JVM_FLAGS, *extra, "-jar", jar, "--adapter", "filesystem", *dirs]


def theirs_argv(index_js, dirs):
    return ["node", index_js, *dirs]


def clean_env():
    return {k: v for k, v in os.environ.items()
            if not k.startswith("MCP_BRIDGE_") and not k.startswith("FILESYSTEM_")
            and k not in ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")}


class RpcError(Exception):
    def __init__(self, error):
        super().__init__(json.dumps(error)[:500])
        self.error = error


class Session:
    def __init__(self, argv, cwd=None, timeout=60.0, env=None):
        self.argv = argv
        self.timeout = timeout
        self.stderr = []
        self.noise = []
        self._buf = b""
        self.line_time = 0.0
        self.line_bytes = 0
        self._next = 1
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     cwd=cwd, env=env if env is not None else clean_env(), bufsize=0)
        self.pid = self.proc.pid
        self._out = self.proc.stdout.fileno()
        self._sel = selectors.DefaultSelector()
        self._sel.register(self._out, selectors.EVENT_READ)
        self._errt = threading.Thread(target=self._drain, daemon=True)
        self._errt.start()

    def _drain(self):
        for raw in iter(self.proc.stderr.readline, b""):
            self.stderr.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def _line(self, deadline):
        """Next line from stdout; self.line_time is when it was complete (before any JSON parsing).
        Large answers (tens of MB) arrive in many chunks: they are collected in a list, and only each new chunk is
        searched for the newline."""
        i = self._buf.find(b"\n")
        if i >= 0:
            line, self._buf = self._buf[:i], self._buf[i + 1:]
            self.line_time = time.perf_counter()
            return line
        parts = [self._buf]
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                self._buf = b"".join(parts)
                raise TimeoutError("timed out waiting for %s" % " ".join(self.argv[:4]))
            if not self._sel.select(min(left, 1.0)):
                continue
            chunk = os.read(self._out, 1 << 20)
            if not chunk:
                raise EOFError("server closed stdout (exit %s); stderr tail: %s" % (self.proc.poll(), self.stderr[-5:]))
            j = chunk.find(b"\n")
            if j < 0:
                parts.append(chunk)
                continue
            self.line_time = time.perf_counter()
            parts.append(chunk[:j])
            self._buf = chunk[j + 1:]
            return b"".join(parts)

    def send(self, msg):
        data = (json.dumps(msg, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
        fd = self.proc.stdin.fileno()
        while data:
            n = os.write(fd, data)
            data = data[n:]

    def new_id(self):
        rid = self._next
        self._next += 1
        return rid

    def read_message(self, deadline):
        """Next JSON-RPC message that is a response; answers server-to-client requests with an error."""
        while True:
            line = self._line(deadline)
            self.line_bytes = len(line)
            text = line.decode("utf-8", "replace").strip()
            if not text:
                continue
            try:
                msg = json.loads(text)
            except ValueError:
                self.noise.append(text[:200])
                continue
            if "method" in msg:
                if "id" in msg:
                    self.send({"jsonrpc": "2.0", "id": msg["id"],
                               "error": {"code": -32601, "message": "not supported by the bench client"}})
                continue
            return msg

    def request(self, method, params=None, timeout=None):
        return self.timed_request(method, params, timeout)[0]

    def timed_request(self, method, params=None, timeout=None):
        """-> (result, seconds from the send to the complete answer line, bytes of that line)."""
        rid = self.new_id()
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        t0 = time.perf_counter()
        self.send(msg)
        deadline = time.perf_counter() + (timeout or self.timeout)
        while True:
            msg = self.read_message(deadline)
            if msg.get("id") == rid:
                elapsed = self.line_time - t0
                if "error" in msg:
                    raise RpcError(msg["error"])
                return msg["result"], elapsed, self.line_bytes

    def call(self, name, arguments, timeout=None):
        return self.request("tools/call", {"name": name, "arguments": arguments}, timeout=timeout)

    def timed_call(self, name, arguments, timeout=None):
        return self.timed_request("tools/call", {"name": name, "arguments": arguments}, timeout=timeout)

    def cpu_seconds(self):
        """User + system CPU time the server process has used so far (all its threads)."""
        try:
            with open("/proc/%d/stat" % self.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return float("nan")

    def initialize(self):
        r = self.request("initialize", {"protocolVersion": PROTOCOL, "capabilities": {},
                                        "clientInfo": {"name": "mcp-bridge-fs-bench", "version": "1.0"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return r

    def pipelined(self, name, arguments, n, timeout=None, idle=5.0):
        """Sends n tools/call requests without waiting (a writer thread), reads the n answers.
        Returns (seconds from the first send to the last answer, errors, lost): an answer that has not come when
        nothing at all has arrived for `idle` seconds (after every request was written) counts as lost."""
        ids = [self.new_id() for _ in range(n)]
        lines = [(json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                              "params": {"name": name, "arguments": arguments}}, separators=(",", ":")) + "\n").encode()
                 for i in ids]
        pending = set(ids)
        errors = 0
        fd = self.proc.stdin.fileno()

        def writer():
            for data in lines:
                while data:
                    k = os.write(fd, data)
                    data = data[k:]

        t0 = time.perf_counter()
        w = threading.Thread(target=writer, daemon=True)
        w.start()
        deadline = t0 + (timeout or self.timeout)
        last = t0
        while pending:
            try:
                msg = self.read_message(min(deadline, time.perf_counter() + idle) if not w.is_alive() else deadline)
            except TimeoutError:
                if time.perf_counter() >= deadline or not w.is_alive():
                    break
                continue
            rid = msg.get("id")
            if rid in pending:
                pending.discard(rid)
                last = self.line_time
                if "error" in msg or msg.get("result", {}).get("isError"):
                    errors += 1
        w.join()
        return last - t0, errors, len(pending)

    def threads(self):
        """{tid: (thread name, user s, system s, context switches)} for every thread of the server now."""
        tick = os.sysconf("SC_CLK_TCK")
        out = {}
        base = "/proc/%d/task" % self.pid
        try:
            tids = os.listdir(base)
        except OSError:
            return out
        for tid in tids:
            try:
                with open("%s/%s/stat" % (base, tid)) as f:
                    raw = f.read()
                name = raw[raw.index("(") + 1:raw.rindex(")")]
                fields = raw.rsplit(")", 1)[1].split()
                switches = 0
                with open("%s/%s/status" % (base, tid)) as f:
                    for line in f:
                        if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                            switches += int(line.split()[1])
                out[tid] = (name, int(fields[11]) / tick, int(fields[12]) / tick, switches)
            except (OSError, ValueError):
                continue
        return out

    def vm_hwm_mb(self):
        """Peak resident set size so far (VmHWM) of the server process, MB."""
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024.0
        except OSError:
            return float("nan")
        return float("nan")

    def close(self, timeout=15.0):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._errt.join(2)
        self._sel.close()
        self.proc.stdout.close()
        return self.proc.returncode

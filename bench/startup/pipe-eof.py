#!/usr/bin/env python3
"""Answers lost when a whole session is piped into mcp-bridge and stdin closes at once (issue 9's first goal).

    python3 pipe-eof.py [--runs 1000] [--load N] [--calls 3] [--launcher] [--java PATH]

Each run spawns the server, writes initialize, notifications/initialized and --calls tool calls in one go, closes
stdin and reads stdout to its end: every request must have exactly one answer (the process exits only after the
last one is written). --load N runs N busy loops (one process each) for the whole benchmark, to check the same under
CPU starvation. Standard library only; prints one summary line and writes work/pipe-eof-<load>.json.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

ap = argparse.ArgumentParser()
ap.add_argument("--runs", type=int, default=1000)
ap.add_argument("--load", type=int, default=0)
ap.add_argument("--calls", type=int, default=3)
ap.add_argument("--launcher", action="store_true", help="run bin/mcp-bridge instead of java -jar")
ap.add_argument("--java", default="java")
args = ap.parse_args()

folder = tempfile.mkdtemp(prefix="pipe-eof-")
with open(os.path.join(folder, "a.txt"), "w") as f:
    f.write("hello\n")
# A copy of the jar, so that a rebuild during the runs cannot change what is measured (or its start-up cache).
os.makedirs(os.path.join(HERE, "work"), exist_ok=True)
jar = os.path.join(HERE, "work", "pipe-eof.jar")
shutil.copyfile(os.path.join(ROOT, "target", "mcp-bridge.jar"), jar)
os.environ["MCP_BRIDGE_JAR"] = jar
cmd = ([os.path.join(ROOT, "bin", "mcp-bridge")] if args.launcher
       else [args.java, "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", jar]) + ["--adapter", "filesystem", folder]
lines = [{"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
          "capabilities": {}, "clientInfo": {"name": "pipe", "version": "1"}}},
         {"jsonrpc": "2.0", "method": "notifications/initialized"}]
for i in range(1, args.calls + 1):
    tool = ("read_text_file", {"path": os.path.join(folder, "a.txt")}) if i % 2 else ("list_allowed_directories", {})
    lines.append({"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": {"name": tool[0], "arguments": tool[1]}})
session = ("\n".join(json.dumps(m) for m in lines) + "\n").encode()
expected = set(range(0, args.calls + 1))

hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.load)]
lost_runs, lost_answers, bad_lines, seconds = 0, 0, 0, []
try:
    for run in range(args.runs):
        t0 = time.monotonic()
        done = subprocess.run(cmd, input=session, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=600)
        seconds.append(time.monotonic() - t0)
        ids = []
        for raw in done.stdout.splitlines():
            try:
                ids.append(json.loads(raw).get("id"))
            except ValueError:
                bad_lines += 1
        missing = expected - set(ids)
        if missing or len(ids) != len(expected):
            lost_runs += 1
            lost_answers += len(missing)
            print(f"run {run}: answers for {sorted(ids, key=str)}, missing {sorted(missing)}", file=sys.stderr)
finally:
    for hog in hogs:
        hog.kill()
        hog.wait()
seconds.sort()
summary = {"runs": args.runs, "load": args.load, "requests_per_run": len(expected), "runs_with_lost_answers": lost_runs,
           "answers_lost": lost_answers, "non_json_stdout_lines": bad_lines,
           "median_run_seconds": round(seconds[len(seconds) // 2], 2), "loadavg": open("/proc/loadavg").read().split()[:3],
           "command": cmd[:-1] + ["<dir>"]}
os.makedirs(os.path.join(HERE, "work"), exist_ok=True)
with open(os.path.join(HERE, "work", f"pipe-eof-{args.load}.json"), "w") as f:
    json.dump(summary, f, indent=2)
print(json.dumps(summary))
sys.exit(1 if lost_runs or bad_lines else 0)

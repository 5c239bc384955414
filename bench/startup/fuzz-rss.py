#!/usr/bin/env python3
"""Memory and stderr under protocol junk (issue 17): RSS before and after 10,000 malformed lines and one 32 MB line.

    python3 fuzz-rss.py [--lines 10000] [--launcher] [--java PATH]

Spawns the server on the filesystem adapter, makes 50 normal calls, forces a GC (jcmd GC.run) and reads VmRSS;
then sends the junk (random shapes: bad JSON, wrong ids, wrong-shape responses, batches, deep nesting, big strings,
one line of 32 MB), a normal call that must be answered, GC again and reads VmRSS. Counts stderr lines and stack
frames ("\\tat "). Standard library only; prints one JSON line, writes work/fuzz-rss.json.
"""
import argparse, json, os, random, shutil, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ap = argparse.ArgumentParser()
ap.add_argument("--lines", type=int, default=10000)
ap.add_argument("--launcher", action="store_true")
ap.add_argument("--java", default="java")
args = ap.parse_args()

folder = tempfile.mkdtemp(prefix="fuzz-")
open(os.path.join(folder, "a.txt"), "w").write("hello\n")
os.makedirs(os.path.join(HERE, "work"), exist_ok=True)
jar = os.path.join(HERE, "work", "fuzz-rss.jar")
shutil.copyfile(os.path.join(ROOT, "target", "mcp-bridge.jar"), jar)
os.environ["MCP_BRIDGE_JAR"] = jar
cmd = ([os.path.join(ROOT, "bin", "mcp-bridge")] if args.launcher
       else [args.java, "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", jar]) + ["--adapter", "filesystem", folder]
p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
stderr_lines, frames = [0], [0]

def drain_stderr():
    for line in p.stderr:
        stderr_lines[0] += 1
        if line.startswith(b"\tat "):
            frames[0] += 1
threading.Thread(target=drain_stderr, daemon=True).start()
answers = {}
cond = threading.Condition()

def read_stdout():
    for line in p.stdout:
        try:
            m = json.loads(line)
        except ValueError:
            continue
        with cond:
            answers[str(m.get("id"))] = m
            cond.notify_all()
threading.Thread(target=read_stdout, daemon=True).start()

def send(obj_or_text):
    data = obj_or_text if isinstance(obj_or_text, (bytes, str)) else json.dumps(obj_or_text)
    p.stdin.write((data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")) + b"\n")
    p.stdin.flush()

def call(i):
    send({"jsonrpc": "2.0", "id": f"c{i}", "method": "tools/call",
          "params": {"name": "read_text_file", "arguments": {"path": os.path.join(folder, "a.txt")}}})
    with cond:
        if not cond.wait_for(lambda: f"c{i}" in answers, timeout=300):
            raise SystemExit(f"no answer to call c{i}: the session died")

def rss_after_gc():
    java_pid = p.pid
    jcmd = shutil.which("jcmd")
    if jcmd:
        subprocess.run([jcmd, str(java_pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    for line in open(f"/proc/{java_pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024

send({"jsonrpc": "2.0", "id": "init", "method": "initialize", "params": {"protocolVersion": "2025-06-18",
      "capabilities": {}, "clientInfo": {"name": "fuzz", "version": "1"}}})
send({"jsonrpc": "2.0", "method": "notifications/initialized"})
for i in range(50):
    call(i)
before = rss_after_gc()
stderr_before = stderr_lines[0]
rnd = random.Random(17)
shapes = [
    lambda: "{not json", lambda: "[1,2,3]", lambda: '"text"', lambda: "null",
    lambda: '{"jsonrpc":"2.0","id":%s,"method":"ping"}' % rnd.choice(["null", "true", "1.5", "-0.0", "1e400",
                                                                      "9223372036854775808", '{"a":1}', "[1,2]"]),
    lambda: '{"jsonrpc":"2.0","id":5,"error":"boom"}', lambda: '{"jsonrpc":"2.0","id":5,"result":{},"error":{}}',
    lambda: '{"jsonrpc":"2.0","id":%d,"result":{}}' % rnd.randrange(10**6),
    lambda: "[" * rnd.randrange(1000, 100000), lambda: '{"a":"' + "x" * rnd.randrange(10, 1 << 20) + '"}',
    lambda: bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 200))).replace(b"\n", b" "),
    lambda: '{"jsonrpc":"2.0","method":"notifications/roots/list_changed"}',
    lambda: '{"jsonrpc":"2.0","id":"x%d","method":"no/such/method"}' % rnd.randrange(10**6),
]
for _ in range(args.lines):
    send(rnd.choice(shapes)())
send('{"a":"' + "y" * (32 << 20) + '"}')
call(1000)
after = rss_after_gc()
result = {"rss_before_mb": before, "rss_after_mb": after, "ratio": round(after / before, 2), "junk_lines": args.lines + 1,
          "stderr_lines_during_fuzz": stderr_lines[0] - stderr_before, "stack_frames": frames[0],
          "loadavg": open("/proc/loadavg").read().split()[:3], "command": cmd[:-1] + ["<dir>"]}
p.stdin.close()
p.wait(timeout=300)
os.makedirs(os.path.join(HERE, "work"), exist_ok=True)
json.dump(result, open(os.path.join(HERE, "work", "fuzz-rss.json"), "w"), indent=2)
print(json.dumps(result))

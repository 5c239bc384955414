#!/usr/bin/env python3
"""How often does our server lose an answer? Runs S fresh sessions of mcp-bridge (and, for comparison, the official
server), each with C sequential read_text_file calls and then R pipelined rounds of N calls, and counts answers that
never come (a call counts as lost after --timeout seconds without any answer) and sessions that stop answering.
The stderr line "Failed to enqueue message" (MCP Java SDK StdioServerTransportProvider, tryEmitNext racing between
two emitting threads) is counted too.

    python3 stress.py [--jar JAR] [--sessions 10] [--calls 3000] [--rounds 3] [--pipeline 2000] [--timeout 5]
"""
import argparse
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in bench/filesystem
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mcpclient import Session, jar_path, official_server, ours_argv, theirs_argv  # noqa: E402


def run(label, argv, opts, path):
    stats = {"sessions": 0, "seq_calls": 0, "seq_lost": 0, "pipe_calls": 0, "pipe_lost": 0, "dead_sessions": 0,
             "enqueue_failures": 0}
    t = time.perf_counter()
    for k in range(opts.sessions):
        s = Session(argv, timeout=opts.timeout)
        s.initialize()
        stats["sessions"] += 1
        dead = False
        for i in range(opts.calls):
            try:
                s.call("read_text_file", {"path": path})
                stats["seq_calls"] += 1
            except TimeoutError:
                stats["seq_lost"] += 1
                try:
                    s.request("ping", timeout=opts.timeout)
                except (TimeoutError, EOFError):
                    dead = True
                    break
            except EOFError:
                dead = True
                break
        for r in range(0 if dead else opts.rounds):
            try:
                _, _, n_lost = s.pipelined("read_text_file", {"path": path}, opts.pipeline, idle=opts.timeout)
            except (EOFError, BrokenPipeError):
                dead = True
                break
            stats["pipe_calls"] += opts.pipeline
            stats["pipe_lost"] += n_lost
            if n_lost:
                try:
                    s.request("ping", timeout=opts.timeout)
                except (TimeoutError, EOFError):
                    dead = True
                    break
        stats["dead_sessions"] += dead
        stats["enqueue_failures"] += sum("Failed to enqueue message" in l and not l.lstrip().startswith("at ")
                                         and not l.lstrip().startswith("Caused") for l in s.stderr)
        if dead and s.proc.poll() is None:
            s.proc.kill()
        s.close(timeout=5)
        print("%s session %d: %s" % (label, k + 1, stats), file=sys.stderr, flush=True)
    stats["seconds"] = round(time.perf_counter() - t, 1)
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jar")
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--calls", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pipeline", type=int, default=2000)
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--ours-only", action="store_true")
    opts = ap.parse_args()
    d = "/tmp/fsbench-small"
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "stress.txt")
    with open(path, "w") as f:
        f.write("".join("line %d\n" % i for i in range(40)))
    results = {"mcp-bridge": run("mcp-bridge", ours_argv(jar_path(opts.jar), [d]), opts, path)}
    if not opts.ours_only:
        results["server-filesystem"] = run("server-filesystem", theirs_argv(official_server(), [d]), opts, path)
    print("| server | sessions | sequential calls answered | lost | pipelined calls | lost | sessions that stopped "
          "answering | 'Failed to enqueue message' on stderr | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, r in results.items():
        print("| %s | %d | %d | %d | %d | %d | %d | %d | %.0f |" % (
            label, r["sessions"], r["seq_calls"], r["seq_lost"], r["pipe_calls"], r["pipe_lost"],
            r["dead_sessions"], r["enqueue_failures"], r["seconds"]))


if __name__ == "__main__":
    main()

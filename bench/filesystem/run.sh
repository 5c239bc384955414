#!/usr/bin/env bash
# Filesystem parity check and benchmark: mcp-bridge's filesystem adapter vs @modelcontextprotocol/server-filesystem.
#
#   bench/filesystem/run.sh [bench|parity|stress|all] [extra arguments for that script]
#
#   bench   (default) bench.py: warm read_text_file latency/throughput, directory_tree and search_files on a
#           generated 100 000-file tree (/tmp/fsbench-tree100k, made once), search_file_contents vs grep and rg,
#           and a JFR profile of ours; writes the generated part of RESULTS.md and work/results.json (~5 min)
#   parity  parity.py: the same calls to both servers on two copies of a small tree; prints the table and writes
#           work/parity-table.md and work/parity-details.txt (a few seconds; always exits 0)
#   stress  stress.py: how often our server loses an answer under sequential and pipelined calls
#   all     parity, then bench
#
# The jar: $MCP_BRIDGE_JAR, else target/mcp-bridge.jar (built with `mvn -q -B package -DskipTests` if missing).
# The official server: bench/filesystem/node_modules (npm ci here, pinned by package-lock.json) or, if already
# installed there, bench/startup/node_modules (same pinned version). ripgrep: `apt-get install -y ripgrep`
# (without it the rg column is left empty).
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)

for tool in java node python3; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done
command -v rg >/dev/null || echo "run.sh: ripgrep (rg) not found: apt-get install -y ripgrep; its column stays empty" >&2

export MCP_BRIDGE_JAR=${MCP_BRIDGE_JAR:-$root/target/mcp-bridge.jar}
if [ ! -f "$MCP_BRIDGE_JAR" ]; then
    echo "run.sh: building $MCP_BRIDGE_JAR" >&2
    (cd "$root" && mvn -q -B package -DskipTests)
fi
fs=node_modules/@modelcontextprotocol/server-filesystem/dist/index.js
if [ ! -f "$here/$fs" ] && [ ! -f "$root/bench/startup/$fs" ]; then
    echo "run.sh: installing the official filesystem server (npm ci)" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

what=${1:-bench}
[ $# -gt 0 ] && shift
case "$what" in
    bench)  exec python3 "$here/bench.py" "$@" ;;
    parity) exec python3 "$here/parity.py" "$@" ;;
    stress) exec python3 "$here/stress.py" "$@" ;;
    all)    python3 "$here/parity.py" "$@"; exec python3 "$here/bench.py" ;;
    *)      echo "usage: run.sh [bench|parity|stress|all] [args]" >&2; exit 2 ;;
esac

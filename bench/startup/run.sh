#!/usr/bin/env bash
# Startup and stdio latency benchmark: mcp-bridge (plain, AppCDS, C1, bin/mcp-bridge) vs the official filesystem
# MCP server from npm. No arguments needed; extra arguments go to bench.py (--runs N, --calls N, --warmup N).
# Writes bench/startup/RESULTS.md (also printed) and bench/startup/work/results.json.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)

for tool in java node npm python3; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done

if [ ! -f "$root/target/mcp-bridge.jar" ]; then
    echo "run.sh: building target/mcp-bridge.jar" >&2
    (cd "$root" && mvn -q -B package -DskipTests)
fi
if [ ! -d "$here/node_modules/@modelcontextprotocol/server-filesystem" ]; then
    echo "run.sh: installing the filesystem server (npm ci)" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

exec python3 "$here/bench.py" "$@"

#!/usr/bin/env bash
# Start-up, latency and memory: mcp-bridge (jar on 17, bin/mcp-bridge on 17 and 25, all four adapters on 25) vs the
# official filesystem MCP server from npm, every side driven by the official MCP TypeScript client.
# No arguments needed; extra arguments go to client-bench.mjs (--runs N, --calls N, --warmup N, --only a,b, --baseline JAR).
# Writes bench/startup/RESULTS.md (also printed) and bench/startup/work/client-results.json.
# The other scripts here: pipe-eof.py (answers lost when a session is piped then stdin closes), fuzz-rss.py (memory
# and stderr under protocol junk), bench.py (raw JSON-RPC driver with the JVM's class-loading timeline, RESULTS-raw.md).
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)

for tool in java node npm; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done

if [ ! -f "$root/target/mcp-bridge.jar" ]; then
    echo "run.sh: building target/mcp-bridge.jar" >&2
    (cd "$root" && mvn -q -B package -DskipTests)
fi
if [ ! -d "$here/node_modules/@modelcontextprotocol/server-filesystem" ] || [ ! -d "$here/node_modules/@modelcontextprotocol/sdk" ]; then
    echo "run.sh: installing the filesystem server (npm ci)" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

exec node "$here/client-bench.mjs" "$@"

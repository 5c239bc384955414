#!/usr/bin/env bash
# Per-call overhead of a kind: openapi tool: mcp-bridge (examples/openapi) vs a direct HTTP call to the same local
# API and vs @ivotoby/openapi-mcp-server (npm, pinned in package.json), both MCP sides through the official MCP
# TypeScript client. No arguments needed; extra arguments go to bench.mjs (--rounds N --calls N --warmup N
# --java PATH --jar JAR). Writes bench/openapi/RESULTS.md (also printed).
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
if [ ! -d "$here/node_modules/@ivotoby/openapi-mcp-server" ] || [ ! -d "$here/node_modules/@modelcontextprotocol/sdk" ]; then
    echo "run.sh: installing the client and the peer (npm ci)" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/bench.mjs" "$@"

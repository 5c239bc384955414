#!/usr/bin/env bash
# quickfiles benchmark: search_in_files vs ripgrep, search_and_replace vs sed -i, on a generated 10 000-file tree,
# through the official MCP TypeScript client (see bench.mjs for what is measured).
#
#   bench/quickfiles/run.sh [--files N] [--runs N] [--tree DIR]
#
# The jar: $MCP_BRIDGE_JAR, else target/mcp-bridge.jar (built with `mvn -q -B package -DskipTests` if missing).
# Needs node, java, ripgrep (`apt-get install -y ripgrep`) and sed; installs the pinned client with `npm ci` here.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)
for tool in java node rg sed xargs; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done
export MCP_BRIDGE_JAR=${MCP_BRIDGE_JAR:-$root/target/mcp-bridge.jar}
if [ ! -f "$MCP_BRIDGE_JAR" ]; then
    echo "run.sh: building $MCP_BRIDGE_JAR" >&2
    (cd "$root" && mvn -q -B package -DskipTests)
fi
if [ ! -d "$here/node_modules/@modelcontextprotocol/sdk" ]; then
    (cd "$here" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; \
        else npm install --no-audit --no-fund --loglevel=error; fi)
fi
exec node "$here/bench.mjs" "$MCP_BRIDGE_JAR" "$@"

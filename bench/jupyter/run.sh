#!/usr/bin/env bash
# jupyter benchmark: mcp-bridge's jupyter adapter vs nbclient's jupyter-execute (Debian python3-nbclient).
#   bench/jupyter/run.sh [JAR] [RUNS]
# JAR defaults to $BRIDGE_JAR, else <repo>/target/mcp-bridge.jar (mvn -q -B package -DskipTests). Uses the MCP
# TypeScript SDK installed in src/test/js (npm ci there). Writes bench/jupyter/RESULTS.md (also printed).
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)
jar=${1:-${BRIDGE_JAR:-$root/target/mcp-bridge.jar}}
runs=${2:-5}
python=${JUPYTER_PYTHON:-/usr/bin/python3}
[ -f "$jar" ] || { echo "run.sh: $jar is missing: build it (mvn -q -B package -DskipTests)" >&2; exit 1; }
"$python" -c 'import jupyter_server, ipykernel, nbclient' 2>/dev/null \
    || { echo "run.sh: $python needs jupyter_server, ipykernel and nbclient (apt-get install python3-jupyter-server python3-ipykernel python3-nbclient)" >&2; exit 1; }
[ -d "$root/src/test/js/node_modules/@modelcontextprotocol/sdk" ] || (cd "$root/src/test/js" && npm ci --no-audit --no-fund --loglevel=error)
MCP_SDK_DIR="$root/src/test/js" node "$here/bench.mjs" "$jar" "$python" "$runs" | tee "$here/RESULTS.md"

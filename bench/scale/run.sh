#!/usr/bin/env bash
# Scale-out benchmark: 1, 2 and 3 mcp-bridge instances behind HAProxy (stateful and --stateless) and alone, side by
# side with the MCP TypeScript SDK's everything server, then one instance killed (and one stopped) mid-run.
# Extra arguments go to bench.py (--sessions N, --duration S, --rounds N, --client sdk|raw, --java-opts "...").
# Writes bench/scale/RESULTS.md (also printed) and bench/scale/work/results.json.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)

for tool in java node npm python3; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] \
    || { echo "run.sh: haproxy is needed (Debian: apt-get install haproxy)" >&2; exit 1; }
if [ ! -f "$root/target/mcp-bridge.jar" ]; then
    echo "run.sh: building target/mcp-bridge.jar" >&2
    (cd "$root" && mvn -q -B package -DskipTests)
fi
if [ ! -d "$here/node_modules/@modelcontextprotocol/server-everything" ]; then
    echo "run.sh: installing the everything server and the MCP TypeScript SDK (npm ci)" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec python3 "$here/bench.py" "$@"

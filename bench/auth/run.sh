#!/usr/bin/env bash
# Per-call cost of the bearer check (none / static token / OAuth JWT); writes bench/auth/RESULTS.md.
# BENCH_SECONDS (default 10) and BENCH_WARMUP (default 5) set each mode's measured and warm-up time.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)
for tool in java node python3; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done
[ -f "$root/target/mcp-bridge.jar" ] || (cd "$root" && mvn -q -B package -DskipTests)
[ -d "$root/src/test/js/node_modules/oauth2-mock-server" ] || (cd "$root/src/test/js" && npm ci --no-audit --no-fund --loglevel=error)
exec python3 "$here/bench.py"

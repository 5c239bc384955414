#!/usr/bin/env bash
# win-cli adapter benchmark: execute_command over stdio and Streamable HTTP, 20 concurrent commands, and
# ssh_execute (kept-alive connection) against a fresh ssh process per command. Needs java, python3, and for the SSH
# part openssh-server and root (sshd on 127.0.0.1). Extra arguments go to bench.py (--calls N, --warmup N,
# --rounds N, --ssh-calls N). Writes bench/wincli/RESULTS.md (also printed).
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/../.." && pwd)
for tool in java python3; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done
if [ ! -f "$root/target/mcp-bridge.jar" ]; then
    echo "run.sh: building target/mcp-bridge.jar" >&2
    (cd "$root" && mvn -q -B package -DskipTests)
fi
exec python3 "$here/bench.py" "$@"

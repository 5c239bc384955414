#!/usr/bin/env bash
# The github adapter's request benchmark (not a test): the issue's scripted session against WireMock, with and
# without the HTTP cache. Usage: bench/github/run.sh [simulated GitHub latency in ms, default 0 and 50] [runs, default 5]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests test-compile
cp_file=target/bench-github.classpath
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="target/classes:target/test-classes:$(cat "$cp_file")"
for delay in ${1:-0 50}; do
  java -Xlog:disable -Xlog:all=warning:stderr -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    dev.mcpbridge.github.GitHubBench "$delay" "${2:-5}"
  echo
done

#!/usr/bin/env bash
# Runs JMH benchmarks and prints their throughput, alerts/s, bytes per alert (with -prof gc) and
# each library/floor ratio. Builds the benchmark jar first when it is missing.
#
# Usage: benchmarks/run-jmh.sh BENCHMARK-REGEX [JMH OPTIONS...]
# Examples:
#   benchmarks/run-jmh.sh HandlerBenchmark
#   benchmarks/run-jmh.sh StepBenchmark -prof gc
#   benchmarks/run-jmh.sh JdbcBenchmark -t 8
#   benchmarks/run-jmh.sh HandlerBenchmark -f 1 -wi 1 -i 1 -w 1s -r 1s   # smoke test
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
if [[ $# -lt 1 ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
if [[ ! -f "$JAR" ]]; then
  (cd "$ROOT" && mvn -q -B -pl benchmarks -am package -DskipTests)
fi
exec java -cp "$JAR" io.regen.webhook.benchmarks.Compare "$@"

#!/usr/bin/env bash
# Load test of the example receiver on 127.0.0.1, against a bare Jetty servlet that only reads
# the body and answers 202, and against Prometheus Alertmanager, all started and stopped here.
#
# For each body (1 and 100 alerts, the same body every time, so the keys exist after the first
# request), it first warms every target up with 16 connections, because the JIT compilers of the
# Java servers need about 15 s of load on two cores before throughput settles. Then, for each
# connection count, it runs wrk on every target in turn. It prints requests/s, alerts/s and
# p50/p99 latency per run, and the ratios.
#
# Usage: benchmarks/load/run-load.sh
# Environment (defaults in brackets):
#   DURATION [12s]       length of each measured run
#   WARMUP [15s]         length of the warm-up of each target before each body size
#   ALERTS ["1 100"]     alerts per request
#   CONNECTIONS ["1 16"] concurrent connections
#   TARGETS ["bare memory h2 alertmanager"]  bare servlet, receiver --memory, receiver with its
#                        default H2 file store, Alertmanager
#   JAVA_OPTS [-Xms1g -Xmx1g]  options of both Java servers
#   RESULTS [benchmarks/target/load-results.txt]  where the table is written as well
#   BASE_PORT [18080]    first of the four ports used
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOAD_DIR="$ROOT/benchmarks/load"
DURATION=${DURATION:-12s}
WARMUP=${WARMUP:-15s}
ALERTS=${ALERTS:-"1 100"}
CONNECTIONS=${CONNECTIONS:-"1 16"}
TARGETS=${TARGETS:-"bare memory h2 alertmanager"}
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx1g"}
RESULTS=${RESULTS:-"$ROOT/benchmarks/target/load-results.txt"}
BASE_PORT=${BASE_PORT:-18080}
SECRET="load-test-secret-0123456789abcdef"
EXAMPLE_JAR="$ROOT/examples/target/regen-webhook-example.jar"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
WEBHOOK_PATH=/api/v1/webhooks/generic

declare -A PORT=(
  [bare]=$BASE_PORT [memory]=$((BASE_PORT + 1)) [h2]=$((BASE_PORT + 2))
  [alertmanager]=$((BASE_PORT + 3)))

require_command() {
  local command=$1 package=$2
  if ! command -v "$command" >/dev/null; then
    echo "Installing $package, which provides $command"
    apt-get install -y "$package" >/dev/null
  fi
}

require_command wrk wrk
require_command prometheus-alertmanager prometheus-alertmanager
require_command curl curl
require_command bc bc
if [[ ! -f "$EXAMPLE_JAR" || ! -f "$BENCH_JAR" ]]; then
  echo "Building the example receiver and the benchmarks"
  (cd "$ROOT" && mvn -q -B -pl benchmarks,examples -am package -DskipTests)
fi

WORK=$(mktemp -d -t regen-load.XXXXXX)
declare -A PID=()

cleanup() {
  local name
  for name in "${!PID[@]}"; do
    kill "${PID[$name]}" 2>/dev/null || true
  done
  for name in "${!PID[@]}"; do
    wait "${PID[$name]}" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits until the URL returns the status, or fails after 60 seconds.
wait_until_ready() {
  local name=$1 url=$2 status=$3
  for _ in $(seq 1 120); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == "$status" ]]; then
      return 0
    fi
    if ! kill -0 "${PID[$name]}" 2>/dev/null; then
      echo "$name exited during start-up; its log:" >&2
      cat "$WORK/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$name did not become ready within 60 s; its log:" >&2
  cat "$WORK/$name.log" >&2
  exit 1
}

start_target() {
  local name=$1 port=${PORT[$1]}
  if port_in_use "$port"; then
    echo "Port $port for $name is in use; set BASE_PORT to a free range" >&2
    exit 1
  fi
  case $name in
    bare)
      # shellcheck disable=SC2086
      java $JAVA_OPTS -cp "$BENCH_JAR" io.regen.webhook.benchmarks.BareServlet "$port" \
        >"$WORK/$name.log" 2>&1 &
      PID[$name]=$!
      wait_until_ready "$name" "http://127.0.0.1:$port$WEBHOOK_PATH" 405
      ;;
    memory | h2)
      local store_option=()
      [[ $name == memory ]] && store_option=(--memory)
      mkdir -p "$WORK/$name"
      # The receiver's default H2 store lives in ./regen-data, here inside the work folder.
      # shellcheck disable=SC2086
      (cd "$WORK/$name" && REGEN_WEBHOOK_SECRETS="$SECRET" exec java $JAVA_OPTS \
        -jar "$EXAMPLE_JAR" --bind 127.0.0.1 --port "$port" "${store_option[@]}") \
        >"$WORK/$name.log" 2>&1 &
      PID[$name]=$!
      wait_until_ready "$name" "http://127.0.0.1:$port/health" 200
      ;;
    alertmanager)
      mkdir -p "$WORK/alertmanager-data"
      prometheus-alertmanager --config.file="$LOAD_DIR/alertmanager.yml" \
        --storage.path="$WORK/alertmanager-data" \
        --web.listen-address="127.0.0.1:$port" --cluster.listen-address= \
        --log.level=warn >"$WORK/$name.log" 2>&1 &
      PID[$name]=$!
      wait_until_ready "$name" "http://127.0.0.1:$port/-/ready" 200
      ;;
  esac
}

# Runs wrk once and prints its RESULT line.
run_wrk() {
  local name=$1 alerts=$2 connections=$3 duration=$4
  local body path signature="" threads=1
  if [[ $name == alertmanager ]]; then
    body="$WORK/bodies/alertmanager-$alerts.json"
    path=/api/v2/alerts
  else
    body="$WORK/bodies/webhook-$alerts.json"
    path=$WEBHOOK_PATH
    signature=$(cat "$WORK/bodies/webhook-$alerts.sig")
  fi
  ((connections > 1)) && threads=2
  LOAD_BODY="$body" LOAD_PATH="$path" LOAD_SIGNATURE="$signature" \
    wrk -t "$threads" -c "$connections" -d "$duration" --timeout 10s --latency \
    -s "$LOAD_DIR/post.lua" \
    "http://127.0.0.1:${PORT[$name]}" | grep '^RESULT'
}

field() {
  sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}

java -cp "$BENCH_JAR" io.regen.webhook.benchmarks.LoadBodies "$WORK/bodies" "$SECRET"
for name in $TARGETS; do
  start_target "$name"
done

mkdir -p "$(dirname "$RESULTS")"
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo \
    | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# $DURATION per run after $WARMUP of warm-up per target and body size;" \
    "JAVA_OPTS $JAVA_OPTS; $(java -version 2>&1 | head -1)"
  printf '%-13s %6s %5s %10s %11s %9s %9s %8s\n' \
    target alerts conns requests/s alerts/s p50_ms p99_ms errors
} | tee "$RESULTS"

declare -A RATE=()
for alerts in $ALERTS; do
  for name in $TARGETS; do
    run_wrk "$name" "$alerts" 16 "$WARMUP" >/dev/null
  done
  for connections in $CONNECTIONS; do
    for name in $TARGETS; do
      result=$(run_wrk "$name" "$alerts" "$connections" "$DURATION")
      rps=$(field rps "$result")
      errors=$(($(field http_errors "$result") + $(field socket_errors "$result")))
      RATE[$name/$alerts/$connections]=$rps
      printf '%-13s %6s %5s %10s %11.0f %9s %9s %8s\n' "$name" "$alerts" "$connections" \
        "$rps" "$(bc -l <<<"$rps * $alerts")" "$(field p50_ms "$result")" \
        "$(field p99_ms "$result")" "$errors" | tee -a "$RESULTS"
    done
  done
done

ratio() {
  local name=$1 alerts=$2 connections=$3 baseline=$4 label=$5
  local own=${RATE[$name/$alerts/$connections]:-} base=${RATE[$baseline/$alerts/$connections]:-}
  if [[ -n $own && -n $base ]]; then
    printf 'ratio %-8s / %-13s alerts=%-3s conns=%-2s %s = %.2f\n' "$name" "$baseline" \
      "$alerts" "$connections" "$label" "$(bc -l <<<"$own / $base")" | tee -a "$RESULTS"
  fi
}

echo | tee -a "$RESULTS"
for alerts in $ALERTS; do
  for connections in $CONNECTIONS; do
    for name in memory h2; do
      ratio "$name" "$alerts" "$connections" bare "requests/s"
      ratio "$name" "$alerts" "$connections" alertmanager "alerts/s"
    done
  done
done

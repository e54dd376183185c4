#!/usr/bin/env bash
# Load test of the example receiver on 127.0.0.1, against a bare Jetty servlet that only reads
# the body and answers 202, and against Prometheus Alertmanager, all started and stopped here.
#
# For each body (1 and 100 alerts, the same body every time, so the keys exist after the first
# request), it first warms every target up with 16 connections, in slices of WARMUP. It stops
# when the JIT compiler threads of a Java server used less than 5 % of one core during a slice,
# or after WARMUP_SLICES slices, and prints how many slices each target took. On two cores shared
# with other work the receiver's compilers took more than a minute, and a run that includes their
# work measures the compilers, not the server. Then, for each connection count, it runs wrk on
# every target in turn, ROUNDS times, so that a change in the machine's other load hits every
# target alike. wrk uses the same threads, connections, duration and script for every target:
# 1 thread for 1 connection, 2 otherwise.
#
# Each run prints requests/s, alerts/s, p50/p99 latency and the server's CPU time per request,
# counting all its threads, JIT compilers and garbage collector included. It also prints the CPU
# use of the server and of wrk in percent of one core, and the machine's 1-minute load average
# when the run ended. CPU time per request depends much less on other load than requests/s does,
# so it is the figure to compare on a busy machine. The summary gives the median of the rounds,
# and the ratios for every body and connection count: by requests/s and by CPU time per request
# against the bare servlet, and by alerts/s and by alerts per CPU second against Alertmanager.
#
# Usage: benchmarks/load/run-load.sh
# Environment (defaults in brackets):
#   DURATION [8s]        length of each measured run
#   ROUNDS [3]           measured runs per target, body and connection count; the summary shows
#                        their median
#   WARMUP [15s]         length of one warm-up slice
#   WARMUP_SLICES [6]    most warm-up slices per target and body size
#   ALERTS ["1 100"]     alerts per request
#   CONNECTIONS ["1 16"] concurrent connections
#   TARGETS ["bare memory h2 alertmanager"]  bare servlet, receiver --memory, receiver with its
#                        default H2 file store, Alertmanager. Add bare-json for a bare servlet
#                        that returns a JSON body as large as the receiver's response to a
#                        1-alert request. It shows what that response costs
#   PIN [none]           SERVER_CPUS:WRK_CPUS, such as 1:0, runs every server on the first CPU
#                        list and wrk on the second (taskset -c), so that wrk never takes CPU time
#                        from the server it measures. Every target then has one core on a
#                        two-core machine, Alertmanager included, whose Go runtime follows the
#                        CPU affinity. With 1 connection, pinning tripled the bare servlet's CPU
#                        time per request in one measurement, likely because Jetty's selector and
#                        worker threads then take turns on one core, so it suits 16 connections
#   JAVA_OPTS [-Xms1g -Xmx1g]  options of every Java server
#   RECEIVER_JAVA_OPTS []  further options of the receivers only, such as
#                        -XX:StartFlightRecording=filename=receiver.jfr; each receiver starts in
#                        a folder of its own under a temporary folder, so give an absolute path
#   RESULTS [benchmarks/target/load-results.txt]  where the table is written as well
#   BASE_PORT [18080]    first of the five ports used
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOAD_DIR="$ROOT/benchmarks/load"
DURATION=${DURATION:-8s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-15s}
WARMUP_SLICES=${WARMUP_SLICES:-6}
ALERTS=${ALERTS:-"1 100"}
CONNECTIONS=${CONNECTIONS:-"1 16"}
TARGETS=${TARGETS:-"bare memory h2 alertmanager"}
PIN=${PIN:-}
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx1g"}
RECEIVER_JAVA_OPTS=${RECEIVER_JAVA_OPTS:-}
RESULTS=${RESULTS:-"$ROOT/benchmarks/target/load-results.txt"}
BASE_PORT=${BASE_PORT:-18080}
SECRET="load-test-secret-0123456789abcdef"
EXAMPLE_JAR="$ROOT/examples/target/regen-webhook-example.jar"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
WEBHOOK_PATH=/api/v1/webhooks/generic
# Bytes of the receiver's 202 body for one updated alert of LoadBodies' 1-alert body.
RECEIVER_RESPONSE_BYTES=192

declare -A PORT=(
  [bare]=$BASE_PORT [memory]=$((BASE_PORT + 1)) [h2]=$((BASE_PORT + 2))
  [alertmanager]=$((BASE_PORT + 3)) [bare-json]=$((BASE_PORT + 4)))

for name in $TARGETS; do
  if [[ -z ${PORT[$name]:-} ]]; then
    echo "Unknown target '$name' in TARGETS; use bare, bare-json, memory, h2 or alertmanager" >&2
    exit 2
  fi
done
if [[ ! $WARMUP =~ ^[1-9][0-9]*s$ ]]; then
  echo "Invalid WARMUP '$WARMUP': give whole seconds, such as 15s" >&2
  exit 2
fi
SERVER_PIN=()
WRK_PIN=()
if [[ -n $PIN ]]; then
  if [[ ! $PIN =~ ^[0-9,-]+:[0-9,-]+$ ]]; then
    echo "Invalid PIN '$PIN': use SERVER_CPUS:WRK_CPUS, such as 1:0" >&2
    exit 2
  fi
  SERVER_PIN=(taskset -c "${PIN%%:*}")
  WRK_PIN=(taskset -c "${PIN##*:}")
fi

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
require_command taskset util-linux
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
    bare | bare-json)
      local response_bytes=0
      [[ $name == bare-json ]] && response_bytes=$RECEIVER_RESPONSE_BYTES
      # shellcheck disable=SC2086
      "${SERVER_PIN[@]}" java $JAVA_OPTS -cp "$BENCH_JAR" io.regen.webhook.benchmarks.BareServlet \
        "$port" "$response_bytes" >"$WORK/$name.log" 2>&1 &
      PID[$name]=$!
      wait_until_ready "$name" "http://127.0.0.1:$port$WEBHOOK_PATH" 405
      ;;
    memory | h2)
      local store_option=()
      [[ $name == memory ]] && store_option=(--memory)
      mkdir -p "$WORK/$name"
      # The receiver's default H2 store lives in ./regen-data, here inside the work folder.
      # shellcheck disable=SC2086
      (cd "$WORK/$name" && REGEN_WEBHOOK_SECRETS="$SECRET" exec "${SERVER_PIN[@]}" java \
        $JAVA_OPTS $RECEIVER_JAVA_OPTS -jar "$EXAMPLE_JAR" --bind 127.0.0.1 --port "$port" \
        "${store_option[@]}") >"$WORK/$name.log" 2>&1 &
      PID[$name]=$!
      wait_until_ready "$name" "http://127.0.0.1:$port/health" 200
      ;;
    alertmanager)
      mkdir -p "$WORK/alertmanager-data"
      "${SERVER_PIN[@]}" prometheus-alertmanager --config.file="$LOAD_DIR/alertmanager.yml" \
        --storage.path="$WORK/alertmanager-data" \
        --web.listen-address="127.0.0.1:$port" --cluster.listen-address= \
        --log.level=warn >"$WORK/$name.log" 2>&1 &
      PID[$name]=$!
      wait_until_ready "$name" "http://127.0.0.1:$port/-/ready" 200
      ;;
  esac
}

# Prints the user and system CPU time in a /proc stat file, in clock ticks.
stat_ticks() {
  local stat
  stat=$(<"$1") || return 1
  # utime and stime are fields 14 and 15 of the line. They are counted after the command name,
  # because that name is in parentheses and may contain spaces.
  read -r -a fields <<<"${stat##*) }"
  echo $((fields[11] + fields[12]))
}

# Prints the CPU time that the process has used so far, all threads, in clock ticks.
cpu_ticks() {
  stat_ticks "/proc/$1/stat"
}

# Prints the CPU time that the JIT compiler threads of the process have used so far, in clock
# ticks: 0 for a process without such threads.
jit_ticks() {
  local task comm ticks total=0
  for task in /proc/"$1"/task/*; do
    comm=$(<"$task/comm") || continue
    [[ $comm == C[12]" CompilerThre"* ]] || continue
    ticks=$(stat_ticks "$task/stat") || continue
    total=$((total + ticks))
  done
  echo "$total"
}

# Warms a target up with 16 connections until its JIT compilers are nearly idle during a slice.
warm_up() {
  local name=$1 alerts=$2 slice jit_before jit_used seconds
  seconds=${WARMUP%s}
  for slice in $(seq 1 "$WARMUP_SLICES"); do
    jit_before=$(jit_ticks "${PID[$name]}")
    run_wrk "$name" "$alerts" 16 "$WARMUP" >/dev/null
    jit_used=$(($(jit_ticks "${PID[$name]}") - jit_before))
    # Less than 5 % of one core: ticks * 100 < 5 * seconds * ticks per second.
    if ((jit_used * 100 < 5 * seconds * TICKS_PER_SECOND)); then
      break
    fi
  done
  printf '# warm-up of %s, %s-alert bodies: %s x %s, JIT compilers at %.1f %% of a core in the' \
    "$name" "$alerts" "$slice" "$WARMUP" \
    "$(bc -l <<<"100 * $jit_used / $seconds / $TICKS_PER_SECOND")"
  echo " last slice"
}

# Runs wrk once and prints its RESULT line, extended by the CPU use of the server and of wrk.
run_wrk() {
  local name=$1 alerts=$2 connections=$3 duration=$4
  local body path signature="" threads=1 server_before server_after result wrk_cpu
  if [[ $name == alertmanager ]]; then
    body="$WORK/bodies/alertmanager-$alerts.json"
    path=/api/v2/alerts
  else
    body="$WORK/bodies/webhook-$alerts.json"
    path=$WEBHOOK_PATH
    signature=$(cat "$WORK/bodies/webhook-$alerts.sig")
  fi
  ((connections > 1)) && threads=2
  server_before=$(cpu_ticks "${PID[$name]}")
  # bash's time reports wrk's own user and system CPU seconds on standard error.
  result=$({ TIMEFORMAT='WRKCPU %U %S'; time LOAD_BODY="$body" LOAD_PATH="$path" \
    LOAD_SIGNATURE="$signature" "${WRK_PIN[@]}" wrk -t "$threads" -c "$connections" \
    -d "$duration" --timeout 10s --latency -s "$LOAD_DIR/post.lua" \
    "http://127.0.0.1:${PORT[$name]}"; } 2>&1 | grep -E '^(RESULT|WRKCPU)')
  server_after=$(cpu_ticks "${PID[$name]}")
  wrk_cpu=$(sed -n 's/^WRKCPU \([^ ]*\) \([^ ]*\)$/\1 + \2/p' <<<"$result")
  echo "$(grep '^RESULT' <<<"$result") server_ticks=$((server_after - server_before))" \
    "wrk_seconds=$(bc -l <<<"$wrk_cpu")"
}

field() {
  sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}

# Prints the median of the numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    print (NR % 2 == 1) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

java -cp "$BENCH_JAR" io.regen.webhook.benchmarks.LoadBodies "$WORK/bodies" "$SECRET"
for name in $TARGETS; do
  start_target "$name"
done

TICKS_PER_SECOND=$(getconf CLK_TCK)
mkdir -p "$(dirname "$RESULTS")"
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo \
    | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# $ROUNDS rounds of $DURATION per run after a warm-up in slices of $WARMUP per target and" \
    "body size; pinning ${PIN:-none}; JAVA_OPTS $JAVA_OPTS; $(java -version 2>&1 | head -1)"
  printf '%-13s %6s %5s %5s %10s %11s %8s %8s %11s %7s %7s %6s %6s\n' \
    target alerts conns round requests/s alerts/s p50_ms p99_ms cpu_us/req srv_cpu% wrk_cpu% \
    errors load
} | tee "$RESULTS"

declare -A RATES=() COSTS=()
for alerts in $ALERTS; do
  for name in $TARGETS; do
    warm_up "$name" "$alerts" | tee -a "$RESULTS"
  done
  for connections in $CONNECTIONS; do
    for round in $(seq 1 "$ROUNDS"); do
      for name in $TARGETS; do
        result=$(run_wrk "$name" "$alerts" "$connections" "$DURATION")
        rps=$(field rps "$result")
        requests=$(field requests "$result")
        seconds=$(field seconds "$result")
        errors=$(($(field http_errors "$result") + $(field socket_errors "$result")))
        server_seconds=$(bc -l <<<"$(field server_ticks "$result") / $TICKS_PER_SECOND")
        cost=$(bc -l <<<"$server_seconds * 1000000 / $requests")
        key=$name/$alerts/$connections
        RATES[$key]="${RATES[$key]:-} $rps"
        COSTS[$key]="${COSTS[$key]:-} $cost"
        printf '%-13s %6s %5s %5s %10s %11.0f %8s %8s %11.1f %7.0f %7.0f %6s %6s\n' "$name" \
          "$alerts" "$connections" "$round" "$rps" "$(bc -l <<<"$rps * $alerts")" \
          "$(field p50_ms "$result")" "$(field p99_ms "$result")" "$cost" \
          "$(bc -l <<<"100 * $server_seconds / $seconds")" \
          "$(bc -l <<<"100 * $(field wrk_seconds "$result") / $seconds")" "$errors" \
          "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RESULTS"
      done
    done
  done
done

declare -A RATE=() COST=()
{
  echo
  echo "Median of $ROUNDS rounds"
  printf '%-13s %6s %5s %10s %11s %11s %14s\n' \
    target alerts conns requests/s alerts/s cpu_us/req alerts/cpu_s
} | tee -a "$RESULTS"
for alerts in $ALERTS; do
  for connections in $CONNECTIONS; do
    for name in $TARGETS; do
      key=$name/$alerts/$connections
      # shellcheck disable=SC2086
      RATE[$key]=$(median ${RATES[$key]})
      # shellcheck disable=SC2086
      COST[$key]=$(median ${COSTS[$key]})
      printf '%-13s %6s %5s %10.1f %11.0f %11.1f %14.0f\n' "$name" "$alerts" "$connections" \
        "${RATE[$key]}" "$(bc -l <<<"${RATE[$key]} * $alerts")" "${COST[$key]}" \
        "$(bc -l <<<"1000000 * $alerts / ${COST[$key]}")" | tee -a "$RESULTS"
    done
  done
done

# Prints the ratio of a receiver to a baseline, both by throughput and by CPU time: per request
# against a bare servlet, per alert against Alertmanager. A ratio above 1 favours the receiver.
ratio() {
  local name=$1 alerts=$2 connections=$3 baseline=$4
  local own=$name/$alerts/$connections base=$baseline/$alerts/$connections unit
  if [[ -n ${RATE[$own]:-} && -n ${RATE[$base]:-} ]]; then
    unit="requests/s"
    [[ $baseline == alertmanager ]] && unit="alerts/s"
    printf 'ratio %-8s / %-13s alerts=%-3s conns=%-2s %-10s = %.2f   by CPU time = %.2f\n' \
      "$name" "$baseline" "$alerts" "$connections" "$unit" \
      "$(bc -l <<<"${RATE[$own]} / ${RATE[$base]}")" \
      "$(bc -l <<<"${COST[$base]} / ${COST[$own]}")" | tee -a "$RESULTS"
  fi
}

echo | tee -a "$RESULTS"
for alerts in $ALERTS; do
  for connections in $CONNECTIONS; do
    for name in memory h2; do
      ratio "$name" "$alerts" "$connections" bare
      [[ $alerts == 1 ]] && ratio "$name" "$alerts" "$connections" bare-json
      ratio "$name" "$alerts" "$connections" alertmanager
    done
  done
done

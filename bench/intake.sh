#!/usr/bin/env bash
# Intake throughput and latency, open loop at fixed rates, on the bench stack (bench/bench-env.sh) with
# PostgreSQL's fsync and synchronous commit on. Builds the open-loop client (bench/loadgen, needs a C
# compiler) and intake (package, through the reactor), starts one intake instance (prod profile), warms
# it up, runs each rate, and right after each point a null endpoint (intake's GET /q/health/live: same
# JVM, same HTTP layer, no database) at the same rate. Authentication is on: every request carries a
# bearer token signed with the bench stack's key. Prints a table of both p99s and the GC pauses of each
# point (from the JVM's GC log), then the group-commit and outbox-to-Kafka lag figures from /q/metrics.
#
#   bench/intake.sh [rate ...]      default rates: 1000 2000 3000 4000 5000
#   SECONDS_PER_RATE (30), CONNECTIONS (128), WARMUP_SECONDS (240)
#   INTAKE_HEAP (-Xmx and -Xms, default 512m), INTAKE_JVM_OPTS (e.g. -XX:+UseParallelGC, for an A/B)
#   JFR=1: a flight recording (profile settings) of the measured points, bench/target/intake.jfr
#   BENCH_SKIP_BUILD=1 (the jar is built), BENCH_KEEP_STACK=1 (leave the bench stack up)
#
# Not a test: it prints figures; copy them with the method into docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bench/bench-env.sh
RATES=("${@:-1000 2000 3000 4000 5000}")
RUN_SECONDS=${SECONDS_PER_RATE:-30}
CONNECTIONS=${CONNECTIONS:-128}
PORT=${BENCH_PORT:-9391}
HEAP=${INTAKE_HEAP:-512m}
URL="http://127.0.0.1:$PORT/api/v1/tickets"
OUT=bench/target/intake
mkdir -p "$OUT"
rm -f "$OUT"/*

bench_openloop
cat > "$OUT/ticket.json" <<'JSON'
{"customerId":"cust-bench","summary":"Cannot reach the console of instance i-123","description":"Since 10:00 UTC the web console of our production instance times out; API calls work. We need help quickly please.","product":"ecs","region":"cn-north-1","impact":"SIGNIFICANT","urgency":"HIGH","language":"en"}
JSON

[[ -n ${BENCH_SKIP_BUILD:-} ]] || ./mvnw -q -B -o -pl deploy,services/intake -am package -Dmaven.test.skip=true
bench_stack_up
AUTH="Authorization: Bearer $(bench_token system bench-loadgen)"
LOG=$SWITCHBOARD_STACK_DIR/logs/bench-intake.log
# shellcheck disable=SC2086 # INTAKE_JVM_OPTS holds several options
HTTP_PORT=$PORT nohup "$JAVA" -Xmx$HEAP -Xms$HEAP ${INTAKE_JVM_OPTS:-} -Xlog:gc,safepoint:file="$OUT/gc.log":uptime \
  -jar services/intake/target/quarkus-app/quarkus-run.jar > "$LOG" 2>&1 &
INTAKE=$!
trap 'kill $INTAKE 2>/dev/null || true; wait $INTAKE 2>/dev/null || true; [[ -n ${BENCH_KEEP_STACK:-} ]] || deploy/stack.sh down > /dev/null 2>&1 || true' EXIT
bench_wait_ready "$PORT" "$INTAKE" "$LOG"
echo "# $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo ?), $(nproc) cores, ${RUN_SECONDS}s per rate, $CONNECTIONS connections, intake -Xmx$HEAP ${INTAKE_JVM_OPTS:-(default GC)}"
echo "# load before: $(uptime | sed 's/.*load average/load average/')"
# Warm-up: on 2 cores the JIT needs a few minutes of load before figures settle.
bench/target/openloop -u "$URL" -H "$AUTH" -b "$OUT/ticket.json" -r 3000 -d "${WARMUP_SECONDS:-240}" -c "$CONNECTIONS" > /dev/null
[[ -z ${JFR:-} ]] || jcmd $INTAKE JFR.start name=bench settings=profile filename="$ROOT/$OUT/intake.jfr" > /dev/null

gc_pauses() { # gc_pauses FROM_LINE: count, sum and max of the GC pauses logged since that line
  { tail -n +"$1" "$OUT/gc.log" | grep 'Pause' || true; } | { grep -o '[0-9.]*ms$' || true; } | tr -d 'ms' \
    | awk '{ n++; s += $1; if ($1 > m) m = $1 } END { printf "%d pauses, %.0f ms in all, max %.1f ms", n, s, m }'
}
SUMMARY=()
for rate in ${RATES[@]}; do
  from=$(($(wc -l < "$OUT/gc.log") + 1))
  echo "## offered $rate/s"
  bench/target/openloop -u "$URL" -H "$AUTH" -b "$OUT/ticket.json" -r "$rate" -d "$RUN_SECONDS" -w 5 -c "$CONNECTIONS" | tee "$OUT/rate-$rate.txt"
  gc=$(gc_pauses "$from")
  echo "gc $gc"
  sleep 3
  # The machine's and the HTTP layer's own tail at the same rate: intake's liveness check, no database.
  echo "## null endpoint (GET /q/health/live), offered $rate/s"
  bench/target/openloop -u "http://127.0.0.1:$PORT/q/health/live" -r "$rate" -d "$RUN_SECONDS" -w 5 -c "$CONNECTIONS" | tee "$OUT/null-$rate.txt"
  SUMMARY+=("$(printf '| %s/s | %s/s | %s | %s | %s | %s / %s | %s |' "$rate" "$(field achieved_rate < "$OUT/rate-$rate.txt")" \
    "$(field p50 < "$OUT/rate-$rate.txt")" "$(field p99 < "$OUT/rate-$rate.txt")" "$(field 'p99\.9' < "$OUT/rate-$rate.txt")" \
    "$(field p50 < "$OUT/null-$rate.txt")" "$(field p99 < "$OUT/null-$rate.txt")" "$gc")")
  sleep 3
done
[[ -z ${JFR:-} ]] || jcmd $INTAKE JFR.stop name=bench > /dev/null
echo "# load after: $(uptime | sed 's/.*load average/load average/')"
echo "# intake POST /api/v1/tickets against the null endpoint, ms (one run per point):"
echo "| offered | achieved | p50 | p99 | p99.9 | null p50 / p99 | GC pauses in the point (incl. its 5 s warm-up) |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${SUMMARY[@]}"
echo "# group commit and outbox relay lag (insert to Kafka ack), from /q/metrics, over the whole run:"
"$JAVA" deploy/src/script/HttpGet.java "http://127.0.0.1:$PORT/q/metrics" \
  | grep -E '^switchboard_(outbox_lag_seconds|intake_writer_group_(size|duration_seconds))(\{quantile|_max)' || true

#!/usr/bin/env bash
# Intake throughput and latency, open loop at fixed rates, against the real local stack with
# PostgreSQL's fsync and synchronous commit on. Starts the stack and one intake instance (prod
# profile), warms it up, runs each rate, then reads the outbox-to-Kafka lag from /q/metrics.
#
#   bench/intake.sh [rate ...]      default rates: 500 1000 2000 3000; SECONDS per rate (default 20)
#
# Not a test: it prints figures; copy them with the method into docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source deploy/stack-env.sh
RATES=("${@:-500 1000 2000 3000}")
RUN_SECONDS=${SECONDS_PER_RATE:-20}
PORT=${BENCH_PORT:-8191}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

./mvnw -q -B -pl services/intake -am install -DskipTests
deploy/stack.sh up > /dev/null
set -a; eval "$(stack_env)"; set +a
LOG=$SWITCHBOARD_STACK_DIR/logs/bench-intake.log
HTTP_PORT=$PORT nohup "$JAVA" -Xmx512m -jar services/intake/target/quarkus-app/quarkus-run.jar > "$LOG" 2>&1 &
INTAKE=$!
trap 'kill $INTAKE 2>/dev/null || true' EXIT
until "$JAVA" deploy/src/script/HttpProbe.java "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null; do
  kill -0 $INTAKE || { tail -n 30 "$LOG"; exit 1; }
  sleep 1
done
echo "# $(date -u +%FT%TZ), $(nproc) cores, intake pid $INTAKE, ${RUN_SECONDS}s per rate"
# Warm-up: on 2 cores the JIT needs about a minute of load before figures settle.
"$JAVA" bench/IntakeLoad.java "http://127.0.0.1:$PORT" 200 ${WARMUP_SECONDS:-60} > /dev/null
for rate in ${RATES[@]}; do
  "$JAVA" bench/IntakeLoad.java "http://127.0.0.1:$PORT" "$rate" "$RUN_SECONDS"
  sleep 3
done
echo "# outbox relay lag (insert to Kafka ack), from /q/metrics:"
"$JAVA" deploy/src/script/HttpGet.java "http://127.0.0.1:$PORT/q/metrics" | grep -E '^switchboard_outbox_lag_seconds(\{quantile|_max|_count)' || true

#!/usr/bin/env bash
# Routing latency at steady state: TicketOpened on support.tickets.v1 to TicketAssigned on
# support.routing.v1, open loop at fixed rates, against the real local stack (PostgreSQL with fsync
# and synchronous commit on). Starts one routing instance (prod profile), gives it AGENTS agents
# (capacity 3 each) in four 24x7 groups of the skill "bench", and resolves every assigned ticket
# after HANDLING_SECONDS, so that capacity frees as fast as it fills. The same run measures the bare
# Kafka round trip of the driver's own TicketOpened (the null figure).
#
#   bench/routing.sh [rate ...]      default rate: 500
#   SECONDS_PER_RATE: the measured seconds, after the warm-up (default 300)
#   WARMUP_SECONDS (default 120): sent, not measured; RAMP_SECONDS (default 60): the arrival rate rises from 0 to
#   the rate over the warm-up's first RAMP_SECONDS, so that a cold instance does not start behind
#   HANDLING_SECONDS (default 8), AGENTS (default 2000)
#   ROUTING_JAVA_OPTS: extra JVM options of the routing instance (e.g. a JFR recording to profile it)
#
# Uses a database of its own (routing_bench, made afresh and dropped at the end). Before starting,
# routing's own consumer groups are moved to the end of the shared topics, so that
# the instance does not replay their history. Not a test: it prints figures; copy them with the
# method into docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source deploy/stack-env.sh
RATES=("${@:-500}")
RUN_SECONDS=${SECONDS_PER_RATE:-300}
WARMUP=${WARMUP_SECONDS:-120}
RAMP=${RAMP_SECONDS:-60}
HANDLING=${HANDLING_SECONDS:-8}
AGENTS=${AGENTS:-2000}
PORT=${BENCH_PORT:-8192}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

./mvnw -q -B -o -pl services/routing -am package -DskipTests
deploy/stack.sh up > /dev/null
set -a; eval "$(stack_env)"; set +a
# A database of its own, made afresh for each run and dropped at its end: the figures of two runs are then
# comparable, and not slowed by what earlier runs and the tests left in routing's database.
export DB_NAME=routing_bench
export SWITCHBOARD_JWT_KEYS=${SWITCHBOARD_JWT_KEYS:-file:$SWITCHBOARD_STACK_DIR/jwt/public-key.pem}
TOKEN=$("$JAVA" deploy/src/script/LocalTokens.java token "$SWITCHBOARD_STACK_DIR/jwt" operator bench-routing "" 7200)
SUPERVISOR=$("$JAVA" deploy/src/script/LocalTokens.java token "$SWITCHBOARD_STACK_DIR/jwt" supervisor bench-routing "" 7200)
CP="services/routing/target/quarkus-app/lib/main/*"
DRIVER=("$JAVA" -cp "$CP" bench/routing/RoutingBench.java)
"${DRIVER[@]}" database fresh
"${DRIVER[@]}" skip routing.tickets routing.sla
LOG=$SWITCHBOARD_STACK_DIR/logs/bench-routing.log
HTTP_PORT=$PORT nohup "$JAVA" -Xmx768m ${ROUTING_JAVA_OPTS:-} -jar services/routing/target/quarkus-app/quarkus-run.jar > "$LOG" 2>&1 &
ROUTING=$!
trap 'kill $ROUTING 2>/dev/null || true; wait $ROUTING 2>/dev/null || true; "${DRIVER[@]}" database drop || true' EXIT
until "$JAVA" deploy/src/script/HttpProbe.java "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null; do
  kill -0 $ROUTING || { tail -n 30 "$LOG"; exit 1; }
  sleep 1
done
"${DRIVER[@]}" setup "http://127.0.0.1:$PORT" "$TOKEN" "$SUPERVISOR" "$AGENTS"
echo "# $(date -u +%FT%TZ), $(nproc) cores, routing pid $ROUTING, $AGENTS agents, handling ${HANDLING}s, ${RUN_SECONDS}s measured per rate after ${WARMUP}s of warm-up (rising over ${RAMP}s)"
for rate in ${RATES[@]}; do
  echo "## offered $rate/s"
  "${DRIVER[@]}" run "$rate" "$RUN_SECONDS" "$WARMUP" "$RAMP" "$HANDLING"
done
echo "# outbox relay lag (insert to Kafka ack) and consumer outcomes, from /q/metrics:"
"$JAVA" deploy/src/script/HttpGet.java "http://127.0.0.1:$PORT/q/metrics" \
  | grep -E '^switchboard_(outbox_lag_seconds\{quantile|outbox_lag_seconds_max|events_consumed_total)' || true

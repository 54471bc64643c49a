#!/usr/bin/env bash
# Intake throughput and latency, open loop at fixed rates, against the real local stack with
# PostgreSQL's fsync and synchronous commit on. Builds the open-loop client (bench/loadgen, needs a C
# compiler), starts the stack and one intake instance (prod profile), warms it up, runs each rate,
# then reads the group-commit and outbox-to-Kafka lag figures from /q/metrics. Authentication is on:
# every request carries a bearer token signed with the local key (as after `make run`).
#
#   bench/intake.sh [rate ...]      default rates: 1000 2000 3000 4000 5000
#   SECONDS_PER_RATE (default 30), CONNECTIONS (default 128), WARMUP_SECONDS (default 240)
#
# Not a test: it prints figures; copy them with the method into docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source deploy/stack-env.sh
RATES=("${@:-1000 2000 3000 4000 5000}")
RUN_SECONDS=${SECONDS_PER_RATE:-30}
CONNECTIONS=${CONNECTIONS:-128}
PORT=${BENCH_PORT:-8191}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
URL="http://127.0.0.1:$PORT/api/v1/tickets"

mkdir -p bench/target
cc -O2 -Wall -Wextra -o bench/target/openloop bench/loadgen/openloop.c
cat > bench/target/ticket.json <<'JSON'
{"customerId":"cust-bench","summary":"Cannot reach the console of instance i-123","description":"Since 10:00 UTC the web console of our production instance times out; API calls work. We need help quickly please.","product":"ecs","region":"cn-north-1","impact":"SIGNIFICANT","urgency":"HIGH","language":"en"}
JSON

./mvnw -q -B -pl services/intake -am install -DskipTests
deploy/stack.sh up > /dev/null
set -a; eval "$(stack_env)"; set +a
# Authentication stays on: the load generator sends a system token signed with the local key.
export SWITCHBOARD_JWT_KEYS=${SWITCHBOARD_JWT_KEYS:-file:$SWITCHBOARD_STACK_DIR/jwt/public-key.pem}
TOKEN=$("$JAVA" deploy/src/script/LocalTokens.java token "$SWITCHBOARD_STACK_DIR/jwt" system bench-loadgen "" 7200)
AUTH="Authorization: Bearer $TOKEN"
LOG=$SWITCHBOARD_STACK_DIR/logs/bench-intake.log
HTTP_PORT=$PORT nohup "$JAVA" -Xmx512m -jar services/intake/target/quarkus-app/quarkus-run.jar > "$LOG" 2>&1 &
INTAKE=$!
trap 'kill $INTAKE 2>/dev/null || true' EXIT
until "$JAVA" deploy/src/script/HttpProbe.java "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null; do
  kill -0 $INTAKE || { tail -n 30 "$LOG"; exit 1; }
  sleep 1
done
echo "# $(date -u +%FT%TZ), $(nproc) cores, intake pid $INTAKE, ${RUN_SECONDS}s per rate, $CONNECTIONS connections"
# Warm-up: on 2 cores the JIT needs a few minutes of load before figures settle.
bench/target/openloop -u "$URL" -H "$AUTH" -b bench/target/ticket.json -r 3000 -d "${WARMUP_SECONDS:-240}" -c "$CONNECTIONS" > /dev/null
for rate in ${RATES[@]}; do
  echo "## offered $rate/s"
  bench/target/openloop -u "$URL" -H "$AUTH" -b bench/target/ticket.json -r "$rate" -d "$RUN_SECONDS" -w 5 -c "$CONNECTIONS"
  sleep 3
  # The machine's and the HTTP layer's own tail at the same rate: intake's liveness check, no database.
  echo "## null endpoint (GET /q/health/live), offered $rate/s"
  bench/target/openloop -u "http://127.0.0.1:$PORT/q/health/live" -r "$rate" -d "$RUN_SECONDS" -w 5 -c "$CONNECTIONS"
  sleep 3
done
echo "# group commit and outbox relay lag (insert to Kafka ack), from /q/metrics, over the whole run:"
"$JAVA" deploy/src/script/HttpGet.java "http://127.0.0.1:$PORT/q/metrics" \
  | grep -E '^switchboard_(outbox_lag_seconds|intake_writer_group_(size|duration_seconds))(\{quantile|_max)' || true

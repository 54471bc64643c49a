#!/usr/bin/env bash
# Compensation's consumers of the shared high-volume topics (support.tickets.v1, support.sla.v1): events settled
# per second from a backlog. Runs the service's jar (prod profile, the JVM options of make run (deploy/stack-env.sh) as
# deploy/run.sh does) against the real local stack under a new service name, so that its groups
# (<name>.customer-tickets, <name>.sla-events) are new and start at the topics' earliest offsets (the shared
# topics hold the other tests' and benchmarks' events), with a database of its own, dropped and created afresh,
# and the outage consumer off. Reads switchboard_events_consumed_total on /q/metrics WARMUP_SECONDS after the
# start and again SECONDS later: the difference per second, per group and outcome.
#
#   bench/compensation-consumers.sh [quarkus-app dir]   default services/compensation/target/quarkus-app (built first)
#   SECONDS_TO_COUNT (default 60), WARMUP_SECONDS (default 20), BENCH_PORT (default 8194)
#   BENCH_JAVA_OPTS: extra JVM options, e.g. -Dmp.messaging.incoming.sla-events.enabled=false to measure one group alone
#
# Nothing is committed to the service's own groups or database. Not a test: it prints figures; copy them with the
# method into docs/benchmarks.md. A rate is only a backlog rate while the group still lags at the end (printed).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source deploy/stack-env.sh
APP=${1:-services/compensation/target/quarkus-app}
COUNT=${SECONDS_TO_COUNT:-60}
WARMUP=${WARMUP_SECONDS:-20}
PORT=${BENCH_PORT:-8194}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
DB=compensation_consumers_bench
NAME=compbench-$(date +%s)
[[ $# -gt 0 ]] || ./mvnw -q -B -o -pl services/compensation -am package -DskipTests
deploy/stack.sh up > /dev/null
set -a; eval "$(stack_env)"; set +a
export SWITCHBOARD_JWT_KEYS=${SWITCHBOARD_JWT_KEYS:-file:$SWITCHBOARD_STACK_DIR/jwt/public-key.pem}
export PGPASSWORD=$DB_PASSWORD
dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" --if-exists "$DB"
createdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" "$DB"
LOG=$SWITCHBOARD_STACK_DIR/logs/bench-compensation-consumers.log
DB_NAME=$DB HTTP_PORT=$PORT nohup "$JAVA" $(service_jvm_args compensation) -Dswitchboard.eventing.service-name="$NAME" \
  -Dmp.messaging.incoming.inbound-outages.enabled=false ${BENCH_JAVA_OPTS:-} -jar "$APP/quarkus-run.jar" > "$LOG" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
until "$JAVA" deploy/src/script/HttpProbe.java "http://127.0.0.1:$PORT/q/health/live" 2>/dev/null; do
  kill -0 $SERVICE || { tail -n 30 "$LOG"; exit 1; }
  sleep 1
done
consumed() { # group{outcome} count, one line each
  "$JAVA" deploy/src/script/HttpGet.java "http://127.0.0.1:$PORT/q/metrics" \
    | grep '^switchboard_events_consumed_total' | sed -E 's/.*group="([^"]+)".*outcome="([^"]+)".*\} ([0-9.E]+)$/\1 \2 \3/' | sort
}
# A snapshot about every 5 s from the start: "seconds group outcome count" lines.
SNAPSHOTS=$(mktemp)
trap 'kill $SERVICE 2>/dev/null || true; rm -f "$SNAPSHOTS"' EXIT
SECONDS=0
while ((SECONDS <= WARMUP + COUNT)); do
  now=$SECONDS
  consumed | sed "s/^/$now /" >> "$SNAPSHOTS"
  sleep 5
done
echo "# $(date -u +%FT%TZ), $(nproc) cores, $APP; load: $(uptime | sed 's/.*load average/load average/')"
echo "# per group and outcome: events from the first snapshot after ${WARMUP}s to the last, per second; then the group's"
echo "# total since the start and when it last grew (a group whose count stopped growing has drained its backlog)"
awk -v warmup="$WARMUP" '
  {if (from == "" && $1 >= warmup) from = $1; to = $1; n[$1, $2 " " $3] = $4; keys[$2 " " $3] = 1
   sum[$2, $1] += $4; groups[$2] = 1; if (!($1 in seen)) {seen[$1] = 1; times[++nt] = $1}}
  END {
    for (k in keys) {split(k, p, " "); d = n[to, k] - n[from, k]; printf "%-40s %-14s %8.0f events in %ds, %7.1f/s\n", p[1], p[2], d, to - from, d / (to - from)}
    for (g in groups) {
      last = 0; for (i = 2; i <= nt; i++) if (sum[g, times[i]] > sum[g, times[i - 1]]) last = times[i]
      printf "%-40s %-14s %8.0f events since the start, last grew by %ds\n", g, "all", sum[g, to], last
    }
  }' "$SNAPSHOTS" | sort

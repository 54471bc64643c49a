#!/usr/bin/env bash
# Escalation's consumers alone: how many events per second one instance (prod profile, the JVM options
# deploy/run.sh starts it with, from deploy/stack-env.sh) settles from support.tickets.v1 and
# support.routing.v1 when it has a backlog. The instance reads with new consumer groups (service
# name escalation-consume-<time>), so it starts at the topics' earliest offsets (the shared topics
# hold many thousands of events), writes into its own database (dropped at the end) and counts
# switchboard.events.consumed after SECONDS from ready. Timers run as in production.
#
#   bench/escalation-consume.sh [SECONDS] [JAR]
#   defaults: 60 s, services/escalation/target/quarkus-app/quarkus-run.jar (build it first:
#   ./mvnw -B -o -pl services/escalation -am package -DskipTests). The stack must be running.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source deploy/stack-env.sh # the shared stack's addresses (its topics' history is the backlog) ...
source bench/bench-env.sh  # ... kept by the bench helpers, which only fill in what is unset
SECONDS_RUN=${1:-60}
JAR=${2:-services/escalation/target/quarkus-app/quarkus-run.jar}
PORT=${BENCH_PORT:-8194}
DB=escalation_consume_bench
SERVICE_NAME=escalation-consume-$(date +%s)
export PGPASSWORD=$SWITCHBOARD_PG_PASSWORD
PSQL=(psql -q -h 127.0.0.1 -p "$SWITCHBOARD_PG_PORT" -U "$SWITCHBOARD_PG_USER" -v ON_ERROR_STOP=1)

"${PSQL[@]}" -d postgres -c "drop database if exists $DB" -c "create database $DB"
set -a; eval "$(stack_env)"; set +a
LOG=$SWITCHBOARD_STACK_DIR/logs/bench-escalation-consume.log
mkdir -p "$(dirname "$LOG")"
DB_NAME=$DB HTTP_PORT=$PORT nohup "$JAVA" $(service_jvm_args escalation) \
  -Dswitchboard.eventing.service-name="$SERVICE_NAME" -jar "$JAR" > "$LOG" 2>&1 &
SERVICE=$!
cleanup() {
  kill $SERVICE 2>/dev/null || true
  wait $SERVICE 2>/dev/null || true
  "${PSQL[@]}" -d postgres -c "drop database if exists $DB" || true
}
trap cleanup EXIT
bench_wait_ready "$PORT" "$SERVICE" "$LOG"
consumed() { # consumed GROUP: every outcome of the group's records so far
  "$JAVA" deploy/src/script/HttpGet.java "http://127.0.0.1:$PORT/q/metrics" \
    | awk -v g="group=\"$SERVICE_NAME.$1\"" '/^switchboard_events_consumed_total/ && index($0, g) { n += $NF } END { printf "%d", n }'
}
START_TICKETS=$(consumed tickets); START_ROUTING=$(consumed routing)
sleep "$SECONDS_RUN"
TICKETS=$(( $(consumed tickets) - START_TICKETS )); ROUTING=$(( $(consumed routing) - START_ROUTING ))
CPU=$(ps -o times= -p $SERVICE | tr -d ' ')
echo "# $(date -u +%FT%TZ), $(nproc) cores, load: $(uptime | sed 's/.*load average: //'); jar $JAR"
echo "tickets: $TICKETS events in ${SECONDS_RUN}s = $(( TICKETS / SECONDS_RUN ))/s"
echo "routing: $ROUTING events in ${SECONDS_RUN}s = $(( ROUTING / SECONDS_RUN ))/s"
echo "escalation process CPU since start: ${CPU}s"

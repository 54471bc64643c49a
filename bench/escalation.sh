#!/usr/bin/env bash
# Escalation timers under load: CLOCKS open SLA clocks whose breaches fall due evenly over WINDOW
# seconds, fired by one escalation instance (prod profile, -Xmx512m) against the real local stack
# (PostgreSQL with fsync on, Kafka acks=all). Measures the lag from each breach's due time to its
# SlaBreached on support.sla.v1 (record timestamp), counts duplicates, and samples the service's
# heap and RSS every 30 s. Uses its own database (escalation_bench, dropped at the end) and its own
# consumer groups, so it disturbs neither the tests' database nor their offsets.
#
#   bench/escalation.sh [CLOCKS] [WINDOW_SECONDS] [MEASURE_SECONDS]
#   defaults: 1000000 clocks over 3600 s (about 280 firings/s), measured over the whole window.
#   The stack must be running (make stack-up).
#
# Each bench clock is a P1 ENTERPRISE ticket of the default policy (first response 15 min, 24x7)
# opened 15 min before its due time, its start and warnings already published: its next timer is
# the breach. A breach publishes SlaBreached, TicketEscalated (L1 -> L2) and the expert-join clock.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source deploy/stack-env.sh
CLOCKS=${1:-1000000}
WINDOW=${2:-3600}
MEASURE=${3:-$WINDOW}
LEAD=${LEAD_SECONDS:-60}
PORT=${BENCH_PORT:-8193}
DB=escalation_bench
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
export PGPASSWORD=$SWITCHBOARD_PG_PASSWORD
PSQL=(psql -q -h 127.0.0.1 -p "$SWITCHBOARD_PG_PORT" -U "$SWITCHBOARD_PG_USER" -v ON_ERROR_STOP=1)

./mvnw -q -B -o -pl services/escalation -am package -DskipTests
"${PSQL[@]}" -d postgres -c "drop database if exists $DB" -c "create database $DB"
set -a; eval "$(stack_env)"; set +a
LOG=$SWITCHBOARD_STACK_DIR/logs/bench-escalation.log
mkdir -p "$(dirname "$LOG")"
DB_NAME=$DB HTTP_PORT=$PORT nohup "$JAVA" -Xmx512m \
  -Dswitchboard.eventing.service-name=escalation-bench \
  -Dmp.messaging.incoming.tickets.auto.offset.reset=latest -Dmp.messaging.incoming.routing.auto.offset.reset=latest \
  -jar services/escalation/target/quarkus-app/quarkus-run.jar > "$LOG" 2>&1 &
SERVICE=$!
cleanup() {
  kill $SERVICE 2>/dev/null || true
  wait $SERVICE 2>/dev/null || true
  "${PSQL[@]}" -d postgres -c "drop database if exists $DB" || true
}
trap cleanup EXIT
until "$JAVA" deploy/src/script/HttpProbe.java "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null; do
  kill -0 $SERVICE || { tail -n 30 "$LOG"; exit 1; }
  sleep 1
done
echo "# $(date -u +%FT%TZ), $(nproc) cores, escalation pid $SERVICE: $CLOCKS clocks due over ${WINDOW}s from now+${LEAD}s, measured ${MEASURE}s"

START=$(date +%s)
"${PSQL[@]}" -d $DB <<SQL
insert into sla_ticket (ticket_id, customer_id, facts, published, support_level, next_due_at, updated_at)
select 'B-' || (extract(epoch from due) * 1000)::bigint || '-' || n, 'bench-' || (n % 1000),
       '[{"kind":"opened","eventId":"bench-' || n || '","at":"'
         || to_char((due - interval '15 minutes') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         || '","problemStartedAt":null,"customerId":"bench-' || (n % 1000) || '","tier":"ENTERPRISE","priority":"P1",'
         || '"category":"technical.ecs","product":"ecs","region":"cn-north-1","customerTimeZone":null,"emergency":false,'
         || '"emergencyLevel":null,"supportLevel":"L1","summary":"bench clock"}]',
       '["started:FIRST_RESPONSE#1","started:RESOLUTION#1","warning:FIRST_RESPONSE#1:75","warning:FIRST_RESPONSE#1:90"]',
       'L1', due, now()
from (select n, date_trunc('milliseconds', now()) + interval '$LEAD seconds' + (n * ($WINDOW * 1000.0 / $CLOCKS)) * interval '1 millisecond' as due
      from generate_series(0, $CLOCKS - 1) n) s;
analyze sla_ticket;
SQL
echo "# loaded $CLOCKS clocks in $(( $(date +%s) - START ))s"
EXPECTED=$(( CLOCKS * MEASURE / WINDOW ))
"$JAVA" -cp "services/escalation/target/quarkus-app/lib/main/*" bench/escalation/SlaLag.java \
  "$KAFKA_BOOTSTRAP_SERVERS" "$EXPECTED" $(( LEAD + MEASURE + 30 )) &
PROBE=$!
(
  while kill -0 $PROBE 2>/dev/null; do
    heap=$("$JAVA" deploy/src/script/HttpGet.java "http://127.0.0.1:$PORT/q/metrics" 2>/dev/null \
      | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}')
    rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$SERVICE/status)
    due=$("${PSQL[@]}" -d $DB -Atc "select count(*) from sla_ticket where next_due_at <= now()")
    echo "# $(date -u +%T) heap ${heap} MB, rss ${rss} MB, due and not yet fired: $due"
    sleep 30
  done
) &
SAMPLER=$!
wait $PROBE
kill $SAMPLER 2>/dev/null || true
echo "# outbox relay lag (insert to Kafka ack), from /q/metrics:"
"$JAVA" deploy/src/script/HttpGet.java "http://127.0.0.1:$PORT/q/metrics" | grep -E '^switchboard_outbox_lag_seconds(\{quantile|_max)' || true

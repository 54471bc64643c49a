#!/usr/bin/env bash
# Feedback's consuming rate on support.tickets.v1: how many ticket events per second one feedback
# instance (prod profile, the heap and JIT of deploy/run.sh) settles while it has a backlog. The
# instance gets a consumer group of its own (service name NAME, group NAME.tickets), so it starts at
# the beginning of the topic and replays its history; its relay is off (it publishes nothing) and so
# are its other channels. It writes into a MongoDB stand-in of its own (deploy's MongoStandIn on a
# throw-away file, removed at the end), or into BENCH_MONGODB (a connection string; database NAME)
# when given. Prints the events settled per second between WARMUP and WARMUP+SECONDS_MEASURED after
# the instance is up, with the CPU the instance and its stand-in used meanwhile.
#
#   bench/feedback-drain.sh NAME [JVM options of the instance...]
#     e.g. bench/feedback-drain.sh drain1 -Dmp.messaging.incoming.tickets.concurrency=1
#   SECONDS_MEASURED (default 60), WARMUP_SECONDS (default 10), BENCH_PORT (default 8195),
#   BENCH_MONGO_PORT (default 27097), STANDIN_LIBS (default deploy/target/lib: another build's, to compare)
#
# Kafka and the registry are the stack's that deploy/stack-env.sh names. Needs `./mvnw -pl
# deploy,services/feedback -am package -DskipTests` first. Not a test: it prints figures.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source deploy/stack-env.sh
NAME=${1:?usage: bench/feedback-drain.sh NAME [jvm options...]}
shift
MEASURED=${SECONDS_MEASURED:-60}
WARMUP=${WARMUP_SECONDS:-10}
PORT=${BENCH_PORT:-8195}
MONGO_PORT=${BENCH_MONGO_PORT:-27097}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
set -a; eval "$(stack_env)"; set +a
export SWITCHBOARD_JWT_KEYS=${SWITCHBOARD_JWT_KEYS:-file:$SWITCHBOARD_STACK_DIR/jwt/public-key.pem}
WORK=$(mktemp -d)
PIDS=()
trap 'kill ${PIDS[*]} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT

MONGO_PID=
if [[ -n ${BENCH_MONGODB:-} ]]; then
  export MONGODB_CONNECTION_STRING=$BENCH_MONGODB
else
  "$JAVA" -Xms64m -Xmx256m -cp "${STANDIN_LIBS:-deploy/target/lib}/*" io.switchboard.deploy.MongoStandIn \
    127.0.0.1 "$MONGO_PORT" "$WORK/feedback.mv" > "$WORK/mongo.log" 2>&1 &
  MONGO_PID=$!; PIDS+=("$MONGO_PID")
  export MONGODB_CONNECTION_STRING=mongodb://127.0.0.1:$MONGO_PORT
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
consumed() { # the tickets group's settled events, every outcome
  "$JAVA" deploy/src/script/HttpGet.java "http://127.0.0.1:$PORT/q/metrics" \
    | awk -v g="group=\"$NAME.tickets\"" '/^switchboard_events_consumed_total\{/ && index($0, g) { sum += $NF } END { printf "%d\n", sum }'
}

HTTP_PORT=$PORT "$JAVA" $(service_jvm_args feedback) \
  -Dswitchboard.eventing.service-name="$NAME" -Dquarkus.mongodb.database="$NAME" \
  -Dswitchboard.eventing.relay.enabled=false \
  -Dmp.messaging.incoming.assignments.enabled=false -Dmp.messaging.incoming.sla.enabled=false \
  -Dmp.messaging.incoming.credits.enabled=false "$@" \
  -jar services/feedback/target/quarkus-app/quarkus-run.jar > "$WORK/feedback.log" 2>&1 &
FEEDBACK=$!; PIDS+=("$FEEDBACK")
until "$JAVA" deploy/src/script/HttpProbe.java "http://127.0.0.1:$PORT/q/health/live" > /dev/null 2>&1; do
  kill -0 $FEEDBACK 2>/dev/null || { tail -n 30 "$WORK/feedback.log"; exit 1; }
  sleep 1
done
sleep "$WARMUP"
before=$(consumed); fb0=$(cpu_ticks $FEEDBACK); mg0=${MONGO_PID:+$(cpu_ticks $MONGO_PID)}
sleep "$MEASURED"
after=$(consumed); fb1=$(cpu_ticks $FEEDBACK); mg1=${MONGO_PID:+$(cpu_ticks $MONGO_PID)}
hz=$(getconf CLK_TCK)
echo "# $(date -u +%FT%TZ) $NAME $*: $(uptime | sed 's/.*load/load/')"
echo "settled $((after - before)) ticket events in ${MEASURED}s: $(( (after - before) / MEASURED ))/s;" \
  "CPU (% of one core): feedback $(( (fb1 - fb0) * 100 / hz / MEASURED ))" \
  "${MONGO_PID:+stand-in $(( (mg1 - mg0) * 100 / hz / MEASURED ))}"
"$JAVA" deploy/src/script/HttpGet.java "http://127.0.0.1:$PORT/q/metrics" \
  | grep -E "^switchboard_events_consumed_total\{.*group=\"$NAME.tickets\"" || true

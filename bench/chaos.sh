#!/usr/bin/env bash
# make chaos: nothing lost, nothing doubled under faults (docs/operations.md, "Fault runs").
# Starts a stack and a mesh of its own (own stack dir, own ports: a shared stack and a developer's
# `make run` are never touched), runs each fault under open-loop load, lets the mesh drain, checks
# every store and topic for the accepted tickets, prints a verdict per run, and stops its mesh and
# stack at the end, also on failure or Ctrl-C.
#
#   bench/chaos.sh [FAULT...]   default: kafka services startup postgresql registry poison replay
#
#   kafka        the broker SIGKILLed under load, restarted 10 s later
#   services     each of the five services SIGKILLed 10 times under load, each time 2-8 s after its instance became
#                ready, restarted each time (CHAOS_SERVICES="intake routing" narrows it, CHAOS_KILLS=3 kills fewer)
#   startup      each of the five services SIGKILLed 10 times at random moments of a 150 s window under load,
#                also while it starts (its schema migration, its consumer groups' joins), launched again each
#                time without waiting (CHAOS_SERVICES, CHAOS_KILLS as above; CHAOS_KILL_WINDOW=240 spreads them)
#   postgresql   PostgreSQL stopped under load for 20 s, then started (intake must answer 503 meanwhile)
#   registry     the schema registry down for 30 s under load
#   poison       an undecodable record on every consumed topic: once on its .dlq per reading group
#   replay       escalation.tickets reset to offset 0 on support.tickets.v1: the replay publishes nothing
#                and every run's tickets still check out
#
# CHAOS_RATE tickets/s (default 30), CHAOS_LOAD_SECONDS (default 90), CHAOS_KEEP=1 leaves the mesh up,
# CHAOS_SKIP_BUILD=1 uses the services as last packaged.
# Ports: CHAOS_PG_PORT 25432, CHAOS_KAFKA_PORT 29092, CHAOS_KAFKA_CONTROLLER_PORT 29093,
# CHAOS_REGISTRY_PORT 28080, CHAOS_MONGO_PORT 27028, services CHAOS_HTTP_BASE+1..5 (8201..8205).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

unset SWITCHBOARD_STACK_SHARED
export SWITCHBOARD_STACK_DIR=${CHAOS_STACK_DIR:-$ROOT/.stack-chaos}
export SWITCHBOARD_PG_PORT=${CHAOS_PG_PORT:-25432}
export SWITCHBOARD_KAFKA_PORT=${CHAOS_KAFKA_PORT:-29092}
export SWITCHBOARD_KAFKA_CONTROLLER_PORT=${CHAOS_KAFKA_CONTROLLER_PORT:-29093}
export SWITCHBOARD_REGISTRY_PORT=${CHAOS_REGISTRY_PORT:-28080}
export SWITCHBOARD_MONGO_PORT=${CHAOS_MONGO_PORT:-27028}
SERVICES=(intake routing escalation compensation feedback)
HTTP_BASE=${CHAOS_HTTP_BASE:-8200}
for i in "${!SERVICES[@]}"; do
  export "SWITCHBOARD_${SERVICES[$i]^^}_HTTP_PORT=$((HTTP_BASE + i + 1))"
done
export SWITCHBOARD_SKIP_BUILD=1
# A broker SIGKILLed under load recovers its logs before it listens again.
export SWITCHBOARD_KAFKA_START_SECONDS=${SWITCHBOARD_KAFKA_START_SECONDS:-180}
source deploy/stack-env.sh
set -a; eval "$(stack_env)"; set +a

RATE=${CHAOS_RATE:-30}
KILLS=${CHAOS_KILLS:-10}
LOAD_SECONDS=${CHAOS_LOAD_SECONDS:-90}
KILL_WINDOW=${CHAOS_KILL_WINDOW:-150}
DRAIN_SECONDS=120
FAULTS=(${@:-kafka services startup postgresql registry poison replay})
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
STATE=$(realpath -m "$SWITCHBOARD_STACK_DIR")
WORK=$STATE/chaos
INTAKE=http://127.0.0.1:$SWITCHBOARD_INTAKE_HTTP_PORT

say() { printf '[chaos %s] %s\n' "$(date -u +%T)" "$*"; }

for fault in "${FAULTS[@]}"; do
  [[ " kafka services startup postgresql registry poison replay " == *" $fault "* ]] || { echo "unknown fault '$fault'" >&2; exit 2; }
done

if [[ ${CHAOS_SKIP_BUILD:-0} != 1 ]]; then
  say "building the services and the stack tools (package only: nothing is installed into ~/.m2)"
  ./mvnw -q -B -o package -Dmaven.test.skip=true \
    -pl deploy,services/intake,services/routing,services/escalation,services/compensation,services/feedback -am
fi
HDR=$(find "${MAVEN_REPOSITORY:-$HOME/.m2/repository}/org/hdrhistogram/HdrHistogram/2.2.2" -name 'HdrHistogram-2.2.2.jar' 2>/dev/null | head -n 1)
[[ -n $HDR ]] || ./mvnw -q -B dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2
HDR=${HDR:-$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar}
DRIVER=("$JAVA" -Xmx512m -cp "$ROOT/services/intake/target/quarkus-app/lib/main/*:$HDR" bench/chaos/ChaosDriver.java)

# Any service JVM of this chaos stack still alive (a restart racing a stop): found by its environment.
stop_strays() {
  local pid
  for pid in $(pgrep -f quarkus-run.jar || true); do
    if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "SWITCHBOARD_STACK_DIR=$SWITCHBOARD_STACK_DIR"; then
      kill "$pid" 2>/dev/null || true
    fi
  done
}

LOAD_PID=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [[ -n $LOAD_PID ]] && kill "$LOAD_PID" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  if [[ ${CHAOS_KEEP:-0} == 1 ]]; then
    say "leaving the chaos mesh up (CHAOS_KEEP=1); stop it with: SWITCHBOARD_STACK_DIR=$STATE ... deploy/run.sh stop"
  else
    say "stopping the chaos mesh and its stack"
    deploy/run.sh stop > /dev/null 2>&1 || true
    stop_strays
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fresh stack each time: the verdicts are about this session's tickets and topics only.
if [[ $(deploy/stack.sh check 2>/dev/null | grep -c ' ours$' || true) == 0 ]]; then
  rm -rf "$STATE/data" "$STATE/logs" "$STATE/run" "$WORK"
fi
mkdir -p "$WORK"
say "starting the chaos stack (pg $SWITCHBOARD_PG_PORT, kafka $SWITCHBOARD_KAFKA_PORT, registry $SWITCHBOARD_REGISTRY_PORT, mongo $SWITCHBOARD_MONGO_PORT) and mesh (http $((HTTP_BASE + 1))-$((HTTP_BASE + 5)))"
deploy/stack.sh up > "$WORK/up.log" 2>&1 || { tail -n 40 "$WORK/up.log"; exit 1; }
# One service at a time, a second try each: five JVMs starting at once on a busy machine time out
# on their first database connections.
for service in "${SERVICES[@]}"; do
  deploy/run.sh service "$service" >> "$WORK/up.log" 2>&1 || deploy/run.sh service "$service" >> "$WORK/up.log" 2>&1 \
    || { tail -n 40 "$WORK/up.log"; exit 1; }
done
token() { "$JAVA" deploy/src/script/LocalTokens.java token "$STATE/jwt" "$1" "chaos-$1" "" 7200; }
SYSTEM_TOKEN=$(token system)
"${DRIVER[@]}" policy "http://127.0.0.1:$SWITCHBOARD_ESCALATION_HTTP_PORT" "$(token operator)"

pid_of() { cut -d' ' -f1 "$STATE/run/$1.pid"; }

kill_service() { # SIGKILL one service and wait until it is gone; its killer's loop starts it again
  local pid
  pid=$(deploy/run.sh pid "$1") || return 0
  kill -9 "$pid"
  while [[ -d /proc/$pid ]]; do sleep 0.1; done
}


# --- the faults: each runs while the load runs --------------------------------------------------
fault_kafka() {
  sleep 20
  say "SIGKILL kafka (pid $(pid_of kafka))"; kill -9 "$(pid_of kafka)"
  sleep 10
  say "starting kafka again"; deploy/stack.sh up kafka > /dev/null
}

# kill_each_service KILLER: KILLER SERVICE for every service of the run at once; the load ends when all are done.
kill_each_service() {
  local service killers=()
  for service in ${CHAOS_SERVICES:-${SERVICES[*]}}; do
    "$1" "$service" &
    killers+=($!)
  done
  wait "${killers[@]}"
  touch "$OUT.stop"
}

kill_while_serving() { # each kill a random moment 2-8 s after the instance became ready
  local service=$1 n
  for n in $(seq "$KILLS"); do
    deploy/run.sh service "$service" > /dev/null 2>&1 || true
    sleep $((2 + RANDOM % 7))
    say "SIGKILL $service ($n/$KILLS)"
    kill_service "$service"
  done
  deploy/run.sh service "$service" > /dev/null 2>&1
}

# Kills at moments drawn at random over the window, whatever the instance is doing: serving, or still starting
# (migrating its schema, joining its consumer groups). A new instance is launched right after each kill, and the
# next kill does not wait for it. On two cores a start-up under this churn takes longer than the gaps, so after
# its first kill an instance is mostly killed while it starts.
kill_at_random_moments() {
  local service=$1 at elapsed=0 n=0 state port_var=SWITCHBOARD_${1^^}_HTTP_PORT
  for at in $(for _ in $(seq "$KILLS"); do echo $((10 + RANDOM % (KILL_WINDOW - 10))); done | sort -n); do
    sleep $((at - elapsed)); elapsed=$at; n=$((n + 1))
    state=starting; curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:${!port_var}/q/health/ready" && state=serving
    say "SIGKILL $service ($n/$KILLS, $state)"
    kill_service "$service"
    deploy/run.sh launch "$service" > /dev/null 2>&1 || say "could not launch $service"
  done
}

fault_services() { kill_each_service kill_while_serving; }
fault_startup() { kill_each_service kill_at_random_moments; }

fault_postgresql() {
  sleep 20
  say "stopping postgresql (fast shutdown: sessions are cut)"; deploy/stack.sh down postgresql > /dev/null
  sleep 20
  say "starting postgresql again"; deploy/stack.sh up postgresql > /dev/null
}

fault_registry() {
  sleep 20
  say "stopping the schema registry for 30 s"; deploy/stack.sh down registry > /dev/null
  sleep 30
  say "starting the schema registry again"; deploy/stack.sh up registry > /dev/null
}

fault_poison() {
  sleep 10
  "${DRIVER[@]}" poison "$RUN"
}

fault_replay() { :; } # after the load: see below

# --- one run ------------------------------------------------------------------------------------
run_fault() {
  local fault=$1 started=$SECONDS seconds=$LOAD_SECONDS rc=0 why=()
  failed_because() { rc=1; why+=("$1"); }
  RUN=$fault-$(date -u +%H%M%S)
  OUT=$WORK/$RUN.tickets
  # The load runs 240 s (kills go on after it): a load as long as the killers' 15 minutes kept so many retried
  # requests pending, with intake mostly down, that the driver ran out of heap (2026-12-08 00:49Z).
  [[ $fault == services ]] && seconds=240
  [[ $fault == startup ]] && seconds=$((KILL_WINDOW + 60))
  [[ $fault == replay ]] && seconds=45
  say "=== $fault: $RATE tickets/s, run $RUN ($(uptime | sed 's/.*load/load/'))"
  "${DRIVER[@]}" load "$INTAKE" "$SYSTEM_TOKEN" "$RUN" "$seconds" "$RATE" "$OUT" > "$WORK/$RUN.load.log" 2>&1 &
  LOAD_PID=$!
  "fault_$fault" || failed_because "the fault script failed"
  wait "$LOAD_PID" || failed_because "not every offered ticket was accepted"
  LOAD_PID=
  grep -v '^refused' "$WORK/$RUN.load.log" | head -n 8 || true
  # Every service up again before judging (a killed instance's restart may still be starting).
  for service in "${SERVICES[@]}"; do
    deploy/run.sh service "$service" > /dev/null 2>&1 || deploy/run.sh service "$service" > /dev/null 2>&1 \
      || failed_because "$service did not become ready again"
  done
  "${DRIVER[@]}" drain "$DRAIN_SECONDS" || failed_because "consumer lag not drained within ${DRAIN_SECONDS}s"
  if [[ $fault == replay ]]; then
    local before after pid
    before=$("${DRIVER[@]}" count support.sla.v1)
    pid=$(deploy/run.sh pid escalation)
    say "stopping escalation, resetting escalation.tickets to offset 0, starting it again"
    kill "$pid"; while [[ -d /proc/$pid ]]; do sleep 0.2; done
    "${DRIVER[@]}" reset escalation.tickets support.tickets.v1
    deploy/run.sh service escalation > /dev/null 2>&1 || failed_because "escalation did not become ready after the reset"
    "${DRIVER[@]}" drain "$DRAIN_SECONDS" || failed_because "the replay did not drain within ${DRAIN_SECONDS}s"
    after=$("${DRIVER[@]}" count support.sla.v1)
    echo "replay: support.sla.v1 held $before records before the replay and $after after"
    (( before == after )) || failed_because "the replay published $((after - before)) records"
    local earlier
    for earlier in "$WORK"/*.tickets; do
      [[ $earlier == "$OUT" ]] && continue
      "${DRIVER[@]}" verify "$(basename "$earlier" .tickets)" "$earlier" | grep VERDICT || failed_because "an earlier run no longer checks out"
    done
  fi
  "${DRIVER[@]}" verify "$RUN" "$OUT" || failed_because "lost or doubled effects"
  [[ $fault == poison ]] && { "${DRIVER[@]}" dlq "$RUN" || failed_because "dead letters not as expected"; }
  local took=$((SECONDS - started))
  (( took <= 300 )) || failed_because "the run took ${took}s, over its 5 minutes"
  say "=== $fault: $( (( rc == 0 )) && echo PASS || echo FAIL ) in ${took}s$( (( rc == 0 )) || printf '; %s' "${why[@]}")"
}

failed=0
for fault in "${FAULTS[@]}"; do
  run_fault "$fault" 2>&1 | tee "$WORK/$fault.out"
  grep -q "=== $fault: PASS" "$WORK/$fault.out" || failed=1
done
echo
echo "Fault runs, $(date -u +%FT%TZ), $(nproc) cores, $RATE tickets/s:"
for fault in "${FAULTS[@]}"; do
  printf '  %-11s %s\n' "$fault" "$(grep -h "=== $fault: " "$WORK/$fault.out" | tail -n 1 | sed 's/.*=== [a-z]*: //')"
  grep -h '^VERDICT\|^DLQ\|^replay:\|^drained\|^NOT DRAINED\|503 answers' "$WORK/$fault.out" | sed 's/^/      /'
done
exit $failed

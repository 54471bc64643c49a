#!/usr/bin/env bash
# `make run`: the local stack plus all five services, in the foreground until Ctrl-C or `make stop`.
#
#   deploy/run.sh start           build what is needed, start stack and services, wait for readiness, stay up
#   deploy/run.sh up              the same, but return once everything is ready (services keep running)
#   deploy/run.sh service NAME    start one service of the mesh again (after it died), wait until ready
#   deploy/run.sh pid NAME        the pid of a running service of this checkout
#   deploy/run.sh stop            stop the services and the stack
#
# SWITCHBOARD_<SERVICE>_HTTP_PORT (e.g. SWITCHBOARD_INTAKE_HTTP_PORT) moves a service off its default
# port, so that a second mesh (make chaos) runs beside `make run`. SWITCHBOARD_SKIP_BUILD=1 skips the
# build (the caller built the services).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/deploy/stack-env.sh"
RUN=$SWITCHBOARD_STACK_DIR/run
LOGS=$SWITCHBOARD_STACK_DIR/logs
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SERVICES=(intake routing escalation compensation feedback)

log() { printf '[run] %s\n' "$*" >&2; }

service_port() { # SWITCHBOARD_<SERVICE>_HTTP_PORT, else the quarkus.http.port of its application.properties
  local override="SWITCHBOARD_${1^^}_HTTP_PORT"
  if [[ -n ${!override:-} ]]; then echo "${!override}"; return; fi
  sed -n 's/^quarkus\.http\.port=\${[A-Z_]*:\([0-9]*\)}.*/\1/p; s/^quarkus\.http\.port=\([0-9]*\)$/\1/p' \
    "$ROOT/services/$1/src/main/resources/application.properties" | head -n 1
}

ready() { "$JAVA" "$ROOT/deploy/src/script/HttpProbe.java" "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# service_pid NAME: the pid of the service this checkout's `make run` started, when it still runs.
service_pid() { live_pid "$RUN/service-$1.pid" service_is_ours "$1"; }

# For pid files from before start times were recorded: the process must run this checkout's jar.
service_is_ours() { [[ $(proc_cmdline "$1") == *" $ROOT/services/$2/target/quarkus-app/quarkus-run.jar"* ]]; }

stop_services() {
  for service in "${SERVICES[@]}"; do
    local pidfile=$RUN/service-$service.pid pid
    [[ -f $pidfile ]] || continue
    if pid=$(service_pid "$service"); then
      log "stopping $service"
      stop_pid "$service" "$pid" 15
    else
      log "not stopping $service: $pidfile names no process started here (stale)"
    fi
    rm -f "$pidfile"
  done
}

stop_all() {
  stop_services
  "$ROOT/deploy/stack.sh" down
}

# The environment every service gets: the stack's addresses and the local token issuer's key.
service_env() {
  set -a; eval "$(stack_env)"; set +a
  # The local stand-in for the token issuer: a signing key made once; the services trust its public half.
  # (Checked here first: launching a single-file Java program compiles it, seconds of CPU per service start.)
  [[ -f $SWITCHBOARD_STACK_DIR/jwt/public-key.pem && -f $SWITCHBOARD_STACK_DIR/jwt/private-key.pem ]] || "$JAVA" "$ROOT/deploy/src/script/LocalTokens.java" keys "$SWITCHBOARD_STACK_DIR/jwt"
  export SWITCHBOARD_JWT_KEYS=${SWITCHBOARD_JWT_KEYS:-file:$SWITCHBOARD_STACK_DIR/jwt/public-key.pem}
}

launch() { # launch NAME: start the service unless it runs; fails when its port is someone else's
  local service=$1 pidfile=$RUN/service-$1.pid
  if service_pid "$service" > /dev/null; then
    log "$service already running"; return 0
  fi
  local port; port=$(service_port "$service")
  if port_open "$port"; then
    # Another checkout's `make run` (or anything else): its readiness would pass for ours.
    log "error: port $port ($service) is held by a process this checkout did not start; stop it (make stop in its checkout) or free the port"
    return 1
  fi
  log "starting $service on $port"
  # shellcheck disable=SC2046 # the JVM's options are several words (deploy/stack-env.sh)
  HTTP_PORT=$port nohup "$JAVA" $(service_jvm_args "$service") \
    -jar "$ROOT/services/$service/target/quarkus-app/quarkus-run.jar" >> "$LOGS/service-$service.log" 2>&1 &
  write_pid_file "$pidfile" $! "$port"
}

await_ready() { # await_ready NAME...: until each answers ready; fails when one exits or takes over 180 s
  local deadline=$((SECONDS + 180)) service port
  for service in "$@"; do
    port=$(service_port "$service")
    until ready "$port"; do
      if ! service_pid "$service" > /dev/null; then
        tail -n 40 "$LOGS/service-$service.log" >&2
        log "$service exited during start-up; see $LOGS/service-$service.log"; return 1
      fi
      if (( SECONDS >= deadline )); then
        log "$service not ready after 180s; see $LOGS/service-$service.log"; return 1
      fi
      sleep 1
    done
  done
}

up() {
  if [[ ${SWITCHBOARD_SKIP_BUILD:-0} != 1 ]]; then
    log "building the services (first time on a fresh machine downloads dependencies)"
    # Tests are not compiled here (make test runs them); the stack tools are built in the same pass.
    (cd "$ROOT" && ./mvnw -q -B install -Dmaven.test.skip=true)
  fi
  "$ROOT/deploy/stack.sh" up
  mkdir -p "$RUN" "$LOGS"
  service_env
  local service
  for service in "${SERVICES[@]}"; do
    launch "$service" || { stop_all; exit 1; }
  done
  await_ready "${SERVICES[@]}" || { stop_all; exit 1; }
}

start() {
  trap 'echo; stop_all; exit 0' INT TERM
  up
  echo
  echo "Switchboard is up (logs in $LOGS):"
  for service in "${SERVICES[@]}"; do
    local port; port=$(service_port "$service")
    printf '  %-13s http://127.0.0.1:%s   (health /q/health/ready, metrics /q/metrics, OpenAPI /q/openapi)\n' "$service" "$port"
  done
  "$ROOT/deploy/stack.sh" status || true
  echo
  echo "Every API call needs a bearer token (health and metrics do not). Get one per role, e.g.:"
  echo "  make -s token ROLE=agent SUB=agent-7          # also system, supervisor, operator, partner"
  echo "  make -s token ROLE=customer SUB=user-1 CUSTOMER=cust-1"
  echo "  curl -H \"Authorization: Bearer \$(make -s token ROLE=agent SUB=agent-7)\" http://127.0.0.1:$(service_port intake)/api/v1/tickets"
  echo "Press Ctrl-C, or run 'make stop' elsewhere, to stop everything."
  # Stay in the foreground while the services live; `make stop` ends them and so this loop.
  while true; do
    local any=0
    for service in "${SERVICES[@]}"; do
      if service_pid "$service" > /dev/null; then any=1; fi
    done
    (( any )) || { log "services stopped"; exit 0; }
    sleep 2
  done
}

known_service() { [[ " ${SERVICES[*]} " == *" ${1:-} "* ]] || { echo "unknown service '${1:-}' (one of: ${SERVICES[*]})" >&2; exit 2; }; }

case ${1:-} in
  start) start ;;
  up) up ;;
  service) known_service "${2:-}"; mkdir -p "$RUN" "$LOGS"; service_env; launch "$2" && await_ready "$2" ;;
  launch) known_service "${2:-}"; mkdir -p "$RUN" "$LOGS"; service_env; launch "$2" ;; # without waiting for readiness
  pid) known_service "${2:-}"; service_pid "$2" ;;
  stop) stop_all ;;
  *) echo "usage: $0 start|up|stop | service NAME | launch NAME | pid NAME" >&2; exit 2 ;;
esac

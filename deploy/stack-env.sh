# Defaults of the local stack; every one can be overridden from the environment.
# Sourced by deploy/stack.sh, deploy/run.sh and the Makefile's recipes.
: "${SWITCHBOARD_STACK_DIR:=$ROOT/.stack}"
: "${SWITCHBOARD_PG_PORT:=15432}"
: "${SWITCHBOARD_PG_USER:=switchboard}"
: "${SWITCHBOARD_PG_PASSWORD:=switchboard}"
: "${SWITCHBOARD_KAFKA_PORT:=19092}"
: "${SWITCHBOARD_KAFKA_CONTROLLER_PORT:=19093}"
: "${SWITCHBOARD_REGISTRY_PORT:=18080}"
: "${SWITCHBOARD_MONGO_PORT:=27018}"
export SWITCHBOARD_STACK_DIR SWITCHBOARD_PG_PORT SWITCHBOARD_PG_USER SWITCHBOARD_PG_PASSWORD \
  SWITCHBOARD_KAFKA_PORT SWITCHBOARD_KAFKA_CONTROLLER_PORT SWITCHBOARD_REGISTRY_PORT SWITCHBOARD_MONGO_PORT

# The environment a service needs to reach this stack (its application.properties read these).
stack_env() {
  cat <<ENV
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$SWITCHBOARD_KAFKA_PORT
REGISTRY_URL=http://127.0.0.1:$SWITCHBOARD_REGISTRY_PORT/apis/registry/v3
DB_HOST=127.0.0.1
DB_PORT=$SWITCHBOARD_PG_PORT
DB_USERNAME=$SWITCHBOARD_PG_USER
DB_PASSWORD=$SWITCHBOARD_PG_PASSWORD
MONGODB_CONNECTION_STRING=mongodb://127.0.0.1:$SWITCHBOARD_MONGO_PORT
ENV
}

# How a service's JVM is started by `make run` (deploy/run.sh) and the mesh benchmark (bench/mesh.sh):
# the heap, the JVM options and the environment variables below; each can be overridden. The defaults
# keep five services on a small machine: C1 only (they start faster and their code cache stays small),
# the serial collector (no parallel GC threads or remembered sets for a heap this size), and two glibc
# malloc arenas instead of one per thread (most of the resident memory outside the heap otherwise).
# The heap: the live sets under load are 30-70 MB (routing's desk the largest); with the serial collector the
# whole heap becomes resident as old-generation garbage accumulates, so -Xmx is most of the RSS (NMT in the mesh
# at 250/s: heap 192 MB, metaspace 57-96, code 18-31, symbols 15-26, threads 4-29 MB). The first metaspace
# threshold at 128 MB spares each start-up three or four full collections (100-800 ms each under load).
: "${SWITCHBOARD_SERVICE_HEAP:=144m}"
# Intake's own: when the machine is saturated it holds thousands of requests in flight, and at 144 MB its heap
# stayed full after collections (136 of 144 MB, 1.6 s pauses) in the mesh at 250/s.
: "${SWITCHBOARD_INTAKE_HEAP:=192m}"
: "${SWITCHBOARD_SERVICE_JVM_OPTS:=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=160m}"
: "${MALLOC_ARENA_MAX:=2}"
export SWITCHBOARD_SERVICE_HEAP SWITCHBOARD_INTAKE_HEAP SWITCHBOARD_SERVICE_JVM_OPTS MALLOC_ARENA_MAX

# service_jvm_args [SERVICE]: the options of a service's JVM (word-split on purpose: the options are several words);
# the heap is SWITCHBOARD_<SERVICE>_HEAP when set (e.g. SWITCHBOARD_ROUTING_HEAP=192m), else SWITCHBOARD_SERVICE_HEAP.
service_jvm_args() {
  local own=SWITCHBOARD_${1:-service}_HEAP
  own=${own^^}
  [[ -n ${!own:-} ]] || own=SWITCHBOARD_SERVICE_HEAP
  echo "-Xmx${!own} $SWITCHBOARD_SERVICE_JVM_OPTS"
}

# --- pid files that cannot name someone else's process -----------------------------------------
# A pid file holds "PID START [PORT]": START is the process's start time (field 22 of
# /proc/PID/stat, in clock ticks since boot), so that a pid reused by an unrelated process after a
# crash or a reboot never matches. Nothing is signalled unless pid and start time both match.

proc_start_time() { # proc_start_time PID: its start time, fails when no such process
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) } # the command name (field 2) may hold spaces and parentheses
  local fields
  read -r -a fields <<< "$stat"
  [[ -n ${fields[19]:-} ]] || return 1
  echo "${fields[19]}"
}

proc_cmdline() { tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null; }

write_pid_file() { # write_pid_file FILE PID [PORT]
  local start
  start=$(proc_start_time "$2") || start=gone
  echo "$2 $start ${3:-}" > "$1"
}

# live_pid FILE [LEGACY-CHECK [ARG...]]: prints the pid of FILE when the very process it recorded still runs.
# A pid file without a start time (written before start times were recorded) is trusted only when
# `LEGACY-CHECK PID ARG...` says the process is the expected one (e.g. its command line names this stack).
live_pid() {
  [[ -f $1 ]] || return 1
  local pid= start= now
  read -r pid start _ < "$1" || true
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  now=$(proc_start_time "$pid") || return 1
  if [[ -n $start ]]; then
    [[ $now == "$start" ]] || return 1
  else
    [[ -n ${2:-} ]] && "$2" "$pid" "${@:3}" || return 1
  fi
  echo "$pid"
}

pid_file_port() { # pid_file_port FILE: the port recorded with the pid, empty when none
  local _pid _start port=
  [[ -f $1 ]] && read -r _pid _start port < "$1"
  echo "${port:-}"
}

# stop_pid NAME PID [SECONDS]: TERM, wait, then KILL, each only while PID is still the same process.
stop_pid() {
  local name=$1 pid=$2 seconds=${3:-20} start
  start=$(proc_start_time "$pid") || return 0
  kill "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + seconds))
  while [[ $(proc_start_time "$pid" 2>/dev/null) == "$start" ]]; do
    if (( SECONDS >= deadline )); then
      printf '%s did not stop in %ss, killing\n' "$name" "$seconds" >&2
      kill -9 "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
}

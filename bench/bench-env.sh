# Sourced by the benchmark scripts (bench/*.sh) after ROOT is set: benchmarks run on a stack of their
# own (folder .stack-bench, ports 3xxxx), never on the development stack of `make run` or on one
# shared with other people's tests, whose topics a load run would flood. Override any of these from
# the environment. Each script stops it at its end unless BENCH_KEEP_STACK=1 (make bench stops it once, at
# the end); by hand: SWITCHBOARD_STACK_DIR=.stack-bench SWITCHBOARD_PG_PORT=35432 ... deploy/stack.sh down.
: "${SWITCHBOARD_STACK_DIR:=$ROOT/.stack-bench}"
: "${SWITCHBOARD_PG_PORT:=35432}"
: "${SWITCHBOARD_KAFKA_PORT:=39092}"
: "${SWITCHBOARD_KAFKA_CONTROLLER_PORT:=39093}"
: "${SWITCHBOARD_REGISTRY_PORT:=38080}"
: "${SWITCHBOARD_MONGO_PORT:=37028}"
unset SWITCHBOARD_STACK_SHARED
source "$ROOT/deploy/stack-env.sh"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# bench_stack_fresh: the bench stack's state (cluster, topics, registry, service data) thrown away, so
# that a run starts as the first one did, not behind the rows and records of every earlier run. The
# downloaded servers stay in deploy/target/; only the start-up takes a minute more.
bench_stack_fresh() {
  "$ROOT/deploy/stack.sh" down > /dev/null 2>&1 || true
  [[ $SWITCHBOARD_STACK_DIR == */.stack-bench ]] || { echo "not a bench stack: $SWITCHBOARD_STACK_DIR" >&2; return 1; }
  rm -rf "$SWITCHBOARD_STACK_DIR"
}

# bench_stack_up: the bench stack, a signing key for tokens, and the services' environment exported.
bench_stack_up() {
  "$ROOT/deploy/stack.sh" up > /dev/null
  set -a; eval "$(stack_env)"; set +a
  "$JAVA" "$ROOT/deploy/src/script/LocalTokens.java" keys "$SWITCHBOARD_STACK_DIR/jwt" > /dev/null
  export SWITCHBOARD_JWT_KEYS=file:$SWITCHBOARD_STACK_DIR/jwt/public-key.pem
}

# bench_token ROLE SUBJECT: a bearer token signed with the bench stack's key, valid for two hours.
bench_token() { "$JAVA" "$ROOT/deploy/src/script/LocalTokens.java" token "$SWITCHBOARD_STACK_DIR/jwt" "$1" "$2" "" 7200; }

# bench_wait_ready PORT PID LOG: until the service answers ready, or fails when it exits.
bench_wait_ready() {
  local deadline=$((SECONDS + ${BENCH_READY_SECONDS:-600}))
  until "$JAVA" "$ROOT/deploy/src/script/HttpProbe.java" "http://127.0.0.1:$1/q/health/ready" > /dev/null 2>&1; do
    if ! kill -0 "$2" 2>/dev/null || (( SECONDS >= deadline )); then tail -n 30 "$3" >&2; return 1; fi
    sleep 1
  done
}

# bench_openloop: builds the open-loop client once (needs a C compiler).
bench_openloop() {
  mkdir -p "$ROOT/bench/target"
  if [[ ! -x $ROOT/bench/target/openloop || $ROOT/bench/loadgen/openloop.c -nt $ROOT/bench/target/openloop ]]; then
    cc -O2 -Wall -Wextra -o "$ROOT/bench/target/openloop" "$ROOT/bench/loadgen/openloop.c"
  fi
}

# field NAME < openloop output: the value of NAME=... on its lines (first match).
field() { grep -o "\b$1=[^ ]*" | head -n 1 | cut -d= -f2; }

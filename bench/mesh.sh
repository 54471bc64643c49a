#!/usr/bin/env bash
# The whole mesh under load: the five services as separate processes (started as deploy/run.sh starts
# them: -Xmx$SWITCHBOARD_SERVICE_HEAP, $SWITCHBOARD_SERVICE_JVM_OPTS, one JVM each, plus a GC log each),
# tickets posted to intake open loop at RATE/s for SECONDS, each timed from intake's TicketOpened
# (openedAt) to routing's TicketAssigned, resolved through intake's API HANDLING_SECONDS after its
# assignment (so agents' capacity frees, and resolutions flow on to escalation, routing and feedback).
# Every 10 s: each consumer group's lag (Kafka admin) and each process's CPU and RSS (from /proc).
# Authentication is on: every request carries a bearer token signed with the bench stack's key.
#
#   bench/mesh.sh [RATE] [SECONDS]     default 250/s for 600 s
#   WARMUP_SECONDS (60: not in the steady-state percentiles), HANDLING_SECONDS (8), AGENTS (1000, capacity 4),
#   DRAIN_SECONDS (120: how long the probe waits after the load for the last assignments and the lag to drain),
#   BENCH_SKIP_BUILD=1 (the jars are built), BENCH_KEEP_STACK=1 (leave the bench stack up),
#   BENCH_REUSE_STACK=1 (keep the bench stack's state; by default each run starts from a new one),
#   HEAP_HISTOGRAM_AT=S (S seconds into the load, each service's live objects by class, top 25, to bench/target/mesh/),
#   MESH_NMT=S (S seconds into the load, each service's native memory by area: heap, metaspace, code, threads...,
#   from -XX:NativeMemoryTracking=summary, to bench/target/mesh/nmt-<service>.txt: what the RSS is made of),
#   MESH_JFR=1 (a flight recording of each service, bench/target/mesh/<service>.jfr, to see where its CPU goes)
#
# Runs on the bench stack (bench/bench-env.sh), services on ports 9301-9305. Not a test: it prints figures.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bench/bench-env.sh
RATE=${1:-250}
RUN_SECONDS=${2:-600}
WARMUP=${WARMUP_SECONDS:-60}
HANDLING=${HANDLING_SECONDS:-8}
AGENTS=${AGENTS:-1000}
DRAIN=${DRAIN_SECONDS:-120}
SERVICES=(intake routing escalation compensation feedback)
declare -A PORT=([intake]=9301 [routing]=9302 [escalation]=9303 [compensation]=9304 [feedback]=9305)
LOGS=$SWITCHBOARD_STACK_DIR/logs
OUT=bench/target/mesh
mkdir -p "$OUT"
rm -f "$OUT"/*

if [[ -z ${BENCH_SKIP_BUILD:-} ]]; then
  ./mvnw -q -B -o -pl deploy,services/intake,services/routing,services/escalation,services/compensation,services/feedback -am \
    package -Dmaven.test.skip=true
fi
bench_openloop
[[ -n ${BENCH_REUSE_STACK:-} ]] || bench_stack_fresh
bench_stack_up
mkdir -p "$LOGS"
OPERATOR=$(bench_token operator bench-mesh)
SUPERVISOR=$(bench_token supervisor bench-mesh)
SYSTEM=$(bench_token system bench-mesh)
HDR=$(ls ~/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar 2>/dev/null || true)
if [[ -z $HDR ]]; then
  ./mvnw -q -B dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2 > /dev/null
  HDR=~/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar
fi
CP="services/routing/target/quarkus-app/lib/main/*:$HDR"
"${JAVA%java}javac" -nowarn -d bench/target/mesh-probe -cp "$CP" bench/mesh/MeshProbe.java 2>&1 | grep -v -e '^Note:' -e 'deprecat' || true
PROBE=("$JAVA" -Xmx256m -cp "bench/target/mesh-probe:$CP" MeshProbe)
# The services start where the load starts, not behind the records of an earlier run on this stack.
"${PROBE[@]}" skip

declare -A PID
stop_services() {
  for s in "${!PID[@]}"; do kill "${PID[$s]}" 2>/dev/null || true; done
  for s in "${!PID[@]}"; do wait "${PID[$s]}" 2>/dev/null || true; done
  [[ -n ${BENCH_KEEP_STACK:-} ]] || deploy/stack.sh down > /dev/null 2>&1 || true
}
trap stop_services EXIT
# Five JVMs starting at once on 2 cores can take longer than the pool's default 5 s to open the first
# database connection (Liquibase at start-up then fails); the bench allows 60 s.
export QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=${QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT:-60S}
for s in "${SERVICES[@]}"; do
  # As deploy/run.sh starts them (same heap and JVM options variables), plus a GC log to size the heap.
  # shellcheck disable=SC2046 # the JVM's options are several words (deploy/stack-env.sh)
  diagnostics=()
  [[ -z ${MESH_JFR:-} ]] || diagnostics+=("-XX:StartFlightRecording=filename=$OUT/$s.jfr,settings=profile,dumponexit=true")
  [[ -z ${MESH_NMT:-} ]] || diagnostics+=("-XX:NativeMemoryTracking=summary")
  HTTP_PORT=${PORT[$s]} nohup "$JAVA" $(service_jvm_args "$s") "${diagnostics[@]}" \
    -Xlog:gc:file="$OUT/gc-$s.log" -jar "services/$s/target/quarkus-app/quarkus-run.jar" > "$LOGS/bench-mesh-$s.log" 2>&1 &
  PID[$s]=$!
done
for s in "${SERVICES[@]}"; do
  bench_wait_ready "${PORT[$s]}" "${PID[$s]}" "$LOGS/bench-mesh-$s.log" || { echo "$s did not start" >&2; exit 1; }
done
# The bench ticket (intake gives it skill general; routing asks BASIC_OPERATIONS at L1, rule *) and its desk.
cat > "$OUT/ticket.json" <<'JSON'
{"customerId":"cust-mesh","summary":"Cannot reach the console of instance i-123","description":"Since 10:00 UTC the web console of our production instance times out; API calls work. We need help quickly please.","product":"ecs","region":"cn-north-1","impact":"SIGNIFICANT","urgency":"HIGH","language":"en"}
JSON
"${PROBE[@]}" desk "http://127.0.0.1:${PORT[routing]}" "$OPERATOR" "$SUPERVISOR" "$AGENTS" \
  "${MESH_SKILL:-general}" "${MESH_CERTIFICATION:-BASIC_OPERATIONS}" "${MESH_LEVEL:-L1}" 4

sample() { # every 10 s: t, then per process name cpu_ticks rss_kb
  local hz; hz=$(getconf CLK_TCK)
  echo "hz $hz"
  while true; do
    local line="t $(date +%s.%N)"
    for s in "${SERVICES[@]}" kafka registry mongo; do
      local p=${PID[$s]:-}
      [[ -n $p ]] || p=$(cut -d' ' -f1 "$SWITCHBOARD_STACK_DIR/run/$s.pid" 2>/dev/null || true)
      line+=" $s $(proc_sample "$p")"
    done
    local pg; pg=$(head -n 1 "$SWITCHBOARD_STACK_DIR/data/postgresql/postmaster.pid" 2>/dev/null || true)
    line+=" postgresql $(proc_sample "$pg" "$(pgrep -P "$pg" 2>/dev/null | tr '\n' ' ')")"
    echo "$line"
    sleep 10
  done
}
proc_sample() { # proc_sample PID [CHILD PIDS]: cpu ticks (utime+stime) and RSS kB, summed
  local ticks=0 rss=0 p stat
  for p in $1 ${2:-}; do
    stat=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    read -r -a f <<< "$stat"
    ticks=$((ticks + f[11] + f[12]))
    rss=$((rss + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)))
  done
  echo "$ticks $rss"
}
sample > "$OUT/proc.txt" &
SAMPLER=$!
echo "# $(date -u +%FT%TZ), $(nproc) cores, load: $(uptime | sed 's/.*load average/load average/')"
echo "# mesh: $RATE tickets/s for ${RUN_SECONDS}s (${WARMUP}s warm-up), handling ${HANDLING}s, $AGENTS agents, JVM $(service_jvm_args) (intake -Xmx$SWITCHBOARD_INTAKE_HEAP), MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
"${PROBE[@]}" watch "$RUN_SECONDS" "$WARMUP" "$HANDLING" "http://127.0.0.1:${PORT[intake]}" "$SUPERVISOR" cust-mesh "$DRAIN" > "$OUT/probe.txt" 2>&1 &
WATCH=$!
until grep -q '^ready' "$OUT/probe.txt"; do
  kill -0 $WATCH 2>/dev/null || { cat "$OUT/probe.txt" >&2; exit 1; }
  sleep 1
done
if [[ -n ${HEAP_HISTOGRAM_AT:-} ]]; then
  # What fills a heap under load: jcmd's histogram of the live objects (it runs a full collection first).
  (sleep "$HEAP_HISTOGRAM_AT"
   for s in "${SERVICES[@]}"; do "${JAVA%java}jcmd" "${PID[$s]}" GC.class_histogram 2>&1 | head -n 28 > "$OUT/histogram-$s.txt"; done) &
fi
if [[ -n ${MESH_NMT:-} ]]; then
  (sleep "$MESH_NMT"
   for s in "${SERVICES[@]}"; do
     { grep VmRSS "/proc/${PID[$s]}/status"; "${JAVA%java}jcmd" "${PID[$s]}" VM.native_memory summary; } > "$OUT/nmt-$s.txt" 2>&1
   done) &
fi
bench/target/openloop -u "http://127.0.0.1:${PORT[intake]}/api/v1/tickets" -H "Authorization: Bearer $SYSTEM" -b "$OUT/ticket.json" \
  -r "$RATE" -d "$RUN_SECONDS" -c 32 > "$OUT/openloop.txt"
echo "## intake, POST /api/v1/tickets open loop (the whole run):"
cat "$OUT/openloop.txt"
wait $WATCH || true
kill $SAMPLER 2>/dev/null || true
echo "## the probe (tickets timed, lag every 10 s):"
grep -e '^t_s' -e '^[0-9]' "$OUT/probe.txt" | awk 'NR <= 3 || NR % 6 == 0'; grep -e '^tickets' -e '^intake' -e '^consumer' -e '^  lag' "$OUT/probe.txt"
echo "## CPU (% of one core, mean over the run) and RSS (MB: max, at the end) per process; heap in use after a collection (max, MB: with the serial collector this includes old-generation garbage until a full collection; HEAP_HISTOGRAM_AT gives the live set), from the GC log:"
awk -v load="$RUN_SECONDS" '
  $1 == "hz" { hz = $2; next }
  $1 == "t" { n++; t[n] = $2; for (i = 3; i < NF; i += 3) { name[i] = $i; tick[n, $i] = $(i + 1); rss[n, $i] = $(i + 2) } }
  END {
    for (i in name) {
      s = name[i]; mx = 0
      for (k = 1; k <= n; k++) if (rss[k, s] > mx) mx = rss[k, s]
      cpu = (tick[n, s] - tick[1, s]) / hz / (t[n] - t[1]) * 100
      printf "  %-13s cpu %5.1f%%  rss max %4d MB, end %4d MB\n", s, cpu, mx / 1024, rss[n, s] / 1024
    }
  }' "$OUT/proc.txt" | sort
for s in "${SERVICES[@]}"; do
  # "Pause Young (Allocation Failure) 120M->35M(185M) 5.1ms": the heap used after each collection.
  after=$({ grep -o -- '->[0-9]*M' "$OUT/gc-$s.log" || true; } | tr -dc '0-9\n' | sort -n | tail -n 1)
  pauses=$(grep -c 'Pause' "$OUT/gc-$s.log" || true)
  durations=$({ grep -o '[0-9.]*ms$' "$OUT/gc-$s.log" || true; } | tr -d 'ms')
  maxpause=$(sort -n <<< "$durations" | tail -n 1)
  total=$(awk '{ t += $1 } END { printf "%.1f", t / 1000 }' <<< "$durations")
  printf '  %-13s heap after a collection max %s MB, %s pauses, longest %s ms, %s s in all\n' "$s" "${after:-?}" "$pauses" "${maxpause:-?}" "$total"
done
echo "# load at the end: $(uptime | sed 's/.*load average/load average/')"

#!/usr/bin/env bash
# `make bench`: the figures side by side, in one run on this machine (at most about 30 minutes):
#   1. intake alone at fixed rates, each point beside the null endpoint (bench/intake.sh);
#   2. the whole mesh at 250 tickets/s for 10 minutes (bench/mesh.sh);
#   3. the peers, Request Tracker 5 and Alertmanager, with the same load tool and method (bench/peers.sh);
# then the ratios. One run per point (three would not fit the half hour). All on the bench stack
# (bench/bench-env.sh), stopped at the end. Figures go to stdout and bench/target/*/.
#
#   INTAKE_RATES ("1000 3000 5000 10000"), MESH_RATE (250), MESH_SECONDS (600); the scripts' own variables apply.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bench/bench-env.sh
trap 'deploy/stack.sh down > /dev/null 2>&1 || true' EXIT
export BENCH_SKIP_BUILD=1 BENCH_KEEP_STACK=1
started=$SECONDS
echo "# make bench: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo ?), $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GB; load: $(uptime | sed 's/.*load average/load average/')"
./mvnw -q -B -o -pl deploy,services/intake,services/routing,services/escalation,services/compensation,services/feedback -am \
  package -Dmaven.test.skip=true
echo; echo "# 1. intake alone"
WARMUP_SECONDS=${WARMUP_SECONDS:-120} SECONDS_PER_RATE=${SECONDS_PER_RATE:-30} bench/intake.sh ${INTAKE_RATES:-1000 3000 5000 10000}
echo; echo "# 2. the whole mesh"
bench/mesh.sh "${MESH_RATE:-250}" "${MESH_SECONDS:-600}"
echo; echo "# 3. peers"
bench/peers.sh

# The highest offered rate a system sustained (achieved at least 99% of it, no errors, no non-2xx), its p99.
sustained() { # sustained FILE...: "rate p99" of the best such point, "0 -" when none
  for f in "$@"; do
    [[ -f $f ]] || continue
    printf '%s %s %s %s %s\n' "$(field offered_rate < "$f")" "$(field achieved_rate < "$f")" "$(field errors < "$f")" \
      "$(field non2xx < "$f")" "$(field p99 < "$f")"
  done | awk '$2 >= 0.99 * $1 && $3 == 0 && $4 == 0 && $1 > best { best = $1; p99 = $5 } END { print (best ? best " " p99 : "0 -") }'
}
read -r intake_rate intake_p99 <<< "$(sustained bench/target/intake/rate-*.txt)"
read -r rt_rate rt_p99 <<< "$(sustained bench/target/peers/rt5-*.txt)"
read -r am_rate am_p99 <<< "$(sustained bench/target/peers/alertmanager-[0-9]*.txt)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a (the peer sustained none of its rates)" }'; }
echo
echo "# ratios: the highest offered rate sustained (achieved >= 99%, no errors, all 2xx), one run per point"
echo "| system | sustained | p99 there (ms) |"
echo "|---|---|---|"
echo "| intake, POST /api/v1/tickets (durable ticket) | $intake_rate/s | $intake_p99 |"
echo "| Request Tracker 5, POST /REST/2.0/ticket | $rt_rate/s | $rt_p99 |"
echo "| Alertmanager, POST /api/v2/alerts | $am_rate/s | $am_p99 |"
echo "intake / RT5: $(ratio "$intake_rate" "$rt_rate"); intake / Alertmanager: $(ratio "$intake_rate" "$am_rate")"
echo "# make bench took $(( (SECONDS - started) / 60 )) min; load at the end: $(uptime | sed 's/.*load average/load average/')"

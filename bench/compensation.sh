#!/usr/bin/env bash
# Compensation: a month of outages for 100,000 subscriptions against the real local stack. Loads the
# subscriptions over the bulk API, publishes the month's outages to support.outages.inbound.v1 and times until
# every credit is on support.compensation.v1; computes and checks every customer's statement over HTTP as soon as
# every outage is settled in the database (while the last credits drain), and prints the goal's figure.
# The driver is CompensationBenchmark (services/compensation, test scope, skipped unless -Dswitchboard.bench=true);
# the service runs in the same JVM (Quarkus test mode, the service's test profile). Its rows are removed afterwards.
#
#   bench/compensation.sh             BENCH_SUBSCRIPTIONS (default 100000, a multiple of 100)
#
# The SLA and ticket consumers are switched off for the run: on a stack shared with other benchmarks they would
# spend the run catching up on those benchmarks' events.
#
# Not a test: it prints figures; copy them with the method into docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
echo "# $(date -u +%FT%TZ), $(nproc) cores"
./mvnw -B -o -q -pl services/compensation -am verify -Dtest=CompensationBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dswitchboard.bench=true -Dbench.subscriptions="${BENCH_SUBSCRIPTIONS:-100000}" \
  -Dmp.messaging.incoming.sla-events.enabled=false -Dmp.messaging.incoming.customer-tickets.enabled=false 2>&1 | tee "${BENCH_LOG:-/dev/null}" | grep -E '^BENCH|FAIL|Tests run' || true

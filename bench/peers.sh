#!/usr/bin/env bash
# Peers on the same box, with the same load tool and method as bench/intake.sh (bench/loadgen/openloop,
# open loop at fixed rates, latency from each request's scheduled time, authentication on):
#   - Request Tracker 5 (Debian request-tracker5): ticket creation, POST /REST/2.0/ticket, SQLite backend
#     (rt5-db-sqlite, the lightest setup), its standalone Starlet server (rt5-standalone), a fresh copy of the
#     database the package made; authenticated by a session cookie (one login; REST2's token and basic
#     auth check a bcrypt hash on every request, which would measure bcrypt, not ticket creation);
#   - Prometheus Alertmanager (Debian prometheus-alertmanager): incident ingest, POST /api/v2/alerts, one
#     new alert (its own label set) per request, basic auth (bcrypt, cached by the server after the first).
# Installs the packages when missing (apt-get, as root). Prints one table line per point.
#
#   bench/peers.sh
#   RT_RATES (default "2 4 8 16"), AM_RATES ("1000 3000 5000"), PEER_SECONDS (30 per point, after 5 s warm-up),
#   RT_WORKERS (Starlet workers, 4), RT_CONNECTIONS (one per worker), PEER_CONNECTIONS (Alertmanager: 128)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bench/bench-env.sh
RT_RATES=${RT_RATES:-2 4 8 16}
AM_RATES=${AM_RATES:-1000 3000 5000}
RUN_SECONDS=${PEER_SECONDS:-30}
RT_PORT=9380
AM_PORT=9393
DIR=$SWITCHBOARD_STACK_DIR/peers
OUT=bench/target/peers
RT_LIB=/usr/share/request-tracker5/lib
mkdir -p "$DIR" "$OUT"
rm -f "$OUT"/*
bench_openloop

if ! dpkg -s request-tracker5 rt5-db-sqlite rt5-standalone prometheus-alertmanager > /dev/null 2>&1; then
  [[ $(id -u) == 0 ]] || { echo "peers: run as root once to install request-tracker5 and prometheus-alertmanager" >&2; exit 1; }
  echo "# installing request-tracker5 (SQLite, standalone) and prometheus-alertmanager"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q > "$OUT/apt.log" 2>&1
  apt-get install -y -q --no-install-recommends request-tracker5 rt5-db-sqlite rt5-standalone prometheus-alertmanager >> "$OUT/apt.log" 2>&1 \
    || { tail -n 20 "$OUT/apt.log" >&2; exit 1; }
fi
# RT reads its site configuration from /etc; this drop-in changes nothing unless the bench's variables are set.
SITE=/etc/request-tracker5/RT_SiteConfig.d/99-switchboard-bench.pm
if [[ ! -f $SITE ]]; then
  cat > "$SITE" <<'PERL'
# Switchboard's peer benchmark (bench/peers.sh): takes effect only when its environment variables are set.
if ($ENV{SWITCHBOARD_RT_DB}) {
    Set($DatabaseName, $ENV{SWITCHBOARD_RT_DB});
    Set($WebPath, '');
    Set($WebDomain, '127.0.0.1');
    Set($WebPort, $ENV{SWITCHBOARD_RT_PORT});
    Set($WebBaseURL, "http://127.0.0.1:$ENV{SWITCHBOARD_RT_PORT}");
    Set($LogToSTDERR, 'warning');
    Set($LogToSyslog, undef);
}
1;
PERL
fi

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
wait_http() { # wait_http URL SECONDS [curl args]: until it answers below 500
  local url=$1 deadline=$((SECONDS + $2)); shift 2
  until code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$@" "$url") && [[ $code != 000 && $code -lt 500 ]]; do
    (( SECONDS < deadline )) || { echo "peers: $url did not answer" >&2; return 1; }
    sleep 1
  done
}
point() { # point NAME RATE CONNECTIONS openloop-args...: one run, a table line
  local name=$1 rate=$2 conns=$3; shift 3
  bench/target/openloop -r "$rate" -d "$RUN_SECONDS" -w 5 -c "$conns" "$@" > "$OUT/$name-$rate.txt" 2> "$OUT/$name-$rate.err" || true
  printf '| %s | %s/s | %s/s | %s | %s | %s | %s | %s |\n' "$name" "$rate" "$(field achieved_rate < "$OUT/$name-$rate.txt")" \
    "$(field p50 < "$OUT/$name-$rate.txt")" "$(field p99 < "$OUT/$name-$rate.txt")" "$(field 'p99\.9' < "$OUT/$name-$rate.txt")" \
    "$(field non2xx < "$OUT/$name-$rate.txt")" "$(field errors < "$OUT/$name-$rate.txt")"
}

echo "# $(date -u +%FT%TZ), $(nproc) cores, ${RUN_SECONDS}s per point after 5 s warm-up, one run per point; load: $(uptime | sed 's/.*load average/load average/')"
echo "| peer | offered | achieved | p50 ms | p99 ms | p99.9 ms | non-2xx | errors |"
echo "|---|---|---|---|---|---|---|---|"

# --- Request Tracker 5 --------------------------------------------------------------------------------
export SWITCHBOARD_RT_DB=$DIR/rtdb SWITCHBOARD_RT_PORT=$RT_PORT
cp /var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb "$SWITCHBOARD_RT_DB"
RT_PASSWORD=bench-$RANDOM$RANDOM
perl -I"$RT_LIB" -e 'use RT; RT::LoadConfig(); RT::Init(); my $u = RT::User->new(RT->SystemUser); $u->Load("root");
  my ($ok, $msg) = $u->SetPassword($ARGV[0]); die "$msg\n" unless $ok;' "$RT_PASSWORD" 2> "$DIR/rt-setup.log"
(cd "$DIR" && exec /usr/share/request-tracker5/libexec/rt-server --host 127.0.0.1 --port $RT_PORT --max-workers "${RT_WORKERS:-4}") > "$DIR/rt.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$RT_PORT/NoAuth/Login.html" 180
COOKIE=$(curl -s -D - -o /dev/null --max-time 60 -d "user=root&pass=$RT_PASSWORD" "http://127.0.0.1:$RT_PORT/NoAuth/Login.html" \
  | sed -n 's/^Set-Cookie: \(RT_SID_[^;]*\);.*/\1/ip' | head -n 1)
[[ -n $COOKIE ]] || { echo "peers: RT login gave no session cookie" >&2; exit 1; }
cat > "$OUT/rt-ticket.json" <<'JSON'
{"Queue":"General","Subject":"Cannot reach the console of instance i-123","Content":"Since 10:00 UTC the web console of our production instance times out; API calls work. We need help quickly please.","Priority":"50"}
JSON
# First requests compile RT's code in each worker: a short warm-up at the lowest rate, not measured.
bench/target/openloop -u "http://127.0.0.1:$RT_PORT/REST/2.0/ticket" -H "Cookie: $COOKIE" -b "$OUT/rt-ticket.json" -r 2 -d 20 -c 4 > /dev/null 2>&1 || true
# One connection per Starlet worker: a worker that accepts an idle connection blocks reading it, so with more
# connections than workers requests queue behind idle sockets for tens of seconds (seen with 16: p99 19 s at
# 1/s). A 30 s drain lets a point's last slow requests finish instead of counting them as errors.
for rate in $RT_RATES; do
  point rt5 "$rate" "${RT_CONNECTIONS:-${RT_WORKERS:-4}}" --drain 30 -u "http://127.0.0.1:$RT_PORT/REST/2.0/ticket" -H "Cookie: $COOKIE" -b "$OUT/rt-ticket.json"
done
kill "${PIDS[@]}" 2>/dev/null || true
PIDS=()

# --- Prometheus Alertmanager --------------------------------------------------------------------------
AM_PASSWORD=bench-$RANDOM$RANDOM
HASH=$(perl -MCrypt::Eksblowfish::Bcrypt=bcrypt,en_base64 -e \
  'print bcrypt($ARGV[0], q($2a$10$) . en_base64(join "", map { chr int rand 256 } 1 .. 16))' "$AM_PASSWORD")
printf 'basic_auth_users:\n  bench: %s\n' "$HASH" > "$DIR/am-web.yml"
printf 'route:\n  receiver: "null"\nreceivers:\n  - name: "null"\n' > "$DIR/am.yml"
rm -rf "$DIR/am-data"
prometheus-alertmanager --config.file="$DIR/am.yml" --web.config.file="$DIR/am-web.yml" --storage.path="$DIR/am-data" \
  --web.listen-address=127.0.0.1:$AM_PORT --cluster.listen-address= > "$DIR/alertmanager.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$AM_PORT/-/ready" 60
AM_AUTH="Authorization: Basic $(printf 'bench:%s' "$AM_PASSWORD" | base64 -w0)"
cat > "$OUT/am-alert.json" <<'JSON'
[{"labels":{"alertname":"InstanceConsoleDown","instance":"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX","service":"ecs","severity":"critical","customer":"cust-bench"},"annotations":{"summary":"Cannot reach the console of instance i-123","description":"Since 10:00 UTC the web console of our production instance times out; API calls work."}}]
JSON
for rate in $AM_RATES; do
  point alertmanager "$rate" "${PEER_CONNECTIONS:-128}" -u "http://127.0.0.1:$AM_PORT/api/v2/alerts" -H "$AM_AUTH" -b "$OUT/am-alert.json" \
    --unique-body XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
  # Alertmanager's null endpoint at the same rate: its readiness check.
  point alertmanager-ready "$rate" "${PEER_CONNECTIONS:-128}" -u "http://127.0.0.1:$AM_PORT/-/ready" -H "$AM_AUTH"
done
echo "# load at the end: $(uptime | sed 's/.*load average/load average/')"

#!/usr/bin/env bash
# Round trips to PostgreSQL per request, scenario by scenario: starts the jar on a fresh database with the PostgreSQL
# driver's protocol log on, warms each scenario up until the driver has prepared its statements on every pooled
# connection, then sends one request of each scenario with a correlation id of its own and counts, in the lines of the
# request's thread (the subscribing projections' work included; the streaming projections' is not), the driver's
# Sync messages (one per round trip: the driver waits for the answer to each), its Execute messages (statements run)
# and its Parse messages (statements not yet prepared). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  cat <<'HELP'

Settings (environment): BENCH_WARMUP_REQUESTS (200 per scenario), BENCH_XMX (256m), BENCH_PGHOST / BENCH_PGPORT /
BENCH_PGUSER (127.0.0.1 / 5432 / postgres), BENCH_JAR (app/target/app-0.1.0-SNAPSHOT.jar), BENCH_KEEP_DB=1 to keep
the database, BENCH_OUT (output folder).
HELP
  exit 0
fi

JAR=${BENCH_JAR:-app/target/app-0.1.0-SNAPSHOT.jar}
XMX=${BENCH_XMX:-256m}
WARMUP=${BENCH_WARMUP_REQUESTS:-200}
DB=${BENCH_DB:-orggroups_round_trips_$$}
OUT=${BENCH_OUT:-bench/out/round-trips-$(date +%Y%m%d-%H%M%S)}

source bench/lib.sh
prepare_benchmark java psql python3 curl

SERVICE_PID= DB_CREATED=
stop_service_on_exit "round-trip count"

# The driver logs every protocol message at TRACE, with the request's correlation id in each line.
export LOGGING_LEVEL_ORG_POSTGRESQL_CORE_V3=TRACE
# A node looks a token up once per orggroups.auth.token-cache-ttl (5 s by default), not once per request: with the
# default, whichever counted request came after the entry's expiry would count that lookup too.
export ORGGROUPS_AUTH_TOKENCACHETTL=1h
start_service_on_new_database
python3 bench/benchctl.py wait --url "$URL" --pid "$SERVICE_PID" --timeout "${BENCH_START_TIMEOUT:-180}"
TOKEN=$(python3 bench/benchctl.py login --url "$URL" --username "$ADMIN")
GROUPS_URL="$URL/api/organization-groups/"

# request SCENARIO [CORRELATION_ID]: one request of the scenario; prints the status.
request() {
  local id=${2:-warm-up} body method=POST target=$GROUPS_URL
  case "$1" in
    create-root) body="{\"name\":\"Root $RANDOM\"}" ;;
    create-child) body="{\"name\":\"Child $RANDOM\",\"parent\":\"$GROUPS_URL$PARENT/\"}" ;;
    rename) method=PATCH target="$GROUPS_URL$PARENT/" body="{\"name\":\"Renamed $RANDOM\"}" ;;
    retrieve) method=GET target="$GROUPS_URL$PARENT/" body= ;;
  esac
  curl -s -o /dev/null -w '%{http_code}' -X "$method" -H "Authorization: Token $TOKEN" -H "X-Correlation-ID: $id" \
    ${body:+-H 'Content-Type: application/json' -d "$body"} "$target"
}

PARENT=$(curl -s -X POST -H "Authorization: Token $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"Round trips"}' "$GROUPS_URL" | python3 -c 'import json, sys; print(json.load(sys.stdin)["uuid"])')
SCENARIOS="create-root create-child rename retrieve"
for s in $SCENARIOS; do
  for _ in $(seq 1 "$WARMUP"); do request "$s" > /dev/null; done
done

printf '%-13s %11s %10s %6s\n' scenario round_trips statements parses | tee "$OUT/round-trips.txt"
for s in $SCENARIOS; do
  # A connection idle for half a second is first checked by the pool with an empty query, a round trip that no
  # request under load pays; it is sent without a Sync message, so it is not counted.
  status=$(request "$s" "round-trips-$s")
  sleep 1
  lines=$(grep -F "[round-trips-$s]" "$OUT/service.log" || true)
  printf '%-13s %11d %10d %6d   (HTTP %s)\n' "$s" \
    "$(grep -c 'FE=> Sync' <<< "$lines" || true)" "$(grep -c 'FE=> Execute' <<< "$lines" || true)" \
    "$(grep -c 'FE=> Parse' <<< "$lines" || true)" "$status" | tee -a "$OUT/round-trips.txt"
done
log "service log: $OUT/service.log"

#!/usr/bin/env bash
# How long the streaming group report takes to catch up after deep and wide trees are written through the API:
# a chain of BENCH_DEPTH nested groups (one POST after the other), a fan-out of BENCH_FANOUT children under one
# root (BENCH_WORKERS concurrent connections), then the delete of the chain's root. Prints, per phase, the
# seconds from the phase's last write to lag 0 of group-report in GET /api/projections/. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  cat <<'HELP'

Settings (environment): BENCH_DEPTH (2000), BENCH_FANOUT (5000), BENCH_WORKERS (8), BENCH_XMX (256m),
BENCH_LAG_TIMEOUT (300 s per phase), BENCH_PGHOST / BENCH_PGPORT / BENCH_PGUSER (127.0.0.1 / 5432 / postgres),
BENCH_JAR (app/target/app-0.1.0-SNAPSHOT.jar), BENCH_KEEP_DB=1 to keep the database, BENCH_OUT (output folder).
Exit status 0 when every phase reached lag 0, 3 when one did not within BENCH_LAG_TIMEOUT.
HELP
  exit 0
fi

JAR=${BENCH_JAR:-app/target/app-0.1.0-SNAPSHOT.jar}
XMX=${BENCH_XMX:-256m}
DEPTH=${BENCH_DEPTH:-2000}
FANOUT=${BENCH_FANOUT:-5000}
WORKERS=${BENCH_WORKERS:-8}
TIMEOUT=${BENCH_LAG_TIMEOUT:-300}
DB=${BENCH_DB:-orggroups_lag_$$}
OUT=${BENCH_OUT:-bench/out/report-lag-$(date +%Y%m%d-%H%M%S)}

source bench/lib.sh
prepare_benchmark java psql python3

SERVICE_PID= DB_CREATED=
stop_service_on_exit "report-lag benchmark"

log "output folder $OUT; $(nproc) cores; chain of $DEPTH, fan-out of $FANOUT ($WORKERS connections)"
start_service_on_new_database
log "service starting: pid $SERVICE_PID, port $PORT, -Xmx$XMX"
python3 bench/benchctl.py wait --url "$URL" --pid "$SERVICE_PID" --timeout "${BENCH_START_TIMEOUT:-180}"
log "service up"

export BENCH_TOKEN
BENCH_TOKEN=$(python3 bench/benchctl.py login --url "$URL" --username "$ADMIN")
python3 bench/report_lag.py --url "$URL" --depth "$DEPTH" --fanout "$FANOUT" --workers "$WORKERS" \
  --timeout "$TIMEOUT" --results "$OUT/results.tsv" | tee "$OUT/report-lag.txt"
log "service log: $(grep -c ' ERROR ' "$OUT/service.log" || true) ERROR and $(grep -c ' WARN ' "$OUT/service.log" || true) WARN lines"

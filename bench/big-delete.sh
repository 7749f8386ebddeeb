#!/usr/bin/env bash
# How long the delete of a big subtree takes, and how long unrelated shape changes wait meanwhile: on a fresh
# PostgreSQL database, two service nodes; through the API a subtree of BENCH_SIZE groups (a root and its children,
# or a mixed tree) with BENCH_MEMBERS member customers; then one DELETE of its root on the first node and, while it
# runs, a move and a membership change outside the subtree on the second node. Prints each request's seconds.
# See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  cat <<'HELP'

Settings (environment): BENCH_SIZE (5001, the root included), BENCH_SHAPE (fan: every group a child of the root;
mix: a tree up to BENCH_DEPTH=6 levels), BENCH_MEMBERS (200), BENCH_WORKERS (8), BENCH_DELAY (0.3 s between the
delete and the unrelated requests), BENCH_NODES (2; 1 sends everything to one node), BENCH_XMX (256m),
BENCH_PORT / BENCH_PORT2 (free ones), BENCH_PGHOST / BENCH_PGPORT / BENCH_PGUSER (127.0.0.1 / 5432 / postgres),
BENCH_JAR (app/target/app-0.1.0-SNAPSHOT.jar), BENCH_KEEP_DB=1 to keep the database, BENCH_OUT (output folder).
Exit status 0 when all three requests succeeded.
HELP
  exit 0
fi

JAR=${BENCH_JAR:-app/target/app-0.1.0-SNAPSHOT.jar}
XMX=${BENCH_XMX:-256m}
SIZE=${BENCH_SIZE:-5001}
SHAPE=${BENCH_SHAPE:-fan}
DEPTH=${BENCH_DEPTH:-6}
MEMBERS=${BENCH_MEMBERS:-200}
WORKERS=${BENCH_WORKERS:-8}
DELAY=${BENCH_DELAY:-0.3}
NODES=${BENCH_NODES:-2}
DB=${BENCH_DB:-orggroups_delete_$$}
OUT=${BENCH_OUT:-bench/out/big-delete-$(date +%Y%m%d-%H%M%S)}

source bench/lib.sh
prepare_benchmark java psql python3

SERVICE_PID= SECOND_PID= DB_CREATED=
cleanup() {
  local rc=$?
  set +e
  if [[ -n "$SECOND_PID" ]] && kill -0 "$SECOND_PID" 2>/dev/null; then
    kill "$SECOND_PID"; wait "$SECOND_PID" 2>/dev/null; log "second node stopped"
  fi
  stop_service_and_drop_database
  [[ $rc -ne 0 ]] && echo "big-delete benchmark exit $rc; logs in $OUT" >&2
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "output folder $OUT; $(nproc) cores; subtree of $SIZE groups ($SHAPE), $MEMBERS members, $NODES node(s)"
start_service_on_new_database
log "service starting: pid $SERVICE_PID, port $PORT, -Xmx$XMX"
python3 bench/benchctl.py wait --url "$URL" --pid "$SERVICE_PID" --timeout "${BENCH_START_TIMEOUT:-180}"
log "service up"
URL2_ARGS=()
if [[ "$NODES" == 2 ]]; then
  # The second node joins the first one's database once its schema is migrated; the staff user exists already.
  PORT2=${BENCH_PORT2:-$(python3 bench/benchctl.py free-port)}
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGH:$PGP/$DB" SPRING_DATASOURCE_USERNAME="$PGU" \
  SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" PORT="$PORT2" AXON_UPDATE_CHECK_DISABLED=true \
    java "-Xmx$XMX" ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$OUT/service2.log" 2>&1 &
  SECOND_PID=$!
  python3 bench/benchctl.py wait --url "http://127.0.0.1:$PORT2" --pid "$SECOND_PID" \
    --timeout "${BENCH_START_TIMEOUT:-180}"
  log "second node up: pid $SECOND_PID, port $PORT2"
  URL2_ARGS=(--url2 "http://127.0.0.1:$PORT2")
fi

export BENCH_TOKEN
BENCH_TOKEN=$(python3 bench/benchctl.py login --url "$URL" --username "$ADMIN")
python3 bench/big_delete.py --url "$URL" "${URL2_ARGS[@]}" --size "$SIZE" --shape "$SHAPE" --depth "$DEPTH" \
  --members "$MEMBERS" --workers "$WORKERS" --delay "$DELAY" --results "$OUT/results.tsv" | tee "$OUT/big-delete.txt"
log "service log: $(grep -c ' ERROR ' "$OUT/service.log" || true) ERROR and $(grep -c ' WARN ' "$OUT/service.log" || true) WARN lines"

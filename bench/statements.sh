#!/usr/bin/env bash
# What PostgreSQL runs for each request of a scenario: seeds a tree through the API, warms up, then runs each scenario
# with wrk and prints, from pg_stat_statements, every statement the service sent meanwhile (the streaming projections'
# work for those requests included: it waits until they have caught up) as calls and execution milliseconds per
# request. Needs pg_stat_statements loaded by the server (shared_preload_libraries). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  cat <<'HELP'

Settings (environment): BENCH_SCENARIOS ("create-root create-child rename retrieve"), BENCH_DURATION (15 s each),
BENCH_WARMUP (30 s), BENCH_GROUPS (10000), BENCH_CONNECTIONS (16), BENCH_XMX (256m), BENCH_TOP (15 statements
shown per scenario), BENCH_PGHOST / BENCH_PGPORT / BENCH_PGUSER (127.0.0.1 / 5432 / postgres),
BENCH_JAR (app/target/app-0.1.0-SNAPSHOT.jar), BENCH_KEEP_DB=1 to keep the database, BENCH_OUT (output folder).
HELP
  exit 0
fi

JAR=${BENCH_JAR:-app/target/app-0.1.0-SNAPSHOT.jar}
XMX=${BENCH_XMX:-256m}
SCENARIOS=${BENCH_SCENARIOS:-create-root create-child rename retrieve}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-30}
GROUPS_N=${BENCH_GROUPS:-10000}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
TOP=${BENCH_TOP:-15}
DB=${BENCH_DB:-orggroups_statements_$$}
OUT=${BENCH_OUT:-bench/out/statements-$(date +%Y%m%d-%H%M%S)}

source bench/lib.sh
prepare_benchmark java psql python3 wrk

if ! "${PSQL[@]}" -d postgres -Atc "show shared_preload_libraries" | grep -q pg_stat_statements; then
  cat >&2 <<'HOW'
pg_stat_statements is not loaded by this server. Load it with, as a superuser,
  alter system set shared_preload_libraries = 'pg_stat_statements';
and a restart of PostgreSQL (alter system reset shared_preload_libraries and a restart undo it).
HOW
  exit 2
fi

SERVICE_PID= DB_CREATED=
stop_service_on_exit "statements benchmark"

log "output folder $OUT; $GROUPS_N groups, wrk -c$CONNECTIONS, ${DURATION} s per scenario after ${WARMUP} s warm-up"
start_service_on_new_database
python3 bench/benchctl.py wait --url "$URL" --pid "$SERVICE_PID" --timeout "${BENCH_START_TIMEOUT:-180}"
export BENCH_TOKEN BENCH_URL="$URL" BENCH_UUIDS="$OUT/groups.tsv"
BENCH_TOKEN=$(python3 bench/benchctl.py login --url "$URL" --username "$ADMIN")
python3 bench/benchctl.py seed --url "$URL" --count "$GROUPS_N" --roots 50 --max-depth 6 --workers 8 \
  --out "$BENCH_UUIDS" | tee "$OUT/seed.txt"
"${PSQL[@]}" -d "$DB" -c "create extension if not exists pg_stat_statements" -c "vacuum analyze"
wrk -t2 "-c$CONNECTIONS" "-d${WARMUP}s" -s bench/lua/warmup.lua "$URL" > "$OUT/wrk-warm-up.txt"
python3 bench/benchctl.py settle --url "$URL" > /dev/null
"${PSQL[@]}" -d "$DB" -c "vacuum analyze"

for s in $SCENARIOS; do
  "${PSQL[@]}" -d "$DB" -Atc "select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)" > /dev/null
  results="$OUT/results-$s.tsv"
  BENCH_SCENARIO="$s" BENCH_RESULT_FILE="$results" wrk -t2 "-c$CONNECTIONS" "-d${DURATION}s" -s "bench/lua/$s.lua" "$URL" \
    > "$OUT/wrk-$s.txt"
  python3 bench/benchctl.py settle --url "$URL" > /dev/null
  requests=$(cut -f7 "$results" | tail -1)
  echo
  echo "$s: $requests requests ($(cut -f2 "$results" | tail -1) requests/s); per request, PostgreSQL ran:"
  "${PSQL[@]}" -d "$DB" -c "
    with s as (
      select calls, total_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g') as query
      from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
        and query not like '%pg_stat_statements%')
    select round(calls::numeric / $requests, 2) as calls, round((total_exec_time / $requests)::numeric, 3) as exec_ms,
           round(rows::numeric / greatest(calls, 1), 1) as rows_per_call, left(query, 110) as statement
    from s order by total_exec_time desc limit $TOP" | tee "$OUT/statements-$s.txt"
  "${PSQL[@]}" -d "$DB" -Atc "
    select 'all statements: ' || round(sum(calls)::numeric / $requests, 2) || ' per request, '
           || round((sum(total_exec_time) / $requests)::numeric, 3) || ' ms of execution per request'
    from pg_stat_statements
    where dbid = (select oid from pg_database where datname = current_database())
      and query not like '%pg_stat_statements%'" | tee -a "$OUT/statements-$s.txt"
done
log "service log: $(grep -c ' ERROR ' "$OUT/service.log" || true) ERROR and $(grep -c ' WARN ' "$OUT/service.log" || true) WARN lines"

#!/usr/bin/env bash
# Load benchmark of the organization-groups service on PostgreSQL. See bench/README.md.
#
# Usage: bench/run.sh [--short] [--help]
#
# Creates a fresh database, starts the service jar on it, seeds groups through the API, warms up,
# measures each scenario with wrk, runs pgbench as the bound of any write path, prints one table,
# then stops the service and drops the database. Every setting is an environment variable:
#
#   BENCH_DURATION=30        seconds per scenario
#   BENCH_ROUNDS=1           rounds the scenarios take turns in: with 3, each scenario runs 3 times for a third of
#                            BENCH_DURATION, so that a drift of the machine's speed during the run falls on every
#                            scenario alike; each round starts one scenario further along BENCH_SCENARIOS, so that
#                            with as many rounds as scenarios (or a multiple) each one runs in every place of a
#                            round alike (its table line: all its requests over all its seconds; p50 and p99 the
#                            highest of its rounds)
#   BENCH_WARMUP=60          seconds of mixed warm-up before the first scenario
#   BENCH_CONNECTIONS=16     wrk connections (pgbench clients too)
#   BENCH_THREADS=2          wrk threads (pgbench threads too)
#   BENCH_TIMEOUT=10s        wrk request timeout (slower answers count as socket errors)
#   BENCH_GROUPS=10000       groups to seed
#   BENCH_ROOTS=50           of which roots
#   BENCH_MAX_DEPTH=6        deepest level of the seeded tree
#   BENCH_SEED_WORKERS=8     concurrent seeding connections
#   BENCH_FILTER=biolog      substring for the name-filter scenario (about 10 % of the seeded names)
#   BENCH_CUSTOMERS=2000     customers to seed, members of 1 to 3 seeded groups   } only when an offering
#   BENCH_OFFERINGS=1000     offerings to seed, restricted to assorted groups     } scenario is run
#   BENCH_PLANS=3            plans per offering                                   }
#   BENCH_PUBLIC_PAGE_SIZE   page_size of public-list-allowed (default: none, the service's default page of 10)
#   BENCH_SCENARIOS="create-root create-child retrieve list-page list-filter rename order-check public-list-allowed"
#                            (also: asof-list-page, stats -- the point-in-time list and the report row)
#   BENCH_PGBENCH_DURATION   seconds of pgbench (default: BENCH_DURATION)
#   BENCH_ANALYZE=auto       VACUUM ANALYZE the database after seeding and again after the warm-up: auto does so
#                            only when the server's autovacuum is off (a fresh database then never gets planner
#                            statistics, and the warm-up's tens of thousands of writes never reach the visibility
#                            map that lets a count read an index alone, which no normally configured server
#                            serves from: its autovacuum would have run within a minute of either); 1 always; 0 never
#   BENCH_XMX=256m           service heap limit;  BENCH_JAVA_OPTS: more JVM options
#   BENCH_JAR=app/target/app-0.1.0-SNAPSHOT.jar
#   BENCH_PORT               service port (default: a free one)
#   BENCH_PGHOST=127.0.0.1  BENCH_PGPORT=5432  BENCH_PGUSER=postgres  (PGPASSWORD is passed on)
#   BENCH_DB=orggroups_bench_<pid>   database to create (it must not exist) and drop
#   BENCH_KEEP_DB=0          1 keeps the database (and leaves the service's data for inspection)
#   BENCH_OUT=bench/out/<time>       folder for logs, seeded uuids and raw results
#
# --short sets BENCH_DURATION=5, BENCH_WARMUP=5 (unless they are set) for a quick check.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  --short) : "${BENCH_DURATION:=5}" "${BENCH_WARMUP:=5}" ;;
  -h|--help) sed -n '2,/^set -euo/p' bench/run.sh | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
esac

DURATION=${BENCH_DURATION:-30}
ROUNDS=${BENCH_ROUNDS:-1}
WARMUP=${BENCH_WARMUP:-60}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
TIMEOUT=${BENCH_TIMEOUT:-10s}
GROUPS_N=${BENCH_GROUPS:-10000}
ROOTS=${BENCH_ROOTS:-50}
MAX_DEPTH=${BENCH_MAX_DEPTH:-6}
SEED_WORKERS=${BENCH_SEED_WORKERS:-8}
FILTER=${BENCH_FILTER:-biolog}
CUSTOMERS_N=${BENCH_CUSTOMERS:-2000}
OFFERINGS_N=${BENCH_OFFERINGS:-1000}
PLANS_N=${BENCH_PLANS:-3}
SCENARIOS=${BENCH_SCENARIOS:-create-root create-child retrieve list-page list-filter rename order-check public-list-allowed}
OFFERING_SCENARIOS="order-check public-list-allowed"   # the scenarios that need seeded customers and offerings
PGBENCH_DURATION=${BENCH_PGBENCH_DURATION:-$DURATION}
ANALYZE=${BENCH_ANALYZE:-auto}
XMX=${BENCH_XMX:-256m}
JAR=${BENCH_JAR:-app/target/app-0.1.0-SNAPSHOT.jar}
DB=${BENCH_DB:-orggroups_bench_$$}
OUT=${BENCH_OUT:-bench/out/$(date +%Y%m%d-%H%M%S)}
SAMPLE_INTERVAL=2

source bench/lib.sh
prepare_benchmark java jstat wrk psql pgbench python3
RESULTS="$OUT/results.tsv"
: > "$RESULTS"

SERVICE_PID= JSTAT_PID= RSS_PID= DB_CREATED=
cleanup() {
  local rc=$?
  set +e
  [[ -n "$JSTAT_PID" ]] && kill "$JSTAT_PID" 2>/dev/null && wait "$JSTAT_PID" 2>/dev/null
  [[ -n "$RSS_PID" ]] && kill "$RSS_PID" 2>/dev/null && wait "$RSS_PID" 2>/dev/null
  stop_service_and_drop_database
  if [[ $rc -ne 0 ]]; then
    echo "benchmark FAILED (exit $rc); logs in $OUT" >&2
    [[ -f "$OUT/service.log" ]] && { echo "--- last lines of $OUT/service.log:" >&2; tail -n 30 "$OUT/service.log" >&2; }
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

service_alive() {
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo "the service has exited; see $OUT/service.log" >&2; exit 1; }
}

log "output folder $OUT; $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS, ${DURATION} s per scenario, ${WARMUP} s warm-up"

# 1. A fresh database and 2. the service on it, with a sampled view of its heap and RSS.
start_service_on_new_database
log "service starting: pid $SERVICE_PID, port $PORT, -Xmx$XMX"
python3 bench/benchctl.py wait --url "$URL" --pid "$SERVICE_PID" --timeout "${BENCH_START_TIMEOUT:-180}"
log "service up"

jstat -gc "$SERVICE_PID" "${SAMPLE_INTERVAL}s" > "$OUT/jstat.txt" 2>&1 &
JSTAT_PID=$!
( while kill -0 "$SERVICE_PID" 2>/dev/null; do
    awk '/^VmRSS:/ {print $2}' "/proc/$SERVICE_PID/status" 2>/dev/null
    sleep "$SAMPLE_INTERVAL"
  done ) > "$OUT/rss.txt" &
RSS_PID=$!

# 3. Log in as staff and seed the tree.
export BENCH_TOKEN BENCH_URL="$URL" BENCH_UUIDS="$OUT/groups.tsv" BENCH_FILTER="$FILTER"
BENCH_TOKEN=$(python3 bench/benchctl.py login --url "$URL" --username "$ADMIN")
log "seeding $GROUPS_N groups ($ROOTS roots, depth <= $MAX_DEPTH, $SEED_WORKERS workers)"
python3 bench/benchctl.py seed --url "$URL" --count "$GROUPS_N" --roots "$ROOTS" --max-depth "$MAX_DEPTH" \
  --workers "$SEED_WORKERS" --filter "$FILTER" --out "$BENCH_UUIDS" | tee "$OUT/seed.txt"
WITH_OFFERINGS=no
for s in $SCENARIOS; do [[ " $OFFERING_SCENARIOS " == *" $s "* ]] && WITH_OFFERINGS=yes; done
if [[ $WITH_OFFERINGS == yes ]]; then
  export BENCH_CUSTOMERS_FILE="$OUT/customers.tsv" BENCH_OFFERINGS_FILE="$OUT/offerings.tsv"
  log "seeding $CUSTOMERS_N customers and $OFFERINGS_N offerings with $PLANS_N plans each ($SEED_WORKERS workers)"
  python3 bench/benchctl.py seed-offerings --url "$URL" --customers "$CUSTOMERS_N" --offerings "$OFFERINGS_N" \
    --plans "$PLANS_N" --workers "$SEED_WORKERS" --customers-out "$BENCH_CUSTOMERS_FILE" \
    --offerings-out "$BENCH_OFFERINGS_FILE" | tee -a "$OUT/seed.txt"
fi
total=$(python3 bench/benchctl.py count --url "$URL" --query "page_size=1")
matching=$(python3 bench/benchctl.py count --url "$URL" --query "page_size=1" --name "$FILTER")
log "the service counts $total groups; name filter '$FILTER' matches $matching"
# Without statistics the planner guesses every row count, so a query's plan is a matter of luck (a sort of the
# whole table for a page, a scan of every event for a count); autovacuum gathers them within a minute or so.
STATISTICS="none (autovacuum off, BENCH_ANALYZE=$ANALYZE)"
autovacuum=$("${PSQL[@]}" -d "$DB" -Atc "show autovacuum")
vacuum_analyze() {  # when: words for the log
  local started=$SECONDS
  "${PSQL[@]}" -d "$DB" -c "vacuum analyze"
  log "autovacuum is $autovacuum on this server; vacuum analyze $1 took $((SECONDS - started)) s"
}
VACUUM=no
if [[ "$ANALYZE" == 1 || ( "$ANALYZE" == auto && "$autovacuum" == off ) ]]; then
  VACUUM=yes
  vacuum_analyze "after seeding"
  STATISTICS="vacuum analyze after seeding and after the warm-up (server autovacuum $autovacuum)"
elif [[ "$autovacuum" == on ]]; then
  STATISTICS="left to autovacuum"
fi
sleep 1
export BENCH_ASOF=$(date -u +%Y-%m-%dT%H:%M:%SZ)   # the instant the as-of scenario reads the tree at

run_wrk() {  # label, lua script, duration, result file ("" for none)
  local raw="$OUT/wrk-$1.txt"
  BENCH_SCENARIO="$1" BENCH_RESULT_FILE="$4" wrk "-t$THREADS" "-c$CONNECTIONS" "-d${3}s" --timeout "$TIMEOUT" \
    --latency -s "bench/lua/$2.lua" "$URL" > "$raw" 2>&1 || { cat "$raw" >&2; exit 1; }
  if grep -q "^$1: " "$raw"; then
    sed -n "/^$1: /,\$ s/^/    /p" "$raw"
  else
    echo "wrk printed no result for $1:" >&2; cat "$raw" >&2; exit 1
  fi
  service_alive
}

# Statements per request, when the server has pg_stat_statements loaded (shared_preload_libraries): counted
# over each scenario and the catching up of the streaming projections after it, so their work is included.
STATEMENTS=no
if "${PSQL[@]}" -d "$DB" -c "create extension if not exists pg_stat_statements" >/dev/null 2>&1 \
    && "${PSQL[@]}" -d "$DB" -Atc "select pg_stat_statements_reset()" >/dev/null 2>&1; then
  STATEMENTS=yes
else
  log "pg_stat_statements is not loaded on this server: no statement counts"
fi
statements_since_reset() {
  "${PSQL[@]}" -d "$DB" -Atc "select coalesce(sum(calls), 0) from pg_stat_statements s
    join pg_database d on d.oid = s.dbid where d.datname = current_database()"
}

# 4. Warm-up (a mix of all scenarios; its result is not in the table).
log "warm-up ${WARMUP} s"
run_wrk warm-up warmup "$WARMUP" ""
if [[ $VACUUM == yes ]]; then
  log "projections caught up after $(python3 bench/benchctl.py settle --url "$URL") s"
  vacuum_analyze "after the warm-up"
fi

# 5. The scenarios.
# Each scenario starts with every streaming projection (audit log, reports) caught up, so that the work the
# previous scenario's writes left behind is neither charged to the next scenario nor hidden: it is printed.
for s in $SCENARIOS; do
  [[ -f "bench/lua/$s.lua" ]] || { echo "unknown scenario $s" >&2; exit 2; }
done
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_ROUNDS must be a positive integer, was $ROUNDS" >&2; exit 2; }
ROUND_DURATION=$(( DURATION / ROUNDS > 0 ? DURATION / ROUNDS : 1 ))
ROUND_RESULTS=$RESULTS
(( ROUNDS > 1 )) && ROUND_RESULTS="$OUT/rounds.tsv" && : > "$ROUND_RESULTS"
read -r -a SCENARIO_LIST <<< "$SCENARIOS"
for round in $(seq "$ROUNDS"); do
  # Rotated by one each round: the first scenario of a round was seen to run slower than the others.
  for i in $(seq 0 $(( ${#SCENARIO_LIST[@]} - 1 ))); do
    s=${SCENARIO_LIST[$(( (i + round - 1) % ${#SCENARIO_LIST[@]} ))]}
    log "projections caught up after $(python3 bench/benchctl.py settle --url "$URL") s"
    log "scenario $s ${ROUND_DURATION} s$( (( ROUNDS > 1 )) && echo ", round $round of $ROUNDS")"
    [[ $STATEMENTS == yes ]] && "${PSQL[@]}" -d "$DB" -Atc "select pg_stat_statements_reset()" >/dev/null
    run_wrk "$s" "$s" "$ROUND_DURATION" "$ROUND_RESULTS"
    if [[ $STATEMENTS == yes ]]; then
      log "projections caught up after $(python3 bench/benchctl.py settle --url "$URL") s"
      requests=$(awk '/ requests in / {print $1; exit}' "$OUT/wrk-$s.txt")
      log "$s: $(python3 -c "print(round($(statements_since_reset) / max(1, $requests), 1))") SQL statements per" \
          "request (pg_stat_statements; the streaming projections' work included)"
    fi
  done
done
(( ROUNDS > 1 )) && python3 bench/benchctl.py rounds --rounds "$ROUND_RESULTS" >> "$RESULTS"

# 6. pgbench: one-row inserts into a small table of the same PostgreSQL, the bound of any write path.
"${PSQL[@]}" -d "$DB" -c "create table bench_one_row (id bigserial primary key, created_at timestamptz not null default now(), payload text not null)"
log "pgbench one-row insert: $CONNECTIONS clients, ${PGBENCH_DURATION} s"
pgbench -n -h "$PGH" -p "$PGP" -U "$PGU" -c "$CONNECTIONS" -j "$THREADS" -T "$PGBENCH_DURATION" \
  -f bench/pgbench-insert.sql -l --log-prefix="$OUT/pgbench-log" "$DB" > "$OUT/pgbench.txt" 2>&1 \
  || { cat "$OUT/pgbench.txt" >&2; exit 1; }
tps=$(awk '/^tps = / {print $3; exit}' "$OUT/pgbench.txt")
lat_avg=$(awk '/^latency average = / {print $4; exit}' "$OUT/pgbench.txt")
txns=$(awk '/^number of transactions actually processed:/ {print $6; exit}' "$OUT/pgbench.txt")
failed=$(awk '/^number of failed transactions:/ {print $5; exit}' "$OUT/pgbench.txt")
read -r pg_p50 pg_p99 < <(python3 bench/benchctl.py pgbench --log-prefix "$OUT/pgbench-log")
rm -f "$OUT"/pgbench-log.*
printf 'pgbench insert (bound)\t%.1f\t%s\t%s\t%s\t%s\t%s\n' "$tps" "$pg_p50" "$pg_p99" "${failed:-0}" - "$txns" >> "$RESULTS"
log "pgbench: tps $(printf %.1f "$tps"), latency average $lat_avg ms, p50 $pg_p50 ms, p99 $pg_p99 ms"

# 7. Memory of the service, then stop it and drop the database (in cleanup).
hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$SERVICE_PID/status")
jcmd "$SERVICE_PID" GC.heap_info > "$OUT/heap_info.txt" 2>&1 || true
kill "$JSTAT_PID" 2>/dev/null; wait "$JSTAT_PID" 2>/dev/null || true; JSTAT_PID=
kill "$RSS_PID" 2>/dev/null; wait "$RSS_PID" 2>/dev/null || true; RSS_PID=

echo
echo "Results: $total groups seeded (name filter '$FILTER' matches $matching), wrk -t$THREADS -c$CONNECTIONS," \
     "$(( ROUND_DURATION * ROUNDS )) s per scenario$( (( ROUNDS > 1 )) && echo " in $ROUNDS rounds taking turns") after ${WARMUP} s warm-up; pgbench $CONNECTIONS clients, ${PGBENCH_DURATION} s;" \
     "planner statistics: $STATISTICS"
[[ $WITH_OFFERINGS == yes ]] && echo "Offerings: $CUSTOMERS_N customers and $OFFERINGS_N offerings with $PLANS_N plans" \
     "each seeded ($(tail -n 1 "$OUT/seed.txt" | sed 's/.*; offerings: /offerings: /'))"
echo
python3 bench/benchctl.py table --results "$RESULTS"
python3 bench/benchctl.py ratios --results "$RESULTS" --base list-page $OFFERING_SCENARIOS
echo
python3 bench/benchctl.py jvm --jstat "$OUT/jstat.txt" --rss "$OUT/rss.txt" --hwm "${hwm:-0}" --interval "$SAMPLE_INTERVAL" \
  --heap-info "$OUT/heap_info.txt"
errors=$(grep -c ' ERROR ' "$OUT/service.log" || true)
warnings=$(grep -c ' WARN ' "$OUT/service.log" || true)
echo "Service log: $errors ERROR and $warnings WARN lines ($OUT/service.log)"
echo "Raw output: $OUT"

#!/usr/bin/env bash
# Rebuild benchmark: generates a history into a fresh PostgreSQL database with the jar's `generate` command
# (events written straight into the event store, read tables left empty), prints how long that took, then times
# `rebuild --all` and prints events/s and the peak heap of the rebuilding JVM.
# Usage: bench/rebuild.sh [events]   (default 1000000: about 100,000 groups and 50,000 customers)
# Settings: BENCH_PGHOST/BENCH_PGPORT/BENCH_PGUSER (127.0.0.1/5432/postgres), BENCH_XMX (512m),
# BENCH_SEED (42), BENCH_BATCH (events per transaction of the generator, 5000), BENCH_KEEP_DB=1 to keep the
# database, BENCH_DB to reuse an already generated database (skips generation).
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS_N=${1:-1000000}
HOST=${BENCH_PGHOST:-127.0.0.1}
PORT=${BENCH_PGPORT:-5432}
USER_=${BENCH_PGUSER:-postgres}
XMX=${BENCH_XMX:-512m}
SEED=${BENCH_SEED:-42}
BATCH=${BENCH_BATCH:-5000}
JAR=app/target/app-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || { echo "build the jar first: ./mvnw -q -B install -DskipTests" >&2; exit 2; }

DB=${BENCH_DB:-orggroups_rebuild_$$}
export SPRING_DATASOURCE_URL="jdbc:postgresql://$HOST:$PORT/$DB" SPRING_DATASOURCE_USERNAME="$USER_"
export ORGGROUPS_ADMIN_PASSWORD=bench-rebuild-password
QUIET=(--logging.level.root=WARN)
WORK=$(mktemp -d /tmp/rebuild-bench.XXXXXX)

cleanup() {
  if [ -z "${BENCH_DB:-}" ] && [ -z "${BENCH_KEEP_DB:-}" ]; then
    psql -h "$HOST" -p "$PORT" -U "$USER_" -qc "drop database if exists $DB" || true
  fi
}
now() { date +%s.%N; }
rate() { python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); e=int(sys.argv[3]); \
print(f'{s:.1f} s including JVM start: {e/s:,.0f} events/s')" "$@"; }

if [ -z "${BENCH_DB:-}" ]; then
  psql -h "$HOST" -p "$PORT" -U "$USER_" -qc "create database $DB"
  trap cleanup EXIT
  echo "== generate: $EVENTS_N events into $DB ($(nproc) cores, -Xmx$XMX, seed $SEED)"
  START=$(now)
  # The generator's own summary (its rate excludes the JVM start) goes to the terminal; the rest to files.
  java -Xmx"$XMX" -jar "$JAR" generate --events="$EVENTS_N" --seed="$SEED" --batch="$BATCH" "${QUIET[@]}" \
    2>"$WORK/generate.log" | tr '\r' '\n' | tee "$WORK/generate.out" | grep -E '^(generated |  [a-z]|Only )' \
    || { echo "generate failed, see $WORK/generate.out and $WORK/generate.log" >&2; exit 1; }
  END=$(now)
  EVENTS=$(psql -h "$HOST" -p "$PORT" -U "$USER_" -d "$DB" -Atc "select count(*) from domain_event_entry")
  echo "generation wall time $(rate "$START" "$END" "$EVENTS")"
fi
EVENTS=$(psql -h "$HOST" -p "$PORT" -U "$USER_" -d "$DB" -Atc "select count(*) from domain_event_entry")

echo "== rebuild --all: $EVENTS events, -Xmx$XMX"
# Peak heap from the GC log: the largest heap occupancy seen before a collection, and the heap at exit.
START=$(now)
java -Xmx"$XMX" -Xlog:gc,gc+heap+exit:file="$WORK/rebuild-gc.log" -jar "$JAR" rebuild --all "${QUIET[@]}" \
  2>"$WORK/rebuild.log" || { echo "rebuild failed, see $WORK/rebuild.log" >&2; exit 1; }
END=$(now)
echo "rebuild wall time $(rate "$START" "$END" "$EVENTS")"
python3 - "$WORK/rebuild-gc.log" "$XMX" <<'EOF'
import re, sys
peak = 0
collections = 0
exit_used = None
for line in open(sys.argv[1]):
    m = re.search(r'Pause.* (\d+)M->(\d+)M\((\d+)M\)', line)
    if m:
        collections += 1
        peak = max(peak, int(m.group(1)))
    m = re.search(r'garbage-first heap\s+total (\d+)K, used (\d+)K', line) or \
        re.search(r'(?:def new generation|PSYoungGen|par new generation).*total (\d+)K, used (\d+)K', line)
    if m and exit_used is None:
        exit_used = int(m.group(2)) // 1024
print(f"rebuild peak heap: {max(peak, exit_used or 0)} MB used (largest before a collection: {peak} MB, "
      f"{collections} collections; at exit: {exit_used if exit_used is not None else '?'} MB; limit {sys.argv[2]})")
EOF
echo "logs: $WORK"

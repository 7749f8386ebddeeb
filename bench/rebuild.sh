#!/usr/bin/env bash
# Rebuild benchmark: generates a data set into a fresh PostgreSQL database through the jar's `generate`
# command (real aggregates and event store, no HTTP), then times `rebuild --all` and prints events/s.
# Usage: bench/rebuild.sh [groups]   (default 100000 groups: about 1,000,000 events)
# Settings: BENCH_PGHOST/BENCH_PGPORT/BENCH_PGUSER (127.0.0.1/5432/postgres), BENCH_XMX (512m),
# BENCH_BATCH (commands per transaction, 20), BENCH_KEEP_DB=1 to keep the database,
# BENCH_DB to reuse an already generated database (skips generation).
set -euo pipefail
cd "$(dirname "$0")/.."

GROUPS_N=${1:-100000}
HOST=${BENCH_PGHOST:-127.0.0.1}
PORT=${BENCH_PGPORT:-5432}
USER_=${BENCH_PGUSER:-postgres}
XMX=${BENCH_XMX:-512m}
BATCH=${BENCH_BATCH:-20}
JAR=app/target/app-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || { echo "build the jar first: ./mvnw -q -B install -DskipTests" >&2; exit 2; }

DB=${BENCH_DB:-orggroups_rebuild_$$}
export SPRING_DATASOURCE_URL="jdbc:postgresql://$HOST:$PORT/$DB" SPRING_DATASOURCE_USERNAME="$USER_"
export ORGGROUPS_ADMIN_PASSWORD=bench-rebuild-password
QUIET=(--logging.level.root=WARN)

if [ -z "${BENCH_DB:-}" ]; then
  psql -h "$HOST" -p "$PORT" -U "$USER_" -qc "create database $DB"
  if [ -z "${BENCH_KEEP_DB:-}" ]; then
    trap 'psql -h "$HOST" -p "$PORT" -U "$USER_" -qc "drop database if exists $DB"' EXIT
  fi
  echo "== generate: $GROUPS_N groups into $DB ($(nproc) cores)"
  java -Xmx"$XMX" -jar "$JAR" generate --groups="$GROUPS_N" --batch="$BATCH" "${QUIET[@]}" 2>/tmp/rebuild-bench-gen.$$.log
fi
EVENTS=$(psql -h "$HOST" -p "$PORT" -U "$USER_" -d "$DB" -Atc "select count(*) from domain_event_entry")
echo "== rebuild --all: $EVENTS events, -Xmx$XMX"
START=$(date +%s.%N)
java -Xmx"$XMX" -jar "$JAR" rebuild --all "${QUIET[@]}" 2>/tmp/rebuild-bench.$$.log
END=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); e=int(sys.argv[3]); \
print(f'wall time {s:.1f} s including JVM start: {e/s:,.0f} events/s')" "$START" "$END" "$EVENTS"

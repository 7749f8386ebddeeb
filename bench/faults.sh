#!/usr/bin/env bash
# Faults under load, on a cluster of scripts/cluster.sh: every acknowledged write survives, the audit log holds each
# event once, and the cluster recovers by itself. bench/README.md "Faults" explains the table and the bounds.
#
#   bench/faults.sh [FAULT...]     FAULT: kill, rolling, pg-restart, rebuild (default: all four, in that order)
#
#   kill        kill -9 of the last node under load; the others take over its streaming segments; it is started again
#   rolling     rolling restart of every node under load (scripts/cluster.sh restart): 0 failed requests allowed
#   pg-restart  PostgreSQL restarted under load: 503 with a JSON body while it is down, then recovery without a
#               node restart. Skipped when other databases of the server have connections (FAULTS_PG_FORCE=1: not)
#   rebuild     rebuild of the views over HTTP on node 1 while nodes 2.. take the load; then a quiet rebuild must
#               leave every view table row for row as it was
#
# Needs SPRING_DATASOURCE_URL (jdbc:postgresql://host:port/db; SPRING_DATASOURCE_USERNAME, _PASSWORD), an empty
# database (FAULTS_RECREATE_DB=1 drops and creates it first), a built jar, psql, nginx, curl and python3.
# Settings: FAULTS_NODES (3), FAULTS_THREADS (4), FAULTS_DURATION (30 s of load per fault), FAULTS_BEFORE (8 s of
# load before the fault), FAULTS_TAKEOVER_BOUND (30 s allowed for the takeover of a killed node's segments),
# FAULTS_PG_RESTART (the shell command restarting PostgreSQL; by default the local cluster is stopped, left down for
# 5 s, and started),
# ORGGROUPS_DB_POOL_SIZE (5 per node), and the CLUSTER_* settings of scripts/cluster.sh (its port, nodes' ports,
# directory). The cluster is stopped on the way out.
# Exit status 0 when every fault passed, 1 when one failed, 2 on wrong usage.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
usage() { sed -n '2,23s/^# \{0,1\}//p' "$0"; exit 2; }

faults=("$@")
(( ${#faults[@]} )) || faults=(kill rolling pg-restart rebuild)
for f in "${faults[@]}"; do
  case "$f" in kill|rolling|pg-restart|rebuild) ;; -h|--help|*) usage ;; esac
done

url=${SPRING_DATASOURCE_URL:-}
if [[ -z "$url" ]]; then
  log "set SPRING_DATASOURCE_URL to an empty PostgreSQL database (jdbc:postgresql://host:port/db), and"
  log "SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD; FAULTS_RECREATE_DB=1 drops and creates it first"
  exit 2
fi
[[ "$url" =~ ^jdbc:postgresql://([^:/]+)(:([0-9]+))?/([A-Za-z0-9_]+) ]] \
  || { log "SPRING_DATASOURCE_URL must be jdbc:postgresql://host[:port]/db, not $url"; exit 2; }
export PGHOST=${BASH_REMATCH[1]} PGPORT=${BASH_REMATCH[3]:-5432} PGDATABASE=${BASH_REMATCH[4]}
export PGUSER=${SPRING_DATASOURCE_USERNAME:-postgres} PGPASSWORD=${SPRING_DATASOURCE_PASSWORD:-}
export SPRING_DATASOURCE_USERNAME=$PGUSER SPRING_DATASOURCE_PASSWORD=$PGPASSWORD
export ORGGROUPS_DB_POOL_SIZE=${ORGGROUPS_DB_POOL_SIZE:-5}
export ORGGROUPS_ADMIN_USERNAME=${ORGGROUPS_ADMIN_USERNAME:-admin}
export ORGGROUPS_ADMIN_PASSWORD=${ORGGROUPS_ADMIN_PASSWORD:-faults-$RANDOM$RANDOM}
# Down for a while, not a restart of a second: requests must meet a database that is away, and be answered 503.
pg_version=$(ls /etc/postgresql 2>/dev/null | head -1 || true)   # none where PostgreSQL runs elsewhere
pg_restart="pg_ctlcluster --skip-systemctl-redirect $pg_version main stop && sleep 5 && pg_ctlcluster --skip-systemctl-redirect $pg_version main start"
export CLUSTER_PORT=${CLUSTER_PORT:-8080} CLUSTER_NODE_PORT=${CLUSTER_NODE_PORT:-8081}
export CLUSTER_DIR=${CLUSTER_DIR:-$root/data/cluster}
nodes=${FAULTS_NODES:-3}

if [[ "${FAULTS_RECREATE_DB:-0}" == 1 ]]; then
  psql -X -q -d postgres -c "drop database if exists \"$PGDATABASE\"" -c "create database \"$PGDATABASE\""
  log "database $PGDATABASE created anew"
fi
if [[ -n $(psql -X -Atc "select 1 from pg_tables where tablename = 'domain_event_entry'") ]] \
   && [[ $(psql -X -Atc "select count(*) from domain_event_entry") != 0 ]]; then
  log "database $PGDATABASE holds events already: use an empty one (FAULTS_RECREATE_DB=1 drops and creates it)"
  exit 2
fi

trap '"$root/scripts/cluster.sh" stop || true' EXIT
"$root/scripts/cluster.sh" start "$nodes"

balancer="http://127.0.0.1:$CLUSTER_PORT"
FAULTS_TOKEN=$(curl -sf -H 'Content-Type: application/json' -H 'Accept: application/json' \
  -d "{\"username\":\"$ORGGROUPS_ADMIN_USERNAME\",\"password\":\"$ORGGROUPS_ADMIN_PASSWORD\"}" \
  "$balancer/api-auth/password/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') \
  || { log "login as $ORGGROUPS_ADMIN_USERNAME failed"; exit 1; }
export FAULTS_TOKEN

force=()
[[ "${FAULTS_PG_FORCE:-0}" == 1 ]] && force=(--force-pg)
python3 "$root/bench/faults.py" --url "$balancer" --nodes "$nodes" --node-port "$CLUSTER_NODE_PORT" \
  --takeover-bound "${FAULTS_TAKEOVER_BOUND:-30}" --threads "${FAULTS_THREADS:-4}" \
  --duration "${FAULTS_DURATION:-30}" --before "${FAULTS_BEFORE:-8}" \
  --pg-restart "${FAULTS_PG_RESTART:-$pg_restart}" \
  "${force[@]}" "${faults[@]}"

# Shared by the benchmark scripts (sourced): a timestamped log line, their common settings, and stopping the
# service and dropping the benchmark's database on the way out. Uses SERVICE_PID, DB, DB_CREATED, PSQL and
# BENCH_KEEP_DB of the caller.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# The settings every benchmark shares, once the caller has set JAR, DB and OUT: checks that the tools named as
# arguments are installed, that the jar is built and that DB is a plain identifier; creates OUT; sets PGH, PGP and
# PGU (BENCH_PGHOST, BENCH_PGPORT, BENCH_PGUSER), PORT (BENCH_PORT, else a free one), URL, ADMIN, BENCH_PASSWORD
# (exported, for the Python drivers) and PSQL. Exits with 2 when something is missing.
prepare_benchmark() {
  PGH=${BENCH_PGHOST:-127.0.0.1}
  PGP=${BENCH_PGPORT:-5432}
  PGU=${BENCH_PGUSER:-postgres}
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool (wrk: apt-get install wrk)" >&2; exit 2; }
  done
  [[ -f "$JAR" ]] || { echo "no jar at $JAR; build it first: ./mvnw -q -B -ntp -DskipTests package" >&2; exit 2; }
  [[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "BENCH_DB must be a plain lower-case identifier" >&2; exit 2; }
  mkdir -p "$OUT"
  PORT=${BENCH_PORT:-$(python3 bench/benchctl.py free-port)}
  URL="http://127.0.0.1:$PORT"
  ADMIN=bench-admin
  BENCH_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  export BENCH_PASSWORD
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$PGH" -p "$PGP" -U "$PGU")
}

# Stops the service (SIGTERM, then SIGKILL after 30 s) and drops the database unless BENCH_KEEP_DB=1.
stop_service_and_drop_database() {
  if [[ -n "$SERVICE_PID" ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID"
    for _ in $(seq 1 30); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$SERVICE_PID" 2>/dev/null && kill -9 "$SERVICE_PID"
    wait "$SERVICE_PID" 2>/dev/null
    log "service stopped"
  fi
  if [[ -n "$DB_CREATED" && "${BENCH_KEEP_DB:-0}" != 1 ]]; then
    "${PSQL[@]}" -d postgres -c "drop database if exists $DB" && log "database $DB dropped"
  elif [[ -n "$DB_CREATED" ]]; then
    log "database $DB kept"
  fi
}

# On any exit: stops the service, drops the database (stop_service_and_drop_database) and, after a failure, says
# where the logs are; an interrupt exits 130. For a benchmark with nothing else to stop; label: its name.
stop_service_on_exit() {
  ON_EXIT_LABEL=$1
  trap stop_service_and_report_exit EXIT
  trap 'exit 130' INT TERM
}

stop_service_and_report_exit() {
  local rc=$?
  set +e
  stop_service_and_drop_database
  [[ $rc -ne 0 ]] && echo "$ON_EXIT_LABEL exit $rc; logs in $OUT" >&2
  exit $rc
}

# Creates the database DB and starts the jar JAR on it (heap XMX, port PORT, staff user ADMIN with BENCH_PASSWORD),
# its output in OUT/service.log; sets DB_CREATED and SERVICE_PID.
start_service_on_new_database() {
  "${PSQL[@]}" -d postgres -c "create database $DB"
  DB_CREATED=1
  log "database $DB created on $PGH:$PGP"
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGH:$PGP/$DB" \
  SPRING_DATASOURCE_USERNAME="$PGU" \
  SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  PORT="$PORT" \
  ORGGROUPS_ADMIN_USERNAME="$ADMIN" \
  ORGGROUPS_ADMIN_PASSWORD="$BENCH_PASSWORD" \
  AXON_UPDATE_CHECK_DISABLED=true \
    java "-Xmx$XMX" ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$OUT/service.log" 2>&1 &
  SERVICE_PID=$!
}

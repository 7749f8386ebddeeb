# Shared by the benchmark scripts (sourced): a timestamped log line, and stopping the service and dropping the
# benchmark's database on the way out. Uses SERVICE_PID, DB, DB_CREATED, PSQL and BENCH_KEEP_DB of the caller.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

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

#!/usr/bin/env bash
# A cluster of the service on one machine, without Docker: N nodes of the built jar on one PostgreSQL database and
# an nginx load balancer in front of them on one port, with the balancer configuration that docker-compose.yml
# uses (docker/nginx.conf; see its header). README "Cluster" has the commands and settings:
#
#   scripts/cluster.sh start N       start N nodes and the balancer; wait until every node is ready
#   scripts/cluster.sh status        each node's pid, port, liveness and readiness; the balancer
#   scripts/cluster.sh stop          stop the balancer, then every node gracefully
#   scripts/cluster.sh stop-node I   take node I out of the balancer, then stop it gracefully (SIGTERM)
#   scripts/cluster.sh kill-node I   kill node I at once (SIGKILL), leaving it in the balancer: a crash
#   scripts/cluster.sh start-node I  start node I again, wait until it is ready, put it back in the balancer
#   scripts/cluster.sh restart       rolling restart: each node in turn stopped, started, ready again
#   scripts/cluster.sh nginx-config N DIR   write the balancer's configuration for N nodes into DIR and check it
#
# Nodes are numbered from 1. Exit status 0 on success; status exits 1 unless every node is ready and the
# balancer runs.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
PORT=${CLUSTER_PORT:-8080}
NODE_PORT=${CLUSTER_NODE_PORT:-8081}
DIR=${CLUSTER_DIR:-$root/data/cluster}
JAR=${CLUSTER_JAR:-$root/app/target/app-0.1.0-SNAPSHOT.jar}
JAVA_OPTS=${CLUSTER_JAVA_OPTS:--Xmx512m}
# Longer than the node's own bound on finishing its requests (spring.lifecycle.timeout-per-shutdown-phase, 20 s),
# so that a node stopped gracefully is never killed while it is still finishing them.
STOP_TIMEOUT=${CLUSTER_STOP_TIMEOUT:-40}
READY_TIMEOUT=${CLUSTER_READY_TIMEOUT:-300}
# nginx -s reload only signals the balancer: for a moment its old workers still send new requests by the old list.
# A node taken out of it is stopped this many seconds later, so that no request reaches it as it closes (a POST
# caught there is answered 502, never retried).
DRAIN=${CLUSTER_DRAIN:-2}
NGINX=${CLUSTER_NGINX:-nginx}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "$*"; exit 1; }

node_port() { echo $((NODE_PORT + $1 - 1)); }
node_pid_file() { echo "$DIR/node-$1.pid"; }
node_count() { [[ -f "$DIR/nodes" ]] && cat "$DIR/nodes" || echo 0; }
pid_alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }
node_pid() { local f; f=$(node_pid_file "$1"); [[ -f "$f" ]] && cat "$f" || true; }
nginx_pid() { [[ -f "$DIR/nginx/nginx.pid" ]] && cat "$DIR/nginx/nginx.pid" || true; }

# The HTTP status of a probe, or 000 when nothing answers.
probe() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1$2" || true; }

require_node_number() {
  [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] || die "a node number from 1 is needed"
  (( $1 <= $(node_count) )) || die "no node $1: the cluster has $(node_count) (start N first)"
}

require_database() {
  local url=${SPRING_DATASOURCE_URL:-}
  [[ -n "$url" ]] || die "set SPRING_DATASOURCE_URL (and SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD) to a PostgreSQL database: the nodes must share one, and the embedded H2 file cannot be shared"
  [[ "$url" == jdbc:postgresql:* ]] || die "SPRING_DATASOURCE_URL must name a PostgreSQL database (jdbc:postgresql://host:port/db), not $url"
}

# nginx from Debian's packages, installed when missing.
ensure_nginx() {
  command -v "$NGINX" >/dev/null 2>&1 && return
  command -v apt-get >/dev/null 2>&1 || die "nginx is missing and there is no apt-get to install it: install nginx"
  local sudo=()
  (( EUID == 0 )) || sudo=(sudo)
  log "installing nginx from the distribution's packages"
  "${sudo[@]}" apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends nginx >/dev/null
  command -v "$NGINX" >/dev/null 2>&1 || die "nginx could not be installed"
}

# Writes the balancer's configuration into $1 for nodes 1..$2, leaving out (down) those listed in $DIR/out.
# balancer-listen.conf and balancer-upstream.conf are compose's, with the port and the nodes' addresses changed.
write_nginx_config() {
  local conf=$1 count=$2 params user=""
  mkdir -p "$conf/tmp"
  params=$(sed -n 's/^[[:space:]]*server[[:space:]]\{1,\}[^[:space:];]\{1,\}\([^;]*\);.*/\1/p' \
    "$root/docker/compose/balancer-upstream.conf" | head -n 1)
  # As root, nginx's workers run as another user, whose default group "nobody" Debian does not have.
  (( EUID == 0 )) && user="user nobody nogroup;"
  cat > "$conf/nginx.conf" <<EOF
# Written by scripts/cluster.sh: the main configuration of the cluster's balancer. The balancer itself is the
# repository's docker/nginx.conf, as docker-compose.yml uses it.
$user
worker_processes 1;
pid $conf/nginx.pid;
error_log $conf/error.log;
events {
    worker_connections 1024;
}
http {
    access_log $conf/access.log;
    client_body_temp_path $conf/tmp/body;
    proxy_temp_path $conf/tmp/proxy;
    fastcgi_temp_path $conf/tmp/fastcgi;
    uwsgi_temp_path $conf/tmp/uwsgi;
    scgi_temp_path $conf/tmp/scgi;
    include $root/docker/nginx.conf;
}
EOF
  sed "s/^\([[:space:]]*listen[[:space:]]\{1,\}\)[0-9]\{1,\}/\1$PORT/" "$root/docker/compose/balancer-listen.conf" \
    > "$conf/balancer-listen.conf"
  {
    echo "# Written by scripts/cluster.sh: the nodes, with the parameters of docker/compose/balancer-upstream.conf."
    local i
    for ((i = 1; i <= count; i++)); do
      if grep -qx "$i" "$DIR/out" 2>/dev/null; then
        echo "server 127.0.0.1:$(node_port "$i")$params down;"
      else
        echo "server 127.0.0.1:$(node_port "$i")$params;"
      fi
    done
  } > "$conf/balancer-upstream.conf"
}

nginx_cmd() { "$NGINX" -p "$DIR/nginx/" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx/error.log" "$@"; }

# Rewrites the upstream and has a running balancer take it: new connections go by the new list, requests in flight
# finish on the workers that took them.
reload_balancer() {
  write_nginx_config "$DIR/nginx" "$(node_count)"
  nginx_cmd -t -q
  if pid_alive "$(nginx_pid)"; then
    nginx_cmd -s reload
  fi
}

# Takes node $1 out of the balancer's rotation, or puts it back ($2: out or in).
rotation() {
  touch "$DIR/out"
  grep -vx "$1" "$DIR/out" > "$DIR/out.new" || true
  [[ "$2" == out ]] && echo "$1" >> "$DIR/out.new"
  mv "$DIR/out.new" "$DIR/out"
  reload_balancer
}

start_balancer() {
  ensure_nginx
  write_nginx_config "$DIR/nginx" "$(node_count)"
  nginx_cmd -t -q
  nginx_cmd
  for _ in $(seq 1 50); do
    [[ $(probe "$PORT" /actuator/health/readiness) == 200 ]] && return
    sleep 0.2
  done
  die "the balancer does not answer on port $PORT: see $DIR/nginx/error.log"
}

stop_balancer() {
  local pid
  pid=$(nginx_pid)
  if pid_alive "$pid"; then
    nginx_cmd -s quit
    for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.2; done
    pid_alive "$pid" && kill -9 "$pid"
  fi
  rm -f "$DIR/nginx/nginx.pid"
}

# Starts node $1 in the background; its output goes to node-$1.log.
launch_node() {
  local i=$1 pid
  pid=$(node_pid "$i")
  pid_alive "$pid" && die "node $i runs already (pid $pid)"
  SPRING_DATASOURCE_URL="$SPRING_DATASOURCE_URL" \
  SPRING_DATASOURCE_USERNAME="${SPRING_DATASOURCE_USERNAME:-}" \
  SPRING_DATASOURCE_PASSWORD="${SPRING_DATASOURCE_PASSWORD:-}" \
  PORT="$(node_port "$i")" \
  SERVER_ADDRESS=127.0.0.1 \
  AXON_UPDATE_CHECK_DISABLED=true \
    nohup java $JAVA_OPTS -jar "$JAR" >> "$DIR/node-$i.log" 2>&1 < /dev/null &
  echo $! > "$(node_pid_file "$i")"
  log "node $i starting: port $(node_port "$i"), pid $!, log $DIR/node-$i.log"
}

# Waits until node $1 is ready (its readiness answers 200); fails when it dies or takes too long.
await_ready() {
  local i=$1 pid port deadline
  pid=$(node_pid "$i")
  port=$(node_port "$i")
  deadline=$((SECONDS + READY_TIMEOUT))
  until [[ $(probe "$port" /actuator/health/readiness) == 200 ]]; do
    pid_alive "$pid" || die "node $i died while starting: see $DIR/node-$i.log"
    (( SECONDS < deadline )) || die "node $i is not ready after ${READY_TIMEOUT}s: see $DIR/node-$i.log"
    sleep 1
  done
  log "node $i ready"
}

# Stops node $1 gracefully (SIGTERM): it reports itself not ready, refuses new connections and finishes its
# requests in flight. Killed after CLUSTER_STOP_TIMEOUT seconds if it has not ended by then.
stop_node_process() {
  local i=$1 pid
  pid=$(node_pid "$i")
  if pid_alive "$pid"; then
    kill -TERM "$pid"
    for _ in $(seq 1 $((STOP_TIMEOUT * 5))); do pid_alive "$pid" || break; sleep 0.2; done
    if pid_alive "$pid"; then
      log "node $i did not stop within ${STOP_TIMEOUT}s: killed"
      kill -KILL "$pid"
    fi
  fi
  rm -f "$(node_pid_file "$i")"
}

cmd_start() {
  local count=${1:-}
  [[ "$count" =~ ^[1-9][0-9]*$ ]] || die "usage: $0 start N (N nodes, 1 or more)"
  require_database
  [[ -f "$JAR" ]] || die "no jar at $JAR: build it first with ./mvnw -q -DskipTests package"
  mkdir -p "$DIR/nginx"
  local i
  for ((i = 1; i <= $(node_count); i++)); do
    pid_alive "$(node_pid "$i")" && die "the cluster runs already (node $i); stop it first"
  done
  pid_alive "$(nginx_pid)" && die "the balancer runs already; stop the cluster first"
  ensure_nginx
  echo "$count" > "$DIR/nodes"
  : > "$DIR/out"
  # A cluster that could not start whole is stopped again, so that start can simply be repeated.
  trap 'log "start failed: stopping what was started"; cmd_stop' EXIT
  # The first node alone, so that one node creates the schema and the first staff user; then the others together.
  launch_node 1
  await_ready 1
  for ((i = 2; i <= count; i++)); do launch_node "$i"; done
  for ((i = 2; i <= count; i++)); do await_ready "$i"; done
  start_balancer
  trap - EXIT
  echo "balancer: http://localhost:$PORT/ (pid $(nginx_pid))"
  for ((i = 1; i <= count; i++)); do
    echo "node $i: http://127.0.0.1:$(node_port "$i")/ (pid $(node_pid "$i"))"
  done
  if [[ -z "${ORGGROUPS_ADMIN_PASSWORD:-}" ]] && grep -q 'Initial admin password' "$DIR/node-1.log"; then
    echo "first staff user: $(sed -n 's/.*Initial admin password: *\([^ ]*\).*/admin \/ \1/p' "$DIR/node-1.log" | head -n 1)"
  fi
}

cmd_status() {
  local count i pid ok=0 live ready state
  count=$(node_count)
  (( count > 0 )) || { echo "no cluster in $DIR"; return 1; }
  local balancer=running
  pid_alive "$(nginx_pid)" || balancer=stopped
  printf '%-6s %-8s %-6s %-9s %-9s %s\n' node pid port liveness readiness balancer
  for ((i = 1; i <= count; i++)); do
    pid=$(node_pid "$i")
    if pid_alive "$pid"; then
      live=$(probe "$(node_port "$i")" /actuator/health/liveness)
      ready=$(probe "$(node_port "$i")" /actuator/health/readiness)
    else
      pid="-"; live="-"; ready="-"
    fi
    state=in
    grep -qx "$i" "$DIR/out" 2>/dev/null && state=out
    [[ $balancer == running ]] || state=-   # no balancer, so in nor out of it
    [[ "$ready" == 200 ]] || ok=1
    printf '%-6s %-8s %-6s %-9s %-9s %s\n' "$i" "$pid" "$(node_port "$i")" \
      "$( [[ $live == 200 ]] && echo UP || echo "DOWN($live)")" \
      "$( [[ $ready == 200 ]] && echo UP || echo "DOWN($ready)")" "$state"
  done
  pid=$(nginx_pid)
  if pid_alive "$pid"; then
    echo "balancer: http://localhost:$PORT/ pid $pid, readiness through it: $(probe "$PORT" /actuator/health/readiness)"
  else
    echo "balancer: not running"
    ok=1
  fi
  return $ok
}

cmd_stop() {
  local i count
  count=$(node_count)
  stop_balancer
  for ((i = 1; i <= count; i++)); do
    pid_alive "$(node_pid "$i")" && kill -TERM "$(node_pid "$i")"
  done
  for ((i = 1; i <= count; i++)); do stop_node_process "$i"; done
  log "cluster stopped"
}

cmd_stop_node() {
  require_node_number "${1:-}"
  rotation "$1" out
  sleep "$DRAIN"
  stop_node_process "$1"
  log "node $1 stopped"
}

cmd_kill_node() {
  require_node_number "${1:-}"
  local pid
  pid=$(node_pid "$1")
  pid_alive "$pid" || die "node $1 is not running"
  kill -KILL "$pid"
  while pid_alive "$pid"; do sleep 0.1; done
  rm -f "$(node_pid_file "$1")"
  log "node $1 killed (pid $pid)"
}

cmd_start_node() {
  require_node_number "${1:-}"
  require_database
  launch_node "$1"
  await_ready "$1"
  rotation "$1" in
}

cmd_restart() {
  local i count
  count=$(node_count)
  (( count > 0 )) || die "no cluster in $DIR"
  require_database
  for ((i = 1; i <= count; i++)); do
    cmd_stop_node "$i"
    cmd_start_node "$i"
  done
  log "rolling restart done"
}

cmd_nginx_config() {
  local count=${1:-} conf=${2:-}
  [[ "$count" =~ ^[1-9][0-9]*$ && -n "$conf" ]] || die "usage: $0 nginx-config N DIR"
  mkdir -p "$conf"
  DIR=$conf write_nginx_config "$(cd "$conf" && pwd)" "$count"
  if command -v "$NGINX" >/dev/null 2>&1; then
    conf=$(cd "$conf" && pwd)
    "$NGINX" -t -q -p "$conf/" -c "$conf/nginx.conf" -e "$conf/error.log"
  fi
}

case "${1:-}" in
  start) cmd_start "${2:-}" ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  stop-node) cmd_stop_node "${2:-}" ;;
  kill-node) cmd_kill_node "${2:-}" ;;
  start-node) cmd_start_node "${2:-}" ;;
  restart) cmd_restart ;;
  nginx-config) cmd_nginx_config "${2:-}" "${3:-}" ;;
  *) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 2 ;;
esac

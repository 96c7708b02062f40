# shellcheck shell=bash
# Starting each peer on 127.0.0.1, checking that every request shape the workloads send works, and
# preloading keys. Sourced by bench/run.
#
# start_<peer> sets PORT (where wrk sends), LUA_PEER (BENCH_PEER for bench/lua/bench.lua),
# PEER_PIDS (whose RSS is sampled) and CURRENT_LOG (shown when something fails).

# Ports away from the machine's own services (its Redis on 6379, PostgreSQL on 5432).
KVSTORE_PORT=18080
CEILING_PORT=18081
REDIS_PORT=16379
REDIS_AOF_PORT=16380
WEBDIS_PORT=17379
ETCD_PORT=12379
ETCD_PEER_PORT=12380

VALUE='{"user":"ada","visits":42,"tags":["a","b"]}'
JSON=(-H 'Content-Type: application/json')

require_free_ports() {
  local port
  for port in "$@"; do
    port_is_free "$port" || die "port $port is in use: stop what listens there, or change it in bench/lib/peers.sh"
  done
}

# expect NAME REGEX CURL_ARGS...: one request; its answer must be 2xx and match REGEX.
expect() {
  local name=$1 pattern=$2 answer status
  shift 2
  answer=$(curl -sS -m 10 -w '\n%{http_code}' "$@") || die "$name: request failed: curl $*"
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  [[ $status == 2?? && $answer =~ $pattern ]] ||
    die "$name: expected 2xx matching /$pattern/ from curl $*, got $status $answer"
}

# The JVM options kvstore runs with: those of the README's run command, unless set.
KVSTORE_JAVA_OPTIONS=${KVSTORE_JAVA_OPTIONS:--Xmx192m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000}

# start_kvstore [VAR=value...]: the product's runnable jar, on a fresh embedded Derby database.
start_kvstore() {
  require_free_ports "$KVSTORE_PORT"
  local dir java_options
  dir=$(mktemp -d "$WORK/kvstore-data.XXXX")
  read -ra java_options <<<"$KVSTORE_JAVA_OPTIONS"
  CURRENT_LOG=$dir.log
  # the grace only delays stopping; Payara unpacks itself into java.io.tmpdir
  start_process "$CURRENT_LOG" env KV_PORT="$KVSTORE_PORT" KV_DATA_DIR="$dir" \
    KV_SHUTDOWN_GRACE_SECONDS=0 "$@" \
    java "${java_options[@]}" -Djava.io.tmpdir="$WORK/tmp" -jar "$WORK/kvstore.jar"
  PEER_PIDS=("$STARTED_PID") PORT=$KVSTORE_PORT LUA_PEER=kvstore
  wait_for_http kvstore "http://127.0.0.1:$PORT/_health/ready" "$STARTED_PID"
  KVSTORE_VERSION=$(grep -m1 -o 'kvstore [^ ]* started' "$CURRENT_LOG" | cut -d' ' -f2)
  local url=http://127.0.0.1:$PORT
  expect kvstore '"status":"ok"' -X PUT "${JSON[@]}" -d "{\"value\":$VALUE}" "$url/bench:get"
  expect kvstore '"visits":42' "$url/bench:get"
  expect kvstore '"status":"ok"' -X PUT "${JSON[@]}" -d "{\"value\":$VALUE,\"ttl\":300}" "$url/bench:ttl"
  expect kvstore '"value":1' -X POST -H 'Content-Length: 0' "$url/bench:smoke-counter/incr"
}

preload_kvstore() { # PREFIX COUNT [TTL]
  run_waiting perl "$BENCH_DIR/lib/preload.pl" kvstore "$KVSTORE_PORT" "$@" || die "kvstore preload failed"
}

# start_webdis_redis NAME PORT REDIS_OPTIONS...: Redis, and Webdis in front of it.
start_webdis_redis() {
  local name=$1 redis_port=$2
  shift 2
  require_free_ports "$redis_port" "$WEBDIS_PORT"
  mkdir -p "$WORK/$name"
  CURRENT_LOG=$WORK/$name/redis.log
  start_process "$CURRENT_LOG" redis-server --port "$redis_port" --bind 127.0.0.1 \
    --dir "$WORK/$name" --daemonize no --protected-mode yes --logfile "" "$@"
  local redis_pid=$STARTED_PID i
  for ((i = 0; i < PORT_WAIT_SECONDS * 2; i++)); do
    [[ $(redis-cli -p "$redis_port" ping 2>/dev/null) == PONG ]] && break
    kill -0 "$redis_pid" 2>/dev/null || die "redis-server exited while starting"
    sleep 0.5
  done
  [[ $(redis-cli -p "$redis_port" ping 2>/dev/null) == PONG ]] || die "Redis not up within ${PORT_WAIT_SECONDS}s"
  # Debian's /etc/webdis/webdis.json, with our ports, in the foreground
  cat >"$WORK/$name/webdis.json" <<EOF
{
  "redis_host": "127.0.0.1", "redis_port": $redis_port, "redis_auth": null,
  "http_host": "127.0.0.1", "http_port": $WEBDIS_PORT,
  "threads": 2, "daemonize": false, "database": 0,
  "acl": [{"disabled": ["DEBUG"]}],
  "verbosity": 3, "logfile": "$WORK/$name/webdis-own.log"
}
EOF
  CURRENT_LOG=$WORK/$name/webdis.log
  start_process "$CURRENT_LOG" webdis "$WORK/$name/webdis.json"
  PEER_PIDS=("$STARTED_PID" "$redis_pid") PORT=$WEBDIS_PORT LUA_PEER=webdis WEBDIS_REDIS_PORT=$redis_port
  wait_for_http webdis "http://127.0.0.1:$PORT/PING" "$STARTED_PID"
  local url=http://127.0.0.1:$PORT
  expect webdis '^\{"SET":\[true,"OK"\]\}$' -X PUT --data-binary "$VALUE" "$url/SET/bench:get"
  expect webdis 'visits.":42' "$url/GET/bench:get"
  expect webdis '^\{"SETEX":\[true,"OK"\]\}$' -X PUT --data-binary "$VALUE" "$url/SETEX/bench:ttl/300"
  expect webdis '^\{"INCR":1\}$' "$url/INCR/bench:smoke-counter"
}

preload_webdis() { # PREFIX COUNT: straight into Redis, pipelined
  local out
  out=$(perl "$BENCH_DIR/lib/preload.pl" redis - "$@" | timeout 600 redis-cli -p "$WEBDIS_REDIS_PORT" --pipe) ||
    die "Redis preload failed: $out"
  [[ $out == *"errors: 0, replies: $2"* ]] || die "Redis preload: $out"
}

start_etcd() {
  require_free_ports "$ETCD_PORT" "$ETCD_PEER_PORT"
  CURRENT_LOG=$WORK/etcd.log
  # one member; 1000 puts per txn for the preload; room for the revisions the SET runs leave
  start_process "$CURRENT_LOG" etcd --name bench --data-dir "$WORK/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "bench=http://127.0.0.1:$ETCD_PEER_PORT" \
    --max-txn-ops 1000 --quota-backend-bytes 8589934592 --logger zap --log-level warn
  PEER_PIDS=("$STARTED_PID") PORT=$ETCD_PORT LUA_PEER=etcd
  wait_for_http etcd "http://127.0.0.1:$PORT/health" "$STARTED_PID"
  local url=http://127.0.0.1:$PORT key value
  key=$(printf bench:get | base64 -w0)
  value=$(printf '%s' "$VALUE" | base64 -w0)
  expect etcd '"revision"' -X POST -d "{\"key\":\"$key\",\"value\":\"$value\"}" "$url/v3/kv/put"
  expect etcd "\"value\":\"$value\"" -X POST -d "{\"key\":\"$key\"}" "$url/v3/kv/range"
}

# etcd_grant_lease SECONDS: prints the id of a new lease (SETs with a TTL attach to it).
etcd_grant_lease() {
  local answer
  answer=$(curl -sS -m 10 -X POST -d "{\"TTL\":$1}" "http://127.0.0.1:$ETCD_PORT/v3/lease/grant")
  [[ $answer =~ \"ID\":\"([0-9]+)\" ]] || die "etcd lease grant: $answer"
  echo "${BASH_REMATCH[1]}"
}

preload_etcd() { # PREFIX COUNT
  run_waiting perl "$BENCH_DIR/lib/preload.pl" etcd "$ETCD_PORT" "$@" || die "etcd preload failed"
}

# start_ceiling: the bench-only WAR on the same Payara Micro, with kvstore's server-config.
start_ceiling() {
  require_free_ports "$CEILING_PORT"
  CURRENT_LOG=$WORK/ceiling.log
  local config=()
  if [[ -f $ROOT/server-config/pre-boot-commands.asadmin ]]; then
    config=(--prebootcommandfile "$ROOT/server-config/pre-boot-commands.asadmin")
  fi
  if [[ -f $ROOT/server-config/post-deploy-commands.asadmin ]]; then
    config+=(--postdeploycommandfile "$ROOT/server-config/post-deploy-commands.asadmin")
  fi
  start_process "$CURRENT_LOG" java -Xmx512m -Djava.io.tmpdir="$WORK/tmp" -jar "$PAYARA_JAR" \
    --deploy "$WORK/ceiling.war" --contextroot / --port "$CEILING_PORT" --nocluster \
    --disablephonehome "${config[@]}"
  PEER_PIDS=("$STARTED_PID") PORT=$CEILING_PORT
  wait_for_http ceiling "http://127.0.0.1:$PORT/bench:get" "$STARTED_PID"
  expect ceiling '"visits":42' "http://127.0.0.1:$PORT/bench:get"
  expect ceiling '"visits":42' "http://127.0.0.1:$PORT/ejb/bench:get"
}

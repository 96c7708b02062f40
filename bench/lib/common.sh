# shellcheck shell=bash
# Logging, the processes the benchmark starts (and stops on exit), waiting, RSS sampling.
# Sourced by bench/run.

say() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() {
  say "FAILED: $*"
  exit 1
}

# Every process started here, so that the EXIT trap stops exactly these and nothing else.
STARTED_PIDS=()

# start_process LOG COMMAND... : runs COMMAND in the background, output to LOG; sets STARTED_PID.
start_process() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  STARTED_PID=$!
  STARTED_PIDS+=("$STARTED_PID")
}

# run_waiting COMMAND...: runs COMMAND as a started process and waits for it. Bash runs a trap
# only once the foreground command ends; waiting on a background one lets Ctrl-C or a SIGTERM stop
# the benchmark at once.
run_waiting() {
  "$@" &
  local pid=$! status=0
  STARTED_PIDS+=("$pid")
  wait "$pid" || status=$?
  forget_process "$pid"
  return "$status"
}

STOP_TIMEOUT_SECONDS=30

# stop_process PID: SIGTERM, then SIGKILL after STOP_TIMEOUT_SECONDS; forgets PID (its number may
# be reused by another process afterwards).
stop_process() {
  local pid=$1 i
  forget_process "$pid"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT_SECONDS * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "process $pid still running after ${STOP_TIMEOUT_SECONDS}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

forget_process() {
  local pid=$1 kept=() p
  for p in "${STARTED_PIDS[@]}"; do
    [[ $p == "$pid" ]] || kept+=("$p")
  done
  STARTED_PIDS=("${kept[@]}")
}

# stop_started: stops every process started so far, newest first.
stop_started() {
  local i
  while ((${#STARTED_PIDS[@]} > 0)); do
    stop_process "${STARTED_PIDS[-1]}"
  done
}

PORT_WAIT_SECONDS=120

# wait_for_http NAME URL PID [EXPECTED_STATUS]: polls URL until it answers the status (200),
# at most PORT_WAIT_SECONDS, failing early if PID has died.
wait_for_http() {
  local name=$1 url=$2 pid=$3 expected=${4:-200} i status
  for ((i = 0; i < PORT_WAIT_SECONDS * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || die "$name exited while starting (see its log)"
    status=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)
    [[ $status == "$expected" ]] && return 0
    sleep 0.5
  done
  die "$name did not answer $expected at $url within ${PORT_WAIT_SECONDS}s"
}

# port_is_free PORT: nothing listens on 127.0.0.1:PORT (or any address).
port_is_free() {
  [[ -z $(ss -Htln "sport = :$1") ]]
}

# RSS sampling: the largest sum of the processes' resident sets, every 0.5 s, in KiB.
RSS_PID=
rss_start() { # PIDS...
  local file=$WORK/rss.max
  echo 0 >"$file"
  (
    local max=0 now
    while true; do
      now=$(ps -o rss= -p "$(
        IFS=,
        echo "$*"
      )" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
      if ((now > max)); then
        max=$now
        echo "$max" >"$file"
      fi
      sleep 0.5
    done
  ) &
  RSS_PID=$!
  STARTED_PIDS+=("$RSS_PID")
}

# rss_stop: stops the sampler and prints the maximum in MB.
rss_stop() {
  stop_process "$RSS_PID"
  awk '{ printf "%.0f", $1 / 1024 }' "$WORK/rss.max"
}

# gc_totals PID: "young_seconds full_count full_seconds" of a JVM's collections so far (jstat -gc),
# or nothing for a process that is not a JVM.
gc_totals() {
  jstat -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    NR == 2 { print $col["YGCT"], $col["FGC"], $col["FGCT"] }' || true
}

# gc_pauses BEFORE AFTER: the collections between two gc_totals, as "young s · full s (count)",
# or "—" when they are not a JVM's.
gc_pauses() {
  [[ -n $1 && -n $2 ]] || {
    echo "—"
    return
  }
  awk -v a="$1" -v b="$2" 'BEGIN {
    split(a, x); split(b, y)
    printf "%.2f · %.2f (%d)", y[1] - x[1], y[3] - x[3], y[2] - x[2]
  }'
}

# cpu_busy SECONDS: the percentage of all CPUs' time spent busy (not idle, not waiting for I/O)
# over the next SECONDS — what the machine does now, where the load average still shows a run
# that finished a minute ago.
cpu_busy() {
  local before after
  before=$(head -1 /proc/stat)
  sleep "$1"
  after=$(head -1 /proc/stat)
  awk -v a="$before" -v b="$after" 'BEGIN {
    n = split(a, x); split(b, y)
    for (i = 2; i <= n; i++) { d = y[i] - x[i]; total += d; if (i == 5 || i == 6) idle += d }
    printf "%.0f", (total > 0 ? 100 * (total - idle) / total : 0)
  }'
}

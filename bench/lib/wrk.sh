# shellcheck shell=bash
# One kvstore workload of bench/ab and bench/profile under wrk. Needs BENCH_DIR and KVSTORE_PORT;
# call prepare once per server before a workload's first load.

# set-big: SET over this many keys, which the caller preloads (prefix k:, bench/run's workload 3b)
BIG_KEYS=${BENCH_BIG_KEYS:-1000000}
# mix: 80 % GET / 20 % SET (30 % of them with a TTL) over this many preloaded keys (prefix m:),
# as bench/run's workload 5
MIX_KEYS=${BENCH_MIX_KEYS:-10000}

# load WORKLOAD SECONDS: one wrk run, -t2 -c50; prints its BENCH_RESULT line
load() {
  local script vars
  case $1 in
    get) script=get.lua vars=(BENCH_KEY=bench:get) ;;
    get-token) script=get.lua vars=(BENCH_KEY=bench:get BENCH_TOKEN="$TOKEN") ;;
    set-hot) script=set_hot.lua vars=(BENCH_KEY=bench:hot) ;;
    set-1k) script=set_keys.lua vars=(BENCH_KEYS=1000 BENCH_PREFIX=s:) ;;
    set-big) script=set_keys.lua vars=(BENCH_KEYS="$BIG_KEYS" BENCH_PREFIX=k:) ;;
    incr) script=incr.lua vars=(BENCH_KEY=bench:counter) ;;
    mix) script=mix.lua vars=(BENCH_KEYS="$MIX_KEYS" BENCH_PREFIX=m: BENCH_TTL=300) ;;
    *) die "unknown workload '$1' (get set-hot set-1k set-big incr mix get-token)" ;;
  esac
  env "${vars[@]}" BENCH_PEER=kvstore BENCH_LUA_DIR="$BENCH_DIR/lua" \
    timeout $(($2 + 60)) wrk -t2 -c50 -d"$2"s --timeout 10s -s "$BENCH_DIR/lua/$script" \
    "http://127.0.0.1:$KVSTORE_PORT" | grep '^BENCH_RESULT' || die "wrk printed no result"
}

# prepare WORKLOAD: what the workload needs of a freshly started server, not measured: get-token a
# read token (TOKEN; it ends protected mode), set-big and mix their preloaded keys
prepare() {
  case $1 in
    get-token)
      TOKEN=$(issue_token)
      [[ -n $TOKEN ]] || die "could not issue a token"
      ;;
    set-big)
      say "preloading $BIG_KEYS keys"
      preload_kvstore k: "$BIG_KEYS"
      ;;
    mix)
      say "preloading $MIX_KEYS keys"
      preload_kvstore m: "$MIX_KEYS"
      ;;
  esac
}

# issue_token: prints a new read token of the running server (loopback: protected mode)
issue_token() {
  curl -sf -X POST -H 'Content-Type: application/json' -d '{"scope": "read"}' \
    "http://127.0.0.1:$KVSTORE_PORT/_tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# field NAME LINE: the value of NAME=... in a BENCH_RESULT line
field() {
  local pattern="(^| )$1=([^ ]*)"
  [[ $2 =~ $pattern ]] && echo "${BASH_REMATCH[2]}"
}

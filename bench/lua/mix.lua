-- Workload 5: 80 % GET, 20 % SET over BENCH_KEYS preloaded keys; 30 % of the SETs with a TTL.
package.path = (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local bench = require("bench")

local n = tonumber(os.getenv("BENCH_KEYS") or "10000")
local GET_SHARE = 0.8
local TTL_SET_SHARE = 0.2 * 0.3
local get_of, set_of, ttl_set_of

setup = bench.setup
done = bench.done

function init()
  bench.seed()
  get_of = bench.per_key(n, bench.requests.get)
  set_of = bench.per_key(n, function(key)
    return bench.requests.set(key, false)
  end)
  ttl_set_of = bench.per_key(n, function(key)
    return bench.requests.set(key, true)
  end)
end

function request()
  local i = math.random(0, n - 1)
  local draw = math.random()
  if draw < GET_SHARE then
    return get_of(i)
  elseif draw < GET_SHARE + TTL_SET_SHARE then
    return ttl_set_of(i)
  end
  return set_of(i)
end

-- Workload 3: SET of a random key among BENCH_KEYS keys (BENCH_PREFIX0 ..), no TTL.
package.path = (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local bench = require("bench")

local n = tonumber(os.getenv("BENCH_KEYS") or "1000")
local set_of

setup = bench.setup
done = bench.done

function init()
  bench.seed()
  set_of = bench.per_key(n, function(key)
    return bench.requests.set(key, false)
  end)
end

function request()
  return set_of(math.random(0, n - 1))
end

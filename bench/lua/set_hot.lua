-- Workload 2: SET of one hot key (BENCH_KEY) to the small JSON object, no TTL.
package.path = (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local bench = require("bench")

local key = os.getenv("BENCH_KEY") or "bench:hot"
local req

setup = bench.setup
done = bench.done

function init()
  req = bench.requests.set(key, false)
end

function request()
  return req
end

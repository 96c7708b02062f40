-- Workload 4: INCR of one hot counter (BENCH_KEY).
package.path = (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local bench = require("bench")

local key = os.getenv("BENCH_KEY") or "bench:counter"
local req

setup = bench.setup
done = bench.done

function init()
  local incr = assert(bench.requests.incr, bench.peer .. " has no INCR")
  req = incr(key)
end

function request()
  return req
end

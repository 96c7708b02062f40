-- Workload 1: GET of one existing key (BENCH_KEY) holding the small JSON object.
package.path = (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local bench = require("bench")

local key = os.getenv("BENCH_KEY") or "bench:get"
local req

setup = bench.setup
done = bench.done

function init()
  req = bench.requests.get(key)
end

function request()
  return req
end

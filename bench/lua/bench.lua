-- Shared by every workload: each peer's request for GET, SET and INCR, and the result line.
--
-- Settings come from the environment, set by bench/run:
--   BENCH_PEER   kvstore | webdis | etcd | ceiling | ceiling-ejb
--   BENCH_LEASE  etcd lease id for SETs with a TTL (granted once before the run)
--   BENCH_TTL    seconds, for SETs with a TTL (default 300)
local M = {}

M.peer = os.getenv("BENCH_PEER") or "kvstore"
M.ttl = tonumber(os.getenv("BENCH_TTL") or "300")
M.value = '{"user":"ada","visits":42,"tags":["a","b"]}'

local lease = os.getenv("BENCH_LEASE")

local b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function digit(n)
  return b64:sub(n + 1, n + 1)
end

-- etcd's JSON gateway takes keys and values as base64 (proto bytes fields).
function M.base64(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    out[#out + 1] = digit(math.floor(n / 262144)) .. digit(math.floor(n / 4096) % 64)
      .. (b and digit(math.floor(n / 64) % 64) or "=") .. (c and digit(n % 64) or "=")
  end
  return table.concat(out)
end

local json = { ["Content-Type"] = "application/json" }
-- BENCH_TOKEN: sent as a bearer token with every request (kvstore with tokens issued)
local token = os.getenv("BENCH_TOKEN")
local function headers(h)
  local copy = {}
  if token then
    copy["Authorization"] = "Bearer " .. token
  end
  for k, v in pairs(h or {}) do
    copy[k] = v
  end
  return copy
end

local value64 = M.base64(M.value)

-- One table per peer: get(key), set(key, with_ttl), incr(key) (nil where the peer has none).
local peers = {
  kvstore = {
    get = function(key)
      return wrk.format("GET", "/" .. key, headers())
    end,
    set = function(key, with_ttl)
      local ttl = with_ttl and (',"ttl":' .. M.ttl) or ""
      return wrk.format("PUT", "/" .. key, headers(json), '{"value":' .. M.value .. ttl .. "}")
    end,
    incr = function(key)
      return wrk.format("POST", "/" .. key .. "/incr", headers(), "")
    end,
  },
  webdis = {
    get = function(key)
      return wrk.format("GET", "/GET/" .. key, headers())
    end,
    -- a PUT's body is the command's last argument: SET key <body>, SETEX key ttl <body>
    set = function(key, with_ttl)
      local path = with_ttl and ("/SETEX/" .. key .. "/" .. M.ttl) or ("/SET/" .. key)
      return wrk.format("PUT", path, headers(), M.value)
    end,
    incr = function(key)
      return wrk.format("GET", "/INCR/" .. key, headers())
    end,
  },
  etcd = {
    get = function(key)
      return wrk.format("POST", "/v3/kv/range", headers(json), '{"key":"' .. M.base64(key) .. '"}')
    end,
    set = function(key, with_ttl)
      local with_lease = with_ttl and (',"lease":"' .. assert(lease, "BENCH_LEASE unset") .. '"') or ""
      local body = '{"key":"' .. M.base64(key) .. '","value":"' .. value64 .. '"' .. with_lease .. "}"
      return wrk.format("POST", "/v3/kv/put", headers(json), body)
    end,
  },
  ceiling = {
    get = function(key)
      return wrk.format("GET", "/" .. key, headers())
    end,
  },
  ["ceiling-ejb"] = {
    get = function(key)
      return wrk.format("GET", "/ejb/" .. key, headers())
    end,
  },
}

M.requests = assert(peers[M.peer], "unknown BENCH_PEER " .. M.peer)

-- Each thread draws its own random keys.
local thread_count = 0
function M.setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

function M.seed()
  math.randomseed(os.time() * 1000 + (thread_number or 0))
end

-- Requests for the keys PREFIX0 .. PREFIX<n-1> (BENCH_PREFIX, default "k:"): built once when few,
-- on each call when many (a million keys would not fit in each thread's memory).
function M.per_key(n, make)
  local prefix = os.getenv("BENCH_PREFIX") or "k:"
  if n > 30000 then
    return function(i)
      return make(prefix .. i)
    end
  end
  local built = {}
  for i = 0, n - 1 do
    built[i] = make(prefix .. i)
  end
  return function(i)
    return built[i]
  end
end

-- The one line bench/run parses: req/s, latency percentiles (ms), socket errors, and responses
-- with status >= 400 (as wrk counts them; none of these requests can draw a 1xx or 3xx).
function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d seconds=%.2f connect=%d read=%d write=%d timeout=%d non2xx=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, seconds, e.connect, e.read, e.write, e.timeout, e.status))
end

return M

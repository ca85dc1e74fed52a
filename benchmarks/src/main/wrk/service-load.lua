-- wrk script of ./run-service-benchmarks: POSTs to the Signet service with a bearer token and checks every
-- answer's status.
--   wrk ... -s service-load.lua URL -- TOKEN_FILE EXPECTED_STATUS sign KEY_ID
--   wrk ... -s service-load.lua URL -- TOKEN_FILE EXPECTED_STATUS lines FILE   (one JSON body per line, cycled)
-- "sign" makes a new package hash for every request (48 random hex digits per thread + a 16-digit counter), so
-- no two signing requests of a run are alike. The token is read from a file so that it is not on a command line.
-- At the end it prints one line "signet-wrk: key=value ..." (latencies in ms) that the script's summary reads;
-- any answer other than EXPECTED_STATUS is counted as bad (the first three are shown) and fails the run.
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

local function read_file(name)
  local file = assert(io.open(name, "r"))
  local text = file:read("*a")
  file:close()
  return text
end

function init(args)
  local token = read_file(args[1]):gsub("%s+", "")
  expected = tonumber(args[2])
  mode = args[3]
  bad = 0
  counter = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
  if mode == "sign" then
    key_id = args[4]
    local urandom = assert(io.open("/dev/urandom", "rb"))
    local seed = urandom:read(2)
    urandom:close()
    math.randomseed(os.time() * 1000 + thread_number * 7919 + string.byte(seed, 1) * 256 + string.byte(seed, 2))
    local digits = {}
    for i = 1, 48 do
      digits[i] = string.format("%x", math.random(0, 15))
    end
    prefix = table.concat(digits)
  elseif mode == "lines" then
    bodies = {}
    for line in io.lines(args[4]) do
      if #line > 0 then table.insert(bodies, line) end
    end
    assert(#bodies > 0, "no bodies in " .. args[4])
    counter = (thread_number - 1) * 7
  else
    error("mode must be sign or lines, got " .. tostring(mode))
  end
end

function request()
  counter = counter + 1
  local body
  if mode == "sign" then
    body = '{"key_id":"' .. key_id .. '","package_hash":"' .. prefix .. string.format("%016x", counter) .. '"}'
  else
    body = bodies[(counter % #bodies) + 1]
  end
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= expected then
    bad = bad + 1
    if bad <= 3 then
      io.stderr:write("signet-wrk: unexpected answer " .. status .. ": " .. tostring(body) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local total_bad = 0
  for _, thread in ipairs(threads) do
    total_bad = total_bad + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format("signet-wrk: requests=%d seconds=%.3f rps=%.1f bad=%d socket_errors=%d "
      .. "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), total_bad,
      e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
      latency:percentile(99) / 1e3, latency.max / 1e3))
end

-- wrk script: every request takes a path from a list file (one per line), in a seeded random order, so Townhall
-- and nginx (serving saved copies listed in the same order) see the same sequence of pages.
-- Usage: wrk ... -s bench/random.lua URL -- LIST_FILE [SEED]
-- At the end it prints one machine-readable line: requests/s, p50, p95, p99, max (ms), errors, requests, non-2xx.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(tonumber(args[2] or "2026") * 1000 + id)
  status_errors = 0
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status >= 300 then status_errors = status_errors + 1 end
end

function done(summary, latency, requests)
  local non2xx = 0
  for _, thread in ipairs(threads) do non2xx = non2xx + thread:get("status_errors") end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %.2f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors, summary.requests, non2xx))
end

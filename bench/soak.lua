-- wrk script for the soak test: cycles through the paths given after `--`, and prints one machine-readable line:
-- requests/s, p50, p95, p99 (ms), socket errors and timeouts, requests, responses that were not 2xx/3xx.
local paths, counter = {}, 0

init = function(args)
  for _, path in ipairs(args) do table.insert(paths, path) end
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors, summary.requests,
    summary.errors.status))
end

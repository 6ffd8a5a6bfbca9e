-- wrk script for bench/load_test.sh: every request takes the next path of a mix of the API's
-- read endpoints (all valid, so any non-2xx answer is an error), and the run reports latency
-- percentiles and error counts as one machine-readable line.
local paths = {
  "/api/health",
  "/api/events?limit=50",
  "/api/events?dyad=KAZ,RUS",
  "/api/events?q=troops",
  "/api/series?a=KAZ&b=RUS&by=month",
  "/api/actors",
  "/api/network",
  "/api/clusters",
  "/api/articles?limit=20",
  "/api/articles/2",
  "/api/search?q=protest",
  "/",
}
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 5
end

function init(args)
  i = offset or 0
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end

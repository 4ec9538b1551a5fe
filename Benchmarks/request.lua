-- wrk script: every request is the same. From the environment: INDGANG_BENCH_METHOD (GET),
-- INDGANG_BENCH_BODY (a file sent as a JSON body), INDGANG_BENCH_COOKIE (a Cookie header).
-- `done` prints one JSON line that Benchmarks/run.sh reads.

wrk.method = os.getenv("INDGANG_BENCH_METHOD") or "GET"
local path = os.getenv("INDGANG_BENCH_BODY")
if path and path ~= "" then
  local file = assert(io.open(path, "r"), "cannot open " .. path)
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = "application/json"
end
local cookie = os.getenv("INDGANG_BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "non2xx": %d, "socketErrors": %d, "p50_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

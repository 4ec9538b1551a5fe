-- wrk script: every request POSTs one complete self-assessment (Docs/examples/submission.json).
-- `done` prints one JSON line that Benchmarks/run.sh reads.

local path = os.getenv("INDGANG_BENCH_BODY") or "Docs/examples/submission.json"
local file = assert(io.open(path, "r"), "cannot open " .. path)
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "non2xx": %d, "socketErrors": %d, "p50_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

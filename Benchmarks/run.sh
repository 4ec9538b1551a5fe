#!/usr/bin/env bash
# make bench: throughput and latency of POST /api/v1/submissions with durable storage
# (synchronous=FULL), at 16 and 64 connections, next to the raw SQLite commit rate of one-row
# transactions on the same disk. Prints a summary and writes Benchmarks/results/latest.json.
#
# Settings (environment): DURATION (seconds per wrk run, default 20), THREADS (wrk threads, 2).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
THREADS=${THREADS:-2}
RESULTS=Benchmarks/results
DATA=$(mktemp -d "$PWD/.build/bench-data.XXXXXX")
mkdir -p "$RESULTS"

echo "Building the release binary…"
swift build -c release --product indgang >/dev/null
BIN=$(swift build -c release --show-bin-path)/indgang

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# wrk is one client: the per-client rate limits are raised so that the store, not the limiter, is measured.
"$BIN" serve --port "$PORT" --staff-port 0 --data-dir "$DATA" --durability full --log-level warning --rate-limit-scale 1000000 &
SERVER=$!
cleanup() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done

URL="http://127.0.0.1:$PORT/api/v1/submissions"
echo "Warming up…"
wrk -t1 -c4 -d3s -s Benchmarks/submission.lua "$URL" >/dev/null

run_wrk() {
  local connections=$1
  echo "wrk -t$THREADS -c$connections -d${DURATION}s -s Benchmarks/submission.lua $URL" >&2
  wrk -t"$THREADS" -c"$connections" -d"${DURATION}s" --timeout 10s -s Benchmarks/submission.lua "$URL" | sed -n 's/^RESULT //p'
}
C16=$(run_wrk 16)
C64=$(run_wrk 64)
CASES=$(sqlite3 "$DATA/indgang.sqlite" "SELECT count(*) FROM intakeCase")
SYNC=$(sqlite3 "$DATA/indgang.sqlite" "PRAGMA journal_mode")

echo "python3 Benchmarks/sqlite_commit_rate.py $DATA $DURATION FULL" >&2
RAW=$(python3 Benchmarks/sqlite_commit_rate.py "$DATA" "$DURATION" FULL)

python3 - "$C16" "$C64" "$RAW" "$CASES" "$SYNC" "$DURATION" <<'PY'
import json, os, platform, subprocess, sys
c16, c64, raw = (json.loads(arg) for arg in sys.argv[1:4])
cases, journal, duration = int(sys.argv[4]), sys.argv[5], sys.argv[6]
cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
filesystem = subprocess.run(["df", "-T", "."], capture_output=True, text=True).stdout.splitlines()[-1].split()[1]
machine = f"{os.cpu_count()} cores, {cpu}, {filesystem} disk, {platform.system()} {platform.release()}"
rows = []
for name, result in (("16 connections", c16), ("64 connections", c64)):
    rate = result["requests"] / result["seconds"]
    result["requests_per_second"] = round(rate, 1)
    rows.append((name, rate, result))
summary = {"machine": machine, "durationSeconds": int(duration), "journalMode": journal, "casesStored": cases,
           "submissions": {name: result for name, _, result in rows}, "sqliteCommitRate": raw}
print()
print(f"Machine: {machine}")
print(f"{'':16} {'submissions/s':>14} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'ratio to raw commits':>22}")
for name, rate, result in rows:
    print(f"{name:16} {rate:14.1f} {result['p50_ms']:8.2f} {result['p99_ms']:8.2f} {result['non2xx'] + result['socketErrors']:8d} {rate / raw['commits_per_second']:22.2f}")
print(f"{'raw SQLite':16} {raw['commits_per_second']:14.1f}  one-row transactions, WAL, synchronous=FULL, same disk")
print(f"Cases stored by the run: {cases}")
json.dump(summary, open("Benchmarks/results/latest.json", "w"), indent=2)
failed = any(result["non2xx"] + result["socketErrors"] for _, _, result in rows)
sys.exit(1 if failed else 0)
PY

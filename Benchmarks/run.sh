#!/usr/bin/env bash
# make bench: the release binary measured side by side in one run, on one machine:
#   - durable submissions (POST /api/v1/submissions, --durability full: every 201 on disk) at 16
#     and at 64 connections, next to the raw SQLite commit rate of one-row transactions (WAL,
#     synchronous=FULL) on the same disk;
#   - the start page and a questionnaire step next to GET /health on the same server;
#   - CPU time per submission, per start page and per /health, one request after another;
#   - instructions per submission, start page, questionnaire step and /health, counted by
#     valgrind's callgrind (repeatable where time is not: compare them across changes);
#   - resident memory idle, through a staff login flood, an unknown-token flood and 2,000 idle
#     connections; the time from start to the first answered /health.
# Prints the table with ratios, writes Benchmarks/results/latest.json, and fails on any error or
# non-2xx answer of a throughput run, or resident memory above its bound (128 MB, report.py).
#
# Settings (environment): DURATION (seconds per wrk run, default 20), THREADS (wrk threads, 2),
# CPU_REQUESTS (requests of each kind for the CPU time, 2000), COUNTED_REQUESTS (requests of each
# kind under callgrind, 50).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
THREADS=${THREADS:-2}
CPU_REQUESTS=${CPU_REQUESTS:-2000}
COUNTED_REQUESTS=${COUNTED_REQUESTS:-50}
RESULTS=Benchmarks/results
mkdir -p "$RESULTS" .build
DATA=$(mktemp -d "$PWD/.build/bench-data.XXXXXX")
# 2,000 idle connections and the server's own descriptors.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# `make bench` builds it first (`make release`: laid out for a small resident size).
BIN=.build/release/indgang
[ -x "$BIN" ] || { echo "No release binary at $BIN: run make bench (or make release first)." >&2; exit 1; }

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
STAFF_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# wrk is one client: the per-client rate limits are raised so that the work, not the limiter, is measured.
STARTED=$(date +%s%N)
"$BIN" serve --port "$PORT" --staff-port "$STAFF_PORT" --data-dir "$DATA" --durability full --log-level warning \
  --rate-limit-scale 1000000 &
SERVER=$!
cleanup() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.01; done
STARTUP_MS=$(( ($(date +%s%N) - STARTED) / 1000000 ))
sleep 2
IDLE=$(python3 Benchmarks/rss.py "$SERVER")

BASE="http://127.0.0.1:$PORT"
run_wrk() { # name connections seconds url [method body cookie]
  local name=$1 connections=$2 seconds=$3 url=$4
  echo "wrk -t$THREADS -c$connections -d${seconds}s -s Benchmarks/request.lua $url   ($name)" >&2
  INDGANG_BENCH_METHOD=${5:-GET} INDGANG_BENCH_BODY=${6:-} INDGANG_BENCH_COOKIE=${7:-} \
    wrk -t"$THREADS" -c"$connections" -d"${seconds}s" --timeout 10s -s Benchmarks/request.lua "$url" | sed -n 's/^RESULT //p'
}
echo "Warming up…"
run_wrk warm-up 4 3 "$BASE/api/v1/submissions" POST Docs/examples/submission.json >/dev/null
C16=$(run_wrk "submissions" 16 "$DURATION" "$BASE/api/v1/submissions" POST Docs/examples/submission.json)
C64=$(run_wrk "submissions" 64 "$DURATION" "$BASE/api/v1/submissions" POST Docs/examples/submission.json)
CASES=$(sqlite3 "$DATA/indgang.sqlite" "SELECT count(*) FROM intakeCase")
JOURNAL=$(sqlite3 "$DATA/indgang.sqlite" "PRAGMA journal_mode")

PAGE_SECONDS=$(( DURATION / 2 > 5 ? DURATION / 2 : 5 ))
HEALTH=$(run_wrk "health" 16 "$PAGE_SECONDS" "$BASE/health")
START=$(run_wrk "start page" 16 "$PAGE_SECONDS" "$BASE/")
# A questionnaire in progress, as a browser holds it after the first step: the draft of a fresh
# start and the anti-forgery cookie the first step's form set.
JAR=$(mktemp "$DATA/jar.XXXXXX")
curl -s -o /dev/null -L -c "$JAR" -b "$JAR" "$BASE/questionnaire"
BROWSER_COOKIES=$(awk -F'\t' 'NF >= 7 && $6 ~ /^indgang_/ { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$JAR")
STEP=$(run_wrk "questionnaire step" 16 "$PAGE_SECONDS" "$BASE/questionnaire/2" GET "" "$BROWSER_COOKIES")

# CPU time per request, one request after another.
echo "python3 Benchmarks/cpu_per_request.py $SERVER $PORT $CPU_REQUESTS" >&2
CPU=$(python3 Benchmarks/cpu_per_request.py "$SERVER" "$PORT" "$CPU_REQUESTS")

# Memory under floods that cost the service something to refuse.
LOGIN_BODY=$(mktemp "$DATA/login.XXXXXX")
echo '{"username": "nobody", "password": "not the password of anyone"}' >"$LOGIN_BODY"
TOKEN_BODY=$(mktemp "$DATA/token.XXXXXX")
# A well-formed token (its check symbol right) that no case has: looked up and counted as a failure.
echo '{"token": "7KQ4-M2XP-9HTA-C3VW-8DRJ"}' >"$TOKEN_BODY"
UNKNOWN_STATUS=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data @"$TOKEN_BODY" "$BASE/api/v1/status")
[ "$UNKNOWN_STATUS" = 404 ] || { echo "The unknown token answered $UNKNOWN_STATUS, not 404: the flood would not look it up" >&2; exit 1; }
FLOOD_SECONDS=$(( DURATION / 2 > 5 ? DURATION / 2 : 5 ))
flood() { # name url body
  python3 Benchmarks/rss.py "$SERVER" "$FLOOD_SECONDS" >"$DATA/rss.json" &
  local sampler=$!
  run_wrk "$1" 64 "$FLOOD_SECONDS" "$2" POST "$3" >"$DATA/flood.json"
  wait "$sampler"
  python3 -c "import json, sys; r = json.load(open(sys.argv[1])); r.update(json.load(open(sys.argv[2]))); print(json.dumps(r))" \
    "$DATA/rss.json" "$DATA/flood.json"
}
LOGIN=$(flood "staff login flood" "http://127.0.0.1:$STAFF_PORT/staff/v1/session" "$LOGIN_BODY")
UNKNOWN=$(flood "unknown-token flood" "$BASE/api/v1/status" "$TOKEN_BODY")
echo "python3 Benchmarks/rss.py $SERVER $FLOOD_SECONDS idle 2000 $PORT   (2,000 idle connections)" >&2
IDLE_CONNECTIONS=$(python3 Benchmarks/rss.py "$SERVER" "$FLOOD_SECONDS" idle 2000 "$PORT")
curl -fs "$BASE/health" >/dev/null

echo "python3 Benchmarks/sqlite_commit_rate.py $DATA $DURATION FULL" >&2
RAW=$(python3 Benchmarks/sqlite_commit_rate.py "$DATA" "$DURATION" FULL)

echo "python3 Benchmarks/instructions.py $BIN $DATA $COUNTED_REQUESTS $RESULTS/callgrind   (under valgrind)" >&2
INSTRUCTIONS=$(python3 Benchmarks/instructions.py "$BIN" "$DATA" "$COUNTED_REQUESTS" "$RESULTS/callgrind")

python3 Benchmarks/report.py "$C16" "$C64" "$RAW" "$HEALTH" "$START" "$STEP" "$IDLE" "$LOGIN" "$UNKNOWN" "$IDLE_CONNECTIONS" \
  "$CPU" "$CASES" "$JOURNAL" "$DURATION" "$STARTUP_MS" "$INSTRUCTIONS"

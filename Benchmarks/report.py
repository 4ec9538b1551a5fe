#!/usr/bin/env python3
"""The table of `make bench` from the JSON lines of Benchmarks/run.sh, with ratios; writes
Benchmarks/results/latest.json and exits 1 when a throughput run had an error or a non-2xx, or
resident memory went above its bound."""

import json
import os
import platform
import subprocess
import sys

(c16, c64, raw, health, start, step, idle, login, unknown, idle_connections, cpu) = (
    json.loads(argument) for argument in sys.argv[1:12])
cases, journal, duration, startup_ms = int(sys.argv[12]), sys.argv[13], int(sys.argv[14]), int(sys.argv[15])
instructions = json.loads(sys.argv[16])

processor = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
filesystem = subprocess.run(["df", "-T", "."], capture_output=True, text=True).stdout.splitlines()[-1].split()[1]
memory = next(int(line.split()[1]) // (1024 * 1024) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
# The bounds resident memory must stay under (Docs/performance.md, Memory). Idle, 40 MB: the
# binary of `make release` is laid out for it. Through every load of the run, 128 MB: some 39 MB
# idle, two Argon2 hashes of 19 MiB at once through a login flood, some 10 KB for each of the
# 2,000 idle connections, and room for the allocator's high water.
RSS_BOUND_MB = 128
IDLE_BOUND_MB = 40

machine = f"{os.cpu_count()} cores, {processor}, {memory} GiB, {filesystem} disk, {platform.system()} {platform.release()}"


def rate(result):
    result["requests_per_second"] = round(result["requests"] / result["seconds"], 1)
    return result["requests_per_second"]


commits = raw["commits_per_second"]
health_rate = rate(health)
rows = [
    ("submissions, 16 connections", c16, commits, "raw commits"),
    ("submissions, 64 connections", c64, commits, "raw commits"),
    ("GET / (start page)", start, health_rate, "/health"),
    ("GET /questionnaire/2", step, health_rate, "/health"),
    ("GET /health", health, health_rate, "/health"),
]
print()
print(f"Machine: {machine}")
print(f"{'':30} {'per second':>11} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}  ratio")
for name, result, against, against_name in rows:
    per_second = rate(result)
    errors = result["non2xx"] + result["socketErrors"]
    print(f"{name:30} {per_second:11.1f} {result['p50_ms']:8.2f} {result['p99_ms']:8.2f} {errors:7d}  "
          f"{per_second / against:.2f} × {against_name}")
print(f"{'raw SQLite commits':30} {commits:11.1f}  one-row transactions, WAL, synchronous=FULL, same disk")
print(f"CPU time per request, one after another ({cpu['requests']} each): submission {cpu['submissionMicroseconds']} µs, "
      f"start page {cpu['startPageMicroseconds']} µs, /health {cpu['healthMicroseconds']} µs")
print(f"Instructions per request, counted by callgrind ({instructions['requests']} each): "
      f"submission {instructions['submissionInstructions']:,}, start page {instructions['startPageInstructions']:,}, "
      f"questionnaire step {instructions['questionnaireStepInstructions']:,}, /health {instructions['healthInstructions']:,}, "
      f"a case's status by its token {instructions['caseStatusInstructions']:,}, an unknown token {instructions['unknownTokenInstructions']:,}")
print(f"Resident memory: idle {idle['rss_mb']} MB; highest during a staff login flood {login['rss_mb']} MB, "
      f"an unknown-token flood {unknown['rss_mb']} MB, {idle_connections['connections']} idle connections "
      f"{idle_connections['rss_mb']} MB (bounds: idle {IDLE_BOUND_MB} MB, under load {RSS_BOUND_MB} MB)")
print(f"Start-up to the first /health: {startup_ms} ms. Cases stored by the run: {cases}")

summary = {
    "machine": machine, "durationSeconds": duration, "journalMode": journal, "casesStored": cases, "startupMilliseconds": startup_ms,
    "submissions": {"16 connections": c16, "64 connections": c64}, "sqliteCommitRate": raw,
    "pages": {"health": health, "startPage": start, "questionnaireStep": step},
    "ratios": {
        "submissions16ToRawCommits": round(c16["requests_per_second"] / commits, 2),
        "submissions64ToRawCommits": round(c64["requests_per_second"] / commits, 2),
        "startPageToHealth": round(start["requests_per_second"] / health_rate, 2),
        "questionnaireStepToHealth": round(step["requests_per_second"] / health_rate, 2),
    },
    "cpuMicrosecondsPerRequest": cpu,
    "instructionsPerRequest": instructions,
    "residentMemoryMB": {"idle": idle["rss_mb"], "staffLoginFlood": login["rss_mb"], "unknownTokenFlood": unknown["rss_mb"],
                         "idleConnections": idle_connections["rss_mb"], "idleConnectionCount": idle_connections["connections"],
                         "idleBound": IDLE_BOUND_MB, "bound": RSS_BOUND_MB},
    "floods": {"staffLogin": login, "unknownToken": unknown},
}
json.dump(summary, open("Benchmarks/results/latest.json", "w"), indent=2)
failed = [name for name, result, _, _ in rows if result["non2xx"] + result["socketErrors"]]
failed += [name for name, result in (("staff login flood", login), ("unknown-token flood", unknown)) if result["socketErrors"]]
if idle_connections["connections"] < 2000:
    failed.append("idle connections")
failed += [f"resident memory {name} ({figure['rss_mb']} MB > {RSS_BOUND_MB} MB)"
           for name, figure in (("idle", idle), ("through the login flood", login), ("through the unknown-token flood", unknown),
                                ("with the idle connections", idle_connections)) if figure["rss_mb"] > RSS_BOUND_MB]
if idle["rss_mb"] > IDLE_BOUND_MB:
    failed.append(f"resident memory idle ({idle['rss_mb']} MB > {IDLE_BOUND_MB} MB)")
if failed:
    print(f"Failed: {', '.join(failed)}", file=sys.stderr)
sys.exit(1 if failed else 0)

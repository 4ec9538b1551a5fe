#!/usr/bin/env python3
"""CPU time the server spends per request: `cpu_per_request.py PID PORT N` sends N submissions
and then N start-page requests one after another on one keep-alive connection, and reads the
server process's CPU time (user + system, all threads, /proc/PID/stat) before and after each.
Prints one JSON line with microseconds per request.

Time is what a person waits for, but it varies with the machine and what else runs on it;
Benchmarks/instructions.py counts instructions, which do not. CPU time over a few thousand
requests in a row, with nothing else sent, varies by a few percent between runs."""

import http.client
import json
import os
import sys

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def send_all(connection, count: int, method: str, path: str, body: bytes | None, headers: dict, expected=None) -> None:
    """Sends `count` requests one after another on `connection`; any answer but a 2xx (or, with
    `expected`, that status) ends the run."""
    for _ in range(count):
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != expected if expected else response.status >= 300:
            raise SystemExit(f"{method} {path} answered {response.status}")


def per_request(pid: int, port: int, count: int, method: str, path: str, body: bytes | None) -> float:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"} if body else {}
    for _ in range(20):  # warm up
        connection.request(method, path, body=body, headers=headers)
        connection.getresponse().read()
    before = cpu_seconds(pid)
    send_all(connection, count, method, path, body, headers)
    used = cpu_seconds(pid) - before
    connection.close()
    return round(used / count * 1e6, 1)


def main():
    pid, port, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    with open("Docs/examples/submission.json", "rb") as file:
        submission = file.read()
    print(json.dumps({
        "requests": count,
        "submissionMicroseconds": per_request(pid, port, count, "POST", "/api/v1/submissions", submission),
        "startPageMicroseconds": per_request(pid, port, count, "GET", "/", None),
        "healthMicroseconds": per_request(pid, port, count, "GET", "/health", None),
    }))


if __name__ == "__main__":
    main()

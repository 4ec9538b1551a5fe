#!/usr/bin/env python3
"""Raw SQLite commit rate: one-row transactions in WAL mode with synchronous=FULL, on the disk
of the given folder, for as many seconds as asked. Prints one JSON line.

This is the ceiling for durable submissions: each acknowledged submission is one such commit
(plus scoring, HTTP and JSON work)."""

import json
import os
import sqlite3
import sys
import tempfile
import time


def commit_rate(folder: str, seconds: float, synchronous: str) -> dict:
    handle, path = tempfile.mkstemp(prefix="commit-rate-", suffix=".sqlite", dir=folder)
    os.close(handle)
    try:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute(f"PRAGMA synchronous = {synchronous}")
        connection.execute("CREATE TABLE row (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
        payload = os.urandom(2048)  # about the size of a stored case
        commits = 0
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO row (payload) VALUES (?)", (payload,))
            connection.execute("COMMIT")
            commits += 1
        elapsed = time.perf_counter() - start
        connection.close()
        return {"synchronous": synchronous, "commits": commits, "seconds": round(elapsed, 3), "commits_per_second": round(commits / elapsed, 1)}
    finally:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)


if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10
    synchronous = sys.argv[3] if len(sys.argv) > 3 else "FULL"
    print(json.dumps(commit_rate(folder, seconds, synchronous)))

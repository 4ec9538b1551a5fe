"""Faults: a backup taken while the service runs restores; a SIGKILL under load loses no
acknowledged submission; SIGTERM lets requests in flight finish and closes the database cleanly."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.request

from conftest import EXAMPLE, Server

BODY = EXAMPLE.read_bytes()


def submit(base):
    """The token of one submission, or None if it was not acknowledged with 201."""
    request = urllib.request.Request(base + "/api/v1/submissions", data=BODY, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())["token"] if response.status == 201 else None
    except (urllib.error.URLError, ConnectionError, OSError, ValueError):
        return None


def load(base, clients, stop):
    """`clients` threads submitting until `stop` is set; returns the acknowledged tokens."""
    acknowledged, lock = [], threading.Lock()

    def client():
        while not stop.is_set():
            token = submit(base)
            if token:
                with lock:
                    acknowledged.append(token)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    return threads, acknowledged


def test_a_backup_taken_while_running_restores_into_a_new_folder(binary, tmp_path):
    server = Server(binary, tmp_path / "data").start()
    tokens = [submit(server.base) for _ in range(3)]
    stop = threading.Event()
    threads, _ = load(server.base, 2, stop)
    backup = tmp_path / "backup.sqlite"
    result = subprocess.run([binary, "backup", str(backup), "--data-dir", str(server.data_dir)], capture_output=True, text=True, timeout=60)
    stop.set()
    for thread in threads:
        thread.join()
    assert result.returncode == 0, result.stderr
    assert "Back up the key folder separately" in result.stdout
    assert oct(os.stat(backup).st_mode & 0o777) == "0o600"
    again = subprocess.run([binary, "backup", str(backup), "--data-dir", str(server.data_dir)], capture_output=True, text=True, timeout=60)
    assert again.returncode == 2 and "exists already" in again.stderr
    server.stop()

    restored = tmp_path / "restored"
    restored.mkdir(mode=0o700)
    shutil.copy(backup, restored / "indgang.sqlite")
    for key in ("secret.key", "data.key"):
        shutil.copy(server.data_dir / key, restored / key)
        os.chmod(restored / key, 0o600)
    second = Server(binary, restored).start()
    try:
        for token in tokens:
            status, _, case = second.request("POST", "/api/v1/status", {"token": token})
            assert status == 200 and case["composites"]["drug"] == 0.192
    finally:
        second.stop()


def test_purge_dry_run_counts_and_deletes_nothing(binary, tmp_path):
    server = Server(binary, tmp_path / "data").start()
    submit(server.base)
    result = subprocess.run([binary, "purge", "--dry-run", "--untouched-case-days", "1", "--data-dir", str(server.data_dir)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Would delete: closed cases 0, untouched cases 0, receipts 0")
    assert server.request("POST", "/api/v1/status", {"token": "0000-0000-0000-0000-0000"})[0] == 404
    server.stop()


def test_no_acknowledged_submission_is_lost_when_the_server_is_killed_under_load(binary, tmp_path):
    server = Server(binary, tmp_path / "data").start()
    stop = threading.Event()
    threads, acknowledged = load(server.base, 6, stop)
    time.sleep(2.5)
    server.process.send_signal(signal.SIGKILL)
    server.process.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join()
    assert len(acknowledged) > 20, f"only {len(acknowledged)} submissions were acknowledged before the kill"

    restarted = Server(binary, tmp_path / "data").start()
    try:
        missing = [token for token in acknowledged if restarted.request("POST", "/api/v1/status", {"token": token})[0] != 200]
        assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged submissions are lost"
        integrity = sqlite3.connect(tmp_path / "data" / "indgang.sqlite").execute("PRAGMA integrity_check").fetchall()
        assert integrity == [("ok",)]
    finally:
        restarted.stop()


def test_sigterm_finishes_requests_in_flight_and_closes_the_database(binary, tmp_path):
    server = Server(binary, tmp_path / "data").start()
    stop = threading.Event()
    threads, acknowledged = load(server.base, 6, stop)
    time.sleep(1.0)
    assert server.stop(signal.SIGTERM, timeout=30) == 0
    stop.set()
    for thread in threads:
        thread.join()
    assert acknowledged
    # A clean close checkpoints the WAL into the database file and removes it.
    wal = tmp_path / "data" / "indgang.sqlite-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert "Stopped: requests finished, database closed" in server.read_log()

    restarted = Server(binary, tmp_path / "data").start()
    try:
        for token in acknowledged:
            assert restarted.request("POST", "/api/v1/status", {"token": token})[0] == 200
    finally:
        restarted.stop()

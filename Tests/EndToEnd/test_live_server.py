"""The real server on 127.0.0.1: a submission is durable, nothing identifying is kept or logged."""

import os
import re
import signal
import sqlite3
import stat

from conftest import Server


def test_submission_then_status_over_http(server, example):
    status, headers, receipt = server.request("POST", "/api/v1/submissions", example)
    assert status == 201
    assert headers["Cache-Control"] == "no-store"
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", receipt["token"])
    status, _, case = server.request("POST", "/api/v1/status", {"token": receipt["token"]}, {"Accept-Language": "en"})
    assert status == 200
    assert case["caseReference"] == receipt["caseReference"]
    assert case["track"] == "anonymous" and case["state"] == "new"
    assert "answers" not in case


def test_acknowledged_cases_survive_a_restart_and_sigterm_is_clean(binary, tmp_path, example):
    server = Server(binary, tmp_path / "data").start()
    tokens = [server.request("POST", "/api/v1/submissions", example)[2]["token"] for _ in range(5)]
    assert server.stop(signal.SIGTERM) == 0
    restarted = Server(binary, tmp_path / "data").start()
    try:
        for token in tokens:
            assert restarted.request("POST", "/api/v1/status", {"token": token})[0] == 200
        integrity = sqlite3.connect(tmp_path / "data" / "indgang.sqlite").execute("PRAGMA integrity_check").fetchone()
        assert integrity == ("ok",)
    finally:
        restarted.stop()


def test_nothing_identifying_is_stored_or_logged(server, example):
    example["answers"]["bg.municipality"] = "101"
    secret_headers = {"User-Agent": "Mozilla/5.0 VerySpecificAgent/1.0", "Referer": "https://partner.example/page?who=me",
                      "X-Forwarded-For": "203.0.113.77"}
    status, _, receipt = server.request("POST", "/api/v1/submissions", example, secret_headers)
    assert status == 201
    server.request("POST", "/api/v1/status", {"token": receipt["token"]}, secret_headers)
    server.request("POST", "/api/v1/status", {"token": "0000-0000-0000-0000-0000"}, secret_headers)
    server.stop()

    database = server.data_dir / "indgang.sqlite"
    assert stat.S_IMODE(os.stat(database).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(server.data_dir / "secret.key").st_mode) == 0o600
    raw = b"".join(path.read_bytes() for path in server.data_dir.iterdir())
    for needle in (receipt["token"], receipt["token"].replace("-", ""), "VerySpecificAgent", "partner.example", "203.0.113.77", "127.0.0.1"):
        assert needle.encode() not in raw, f"{needle} is stored"

    rows = sqlite3.connect(database).execute("SELECT * FROM intakeCase").fetchall()
    columns = [d[1] for d in sqlite3.connect(database).execute("PRAGMA table_info(intakeCase)")]
    assert len(rows) == 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rows[0][columns.index("createdOn")])
    for value in rows[0]:
        if isinstance(value, str):
            assert not re.search(r"\d{2}:\d{2}", value), f"a time of day is stored: {value[:80]}"

    log = server.read_log()
    for needle in (receipt["token"], "VerySpecificAgent", "partner.example", "203.0.113.77", "/api/v1/status", "/api/v1/submissions", "med.days"):
        assert needle not in log, f"{needle} is in the log"
    assert "Server started" in log

"""Alerts to the team from the real binary: a crisis case reaches an SMTP server (through
msmtp, the system's sendmail interface) and a signed webhook at once; other cases come in a
digest; a webhook that fails is retried; a mail server that is down is shown to administrators.
The texts hold counts only."""
import copy
import time
from pathlib import Path

import pytest
import yaml

from alert_sinks import SmtpSink, WebhookSink, alert_arguments
from conftest import Server
from test_staff_api import STAFF_API, check


@pytest.fixture
def sinks():
    smtp, webhook = SmtpSink().start(), WebhookSink(failures=1).start()
    yield smtp, webhook
    smtp.stop()
    webhook.stop()


@pytest.fixture
def alerting(binary, tmp_path, sinks):
    smtp, webhook = sinks
    running = Server(binary, tmp_path / "data").start(*alert_arguments(tmp_path / "alerts", smtp, webhook))
    yield running, smtp, webhook
    running.stop()


def crisis(example):
    answers = copy.deepcopy(example["answers"])
    answers["crisis.now"] = "yes"
    return dict(example, answers=answers)


def test_a_crisis_case_reaches_mail_and_webhook_at_once_with_counts_only(alerting, example):
    server, smtp, webhook = alerting
    sent = time.monotonic()
    status, _, receipt = server.request("POST", "/api/v1/submissions", crisis(example))
    assert status == 201
    mail = smtp.wait(1, timeout=10)[0]
    assert time.monotonic() - sent < 10
    # The webhook answered 503 the first time: the same delivery came again and was taken.
    calls = webhook.wait(2, timeout=10)
    assert calls[0]["headers"]["X-Indgang-Delivery"] == calls[1]["headers"]["X-Indgang-Delivery"]
    body = webhook.verified(calls[1])
    assert body["kind"] == "crisis" and body["counts"]["newCases"] == [1, 0, 0] and body["counts"]["waiting"] == 1
    assert "1 new case with priority 1." in body["text"]

    message = mail["message"]
    assert mail["to"] == ["team@test.example"] and message["Subject"] == "Indgang: crisis case"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_content()
    assert "1 new case with priority 1." in text and "1 case in all is waiting for a first reply." in text
    # Nothing that points at the person, in the mail or in the webhook's body.
    for secret in [receipt["token"], receipt["caseReference"], example["answers"]["bg.municipality"]]:
        assert secret not in text and secret not in calls[1]["body"].decode() and secret not in message["Subject"]
    assert receipt["token"] not in server.read_log() and receipt["caseReference"] not in server.read_log()

    # An ordinary case comes in the next digest (about a second here), not as a crisis.
    status, _, _ = server.request("POST", "/api/v1/submissions", example)
    assert status == 201
    digest = smtp.wait(2, timeout=15)[1]["message"]
    assert digest["Subject"] == "Indgang: new in the queue" and "2 cases in all are waiting" in digest.get_content()

    admin = server.add_staff("anne", admin=True)
    status, _, overview = server.staff("GET", "/staff/v1/alerts", token=admin)
    assert status == 200
    check(yaml.safe_load(STAFF_API.read_text()), overview, "Alerts")
    crisis_webhook = next(d for d in overview["deliveries"] if d["kind"] == "crisis" and d["channel"] == "webhook")
    assert crisis_webhook["status"] == "delivered" and crisis_webhook["attempts"] == 2
    assert crisis_webhook["lastError"] == "The webhook answered HTTP 503."


def test_a_mail_server_that_is_down_is_shown_to_administrators(alerting):
    server, smtp, webhook = alerting
    admin = server.add_staff("anne", admin=True)
    smtp.stop()
    status, _, queued = server.staff("POST", "/staff/v1/alerts/test", token=admin)
    assert status == 202 and queued["queued"] == ["webhook", "mail"]
    # The webhook fails once and then takes it; the mail keeps failing.
    expected = ["Alerts by e-mail are not arriving: the latest attempt failed. An administrator sees more under Alerts."]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        _, _, health = server.request("GET", "/health", base=server.staff_base)
        if health.get("warnings") == expected:
            break
        time.sleep(0.1)
    assert health["status"] == "warning" and health["warnings"] == expected
    _, _, overview = server.staff("GET", "/staff/v1/alerts", token=admin)
    mail = next(d for d in overview["deliveries"] if d["channel"] == "mail")
    assert mail["status"] in ("retrying", "failed") and "status" in mail["lastError"] and mail["kind"] == "test"
    _, _, audit = server.staff("GET", "/staff/v1/audit?actor=anne", token=admin)
    assert "alert.test" in {entry["action"] for entry in audit["items"]}


def test_a_webhook_without_its_secret_file_is_refused_at_start(binary, tmp_path):
    server = Server(binary, tmp_path / "data")
    with pytest.raises(AssertionError) as refused:
        server.start("--alert-webhook-url", "https://hooks.example.org/x", "--alert-webhook-secret-file", str(tmp_path / "missing"))
    assert "Cannot read the webhook secret" in str(refused.value)
    with pytest.raises(AssertionError) as refused:
        server.start("--alert-webhook-url", "http://hooks.example.org/x", "--alert-webhook-secret-file", str(tmp_path / "missing"))
    assert "must be an https address" in str(refused.value)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_crisis_from_the_web_form_reaches_the_team_and_the_administrator_sees_it(alerting, language):
    from browser import complete_questionnaire, make_driver
    from test_browser import ANONYMOUS
    from test_staff_console import assert_accessible, assert_columns_line_up, assert_no_console_errors, button, log_in, shoot, text, wait
    from selenium.webdriver.common.by import By

    server, smtp, webhook = alerting
    citizen, console = make_driver(javascript=False), make_driver(javascript=True, language="da", width=1280, height=1000)
    try:
        # A person in crisis fills in the form with JavaScript off.
        seen = complete_questionnaire(citizen, server.base, language, dict(ANONYMOUS, **{"crisis.now": "yes"}))
        assert seen["crisis"] and seen.get("token")
        mail = smtp.wait(1, timeout=10)[0]["message"]
        assert mail["Subject"] == "Indgang: crisis case" and "1 new case with priority 1." in mail.get_content()
        assert webhook.verified(webhook.wait(2, timeout=10)[-1])["kind"] == "crisis"
        assert seen["token"] not in mail.get_content()

        # The administrator sees the deliveries, the webhook's retry among them, and sends a test.
        server.add_staff("anne", admin=True)
        log_in(console, server, "anne")
        if language == "en":
            button(console, "English").click()
            wait(console, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        console.get(f"{server.staff_base}/#/admin/alerts")
        words = {"da": ("Akut sag", "Leveret", "Send en prøve", "Prøve"), "en": ("Crisis case", "Delivered", "Send a test", "Test")}[language]
        # The page redraws the table when the deliveries arrive: read its text as it is now, not
        # through an element found before a redraw.
        wait(console, lambda d: words[0] in text(d, "main table") and words[1] in text(d, "main table"))
        assert "127.0.0.1" in text(console, "main")
        assert_columns_line_up(console)
        assert_accessible(console, f"alerts ({language})")
        button(console, words[2]).click()
        smtp.wait(2, timeout=10)
        wait(console, lambda d: words[3] in d.find_element(By.CSS_SELECTOR, "main table tbody tr").text, seconds=10)
        assert_accessible(console, f"alerts after a test ({language})")
        shoot(console, f"staff-alerts-{language}")
        assert_no_console_errors(console)
    finally:
        citizen.quit()
        console.quit()


def test_a_promise_that_passed_is_alerted_and_marked_in_the_queue(binary, tmp_path, sinks, example):
    """A case from ten days ago (the binary run under faketime, on the same data folder) and one
    from today: the digest tells the team one case passed its promise of a first reply, and the
    queue's reply-by column marks it, filters it and sorts it first."""
    import os
    import shutil
    import signal
    import subprocess
    from browser import make_driver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    from test_staff_console import assert_accessible, button, log_in, shoot, wait

    smtp, webhook = sinks
    webhook.failures = 0
    faked = tmp_path / "indgang-ten-days-ago"
    faked.write_text(f"#!/bin/sh\nFAKETIME_DONT_FAKE_MONOTONIC=1 exec {shutil.which('faketime')} -f -10d {binary} \"$@\"\n")
    faked.chmod(0o755)
    past = Server(str(faked), tmp_path / "data").start()
    try:
        status, _, old = past.request("POST", "/api/v1/submissions", example)
        assert status == 201
    finally:
        # faketime runs the service as its child and does not pass SIGTERM on: stop the child,
        # so the service shuts down (and lets go of the data folder) as it does in production.
        children = subprocess.run(["pgrep", "-P", str(past.process.pid)], capture_output=True, text=True).stdout.split()
        for child in children:
            os.kill(int(child), signal.SIGTERM)
        assert children and past.process.wait(timeout=15) == 0
    server = Server(binary, tmp_path / "data")
    server.port, server.staff_port = past.port, past.staff_port
    server.start(*alert_arguments(tmp_path / "alerts", smtp, webhook))
    console = make_driver(javascript=True, language="da", width=1280, height=1000)
    try:
        status, _, new = server.request("POST", "/api/v1/submissions", example)
        assert status == 201
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not any("first reply by the day" in m["message"].get_content() for m in smtp.messages):
            time.sleep(0.1)
        digest = next(m["message"].get_content() for m in smtp.messages if "first reply by the day" in m["message"].get_content())
        assert "1 case has not had its first reply by the day the person was promised." in digest
        assert old["caseReference"] not in digest

        server.add_staff("mette")
        log_in(console, server, "mette")
        rows = wait(console, lambda d: d.find_elements(By.CSS_SELECTOR, "table.queue tbody tr"))
        assert len(rows) == 2 and "Svar senest" in console.find_element(By.CSS_SELECTOR, "table.queue thead").text
        late = next(row for row in rows if old["caseReference"] in row.text)
        assert late.find_element(By.CSS_SELECTOR, ".mark-passed").text.startswith("Overskredet")
        fresh = next(row for row in rows if new["caseReference"] in row.text)
        assert not fresh.find_elements(By.CSS_SELECTOR, ".mark-passed")
        Select(console.find_element(By.NAME, "reply")).select_by_value("due")
        button(console, "Vis").click()
        wait(console, lambda d: [r.text for r in d.find_elements(By.CSS_SELECTOR, "table.queue tbody tr th a")] == [old["caseReference"]])
        assert_accessible(console, "queue filtered by reply")
        Select(console.find_element(By.NAME, "reply")).select_by_value("")
        Select(console.find_element(By.NAME, "sort")).select_by_value("reply_by")
        button(console, "Vis").click()
        wait(console, lambda d: len(d.find_elements(By.CSS_SELECTOR, "table.queue tbody tr th a")) == 2)
        assert console.find_elements(By.CSS_SELECTOR, "table.queue tbody tr th a")[0].text == old["caseReference"]
        shoot(console, "staff-queue-reply-by")
    finally:
        console.quit()
        server.stop()

"""Where the tests' alerts arrive: an SMTP server (aiosmtpd) that msmtp delivers to, and a
webhook receiver, both on loopback and started by the test."""
import email
import email.policy
import hashlib
import hmac
import http.server
import json
import os
import secrets
import shutil
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

from conftest import free_port


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps every message it accepts."""

    def __init__(self):
        self.messages = []
        self.port = free_port()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
                sink.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": parsed})
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def start(self) -> "SmtpSink":
        self.controller.start()
        return self

    def stop(self):
        if self.controller.loop.is_running():
            self.controller.stop()

    def wait(self, count: int = 1, timeout: float = 20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.messages) < count:
            time.sleep(0.05)
        assert len(self.messages) >= count, f"{len(self.messages)} of {count} mails arrived"
        return self.messages


class WebhookSink:
    """An HTTP server on 127.0.0.1 that keeps every POST (headers and body) and answers 503 to
    the first `failures` of them."""

    def __init__(self, failures: int = 0):
        self.requests = []
        self.failures = failures
        self.secret = secrets.token_hex(32)
        sink = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                sink.requests.append({"headers": dict(self.headers), "body": body, "path": self.path})
                failing = sink.failures > 0
                sink.failures -= 1 if failing else 0
                self.send_response(503 if failing else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]

    def start(self) -> "WebhookSink":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/team"

    def verified(self, request) -> dict:
        """The JSON body of `request` once its signature checks out with the shared secret."""
        timestamp = request["headers"]["X-Indgang-Timestamp"]
        expected = hmac.new(self.secret.encode(), timestamp.encode() + b"." + request["body"], hashlib.sha256).hexdigest()
        assert hmac.compare_digest(request["headers"]["X-Indgang-Signature"], "sha256=" + expected)
        assert abs(time.time() - int(timestamp)) < 300
        return json.loads(request["body"])

    def wait(self, count: int = 1, timeout: float = 20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.requests) < count:
            time.sleep(0.05)
        assert len(self.requests) >= count, f"{len(self.requests)} of {count} webhook calls arrived"
        return self.requests


def alert_arguments(folder: Path, smtp: SmtpSink, webhook: WebhookSink, digest_minutes: str = "0.02") -> list:
    """The `serve` flags that send alerts to both sinks: msmtp, run through a small sendmail
    wrapper with its own configuration, delivers to the SMTP sink."""
    folder.mkdir(parents=True, exist_ok=True)
    msmtp = shutil.which("msmtp")
    assert msmtp, "msmtp is not installed (make installs it with the test packages)"
    config = folder / "msmtprc"
    config.write_text(f"account default\nhost 127.0.0.1\nport {smtp.port}\nauth off\ntls off\nfrom indgang@test.example\n")
    os.chmod(config, 0o600)
    sendmail = folder / "sendmail"
    sendmail.write_text(f"#!/bin/sh\nexec {msmtp} -C {config} \"$@\"\n")
    os.chmod(sendmail, 0o755)
    secret = folder / "webhook.secret"
    secret.write_text(webhook.secret + "\n")
    os.chmod(secret, 0o600)
    return ["--alert-webhook-url", webhook.url, "--alert-webhook-secret-file", str(secret),
            "--alert-mail-to", "team@test.example", "--alert-mail-from", "indgang@test.example",
            "--alert-sendmail", str(sendmail), "--alert-check-seconds", "0.2", "--alert-digest-minutes", digest_minutes,
            "--alert-retry-seconds", "0.3", "--alert-language", "en"]

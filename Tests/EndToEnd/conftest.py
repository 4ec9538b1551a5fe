"""Fixtures that run the real `indgang` binary: as a command, and as a live server on 127.0.0.1."""

import base64
import hashlib
import hmac
import json
import os
import struct
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "Docs" / "examples" / "submission.json"


@pytest.fixture(scope="session")
def binary() -> str:
    path = os.environ.get("INDGANG_BIN")
    if not path:
        bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
        path = str(Path(bin_dir.stdout.strip()) / "indgang")
    assert Path(path).exists(), f"{path} does not exist: run `swift build --product indgang` first"
    return path


def totp(secret: str, step: int) -> str:
    """The RFC 6238 code of `secret` (the base 32 key an authenticator app is given) for `step`."""
    key = secret.replace(" ", "")
    mac = hmac.new(base64.b32decode(key + "=" * (-len(key) % 8)), struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return f"{(struct.unpack('>I', mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class SecondFactor:
    """A staff member's authenticator app, as a test holds it: the secret, the recovery codes,
    and the last step used (the server takes each code once, one step either side of now)."""

    def __init__(self, secret: str, recovery_codes: list):
        self.secret = secret
        self.recovery_codes = list(recovery_codes)
        self.last_step = None

    def code(self) -> str:
        """A code the server has not seen: this step's or the next (within its drift), else a recovery code."""
        now = int(time.time() // 30)
        step = now if self.last_step is None or self.last_step < now else self.last_step + 1
        if step > now + 1:
            return self.recovery_codes.pop()
        self.last_step = step
        return totp(self.secret, step)


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def well_formed_token(rng) -> str:
    """A random token whose check symbol is right (Token.swift's rule), so the service looks it
    up instead of refusing it as mistyped: what a guess at someone's code costs."""
    symbols = [rng.randrange(32) for _ in range(19)]
    total = sum((symbol * 2) // 32 + (symbol * 2) % 32 if offset % 2 == 0 else symbol
                for offset, symbol in enumerate(reversed(symbols)))
    text = "".join(CROCKFORD[symbol] for symbol in symbols + [(32 - total % 32) % 32])
    return "-".join(text[start:start + 4] for start in range(0, 20, 4))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One `indgang serve` process with its own data folder."""

    def __init__(self, binary: str, data_dir: Path):
        self.binary = binary
        self.data_dir = data_dir
        self.port = free_port()
        self.staff_port = free_port()
        self.process = None
        self.output = ""
        #: The authenticator app of each account `add_staff` set up, by username.
        self.second_factors = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def staff_base(self) -> str:
        return f"http://127.0.0.1:{self.staff_port}"

    def start(self, *extra: str, scale: str = "1000") -> "Server":
        self.log = open(self.data_dir.parent / f"server-{self.port}.log", "a+")
        self.process = subprocess.Popen(
            # Every test request comes from 127.0.0.1: the rate limits have tests of their own
            # (test_flood.py runs with the standard limits, scale 1).
            [self.binary, "serve", "--port", str(self.port), "--staff-port", str(self.staff_port), "--data-dir", str(self.data_dir),
             "--public-dir", str(ROOT / "Public"), "--rate-limit-scale", scale, *extra],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}: {self.read_log()}")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=1) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        raise AssertionError("server did not answer /health within 30 s")

    def stop(self, sig=signal.SIGTERM, timeout=15) -> int:
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)

    def read_log(self) -> str:
        self.log.flush()
        return (self.data_dir.parent / f"server-{self.port}.log").read_text()

    def request(self, method: str, path: str, body=None, headers=None, base=None):
        """(status, headers, parsed JSON or text) of one request, to the citizen side unless `base` says otherwise."""
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        request = urllib.request.Request((base or self.base) + path, data=data, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(response.headers), _parse(response.read())
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), _parse(error.read())


    def staff(self, method: str, path: str, body=None, token=None):
        """A request to the staff API, as the holder of `token`."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.request(method, path, body, headers, base=self.staff_base)

    def setup_call(self, method: str, path: str, body=None, token=None):
        """A staff API request from another loopback address (the new colleague's own machine),
        so setting an account up does not use the login budget of the tests' browser."""
        import http.client
        connection = http.client.HTTPConnection("127.0.0.1", self.staff_port, timeout=30, source_address=("127.0.9.9", 0))
        headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
        connection.request(method, path, None if body is None else json.dumps(body), headers)
        response = connection.getresponse()
        raw = response.read()
        connection.close()
        return response.status, None, _parse(raw)

    def add_staff(self, username: str, admin: bool = False) -> str:
        """Creates an account with the CLI, chooses a password, logs in and sets up two-step
        verification, as the first login goes (from another address than the tests' browser);
        returns the bearer token."""
        command = [self.binary, "staff", "add", username, "--data-dir", str(self.data_dir)] + (["--admin"] if admin else [])
        created = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
        one_time = created.stdout.split()[-1]
        status, _, session = self.setup_call("POST", "/staff/v1/session", {"username": username, "password": one_time})
        assert status == 201, session
        status, _, _ = self.setup_call("POST", "/staff/v1/password", {"currentPassword": one_time, "newPassword": "a long and new password"},
                                  session["token"])
        assert status == 200
        status, _, session = self.setup_call("POST", "/staff/v1/session", {"username": username, "password": "a long and new password"})
        assert status == 201 and session["mustSetUpSecondFactor"], session
        token = session["token"]
        status, _, setup = self.setup_call("POST", "/staff/v1/session/second-factor", token=token)
        assert status == 200, setup
        factor = SecondFactor(setup["secret"], [])
        status, _, confirmed = self.setup_call("POST", "/staff/v1/session/second-factor/confirm", {"code": factor.code()}, token)
        assert status == 200, confirmed
        factor.recovery_codes = confirmed["recoveryCodes"]
        self.second_factors[username] = factor
        return token

    def code(self, username: str) -> str:
        """A fresh code from the authenticator app of `username` (set up by `add_staff`)."""
        return self.second_factors[username].code()

    def log_in(self, username: str, password: str = "a long and new password") -> str:
        """Logs `username` in again with password and code; returns the bearer token."""
        status, _, session = self.staff("POST", "/staff/v1/session", {"username": username, "password": password, "code": self.code(username)})
        assert status == 201, session
        return session["token"]


#: Lines the tests want printed at the end of the run (the flood test's success rates).
REPORT: list = []


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("measured")
        for line in REPORT:
            terminalreporter.write_line(line)


def _parse(raw: bytes):
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode(errors="replace")


@pytest.fixture
def server(binary, tmp_path):
    running = Server(binary, tmp_path / "data").start()
    yield running
    running.stop()


@pytest.fixture
def example() -> dict:
    return json.loads(EXAMPLE.read_text())

"""The release binary started under valgrind's callgrind, for `instructions.py` (instructions per
request) and `code_layout.py` (the functions start-up and the common requests run).

valgrind 3.19 (Debian 12's) cannot read the DWARF 5 debug information of Swift 6.3 binaries, so
a copy without it is run; the symbols stay, so the dumps name the functions."""

import contextlib
import http.client
import http.cookiejar
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def callgrind_control(pid: int, *arguments: str) -> None:
    subprocess.run(["callgrind_control", *arguments, str(pid)], check=True, capture_output=True, timeout=120)


def browser_cookies(port: int) -> str:
    """The cookies a browser holds after opening the questionnaire: its draft and the anti-forgery token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"http://127.0.0.1:{port}/questionnaire", timeout=60).read()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar if cookie.name.startswith("indgang_"))


@contextlib.contextmanager
def server_under_callgrind(binary: str, work: str, dump: str, valgrind_options: tuple[str, ...] = ()):
    """Starts a copy of `binary` (without its debug information, in `work`) under callgrind on
    a port and a data folder of its own, waits for its first answered /health, and yields
    `(server, port, connection)`: the process and a keep-alive connection to it. On leaving, the
    server is stopped (callgrind writes its last dump to `dump` then) and the copy removed."""
    counted = os.path.join(work, "indgang-without-debug-information")
    shutil.copyfile(binary, counted)
    os.chmod(counted, 0o700)
    subprocess.run(["objcopy", "--strip-debug", counted], check=True)
    store = tempfile.mkdtemp(dir=work)
    port, staff_port = free_port(), free_port()
    server = subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={dump}", *valgrind_options, counted, "serve",
         "--port", str(port), "--staff-port", str(staff_port), "--data-dir", store, "--durability", "full",
         "--log-level", "error", "--rate-limit-scale", "1000000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", "/health")
                connection.getresponse().read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the server did not start under valgrind:\n" + server.stderr.read().decode()[-3000:])
                time.sleep(1)
        yield server, port, connection
        connection.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(store, ignore_errors=True)
        os.remove(counted)


def request_kinds(port: int, connection: http.client.HTTPConnection) -> list[tuple]:
    """The requests measured, each as (name, method, path, body, headers, the status every answer
    must have, None for any 2xx): a submission, the start page, a questionnaire step with a
    browser's cookies, /health, a case's status by its token, and by a token nobody has."""
    with open("Docs/examples/submission.json", "rb") as file:
        submission = file.read()
    cookies = browser_cookies(port)
    json_body = {"Content-Type": "application/json"}
    connection.request("POST", "/api/v1/submissions", body=submission, headers=json_body)
    token = json.loads(connection.getresponse().read())["token"]
    return [
        ("submission", "POST", "/api/v1/submissions", submission, json_body, None),
        ("startPage", "GET", "/", None, {}, None),
        ("questionnaireStep", "GET", "/questionnaire/2", None, {"Cookie": cookies}, None),
        ("health", "GET", "/health", None, {}, None),
        # A person back with their code, and a guess at one (the unknown-token flood's request).
        ("caseStatus", "POST", "/api/v1/status", json.dumps({"token": token}).encode(), json_body, None),
        ("unknownToken", "POST", "/api/v1/status", b'{"token": "7KQ4-M2XP-9HTA-C3VW-8DRJ"}', json_body, 404),
    ]

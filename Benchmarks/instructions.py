#!/usr/bin/env python3
"""Instructions the server executes per request, counted by valgrind's callgrind:
`instructions.py BINARY DATA_DIR N [OUT_DIR]` starts BINARY under callgrind on a port of its own,
warms it up, and for each kind of request (a submission, the start page, a questionnaire step,
/health, a case's status by its token, and by a token nobody has) zeroes the counters, sends N requests one after another on one keep-alive connection and
dumps them. Prints one JSON line with instructions per request.

Counting instructions is repeatable where time is not: the same binary and input give the same
count within a fraction of a percent, whatever else the machine is doing. The counts include
what the server's other threads did meanwhile (the event loops waiting, the writer), as a
request costs them too. valgrind 3.19 (Debian 12's) cannot read the DWARF 5 debug information of
Swift 6.3 binaries, so a copy without it is counted; the symbols stay, so the dumps can be read
with `callgrind_annotate OUT_DIR/callgrind.out.*` to see where the instructions go."""

import http.client
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from cpu_per_request import send_all


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def callgrind_control(pid: int, *arguments: str) -> None:
    subprocess.run(["callgrind_control", *arguments, str(pid)], check=True, capture_output=True, timeout=120)


def total_of(dump: str) -> int:
    with open(dump) as file:
        for line in file:
            if line.startswith("totals:") or line.startswith("summary:"):
                return int(line.split()[1])
    raise SystemExit(f"{dump} holds no totals")


def browser_cookies(port: int) -> str:
    """The cookies a browser holds after opening the questionnaire: its draft and the anti-forgery token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"http://127.0.0.1:{port}/questionnaire", timeout=60).read()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar if cookie.name.startswith("indgang_"))


def main():
    binary, data, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    out = sys.argv[4] if len(sys.argv) > 4 else tempfile.mkdtemp(dir=data)
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        if old.startswith("callgrind.out"):
            os.remove(os.path.join(out, old))
    counted = os.path.join(data, "indgang-without-debug-information")
    shutil.copyfile(binary, counted)
    os.chmod(counted, 0o700)
    subprocess.run(["objcopy", "--strip-debug", counted], check=True)
    store = tempfile.mkdtemp(dir=data)
    port, staff_port = free_port(), free_port()
    server = subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}/callgrind.out", counted, "serve",
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
        with open("Docs/examples/submission.json", "rb") as file:
            submission = file.read()
        cookies = browser_cookies(port)
        json_body = {"Content-Type": "application/json"}
        connection.request("POST", "/api/v1/submissions", body=submission, headers=json_body)
        token = json.loads(connection.getresponse().read())["token"]
        # Each kind: name, method, path, body, headers, the status every answer must have (None: any 2xx).
        kinds = [
            ("submission", "POST", "/api/v1/submissions", submission, json_body, None),
            ("startPage", "GET", "/", None, {}, None),
            ("questionnaireStep", "GET", "/questionnaire/2", None, {"Cookie": cookies}, None),
            ("health", "GET", "/health", None, {}, None),
            # A person back with their code, and a guess at one (the unknown-token flood's request).
            ("caseStatus", "POST", "/api/v1/status", json.dumps({"token": token}).encode(), json_body, None),
            ("unknownToken", "POST", "/api/v1/status", b'{"token": "7KQ4-M2XP-9HTA-C3VW-8DRJ"}', json_body, 404),
        ]
        result = {"requests": count}
        for name, method, path, body, headers, expected in kinds:
            for _ in range(5):  # warm up: caches filled, templates and statements prepared
                connection.request(method, path, body=body, headers=headers)
                connection.getresponse().read()
            callgrind_control(server.pid, "--zero")
            send_all(connection, count, method, path, body, headers, expected)
            before = set(os.listdir(out))
            callgrind_control(server.pid, f"--dump={name}")
            dumps = [entry for entry in set(os.listdir(out)) - before if re.match(r"callgrind\.out\.\d+$", entry)]
            if len(dumps) != 1:
                raise SystemExit(f"expected one callgrind dump for {name}, found {dumps}")
            result[f"{name}Instructions"] = total_of(os.path.join(out, dumps[0])) // count
        connection.close()
        print(json.dumps(result))
    finally:
        server.terminate()
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(store, ignore_errors=True)
        os.remove(counted)


if __name__ == "__main__":
    main()

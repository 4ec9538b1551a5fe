"""A flood from thousands of loopback addresses (127.0.0.0/8) while people use the service.

The server runs with the standard limits (scale 1), a writer taken to do at most 200 commits a
second (so the general share of submissions is at most 20 a second on any machine) and a
questionnaire minimum of 2 seconds. The flood sends, from 3,000 addresses, what costs it least:
complete, valid submissions without a questionnaire key, empty and broken bodies, unknown
tokens, and login guesses at the staff port. Meanwhile people fetch the questionnaire (the JSON
API's key, or the page's hidden field), take their time, submit, look their case up and write;
a counsellor logs in from her own browser. Both success rates are printed at the end of the run
and written to .build/flood.json; people must all get through, the flood must not."""

import http.client
import json
import random
import re
import threading
import time
import urllib.parse
from pathlib import Path

from conftest import EXAMPLE, REPORT, ROOT, Server, well_formed_token

SECONDS = 12
ANSWERS = json.loads(EXAMPLE.read_text())


class Client:
    """HTTP/1.1 from one loopback address, a new connection per request (as many phones would)."""

    def __init__(self, address: str, port: int):
        self.address, self.port = address, port

    def send(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15, source_address=(self.address, 0))
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        except OSError:
            return 0, b""
        finally:
            connection.close()

    def json(self, method, path, value, headers=None):
        status, raw = self.send(method, path, json.dumps(value).encode(), {"Content-Type": "application/json", **(headers or {})})
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, None


def form_fields():
    """Every answer of the example, as the pages post them (each step takes its own)."""
    fields = []
    for item, value in sorted(ANSWERS["answers"].items()):
        if isinstance(value, list):
            fields += [(item, "")] + [(item, option) for option in value]
        else:
            fields.append((item, str(value)))
    # The pages' own question: which drugs, those with days.
    used = [name[len("drug.days."):] for name, value in ANSWERS["answers"].items() if name.startswith("drug.days.") and value]
    return fields + [("page.drugs_used", "")] + [("page.drugs_used", drug) for drug in used] + [("action", "next"), ("lang", "en")]


class Tally:
    def __init__(self):
        self.lock, self.counts = threading.Lock(), {}

    def add(self, what: str, ok: bool):
        with self.lock:
            sent, passed = self.counts.get(what, (0, 0))
            self.counts[what] = (sent + 1, passed + (1 if ok else 0))

    def rate(self, what: str) -> float:
        sent, passed = self.counts.get(what, (0, 0))
        return passed / sent if sent else 0.0


def test_people_get_through_while_thousands_of_addresses_flood(binary, tmp_path):
    server = Server(binary, tmp_path / "data").start("--write-capacity", "200", "--form-minimum-seconds", "2", scale="1")
    admin = server.add_staff("anna", admin=True)
    counsellor_browser = Client("127.30.0.1", server.staff_port)
    status, first = counsellor_browser.json("POST", "/staff/v1/session", {"username": "anna", "password": "a long and new password", "code": server.code("anna")})
    assert status == 201
    device = first["device"]

    tally, stop = Tally(), threading.Event()
    addresses = [f"127.10.{n // 250}.{n % 250 + 1}" for n in range(3_000)]
    body = json.dumps(ANSWERS).encode()

    def flood(worker: int):
        rng = random.Random(worker)
        while not stop.is_set():
            client = Client(rng.choice(addresses), server.port)
            kind = rng.random()
            if kind < 0.55:
                status, _ = client.send("POST", "/api/v1/submissions", body, {"Content-Type": "application/json"})
                tally.add("flood submission", status == 201)
            elif kind < 0.75:
                status, _ = client.send("POST", "/api/v1/submissions", rng.choice([b"", b"{", b"[]", b"{}"]),
                                        {"Content-Type": "application/json"})
                tally.add("flood broken body", status < 400)
            elif kind < 0.95:
                status, _ = client.json("POST", "/api/v1/status", {"token": well_formed_token(rng)})
                tally.add("flood unknown token", status == 200)
            else:
                status, _ = Client(client.address, server.staff_port).json(
                    "POST", "/staff/v1/session", {"username": f"guess{rng.randrange(100)}", "password": "guess"})
                tally.add("flood login guess", status == 201)

    def person(number: int):
        client = Client(f"127.20.{number // 250}.{number % 250 + 1}", server.port)
        if number % 2:
            status, questionnaire = client.json("GET", "/api/v1/questionnaire", None)
            key = questionnaire["submissionKey"] if status == 200 else None
            time.sleep(2.5)  # reading and answering
            status, receipt = client.json("POST", "/api/v1/submissions", ANSWERS, {"Idempotency-Key": key} if key else {})
            tally.add("person submits (app)", status == 201)
            token = receipt.get("token") if status == 201 and receipt else None
        else:
            # The pages: a browser that keeps the sealed draft cookie and follows the redirects.
            jar = {}

            def page(method, path, fields=None):
                nonlocal jar
                for _ in range(5):
                    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}
                    body = None
                    if fields is not None:
                        headers.update({"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"})
                        body = urllib.parse.urlencode(fields).encode()
                    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15, source_address=(client.address, 0))
                    try:
                        connection.request(method, path, body=body, headers=headers)
                        response = connection.getresponse()
                        for header, value in response.getheaders():
                            if header.lower() == "set-cookie":
                                name, _, rest = value.partition("=")
                                jar[name] = rest.split(";")[0]
                                if "Max-Age=0" in value:
                                    jar.pop(name)
                        status, text = response.status, response.read().decode()
                        location = response.getheader("Location")
                    except OSError:
                        return 0, "", path
                    finally:
                        connection.close()
                    if status != 303:
                        return status, text, path
                    method, path, fields = "GET", location.split("#")[0], None
                return status, text, path

            status, text, path = page("GET", "/questionnaire?lang=en")
            time.sleep(2.5)  # reading and answering
            while path.startswith("/questionnaire/") and path[len("/questionnaire/"):].isdigit():
                status, text, path = page("POST", path, form_fields())
            status, text, path = page("POST", "/questionnaire/send", [("note", "")])
            shown = re.search(r'class="token"[^>]*>([^<]+)<', text)
            tally.add("person submits (pages)", status == 200 and shown is not None)
            token = shown.group(1) if status == 200 and shown else None
        if token:
            status, _ = client.json("POST", "/api/v1/status", {"token": token})
            tally.add("person looks up the case", status == 200)
            status, _ = client.json("POST", "/api/v1/messages", {"token": token, "body": "Can we talk on Thursday?"})
            tally.add("person writes", status == 201)

    workers = [threading.Thread(target=flood, args=(n,)) for n in range(24)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    time.sleep(1)  # the flood is in full swing
    people = []
    for number in range(16):
        thread = threading.Thread(target=person, args=(number,))
        thread.start()
        people.append(thread)
        time.sleep(0.5)
    status, _ = counsellor_browser.json("POST", "/staff/v1/session",
                                        {"username": "anna", "password": "a long and new password", "code": server.code("anna"), "device": device})
    tally.add("counsellor logs in (own browser)", status == 201)
    for thread in people:
        thread.join()
    time.sleep(max(0.0, SECONDS - (time.monotonic() - started)))
    stop.set()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    _, _, limits = server.staff("GET", "/staff/v1/limits", token=admin)
    server.stop()

    report = {what: {"sent": sent, "succeeded": passed, "rate": round(passed / sent, 3)}
              for what, (sent, passed) in sorted(tally.counts.items())}
    report["seconds"] = round(elapsed, 1)
    report["writes"] = next(r for r in limits["resources"] if r["resource"] == "writes")
    (ROOT / ".build").mkdir(exist_ok=True)
    (ROOT / ".build" / "flood.json").write_text(json.dumps(report, indent=2))
    REPORT.append(f"flood for {elapsed:.0f} s from {len(addresses)} loopback addresses, 24 workers:")
    for what, (sent, passed) in sorted(tally.counts.items()):
        REPORT.append(f"  {what:34} {passed:6} of {sent:6} succeeded ({passed / sent:.0%})")

    for what in ["person submits (app)", "person submits (pages)", "person looks up the case", "person writes",
                 "counsellor logs in (own browser)"]:
        assert tally.rate(what) == 1.0, (what, report)
    flood_sent, flood_stored = tally.counts["flood submission"]
    # The general share: at most 20 a second (40 at once), whatever the flood sends.
    assert flood_stored <= 40 + 20 * elapsed, report
    assert flood_stored < flood_sent / 2, report
    assert tally.rate("flood broken body") == 0.0

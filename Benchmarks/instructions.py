#!/usr/bin/env python3
"""Instructions the server executes per request, counted by valgrind's callgrind:
`instructions.py BINARY DATA_DIR N [OUT_DIR]` starts BINARY under callgrind on a port of its own,
warms it up, and for each kind of request (a submission, the start page, a questionnaire step,
/health, a case's status by its token, and by a token nobody has) zeroes the counters, sends N
requests one after another on one keep-alive connection and dumps them. Prints one JSON line
with instructions per request.

Counting instructions is repeatable where time is not: the same binary and input give the same
count within a fraction of a percent, whatever else the machine is doing. The counts include
what the server's other threads did meanwhile (the event loops waiting, the writer), as a
request costs them too. The dumps name the functions (`under_callgrind.py`): read them with
`callgrind_annotate OUT_DIR/callgrind.out.*` to see where the instructions go."""

import json
import os
import re
import sys
import tempfile

from cpu_per_request import send_all
from under_callgrind import callgrind_control, request_kinds, server_under_callgrind


def total_of(dump: str) -> int:
    with open(dump) as file:
        for line in file:
            if line.startswith("totals:") or line.startswith("summary:"):
                return int(line.split()[1])
    raise SystemExit(f"{dump} holds no totals")


def main():
    binary, data, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    out = sys.argv[4] if len(sys.argv) > 4 else tempfile.mkdtemp(dir=data)
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        if old.startswith("callgrind.out"):
            os.remove(os.path.join(out, old))
    with server_under_callgrind(binary, data, f"{out}/callgrind.out") as (server, port, connection):
        result = {"requests": count}
        for name, method, path, body, headers, expected in request_kinds(port, connection):
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
    print(json.dumps(result))


if __name__ == "__main__":
    main()

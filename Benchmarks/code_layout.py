#!/usr/bin/env python3
"""The functions of the release binary that start-up and the common requests run, for the linker
to place side by side (`make release`): `code_layout.py BINARY OUT_FILE` starts BINARY under
valgrind's callgrind on a data folder of its own, dumps what ran up to the first answered
/health and a quiet second, sends each kind of request `instructions.py` counts five times, and
writes the names (as the linker knows them, not demangled) of the binary's functions, one a
line, to OUT_FILE: those start-up ran first, then those only the requests ran.

Why: a fault on a page of the binary maps its neighbours too (64 KB around it on Linux 6.18),
so resident memory follows how widely the code that runs is spread over the binary's 15 MB of
code, not how much of it runs (Docs/performance.md, Memory). lld places the listed functions
first, in this order (`--symbol-ordering-file`), after those without a name, which callgrind
shows only by their address (`Benchmarks/layout.ld`). A name the binary does not have is
skipped, so a list from other code costs memory, never correctness; `make release` writes it
anew from the binary it relinks."""

import os
import re
import sys
import tempfile
import time

from under_callgrind import callgrind_control, request_kinds, server_under_callgrind


def functions_in(dump: str, binary: str) -> list[str]:
    """The functions of `binary` in a callgrind dump written with --compress-strings=no, in the
    order the dump names them. A line `ob=` names the object the functions after it are in."""
    names: list[str] = []
    seen: set[str] = set()
    current_object = None
    with open(dump, errors="replace") as file:
        for line in file:
            if line.startswith("ob="):
                current_object = line[3:].strip()
            elif line.startswith("fn=") and current_object == binary:
                # callgrind marks a function's recursion levels as name'2, name'3
                name = re.sub(r"'\d+$", "", line[3:].strip())
                # a function without a name is shown by its address
                if name not in seen and not name.startswith("0x"):
                    seen.add(name)
                    names.append(name)
    return names


def main():
    binary, out_file = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        dump = os.path.join(work, "callgrind.out")
        options = ("--demangle=no", "--compress-strings=no", "--compress-pos=no")
        with server_under_callgrind(binary, work, dump, options) as (server, port, connection):
            time.sleep(1)
            callgrind_control(server.pid, "--dump=startup")
            for _, method, path, body, headers, _ in request_kinds(port, connection):
                for _ in range(5):
                    connection.request(method, path, body=body, headers=headers)
                    connection.getresponse().read()
        counted = os.path.join(work, "indgang-without-debug-information")
        startup = functions_in(f"{dump}.1", counted)
        seen = set(startup)
        requests = [name for name in functions_in(dump, counted) if name not in seen]
    if len(startup) < 1000 or len(requests) < 100:
        raise SystemExit(f"only {len(startup)} functions ran at start-up and {len(requests)} more for the requests: are the dumps complete?")
    with open(out_file, "w") as file:
        file.write("".join(name + "\n" for name in startup + requests))
    print(f"{len(startup)} functions of start-up and {len(requests)} of the requests written to {out_file}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Resident memory of a process: `rss.py PID` prints its VmRSS in MB now; `rss.py PID SECONDS`
samples it every 0.1 s for that long and prints the highest; `rss.py PID SECONDS idle N PORT`
first holds N idle TCP connections open to 127.0.0.1:PORT for the whole time. One JSON line."""

import json
import socket
import sys
import time


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def main():
    pid = int(sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 0
    held = []
    if len(sys.argv) > 5 and sys.argv[3] == "idle":
        for _ in range(int(sys.argv[4])):
            held.append(socket.create_connection(("127.0.0.1", int(sys.argv[5]))))
    highest = rss_mb(pid)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.1)
        highest = max(highest, rss_mb(pid))
    open_connections = len(held)
    for connection in held:
        connection.close()
    print(json.dumps({"rss_mb": round(highest, 1), "connections": open_connections}))


if __name__ == "__main__":
    main()

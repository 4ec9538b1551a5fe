"""Connections that say nothing are closed: a client cannot hold the listeners' file descriptors
by opening connections and staying silent, or by sending half a request head."""

import socket
import time

from conftest import Server


def closed(connection: socket.socket) -> bool:
    """True when the server has closed the connection (an orderly end or a reset)."""
    connection.settimeout(5)
    try:
        return connection.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def test_silent_and_half_sent_connections_are_closed_after_the_idle_timeout(binary, tmp_path):
    server = Server(binary, tmp_path / "data").start("--idle-timeout", "2")
    try:
        silent = [socket.create_connection(("127.0.0.1", port)) for port in [server.port] * 40 + [server.staff_port] * 10]
        half = socket.create_connection(("127.0.0.1", server.port))
        half.sendall(b"POST /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl")  # the head never ends
        kept_alive = socket.create_connection(("127.0.0.1", server.port))
        kept_alive.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert kept_alive.recv(4096).startswith(b"HTTP/1.1 200")
        time.sleep(4)
        assert all(closed(connection) for connection in silent), "a silent connection stayed open"
        assert closed(half), "half a request head held the connection"
        assert closed(kept_alive), "an idle kept-alive connection stayed open"
        assert server.request("GET", "/health")[0] == 200
        assert server.request("GET", "/", base=server.staff_base)[0] == 200
    finally:
        server.stop()


def test_the_idle_timeout_must_be_sensible(binary, tmp_path):
    import subprocess
    result = subprocess.run([binary, "serve", "--idle-timeout", "0", "--data-dir", str(tmp_path / "d")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2 and "--idle-timeout must be between 1 and 3600 seconds." in result.stderr

"""Connections that say nothing are closed: a client cannot hold the listeners' file descriptors
by opening connections and staying silent, by sending half a request head, or by trickling a
body in a byte at a time."""

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


def test_a_body_that_trickles_in_gets_408_and_its_connection_closed(binary, tmp_path):
    """A byte every half second keeps the idle timeout from firing; the body deadline does not
    wait for it, on either listener, and a body sent at a normal pace is unaffected."""
    server = Server(binary, tmp_path / "data").start("--body-timeout", "2")
    try:
        for port, path, kind in [
            (server.port, "/api/v1/submissions", "application/json"),
            (server.port, "/token", "application/x-www-form-urlencoded"),
            (server.staff_port, "/staff/v1/session", "application/json"),
        ]:
            connection = socket.create_connection(("127.0.0.1", port))
            connection.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {kind}\r\nContent-Length: 100\r\n\r\n".encode())
            connection.settimeout(0.5)
            started, answer, ended = time.monotonic(), b"", None
            while time.monotonic() - started < 10:
                try:
                    chunk = connection.recv(4096)
                except socket.timeout:
                    connection.sendall(b"a")
                    continue
                except ConnectionResetError:
                    chunk = b""
                if not chunk:
                    ended = time.monotonic() - started
                    break
                answer += chunk
            connection.close()
            assert answer.startswith(b"HTTP/1.1 408"), (path, answer[:80])
            assert ended is not None and ended < 5, f"{path}: the trickling connection stayed open"
        status, _, body = server.request("POST", "/api/v1/status", {"token": "7KQ4"})
        assert status == 422, body
    finally:
        server.stop()


def test_the_idle_timeout_must_be_sensible(binary, tmp_path):
    import subprocess
    result = subprocess.run([binary, "serve", "--idle-timeout", "0", "--data-dir", str(tmp_path / "d")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2 and "--idle-timeout must be between 1 and 3600 seconds." in result.stderr
    result = subprocess.run([binary, "serve", "--body-timeout", "0", "--data-dir", str(tmp_path / "d")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2 and "--body-timeout must be between 1 and 3600 seconds." in result.stderr


def test_a_request_cut_off_mid_body_leaves_no_log_line(binary, tmp_path):
    """A phone that loses signal half-way through a form: no line in the log names the page or
    the time of the visit."""
    server = Server(binary, tmp_path / "data").start()
    try:
        before = server.read_log()
        for path, kind, partial in [
            ("/questionnaire/3", "application/x-www-form-urlencoded", b"action=next&drug.days.cocaine=1"),
            ("/api/v1/submissions", "application/json", b'{"questionnaire": "asi-sr-1", "answers": {'),
            ("/token", "application/x-www-form-urlencoded", b"token=7KQ4"),
            ("/api/v1/messages", "application/json", b'{"token": "7KQ4'),
        ]:
            connection = socket.create_connection(("127.0.0.1", server.port))
            connection.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {kind}\r\nContent-Length: 5000\r\n\r\n".encode()
                               + partial)
            time.sleep(0.2)
            connection.close()
        time.sleep(1)
        assert server.request("GET", "/health")[0] == 200
        added = server.read_log()[len(before):]
        for word in ("/questionnaire", "/api/", "/token", "endpoint", "request.id"):
            assert word not in added, added
    finally:
        server.stop()

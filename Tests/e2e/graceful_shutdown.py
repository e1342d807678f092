"""Graceful shutdown: a request is in flight (its body half sent) when the server gets SIGTERM; the server must stop
taking new connections, still answer that request in full, and then exit with status 0 on its own.

Usage: python graceful_shutdown.py TOWNHALL_BINARY
"""
import os
import signal
import socket
import subprocess
import sys
import time

from townhall_http import seeded_server

BINARY = os.path.abspath(sys.argv[1])


def main():
    problems = []
    with seeded_server(BINARY, "shutdown", log=True) as (server, _, port):
        body = "email=resident%40example.test&password=" + "p" * 2000 + "&_csrf=x"
        in_flight = socket.create_connection(("127.0.0.1", port), timeout=10)
        in_flight.sendall((f"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                           f"Content-Length: {len(body)}\r\n\r\n" + body[:100]).encode())
        time.sleep(0.5)
        server.send_signal(signal.SIGTERM)
        time.sleep(1.0)
        if server.poll() is not None:
            problems.append(f"the server exited (status {server.returncode}) with a request still in flight")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            problems.append("a new connection was accepted after SIGTERM")
        except OSError:
            pass
        in_flight.sendall(body[100:].encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = in_flight.recv(65536)
            if not chunk:
                break
            answer += chunk
        status_line = answer.split(b"\r\n", 1)[0].decode(errors="replace")
        # The form's CSRF cookie is missing, so the complete answer is the "form could not be sent" page.
        if not status_line.startswith("HTTP/1.1 403"):
            problems.append(f"the in-flight request was not answered: {status_line!r}")
        in_flight.close()
        try:
            code = server.wait(timeout=15)
            if code != 0:
                problems.append(f"the server exited with status {code}")
        except subprocess.TimeoutExpired:
            problems.append("the server did not exit within 15 s of SIGTERM")
            server.kill()
        log = server.stdout.read() if server.stdout else ""
    if problems:
        print("graceful shutdown FAILED:\n  " + "\n  ".join(problems) + "\nserver log:\n" + log[-2000:])
        sys.exit(1)
    print(f"graceful shutdown: the request in flight at SIGTERM was answered ({status_line}), new connections were "
          "refused, the server exited with status 0")


if __name__ == "__main__":
    main()

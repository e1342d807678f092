"""Slow and half-open connections (issue 14.7): the server closes a connection that says nothing, or trickles a
request head byte by byte, once the idle timeout has passed, and answers everyone else meanwhile.

Starts its own server with TOWNHALL_IDLE_TIMEOUT=2, opens 200 connections (100 silent, 100 sending one byte of
a request head per second), checks /healthz answers while they are open, and that every one of them has been
closed by the server within the timeout plus a margin, while /healthz keeps answering each second.

Usage: python slow_connections.py TOWNHALL_BINARY
"""
import os
import socket
import sys
import time

from townhall_http import Client, finish, seeded_server

BINARY = os.path.abspath(sys.argv[1])
TIMEOUT = 2
COUNT = 200


def closed_by_server(connection):
    """True when the server has closed its end: a read returns no bytes (or the connection was reset)."""
    try:
        connection.setblocking(False)
        return connection.recv(1024) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def main():
    problems = []
    with seeded_server(BINARY, "slow", {"TOWNHALL_IDLE_TIMEOUT": str(TIMEOUT)}) as (server, base, port):
        started = time.monotonic()
        silent = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(COUNT // 2)]
        head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 64
        trickling = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(COUNT // 2)]
        health = Client(base)
        if health.get("/healthz").status != 200:
            problems.append("/healthz did not answer with 200 slow connections open")
        open_ones = silent + trickling
        position = 0
        while open_ones and time.monotonic() - started < TIMEOUT + 6:
            for connection in trickling:
                if connection in open_ones and position < len(head):
                    try:
                        connection.sendall(head[position:position + 1])
                    except OSError:
                        pass
            position += 1
            time.sleep(1)
            open_ones = [c for c in open_ones if not closed_by_server(c)]
            if health.get("/healthz").status != 200:
                problems.append("/healthz stopped answering")
                break
        took = time.monotonic() - started
        if open_ones:
            problems.append(f"{len(open_ones)} of {COUNT} slow connections still open after {took:.1f} s")
        for connection in silent + trickling:
            connection.close()
        if server.poll() is not None:
            problems.append(f"the server exited with status {server.returncode}")
        print(f"slow connections: {COUNT} opened (half silent, half trickling a request head), "
              f"{COUNT - len(open_ones)} closed by the server within {took:.1f} s at an idle timeout of {TIMEOUT} s; "
              f"{len(problems)} problems")
    finish(problems)


if __name__ == "__main__":
    main()

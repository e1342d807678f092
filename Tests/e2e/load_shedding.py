"""Load shedding (issue 15): with TOWNHALL_MAX_IN_FLIGHT requests already being worked on, the server answers the
next one 503 with Retry-After at once, keeps answering health checks, and serves normally again once they finish.

Starts its own server with TOWNHALL_MAX_IN_FLIGHT=2 and holds two requests in flight by sending the head of a
sign-in POST whose body has not arrived yet (the handler is waiting for it). A page is then refused with 503 and
Retry-After, quickly; /healthz still answers 200; once the two bodies are sent, both get their answers and the page
is served again.

Usage: python load_shedding.py TOWNHALL_BINARY
"""
import os
import socket
import sys
import time

from townhall_http import Client, finish, seeded_server

BINARY = os.path.abspath(sys.argv[1])
BODY = b"email=a%40b.test&password=x&_csrf=none"


def main():
    problems = []
    with seeded_server(BINARY, "shed", {"TOWNHALL_MAX_IN_FLIGHT": "2"}) as (_, base, port):
        client = Client(base)
        if client.get("/").status != 200:
            problems.append("the home page did not answer 200 before the test")
        held = []
        for _ in range(2):
            connection = socket.create_connection(("127.0.0.1", port), timeout=10)
            connection.sendall(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                               b"Content-Length: %d\r\n\r\n" % len(BODY))
            held.append(connection)
        time.sleep(0.5)
        started = time.monotonic()
        refused = client.get("/papers/1")
        took = (time.monotonic() - started) * 1000
        if refused.status != 503 or refused.headers.get("retry-after") != "1":
            problems.append(f"with 2 requests in flight a page answered {refused.status}, Retry-After {refused.headers.get('retry-after')!r}")
        if took > 500:
            problems.append(f"the 503 took {took:.0f} ms")
        if client.get("/healthz").status != 200:
            problems.append("/healthz was refused while busy")
        statuses = []
        for connection in held:
            connection.sendall(BODY)
            statuses.append(connection.recv(64).split(b" ")[1].decode())
            connection.close()
        if any(status.startswith("5") for status in statuses):
            problems.append(f"the held requests were answered {statuses}")
        again = client.get("/papers/1")
        if again.status != 200:
            problems.append(f"after the held requests finished a page answered {again.status}")
        print(f"load shedding: with 2 of 2 requests in flight, a page answered {refused.status} in {took:.0f} ms "
              f"(Retry-After {refused.headers.get('retry-after')}), /healthz answered; held requests answered {statuses}; "
              f"then the page answered {again.status}; {len(problems)} problems")
    finish(problems)


if __name__ == "__main__":
    main()

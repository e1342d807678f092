"""Abandoned requests (issue 15): a read whose client has gone is cancelled, not rendered for nobody; a write is
finished even so; a client that stays gets its answer.

Starts its own server and sends 64 requests for the all-meetings calendar, the meetings CSV and a search, each on a
connection closed as soon as the request is sent (as a reader who gives up does). The server must log them as 499
(client closed request) or 503 (refused at the costly-route limit before any work), but for at most an eighth that
finish before the close is seen; before this change all were rendered and logged 200, so this fails on the binary
before it; and a paper page asked for straight after must answer 200 within 100 ms. A sign-in form sent on a
connection closed at once must still be handled (logged with its own status, never 499), and an ordinary client
must get the calendar in full.

Usage: python abandoned_requests.py TOWNHALL_BINARY
"""
import os
import re
import socket
import sys
import time

from townhall_http import Client, finish, seeded_server

BINARY = os.path.abspath(sys.argv[1])
READS = ["/calendar.ics", "/data/meetings.csv", "/search?q=policing"]
BURST = 64
ALLOWED_RENDERS = BURST // 8


def send_and_close(port, request):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(request)


def main():
    problems = []
    with seeded_server(BINARY, "abandoned", log=True) as (server, base, port):
        client = Client(base)
        whole = client.get("/calendar.ics")
        if whole.status != 200 or not whole.text.rstrip().endswith("END:VCALENDAR"):
            problems.append(f"an ordinary client got the calendar with status {whole.status} and {len(whole.text)} characters")
        for n in range(BURST):
            path = READS[n % len(READS)]
            joiner = "&" if "?" in path else "?"
            send_and_close(port, f"GET {path}{joiner}abandon={n} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        body = "email=nobody%40example.test&password=wrong-password&_csrf=none"
        send_and_close(port, (f"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                              f"Content-Length: {len(body)}\r\n\r\n{body}").encode())
        time.sleep(0.05)
        started = time.monotonic()
        after = client.get("/papers/1")
        took = (time.monotonic() - started) * 1000
        if after.status != 200 or took > 100:
            problems.append(f"the paper page after the burst answered {after.status} in {took:.0f} ms")
        time.sleep(2)  # every abandoned read has been answered or cancelled, and logged, before the server stops
        server.terminate()
        log = server.communicate(timeout=30)[0]
    # Each abandoned read is either cancelled (499) or, with more than the costly-route limit already in flight,
    # refused before any work (503). Before this change every one was rendered (and logged 200, at debug level).
    abandoned = re.findall(r"abandon=\d+ status=499|path=/(?:calendar\.ics|data/meetings\.csv|search) status=499", log)
    refused = re.findall(r"path=/(?:calendar\.ics|data/meetings\.csv|search) status=503", log)
    # A read can also finish before the server has seen its client close: the close is read by the connection's
    # event loop, which may be busy with other connections for the few milliseconds a demo-sized render takes, and a
    # render under way is not interrupted. On 2 cores 0-4 of 64 were rendered in about 35 local runs (and 3 in one
    # CI run); an eighth is allowed, far from the 64 of a server that does not cancel.
    rendered = BURST - len(abandoned) - len(refused)
    if rendered > ALLOWED_RENDERS:
        problems.append(f"{rendered} of the {BURST} abandoned reads were rendered (not logged 499 or 503)")
    login = re.findall(r"method=POST .*path=/login status=(\d+)", log)
    if not login or "499" in login:
        problems.append(f"the sign-in sent on a closed connection was logged {login or 'not at all'}")
    print(f"abandoned requests: of {BURST} abandoned reads {len(abandoned)} cancelled (499) and {len(refused)} refused at the "
          f"costly-route limit (503), {rendered} rendered; the sign-in sent the same way "
          f"handled ({', '.join(login) or 'not logged'}), a paper page straight after answered {after.status} in {took:.0f} ms; "
          f"{len(problems)} problems")
    finish(problems)


if __name__ == "__main__":
    main()

"""Extreme numbers against the running server: every path parameter of every route in `townhall routes --json`,
common query parameters on every GET route, and numeric form fields on every form, as a resident, a clerk and a
provider. No answer may be a 5xx, and the same server process must still answer /healthz at the end (one trapped
overflow would kill it, and every request in flight with it).

Usage: number_fuzz.py BASE_URL TOWNHALL_BINARY SERVER_PID
Reads the clerk's and the provider's accounts from TOWNHALL_E2E_* like the journeys.
"""
import json
import os
import subprocess
import sys
import urllib.parse

from townhall_http import Client, forms

EXTREMES = [
    "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616", "-1", "0",
    "1e30", "1.5", "+1", " 7", "0x10", "NaN", "9" * 400, "\u0663", "\uff11\uff12", "-0",
]
QUERY_NAMES = [
    "page", "limit", "from", "to", "q", "body", "organisation", "state", "due", "created_since", "modified_since",
    "saved", "next", "changed", "after",
]
FORM_NUMBERS = [
    "basedOn", "organisation", "council", "declarant", "declarationItem", "paper", "paragraph", "position", "newDue",
    "start", "end", "date",
]
SAMPLE = {"slug": "harford-policing-board", "id": "1", "name": "x.csv", "file": "meetings.csv", "list": "meetings",
          "kind": "meetings", "token": "x", "witness": "1"}


def fill(pattern, override=None):
    parts = []
    for segment in pattern.split("/"):
        if segment.startswith(":"):
            name = segment[1:]
            value = override[1] if override and override[0] == len(parts) else SAMPLE.get(name, "1")
            parts.append(urllib.parse.quote(value, safe=""))
        else:
            parts.append(segment)
    return "/".join(parts)


def main():
    base, townhall, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
    routes = json.loads(subprocess.run([townhall, "routes", "--json"], check=True, capture_output=True, text=True).stdout)
    clients = {"public": Client(base), "operations": Client(base), "account": Client(base)}
    clerk = Client(base)
    clerk.sign_in(os.environ["TOWNHALL_E2E_EMAIL"], os.environ["TOWNHALL_E2E_PASSWORD"])
    provider = Client(base)
    provider.sign_in(os.environ["TOWNHALL_E2E_PROVIDER_EMAIL"], os.environ["TOWNHALL_E2E_PROVIDER_PASSWORD"])
    clients.update(clerk=clerk, provider=provider)
    tokens = {
        "clerk": next(f for f in forms(clerk.get("/admin").text) if f.action == "/logout").fields["_csrf"],
        "provider": next(f for f in forms(provider.get("/provider").text) if f.action == "/logout").fields["_csrf"],
    }
    sent, failures = 0, []

    def send(client, method, path, fields=None):
        nonlocal sent
        sent += 1
        try:
            response = client.post(path, fields) if method == "POST" else client.get(path)
        except OSError as error:
            failures.append(f"{method} {path}: {error}")
            return
        if response.status >= 500:
            failures.append(f"{method} {path}: {response.status}")

    for route in routes:
        if route["pattern"] == "/logout":
            continue
        client = clients[route["audience"]]
        positions = [i for i, s in enumerate(route["pattern"].split("/")) if s.startswith(":")]
        for method in (m for m in route["methods"].split(",") if m in ("GET", "POST")):
            token = tokens.get(route["audience"], "")
            for position in positions:
                for value in EXTREMES:
                    path = fill(route["pattern"], (position, value))
                    send(client, method, path, {"_csrf": token} if method == "POST" else None)
            path = fill(route["pattern"])
            for value in EXTREMES:
                if method == "GET":
                    for name in QUERY_NAMES:
                        send(client, "GET", f"{path}?{urllib.parse.urlencode({name: value})}")
                elif route["audience"] in ("clerk", "provider"):
                    send(client, "POST", path, {"_csrf": token, **{name: value for name in FORM_NUMBERS}})
        if failures:
            break

    alive = True
    try:
        os.kill(pid, 0)
    except OSError:
        alive = False
    health = Client(base, timeout=5)
    try:
        healthy = health.get("/healthz").status == 200
    except OSError:
        healthy = False
    for failure in failures[:20]:
        print("FAIL:", failure)
    print(f"number fuzz: {sent} requests with extreme numbers; {len(failures)} failures; "
          f"server process {pid} {'still running' if alive else 'gone'}, /healthz {'ok' if healthy else 'not answering'}")
    sys.exit(0 if not failures and alive and healthy else 1)


if __name__ == "__main__":
    main()

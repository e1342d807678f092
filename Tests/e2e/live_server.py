"""Live-server suite: the built `townhall serve` on a loopback port, checked over real sockets.

The routes come from `townhall routes --json` (the server's own table), so every public route is requested,
with GET and with HEAD, and a route added without a sample here fails the run. HEAD must answer like GET: the
same status and headers (length included) and no body bytes on the wire. Then one journey per role.

Usage: live_server.py BASE_URL TOWNHALL_BINARY DATABASE
Reads the clerk's and the provider's accounts from TOWNHALL_E2E_* like the other journeys.
"""
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse

from townhall_http import Client, forms

SECURITY_HEADERS = ["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"]


def samples(db):
    """A value for every parameter of every public and operations route, from the demo store."""
    one = lambda sql: db.execute(sql).fetchone()
    meeting = one("SELECT id FROM meeting WHERE agendaPublishedAt IS NOT NULL ORDER BY id")[0]
    paper = one("""SELECT p.id FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId JOIN meeting m ON m.id = i.meetingId
                   WHERE p.status = 'published' AND i.isExempt = 0 AND m.agendaPublishedAt IS NOT NULL ORDER BY p.id""")[0]
    file_id, file_name = one("""SELECT a.id, a.fileName FROM attachment a JOIN agendaItem i ON i.id = a.agendaItemId
                                JOIN meeting m ON m.id = i.meetingId LEFT JOIN paper p ON p.id = a.paperId
                                WHERE i.isExempt = 0 AND m.agendaPublishedAt IS NOT NULL
                                  AND (a.paperId IS NULL OR p.status = 'published') ORDER BY a.id""")
    recommendation = one("""SELECT r.id FROM recommendation r JOIN paper p ON p.id = r.paperId
                            JOIN agendaItem i ON i.id = p.agendaItemId JOIN meeting m ON m.id = i.meetingId
                            WHERE r.status <> 'draft' AND m.agendaPublishedAt IS NOT NULL AND i.isExempt = 0 ORDER BY r.id""")[0]
    body = one("SELECT slug FROM body ORDER BY id")[0]
    organisation = one("SELECT slug FROM organisation ORDER BY id")[0]
    council = one("SELECT a.slug FROM peerChallenge c JOIN authority a ON a.id = c.authorityId ORDER BY c.id")[0]
    evidence = one("SELECT id FROM contribution WHERE kind = 'evidence' AND state = 'accepted' AND filePath IS NOT NULL ORDER BY id")[0]
    return {
        "home": [], "bodies": [], "search": [], "peerChallenges": [], "recommendations": [], "calendar": [], "papersFeed": [],
        "responsesFeed": [], "openData": [], "oparlSystem": [], "oparlBodies": [], "health": [], "ready": [], "metrics": [],
        "bodyPage": [body], "bodyCalendar": [body], "bodyPapersFeed": [body], "bodyResponsesFeed": [body], "bodyPlanCalendar": [body], "bodyPlanData": [body],
        "meeting": [meeting], "paper": [paper], "attachment": [file_id, file_name],
        "inquiry": [one("SELECT slug FROM inquiry ORDER BY id")[0]],
        "recommendation": [recommendation], "organisation": [organisation], "organisationRecord": [organisation],
        "organisationSnippet": [organisation],
        "dataFile": ["meetings.csv"], "oparlBody": [1], "oparlBodyList": [1, "meetings"],
        "oparlObject": ["meetings", meeting], "paperDocument": [paper], "oparlRoot": [], "oparlVersionRoot": [],
        "updatesFeed": [], "person": [one("SELECT slug FROM person ORDER BY id")[0]], "meetings": [], "agendaPack": [meeting], "agendaPackPDF": [meeting],
        "evidence": [evidence], "evidenceFile": [evidence], "plan": ["policing-plan"], "parentInformation": ["harford-education-panel"], "bodySpending": ["harford-lpac"],
        "councilChallenges": [council], "councilChallengesSnippet": [council], "councilChallengesRecord": [council],
    }


def queries(db):
    """The query string of a route that names what it shows there (a follow target's kind and key)."""
    body = db.execute("SELECT slug FROM body ORDER BY id").fetchone()[0]
    return {"updatesFeed": f"?kind=body&key={body}"}


# Routes that answer with a redirect to another route rather than a page of their own.
REDIRECTS = {"oparlRoot": "/oparl/v1.1/system", "oparlVersionRoot": "/oparl/v1.1/system"}


def fill(pattern, values):
    parts, values = [], list(values)
    for segment in pattern.split("/"):
        parts.append(urllib.parse.quote(str(values.pop(0)), safe="") if segment.startswith(":") else segment)
    return "/".join(parts)


def raw_head(host, port, path, method="HEAD", extra=""):
    """HEAD (or another method) over a plain socket: the status line, the headers, and every byte the server sent
    after them."""
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}Connection: close\r\n\r\n".encode())
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers, rest


def main():
    base, townhall, database = sys.argv[1], sys.argv[2], sys.argv[3]
    parsed = urllib.parse.urlsplit(base)
    routes = json.loads(subprocess.run([townhall, "routes", "--json"], check=True, capture_output=True, text=True).stdout)
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    values, query = samples(db), queries(db)
    failures, checked = [], 0
    client = Client(base)
    # Agenda packs are made by the server a few seconds after it starts, the PDF by WeasyPrint: wait for them.
    deadline = time.time() + 120
    while time.time() < deadline and client.get(fill("/meetings/:id/agenda-pack.pdf", values["agendaPackPDF"])).status != 200:
        time.sleep(0.5)

    def fail(message):
        failures.append(message)
        print("FAIL:", message)

    for route in routes:
        if route["audience"] not in ("public", "operations") or "GET" not in route["methods"].split(","):
            continue
        if route["name"] not in values:
            fail(f"route {route['name']} ({route['pattern']}) has no sample in live_server.py")
            continue
        path = fill(route["pattern"], values[route["name"]]) + query.get(route["name"], "")
        got = client.get(path)
        status, headers, rest = raw_head(parsed.hostname, parsed.port, path)
        checked += 1
        if route["name"] in REDIRECTS:
            if got.status != 302 or got.location != REDIRECTS[route["name"]] or status != 302:
                fail(f"GET {path}: {got.status} to {got.location!r}, HEAD {status}; expected 302 to {REDIRECTS[route['name']]}")
            continue
        if got.status != 200:
            fail(f"GET {path}: {got.status}")
        if status != got.status:
            fail(f"HEAD {path}: {status}, GET {got.status}")
        if rest:
            fail(f"HEAD {path}: {len(rest)} body bytes sent")
        for name in ("content-type", "etag", "cache-control"):
            if got.headers.get(name) != headers.get(name):
                fail(f"HEAD {path}: {name} {headers.get(name)!r}, GET {got.headers.get(name)!r}")
        # /metrics counts each request, the HEAD among them, so its length changes from one answer to the next.
        if route["name"] != "metrics" and headers.get("content-length") not in (None, str(len(got.body))):
            fail(f"HEAD {path}: content-length {headers.get('content-length')}, GET body {len(got.body)} bytes")
        for name in SECURITY_HEADERS:
            if name not in got.headers:
                fail(f"GET {path}: no {name}")
        if "OPTIONS" in route["methods"].split(","):
            # Open data: any origin may read it, and a browser's CORS preflight is answered.
            if got.headers.get("access-control-allow-origin") != "*":
                fail(f"GET {path}: no Access-Control-Allow-Origin: *")
            status, headers, _ = raw_head(parsed.hostname, parsed.port, path, "OPTIONS",
                                          "Origin: https://example.org\r\nAccess-Control-Request-Method: GET\r\n")
            if status != 204 or headers.get("access-control-allow-origin") != "*" or "GET" not in headers.get("access-control-allow-methods", ""):
                fail(f"OPTIONS {path}: {status}, allow-origin {headers.get('access-control-allow-origin')!r}")
        elif "access-control-allow-origin" in got.headers:
            fail(f"GET {path}: a page that is not open data allows other origins")
        if route["audience"] == "public" and not got.headers.get("cache-control", "").startswith("public"):
            fail(f"GET {path}: public route not publicly cacheable ({got.headers.get('cache-control')})")
        if route["audience"] == "operations" and got.headers.get("cache-control", "").startswith("public"):
            fail(f"GET {path}: operations route cached publicly")
    for path in ["/no-such-page", "/papers/999999999", "/bodies/no-such-body"]:
        status, _, _ = raw_head(parsed.hostname, parsed.port, path)
        if client.get(path).status != 404 or status != 404:
            fail(f"{path}: GET and HEAD should be 404")

    # A resident: the home page, a body, one of its meetings, a paper on it.
    page = client.get("/")
    body_link = next(link for link in links(page.text) if link.startswith("/bodies/") and link.count("/") == 2)
    meeting_link = next(link for link in links(client.get(body_link).text) if link.startswith("/meetings/"))
    paper = client.get(f"/papers/{values['paper'][0]}")
    if client.get(meeting_link).status != 200 or paper.status != 200 or "<h1" not in paper.text:
        fail("resident journey: a meeting or paper page did not load")

    # A clerk: sign in, the dashboard, a meeting's back-office page, sign out; the dashboard then asks for sign-in.
    clerk = Client(base)
    clerk.sign_in(os.environ["TOWNHALL_E2E_EMAIL"], os.environ["TOWNHALL_E2E_PASSWORD"])
    dashboard = clerk.get("/admin")
    admin_meeting = next((link for link in links(dashboard.text) if link.startswith("/admin/meetings/")), None)
    if dashboard.status != 200 or admin_meeting is None or clerk.get(admin_meeting).status != 200:
        fail("clerk journey: the dashboard or a meeting page did not load")
    if dashboard.headers.get("cache-control") != "no-store":
        fail(f"clerk dashboard cache-control {dashboard.headers.get('cache-control')!r}")
    missing = clerk.get("/admin/meetings/999999999")
    if missing.status != 404 or missing.headers.get("cache-control") != "no-store":
        fail(f"clerk journey: a missing page signed in is {missing.status}, cache-control {missing.headers.get('cache-control')!r}")
    logout = next(f for f in forms(dashboard.text) if f.action == "/logout")
    clerk.post("/logout", logout.fields)
    if clerk.get("/admin").status != 303:
        fail("clerk journey: signed out, the dashboard still loads")

    # A provider: sign in, their recommendations, one report's response form.
    provider = Client(base)
    provider.sign_in(os.environ["TOWNHALL_E2E_PROVIDER_EMAIL"], os.environ["TOWNHALL_E2E_PROVIDER_PASSWORD"])
    mine = provider.get("/provider")
    report = next((link for link in links(mine.text) if link.startswith("/provider/reports/")), None)
    if mine.status != 200 or report is None or provider.get(report).status != 200:
        fail("provider journey: the dashboard or a response form did not load")
    if provider.get("/admin").status != 403:
        fail("provider journey: the back office is open to a provider")

    print(f"live server: {checked} public and operations routes by GET and HEAD, 3 missing pages, 3 journeys; "
          f"{len(failures)} failures")
    sys.exit(1 if failures else 0)


def links(html):
    from html.parser import HTMLParser

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            href = dict(attrs).get("href")
            if tag == "a" and href and href.startswith("/"):
                self.found.append(href)

    parser = Links()
    parser.feed(html)
    return parser.found


if __name__ == "__main__":
    main()

"""Crash safety: kills the server with SIGKILL again and again while a clerk publishes papers and a provider submits
responses over HTTP, and after every kill checks that each write the server acknowledged (answered 303) is in the
store, that SQLite's integrity_check and the search index's own check pass, and that `townhall db check` agrees.
In the first round it also takes `townhall db backup` of the live store mid-stream and checks the copy.

Usage: python crash_safety.py TOWNHALL_BINARY [ROUNDS]
Exits non-zero, naming the lost write or the failed check, if anything is wrong.
"""
import datetime
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

from townhall_http import Client, forms, wait_until_up

BINARY = os.path.abspath(sys.argv[1])
# The server and CLI read Config/ and Templates/ relative to the repository root.
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# replication_check.py imports this module with its own second argument, so only this script's own run reads it.
ROUNDS = int(sys.argv[2]) if __name__ == "__main__" and len(sys.argv) > 2 else 12
random.seed(int(os.environ.get("CRASH_SEED", "7")))


class Acknowledged:
    """Writes the server confirmed, to look for after each crash."""

    def __init__(self):
        self.lock = threading.Lock()
        self.papers = []        # (paper id, title): published
        self.responses = []     # (paper id, version, marker): submitted

    def snapshot(self):
        with self.lock:
            return list(self.papers), list(self.responses)


def townhall(*args, stdin=None, env=None):
    return subprocess.run([BINARY, *args], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT)


class Writer(threading.Thread):
    """Publishes a new paper, then submits a new response version, over and over; errors while the server is down
    are expected and those writes are simply not acknowledged."""

    def __init__(self, base, item_id, report_id, accounts, acknowledged):
        super().__init__(daemon=True)
        self.base, self.item_id, self.report_id, self.accounts = base, item_id, report_id, accounts
        self.acknowledged, self.stop, self.attempts, self.failures = acknowledged, threading.Event(), 0, 0
        self.clerk = self.provider = None

    def sign_in(self):
        self.clerk, self.provider = Client(self.base, 5), Client(self.base, 5)
        self.clerk.sign_in(*self.accounts["clerk"])
        self.provider.sign_in(*self.accounts["provider"])

    def publish_paper(self, n):
        page = self.clerk.get(f"/admin/items/{self.item_id}/papers/new")
        form = next(f for f in forms(page.text) if f.action.endswith("/papers/new"))
        title = f"Crash test paper {n} {random.getrandbits(32):08x}"
        saved = self.clerk.post(form.action, {**form.fields, "title": title, "author": "Clerk", "markdown": f"# {title}\n\nText {n}.", "action": "save"})
        if saved.status != 303:
            raise RuntimeError(f"saving a paper answered {saved.status}")
        paper_id = int(re.search(r"/admin/papers/(\d+)", saved.location).group(1))
        page = self.clerk.get(f"/admin/papers/{paper_id}")
        publish = next(f for f in forms(page.text) if f.action.endswith("/publish"))
        published = self.clerk.post(publish.action, {**publish.fields, "lateReason": "Crash test"})
        if published.status != 303:
            raise RuntimeError(f"publishing paper {paper_id} answered {published.status}: {published.text[:300]}")
        with self.acknowledged.lock:
            self.acknowledged.papers.append((paper_id, title))

    def submit_response(self, n):
        page = self.provider.get(f"/provider/reports/{self.report_id}")
        form = next((f for f in forms(page.text) if f.action == f"/provider/reports/{self.report_id}"), None)
        if form is None:
            raise RuntimeError("the provider's response form is not on the page")
        marker = f"Crash test action {n} {random.getrandbits(32):08x}"
        fields = dict(form.fields)
        target = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()
        for name in form.options:
            if name.startswith("decision-"):
                key = name.split("-", 1)[1]
                fields.update({name: "accepted", f"action-{key}": marker, f"target-{key}": target, f"reasons-{key}": ""})
        fields["action"] = "submit"
        version = int(fields["basedOn"]) + 1
        submitted = self.provider.post(form.action, fields)
        if submitted.status != 303:
            raise RuntimeError(f"submitting a response answered {submitted.status}: {submitted.text[:300]}")
        with self.acknowledged.lock:
            self.acknowledged.responses.append((self.report_id, version, marker))

    def run(self):
        n = 0
        while not self.stop.is_set():
            n += 1
            self.attempts += 1
            try:
                if self.clerk is None:
                    self.sign_in()
                if n % 2:
                    self.publish_paper(n)
                else:
                    self.submit_response(n)
            except (OSError, StopIteration, RuntimeError, ValueError, AttributeError) as error:
                self.failures += 1
                if isinstance(error, RuntimeError) and "answered 5" in str(error):
                    print(f"server error during writes: {error}", file=sys.stderr)
                    self.failures += 1000
                time.sleep(0.05)


def check_store(db, acknowledged):
    problems = []
    connection = sqlite3.connect(db)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:3]}")
        try:
            connection.execute("INSERT INTO searchText(searchText) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as error:
            problems.append(f"search index check: {error}")
        papers, responses = acknowledged.snapshot()
        for paper_id, title in papers:
            row = connection.execute("SELECT status, title FROM paper WHERE id = ?", (paper_id,)).fetchone()
            if row != ("published", title):
                problems.append(f"acknowledged publication of paper {paper_id} lost: {row}")
        for paper_id, version, marker in responses:
            row = connection.execute(
                "SELECT r.status, MIN(i.action) FROM response r JOIN responseItem i ON i.responseId = r.id "
                "WHERE r.paperId = ? AND r.version = ? GROUP BY r.id", (paper_id, version)).fetchone()
            if row != ("submitted", marker):
                problems.append(f"acknowledged response version {version} to paper {paper_id} lost: {row}")
    finally:
        connection.close()
    return problems


class Store:
    """A fresh demo store in a temporary folder with a Policing Board clerk and a police responder, and where they
    write: the board's latest agenda item (new papers) and a report with recommendations to the police."""

    def __init__(self, name):
        work = tempfile.mkdtemp(prefix=f"townhall-{name}-")
        self.env = {**os.environ, "TOWNHALL_DATA_DIR": os.path.join(work, "data")}
        self.db = os.path.join(work, f"{name}.sqlite")
        self.port = 20000 + random.randrange(12000)  # below the ephemeral range, so a probe cannot connect to itself
        self.base = f"http://127.0.0.1:{self.port}"
        seeded = townhall("demo", "seed", "--database", self.db, env=self.env)
        if seeded.returncode != 0:
            sys.exit(f"demo seed failed: {seeded.stderr}")
        self.accounts = {"clerk": (f"{name}.clerk@townhall.test", f"{name}-clerk-password-1"),
                         "provider": (f"{name}.police@townhall.test", f"{name}-police-password-1")}
        for role, scope in [("clerk", ["--body", "harford-policing-board"]), ("provider", ["--organisation", "harford-police"])]:
            email, password = self.accounts[role]
            added = townhall("user", "add", "--database", self.db, "--email", email, "--name", f"{name} {role}", "--role", role, *scope,
                             stdin=password + "\n", env=self.env)
            if added.returncode != 0:
                sys.exit(f"user add failed: {added.stderr}")
        self.item_id = self.one(
            "SELECT i.id FROM agendaItem i JOIN meeting m ON m.id = i.meetingId JOIN body b ON b.id = m.bodyId "
            "WHERE b.slug = 'harford-policing-board' AND NOT i.isExempt ORDER BY m.startsAt DESC, i.position LIMIT 1")
        self.report_id = self.one(
            "SELECT r.paperId FROM recommendation r JOIN organisation o ON o.id = r.organisationId "
            "WHERE o.slug = 'harford-police' AND r.issuedAt IS NOT NULL ORDER BY r.paperId LIMIT 1")

    def one(self, sql):
        connection = sqlite3.connect(self.db)
        try:
            return connection.execute(sql).fetchone()[0]
        finally:
            connection.close()

    def serve(self, **pipes):
        return subprocess.Popen([BINARY, "serve", "--database", self.db, "--host", "127.0.0.1", "--port", str(self.port)],
                                env=self.env, cwd=ROOT, **pipes)

    def writer(self, acknowledged):
        return Writer(self.base, self.item_id, self.report_id, self.accounts, acknowledged)


def live_backup(store, acknowledged):
    """`townhall db backup` while the server runs and the writes stream in: the copy must pass its checks and hold
    every write acknowledged before the backup began."""
    time.sleep(2.5)
    before = Acknowledged()
    before.papers, before.responses = acknowledged.snapshot()
    backup = os.path.join(os.path.dirname(store.db), "live-backup.sqlite")
    made = townhall("db", "backup", backup, "--database", store.db, env=store.env)
    if made.returncode != 0:
        return [f"live backup failed: {made.stderr.strip()}"]
    problems = [f"live backup: {problem}" for problem in check_store(backup, before)]
    print(f"live backup during writes: {len(before.papers)} publications and {len(before.responses)} responses acknowledged "
          f"before it began, all in the copy: {'no' if problems else 'yes'}")
    return problems


def main():
    store = Store("crash")
    acknowledged = Acknowledged()
    writer = store.writer(acknowledged)
    server = None
    problems = []
    try:
        for round_number in range(1, ROUNDS + 1):
            server = store.serve(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_until_up(store.base)
            if round_number == 1:
                writer.start()
                problems += live_backup(store, acknowledged)
            time.sleep(random.uniform(0.5, 2.0))
            server.send_signal(signal.SIGKILL)
            server.wait()
            found = check_store(store.db, acknowledged)
            checked = townhall("db", "check", "--database", store.db, env=store.env)
            if checked.returncode != 0:
                found.append(f"townhall db check: {checked.stdout.strip()} {checked.stderr.strip()}")
            papers, responses = acknowledged.snapshot()
            print(f"round {round_number}: killed; {len(papers)} publications and {len(responses)} responses acknowledged "
                  f"so far, all present: {'no' if found else 'yes'}")
            problems += found
            if found:
                break
    finally:
        writer.stop.set()
        if server and server.poll() is None:
            server.kill()
    papers, responses = acknowledged.snapshot()
    if writer.failures >= 1000:
        problems.append("the server answered a write with a 5xx")
    if len(papers) < ROUNDS or len(responses) < ROUNDS:
        problems.append(f"too few acknowledged writes to mean anything ({len(papers)} publications, {len(responses)} responses)")
    if problems:
        print("crash safety FAILED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print(f"crash safety: {ROUNDS} SIGKILLs, {len(papers)} acknowledged publications and {len(responses)} acknowledged "
          f"response versions, every one present; integrity_check and the search index check passed each time")


if __name__ == "__main__":
    main()

"""Live mail: a resident follows the Policing Board through the running server, and `townhall notify run` delivers
through the system's sendmail interface (msmtp) to a real SMTP server on loopback (aiosmtpd). Checks the
confirmation message, the alert's headers (RFC 8058 List-Unsubscribe and List-Unsubscribe-Post), its text, and that
the one-click POST to the List-Unsubscribe address, with no cookie, ends the follow.

Usage: python mail_delivery.py TOWNHALL_BINARY
"""
import email
import email.policy
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

from aiosmtpd.controller import Controller

from townhall_http import Client, finish, forms, wait_until_up

BINARY = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RESIDENT = "resident@example.com"


class Inbox:
    """Every message the SMTP server accepted, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def wait_for(self, count, seconds=10):
        deadline = time.time() + seconds
        while len(self.messages) < count and time.time() < deadline:
            time.sleep(0.05)
        return self.messages


def main():
    problems = []
    msmtp = shutil.which("msmtp")
    if msmtp is None:
        finish(["msmtp is not installed (make e2e-deps installs it)"])
    inbox = Inbox()
    smtp_port = 20000 + random.randrange(12000)
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    work = tempfile.mkdtemp(prefix="townhall-mail-")
    port = 20000 + random.randrange(12000)
    while port == smtp_port:
        port = 20000 + random.randrange(12000)
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "TOWNHALL_DATA_DIR": os.path.join(work, "data"), "TOWNHALL_BASE_URL": base,
           "TOWNHALL_MAIL_FROM": "townhall@example.org",
           "TOWNHALL_SENDMAIL": f"{msmtp} --host=127.0.0.1 --port={smtp_port} --auth=off --tls=off --from=townhall@example.org -t"}
    db = os.path.join(work, "mail.sqlite")
    server = None

    def cli(*args):
        return subprocess.run([BINARY, *args, "--database", db], env=env, cwd=ROOT, capture_output=True, text=True)

    try:
        subprocess.run([BINARY, "demo", "seed", "--database", db], env=env, cwd=ROOT, check=True, capture_output=True)
        server = subprocess.Popen([BINARY, "serve", "--database", db, "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(base)
        resident = Client(base)
        page = resident.get("/bodies/harford-policing-board")
        follow_link = re.search(r'href="(/follow\?[^"]+)"', page.text)
        if not follow_link:
            finish(["the board's page has no follow link"])
        path = follow_link.group(1).replace("&amp;", "&")
        form = next(f for f in forms(resident.get(path).text) if f.action == "/follow")
        sent = resident.post("/follow", {**form.fields, "email": RESIDENT, "frequency": "instant"})
        if sent.status != 200 or "Check your email" not in sent.text:
            problems.append(f"following answered {sent.status}")

        run = cli("notify", "run")
        if run.returncode != 0:
            problems.append(f"notify run failed: {run.stdout} {run.stderr}")
        messages = inbox.wait_for(1)
        if not messages:
            finish(problems + ["no confirmation message reached the SMTP server"])
        recipients, confirmation = messages[0]
        if recipients != [RESIDENT]:
            problems.append(f"the confirmation went to {recipients}")
        if not confirmation["Subject"].startswith("Confirm: follow Harford and Marsh Vale Policing Board"):
            problems.append(f"confirmation subject: {confirmation['Subject']}")
        if confirmation["List-Unsubscribe"] is not None:
            problems.append("a confirmation (nothing to unsubscribe from yet) carries List-Unsubscribe")
        link = re.search(re.escape(base) + r"(/follows/[0-9a-f]+/confirm)", confirmation.get_content())
        if not link:
            finish(problems + ["the confirmation has no confirmation link"])
        page = resident.get(link.group(1))
        confirm = next(f for f in forms(page.text) if f.action == link.group(1))
        done = resident.post(link.group(1), confirm.fields)
        if done.status != 303:
            problems.append(f"confirming answered {done.status}")

        # Something the board's followers are told: a scheduled board meeting is postponed, with its reason.
        connection = sqlite3.connect(db)
        try:
            meeting = {"id": connection.execute("""
                SELECT m.id FROM meeting m JOIN body b ON b.id = m.bodyId
                WHERE b.slug = 'harford-policing-board' AND m.status = 'scheduled' ORDER BY m.startsAt DESC LIMIT 1
                """).fetchone()[0]}
        finally:
            connection.close()
        reason = "The council chamber is being rewired"
        status = cli("meeting", "set-status", str(meeting["id"]), "postponed", "--reason", reason)
        if status.returncode != 0:
            problems.append(f"postponing failed: {status.stderr}")
        run = cli("notify", "run")
        if run.returncode != 0:
            problems.append(f"second notify run failed: {run.stdout} {run.stderr}")
        messages = inbox.wait_for(2)
        if len(messages) < 2:
            finish(problems + ["no alert reached the SMTP server"])
        recipients, alert = messages[-1]
        subject = alert["Subject"]
        if "postponed" not in subject.lower():
            problems.append(f"alert subject: {subject}")
        if reason not in alert.get_content():
            problems.append("the alert does not give the reason")
        unsubscribe = alert["List-Unsubscribe"] or ""
        target = re.fullmatch(r"<(" + re.escape(base) + r"/follows/[0-9a-f]+/unsubscribe)>", unsubscribe.strip())
        if not target:
            finish(problems + [f"List-Unsubscribe is {unsubscribe!r}"])
        if (alert["List-Unsubscribe-Post"] or "").strip() != "List-Unsubscribe=One-Click":
            problems.append(f"List-Unsubscribe-Post is {alert['List-Unsubscribe-Post']!r}")
        if not alert["Message-ID"] or not alert["Date"]:
            problems.append("the alert lacks Message-ID or Date")

        # What a mail program does (RFC 8058 section 3.2): a POST with that body, no cookies.
        mail_program = Client(base)
        stopped = mail_program.request("POST", urllib.parse.urlsplit(target.group(1)).path, b"List-Unsubscribe=One-Click",
                                       {"Content-Type": "application/x-www-form-urlencoded"})
        if stopped.status != 200:
            problems.append(f"the one-click unsubscribe answered {stopped.status}")
        left = json.loads(cli("follow", "list", "--json").stdout)
        if left:
            problems.append(f"follows left after unsubscribing: {left}")
        cli("meeting", "set-status", str(meeting["id"]), "cancelled", "--reason", "Not needed after all")
        cli("notify", "run")
        time.sleep(0.5)
        if len(inbox.messages) != 2:
            problems.append(f"{len(inbox.messages) - 2} message(s) sent after unsubscribing")
        print(f"mail delivery: {len(inbox.messages)} messages through msmtp to SMTP on port {smtp_port}, "
              f"one-click unsubscribe {stopped.status}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=15)
        controller.stop()
        shutil.rmtree(work, ignore_errors=True)
    finish(problems)


main()

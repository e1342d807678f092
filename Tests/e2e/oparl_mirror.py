"""An independent OParl 1.1 mirror, written from the specification (sections 2.5 and 2.8), not from Townhall's code.

It copies the whole API from `system` by following the Body's external lists, then keeps the copy up to date the
way the specification's update mechanism describes: each sync asks every list only for what changed since the
start of the previous sync (`modified_since`) and applies it, dropping objects that come back `deleted: true`.

Between syncs, a seeded random sequence of changes runs through the CLI and the clerk's screens: papers added
and published, revised, withdrawn; items added, renamed, made exempt and public again, reordered and removed;
files attached and removed; people added to bodies and memberships ended; agendas published; meetings
cancelled. After each sync the mirror must equal a fresh full crawl, no paper the store holds private may be in it, no object may link to one outside the
Body's lists, every object must validate against the OParl 1.1 schemas (a deleted one by the deletion rule),
and every object that left the lists must still answer 200 at its URL as a tombstone.

Usage: python oparl_mirror.py TOWNHALL_BINARY [STEPS] [SEED]
"""
import datetime
import gzip
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
import urllib.error
import urllib.parse
import urllib.request

from oparl_schema import load_validators, problems as schema_problems
from townhall_http import Client, finish, forms, wait_until_up

LISTS = ["organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation", "file",
         "locationList", "legislativeTermList"]


def fetch(url, rng):
    """GET a JSON document, sometimes asking for gzip (the server must then compress it correctly)."""
    headers = {"Accept-Encoding": "gzip"} if rng.random() < 0.5 else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        if not response.headers.get("Content-Type", "").startswith("application/json"):
            raise AssertionError(f"{url}: content type {response.headers.get('Content-Type')}")
    return json.loads(body.decode("utf-8"))


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")


class Mirror:
    def __init__(self, root, rng):
        self.root, self.rng = root, rng
        self.objects, self.since, self.requests = {}, None, 0

    def get(self, url):
        self.requests += 1
        return fetch(url, self.rng)

    def list_urls(self):
        system = self.get(self.root + "system")
        urls = []
        for body in self.walk(system["body"]):
            urls += [body[name] for name in LISTS if name in body]
        return urls

    def walk(self, url):
        while url:
            page = self.get(url)
            yield from page["data"]
            url = page.get("links", {}).get("next")

    def full(self):
        start, objects = now_iso(), {}
        for url in self.list_urls():
            for obj in self.walk(url):
                objects[obj["id"]] = obj
        self.objects, self.since = objects, start
        return objects

    def sync(self):
        """Applies the changes since the previous sync began; returns the ids reported deleted."""
        start, deleted = now_iso(), set()
        for url in self.list_urls():
            for obj in self.walk(url + "?" + urllib.parse.urlencode({"modified_since": self.since})):
                if obj.get("deleted") is True:
                    self.objects.pop(obj["id"], None)
                    deleted.add(obj["id"])
                else:
                    self.objects[obj["id"]] = obj
        self.since = start
        return deleted


def object_urls(value, own=None):
    """Every OParl object URL a value refers to (not list URLs, which carry the Body's path or a query)."""
    found = []
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, list):
        for item in value:
            found += object_urls(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("web", "accessUrl", "downloadUrl", "website", "product"):
                found += object_urls(item)
    return found


def embedded(value):
    """The objects inside an object (a meeting's items, a person's memberships, a paper's files)."""
    if isinstance(value, dict):
        if "type" in value and "id" in value:
            yield value
        for item in value.values():
            yield from embedded(item)
    elif isinstance(value, list):
        for item in value:
            yield from embedded(item)


class Changes:
    """The random changes, made as a clerk would: the CLI and the signed-in screens. Targets come from the store
    file (read only); whether a change was allowed is the server's business, and refused ones are counted apart."""

    def __init__(self, binary, db, env, base, rng, work, root):
        self.binary, self.db, self.env, self.rng, self.work, self.root = binary, db, env, rng, work, root
        self.client = Client(base)
        self.done, self.refused = {}, {}

    def rows(self, sql, *args):
        connection = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return connection.execute(sql, args).fetchall()
        finally:
            connection.close()

    def pick(self, sql, *args):
        rows = self.rows(sql, *args)
        return self.rng.choice(rows) if rows else None

    def cli(self, *args):
        result = subprocess.run([self.binary, *args, "--database", self.db], env=self.env, cwd=self.root, capture_output=True, text=True)
        return result.returncode == 0, result.stdout + result.stderr

    def post(self, page, action, fields):
        html = self.client.get(page).text
        form = next((f for f in forms(html) if f.action == action), None)
        if form is None:
            return False
        response = self.client.post(action, {**form.fields, **fields})
        if response.status >= 500:
            raise AssertionError(f"POST {action} answered {response.status}")
        if response.status != 303:
            summary = re.search(r'<ul class="error-summary__list">(.*?)</ul>', response.text, re.S)
            self.last_refusal = re.sub(r"<[^>]+>|\s+", " ", summary.group(1) if summary else str(response.status)).strip()
        return response.status == 303

    def record(self, name, ok):
        (self.done if ok else self.refused)[name] = (self.done if ok else self.refused).get(name, 0) + 1

    def markdown(self, title):
        path = os.path.join(self.work, f"paper-{self.rng.randrange(10**9)}.md")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(f"# {title}\n\nA paper written by the mirror test, number {self.rng.randrange(10**6)}.\n")
        return path

    # Through the CLI

    def add_and_publish_paper(self):
        item = self.pick("""SELECT i.id FROM agendaItem i JOIN meeting m ON m.id = i.meetingId
                            WHERE m.agendaPublishedAt IS NOT NULL AND i.isExempt = 0""")
        if not item:
            return self.record("add and publish a paper", False)
        title = f"Mirror paper {self.rng.randrange(10**6)}"
        ok, out = self.cli("paper", "add", self.markdown(title), "--item", str(item[0]), "--title", title)
        match = re.search(r"added draft paper (\d+)", out)
        if ok and match:
            ok, out = self.cli("paper", "publish", match.group(1), "--late-reason", "Urgent: the mirror test")
        self.record("add and publish a paper", ok)

    def add_item(self):
        meeting = self.pick("SELECT id, agendaPublishedAt FROM meeting WHERE status != 'cancelled'")
        if not meeting:
            return self.record("add an item", False)
        extra = ["--urgency", "Raised after the agenda was sent"] if meeting[1] else []
        ok, _ = self.cli("agenda", "add-item", "--meeting", str(meeting[0]), "--title", f"Mirror item {self.rng.randrange(10**6)}", *extra)
        self.record("add an item", ok)

    def attach_file(self):
        item = self.pick("""SELECT i.id FROM agendaItem i JOIN meeting m ON m.id = i.meetingId
                            WHERE m.agendaPublishedAt IS NOT NULL AND i.isExempt = 0""")
        if not item:
            return self.record("attach a file", False)
        path = os.path.join(self.work, f"annex-{self.rng.randrange(10**6)}.csv")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("measure,value\nresponse time,12\n")
        ok, _ = self.cli("attach", path, "--item", str(item[0]))
        self.record("attach a file", ok)

    def add_membership(self):
        person = self.pick("SELECT slug FROM person")
        body = self.pick(self.SEATS)
        if not person or not body:
            return self.record("add a membership", False)
        ok, _ = self.cli("member", "add", "--person", person[0], "--body", body[0], "--role", "member", "--category", body[1],
                         "--start", f"2026-{self.rng.randrange(1, 12):02d}-01")
        self.record("add a membership", ok)

    # A seat anyone may hold without representing a council: a lay member of an LPAC, a parent on a panel.
    SEATS = """SELECT slug, CASE kind WHEN 'lpac' THEN 'lay-member' ELSE 'parent' END FROM body
               WHERE kind IN ('lpac', 'education-panel')"""

    def add_person(self):
        number = self.rng.randrange(10**6)
        body = self.pick(self.SEATS)
        ok, _ = self.cli("person", "add", "--slug", f"mirror-person-{number}", "--name", f"Mirror Person {number}")
        if ok and body:
            ok, _ = self.cli("member", "add", "--person", f"mirror-person-{number}", "--body", body[0], "--role", "member",
                             "--category", body[1], "--start", "2026-05-01")
        self.record("add a person to a body", ok)

    def publish_agenda(self):
        meeting = self.pick("SELECT id FROM meeting WHERE agendaPublishedAt IS NULL AND status != 'cancelled'")
        if not meeting:
            return self.record("publish an agenda", False)
        ok, _ = self.cli("meeting", "publish-agenda", str(meeting[0]), "--late-reason", "Urgent: the mirror test")
        self.record("publish an agenda", ok)

    def cancel_meeting(self):
        meeting = self.pick("SELECT id FROM meeting WHERE status = 'scheduled'")
        if not meeting:
            return self.record("cancel a meeting", False)
        ok, _ = self.cli("meeting", "set-status", str(meeting[0]), "cancelled", "--reason", "The mirror test cancels it.")
        self.record("cancel a meeting", ok)

    # Through the clerk's screens

    def item_form(self, item, **fields):
        page = f"/admin/items/{item}/edit"
        return self.post(page, page, fields)

    def rename_item(self):
        item = self.pick("SELECT id, title FROM agendaItem")
        ok = bool(item) and self.item_form(item[0], itemTitle=f"{item[1].split(' (renamed')[0]} (renamed {self.rng.randrange(1000)})")
        self.record("rename an item", ok)

    def exempt_item(self):
        # Private business needs notice on the forward plan (issue 16), which meetings already holding some have.
        item = self.pick("""SELECT id FROM agendaItem WHERE isExempt = 0 AND meetingId IN (SELECT meetingId FROM agendaItem WHERE isExempt = 1)
                            AND id IN (SELECT agendaItemId FROM paper WHERE status = 'published')""") \
            or self.pick("SELECT id FROM agendaItem WHERE isExempt = 0")
        ok = bool(item) and self.item_form(item[0], exempt="yes", paragraph="3",
                                           publicInterest="Disclosure would prejudice the Board's negotiating position.")
        self.record("make an item exempt", ok)

    def unexempt_item(self):
        item = self.pick("SELECT id FROM agendaItem WHERE isExempt = 1")
        if not item:
            return self.record("make an item public again", False)
        page = f"/admin/items/{item[0]}/edit"
        html = self.client.get(page).text
        form = next((f for f in forms(html) if f.action == page), None)
        if form is None:
            return self.record("make an item public again", False)
        fields = {k: v for k, v in form.fields.items() if k not in ("exempt", "paragraph", "publicInterest")}
        response = self.client.post(page, fields)
        self.record("make an item public again", response.status == 303)

    def move_item(self):
        item = self.pick("SELECT id, meetingId FROM agendaItem")
        ok = bool(item) and self.post(f"/admin/meetings/{item[1]}", f"/admin/items/{item[0]}/move",
                                      {"direction": self.rng.choice(["up", "down"])})
        self.record("move an item", ok)

    def remove_item(self):
        item = self.pick("""SELECT id, meetingId FROM agendaItem WHERE id NOT IN (SELECT agendaItemId FROM paper)
                            AND id NOT IN (SELECT agendaItemId FROM attachment)""")
        ok = bool(item) and self.post(f"/admin/meetings/{item[1]}", f"/admin/items/{item[0]}/delete", {})
        self.record("remove an item", ok)

    def withdraw_paper(self):
        paper = self.pick("SELECT id FROM paper WHERE status = 'published'")
        ok = bool(paper) and self.post(f"/admin/papers/{paper[0]}", f"/admin/papers/{paper[0]}/withdraw",
                                       {"withdrawReason": "Replaced by a later report"})
        self.record("withdraw a paper", ok)

    def revise_paper(self):
        paper = self.pick("SELECT id FROM paper WHERE status = 'published'")
        ok = False
        if paper:
            html = self.client.get(f"/admin/papers/{paper[0]}").text
            form = next((f for f in forms(html) if f.action == f"/admin/papers/{paper[0]}/revise"), None)
            if form is not None:
                response = self.client.post(form.action, form.fields)
                match = re.search(r"/admin/papers/(\d+)", response.location)
                if response.status == 303 and match:
                    revision = match.group(1)
                    ok = self.post(f"/admin/papers/{revision}", f"/admin/papers/{revision}/publish",
                                   {"lateReason": "Urgent: corrected figures"})
        self.record("revise and republish a paper", ok)

    def remove_file(self):
        file = self.pick("SELECT id, agendaItemId FROM attachment")
        ok = bool(file) and self.post(f"/admin/items/{file[1]}/edit", f"/admin/attachments/{file[0]}/delete", {})
        self.record("remove a file", ok)

    def end_membership(self):
        membership = self.pick("SELECT ms.id, b.slug FROM membership ms JOIN body b ON b.id = ms.bodyId WHERE ms.endDate IS NULL")
        ok = bool(membership) and self.post(f"/admin/bodies/{membership[1]}/members",
                                            f"/admin/bodies/{membership[1]}/members/{membership[0]}/end", {"end": "2026-11-30"})
        self.record("end a membership", ok)

    def random_change(self):
        self.rng.choice([
            self.add_and_publish_paper, self.add_and_publish_paper, self.add_item, self.attach_file, self.add_membership,
            self.add_person, self.publish_agenda, self.cancel_meeting, self.rename_item, self.rename_item, self.exempt_item, self.exempt_item,
            self.unexempt_item, self.move_item, self.remove_item, self.withdraw_paper, self.withdraw_paper, self.revise_paper,
            self.remove_file, self.end_membership,
        ])()


def hidden(changes, crawl):
    """Papers and files in the crawl that the store says the public may not see now: a draft or withdrawn paper,
    or one on an exempt item or an unpublished agenda (the demo's exempt words may appear once an item is made
    public again, which is the clerk's decision, so the store is the judge rather than a list of words)."""
    found = []
    public = "p.status IN ('published', 'superseded') AND i.isExempt = 0 AND m.agendaPublishedAt IS NOT NULL"
    papers = {str(row[0]) for row in changes.rows(f"""SELECT p.id FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId
                                                       JOIN meeting m ON m.id = i.meetingId WHERE {public}""")}
    for url in crawl:
        kind, _, key = url.split("/oparl/v1.1/")[1].partition("/")
        paper = key[len("paper-"):] if kind == "files" and key.startswith("paper-") else key if kind in ("papers", "consultations") else None
        if paper is not None and paper not in papers:
            found.append(url)
    return found


def check(mirror, crawl, validators, deleted_ids, step, changes):
    problems = [f"step {step}: {url} is in the API but not public in the store" for url in hidden(changes, crawl)]
    missing = sorted(set(crawl) - set(mirror.objects))
    extra = sorted(set(mirror.objects) - set(crawl))
    different = sorted(i for i in set(crawl) & set(mirror.objects) if crawl[i] != mirror.objects[i])
    for name, ids in [("missing from the mirror", missing), ("kept by the mirror though gone", extra),
                      ("stale in the mirror", different)]:
        if ids:
            problems.append(f"step {step}: {len(ids)} objects {name}: {ids[:5]}")
    root = mirror.root
    body_ids = {root + "system", root + "bodies/1"}
    known = set(crawl) | body_ids
    for obj in crawl.values():
        for inner in embedded(obj):
            problems += schema_problems(validators, inner, f"step {step}")
            for url in object_urls({k: v for k, v in inner.items() if k != "id"}):
                if url.startswith(root) and "?" not in url and not re.match(re.escape(root) + r"bodies/1/\w+$", url) \
                        and url not in known:
                    problems.append(f"step {step}: {inner['id']} links to {url}, which is in none of the Body's lists")
    for gone in deleted_ids:
        try:
            obj = fetch(gone, random.Random(0))
        except urllib.error.HTTPError as error:
            problems.append(f"step {step}: deleted {gone} answers {error.code}, not its tombstone")
            continue
        if obj.get("deleted") is not True:
            problems.append(f"step {step}: {gone} was listed as deleted but is not")
        problems += schema_problems(validators, obj, f"step {step} tombstone")
    return problems


def main():
    binary = os.path.abspath(sys.argv[1])
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 17
    rng = random.Random(seed)
    root_dir = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    work = tempfile.mkdtemp(prefix="townhall-mirror-")
    port = 20000 + random.randrange(12000)
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "TOWNHALL_DATA_DIR": os.path.join(work, "data"), "TOWNHALL_BASE_URL": base}
    db = os.path.join(work, "mirror.sqlite")
    subprocess.run([binary, "demo", "seed", "--database", db], env=env, cwd=root_dir, check=True, capture_output=True)
    password = "mirror-" + os.urandom(8).hex()
    subprocess.run([binary, "user", "add", "--database", db, "--email", "mirror@townhall.test", "--name", "Mirror Admin",
                    "--role", "administrator"], input=password + "\n", env=env, cwd=root_dir, check=True, capture_output=True, text=True)
    server = subprocess.Popen([binary, "serve", "--database", db, "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=root_dir,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    problems = []
    try:
        wait_until_up(base)
        validators = load_validators()
        changes = Changes(binary, db, env, base, rng, work, root_dir)
        changes.client.sign_in("mirror@townhall.test", password)
        mirror = Mirror(base + "/oparl/v1.1/", rng)
        mirror.full()
        first = len(mirror.objects)
        syncs, deleted_total = 0, 0
        for step in range(1, steps + 1):
            changes.random_change()
            if step % 3 == 0 or step == steps:
                # The server sees another process's writes (the CLI's) within a quarter of a second (README, HTTP
                # caching); a client syncing sooner still misses nothing, but would see them one sync later.
                time.sleep(0.3)
                deleted = mirror.sync()
                deleted_total += len(deleted)
                syncs += 1
                crawl = Mirror(mirror.root, random.Random(step)).full()
                problems += check(mirror, crawl, validators, deleted, step, changes)
                if problems:
                    break
        done = ", ".join(f"{name} {count}" for name, count in sorted(changes.done.items()))
        refused = sum(changes.refused.values())
        print(f"oparl-mirror: {steps} changes ({done}; {refused} refused by the server's rules), {syncs} syncs, "
              f"{first} objects at first and {len(mirror.objects)} at the end, {deleted_total} deletions announced, "
              f"{mirror.requests} requests by the mirror, {len(problems)} problems")
        kinds = {"add and publish a paper", "withdraw a paper", "rename an item", "make an item exempt", "remove an item",
                 "attach a file", "remove a file", "add a membership", "end a membership"}
        if steps >= 60 and not kinds <= set(changes.done):
            problems.append(f"the random sequence never managed {sorted(kinds - set(changes.done))}; change the seed or the steps")
        if steps >= 60 and deleted_total == 0:
            problems.append("no deletion reached the mirror")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)
    finish(problems)


if __name__ == "__main__":
    main()

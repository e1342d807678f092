"""Replication with Litestream (issue 21), measured from the outside with the built binary and the real litestream.

1. Recovery: the server runs with `litestream replicate` to a file replica while a clerk publishes papers over HTTP;
   the server and Litestream are killed with SIGKILL (the machine is lost), the store and its WAL deleted, the store
   restored with `litestream restore`, and the server started on it. Reports the acknowledged writes lost (the
   recovery point, in writes and seconds) and how long recovery took (restore, and restore until /readyz).
2. Read replicas: one writer and two `serve --read-only` replicas, each on a copy kept by `litestream restore -f`;
   papers published through the writer, and the time until both replicas serve each one. The replicas must refuse
   sign-in and forms with a clear page, report their lag on /readyz and /metrics, and serve the OParl API.

Usage: python replication_check.py TOWNHALL_BINARY LITESTREAM_BINARY
Exits non-zero with a FAIL line for each problem.
"""
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from townhall_http import Client, finish, wait_until_up
import crash_safety
from crash_safety import Acknowledged, Store, Writer

LITESTREAM = os.path.abspath(sys.argv[2])
# Litestream's defaults, as README's configuration has them: a sync every second, a follower poll every second.
SYNC_INTERVAL = "1s"
FOLLOW_INTERVAL = "1s"
# A write acknowledged this long before the kill must have reached the replica (a sync interval, with room).
RECOVERY_POINT_LIMIT = 3.0
REPLICA_DELAY_LIMIT = 10.0


class TimedList(list):
    """The writer's list of acknowledged publications, each with the moment it was acknowledged."""

    def append(self, item):
        super().append((*item, time.time()))


def litestream_config(work, db, replica):
    path = os.path.join(work, "litestream.yml")
    with open(path, "w") as file:
        file.write(f"dbs:\n  - path: {db}\n    replica:\n      url: file://{replica}\n      sync-interval: {SYNC_INTERVAL}\n")
    return path


def start(args, env=None, log=None):
    return subprocess.Popen(args, env=env, cwd=crash_safety.ROOT, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT)


def stop(*processes):
    for process in processes:
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def published(db, paper_id):
    connection = sqlite3.connect(db)
    try:
        row = connection.execute("SELECT status FROM paper WHERE id = ?", (paper_id,)).fetchone()
        return row == ("published",)
    finally:
        connection.close()


def recovery(problems):
    store = Store("replicated")
    work = os.path.dirname(store.db)
    replica = os.path.join(work, "replica")
    config = litestream_config(work, store.db, replica)
    acknowledged = Acknowledged()
    acknowledged.papers = TimedList()
    server = start([crash_safety.BINARY, "serve", "--database", store.db, "--port", str(store.port)], env=store.env)
    litestream = start([LITESTREAM, "replicate", "-config", config])
    writer = None
    try:
        wait_until_up(store.base)
        writer = Writer(store.base, store.item_id, store.report_id, store.accounts, acknowledged)
        # Publications only: each is a save and a publish, both acknowledged with 303.
        writer.run = lambda: publish_until_stopped(writer)
        writer.start()
        time.sleep(8)
        killed_at = time.time()
        server.send_signal(signal.SIGKILL)
        litestream.send_signal(signal.SIGKILL)
        server.wait()
        litestream.wait()
        writer.stop.set()
        writer.join(timeout=10)
    finally:
        stop(server, litestream)
    papers = [entry for entry in acknowledged.papers if entry[2] <= killed_at]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(store.db + suffix):
            os.remove(store.db + suffix)
    started = time.time()
    restored = subprocess.run([LITESTREAM, "restore", "-o", store.db, f"file://{replica}"], capture_output=True, text=True)
    restore_seconds = time.time() - started
    if restored.returncode != 0:
        problems.append(f"litestream restore failed: {restored.stdout} {restored.stderr}")
        return
    server = start([crash_safety.BINARY, "serve", "--database", store.db, "--port", str(store.port)], env=store.env)
    try:
        wait_until_up(store.base)
        client = Client(store.base, 5)
        while client.get("/readyz").status != 200:
            time.sleep(0.02)
        ready_seconds = time.time() - started
    finally:
        stop(server)
    connection = sqlite3.connect(store.db)
    integrity = connection.execute("PRAGMA integrity_check").fetchall()
    connection.close()
    if integrity != [("ok",)]:
        problems.append(f"the restored store fails integrity_check: {integrity[:3]}")
    lost = [(paper_id, at) for paper_id, _, at in papers if not published(store.db, paper_id)]
    kept = [at for paper_id, _, at in papers if published(store.db, paper_id)]
    if len(papers) < 10:
        problems.append(f"too few acknowledged publications to mean anything ({len(papers)})")
    window = killed_at - min(at for _, at in lost) if lost else 0.0
    newest_kept = killed_at - max(kept) if kept else float("inf")
    print(f"recovery: {len(papers)} publications acknowledged in 8 s; after SIGKILL of the server and Litestream and the store "
          f"deleted, {len(lost)} lost (the recovery point: the lost ones were acknowledged in the last {window:.2f} s; the newest "
          f"kept, {newest_kept:.2f} s before the kill); litestream restore took {restore_seconds:.2f} s, restore until /readyz "
          f"answered 200 {ready_seconds:.2f} s; integrity_check {integrity[0][0]}")
    for paper_id, at in lost:
        if killed_at - at > RECOVERY_POINT_LIMIT:
            problems.append(f"paper {paper_id}, acknowledged {killed_at - at:.1f} s before the kill, was lost")


def publish_until_stopped(writer):
    n = 0
    while not writer.stop.is_set():
        n += 1
        try:
            if writer.clerk is None:
                writer.sign_in()
            writer.publish_paper(n)
        except (OSError, StopIteration, RuntimeError, ValueError, AttributeError):
            time.sleep(0.05)


def replicas(problems):
    store = Store("primary")
    # Papers on an agenda already published, so each is public the moment it is.
    store.item_id = store.one(
        "SELECT i.id FROM agendaItem i JOIN meeting m ON m.id = i.meetingId JOIN body b ON b.id = m.bodyId "
        "WHERE b.slug = 'harford-policing-board' AND NOT i.isExempt AND m.agendaPublishedAt IS NOT NULL "
        "ORDER BY m.startsAt DESC, i.position LIMIT 1")
    work = os.path.dirname(store.db)
    replica = os.path.join(work, "replica")
    config = litestream_config(work, store.db, replica)
    processes = []
    try:
        env = {**store.env, "TOWNHALL_REPLICATION_HEARTBEAT": "1"}
        processes.append(start([crash_safety.BINARY, "serve", "--database", store.db, "--port", str(store.port)], env=env))
        processes.append(start([LITESTREAM, "replicate", "-config", config]))
        wait_until_up(store.base)
        copies = []
        for n in (1, 2):
            copy = os.path.join(work, f"replica-{n}.sqlite")
            port = store.port + n
            base = f"http://127.0.0.1:{port}"
            # Attachments are files beside the store, not in it: a replica reads a copy of the writer's data folder
            # (shared here; rsync or a shared mount in production).
            for _ in range(100):
                if os.path.isdir(os.path.join(replica, "ltx")):
                    break
                time.sleep(0.1)
            processes.append(start([LITESTREAM, "restore", "-f", "-follow-interval", FOLLOW_INTERVAL, "-o", copy, f"file://{replica}"]))
            log = open(os.path.join(work, f"replica-{n}.log"), "w")
            processes.append(start([crash_safety.BINARY, "serve", "--read-only", "--database", copy, "--port", str(port)], env=store.env, log=log))
            copies.append(base)
        for base in copies:
            wait_until_up(base, 60)
            client = Client(base, 5)
            deadline = time.time() + 30
            while (ready := client.get("/readyz")).status != 200 and time.time() < deadline:
                time.sleep(0.1)
            if ready.status != 200:
                problems.append(f"replica {base} never became ready: {ready.text}")
            print(f"replica {base}: /readyz {ready.status} {ready.text.strip()!r}")
        acknowledged = Acknowledged()
        acknowledged.papers = TimedList()
        writer = Writer(store.base, store.item_id, store.report_id, store.accounts, acknowledged)
        writer.sign_in()
        delays = {base: [] for base in copies}
        for n in range(1, 9):
            writer.publish_paper(n)
            paper_id, title, at = acknowledged.papers[-1]
            if (status := Client(store.base, 5).get(f"/papers/{paper_id}").status) != 200:
                problems.append(f"the writer answered paper {paper_id}, just published, with {status}")
                break
            waiting = set(copies)
            while waiting and time.time() - at < REPLICA_DELAY_LIMIT:
                for base in list(waiting):
                    page = Client(base, 5).get(f"/papers/{paper_id}")
                    if page.status == 200 and title in page.text:
                        delays[base].append(time.time() - at)
                        waiting.discard(base)
                time.sleep(0.02)
            for base in waiting:
                problems.append(f"replica {base} did not serve paper {paper_id} within {REPLICA_DELAY_LIMIT:.0f} s of its publication")
            time.sleep(0.3)
        both = [max(pair) for pair in zip(*delays.values())]
        if both:
            print(f"read replicas: {len(both)} publications through the writer served by both replicas after a median of "
                  f"{statistics.median(both):.2f} s, at most {max(both):.2f} s (sync {SYNC_INTERVAL}, follow {FOLLOW_INTERVAL})")
        for base in copies:
            client = Client(base, 5)
            for method, path in (("GET", "/login"), ("POST", "/login"), ("GET", "/admin"), ("POST", f"/meetings/1/questions")):
                answer = client.request(method, path, b"" if method == "POST" else None,
                                        {"Content-Type": "application/x-www-form-urlencoded"} if method == "POST" else None)
                if answer.status != 403 or "read only" not in answer.text:
                    problems.append(f"replica {base} answered {method} {path} with {answer.status}, not the read-only page")
            metrics = client.get("/metrics").text
            if "townhall_replication_lag_seconds" not in metrics:
                problems.append(f"replica {base} /metrics has no replication lag")
            for path in ("/oparl/v1.1/system", "/oparl/v1.1/bodies", "/feeds/papers.atom", "/calendar.ics", "/bodies/harford-policing-board"):
                if (status := client.get(path).status) != 200:
                    problems.append(f"replica {base} answered {path} with {status}")
    finally:
        stop(*reversed(processes))


def main():
    problems = []
    recovery(problems)
    replicas(problems)
    if not problems:
        print("replication: recovery and read replicas as above, 0 problems")
    finish(problems)


if __name__ == "__main__":
    main()

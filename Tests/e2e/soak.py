"""Soak: public reads (wrk over a mix of pages, feeds, search and the API) and writes (a clerk publishing papers, a
provider submitting response versions) at the same time for several minutes against one server. Checks: wrk saw
no errors and no 5xx, every acknowledged write is in the store, the store passes integrity_check, and the server's
memory stayed bounded (sampled every 5 s). Writes its section of bench/results.md.

Usage: python soak.py TOWNHALL_BINARY SECONDS CONNECTIONS
"""
import datetime
import os
import re
import subprocess
import sys
import time

from crash_safety import Acknowledged, Store, check_store
from townhall_http import wait_until_up

BINARY = os.path.abspath(sys.argv[1])
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 300
CONNECTIONS = int(sys.argv[3]) if len(sys.argv) > 3 else 32
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MEMORY_LIMIT_MB = 200


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main():
    store = Store("soak")
    base = store.base
    paper = store.one("SELECT id FROM paper WHERE status = 'published' ORDER BY id LIMIT 1")
    meeting = store.one("SELECT id FROM meeting WHERE agendaPublishedAt IS NOT NULL ORDER BY id LIMIT 1")
    paths = ["/", f"/meetings/{meeting}", f"/papers/{paper}", "/search?q=budget", "/recommendations",
             "/bodies/harford-policing-board", "/feeds/papers.atom", "/calendar.ics", "/oparl/v1.1/bodies", "/data/responses.json"]

    server = store.serve(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    acknowledged = Acknowledged()
    writer = store.writer(acknowledged)
    samples = []
    try:
        wait_until_up(base)
        writer.start()
        started = time.time()
        wrk = subprocess.Popen(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-s",
                                os.path.join(ROOT, "bench", "soak.lua"), base, "--", *paths],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        while wrk.poll() is None:
            samples.append((time.time() - started, *rss_mb(server.pid)))
            time.sleep(5)
        output = wrk.stdout.read()
        writer.stop.set()
        writer.join(timeout=30)
        final_rss, peak = rss_mb(server.pid)
    finally:
        writer.stop.set()
        server.terminate()
        server.wait(timeout=30)
    problems = check_store(store.db, acknowledged)
    result = re.search(r"RESULT (\S+) (\S+) (\S+) (\S+) (\d+) (\d+) (\d+)", output)
    if not result:
        sys.exit(f"wrk gave no result:\n{output}")
    rps, p50, p95, p99, errors, requests, non2xx = result.groups()
    papers, responses = acknowledged.snapshot()
    if int(errors) or int(non2xx):
        problems.append(f"wrk saw {errors} socket errors or timeouts and {non2xx} responses that were not 2xx/3xx")
    if writer.failures:
        problems.append(f"{writer.failures} writes failed while the server was up")
    if peak >= MEMORY_LIMIT_MB:
        problems.append(f"peak memory {peak:.0f} MB")
    if not papers or not responses:
        problems.append("no writes were acknowledged")
    # Growth after the first minute, when caches are warm: a leak shows as a steady climb.
    warm = [rss for t, rss, _ in samples if t >= 60] or [rss for _, rss, _ in samples]
    growth = warm[-1] - warm[0] if warm else 0
    by_minute = ", ".join(f"{rss:.0f}" for t, rss, _ in samples if int(t) % 60 < 5)
    verdict = "passed" if not problems else "FAILED: " + "; ".join(problems)
    section = f"""## Soak test

Written by `make soak` (scripts/soak.sh, Tests/e2e/soak.py) on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}, commit {subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()}.
Release build on the demo store; for {SECONDS} s, wrk (2 threads, {CONNECTIONS} connections) cycled through {len(paths)} public URLs
(home, meeting, paper, search, tracker, body, Atom, iCalendar, OParl, JSON download) while one clerk published papers and
one provider submitted response versions over HTTP, without pause, on the same 2-core host.

| Reads | |
|---|---:|
| requests | {int(requests):,} |
| requests/s | {float(rps):,.0f} |
| p50 / p95 / p99 ms | {p50} / {p95} / {p99} |
| socket errors and timeouts | {errors} |
| responses not 2xx/3xx | {non2xx} |

| Writes | |
|---|---:|
| papers published (acknowledged) | {len(papers)} |
| response versions submitted (acknowledged) | {len(responses)} |
| acknowledged writes missing afterwards | {sum(1 for p in problems if 'lost' in p)} |
| failed write attempts | {writer.failures} |

Memory (RSS, sampled every 5 s): {samples[0][1]:.0f} MB at the start, {final_rss:.0f} MB at the end, peak {peak:.0f} MB; change
after the first minute {growth:+.0f} MB; by minute: {by_minute} MB (the store grows by every write, so some growth is
expected; a leak would climb without flattening). integrity_check and the search index check after the run: {"ok" if not any("check" in p for p in problems) else "failed"}.

Result: **{verdict}**."""
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "replace_section.py"), os.path.join(ROOT, "bench", "results.md"), "soak"],
                   input=section, text=True, check=True)
    print(section)
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Crawls the whole OParl 1.1 API of a running demo server and validates every object it meets (list members,
single objects, embedded objects) with Python's jsonschema against the OParl 1.1 schemas copied into this
directory from ../shared/data/oparl-1.1-schema. Also checks that nothing draft or exempt appears, that every
object type is reached, that ids resolve to themselves, and that modified_since filters lists.

Usage: python oparl_crawl.py http://127.0.0.1:PORT
"""
import json
import sys
import urllib.error
import urllib.request

from oparl_schema import TYPE_PREFIX, load_validators, problems as schema_problems

BASE = sys.argv[1].rstrip("/")
ROOT = BASE + "/oparl/v1.1/"
FORBIDDEN = ["(exempt)", "Confidential", "preferred bidder", "Capital programme", "Heads of terms"]


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        if not response.headers.get("Content-Type", "").startswith("application/json"):
            raise AssertionError(f"{url}: content type {response.headers.get('Content-Type')}")
        text = response.read().decode("utf-8")
    for word in FORBIDDEN:
        if word in text:
            raise AssertionError(f"{url}: leaks {word!r}")
    return json.loads(text)


def main():
    validators = load_validators()
    problems, seen_types, validated = [], {}, 0
    queue, visited = [ROOT + "system"], set()

    def check_object(obj, where):
        nonlocal validated
        found = schema_problems(validators, obj, where)
        problems.extend(found)
        if found and not obj.get("type", "").startswith(TYPE_PREFIX):
            return
        name = obj["type"][len(TYPE_PREFIX):]
        validated += 1
        seen_types[name] = seen_types.get(name, 0) + 1
        enqueue(obj)

    def enqueue(value):
        if isinstance(value, str) and value.startswith(ROOT) and value not in visited:
            visited.add(value)
            queue.append(value)
        elif isinstance(value, list):
            for item in value:
                enqueue(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "web":
                    enqueue(item)

    visited.add(queue[0])
    while queue:
        url = queue.pop(0)
        try:
            data = fetch(url)
        except (urllib.error.URLError, AssertionError, ValueError) as error:
            problems.append(f"{url}: {error}")
            continue
        if "data" in data and "pagination" in data:
            for obj in data["data"]:
                check_object(obj, url)
            enqueue(data.get("links", {}).get("next"))
        else:
            if data.get("id") != url.split("?")[0]:
                problems.append(f"{url}: id is {data.get('id')}")
            check_object(data, url)

    expected = ["System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper", "File",
                "Location", "LegislativeTerm", "Consultation"]
    for name in expected:
        if not seen_types.get(name):
            problems.append(f"no {name} object was reached")
    future = fetch(ROOT + "bodies/1/papers?modified_since=2999-01-01T00:00:00Z")
    if future["pagination"]["totalElements"] != 0 or future["data"]:
        problems.append("modified_since in the future still lists papers")
    past = fetch(ROOT + "bodies/1/papers?modified_since=2000-01-01T00:00:00Z&limit=1")
    if past["pagination"]["totalElements"] < 2 or len(past["data"]) != 1 or "next" not in past["links"]:
        problems.append(f"paging with limit=1 did not page: {past['pagination']}")
    try:
        urllib.request.urlopen(ROOT + "bodies/1/papers?modified_since=yesterday", timeout=30)
        problems.append("a bad modified_since was accepted")
    except urllib.error.HTTPError as error:
        if error.code != 400:
            problems.append(f"a bad modified_since gave {error.code}")

    for problem in problems:
        print("FAIL", problem)
    counts = ", ".join(f"{name} {seen_types.get(name, 0)}" for name in expected)
    print(f"oparl-crawl: {len(visited)} URLs fetched, {validated} objects validated ({counts}), {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

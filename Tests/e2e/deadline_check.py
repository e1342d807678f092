"""The calendar checked against an independent calculation: for every day from 2015 to 2028, the last on-time day of
an agenda (five clear working days, LGA 1972 s100B(3)) and the due day of a response under each kind of rule, worked
out here from their definitions with Python's datetime and the GOV.UK bank holiday file, and compared with what
`townhall holidays deadlines` prints (the same domain code the store uses). The council's closed days (s243) are
set through TOWNHALL_CLOSED_DAYS, so they are checked too.

usage: deadline_check.py TOWNHALL"""
import calendar
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile

FIRST, LAST = dt.date(2015, 1, 1), dt.date(2028, 12, 31)
CLOSED_SETTING = "12-24, 12-27..12-31, 2027-03-25"
RULES = ["2 calendar-months", "2 months-beginning-with", "2 months-beginning-with next-working-day", "8 weeks",
         "20 working-days", "1 calendar-months not-moved"]


def closed(day):
    """The closed days of CLOSED_SETTING, read from its meaning, not from Townhall's parser."""
    return (day.month == 12 and (day.day == 24 or 27 <= day.day <= 31)) or day == dt.date(2027, 3, 25)


def load_holidays():
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "Config", "bank-holidays.json")) as f:
        events = json.load(f)["england-and-wales"]["events"]
    return {dt.date.fromisoformat(event["date"]) for event in events}


HOLIDAYS = load_holidays()


def working(day):
    return day.weekday() < 5 and day not in HOLIDAYS and not closed(day)


def agenda_by(meeting, clear=5):
    """The latest day of publication with at least `clear` working days strictly between it and the meeting."""
    day = meeting - dt.timedelta(days=1)
    while sum(1 for n in range(1, (meeting - day).days) if working(day + dt.timedelta(days=n))) < clear:
        day -= dt.timedelta(days=1)
    return day


def add_months(day, months):
    """The same day `months` later, or that month's last day where it has none."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_working(day):
    while not working(day):
        day += dt.timedelta(days=1)
    return day


def due(rule, issued):
    parts = rule.split()
    count, unit, option = int(parts[0]), parts[1], (parts[2] if len(parts) > 2 else None)
    if unit == "working-days":
        day, left = issued, count
        while left:
            day += dt.timedelta(days=1)
            left -= working(day)
        return day
    if unit == "weeks":
        end, moves = issued + dt.timedelta(weeks=count), option != "not-moved"
    elif unit == "calendar-months":
        end, moves = add_months(issued, count), option != "not-moved"
    elif unit == "months-beginning-with":
        # The corresponding date rule (Dodds v Walker [1981] 1 WLR 1027): N months from a day end on the same day N
        # months later, or that month's last day where it has none; "beginning with" counts the first day (Zoan v
        # Rouamba [2000] 1 WLR 1509), so the period ends the day before a corresponding day. Not moved unless asked.
        index = issued.month - 1 + count
        year, month = issued.year + index // 12, index % 12 + 1
        last = calendar.monthrange(year, month)[1]
        end = dt.date(year, month, issued.day) - dt.timedelta(days=1) if issued.day <= last else dt.date(year, month, last)
        moves = option == "next-working-day"
    else:
        raise ValueError(rule)
    return next_working(end) if moves else end


def main():
    townhall = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as work:
        env = dict(os.environ, TOWNHALL_CLOSED_DAYS=CLOSED_SETTING, TOWNHALL_DATA_DIR=os.path.join(work, "data"))
        arguments = [townhall, "holidays", "deadlines", "--database", os.path.join(work, "t.sqlite"),
                     "--from", FIRST.isoformat(), "--to", LAST.isoformat()]
        for rule in RULES:
            arguments += ["--rule", rule]
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
        out = subprocess.run(arguments, env=env, cwd=root, capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        print(f"deadline check: townhall failed: {out.stderr.strip()}")
        return 1
    lines = out.stdout.strip().split("\n")
    header, rows = lines[0].split("\t"), [line.split("\t") for line in lines[1:]]
    problems, checked = [], 0
    expected_days = (LAST - FIRST).days + 1
    if len(rows) != expected_days:
        problems.append(f"{len(rows)} rows for {expected_days} days")
    for row in rows:
        day = dt.date.fromisoformat(row[0])
        want = ["yes" if working(day) else "no", agenda_by(day).isoformat()] + [due(rule, day).isoformat() for rule in RULES]
        for name, got, expected in zip(header[1:], row[1:], want):
            checked += 1
            if got != expected:
                problems.append(f"{day} {name}: townhall {got}, independent {expected}")
    for problem in problems[:20]:
        print("deadline check:", problem)
    print(f"deadline check: {len(rows)} days from {FIRST} to {LAST}, {checked} deadlines compared "
          f"({', '.join(header[1:])}), closed days {CLOSED_SETTING!r}: {len(problems)} differences")
    return 1 if problems or not rows else 0


if __name__ == "__main__":
    sys.exit(main())

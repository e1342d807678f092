"""Replaces the text between <!-- NAME:start --> and <!-- NAME:end --> in FILE with standard input (appending the
section if it is not there), so `make bench` and `make soak` each rewrite their own part of bench/results.md and
leave the rest alone. Usage: python3 replace_section.py FILE NAME < text"""
import os
import sys

path, name = sys.argv[1], sys.argv[2]
start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
text = sys.stdin.read().rstrip("\n")
old = open(path).read() if os.path.exists(path) else ""
block = f"{start}\n{text}\n{end}"
if start in old and end in old:
    new = old[:old.index(start)] + block + old[old.index(end) + len(end):]
else:
    new = (old.rstrip("\n") + "\n\n" if old.strip() else "") + block + "\n"
open(path, "w").write(new)

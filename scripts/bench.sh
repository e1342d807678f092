#!/usr/bin/env bash
# `make bench`: a release build, bench stores seeded once (kept in var/bench), then bench/bench.py, which measures
# random pages beside nginx, the front pages under writes, an OParl harvest, bounded renders, abandoned requests,
# overload and a scaling table, and writes bench/results.md. It takes 15-30 minutes on 2 cores, plus seeding the
# first time. BENCH_SCALES (default "10000 100000"; add 300000 for the 300k row) lists the store sizes; the
# 100,000-paper store is the main one. BENCH_RESEED=1 rebuilds the stores.
set -euo pipefail
cd "$(dirname "$0")/.."
scales=${BENCH_SCALES:-"10000 100000"}
townhall=.build/release/townhall
work=var/bench
mkdir -p "$work"
swift build -c release --product townhall
args=()
for papers in $scales; do
  bodies=$(( papers * 3 / 1000 )); [ "$bodies" -lt 1 ] && bodies=1
  db="$work/bench-$bodies-$papers.sqlite"
  if [ "${BENCH_RESEED:-0}" = 1 ]; then rm -f "$db" "$db-wal" "$db-shm"; fi
  if [ ! -f "$db" ]; then
    echo "seeding $papers papers across $bodies bodies (once; kept in $db)"
    start=$(date +%s)
    TOWNHALL_DATA_DIR="$work/data" "$townhall" demo bench-seed --database "$db" --bodies "$bodies" --papers "$papers"
    echo "seeded in $(( $(date +%s) - start )) s"
  fi
  args+=("$papers=$db")
done
main="$work/bench-300-100000.sqlite"
[ -f "$main" ] || { echo "bench: the main 100,000-paper store is missing; include 100000 in BENCH_SCALES" >&2; exit 1; }
python3 bench/bench.py "$townhall" "$main" "${args[@]}"

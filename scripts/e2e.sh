#!/usr/bin/env bash
# Seeds a throwaway demo store, serves it on a free loopback port, runs the browser check, always stops the server.
set -euo pipefail
townhall=$1
python=$2
work=$(mktemp -d)
port=${E2E_PORT:-$((20000 + RANDOM % 20000))}
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export TOWNHALL_DATA_DIR="$work/data"
"$townhall" demo seed --database "$work/demo.sqlite" >/dev/null
"$townhall" serve --database "$work/demo.sqlite" --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
"$python" Tests/e2e/public_site.py "http://127.0.0.1:$port" || { echo "server log:"; tail -20 "$work/server.log"; exit 1; }

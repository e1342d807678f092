#!/usr/bin/env bash
# Seeds a throwaway demo store with a clerk account, serves it on a loopback port, runs the browser checks,
# and always stops the server.
set -euo pipefail
townhall=$(realpath "$1")
python=$2
work=$(mktemp -d)
port=${E2E_PORT:-$((20000 + RANDOM % 12000))}
server=""
# The server must stop cleanly after everything the suites did to it: SIGTERM, then exit status 0.
stop_server() {
  [ -n "$server" ] || return 0
  kill "$server" 2>/dev/null || true
  local code=0
  wait "$server" || code=$?
  server=""
  [ "$code" -eq 0 ] && return 0
  echo "FAIL: the server exited with status $code on SIGTERM after the suites; its log ends:"
  tail -40 "$work/server.log"
  return 1
}
cleanup() { stop_server || true; rm -rf "$work"; }
trap cleanup EXIT
export TOWNHALL_DATA_DIR="$work/data"
db="$work/demo.sqlite"
"$townhall" demo seed --database "$db" >/dev/null
export TOWNHALL_E2E_EMAIL="e2e.clerk@townhall.test"
export TOWNHALL_E2E_PASSWORD="e2e-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$TOWNHALL_E2E_PASSWORD" | "$townhall" user add --database "$db" --email "$TOWNHALL_E2E_EMAIL" \
  --name "E2E Clerk" --role clerk --body harford-policing-board >/dev/null
export TOWNHALL_E2E_LPAC_EMAIL="e2e.lpac.clerk@townhall.test"
export TOWNHALL_E2E_LPAC_PASSWORD="e2e-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$TOWNHALL_E2E_LPAC_PASSWORD" | "$townhall" user add --database "$db" --email "$TOWNHALL_E2E_LPAC_EMAIL" \
  --name "E2E LPAC Clerk" --role clerk --body harford-lpac >/dev/null
export TOWNHALL_E2E_PROVIDER_EMAIL="e2e.police@townhall.test"
export TOWNHALL_E2E_PROVIDER_PASSWORD="e2e-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$TOWNHALL_E2E_PROVIDER_PASSWORD" | "$townhall" user add --database "$db" --email "$TOWNHALL_E2E_PROVIDER_EMAIL" \
  --name "E2E Police Responder" --role provider --organisation harford-police >/dev/null
# Absolute links in feeds and the OParl API point at this server, so the crawler can follow them.
export TOWNHALL_BASE_URL="http://127.0.0.1:$port"
# Agenda packs as tagged PDF, by the WeasyPrint the test virtualenv holds.
export TOWNHALL_PDF_COMMAND="$(dirname "$python")/weasyprint --pdf-variant pdf/ua-1"
"$townhall" serve --database "$db" --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
status=0
(cd Tests/e2e && "$python" live_server.py "http://127.0.0.1:$port" "$townhall" "$db") || status=1
(cd Tests/e2e && "$python" number_fuzz.py "http://127.0.0.1:$port" "$townhall" "$server") || status=1
(cd Tests/e2e && TOWNHALL_E2E_DATABASE="$db" "$python" public_site.py "http://127.0.0.1:$port") || status=1
(cd Tests/e2e && "$python" clerk_journey.py "http://127.0.0.1:$port") || status=1
(cd Tests/e2e && "$python" recommendations_journey.py "http://127.0.0.1:$port") || status=1
(cd Tests/e2e && TOWNHALL_E2E_DATABASE="$db" "$python" invalid_forms.py "http://127.0.0.1:$port") || status=1
(cd Tests/e2e && "$python" oparl_crawl.py "http://127.0.0.1:$port") || status=1
# Last on this server: the fuzzer changes (and deletes) much of the demo.
(cd Tests/e2e && TOWNHALL_E2E_DATABASE="$db" "$python" form_fuzz.py "http://127.0.0.1:$port") || status=1
if [ $status -ne 0 ]; then echo "server log:"; tail -20 "$work/server.log"; fi
stop_server || status=1
# The calendar against an independent calculation, 2015 to 2028 (no server).
(cd Tests/e2e && "$python" deadline_check.py "$townhall") || status=1
# These start and stop their own servers.
(cd Tests/e2e && "$python" oparl_mirror.py "$townhall" 60) || status=1
(cd Tests/e2e && "$python" crash_safety.py "$townhall" 10) || status=1
(cd Tests/e2e && "$python" graceful_shutdown.py "$townhall") || status=1
(cd Tests/e2e && "$python" slow_connections.py "$townhall") || status=1
(cd Tests/e2e && "$python" load_shedding.py "$townhall") || status=1
(cd Tests/e2e && "$python" abandoned_requests.py "$townhall") || status=1
# Follows delivered through msmtp to a real SMTP server on loopback.
(cd Tests/e2e && "$python" mail_delivery.py "$townhall") || status=1
# Litestream: recovery after the machine is lost, and two read-only replicas following a writer.
(cd Tests/e2e && "$python" replication_check.py "$townhall" "$(dirname "$python")/litestream") || status=1
# Installed by make install and as a Debian package, started from outside the checkout (needs root, as CI is).
Tests/e2e/install_check.sh "$townhall" || status=1
exit $status

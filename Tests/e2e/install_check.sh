#!/usr/bin/env bash
# Installs a built townhall and starts it from somewhere other than the checkout (issue 21):
#   1. `make install PREFIX=<temporary>`: `demo seed` and `serve` run from /, answer a page and a static file;
#      a copy with nothing installed beside it stops with one line naming TOWNHALL_HOME, which then mends it.
#   2. the Debian package (scripts/package-deb.sh), installed with dpkg: the townhall user, /etc/townhall and
#      /var/lib/townhall are made, and the service is started as systemd would: the unit's own User, Environment,
#      WorkingDirectory, ExecStartPre and ExecStart lines; it answers pages; SIGTERM stops it; purge removes it.
# Needs root (or sudo without a password) for dpkg; CI runs as root. TOWNHALL_PORT picks a free port over the
# packaged configuration's 8080. Given a package (as `.ci/run` gives the release one `make deb` built), it installs
# that instead of packaging BINARY.
#   Tests/e2e/install_check.sh BINARY [PACKAGE.deb]
set -euo pipefail
cd "$(dirname "$0")/../.."
townhall=$(realpath "$1")
package=${2:+$(realpath "$2")}
work=$(mktemp -d)
chmod 755 "$work"
server=""
problems=0
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  dpkg -s townhall >/dev/null 2>&1 && $sudo dpkg --purge townhall >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "install check: FAIL: $*"; problems=$((problems + 1)); }
port() { echo $((20000 + RANDOM % 12000)); }
# A clean environment: nothing from the caller's TOWNHALL_* settings, and never the checkout as working directory.
clean() { env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/ "$@"; }
wait_up() {
  for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}
expect_page() {  # port path text
  local body
  body=$(curl -fsS "http://127.0.0.1:$1$2") || { fail "GET $2 did not answer 200"; return; }
  grep -q "$3" <<<"$body" || fail "GET $2 lacks \"$3\""
}

# 1. make install into a temporary prefix.
prefix="$work/prefix"
make --no-print-directory install PREFIX="$prefix" BINARY="$townhall" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "make install"; }
[ -f "$prefix/share/townhall/Templates/layout.mustache" ] || fail "make install left no templates in share/townhall"
(cd / && clean TOWNHALL_DATA_DIR="$work/data" "$prefix/bin/townhall" demo seed --database "$work/installed.sqlite" >/dev/null) \
  || fail "the installed demo seed, run from /, failed"
p=$(port)
(cd / && exec env -i PATH=/usr/bin:/bin HOME=/ TOWNHALL_DATA_DIR="$work/data" "$prefix/bin/townhall" serve --database "$work/installed.sqlite" --port "$p") >"$work/installed.log" 2>&1 &
server=$!
if wait_up "$p"; then
  expect_page "$p" / "Harford and Marsh Vale Policing Board"
  expect_page "$p" /css/townhall.css "font"
else
  fail "the installed server did not start"; cat "$work/installed.log"
fi
kill "$server" 2>/dev/null || true; wait "$server" || true; server=""
lonely="$work/lonely/bin"
mkdir -p "$lonely" && cp "$townhall" "$lonely/townhall"
said=$(cd / && clean "$lonely/townhall" serve --database "$work/lonely.sqlite" --port "$(port)" 2>&1 >/dev/null) && fail "a binary with no templates beside it started"
[ "$(wc -l <<<"$said")" = 1 ] && grep -q TOWNHALL_HOME <<<"$said" || fail "a binary with no templates said: $said"
p=$(port) checkout=$PWD
(cd / && exec env -i PATH=/usr/bin:/bin HOME=/ TOWNHALL_HOME="$checkout" TOWNHALL_DATA_DIR="$work/data" "$lonely/townhall" serve --database "$work/installed.sqlite" --port "$p") >"$work/home.log" 2>&1 &
server=$!
wait_up "$p" && expect_page "$p" / "Harford and Marsh Vale Policing Board" || fail "TOWNHALL_HOME did not mend it: $(tail -2 "$work/home.log")"
kill "$server" 2>/dev/null || true; wait "$server" || true; server=""

# 2. The Debian package.
if ! $sudo true 2>/dev/null; then
  fail "installing the package needs root or sudo without a password"
  exit 1
fi
if [ -n "$package" ]; then
  deb=$package
else
  deb=$(scripts/package-deb.sh "$townhall" "$work" --allow-unpackaged-libraries 2>"$work/package.log") || { cat "$work/package.log"; fail "packaging"; exit 1; }
fi
$sudo dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; exit 1; }
getent passwd townhall >/dev/null || fail "no townhall user"
[ "$(stat -c %U /var/lib/townhall)" = townhall ] || fail "/var/lib/townhall is not the townhall user's"
[ "$(stat -c %a:%G /etc/townhall/townhall.json)" = 640:townhall ] || fail "/etc/townhall/townhall.json is not 640 root:townhall"
unit=/lib/systemd/system/townhall.service
[ -f "$unit" ] || { fail "no systemd unit"; exit 1; }
setting() { sed -n "s/^$1=//p" "$unit"; }
user=$(setting User) directory=$(setting WorkingDirectory)
mapfile -t environment < <(setting Environment)
p=$(port)
# setpriv changes user and execs, as systemd does, so the server is this process and its exit status is its own.
service=($sudo setpriv --reuid="$user" --regid="$user" --init-groups -- env -i PATH=/usr/bin:/bin "${environment[@]}" TOWNHALL_PORT="$p")
as_service() { (cd "$directory" && exec "${service[@]}" "$@"); }
while read -r line; do
  [ -n "$line" ] || continue
  read -ra command <<<"$line"
  as_service "${command[@]}" >/dev/null || fail "ExecStartPre=$line failed"
done < <(setting ExecStartPre)
as_service /usr/bin/townhall demo seed >/dev/null || fail "demo seed as the townhall user failed"
read -ra command <<<"$(setting ExecStart)"
(cd "$directory" && exec "${service[@]}" "${command[@]}") >"$work/service.log" 2>&1 &
server=$!
if wait_up "$p"; then
  expect_page "$p" / "Harford and Marsh Vale Policing Board"
  expect_page "$p" /css/townhall.css "font"
  expect_page "$p" /readyz "ready"
  [ "$(stat -c %U /var/lib/townhall/townhall.sqlite)" = townhall ] || fail "the store is not the townhall user's"
else
  fail "the packaged service did not start"; cat "$work/service.log"
fi
kill -TERM "$server"
wait "$server" && stopped=0 || stopped=$?
server=""
[ "$stopped" = 0 ] || fail "the service exited $stopped on SIGTERM"
$sudo dpkg --purge townhall >/dev/null 2>&1 || fail "dpkg --purge"
[ ! -e /var/lib/townhall ] && [ ! -e /usr/bin/townhall ] && [ ! -e /etc/townhall ] || fail "purge left files behind"
if [ $problems -eq 0 ]; then echo "install check: make install and the Debian package ($(basename "$deb")) both serve pages from outside the checkout (0 problems)"; fi
exit $(( problems > 0 ))

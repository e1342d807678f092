#!/usr/bin/env bash
# `make deb`: packages a built townhall binary as a Debian package with dpkg-deb (issue 21).
#   scripts/package-deb.sh BINARY OUTPUT_DIR [--allow-unpackaged-libraries]
# Lays out /usr/bin/townhall, /usr/share/townhall (templates, static files, bank holidays), /etc/townhall (the
# configuration and bank holiday list, both conffiles), the systemd unit and the maintainer scripts that make the
# `townhall` system user and /var/lib/townhall. Depends: is read off the binary's shared libraries with dpkg -S, so
# it names exactly what the binary loads. A library no package owns (the Swift runtime of a build without
# --static-swift-stdlib) stops the build unless --allow-unpackaged-libraries, which the CI install check uses to
# package its debug binary on a machine that has Swift.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$1 out=$2 allow=${3:-}
[ -x "$binary" ] || { echo "package-deb: $binary is not an executable" >&2; exit 1; }
version=${TOWNHALL_VERSION:-0.1.$(git rev-list --count HEAD 2>/dev/null || echo 0)}
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/townhall_${version}_$arch"

install -Dm755 "$binary" "$root/usr/bin/townhall"
mkdir -p "$root/usr/share/townhall/Config"
cp -r Templates Public "$root/usr/share/townhall/"
install -m644 Config/bank-holidays.json "$root/usr/share/townhall/Config/bank-holidays.json"
install -Dm644 Config/debian/townhall.json "$root/etc/townhall/townhall.json"
install -Dm644 Config/bank-holidays.json "$root/etc/townhall/bank-holidays.json"
install -Dm644 Config/systemd/townhall.service "$root/lib/systemd/system/townhall.service"
install -Dm644 README.md "$root/usr/share/doc/townhall/README.md"
install -Dm644 ARCHITECTURE.md "$root/usr/share/doc/townhall/ARCHITECTURE.md"
install -Dm644 Config/litestream.yml "$root/usr/share/doc/townhall/litestream.yml"
mkdir -p "$root/DEBIAN"
install -m755 Config/debian/postinst Config/debian/prerm Config/debian/postrm "$root/DEBIAN/"
printf '/etc/townhall/townhall.json\n/etc/townhall/bank-holidays.json\n' > "$root/DEBIAN/conffiles"

# Depends: the packages owning each shared library the binary loads.
packages=() unowned=()
while read -r library; do
  owner=$(dpkg -S "$(readlink -f "$library")" 2>/dev/null || dpkg -S "$library" 2>/dev/null || true)
  if [ -n "$owner" ]; then packages+=("${owner%%:*}"); else unowned+=("$library"); fi
done < <(ldd "$binary" | awk '/=> \//{print $3} /^\t\/[^ ]+ \(/{print $1}')
if [ ${#unowned[@]} -gt 0 ]; then
  if [ "$allow" = --allow-unpackaged-libraries ]; then
    echo "package-deb: warning: no Debian package provides ${unowned[*]}; this package runs only where they are installed" >&2
  else
    echo "package-deb: no Debian package provides ${unowned[*]}; build with --static-swift-stdlib (make deb does)" >&2
    exit 1
  fi
fi
depends=$(printf '%s\n' "${packages[@]}" | sort -u | paste -sd, - | sed 's/,/, /g')
size=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: townhall
Version: $version
Architecture: $arch
Maintainer: Townhall developers <townhall@localhost>
Installed-Size: $size
Depends: $depends, passwd
Suggests: weasyprint, msmtp-mta | default-mta, litestream
Section: web
Priority: optional
Homepage: https://github.com/townhall/townhall
Description: public meetings, papers and scrutiny for English local government
 Townhall runs Policing Boards, local education panels, Local Public Accounts
 Committees and peer challenges: meetings, papers, recommendations and the
 providers' responses, with open data (OParl 1.1, feeds, calendars, CSV/JSON).
 The service runs as the townhall user with its store in /var/lib/townhall.
CONTROL
mkdir -p "$out"
dpkg-deb --root-owner-group --build "$root" "$out/townhall_${version}_$arch.deb" >/dev/null
echo "$out/townhall_${version}_$arch.deb"

#!/usr/bin/env bash
# fetch-libfdt.sh DIR: put libfdt's sources (scripts/dtc/libfdt of Debian's
# linux-source-6.1) into DIR, once per machine.  Nothing is committed: DIR
# is a cache outside the repository.  DIR/.complete marks a finished copy.
set -euo pipefail

dir=${1:?usage: fetch-libfdt.sh DIR}
pkg=linux-source-6.1
[ -f "$dir/.complete" ] && exit 0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
# _apt cannot write to a private temporary directory; let it.
chmod 755 "$tmp"

echo "libfdt: downloading $pkg (once per machine, into $dir)"
if ! apt-get download -q "$pkg" >/dev/null 2>&1; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "libfdt: 'apt-get download $pkg' failed; run as root: apt-get update" >&2
		exit 1
	fi
	apt-get update -q >/dev/null
	apt-get download -q "$pkg" >/dev/null
fi

echo "libfdt: extracting scripts/dtc/libfdt"
dpkg-deb --fsys-tarfile ./"$pkg"_*.deb |
	tar -xO "./usr/src/$pkg.tar.xz" |
	tar -xJ --wildcards "$pkg/scripts/dtc/libfdt/*"

# Fill a private copy and rename it into place, so that two builds racing
# on a fresh machine never see half a directory.
mkdir -p "$(dirname "$dir")"
new=$(mktemp -d "$dir.XXXXXX")
chmod 755 "$new"
cp "$pkg"/scripts/dtc/libfdt/* "$new"/
dpkg-deb -f ./"$pkg"_*.deb Version >"$new/.complete"
rm -rf "$dir"
mv "$new" "$dir" || rm -rf "$new"
echo "libfdt: $pkg $(cat "$dir/.complete") in $dir"

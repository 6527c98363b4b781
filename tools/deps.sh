#!/usr/bin/env bash
# Install the Debian packages named on the command line that are missing.
# Quick when all are present (one dpkg-query, no apt-get).  As root it runs
# apt-get itself; otherwise it prints the exact command and fails.
set -euo pipefail

# Not Debian: nothing to ask, nothing to install with; the build says what
# it lacks when it gets there.
if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: no dpkg-query (not Debian?): not checking packages ($*)" >&2
	exit 0
fi

missing=()
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages: ${missing[*]}" >&2
	echo "deps: run as root:  apt-get update && $cmd" >&2
	exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet, and old lists may name files
# the mirror no longer has: update first or after a failed try.
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
	apt-get update -q
fi
if ! apt-get install -y -q --no-install-recommends "${missing[@]}"; then
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

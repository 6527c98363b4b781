#!/usr/bin/env bash
# fetch-linux-source.sh DIR=ROOT[:SUB,SUB...] ...
#
# Put parts of Debian's linux-source-6.1 into the user cache, once per
# machine: for each DIR=ROOT, all of the kernel tree's ROOT becomes DIR;
# with :SUB,SUB... only those files or directories below ROOT, at the same
# paths below DIR.  For example
#
#   fetch-linux-source.sh ~/.cache/memblock-rv/libfdt=scripts/dtc/libfdt \
#       ~/.cache/memblock-rv/linux-memblock-tests=tools:testing/memblock,include
#
# The package is downloaded once for every DIR that is missing; DIR/.complete
# (the package version) marks a finished copy.  Nothing is committed: the
# DIRs are a cache outside the repository.
set -euo pipefail

pkg=linux-source-6.1
[ $# -gt 0 ] || { echo "usage: fetch-linux-source.sh DIR=ROOT[:SUB,SUB...] ..." >&2; exit 2; }

missing=()
for spec in "$@"; do
	case "$spec" in
	*=?*) ;;
	*) echo "fetch-linux-source: '$spec' is not DIR=ROOT[:SUB,...]" >&2; exit 2 ;;
	esac
	# absolute: the work below happens in a temporary directory
	spec=$(realpath -m "${spec%%=*}")=${spec#*=}
	[ -f "${spec%%=*}/.complete" ] || missing+=("$spec")
done
[ ${#missing[@]} -gt 0 ] || exit 0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
# _apt cannot write to a private temporary directory; let it.
chmod 755 "$tmp"

names=$(for spec in "${missing[@]}"; do echo "${spec%%=*}"; done | xargs -n1 basename | xargs)
echo "$pkg: downloading (once per machine, for $names)"
if ! apt-get download -q "$pkg" >/dev/null 2>&1; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "$pkg: 'apt-get download $pkg' failed; run as root: apt-get update" >&2
		exit 1
	fi
	apt-get update -q >/dev/null
	apt-get download -q "$pkg" >/dev/null
fi
version=$(dpkg-deb -f ./"$pkg"_*.deb Version)

# Every path wanted, from one pass over the tarball.
paths=()
for spec in "${missing[@]}"; do
	what=${spec#*=}
	root=${what%%:*}
	if [ "$what" = "$root" ]; then
		paths+=("$pkg/$root")
	else
		IFS=, read -r -a subs <<<"${what#*:}"
		for sub in "${subs[@]}"; do
			paths+=("$pkg/$root/$sub")
		done
	fi
done
echo "$pkg: extracting ${paths[*]#"$pkg/"}"
dpkg-deb --fsys-tarfile ./"$pkg"_*.deb |
	tar -xO "./usr/src/$pkg.tar.xz" |
	tar -xJ "${paths[@]}"

# Fill a private copy of each DIR and rename it into place, so that two
# builds racing on a fresh machine never see half a directory.
for spec in "${missing[@]}"; do
	dir=${spec%%=*}
	what=${spec#*=}
	root=${what%%:*}
	mkdir -p "$(dirname "$dir")"
	new=$(mktemp -d "$dir.XXXXXX")
	chmod 755 "$new"
	if [ "$what" = "$root" ]; then
		cp -R "$pkg/$root/." "$new"/
	else
		IFS=, read -r -a subs <<<"${what#*:}"
		(cd "$pkg/$root" && cp -R --parents "${subs[@]}" "$new"/)
	fi
	echo "$version" >"$new/.complete"
	rm -rf "$dir"
	mv "$new" "$dir" || rm -rf "$new"
	echo "$pkg: $version in $dir"
done

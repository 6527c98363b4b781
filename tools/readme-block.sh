#!/bin/sh
# readme-block.sh: README.md text that a tool writes, between a begin and
# an end marker line: write it there, or check that it is there.
#
# Usage: tools/readme-block.sh write|check README BEGIN END FILE HOW
#   BEGIN, END  the marker lines, each exactly once in README
#   FILE        what belongs between them
#   HOW         the command that writes it, named when the check fails
set -eu

if [ $# -ne 6 ] || { [ "$1" != write ] && [ "$1" != check ]; }; then
	echo "usage: $0 write|check README BEGIN END FILE HOW" >&2
	exit 2
fi
what=$1 readme=$2 begin=$3 end=$4 block=$5 how=$6

if [ "$(grep -cxF -- "$begin" "$readme")" != 1 ] ||
   [ "$(grep -cxF -- "$end" "$readme")" != 1 ]; then
	echo "$readme: needs exactly one line \"$begin\" and one \"$end\"" >&2
	exit 1
fi
new=$(mktemp)
trap 'rm -f "$new"' EXIT
awk -v b="$begin" -v e="$end" -v t="$block" '
	$0 == b { print; while ((getline l < t) > 0) print l; skip = 1; next }
	$0 == e { skip = 0 }
	!skip' "$readme" >"$new"

if [ "$what" = write ]; then
	cmp -s "$new" "$readme" || cat "$new" >"$readme"
elif ! cmp -s "$new" "$readme"; then
	echo "$readme: the text after \"$begin\" is not what $block holds: run \`$how\` and commit $readme" >&2
	diff "$readme" "$new" >&2 || true
	exit 1
fi

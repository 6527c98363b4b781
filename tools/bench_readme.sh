#!/bin/sh
# README.md's benchmark table, between its two bench-table markers, is
# written from reports/ by tools/bench_report.c (`make bench-readme`, run
# by `make bench`), and checked against reports/ by `make test`.
#
# Usage: tools/bench_readme.sh write|check README BENCH_REPORT CSV META TARGETS
set -eu

if [ $# -ne 6 ] || { [ "$1" != write ] && [ "$1" != check ]; }; then
	echo "usage: $0 write|check README BENCH_REPORT CSV META TARGETS" >&2
	exit 2
fi
what=$1 readme=$2 report=$3 csv=$4 meta=$5 targets=$6
begin='<!-- bench-table: written by `make bench-readme` from reports/; make test checks it -->'
end='<!-- end bench-table -->'

if [ "$(grep -cxF -- "$begin" "$readme")" != 1 ] ||
   [ "$(grep -cxF -- "$end" "$readme")" != 1 ]; then
	echo "$readme: needs exactly one line \"$begin\" and one \"$end\"" >&2
	exit 1
fi
table=$(mktemp) new=$(mktemp)
trap 'rm -f "$table" "$new"' EXIT
"$report" --readme "$csv" "$meta" "$targets" >"$table"
awk -v b="$begin" -v e="$end" -v t="$table" '
	$0 == b { print; while ((getline l < t) > 0) print l; skip = 1; next }
	$0 == e { skip = 0 }
	!skip' "$readme" >"$new"

if [ "$what" = write ]; then
	cmp -s "$new" "$readme" || cat "$new" >"$readme"
elif ! cmp -s "$new" "$readme"; then
	echo "$readme: its benchmark table is not the one $csv gives: run \`make bench-readme\` (make bench does) and commit README.md" >&2
	diff "$readme" "$new" >&2 || true
	exit 1
fi

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

table=$(mktemp)
trap 'rm -f "$table"' EXIT
"$report" --readme "$csv" "$meta" "$targets" >"$table"
"$(dirname "$0")/readme-block.sh" "$what" "$readme" "$begin" "$end" "$table" \
	"make bench-readme"

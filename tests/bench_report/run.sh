#!/bin/sh
# Test of tools/bench_report.c: run it on the fixture (fixture.csv and
# fixture-meta.txt: invented numbers, not measurements) and check the
# report line by line; then check that malformed CSVs, a missing gnuplot
# and a wrong command line fail.  Silent but for failures and the count.
#
#   tests/bench_report/run.sh <bench_report binary> <scratch dir>

set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 <bench_report binary> <scratch dir>" >&2
	exit 2
fi
bin=$1
work=$2
here=$(dirname "$0")
out=$work/out
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# has <text>: bench.md contains the line fragment <text>.
has() {
	if grep -qF -- "$1" "$out/bench.md"; then ok; else bad "bench.md lacks: $1"; fi
}

# rejects <file.csv> <text>: bench_report fails on it, says <text>, writes nothing.
rejects() {
	rm -rf "$work/bad"
	if "$bin" "$here/$1" "$here/fixture-meta.txt" "$work/bad" >"$work/stdout" 2>"$work/stderr"; then
		bad "$1: exit status 0"
	elif ! grep -qF -- "$2" "$work/stderr"; then
		bad "$1: message lacks \"$2\": $(cat "$work/stderr")"
	elif [ -e "$work/bad" ]; then
		bad "$1: wrote $work/bad"
	else
		ok
	fi
}

rm -rf "$work"
mkdir -p "$work"

# ---- The fixture's report -----------------------------------------------
if "$bin" "$here/fixture.csv" "$here/fixture-meta.txt" "$out" >"$work/stdout" 2>"$work/stderr"; then
	ok
else
	bad "fixture: exit status $?: $(cat "$work/stderr")"
fi
[ -f "$out/bench.md" ] || { echo "FAIL: no bench.md"; echo "$pass passed, $((fail + 1)) failed"; exit 1; }

# Tables: medians with separators, baseline first; speed-ups; crossovers.
has '| N | linear/linear (Linux 4.12 baseline) | linear/binary | binary/linear | gaptree/binary |'
has '| 16,384 | 2,751,003 | 2,760,000 | 1,800 | 1,204 |'
has '| 16,384 | 1.00× | 1,528.34× | 2,284.89× |'
has '| **wins from** | never | from 256 | always (from 16) |'
has '| 16,384 | 5,200.5 | 1,850.5 |'
has '#### `limit` `alloc`: median instructions per call'
has '#### `dtbuild` `build`: median instructions per region added'
has '#### `limit` `alloc`: median rdcycle ticks per call'
has '#### `limit` `alloc`: median TSC ticks per call'
has '#### `scan` `find`: median instructions per call'

# Targets.
has '- `limit` `alloc` ≤ 1,500 instructions per call, best combination at 16,384 regions: **met**: 1,204 with gaptree/binary.'
has '- `frag` `alloc` ≤ 2,500 instructions per call, best combination at 16,384 regions: **NOT met**: 3,010 with gaptree/binary.'
has '- `dtbuild` `build` ≤ 2,000 instructions per region, best combination at 16,384 regions: **met**: 1,850.5 with gaptree/binary.'
has '**met**: gaptree/binary from 800 to 1,204 instructions (1.50×).'
has '**NOT met**: gaptree/binary from 1,100 to 3,010 instructions (2.74×).'
has '- `topfit` `find`: no combination costs more than 1.30× Linux 4.12'"'"'s at 16,384 regions: not measured'
has '**NOT met**: the costliest relative to the baseline is binary/linear at 1.50× (3,000 against 2,000 instructions)'

# Conclusions.
has '- At 16,384 regions, `limit` `alloc` costs 2,751,003 instructions with Linux 4.12'"'"'s walk (linear/linear) and 1,204 with gaptree/binary (2,285× less).'
has '- At 16,384 regions, `topfit` `alloc` is cheapest with Linux 4.12'"'"'s walk (linear/linear): 2,000 instructions.'
has 'gaptree/binary is cheaper than the baseline from 16,384 regions on.'
has '- Overall, in mode `icount`, choose **gaptree/binary**'
has 'In 3 of 4 cases (workload, op, N) measured in both `icount` and `host`'

# Gap index memory, environment, the unknown meta keys verbatim.
has '| 16,384 | 524,288 | 32 |'
has '| QEMU | QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u7) |'
has '| `icount` | instructions | 2 | 32 | 4 |'
has 'board qemu-virt_128M | 1 hart'

# Plots: SVG, with their data and scripts; the scripts re-plot.
for p in icount-limit-alloc icount-limit-find icount-topfit-alloc icount-frag-alloc \
	 icount-dtbuild-build icount-scan-find tcg-limit-alloc host-limit-alloc \
	 host-dtbuild-build; do
	svg=$out/$p.svg
	if [ -s "$svg" ] && head -c 5 "$svg" | grep -q '^<?xml\|^<svg' &&
	   tail -n 3 "$svg" | grep -q '</svg>' &&
	   [ -s "$out/plot/$p.dat" ] && [ -s "$out/plot/$p.gp" ]; then
		ok
	else
		bad "$p: no valid $p.svg, plot/$p.dat and plot/$p.gp"
	fi
	has "]($p.svg)"
done
rm -f "$out/icount-limit-alloc.svg"
if (cd "$out" && gnuplot plot/icount-limit-alloc.gp) 2>"$work/stderr" &&
   head -c 5 "$out/icount-limit-alloc.svg" | grep -q '^<?xml\|^<svg'; then
	ok
else
	bad "re-plotting with plot/icount-limit-alloc.gp: $(cat "$work/stderr")"
fi

# The same input gives the same report.
if "$bin" "$here/fixture.csv" "$here/fixture-meta.txt" "$work/again" >/dev/null 2>&1 &&
   cmp -s "$out/bench.md" "$work/again/bench.md"; then
	ok
else
	bad "a second run gave a different bench.md"
fi

# ---- Failures ---------------------------------------------------------------
rejects bad-header.csv 'bad-header.csv:1: wrong header'
rejects bad-columns.csv 'bad-columns.csv:3: 12 fields, expected 13'
rejects bad-number.csv 'bad-number.csv:3: instret_median "12x" is not a number'
rejects bad-duplicate.csv 'bad-duplicate.csv:4: the same case as line 2'

rm -rf "$work/bad"
if PATH=/nonexistent "$bin" "$here/fixture.csv" "$here/fixture-meta.txt" "$work/bad" 2>"$work/stderr"; then
	bad "no gnuplot in PATH: exit status 0"
elif ! grep -q 'gnuplot not found' "$work/stderr"; then
	bad "no gnuplot in PATH: message: $(cat "$work/stderr")"
else
	ok
fi

"$bin" "$here/fixture.csv" 2>/dev/null
if [ $? -eq 2 ]; then ok; else bad "one argument: exit status not 2"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

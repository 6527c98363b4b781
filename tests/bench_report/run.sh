#!/bin/sh
# Test of tools/bench_report (and the scripts around it): run it on the
# fixture (fixture*.txt, fixture.csv: invented numbers, not measurements)
# and check the report line by line; draw the fixture's plots; check that
# malformed inputs and a wrong command line fail; check README's table
# and the staleness check (tools/bench_readme.sh, tools/bench_fresh.sh)
# in a scratch git repository.  Silent but for failures and the count.
#
#   tests/bench_report/run.sh <bench_report binary> <scratch dir>

set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 <bench_report binary> <scratch dir>" >&2
	exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$2
here=$(cd "$(dirname "$0")" && pwd)
tools=$here/../../tools
out=$work/out
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# has <text>: bench.md has a line containing <text>.
has() {
	if grep -qF -- "$1" "$out/bench.md"; then ok; else bad "bench.md lacks: $1"; fi
}

# report <csv> <targets> <outdir>: the fixture's meta with <csv> and <targets>.
report() {
	"$bin" "$here/$1" "$here/fixture-meta.txt" "$here/$2" "$3"
}

# rejects <csv> <targets> <text>: bench_report fails on it, says <text>, writes nothing.
rejects() {
	rm -rf "$work/bad"
	if report "$1" "$2" "$work/bad" >"$work/stdout" 2>"$work/stderr"; then
		bad "$1 $2: exit status 0"
	elif ! grep -qF -- "$3" "$work/stderr"; then
		bad "$1 $2: message lacks \"$3\": $(cat "$work/stderr")"
	elif [ -e "$work/bad" ]; then
		bad "$1 $2: wrote $work/bad"
	else
		ok
	fi
}

rm -rf "$work"
mkdir -p "$work"

# ---- The fixture's report ---------------------------------------------------
if report fixture.csv fixture-targets.txt "$out" >"$work/stdout" 2>"$work/stderr"; then
	ok
else
	bad "fixture: exit status $?: $(cat "$work/stderr")"
fi
[ -f "$out/bench.md" ] || { echo "FAIL: no bench.md"; echo "$pass passed, $((fail + 1)) failed"; exit 1; }

# Identical code is one column; winners bold; repetitions as median (range).
has '| N | linear/\* (Linux 4.12) | binary/\* | gaptree/\* |'
has '| 256 | 2,000 | 400 | **300** |'
has '| 16,384 | 2,500,000 | 1,800,000 | 600,000 | 1,200 | 900,000 | **1,100** |'
has '| N | \*/linear (Linux 4.12) | linear/binary = binary/binary | gaptree/binary |'
has '| 16,384 | 50,000 | **101 (98–104)** | **102 (99–105)** |'
has '| 16,384 | 8,000,003 (8,000,001–8,000,005) | **3,003 (3,001–3,005)** |'
has '#### `limit` `alloc.first`: the first call on a fresh state, instructions'
has '#### `dtbuild` `whole`: mean per call, instructions'
has '### `scan` (mode `icount`)'

# Winners at each N: factors over Linux 4.12, ties within the spread.
has '| `limit` `find` | gaptree/\* 6.67× | gaptree/\* 313× |'
has '| `limit` `alloc` | binary/binary 47.1× | gaptree/binary 2,273× |'
has '| `limit` `alloc` | binary/binary ≈ gaptree/binary 495× |'
has '| `limit` `alloc` | gaptree/binary 2,664× |'
has '| linear/linear | 2/6 | 0/7 |'
has '- `icount` and `host`: of the 1 cases (workload, op, N) measured in both with two or more groups, 0 are a tie for the cheapest in `icount`, 1 in `host` (0 in both). In the 0 cases where both modes have one winner beyond noise, it is the same in 0. Of the 2 pairs of combinations that differ beyond noise in both modes, 2 are in the same order.'
has '- Mode `icount`: no combination is measured in all'

# Targets: met, NOT met, not measured, every kind.
has '| `limit` `alloc`, best | ≤ 1,500 at 16,384 regions | 1,100 (gaptree/binary) | **met** |'
has '| `limit` `alloc`, best (stretch) | ≤ 800 at 16,384 regions | 1,100 (gaptree/binary) | **NOT met** |'
has '| `frag` `alloc`, best | ≤ 2,500 at 16,384 regions | not measured | — |'
has '| `dtbuild` `build`, best | ≤ 2,000 at 16,384 regions | 600 (linear/binary) | **met** |'
has '| `limit` `alloc`, best | ≤ 2.5× from 256 to 16,384 regions | gaptree/binary: 1,000 to 1,100, 1.10× | **met** |'
has '| `topfit` `find`, every | ≤ 1.3× Linux 4.12'"'"'s, every combination, every N | gaptree/binary: 1.25× at 256 regions | **met** |'
has '| `churn` `alloc`, gaptree/binary | ≤ binary/binary'"'"'s at 16,384 regions | 264,000 against 94,000 | **NOT met** |'
has '| `lifo` `seq`, gaptree/binary | ≤ 25,000 at 16,384 regions | 30,000 (gaptree/binary) | **NOT met** |'

# One-off costs, skipped cases, the index's memory, sorted by N.
has '| `limit` `alloc` | gaptree/binary | 16,384 | 90,000 | 1,100 | 81.8× |'
has '| 256 | — / 461 / 236,000 | — / 491 / 251,361 |'
has '| 256 | 7,200 | 11,700 |'
has '| `icount` | `churn` `alloc` | 65,536 | the gap below the limit is 576 B: 61% of churn'"'"'s request kinds fit it |'
has '| 256 | 512 | 8,192 | 32 | 4,096 | a memblock reservation |'
if grep -n '^| 256 | 512 |' "$out/bench.md" | cut -d: -f1 | head -n 1 | {
	read a; b=$(grep -n '^| 16,384 | 32,768 |' "$out/bench.md" | cut -d: -f1); [ "$a" -lt "$b" ]; }; then
	ok
else
	bad "the index's memory is not sorted by N"
fi

# The same input gives the same report.
if report fixture.csv fixture-targets.txt "$work/again" >/dev/null 2>&1 &&
   cmp -s "$out/bench.md" "$work/again/bench.md" &&
   cmp -s "$out/summary.csv" "$work/again/summary.csv"; then
	ok
else
	bad "a second run gave a different bench.md or summary.csv"
fi

# ---- The plots: summary.csv, one line per group, drawn by the gnuplot script
if grep -qx 'icount-limit-find,instructions,gaptree/\*,256,300,300,300' "$out/summary.csv" &&
   grep -qx 'host-limit-alloc,TSC ticks,binary/binary,16384,101,90,400' "$out/summary.csv" &&
   ! grep -q '^icount-limit-find,instructions,linear/binary,' "$out/summary.csv"; then
	ok
else
	bad "summary.csv: $(head -n 4 "$out/summary.csv")"
fi
if gnuplot -e "dir='$out'" "$tools/bench_plot.gp" 2>"$work/stderr"; then
	for p in icount-limit-alloc icount-limit-find host-limit-alloc tcg-limit-alloc icount-dtbuild-whole; do
		if head -c 5 "$out/$p.svg" 2>/dev/null | grep -q '^<?xml\|^<svg' &&
		   tail -n 3 "$out/$p.svg" | grep -q '</svg>'; then ok; else bad "no $p.svg"; fi
		has "]($p.svg)"
	done
	if grep -q 'gaptree/\*' "$out/icount-limit-find.svg" &&
	   grep -q 'Linux 4.12' "$out/icount-limit-alloc.svg"; then
		ok
	else
		bad "the plots' legends lack the groups or Linux 4.12"
	fi
else
	bad "gnuplot: $(cat "$work/stderr")"
fi

# ---- Failures -----------------------------------------------------------------
rejects bad-header.csv fixture-targets.txt 'bad-header.csv:1: wrong header'
rejects bad-columns.csv fixture-targets.txt 'bad-columns.csv:3: 11 fields, expected 12'
rejects bad-number.csv fixture-targets.txt 'bad-number.csv:3: median "12x" is not a whole number'
rejects bad-duplicate.csv fixture-targets.txt 'bad-duplicate.csv:4: the same case as line 2'
rejects bad-crlf.csv fixture-targets.txt 'bad-crlf.csv:3: a carriage return'
rejects bad-total.csv fixture-targets.txt 'bad-total.csv:2: total 5000 is not the sum of 32 samples'
rejects bad-order.csv fixture-targets.txt 'bad-order.csv:2: min <= median <= max does not hold'
rejects fixture.csv bad-targets.txt 'bad-targets.txt:2: expected KIND WORKLOAD OP COMBINATION VALUE'

"$bin" "$here/fixture.csv" 2>/dev/null
if [ $? -eq 2 ]; then ok; else bad "one argument: exit status not 2"; fi

# ---- README's table and the staleness check, in a scratch repository ---------
repo=$work/repo
mkdir -p "$repo/mm" "$repo/bench" "$repo/reports"
cp "$here/fixture.csv" "$repo/reports/bench.csv"
cp "$here/fixture-targets.txt" "$repo/bench/targets.txt"
echo 'int x;' >"$repo/mm/a.c"
printf '# r\n\n<!-- bench-table: written by `make bench-readme` from reports/; make test checks it -->\nold\n<!-- end bench-table -->\n\nafter\n' >"$repo/README.md"
fresh() {
	(cd "$repo" && "$tools/bench_fresh.sh" reports/meta.txt README.md "$bin" \
		reports/bench.csv bench/targets.txt) >"$work/stdout" 2>"$work/stderr"
}
(
	cd "$repo" && git init -q && git config user.email t@t && git config user.name t &&
	git add -A && git commit -q -m code &&
	{ cat "$here/fixture-meta.txt"
	  echo "tree_mm $(git rev-parse HEAD:mm)"
	  echo "tree_bench $(git rev-parse HEAD:bench)"; } >reports/meta.txt &&
	"$tools/bench_readme.sh" write README.md "$bin" reports/bench.csv reports/meta.txt bench/targets.txt &&
	git add -A && git commit -q -m reports
) || bad "setting up the scratch repository"
if grep -qF '| `limit` alloc | 2,500,000 | 1,200 | 1,100 | gaptree/binary 2,273× |' "$repo/README.md" &&
   ! grep -qx old "$repo/README.md" && grep -qx after "$repo/README.md"; then
	ok
else
	bad "bench_readme.sh write: $(cat "$repo/README.md")"
fi
if fresh; then ok; else bad "fresh reports after a commit of reports alone: $(cat "$work/stderr")"; fi
echo 'int y;' >>"$repo/mm/a.c"
(cd "$repo" && git commit -q -am 'mm change')
if fresh; then
	bad "mm/ changed since the reports: bench_fresh.sh passed"
elif grep -q 'reports/ is stale: mm/ .*run `make bench`' "$work/stderr"; then
	ok
else
	bad "mm/ changed: message: $(cat "$work/stderr")"
fi
(cd "$repo" && git revert --no-edit HEAD >/dev/null)
sed -i 's/| 1,100 |/| 1,101 |/' "$repo/README.md"
if fresh; then
	bad "README's table edited by hand: bench_fresh.sh passed"
elif grep -q 'run `make bench-readme`' "$work/stderr"; then
	ok
else
	bad "README edited: message: $(cat "$work/stderr")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

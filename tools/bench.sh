#!/usr/bin/env bash
# make bench: run bench/ in three modes and write reports/.
#
#   icount  QEMU -icount shift=0,sleep=off: rdcycle counts the guest's
#           instructions, exactly, the same on every run: one run
#   tcg     QEMU without icount: rdcycle is host time; REPS runs
#   host    the same mm/ and bench/ compiled for this machine, the TSC
#           read directly; REPS runs
#
# Every run is pinned to one CPU (taskset), the last one this shell may
# use.  reports/bench.csv gets one line per case and run, reports/meta.txt
# what the runs printed about themselves and what they ran on, including
# the trees of mm/ and bench/ they were built from (tools/bench_fresh.sh
# compares those with HEAD's); then tools/bench_report.c writes bench.md
# and summary.csv, and tools/bench_plot.gp the plots.
#
# Usage: tools/bench.sh KERNEL BENCH_HOST BENCH_REPORT OUTDIR
# Environment: QEMU, FIRMWARE, MEM, QUICK (1: bench=quick), REPS (5),
# CROSS_CC, CC, BENCH_EXTRA (a command run as BENCH_EXTRA OUTDIR CSV
# after the runs, before the report, that appends rows of its own: make
# bench's is tools/replay_bench.sh)
set -euo pipefail

kernel=$1 bench_host=$2 bench_report=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
QEMU=${QEMU:-qemu-system-riscv64}
MEM=${MEM:-128M}
QUICK=${QUICK:-0}
REPS=${REPS:-5}
FIRMWARE=${FIRMWARE:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf}
CROSS_CC=${CROSS_CC:-riscv64-unknown-elf-gcc}

case $REPS in
'' | *[!0-9]* | 0) echo "bench: REPS=$REPS: a number of runs, at least 1" >&2; exit 2 ;;
esac
if [ "$QUICK" = 1 ]; then bootarg="bench=quick bench.csv" host_arg=--quick; else bootarg="bench bench.csv" host_arg=; fi
cpu=$(sed -n 's/^Cpus_allowed_list:.*[,-]\([0-9]*\)$/\1/p; s/^Cpus_allowed_list:[[:space:]]*\([0-9]*\)$/\1/p' /proc/self/status)
pin=(taskset -c "$cpu")

mkdir -p "$out/raw"
rm -f "$out"/raw/*.log "$out"/*.svg "$out/summary.csv"
rm -rf "$out/plot"	# the per-plot scripts of an older report
csv=$out/bench.csv meta=$out/meta.txt
echo "mode,rep,workload,find,update,regions,op,samples,min,median,max,total" >"$csv"
: >"$meta"
status=0

# run MODE REP COMMAND...: log to raw/MODE-REP.log (without the console's
# carriage returns), append its csv lines and its meta lines as
# "key MODE value".
run() {
	local mode=$1 rep=$2 log=$out/raw/$1-$2.log rc=0 start=$SECONDS
	shift 2
	echo "bench: mode $mode, run $rep: $*"
	"${pin[@]}" "$@" 2>&1 | tr -d '\r' >"$log" || rc=$?
	grep -E '^bench: case' "$log" | tail -n 1 || true
	if [ $rc -ne 0 ] || ! grep -q '^bench: every combination agreed' "$log"; then
		echo "bench: mode $mode run $rep FAILED (exit $rc); see $log" >&2
		grep -E 'MISMATCH|panic|FAILED' "$log" >&2 || true
		status=1
	fi
	sed -n "s/^csv: /$mode,$rep,/p" "$log" >>"$csv"
	sed -n "s/^meta: \([a-z_]*\) /\1 $mode /p" "$log" >>"$meta"
	echo "seconds $mode $((SECONDS - start))" >>"$meta"
}

case $MEM in
*G) mem_mib=$(( ${MEM%G} * 1024 )) ;;
*M) mem_mib=${MEM%M} ;;
*) mem_mib=$(( MEM >> 20 )) ;;
esac

qemu=("$QEMU" -M virt -m "$MEM" -nographic -bios "$FIRMWARE" -kernel "$kernel" -append "$bootarg")
run icount 1 "${qemu[@]}" -icount shift=0,sleep=off
for rep in $(seq "$REPS"); do run tcg "$rep" "${qemu[@]}"; done
for rep in $(seq "$REPS"); do run host "$rep" "$bench_host" $host_arg --mem "$mem_mib"; done
if [ -n "${BENCH_EXTRA:-}" ]; then
	$BENCH_EXTRA "$out" "$csv" || status=1
fi

# The tree of @1 as it is on disk, committed or not: what was built.
tree_of() {
	local index rc=0
	index=$(mktemp)
	GIT_INDEX_FILE=$index git read-tree HEAD &&
	GIT_INDEX_FILE=$index git add -A -- "$1" &&
	GIT_INDEX_FILE=$index git write-tree --prefix="$1/" || rc=1
	rm -f "$index"
	return $rc
}

{
	echo "reps icount 1"
	echo "reps tcg $REPS"
	echo "reps host $REPS"
	echo "cpu $cpu"
	echo "cpu_model $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	echo "qemu $("$QEMU" --version | head -n 1)"
	echo "opensbi $(grep -m 1 -o 'OpenSBI v[0-9.]*' "$out/raw/icount-1.log" || echo unknown)"
	echo "cc $("$CROSS_CC" --version | head -n 1)"
	echo "host_cc $(${CC:-gcc} --version | head -n 1)"
	echo "guest_memory $MEM"
	echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- mm bench 2>/dev/null || echo ' (with uncommitted changes in mm/ or bench/)')"
	echo "tree_mm $(tree_of mm 2>/dev/null || echo unknown)"
	echo "tree_bench $(tree_of bench 2>/dev/null || echo unknown)"
	echo "date $(date -u +%Y-%m-%d)"
} >>"$meta"
sort -u -o "$meta" "$meta"

"$bench_report" "$csv" "$meta" bench/targets.txt "$out" || status=1
gnuplot -e "dir='$out'" "$here/bench_plot.gp" || status=1
echo "bench: wrote $out/bench.md, $out/bench.csv and $(ls "$out"/*.svg 2>/dev/null | wc -l) plots"
exit $status

#!/usr/bin/env bash
# make bench: run bench/ in three modes and write reports/.
#
#   icount  QEMU -icount shift=0,sleep=off: rdcycle = rdinstret = guest
#           instructions executed; exact, the same on every run
#   tcg     QEMU without icount: rdcycle and rdinstret both follow the host
#           clock (QEMU 7.2), so only the cycles columns are kept; noisy
#   host    the same mm/ and bench/ compiled for this machine
#
# Usage: tools/bench.sh KERNEL BENCH_HOST BENCH_REPORT OUTDIR
# Environment: QEMU, FIRMWARE, MEM, QUICK (1: bench=quick), CROSS_CC
set -euo pipefail

kernel=$1 bench_host=$2 bench_report=$3 out=$4
QEMU=${QEMU:-qemu-system-riscv64}
MEM=${MEM:-128M}
QUICK=${QUICK:-0}
FIRMWARE=${FIRMWARE:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf}
CROSS_CC=${CROSS_CC:-riscv64-unknown-elf-gcc}

if [ "$QUICK" = 1 ]; then bootarg="bench=quick bench.csv" host_arg=--quick; else bootarg="bench bench.csv" host_arg=; fi
mkdir -p "$out/raw"
csv=$out/bench.csv meta=$out/meta.txt
echo "mode,workload,find,update,regions,op,samples,instret_min,instret_median,instret_max,cycles_min,cycles_median,cycles_max" >"$csv"
: >"$meta"
status=0

# run MODE COMMAND...: log to raw/MODE.log, append its csv rows and meta.
run() {
	local mode=$1 log=$out/raw/$1.log rc=0
	shift
	echo "bench: mode $mode: $*"
	"$@" >"$log" 2>&1 || rc=$?
	grep -E '^bench: case' "$log" | tail -n 1 || true
	if [ $rc -ne 0 ] || ! grep -q '^bench: every combination agreed' "$log"; then
		echo "bench: mode $mode FAILED (exit $rc); see $log" >&2
		grep -E 'MISMATCH|panic|FAILED' "$log" >&2 || true
		status=1
	fi
	if [ "$mode" = tcg ]; then
		# rdinstret is host ticks without icount: no instruction count
		sed -n "s/^csv: \([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\),[^,]*,[^,]*,[^,]*,/$mode,\1,,,,/p" "$log" >>"$csv"
	else
		sed -n "s/^csv: /$mode,/p" "$log" >>"$csv"
	fi
	sed -n "s/^meta: counter_overhead_cycles /counter_overhead $mode /p;
		s/^meta: samples /samples $mode /p;
		s/^meta: warmup /warmup $mode /p;
		s/^meta: counters /counters_$mode /p;
		s/^meta: gaptree_bytes /gaptree_bytes /p;
		s/^meta: area /area_$mode /p" "$log" >>"$meta"
}

case $MEM in
*G) mem_mib=$(( ${MEM%G} * 1024 )) ;;
*M) mem_mib=${MEM%M} ;;
*) mem_mib=$(( MEM >> 20 )) ;;
esac

qemu=("$QEMU" -M virt -m "$MEM" -nographic -bios "$FIRMWARE" -kernel "$kernel" -append "$bootarg")
run icount "${qemu[@]}" -icount shift=0,sleep=off
run tcg "${qemu[@]}"
run host "$bench_host" $host_arg --mem "$mem_mib"

{
	echo "qemu $("$QEMU" --version | head -n 1)"
	echo "opensbi $(grep -m 1 -o 'OpenSBI v[0-9.]*' "$out/raw/icount.log" || echo unknown)"
	echo "cc $("$CROSS_CC" --version | head -n 1)"
	echo "host_cc $(${CC:-gcc} --version | head -n 1)"
	echo "host_counter $(sed -n 's/^meta: counters //p' "$out/raw/host.log")"
	echo "guest_memory $MEM"
	echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ':!reports' 2>/dev/null || echo ' (with uncommitted changes)')"
	echo "date $(date -u +%Y-%m-%d)"
} >>"$meta"
sort -u -o "$meta" "$meta"

"$bench_report" "$csv" "$meta" "$out" || status=1
echo "bench: wrote $out/bench.md, $out/bench.csv and $(ls "$out"/*.svg 2>/dev/null | wc -l) plots"
exit $status

#!/usr/bin/env bash
# make bench's replay workloads: each saved boot in tests/replay/ replayed
# in the payload under QEMU -icount (the instructions every memblock call
# of a real boot costs under each combination), as rows of bench.csv.
# tools/bench.sh runs it (BENCH_EXTRA) before it writes the report.
#
# Usage: tools/replay_bench.sh OUTDIR CSV
#   appends to CSV, for each log NAME: "icount,1,replay-NAME,..." rows,
#   the cost of each call type (bench/replay/report.c, print_csv()), and the
#   workload `replay`: op `whole`, every call of the boot (its mean per
#   call), at N = the most reserved regions the boot had, so that the
#   boots line up by size in one plot.  Each console goes to
#   OUTDIR/raw/replay-NAME.log.
# Environment: REPLAY (the host tool), KERNEL, QEMU, FIRMWARE,
# REPLAY_MEM (256M), REPLAY_LOGS (tests/replay)
set -euo pipefail

out=$1 csv=$2
REPLAY=${REPLAY:-build/host/replay}
KERNEL=${KERNEL:-build/payload.elf}
QEMU=${QEMU:-qemu-system-riscv64}
FIRMWARE=${FIRMWARE:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf}
REPLAY_MEM=${REPLAY_MEM:-256M}
REPLAY_LOGS=${REPLAY_LOGS:-tests/replay}
status=0

mkdir -p "$out/raw"
for log in "$REPLAY_LOGS"/*.log; do
	name=$(basename "$log" .log)
	dtb=$REPLAY_LOGS/$name.dtb
	console=$out/raw/replay-$name.log
	ops=$(mktemp)
	echo "bench: replay of $name"
	if ! "$REPLAY" ${dtb:+--dtb "$dtb"} --ops "$ops" "$log"; then
		status=1
		rm -f "$ops"
		continue
	fi
	rc=0
	"$QEMU" -M virt -m "$REPLAY_MEM" -smp 1 -nographic -no-reboot \
		-bios "$FIRMWARE" -kernel "$KERNEL" -initrd "$ops" \
		-append bench.csv -icount shift=0,sleep=off </dev/null 2>&1 | tr -d '\r' >"$console" || rc=$?
	rm -f "$ops"
	if [ "$rc" -ne 0 ] || ! grep -q '^replay-csv: ' "$console"; then
		echo "bench: replay of $name FAILED (exit $rc); see $console" >&2
		status=1
	fi
	sed -n 's/^replay-csv: /icount,1,/p' "$console" >>"$csv"
	# one point per boot in `replay`: two boots of one size would fold
	n=$(sed -n "s/^replay-csv: replay-$name,linear,linear,\([0-9]*\),boot,.*/\1/p" "$console")
	if [ -z "$n" ]; then
		continue
	elif grep -q "^icount,1,replay,[a-z]*,[a-z]*,$n,whole," "$csv"; then
		echo "bench: replay of $name: another boot also peaked at $n reserved regions: $name is left out of workload replay" >&2
	else
		sed -n "s/^replay-csv: replay-$name,\([a-z]*,[a-z]*,[0-9]*\),boot,/icount,1,replay,\1,whole,/p" "$console" >>"$csv"
	fi
done
exit $status

#!/usr/bin/env bash
# Big device trees (issue 6): trees written by gendtb from QEMU's own, booted,
# and the dump compared with the tree by dtcheck (computed on the host,
# without mm/ or platform/).  1,000 regions of each kind always; BIG=1 adds
# 10,000 (about a minute more).  Prints "big: N passed, N failed".
set -uo pipefail

cd "$(dirname "$0")/../.."
QEMU=${QEMU:-qemu-system-riscv64}
OPENSBI_DIR=${OPENSBI_DIR:-/usr/lib/riscv64-linux-gnu/opensbi/generic}
KERNEL=${KERNEL:-build/payload.elf}
GENDTB=${GENDTB:-build/host/gendtb}
DTCHECK=${DTCHECK:-build/host/dtcheck}
BIG=${BIG:-0}
OUT=build/tests/big
mkdir -p "$OUT"
passed=0
failed=0

# boot NAME MEM DTB: the payload under fw_jump, -icount so rdinstret counts
# instructions; output in $OUT/NAME.out, status in $STATUS.
boot() {
	timeout 300 "$QEMU" -M virt -m "$2" -nographic -icount shift=0 \
		-bios "$OPENSBI_DIR/fw_jump.elf" -kernel "$KERNEL" -dtb "$3" \
		</dev/null 2>&1 | tr -d '\r' >"$OUT/$1.out"
	STATUS=${PIPESTATUS[0]}
}

result() {	# result NAME OK WHY
	if [ "$2" = 1 ]; then
		passed=$((passed + 1))
		echo "PASS big $1"
	else
		failed=$((failed + 1))
		echo "FAIL big $1: $3 (output: $OUT/$1.out)"
	fi
}

# OpenSBI adds its own mmode_resv* child to the tree it passes on; a plain
# boot prints where, for dtcheck.
"$QEMU" -M virt,dumpdtb="$OUT/q128.dtb" -m 128M -nographic >/dev/null 2>&1
"$QEMU" -M virt,dumpdtb="$OUT/q1g.dtb" -m 1G -nographic >/dev/null 2>&1
boot plain 128M "$OUT/q128.dtb"
grep '^Reserved memory: .* mmode_resv' "$OUT/plain.out" >"$OUT/opensbi.txt"

# case NAME MEM QEMU_DTB REGIONS GENDTB_ARGS...
case_() {
	local name=$1 mem=$2 base=$3 regions=$4 why=
	shift 4
	"$GENDTB" -i "$OUT/$base" -o "$OUT/$name.dtb" "$@" 2>"$OUT/$name.gendtb" ||
		{ result "$name" 0 "gendtb failed: $(cat "$OUT/$name.gendtb")"; return; }
	boot "$name" "$mem" "$OUT/$name.dtb"
	cat "$OUT/opensbi.txt" "$OUT/$name.out" >"$OUT/$name.check"
	if [ "$STATUS" -ne 0 ]; then
		why="exit status $STATUS"
	elif ! grep -q "^DT regions read        : $regions " "$OUT/$name.out"; then
		why="not $regions regions read"
	elif ! grep -q '^Integrity check: ok' "$OUT/$name.out"; then
		why="integrity check"
	elif ! "$DTCHECK" "$OUT/$name.dtb" "$OUT/$name.check" >"$OUT/$name.dtcheck" 2>&1; then
		why="dump differs from the tree: $(cat "$OUT/$name.dtcheck")"
	fi
	result "$name" "$([ -z "$why" ] && echo 1 || echo 0)" "$why"
	grep -E '^(DT regions read|DT parse|memblock calls)' "$OUT/$name.out" | sed 's/^/  /'
}

# regions = memory ranges + /memreserve/ + reserved reg (+ OpenSBI's) + dynamic
case_ reserved1k 128M q128.dtb 1118 --reserved 1000 --no-map-every 7 --dynamic 16 --memreserve 100
case_ memory1k 1G q1g.dtb 1001 --memory 1000 --numa 4
if [ "$BIG" = 1 ]; then
	case_ reserved10k 128M q128.dtb 10118 --reserved 10000 --no-map-every 7 --dynamic 16 --memreserve 100
	case_ memory10k 1G q1g.dtb 10001 --memory 10000 --numa 4
fi

# dtcheck itself must catch a dump that differs from the tree by one page.
sed 's/^\( memory\[0x0\]\t\[0x0000000080000000-\)0x0000000083/\10x0000000082/' \
	"$OUT/reserved1k.check" >"$OUT/tampered.check"
if "$DTCHECK" "$OUT/reserved1k.dtb" "$OUT/tampered.check" >"$OUT/tampered.out" 2>&1; then
	result tampered 0 "dtcheck accepted a changed dump"
else
	result tampered 1 ""
fi

echo "big: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

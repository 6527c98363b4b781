#!/usr/bin/env bash
# make replay: a kernel's memblock=debug log replayed in the payload under
# QEMU -icount, with exact instruction counts.
#
#   1. tools/replay turns LOG (and DTB, the tree the kernel booted with)
#      into an op list: a log it cannot read stops here, with one message
#      naming the line;
#   2. QEMU boots the payload with the op list as its initrd
#      (-initrd: loaded into RAM, named in /chosen); the payload replays it
#      and prints the report; it exits non-zero when a result differs from
#      the kernel's with no named difference to explain it.
#
# Usage: tools/replay.sh KERNEL REPLAY_TOOL LOG [DTB]
# Environment: QEMU, FIRMWARE, MEM (guest memory), OUT (where the op list
# and the console go), BOOTARGS (extra payload bootargs)
set -euo pipefail

kernel=$1 tool=$2 log=$3 dtb=${4:-}
QEMU=${QEMU:-qemu-system-riscv64}
FIRMWARE=${FIRMWARE:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf}
MEM=${MEM:-256M}
OUT=${OUT:-build/replay}
BOOTARGS=${BOOTARGS:-}

for f in "$log" ${dtb:+"$dtb"}; do
	[ -r "$f" ] || { echo "replay: $f: cannot read it" >&2; exit 2; }
done
name=$(basename "$log" .log)
mkdir -p "$OUT"
ops=$OUT/$name.ops
"$tool" ${dtb:+--dtb "$dtb"} --ops "$ops" "$log"

set +e
"$QEMU" -M virt -m "$MEM" -smp 1 -nographic -no-reboot -bios "$FIRMWARE" \
	-kernel "$kernel" -initrd "$ops" -icount shift=0,sleep=off \
	${BOOTARGS:+-append "$BOOTARGS"} </dev/null | tr -d '\r' |
	tee "$OUT/$name.out"
rc=${PIPESTATUS[0]}
set -e
echo "replay: console in $OUT/$name.out, exit status $rc"
exit "$rc"

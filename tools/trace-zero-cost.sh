#!/usr/bin/env bash
# trace-zero-cost.sh: the image the benchmark measures has no trace code.
#
# mm/'s trace points (mm/memblock_trace.h) compile to nothing unless
# MEMBLOCK_TRACE is defined.  This checks it the way a skeptic would: it
# deletes every trace point from a copy of mm/ (tools/strip-trace.awk),
# compiles that copy with the payload's flags, and requires each object to
# be byte for byte the one in build/payload.elf once debug information is
# dropped: the debug sections and the local labels the assembler makes for
# their line-number entries (a trace point is a line, even when it is no
# code).  So mm/ measures exactly as it would if the
# trace had never been written.  It also checks that the check can fail:
# the trace image's objects must differ, and the normal image must hold no
# trace symbol while the trace image holds them.
#
# Usage: tools/trace-zero-cost.sh BUILD_DIR "CROSS_CFLAGS"
# Environment: CROSS_CC, OBJCOPY, NM
set -euo pipefail

build=$1 cflags=$2
CROSS_CC=${CROSS_CC:-riscv64-unknown-elf-gcc}
OBJCOPY=${OBJCOPY:-riscv64-unknown-elf-objcopy}
NM=${NM:-riscv64-unknown-elf-nm}
out=$build/trace-strip
fail=0

rm -rf "$out"
mkdir -p "$out/mm"
for f in mm/*.c mm/*.h; do
	[ "$f" = mm/memblock_trace.h ] && continue
	awk -f tools/strip-trace.awk "$f" >"$out/$f"
done
if grep -n 'trace_memblock\|MEMBLOCK_TRACE' "$out"/mm/*; then
	echo "trace-zero-cost: trace points left after stripping (above)" >&2
	exit 1
fi

# nodebug OBJ OUT: OBJ without debug sections and assembler-local labels
nodebug() { "$OBJCOPY" --strip-debug --discard-locals "$1" "$2"; }

same=0 differ=0
for src in mm/*.c; do
	base=$(basename "$src" .c)
	# shellcheck disable=SC2086  # the flags are words
	"$CROSS_CC" $cflags -c -o "$out/$base.o" "$out/$src" -MF /dev/null
	nodebug "$out/$base.o" "$out/$base.stripped.o"
	nodebug "$build/mm/$base.o" "$out/$base.image.o"
	nodebug "$build/trace/mm/$base.o" "$out/$base.trace.o"
	if cmp -s "$out/$base.stripped.o" "$out/$base.image.o"; then
		same=$((same + 1))
	else
		echo "trace-zero-cost: $build/mm/$base.o differs from $src without its trace points" >&2
		fail=1
	fi
	cmp -s "$out/$base.trace.o" "$out/$base.image.o" || differ=$((differ + 1))
done

# The check must be able to fail: trace points that compile to something
# make the trace image's objects differ.
if [ "$differ" -eq 0 ]; then
	echo "trace-zero-cost: the trace image's mm/ objects are the normal ones: -DMEMBLOCK_TRACE changed nothing" >&2
	fail=1
fi
# (nm's output is read whole: grep -q would stop it early, a failure under pipefail)
syms=$("$NM" "$build/payload.elf")
if grep 'memblock_trace_' <<<"$syms" >&2; then
	echo "trace-zero-cost: $build/payload.elf has the trace symbols above" >&2
	fail=1
fi
syms=$("$NM" "$build/payload-trace.elf")
if ! grep -q ' T memblock_trace_call$' <<<"$syms"; then
	echo "trace-zero-cost: $build/payload-trace.elf has no memblock_trace_call" >&2
	fail=1
fi
[ "$fail" -eq 0 ] || exit 1
echo "trace-zero-cost: $same mm/ objects of $build/payload.elf are mm/ without its trace points, byte for byte (debug info aside); $differ differ in the trace image"

#!/usr/bin/env bash
# trace-zero-cost.sh: the image the benchmark measures has no trace code.
#
# mm/'s trace points (mm/memblock_trace.h) compile to nothing unless
# MEMBLOCK_TRACE is defined.  This checks it the way a skeptic would: it
# deletes every trace point from a copy of mm/ (tools/strip-trace.awk),
# compiles that copy with the payload's flags, and requires each object to
# be byte for byte the one in build/payload.elf once debug information is
# dropped (tools/mm-objects.sh: a trace point is a line, even where it is
# no code).  So mm/ measures exactly as it would if the trace had never
# been written.  It also checks that the check can fail: the trace image's
# objects must differ, and the normal image must hold no trace symbol
# while the trace image holds them.
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

. tools/mm-objects.sh
export CROSS_CFLAGS=$cflags OBJCOPY

# The stripped copy compiled, the image's own objects (and the trace
# image's) normalised beside it.
mm_compile "$out/mm" "$out/stripped"
mkdir -p "$out/image" "$out/trace"
differ=0
for src in mm/*.c; do
	base=$(basename "$src" .c)
	mm_normalise "$build/mm/$base.o" "$out/image/$base.o"
	mm_normalise "$build/trace/mm/$base.o" "$out/trace/$base.o"
	cmp -s "$out/trace/$base.o" "$out/image/$base.o" || differ=$((differ + 1))
done
if ! mm_same "$out/stripped" "$out/image"; then
	echo "trace-zero-cost: $build/mm/ differs from mm/ without its trace points (above)" >&2
	fail=1
fi
same=$(ls "$out/image" | wc -l)

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

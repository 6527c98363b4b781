# mm-objects.sh: mm/'s objects, compiled and compared; sourced by
# tools/trace-zero-cost.sh and tools/mm-same-code.sh (POSIX sh).
#
# Two objects are "the same" when they are byte for byte the same once
# debug information is dropped: the debug sections and the local labels
# the assembler makes for their line-number entries.  Comments, blank
# lines, moved lines and trace points that compile to nothing change only
# those; anything that changes what runs changes the rest.
#
# Environment: CROSS_CC, CROSS_CFLAGS (the payload's flags), OBJCOPY.

# mm_normalise OBJ OUT: OBJ without what "the same" ignores.
mm_normalise() {
	"${OBJCOPY:-riscv64-unknown-elf-objcopy}" --strip-debug --discard-locals "$1" "$2"
}

# mm_compile SRC_DIR OUT_DIR: every SRC_DIR/*.c (its includes beside it)
# compiled with the payload's flags, normalised, as OUT_DIR/NAME.o.
mm_compile() {
	mkdir -p "$2"
	for c in "$1"/*.c; do
		o=$2/$(basename "$c" .c)
		# shellcheck disable=SC2086  # the flags are words
		"${CROSS_CC:-riscv64-unknown-elf-gcc}" $CROSS_CFLAGS -MF /dev/null \
			-c -o "$o.raw.o" "$c" || return 1
		mm_normalise "$o.raw.o" "$o.o" || return 1
		rm -f "$o.raw.o"
	done
}

# mm_same DIR_A DIR_B: the same object names, each the same.  Prints
# what differs.
mm_same() {
	same=0
	for o in "$1"/*.o "$2"/*.o; do
		n=$(basename "$o")
		if ! cmp -s "$1/$n" "$2/$n"; then
			echo "  $n differs" >&2
			same=1
		fi
	done
	return $same
}

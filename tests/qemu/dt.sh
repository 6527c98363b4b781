# Sourced by tests/qemu/run.sh: device trees Linux survives (boot with a
# warning and the right map) and hostile ones (one error line naming the
# node and the property, exit status 1, no trap, no hang, no dump).  Every
# tree is QEMU's own with a DTS fragment appended.

# edited NAME MEM FRAGMENT [PREAMBLE]: QEMU's tree for -m MEM plus FRAGMENT
# (and PREAMBLE after /dts-v1/;), compiled to $OUT/NAME.dtb.
edited() {
	make_dts "$1" "$2"
	[ -n "${4:-}" ] && sed -i "s|^/dts-v1/;|/dts-v1/;\n$4|" "$OUT/$1.dts"
	printf '%s\n' "$3" >>"$OUT/$1.dts"
	compile_dtb "$1"
}

# QEMU's own tree has no /reserved-memory (OpenSBI adds its own at boot).
RESMEM='reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;'

error_lines() { [ "$(grep -c '^fdt: error:' "$OUT/$1.out")" -eq "$2" ]; }

# refused NAME MEM FRAGMENT MESSAGE: the tree is refused with MESSAGE.
refused() {
	edited "$1" "$2" "$3"
	boot "$1" jump "$2" -dtb "$OUT/$1.dtb"
	check "exit status 1 (not a hang: 124, not a trap: 2)" status_is 1
	check "the error names node and property" output_has "$1" "$4"
	check "exactly one error line" error_lines "$1" 1
	check "no trap" output_lacks "$1" "Unexpected trap"
	check "no memblock dump" output_lacks "$1" "MEMBLOCK configuration:"
}

test_refused_root_size_cells_0() {
	refused cells0 128M '/ { #size-cells = <0>; };' \
		'fdt: error: /: #size-cells: <0> is not supported, only 1 or 2'
}

test_refused_root_address_cells_3() {
	refused cells3 128M '/ { #address-cells = <3>; };' \
		'fdt: error: /: #address-cells: <3> is not supported, only 1 or 2'
}

test_refused_reserved_cells_differ() {
	refused rescells 128M '/ { reserved-memory { #address-cells = <2>; #size-cells = <1>; ranges; }; };' \
		"fdt: error: /reserved-memory: #size-cells: <1> differs from the root's <2>"
}

test_refused_reserved_reg_length() {
	refused resreg 128M "/ { $RESMEM"' bad@84000000 { reg = <0 0x84000000 0>; }; }; };' \
		'fdt: error: /reserved-memory/bad@84000000: reg: length 12 is not a multiple of 16 (#address-cells <2> + #size-cells <2>)'
}

test_refused_usable_memory_length() {
	refused usable 128M '/ { memory@80000000 { linux,usable-memory = <0 0x80000000 0 0x8000000 0>; }; };' \
		'fdt: error: /memory@80000000: linux,usable-memory: length 20 is not a multiple of 16'
}

# base + size wraps past 2^64: Linux would cap it and hand out memory up to
# the top; no RAM wraps, so the payload refuses the node.
test_refused_memory_overflow() {
	refused memwrap 128M '/ { memory@80000000 { reg = <0 0x80000000 0 0x8000000 0xffffffff 0xfffff000 0 0x2000>; }; };' \
		'fdt: error: /memory@80000000: reg: entry 1: 0xfffffffffffff000 + 0x2000 runs past the top of the address space'
}

# Memory that ends inside fw_jump's blob at 0x82200000: it cannot be reserved.
test_refused_dtb_outside_memory() {
	refused dtbout 128M '/ { memory@80000000 { reg = <0 0x80000000 0 0x2201000>; }; };' \
		'fdt: error: /: totalsize: the blob [0x82200000-'
	check "says why" output_has dtbout "is not inside memory: cannot reserve it"
}

test_refused_alignment_not_power_of_2() {
	refused align3 128M "/ { $RESMEM"' pool { size = <0 0x100000>; alignment = <0 0x3000>; }; }; };' \
		'fdt: error: /reserved-memory/pool: alignment: 0x3000 is not a power of two'
}

test_refused_numa_node_id() {
	refused nid 128M '/ { memory@80000000 { numa-node-id = <0x10000>; }; };' \
		'fdt: error: /memory@80000000: numa-node-id: <65536> is not below MAX_NUMNODES'
}

# What Linux survives, in one tree (256 MiB of RAM):
#   memory@88000000 overlaps memory@80000000  -> merged, warning
#   a zero-size memory entry                  -> skipped, warning
#   out@c0000000, beyond memory               -> reserved anyway, warning
#   a disabled child, a zero-size reg child,
#   a dynamic child of size 0                 -> skipped, warning
test_survived_overlaps_zero_sizes_disabled() {
	edited survive 256M '/ {
	memory@88000000 {
		device_type = "memory";
		reg = <0 0x88000000 0 0x4000000 0 0x8c000000 0 0>;
	};
	'"$RESMEM"'
		out@c0000000 { reg = <0 0xc0000000 0 0x10000>; };
		off@85000000 { reg = <0 0x85000000 0 0x10000>; status = "disabled"; };
		zero@86000000 { reg = <0 0x86000000 0 0>; };
		empty { size = <0 0>; };
	};
};'
	boot survive jump 256M -dtb "$OUT/survive.dtb"
	check "exit status 0" status_is 0
	check "no error line" error_lines survive 0
	check "overlapping memory merged into one region" memory_is survive \
		"0x0000000080000000 0x000000008fffffff 0"
	check "overlap warning" output_has survive \
		"fdt: warning: /memory@88000000: reg[0]: [0x88000000-0x8bffffff] overlaps memory added before, merged"
	check "zero-size memory entry warning" output_has survive \
		"fdt: warning: /memory@88000000: reg[1]: size 0 at 0x8c000000, skipped"
	check "outside-memory warning" output_has survive \
		"fdt: warning: /reserved-memory/out@c0000000: reg[0]: [0xc0000000-0xc000ffff] is not inside memory; reserved anyway, as Linux does"
	check "reserved anyway" covered reserved survive 0xc0000000 0xc000ffff
	check "disabled child warned and not reserved" output_has survive \
		'fdt: warning: /reserved-memory/off@85000000: status = "disabled", skipped'
	check "disabled child not reserved" eval "! overlaps reserved survive 0x85000000 0x8500ffff"
	check "zero-size reg warned" output_has survive \
		"fdt: warning: /reserved-memory/zero@86000000: reg[0]: size 0 at 0x86000000, skipped"
	check "zero-size dynamic warned" output_has survive \
		"fdt: warning: /reserved-memory/empty: size 0, skipped"
	check "every reported reservation holds" all_reservations_hold survive
	check "allocation demo checked" output_has survive "Allocation demo: 4 allocations checked"
}

# A reservation (reg and /memreserve/) that wraps past 2^64 is clipped as
# memblock_cap_size() does, with a warning; the boot goes on.
test_survived_reservation_overflow_clipped() {
	edited rsvwrap 128M "/ { $RESMEM"' top@fffffffffffff000 { reg = <0xffffffff 0xfffff000 0 0x2000>; }; }; };' \
		'/memreserve/ 0xffffffffffffe000 0x4000;'
	boot rsvwrap jump 128M -dtb "$OUT/rsvwrap.dtb"
	check "exit status 0" status_is 0
	check "reg clipped, with a warning" output_has rsvwrap \
		"fdt: warning: /reserved-memory/top@fffffffffffff000: reg[0]: 0xfffffffffffff000 + 0x2000 runs past the top of the address space, clipped to [0xfffffffffffff000-0xfffffffffffffffe]"
	check "/memreserve/ clipped, with a warning" output_has rsvwrap \
		"fdt: warning: /memreserve/: entry[0]: 0xffffffffffffe000 + 0x4000 runs past the top of the address space, clipped to [0xffffffffffffe000-0xfffffffffffffffe]"
	check "the dump ends reserved at the clip" grep -qP \
		'^ reserved\[0x[0-9a-f]+\]\t\[0xffffffffffffe000-0xfffffffffffffffe\]' "$OUT/rsvwrap.out"
}

# ---- The integrity check at the end of every boot ---------------------------

# QEMU's tree plus dynamic regions: every allocated block is tracked, filled
# and read back; the blob and the image are unchanged; OpenSBI's region is
# reported unreadable (PMP) rather than trapping.
test_integrity_ok() {
	edited integrity 128M "/ { $RESMEM"' pool { size = <0 0x400000>; alignment = <0 0x400000>; };
		hidden { size = <0 0x100000>; no-map; }; }; };'
	boot integrity jump 128M -dtb "$OUT/integrity.dtb"
	check "exit status 0" status_is 0
	check "blob unchanged" grep -qE '^ device tree blob .*\] unchanged$' "$OUT/integrity.out"
	check "image unchanged" grep -qE '^ payload text\+rodata .*\] unchanged$' "$OUT/integrity.out"
	check "OpenSBI's region: PMP reported, no trap" output_has integrity \
		"mmode_resv0@80000000 [0x0000000080000000-0x000000008007ffff] not readable from S-mode (PMP): no checksum"
	check "4 demo blocks + 2 dynamic regions tracked" output_has integrity \
		" 6 allocated blocks, 0x"
	check "verdict" output_has integrity "Integrity check: ok"
}

# integrity.scribble=WHAT flips one byte after the fill: the check must fail
# and say what changed.
scribbled() {
	boot "scribble_$1" jump 128M -append "integrity.scribble=$1"
	check "exit status 1" status_is 1
	check "says what changed" output_has "scribble_$1" "$2"
	check "verdict" output_has "scribble_$1" "Integrity check: FAILED"
	check "boot step named" output_has "scribble_$1" \
		"payload: integrity check failed, exiting with status 1"
}

test_integrity_detects_dtb_write() {
	scribbled dtb "integrity: device tree blob [0x0000000082200000-"
}

test_integrity_detects_text_write() {
	scribbled text "integrity: payload text+rodata [0x0000000080200000-"
}

test_integrity_detects_block_write() {
	scribbled block "integrity: demo allocation [0x0000000087c00000-0x0000000087dfffff] changed: byte at 0x87d00000 is"
}

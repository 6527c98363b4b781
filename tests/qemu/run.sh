#!/usr/bin/env bash
# QEMU tests: boot the payload under OpenSBI in QEMU virt and check its exit
# status and its memblock dump against the device tree it was given.  Trees
# are made here from QEMU's own (dumpdtb), turned into source with dtc and
# edited by appending nodes.  Logs: build/tests/qemu/<test>.log.
#
# Usage: tests/qemu/run.sh [TEST...]   (default: every test_* below)
set -uo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
QEMU=${QEMU:-qemu-system-riscv64}
OPENSBI_DIR=${OPENSBI_DIR:-/usr/lib/riscv64-linux-gnu/opensbi/generic}
KERNEL=${KERNEL:-build/payload.elf}
NM=${NM:-riscv64-unknown-elf-nm}
OUT=${OUT:-build/tests/qemu}
TIMEOUT=${TIMEOUT:-60}

mkdir -p "$OUT"
passed=0
failed=0
LOG=		# the current test's log
STATUS=		# the last boot's exit status

# ---- Booting ----------------------------------------------------------------

# boot NAME FW MEM [QEMU ARGS...]: boot the payload, output in $OUT/NAME.out.
boot() {
	local name=$1 fw=$2 mem=$3 bios
	shift 3
	case $fw in
	jump) bios=$OPENSBI_DIR/fw_jump.elf ;;
	dynamic) bios=$OPENSBI_DIR/fw_dynamic.bin ;;
	esac
	echo "+ $QEMU -M virt -m $mem -nographic -bios $bios -kernel $KERNEL $*" >>"$LOG"
	timeout "$TIMEOUT" "$QEMU" -M virt -m "$mem" -nographic \
		-bios "$bios" -kernel "$KERNEL" "$@" </dev/null 2>&1 |
		tr -d '\r' >"$OUT/$name.out"
	STATUS=${PIPESTATUS[0]}
	cat "$OUT/$name.out" >>"$LOG"
	echo "+ exit status $STATUS" >>"$LOG"
}

# make_dtb NAME MEM [SMP]: QEMU's own tree for -m MEM as $OUT/NAME.dts; the
# test appends to it, then compile_dtb turns it into $OUT/NAME.dtb.
make_dts() {
	local name=$1 mem=$2 smp=${3:-1}
	"$QEMU" -M "virt,dumpdtb=$OUT/$name.qemu.dtb" -m "$mem" -smp "$smp" \
		-nographic >/dev/null 2>&1
	dtc -q -I dtb -O dts -o "$OUT/$name.dts" "$OUT/$name.qemu.dtb"
}

compile_dtb() {
	dtc -q -I dts -O dtb -o "$OUT/$1.dtb" "$OUT/$1.dts" 2>>"$LOG"
}

# ---- Reading the output -----------------------------------------------------

# regions TYPE NAME: "base end nid" per region of the dump (end inclusive).
regions() {
	sed -n "s/^ $1\[0x[0-9a-f]*\]\t\[\(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\].*bytes\( on node \([0-9]*\)\)\?.*/\1 \2 \4/p" \
		"$OUT/$2.out"
}

# covered TYPE NAME BASE END: [BASE, END] lies inside one region of TYPE.
covered() {
	local base end nid
	while read -r base end nid; do
		((base <= $3 && $4 <= end)) && return 0
	done < <(regions "$1" "$2")
	return 1
}

# overlaps TYPE NAME BASE END: some region of TYPE meets [BASE, END].
overlaps() {
	local base end nid
	while read -r base end nid; do
		((base <= $4 && $3 <= end)) && return 0
	done < <(regions "$1" "$2")
	return 1
}

# reservations NAME: "base end kind what" per "Reserved memory:" line.
reservations() {
	sed -n 's/^Reserved memory: \[\(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] \([^ ]*\) *\(.*\)/\1 \2 \3 \4/p' \
		"$OUT/$1.out"
}

# ---- Checks: each prints why it failed and returns 1 --------------------------

ok=1
check() {	# check DESCRIPTION COMMAND...: run COMMAND, note a failure.
	local what=$1
	shift
	if "$@"; then
		echo "  ok: $what" >>"$LOG"
	else
		echo "  FAILED: $what" | tee -a "$LOG"
		ok=0
	fi
}

status_is() { [ "$STATUS" -eq "$1" ]; }
output_has() { grep -qF -- "$2" "$OUT/$1.out"; }
output_lacks() { ! grep -qF -- "$2" "$OUT/$1.out"; }
line_count() { [ "$(regions "$2" "$1" | wc -l)" -eq "$3" ]; }

# memory_is NAME "BASE END NID"...: the memory regions are exactly these.
memory_is() {
	local name=$1
	shift
	[ "$(regions memory "$name")" = "$(printf '%s\n' "$@")" ]
}

# every reservation line is reserved (or, for no-map, gone from memory).
all_reservations_hold() {
	local base end kind what good=0
	while read -r base end kind what; do
		case $kind in
		no-map | size,no-map)
			overlaps memory "$1" "$base" "$end" && good=1 &&
				echo "  $what [$base-$end] still in memory" ;;
		*)
			covered reserved "$1" "$base" "$end" || {
				good=1
				echo "  $what [$base-$end] not reserved"
			} ;;
		esac
	done < <(reservations "$1")
	return $good
}

# The payload image [_start, _end) as the ELF says, reserved.
image_reserved() {
	local start end
	start=0x$("$NM" "$KERNEL" | awk '$3 == "_start" { print $1 }')
	end=0x$("$NM" "$KERNEL" | awk '$3 == "_end" { print $1 }')
	covered reserved "$1" "$start" "$((end - 1))"
}

# The DTB the banner names, reserved for its whole size.
dtb_reserved() {
	local addr size
	addr=$(sed -n 's/^DTB Address *: \(0x[0-9a-f]*\)/\1/p' "$OUT/$1.out")
	size=$(sed -n 's/^DTB Size *: \(0x[0-9a-f]*\).*/\1/p' "$OUT/$1.out")
	[ -n "$addr" ] && [ -n "$size" ] &&
		covered reserved "$1" "$addr" "$((addr + size - 1))"
}

# OpenSBI's own region (mmode_resv*) was reported and is reserved.
opensbi_reserved() {
	local base end kind what
	read -r base end kind what < <(reservations "$1" | grep mmode_resv)
	[ -n "${base:-}" ] && covered reserved "$1" "$base" "$end"
}

# ---- Tests ------------------------------------------------------------------

# Boot with QEMU's own tree and check the dump against it.
smoke() {
	local name=$1 fw=$2 mem=$3 bytes=$4
	shift 4
	boot "$name" "$fw" "$mem" "$@"
	check "exit status 0" status_is 0
	check "memory is [0x80000000, +$mem) on node 0" \
		memory_is "$name" "0x0000000080000000 $(printf '0x%016x' $((0x80000000 + bytes - 1))) 0"
	check "memory size line" output_has "$name" \
		"memory size = $(printf '0x%016x' "$bytes")"
	check "OpenSBI's mmode_resv reserved" opensbi_reserved "$name"
	check "payload image reserved" image_reserved "$name"
	check "DTB reserved" dtb_reserved "$name"
	check "every reported reservation holds" all_reservations_hold "$name"
	check "allocation demo checked" output_has "$name" \
		"Allocation demo: 4 allocations checked"
}

test_smoke_fw_jump() {
	smoke smoke_fw_jump jump 128M $((128 << 20))
	check "DTB at fw_jump's 0x82200000" output_has smoke_fw_jump \
		"DTB Address            : 0x0000000082200000"
}

test_smoke_fw_dynamic() {
	smoke smoke_fw_dynamic dynamic 128M $((128 << 20))
}

test_smoke_1G_smp4() {
	smoke smoke_1G_smp4 jump 1G $((1 << 30)) -smp 4
}

test_memblock_debug_trace() {
	boot memblock_debug jump 128M -append memblock=debug
	check "exit status 0" status_is 0
	check "memblock=debug traces reservations" output_has memblock_debug \
		"memblock_reserve: [0x0000000080200000-"
	# the caller as Linux's %pF prints it: function+offset/size
	check "the trace names its caller" grep -q \
		"memblock_reserve: \[0x0000000087fff000-0x0000000087ffffff\] memblock_alloc[a-z_]*+0x[0-9a-f]*/0x[0-9a-f]*$" \
		"$OUT/memblock_debug.out"
}

# make run's build figures leave the console out: under -icount the walks
# of the tree cost the same instructions whether memblock=debug prints
# inside the build or not (bootargs of one length: the same size of tree),
# while the memblock calls cost more with the trace (it looks up callers)
# but not its printing (thousands of instructions a line): under twice.
build_figure() {	# build_figure NAME PART: instret of "PART : N instret"
	sed -n "s/^$2 *: \([0-9]*\) instret.*/\1/p" "$OUT/$1.out"
}

test_build_figures_leave_out_console() {
	boot figures_quiet jump 128M -icount shift=0 -append memblock=DEBUG
	boot figures_trace jump 128M -icount shift=0 -append memblock=debug
	local parse_q parse_t calls_q calls_t
	parse_q=$(build_figure figures_quiet "DT parse")
	parse_t=$(build_figure figures_trace "DT parse")
	calls_q=$(build_figure figures_quiet "memblock calls")
	calls_t=$(build_figure figures_trace "memblock calls")
	echo "  DT parse $parse_q / $parse_t, memblock calls $calls_q / $calls_t" >>"$LOG"
	check "both figures printed" eval '[ -n "$parse_q" ] && [ -n "$calls_q" ] && [ "$calls_q" -gt 0 ]'
	check "DT parse the same with the trace printing" eval '[ "$parse_q" = "$parse_t" ]'
	check "memblock calls cost more with the trace" eval '[ "${calls_t:-0}" -gt "${calls_q:-0}" ]'
	check "but not the trace's printing" eval '[ "${calls_t:-0}" -lt $((2 * ${calls_q:-0})) ]'
}

# Two memory nodes with a hole between them; the second on NUMA node 1.
test_two_memory_nodes_with_hole() {
	make_dts hole 256M
	cat >>"$OUT/hole.dts" <<'EOF'
/ {
	/delete-node/ memory@80000000;
	memory@80000000 {
		device_type = "memory";
		reg = <0x00 0x80000000 0x00 0x4000000>;
	};
	memory@88000000 {
		device_type = "memory";
		reg = <0x00 0x88000000 0x00 0x2000000 0x00 0x8c000000 0x00 0x1000000>;
		numa-node-id = <1>;
	};
};
EOF
	compile_dtb hole
	boot hole jump 256M -dtb "$OUT/hole.dtb"
	check "exit status 0" status_is 0
	check "memory is the three ranges, holes kept" memory_is hole \
		"0x0000000080000000 0x0000000083ffffff 0" \
		"0x0000000088000000 0x0000000089ffffff 1" \
		"0x000000008c000000 0x000000008cffffff 1"
	check "memory size = 112 MiB" output_has hole \
		"memory size = 0x0000000007000000"
	check "first allocation at the top of the last range" output_has hole \
		"= 0x000000008cfff000"
	check "every reported reservation holds" all_reservations_hold hole
}

test_memreserve() {
	make_dts memreserve 128M
	sed -i 's|^/dts-v1/;|/dts-v1/;\n/memreserve/ 0x84000000 0x10000;|' \
		"$OUT/memreserve.dts"
	compile_dtb memreserve
	boot memreserve jump 128M -dtb "$OUT/memreserve.dtb"
	check "exit status 0" status_is 0
	check "/memreserve/ reported" output_has memreserve \
		"Reserved memory: [0x0000000084000000-0x000000008400ffff] reserved    /memreserve/"
	check "/memreserve/ reserved" covered reserved memreserve 0x84000000 0x8400ffff
}

# A no-map child is removed from memory; a disabled one is ignored.
test_no_map() {
	make_dts nomap 128M
	cat >>"$OUT/nomap.dts" <<'EOF'
/ {
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		carveout@86000000 {
			reg = <0x00 0x86000000 0x00 0x100000>;
			no-map;
		};
		off@85000000 {
			reg = <0x00 0x85000000 0x00 0x100000>;
			status = "disabled";
		};
	};
};
EOF
	compile_dtb nomap
	boot nomap jump 128M -dtb "$OUT/nomap.dtb"
	check "exit status 0" status_is 0
	check "memory has a hole at the no-map child" memory_is nomap \
		"0x0000000080000000 0x0000000085ffffff 0" \
		"0x0000000086100000 0x0000000087ffffff 0"
	check "disabled child not reserved" \
		eval "! overlaps reserved nomap 0x85000000 0x850fffff"
	check "OpenSBI's mmode_resv still reserved" opensbi_reserved nomap
	check "every reported reservation holds" all_reservations_hold nomap
}

# Dynamic children: placed after the static ones, aligned, inside
# alloc-ranges; no-map ones leave memory; one too big is reported.
test_dynamic_reservation() {
	make_dts dynamic 128M
	cat >>"$OUT/dynamic.dts" <<'EOF'
/ {
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		pool {
			size = <0x00 0x400000>;
			alignment = <0x00 0x400000>;
		};
		ranged {
			size = <0x00 0x100000>;
			alloc-ranges = <0x00 0x84000000 0x00 0x1000000>;
		};
		hidden {
			size = <0x00 0x200000>;
			alignment = <0x00 0x200000>;
			no-map;
		};
		huge {
			size = <0x00 0x10000000>;
		};
		static@81000000 {
			reg = <0x00 0x81000000 0x00 0x10000>;
		};
	};
};
EOF
	compile_dtb dynamic
	boot dynamic jump 128M -dtb "$OUT/dynamic.dtb"
	check "exit status 0" status_is 0
	check "pool: top of memory, 4 MiB aligned" output_has dynamic \
		"Reserved memory: [0x0000000087c00000-0x0000000087ffffff] size        pool"
	check "ranged: top of its alloc-range" output_has dynamic \
		"Reserved memory: [0x0000000084f00000-0x0000000084ffffff] size        ranged"
	check "hidden: below pool, removed from memory" output_has dynamic \
		"Reserved memory: [0x0000000087a00000-0x0000000087bfffff] size,no-map hidden"
	check "huge: reported as not fitting" output_has dynamic \
		"Reserved memory: failed to allocate memory for node 'huge'"
	check "static child reserved before the dynamic ones" \
		eval "[ \"\$(reservations dynamic | awk '{print \$4}' | tr '\n' ' ')\" = 'payload device mmode_resv0@80000000 static@81000000 pool ranged hidden ' ]"
	check "every reported reservation holds" all_reservations_hold dynamic
}

test_disabled_memory_node() {
	make_dts disabled 256M
	cat >>"$OUT/disabled.dts" <<'EOF'
/ {
	memory@80000000 {
		reg = <0x00 0x80000000 0x00 0x8000000>;
	};
	memory@88000000 {
		device_type = "memory";
		reg = <0x00 0x88000000 0x00 0x8000000>;
		status = "disabled";
	};
};
EOF
	compile_dtb disabled
	boot disabled jump 256M -dtb "$OUT/disabled.dtb"
	check "exit status 0" status_is 0
	check "warning names the node" output_has disabled \
		'fdt: warning: /memory@88000000: status = "disabled", skipped'
	check "only the enabled node is memory" memory_is disabled \
		"0x0000000080000000 0x0000000087ffffff 0"
}

test_no_memory_node_fails() {
	make_dts nomem 128M
	printf '/ { /delete-node/ memory@80000000; };\n' >>"$OUT/nomem.dts"
	compile_dtb nomem
	boot nomem jump 128M -dtb "$OUT/nomem.dtb"
	check "exit status 1" status_is 1
	check "clear error" output_has nomem \
		'fdt: error: /: no memory node (device_type = "memory") in the device tree'
	check "no dump" output_lacks nomem "MEMBLOCK configuration:"
}

test_bad_reg_fails() {
	make_dts badreg 128M
	cat >>"$OUT/badreg.dts" <<'EOF'
/ { memory@80000000 { reg = <0x00 0x80000000 0x8000000>; }; };
EOF
	compile_dtb badreg
	boot badreg jump 128M -dtb "$OUT/badreg.dtb"
	check "exit status 1" status_is 1
	check "error names node and property" output_has badreg \
		"fdt: error: /memory@80000000: reg: length 12 is not a multiple of 16"
}

test_trap_fails() {
	boot trap jump 128M -append payload.trap
	check "exit status 2" status_is 2
	check "illegal instruction reported" output_has trap \
		"Unexpected trap: exception 2 (illegal instruction)"
	check "sepc printed" output_has trap " sepc   = 0x"
}

# Too little memory for the demo's 2 MiB block: memblock_alloc() panics.
# The second range keeps fw_jump's DTB (0x82200000) inside memory.
test_alloc_panic_fails() {
	make_dts tiny 128M
	cat >>"$OUT/tiny.dts" <<'EOF'
/ { memory@80000000 { reg = <0x00 0x80000000 0x00 0x500000 0x00 0x82200000 0x00 0x10000>; }; };
EOF
	compile_dtb tiny
	boot tiny jump 128M -dtb "$OUT/tiny.dtb"
	check "exit status 1" status_is 1
	check "Linux's panic line" output_has tiny "Kernel panic - not syncing: "
}

# `make run` itself exits non-zero when the payload panics.
test_make_run_panic_fails() {
	LOG_MAKE=$OUT/make_run_panic.out
	echo "+ make -s run BOOTARGS=payload.panic" >>"$LOG"
	timeout "$TIMEOUT" make -s -C "$ROOT" run BOOTARGS=payload.panic \
		</dev/null >"$LOG_MAKE" 2>&1
	STATUS=$?
	tr -d '\r' <"$LOG_MAKE" >>"$LOG"
	echo "+ exit status $STATUS" >>"$LOG"
	check "make run exits non-zero" eval "[ $STATUS -ne 0 ]"
	check "panic line printed" grep -q \
		"Kernel panic - not syncing: payload.panic on the command line" "$LOG_MAKE"
}

# Big, hostile and edge-case device trees (issue 6).
. "$ROOT/tests/qemu/dt.sh"
# Strategies and benchmarks (issues 4 and 5).
. "$ROOT/tests/qemu/bench.sh"
# Bad settings, blobs and bootargs through make run; no exit device (issue 9).
. "$ROOT/tests/qemu/harden.sh"
# The Image, U-Boot's booti, sifive_u, counters that may be off (issue 14).
. "$ROOT/tests/qemu/boot.sh"
# The chain trace and docs/chain.md (issue 15).
. "$ROOT/tests/qemu/trace.sh"

# ---- Runner -----------------------------------------------------------------

if [ $# -gt 0 ]; then
	tests=("$@")
else
	mapfile -t tests < <(declare -F | awk '$3 ~ /^test_/ { print $3 }')
fi

[ -f "$KERNEL" ] || { echo "qemu tests: $KERNEL missing: run make first" >&2; exit 1; }
for t in "${tests[@]}"; do
	LOG=$OUT/${t#test_}.log
	: >"$LOG"
	ok=1
	"$t"
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
		echo "PASS $t"
	else
		failed=$((failed + 1))
		echo "FAIL $t (log: $LOG)"
	fi
done
echo "qemu: $passed passed, $failed failed"
[ $failed -eq 0 ]

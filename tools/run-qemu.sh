#!/usr/bin/env bash
# run-qemu.sh: boot the payload in QEMU under OpenSBI, as `make run` and
# `make debug` do.  Settings come from the environment (the Makefile
# exports its variables); every one is checked before QEMU starts, and a
# bad one stops the run with one line naming it and what it accepts.
#
#   MACHINE=virt     QEMU's virt, or sifive_u (HiFive Unleashed: hart 0 is
#                    the E51 without S-mode, so at least 2 harts)
#   BOOT=opensbi     OpenSBI starts the payload; uboot: OpenSBI starts
#                    U-Boot (UBOOT_DIR/uboot.elf), whose distro boot finds
#                    boot.scr on UBOOT_DISK and boots payload.bin with booti
#   MEM=128M         guest RAM, any form QEMU's -m reads (16, 16384K, 0.5G);
#                    MEM_VAR names it in messages (make replay: REPLAY_MEM)
#   SMP=1            harts
#   FW=jump          OpenSBI fw_jump.elf, or dynamic (fw_dynamic.bin)
#   DTB=             a device tree blob to boot instead of QEMU's own
#   BOOTARGS=        /chosen/bootargs, passed to QEMU as one argument
#   MEMBLOCK_DEBUG=0 1: memblock=debug before BOOTARGS
#   BENCH=quick      quick, full or off: bench=quick / bench=full before
#                    BOOTARGS (which win: the payload takes the last)
#   ICOUNT=0         1: -icount shift=0 (rdcycle/rdinstret count instructions)
#   INITRD=          a file QEMU loads into RAM and names in /chosen
#                    linux,initrd-start/-end (make replay: the op list)
#   TRACE=off        chain or all: memblock.trace=TRACE before BOOTARGS (KERNEL
#                    must then be the trace image, build/payload-trace.elf)
#   GDB_WAIT=        a TCP port: QEMU waits there for gdb (make debug)
#   GRACE=3          seconds QEMU may take to end after the payload's status line
#   RUN_TIMEOUT=0    seconds before QEMU is stopped whatever happens (0: never)
#   QEMU, OPENSBI_DIR, KERNEL, NM, DTBINFO, UBOOT_DIR, UBOOT_DISK: the tools
#
# Exit status: the payload's.  Through sifive,test0 QEMU carries it; where
# the machine has no device that can (no sifive,test0 in the tree), the
# payload prints "payload: exit status N" last, this script takes N from
# it, says so, and stops QEMU if nothing else can end it.  Under BOOT=uboot
# a run in which U-Boot never started the payload fails, and one that
# stops at U-Boot's prompt is ended.
set -uo pipefail

QEMU=${QEMU:-qemu-system-riscv64}
OPENSBI_DIR=${OPENSBI_DIR:-/usr/lib/riscv64-linux-gnu/opensbi/generic}
KERNEL=${KERNEL:-build/payload.elf}
NM=${NM:-riscv64-unknown-elf-nm}
DTBINFO=${DTBINFO:-build/host/dtbinfo}
UBOOT_DIR=${UBOOT_DIR:-/usr/lib/u-boot/qemu-riscv64_smode}
UBOOT_DISK=${UBOOT_DISK:-build/uboot/disk.img}
MACHINE=${MACHINE-virt}
BOOT=${BOOT-opensbi}
MEM=${MEM-128M}
MEM_VAR=${MEM_VAR:-MEM}
SMP=${SMP-1}
FW=${FW-jump}
DTB=${DTB-}
BOOTARGS=${BOOTARGS-}
MEMBLOCK_DEBUG=${MEMBLOCK_DEBUG-0}
BENCH=${BENCH-quick}
ICOUNT=${ICOUNT-0}
INITRD=${INITRD-}
TRACE=${TRACE-off}
GDB_WAIT=${GDB_WAIT-}
GRACE=${GRACE-3}
RUN_TIMEOUT=${RUN_TIMEOUT-0}

STATUS_LINE='payload: exit status '	# platform/exit.h EXIT_STATUS_LINE
BANNER='memblock-rv: Linux 4.12 memblock in an S-mode payload'	# payload/banner.c
UBOOT_PROMPT='=> '
# U-Boot's distro boot loads boot.scr at scriptaddr 0x8c100000, below the
# ~25 MiB U-Boot keeps at the top of RAM (Debian 12's qemu-riscv64_smode):
# 200M fails to load it, 230M works; 256M is a round figure above both.
UBOOT_MIN_MEM=$((256 << 20))
MiB=$((1 << 20))

die() {
	echo "run-qemu: $*" >&2
	exit 1
}

# choice NAME ALLOWED...: the variable NAME holds one of ALLOWED.
choice() {
	local name=$1 allowed
	shift
	for allowed; do
		[ "${!name}" = "$allowed" ] && return 0
	done
	die "$name=${!name}: use one of: $*"
}

# number NAME MIN: the variable NAME is a decimal number, at least MIN.
number() {
	[[ ${!1} =~ ^[0-9]+$ ]] && ((10#${!1} >= $2)) ||
		die "$1=${!1}: use a whole number, $2 or more"
}

choice MACHINE virt sifive_u
choice BOOT opensbi uboot
choice FW jump dynamic
choice BENCH quick full off
choice MEMBLOCK_DEBUG 0 1
choice ICOUNT 0 1
choice TRACE off chain all
number SMP 1
number GRACE 1
number RUN_TIMEOUT 0
[ -z "$GDB_WAIT" ] || number GDB_WAIT 1
[ -n "$MEM" ] || die "$MEM_VAR is empty: use a size as QEMU's -m reads it (128M, 1G, 512)"
[ -z "$DTB" ] || [ -r "$DTB" ] || die "DTB=$DTB: no such file"
[ -z "$INITRD" ] || [ -r "$INITRD" ] || die "INITRD=$INITRD: no such file"
[ -r "$KERNEL" ] || die "$KERNEL missing: run make first"
machine=$MACHINE
[ "$TRACE" = off ] || [ "$BOOT" = opensbi ] ||
	die "TRACE=$TRACE: U-Boot's disk holds the image without trace points: use BOOT=opensbi"
if [ "$BOOT" = uboot ]; then
	[ "$MACHINE" = virt ] ||
		die "BOOT=uboot MACHINE=$MACHINE: Debian's U-Boot for QEMU (u-boot-qemu) is built for virt only: use MACHINE=virt"
	[ -r "$UBOOT_DIR/uboot.elf" ] ||
		die "BOOT=uboot: no $UBOOT_DIR/uboot.elf: run \`make deps\` (Debian: u-boot-qemu)"
	[ -r "$UBOOT_DISK" ] || die "BOOT=uboot: $UBOOT_DISK missing: run make first"
fi
case $FW in
jump) firmware=$OPENSBI_DIR/fw_jump.elf ;;
dynamic) firmware=$OPENSBI_DIR/fw_dynamic.bin ;;
esac

tmp=$(mktemp -d)
watcher=
cleanup() {
	[ -n "$watcher" ] && kill "$watcher" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# ---- The machine: QEMU's own tree for this MEM and SMP ---------------------
# QEMU reads MEM itself (every suffix, fraction and bare MiB it accepts) and
# says what RAM that is in the tree it dumps; a value it refuses stops here.
# QEMU takes a size of 0 as "its default" (128M): refuse it instead.
[[ $MEM =~ ^(0+\.?0*|\.0+|0[xX]0+)[KkMmGgTtPpEe]?$ ]] &&
	die "$MEM_VAR=$MEM: a machine without RAM (QEMU would give it its default, 128M): use a size such as 128M or 1G"
if ! "$QEMU" -M "$machine,dumpdtb=$tmp/machine.dtb" -m "$MEM" -smp "$SMP" \
	-nographic </dev/null >"$tmp/dump.log" 2>&1; then
	# its error, not a deprecation warning printed before it
	why=$(grep -v -m1 -e '^$' -e ': warning: ' "$tmp/dump.log") ||
		why=$(grep -m1 . "$tmp/dump.log")
	[[ $MEM =~ ^0[xX][0-9a-fA-F]+$ ]] &&
		why="$why (QEMU reads a bare number as MiB, a hex one too: $MEM_VAR=$MEM is $MEM MiB; write 128M or 1G)"
	die "$MEM_VAR=$MEM SMP=$SMP: QEMU refuses them: $why"
fi
"$DTBINFO" "$tmp/machine.dtb" >"$tmp/machine.info" ||
	die "QEMU's own tree for $MEM_VAR=$MEM: dtbinfo cannot read it"
read -r _ ram_base ram_size < <(grep -m1 '^memory ' "$tmp/machine.info")
ram_size=$((ram_size))
ram_base=$((ram_base))

# ---- The tree to boot ------------------------------------------------------
if [ -n "$DTB" ]; then
	# The whole blob checked (a malformed one hangs OpenSBI before the
	# payload runs) and its memory inside the machine's RAM.
	"$DTBINFO" "$DTB" "$tmp/machine.dtb" >"$tmp/tree.info" 2>"$tmp/tree.err" ||
		die "DTB=$(cat "$tmp/tree.err")"
fi

# ---- The command line: make's switches first, BOOTARGS last (it wins) -----
words=()
[ "$MEMBLOCK_DEBUG" = 1 ] && words+=(memblock=debug)
[ "$BENCH" = off ] || words+=("bench=$BENCH")
[ "$TRACE" = off ] || words+=("memblock.trace=$TRACE")
bootargs="${words[*]}"
[ -n "$BOOTARGS" ] && bootargs="${bootargs:+$bootargs }$BOOTARGS"

# ---- Enough RAM for the firmware to place the tree -------------------------
# fw_jump copies the tree to 0x82200000: RAM must reach past it by the tree
# (packed, as QEMU loads it), the bootargs and OpenSBI's additions (its
# reserved-memory node: under 2 KiB).  fw_dynamic finds the tree where QEMU
# puts it, at the last 2 MiB boundary below the end of RAM minus the tree's
# buffer (QEMU 7.2 builds its own in 1 MiB; a -dtb file gets twice its size
# plus 10000 bytes); the payload's allocation demo then needs a free 2 MiB
# block, 2 MiB aligned, between the payload's _end and the tree.
round_up() { echo $((($1 + $2 - 1) / $2 * $2)); }
if [ -n "$DTB" ]; then
	packed=$(awk '$1 == "packed" { print $2 }' "$tmp/tree.info")
	buffer=$((2 * ($(stat -c %s "$DTB") + 10000)))
else
	packed=$(awk '$1 == "packed" { print $2 }' "$tmp/machine.info")
	buffer=$MiB
fi
image_end=$((0x$("$NM" "$KERNEL" | awk '$3 == "_end" { print $1 }')))
need_jump=$(round_up $((0x2200000 + packed + ${#bootargs} + 2048)) 8192)
need_dynamic=$(round_up $(($(round_up $((image_end - ram_base)) $((2 * MiB))) + 2 * MiB + buffer)) 8192)
need_name=need_$FW
if ((ram_size < ${!need_name})); then
	die "$MEM_VAR=$MEM is $((ram_size >> 10))K of RAM: too little to boot this tree with FW=$FW" \
		"(fw_jump needs $((need_jump >> 10))K, fw_dynamic $((need_dynamic >> 10))K here)"
fi
if [ "$BOOT" = uboot ] && ((ram_size < UBOOT_MIN_MEM)); then
	die "$MEM_VAR=$MEM is $((ram_size >> 10))K of RAM: BOOT=uboot takes $((UBOOT_MIN_MEM >> 20))M or more" \
		"(U-Boot's distro boot loads boot.scr at 0x8c100000, below the ~25 MiB U-Boot keeps at the top of RAM)"
fi

# ---- Boot ------------------------------------------------------------------
argv=(-M "$machine" -m "$MEM" -smp "$SMP" -nographic -no-reboot -bios "$firmware")
if [ "$BOOT" = uboot ]; then
	# shellcheck disable=SC2054  # the commas are QEMU's
	argv+=(-kernel "$UBOOT_DIR/uboot.elf"
	       -drive "file=$UBOOT_DISK,format=raw,if=none,id=disk0,readonly=on"
	       -device virtio-blk-device,drive=disk0)
else
	argv+=(-kernel "$KERNEL")
fi
[ -n "$DTB" ] && argv+=(-dtb "$DTB")
[ -n "$INITRD" ] && argv+=(-initrd "$INITRD")
[ -n "$bootargs" ] && argv+=(-append "$bootargs")
[ "$ICOUNT" = 1 ] && argv+=(-icount shift=0)
[ -n "$GDB_WAIT" ] && argv+=(-S -gdb "tcp::$GDB_WAIT")
printf '%q ' "$QEMU" "${argv[@]}"
echo

# status_line: the payload's last status line so far, if any.
status_line() {
	tail -c 65536 "$tmp/console" 2>/dev/null | tr -d '\r' |
		grep -a -o "^${STATUS_LINE}[0-9]*" | tail -n1
}

# payload_started: the payload's banner is on the console.
payload_started() {
	grep -a -q -F "$BANNER" "$tmp/console" 2>/dev/null
}

# firmware_stopped: OpenSBI met an error of its own (a trap it cannot
# handle, such as a device the tree names and the machine lacks, or a
# failed init) and hangs that hart: sbi_trap_error() and init_coldboot()'s
# "... failed (error N)" lines.
firmware_stopped() {
	tr -d '\r' <"$tmp/console" 2>/dev/null |
		grep -a -q -E '^sbi_trap_error: |^init_(cold|warm)boot: .*failed \(error -?[0-9]+\)'
}

# at_uboot_prompt: U-Boot waits at its prompt (distro boot found nothing).
at_uboot_prompt() {
	[ "$BOOT" = uboot ] && ! payload_started &&
		[ "$(tail -c ${#UBOOT_PROMPT} "$tmp/console" 2>/dev/null)" = "$UBOOT_PROMPT" ]
}

# Stop QEMU when nothing else will: GRACE seconds after the status line
# (the payload found no way to end the machine, or the way hung), GRACE
# seconds at U-Boot's prompt or after OpenSBI stopped on an error of its
# own before the payload started, or at RUN_TIMEOUT.  Polls the console log twice a second.
watch() {
	local start=$SECONDS seen='' prompt='' fw='' pid
	while sleep 0.5; do
		pid=$(cat "$tmp/qemu.pid" 2>/dev/null) || continue
		[ -z "$seen" ] && [ -n "$(status_line)" ] && seen=$SECONDS
		# before the payload runs: after, its status line or RUN_TIMEOUT
		# ends the run (an error on another hart need not stop it)
		if payload_started; then
			fw=
		elif [ -z "$fw" ] && firmware_stopped; then
			fw=$SECONDS
		fi
		if at_uboot_prompt; then
			prompt=${prompt:-$SECONDS}
		else
			prompt=
		fi
		if [ -n "$seen" ] && ((SECONDS - seen >= GRACE)); then
			echo grace >"$tmp/stopped"
		elif [ -n "$prompt" ] && ((SECONDS - prompt >= GRACE)); then
			echo prompt >"$tmp/stopped"
		elif [ -n "$fw" ] && ((SECONDS - fw >= GRACE)); then
			echo firmware >"$tmp/stopped"
		elif ((RUN_TIMEOUT > 0 && SECONDS - start >= RUN_TIMEOUT)); then
			echo timeout >"$tmp/stopped"
		else
			continue
		fi
		kill "$pid" 2>/dev/null
		return
	done
}
watch &
watcher=$!

"$QEMU" "${argv[@]}" -pidfile "$tmp/qemu.pid" 2>&1 | tee "$tmp/console"
qemu_status=${PIPESTATUS[0]}
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
watcher=

line=$(status_line)
stopped=$(cat "$tmp/stopped" 2>/dev/null)
if [ "$stopped" = firmware ]; then
	echo "run-qemu: OpenSBI stopped on an error of its own before the payload ran (above; a tree naming devices this machine lacks, such as a NUMA tree's second PLIC, does this): stopped QEMU after ${GRACE}s" >&2
	exit 1
fi
if [ "$BOOT" = uboot ] && ! payload_started && [ "$stopped" != timeout ]; then
	if [ "$stopped" = prompt ]; then
		echo "run-qemu: U-Boot stopped at its prompt without starting the payload: stopped QEMU after ${GRACE}s" >&2
	else
		echo "run-qemu: U-Boot did not start the payload (its messages are above)" >&2
	fi
	exit 1
fi
if [ -n "$line" ]; then
	status=${line#"$STATUS_LINE"}
	if [ "$stopped" = grace ]; then
		echo "run-qemu: nothing ended the machine after the payload's status line (no device to power it off):" \
			"stopped QEMU after ${GRACE}s; exit status $status, from that line" >&2
	else
		echo "run-qemu: no device carried the payload's exit status to QEMU (no sifive,test0):" \
			"exit status $status, from the payload's status line" >&2
	fi
	exit "$status"
fi
if [ "$stopped" = timeout ]; then
	echo "run-qemu: no end after RUN_TIMEOUT=${RUN_TIMEOUT}s: stopped QEMU" >&2
	exit 124
fi
exit "$qemu_status"

#!/usr/bin/env bash
# linux-boot-log.sh [OUTDIR]: real Linux 6.1 memblock=debug boot logs, for
# the replay (issue 12).  Builds a small riscv64 kernel from Debian's
# linux-source-6.1, boots it under the project's OpenSBI fw_jump in QEMU
# virt four times, and writes into OUTDIR (default tests/replay):
#
#   NAME.log        the raw console: OpenSBI's banner, then the kernel's
#   NAME.dtb        the device tree as the kernel saw it: read from memory
#                   at the kernel's first instruction, after fw_jump has
#                   edited and moved it (a1 = 0x82200000)
#   NAME.input.dtb  the tree QEMU handed to OpenSBI (QEMU's own, or gendtb's)
#
# for NAME in virt-128m (128 MiB, 1 hart), virt-1g-numa2 (1 GiB, 4 harts,
# two NUMA nodes), and two trees of tools/gendtb on 128 MiB: memreserve-123
# (the most /memreserve/ entries this kernel boots with) and memreserve-10k
# (5,000 /memreserve/ entries and 5,000 /reserved-memory children, which
# the kernel does not survive).
# See tests/replay/README.md.  Not part of `make test`: a clean run (source,
# build, boots) takes a few minutes; later runs reuse the cache.
#
# The kernel source and build stay in the user cache, once per machine:
#   ${XDG_CACHE_HOME:-~/.cache}/memblock-rv/linux-6.1        (source subset)
#   ${XDG_CACHE_HOME:-~/.cache}/memblock-rv/linux-6.1-riscv  (O= build)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(mkdir -p "${1:-$repo/tests/replay}" && cd "${1:-$repo/tests/replay}" && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/memblock-rv
src=$cache/linux-6.1
obj=$cache/linux-6.1-riscv
pkg=linux-source-6.1
fragment=$repo/tools/linux-boot-log.config
fw=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf
jobs=${JOBS:-$(nproc)}
# Seconds one boot may take before the script gives up on it; the
# memreserve-10k boot prints about 2 MB through SBI calls.
boot_timeout=${BOOT_TIMEOUT:-600}

# earlycon=sbi: the console from parse_early_param() on; memblock=debug: every
# memblock call from there on; loglevel=8: nothing filtered.  The end of the
# boot comes from the config (PANIC_TIMEOUT=-1), not from panic=-1 here: a
# command-line panic= only takes effect after setup_arch(), too late for a
# kernel that dies in paging_init().
bootargs="earlycon=sbi memblock=debug loglevel=8"

say() { echo "linux-boot-log: $*"; }
die() { echo "linux-boot-log: $*" >&2; exit 1; }

tmp=$(mktemp -d)
qemu_pid=
partial=
cleanup() {
	# Only the QEMU this script started, by its pid.
	if [ -n "$qemu_pid" ]; then kill "$qemu_pid" 2>/dev/null || true; fi
	rm -rf "$tmp" ${partial:+"$partial"}
}
trap cleanup EXIT

# ---- Tools -----------------------------------------------------------------
# The kernel build wants a host compiler, flex, bison and bc besides the
# cross compiler; gdb-multiarch reads the device tree out of the guest;
# dtc packs QEMU's tree and checks every tree saved; libfdt-dev is for
# gendtb.  tools/deps.sh installs what is missing as root, else says how.
"$repo"/tools/deps.sh gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu \
	gcc make flex bison bc xz-utils qemu-system-misc opensbi \
	gdb-multiarch device-tree-compiler libfdt-dev ||
	die "install the packages above, then run this again"
[ -f "$fw" ] || die "$fw missing (Debian package opensbi)"

# ---- Linux 6.1 source, once per machine ------------------------------------
# Debian's linux-source-6.1 is the kernel the project already takes libfdt
# from (tools/fetch-linux-source.sh).  Left out of the extraction, about 800 of
# its 1,500 MB: the documentation but Documentation/Kconfig (the top Kconfig
# sources it), and the sources (C, assembly, device trees) of the other
# architectures and of driver families this config never builds (no PCI,
# network, sound, media or SCSI).  Their Kconfig and Makefile files stay:
# kconfig reads every Kconfig file of every architecture, and kbuild
# descends into drivers/gpu/ and the others whatever the config.
fetch_source() {
	[ -f "$src/.complete" ] && return 0
	local dl=$tmp/download
	mkdir -p "$dl"
	# _apt cannot write to a private temporary directory; let it.
	chmod 755 "$tmp" "$dl"
	say "downloading $pkg (once per machine, into $src)"
	if ! (cd "$dl" && apt-get download -q "$pkg" >/dev/null 2>&1); then
		[ "$(id -u)" -eq 0 ] ||
			die "'apt-get download $pkg' failed; run as root: apt-get update"
		apt-get update -q >/dev/null
		(cd "$dl" && apt-get download -q "$pkg" >/dev/null)
	fi

	say "extracting $pkg"
	local new deb
	deb=$(echo "$dl"/"$pkg"_*.deb)
	mkdir -p "$cache"
	new=$(mktemp -d "$src.XXXXXX")
	partial=$new
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/$pkg.tar.xz" |
		tar -xJ -C "$new" \
			--exclude="$pkg/Documentation/*/*" \
			--exclude="$pkg/arch/[!r]*/*.[chS]" \
			--exclude="$pkg/arch/[!r]*/*.dts*" \
			--exclude="$pkg/drivers/gpu/*.[ch]" \
			--exclude="$pkg/drivers/net/*.[ch]" \
			--exclude="$pkg/drivers/media/*.[ch]" \
			--exclude="$pkg/drivers/scsi/*.[ch]" \
			--exclude="$pkg/drivers/staging/*.[ch]" \
			--exclude="$pkg/drivers/infiniband/*.[ch]" \
			--exclude="$pkg/sound/*.[ch]"
	dpkg-deb -f "$deb" Version >"$new/$pkg/.complete"
	rm -f "$deb"
	# Rename into place, so that an interrupted run never leaves half a tree.
	rm -rf "$src"
	mv "$new/$pkg" "$src"
	rmdir "$new"
	partial=
}

# ---- The kernel --------------------------------------------------------------
kmake() {
	# Fixed build user, host and date: the "Linux version" line then names
	# the Debian package instead of this machine and this hour.
	make -s -C "$src" O="$obj" ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu- \
		KBUILD_BUILD_USER=memblock-rv KBUILD_BUILD_HOST=linux-boot-log \
		KBUILD_BUILD_TIMESTAMP="Debian $(cat "$src/.complete")" "$@"
}

# tinyconfig plus tools/linux-boot-log.config; redone only when the fragment
# or the source changes.  Every line of the fragment must survive olddefconfig:
# a dependency missing on some later 6.1 would otherwise drop, say, earlycon
# without a word.
configure() {
	local stamp=$obj/.linux-boot-log.config
	if [ -f "$obj/.config" ] && [ -f "$stamp" ] &&
	    cat "$fragment" "$src/.complete" | cmp -s - "$stamp"; then
		return 0
	fi
	say "configuring: tinyconfig + ${fragment#"$repo"/}"
	mkdir -p "$obj"
	kmake tinyconfig >/dev/null
	"$src"/scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" \
		"$fragment" >/dev/null
	kmake olddefconfig
	local line
	while IFS= read -r line; do
		case $line in
		CONFIG_*=* | "# CONFIG_"*" is not set")
			grep -qxF "$line" "$obj/.config" ||
				die "config: '$line' did not stick (a dependency?)";;
		esac
	done <"$fragment"
	cat "$fragment" "$src/.complete" >"$stamp"
}

# ---- One boot ----------------------------------------------------------------
# boot NAME INPUT_DTB QEMU_ARGS...: boot the kernel with INPUT_DTB (empty:
# QEMU's own tree, which is then dumped to NAME.input.dtb) and write
# NAME.log and NAME.dtb.
#
# QEMU starts halted with its gdb stub on a socket; gdb stops the guest at
# the kernel's first instruction (0x80200000, where fw_jump jumps), copies
# the tree a1 points to (totalsize from its big-endian header), then lets the
# kernel run to machine_restart().  Every end of these boots goes there:
# PANIC_TIMEOUT=-1 turns each panic into emergency_restart(), and a kernel
# that dies before sbi_init() has no SBI reset and would spin in it forever.
# gdb then ends QEMU; -no-reboot and the timeout are safety nets.
# Two settings make a second run write the same trees and the same log
# (timestamps aside): -seed 1 fixes the rng-seed QEMU writes into /chosen,
# and single-threaded TCG makes hart 0 win OpenSBI's boot-hart lottery
# every time (with a thread per hart, any hart may).
boot() {
	local name=$1 input=$2
	shift 2
	local qemu=(qemu-system-riscv64 -seed 1 -accel "tcg,thread=single"
		-M virt -nographic -no-reboot
		-bios "$fw" -kernel "$obj/arch/riscv/boot/Image"
		-append "$bootargs" "$@")
	local log=$out/$name.log dtb=$out/$name.dtb
	local sock=$tmp/gdb.sock start=$SECONDS restart

	if [ -z "$input" ]; then
		# QEMU pads its tree to 1 MiB; dtc packs it (same nodes, same order).
		"${qemu[@]}" -machine dumpdtb="$tmp/qemu.dtb" >/dev/null 2>&1 ||
			die "$name: QEMU could not dump its device tree"
		dtc -q -I dtb -O dtb -o "$out/$name.input.dtb" "$tmp/qemu.dtb"
	else
		cp "$input" "$out/$name.input.dtb"
		qemu+=(-dtb "$input")
	fi

	restart=$(riscv64-linux-gnu-nm "$obj/vmlinux" |
		awk '$3 == "machine_restart" { print $1 }')
	[ -n "$restart" ] || die "no machine_restart in vmlinux"
	cat >"$tmp/boot.gdb" <<EOF
set pagination off
set confirm off
target remote $sock
hbreak *0x80200000
continue
set \$fdt = (unsigned char *)\$a1
set \$size = \$fdt[4] << 24 | \$fdt[5] << 16 | \$fdt[6] << 8 | \$fdt[7]
printf "device tree at 0x%lx, %u bytes\n", \$a1, \$size
eval "dump binary memory $dtb 0x%lx 0x%lx", \$a1, \$a1 + \$size
delete
hbreak *0x$restart
continue
kill
EOF

	rm -f "$sock" "$dtb"
	timeout "$boot_timeout" "${qemu[@]}" -S \
		-chardev socket,id=gdb,path="$sock",server=on,wait=off \
		-gdb chardev:gdb >"$log" 2>"$tmp/qemu.err" &
	qemu_pid=$!
	for _ in $(seq 100); do
		[ -S "$sock" ] && break
		sleep 0.1
	done
	timeout "$boot_timeout" gdb-multiarch -batch -nx -x "$tmp/boot.gdb" \
		>"$tmp/gdb.out" 2>&1 || true
	wait "$qemu_pid" || true
	qemu_pid=

	# The tree must be whole, and be the very blob the kernel reserved:
	# "memblock_reserve: [0x82200000-END] paging_init" names its extent.
	if ! [ -s "$dtb" ] || ! dtc -q -I dtb -O dts -o /dev/null "$dtb"; then
		cat "$tmp/gdb.out" "$tmp/qemu.err" >&2
		die "$name: no device tree read at the kernel's entry"
	fi
	local size end
	size=$(stat -c %s "$dtb")
	end=$(printf '0x%016x' $((0x82200000 + size - 1)))
	grep -q "memblock_reserve: \[0x0000000082200000-$end\] paging_init" "$log" ||
		die "$name: the log does not reserve the $size-byte tree at 0x82200000"
	grep -q "Kernel panic" "$log" ||
		die "$name: the boot ended without a panic: see $log"
	say "$name: $(wc -l <"$log") lines, $(stat -c %s "$log") bytes," \
		"tree $size bytes, $((SECONDS - start)) s"
}

# ---- Main ----------------------------------------------------------------------
t0=$SECONDS
fetch_source
t_fetch=$((SECONDS - t0))
say "$pkg $(cat "$src/.complete") in $src"

t0=$SECONDS
configure
say "building Image with $jobs jobs in $obj"
kmake -j"$jobs" Image
t_build=$((SECONDS - t0))

# has NAME TEXT: NAME's log has a line with TEXT in it.
has() { grep -qF -- "$2" "$out/$1.log"; }

t0=$SECONDS
# 1. The project's default machine (make run): 128 MiB, one hart.
boot virt-128m "" -m 128M -smp 1
has virt-128m "Memory: " ||
	die "virt-128m: no \"Memory:\" line: memblock_free_all() not reached"

# 2. 1 GiB on two NUMA nodes of 512 MiB and two harts each; QEMU writes
#    numa-node-id into the memory and cpu nodes (no distance-map: that
#    takes -numa dist).
boot virt-1g-numa2 "" -m 1G -smp 4 \
	-object memory-backend-ram,id=mem0,size=512M \
	-object memory-backend-ram,id=mem1,size=512M \
	-numa node,nodeid=0,cpus=0-1,memdev=mem0 \
	-numa node,nodeid=1,cpus=2-3,memdev=mem1
has virt-1g-numa2 "Memory: " ||
	die "virt-1g-numa2: no \"Memory:\" line: memblock_free_all() not reached"
has virt-1g-numa2 "Initmem setup node 1 " ||
	die "virt-1g-numa2: the kernel did not set up a second node"

# 3 and 4: QEMU's 128 MiB tree with many regions (tools/gendtb).  Until
# memblock_allow_resize() (end of paging_init()) the reserved array cannot
# grow past its 128 static entries.
make -C "$repo" --no-print-directory -s gendtb
qemu-system-riscv64 -seed 1 -M virt,dumpdtb="$tmp/virt-128m.dtb" -m 128M \
	-smp 1 -nographic -bios "$fw" >/dev/null 2>&1
gendtb() {
	"$repo"/build/host/gendtb -i "$tmp/virt-128m.dtb" -o "$tmp/$1.dtb" \
		"${@:2}" 2>/dev/null
}

# 3. The edge: 123 /memreserve/ entries is the most this kernel survives.
#    The kernel, 123 entries, OpenSBI's mmode_resv0, the tree and the first
#    page-table page take 127 entries; each further page-table page takes
#    the 128th for a moment, before it merges with its neighbour (with 124,
#    the second one fails).  The first reservation after
#    memblock_allow_resize() doubles the array.
gendtb memreserve-123 --memreserve 123
boot memreserve-123 "$tmp/memreserve-123.dtb" -m 128M -smp 1
has memreserve-123 "Memory: " ||
	die "memreserve-123: no \"Memory:\" line: 123 regions were too many"
has memreserve-123 "memblock: reserved is doubled to 256" ||
	die "memreserve-123: the reserved array was not doubled"

# 4. 5,000 /memreserve/ entries and 5,000 /reserved-memory children: every
#    reservation after the 127th entry fails, and so does the first
#    page-table allocation (tests/replay/README.md says what follows).
gendtb memreserve-10k --memreserve 5000 --reserved 5000
boot memreserve-10k "$tmp/memreserve-10k.dtb" -m 128M -smp 1
! has memreserve-10k "Memory: " ||
	die "memreserve-10k: the kernel survived 10,000 regions: see the log"
t_boot=$((SECONDS - t0))

say "done, in $out: source $t_fetch s, configure + build $t_build s," \
	"boots $t_boot s"

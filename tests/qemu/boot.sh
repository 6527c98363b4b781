# Sourced by tests/qemu/run.sh: booting the way real boards do (issue 14).
# build/payload.bin as a Linux RISC-V Image, read back and booted; the
# payload moving itself to its link address; make run BOOT=uboot (Debian's
# U-Boot, distro boot, booti) and MACHINE=sifive_u, each dump checked by
# tools/dtcheck against the very tree the payload was handed; counters
# that trap or stand still.

IMAGE=${IMAGE:-build/payload.bin}
UBOOT_DIR=${UBOOT_DIR:-/usr/lib/u-boot/qemu-riscv64_smode}
UBOOT_DISK=${UBOOT_DISK:-build/uboot/disk.img}
DTCHECK=${DTCHECK:-build/host/dtcheck}
CROSS_OBJCOPY=${CROSS_OBJCOPY:-riscv64-unknown-elf-objcopy}

# symbol NAME: its address in the ELF, as a number.
symbol() {
	echo $((0x$("$NM" "$KERNEL" | awk -v s="$1" '$3 == s { print $1 }')))
}

# u64 OFFSET / u32 OFFSET: a little-endian field of the Image header.
u64() { od -A n -t u8 -j "$1" -N 8 "$IMAGE" | tr -d ' '; }
u32() { od -A n -t u4 -j "$1" -N 4 "$IMAGE" | tr -d ' '; }
bytes() { od -A n -t x1 -j "$1" -N "$2" "$IMAGE" | tr -d ' \n'; }

# The header as Linux's Documentation/riscv/boot-image-header.rst lays it
# out, against the ELF: what booti checks (magic2, image_size) and more.
test_image_header() {
	local start end load_end code0
	start=$(symbol _start)
	end=$(symbol _end)
	load_end=$(symbol __image_load_end)
	code0=$(u32 0)
	echo "  code0 $(printf 0x%08x "$code0") text_offset $(u64 8) image_size $(u64 16) size $(stat -c %s "$IMAGE")" >>"$LOG"
	check "code0: a jal x0 (opcode 0x6f, rd 0)" eval "[ \$(($code0 & 0xfff)) -eq \$((0x06f)) ]"
	check "code0 jumps past the 64-byte header" eval \
		"[ \$(( ($code0 >> 21 & 0x3ff) << 1 )) -ge 64 ]"
	check "text_offset 0x200000: linked at RAM + 2 MiB" eval "[ $(u64 8) -eq $((0x200000)) ]"
	check "text_offset matches the link address" eval "[ $((start - 0x80000000)) -eq $(u64 8) ]"
	check "image_size = _end - _start (BSS, stack included)" eval "[ $(u64 16) -eq $((end - start)) ]"
	check "flags 0: little endian" eval "[ $(u64 24) -eq 0 ]"
	check "version 0.2" eval "[ $(u32 32) -eq 2 ]"
	check "magic RISCV\\0\\0\\0" eval "[ $(bytes 48 8) = 5249534356000000 ]"
	check "magic2 RSC\\x05" eval "[ $(bytes 56 4) = 52534305 ]"
	check "res3 0: no PE/COFF header" eval "[ $(u32 60) -eq 0 ]"
	check "the file is [_start, __image_load_end): no BSS in it" \
		eval "[ $(stat -c %s "$IMAGE") -eq $((load_end - start)) ]"
	check "... and smaller than 1 MiB" eval "[ $(stat -c %s "$IMAGE") -lt $((1 << 20)) ]"
}

# QEMU's -kernel takes the flat file (at 0x80200000 under fw_jump).
test_image_boots_flat() {
	KERNEL=$IMAGE boot image_flat jump 128M -append memblock=debug
	check "exit status 0" status_is 0
	check "started where it is linked" output_has image_flat \
		"Payload Loaded At      : 0x0000000080200000 (where it is linked)"
	check "the symbol table came along (memblock=debug names callers)" grep -q \
		"memblock_reserve: \[0x0000000087fff000-0x0000000087ffffff\] memblock_alloc[a-z_]*+0x" \
		"$OUT/image_flat.out"
	check "integrity ok" output_has image_flat "Integrity check: ok"
}

# moved_elf NAME ADDRESS: the ELF with its load addresses moved to ADDRESS
# (contents still linked at 0x80200000): fw_dynamic starts it there, as a
# boot loader that runs an Image where it was loaded would.
moved_elf() {
	"$CROSS_OBJCOPY" --change-addresses=$(($2 - $(symbol _start))) \
		"$KERNEL" "$OUT/$1.elf" 2>>"$LOG"
}

test_image_moves_itself() {
	moved_elf moved 0x84000000
	KERNEL=$OUT/moved.elf boot moved dynamic 128M -append memblock=debug
	check "exit status 0" status_is 0
	check "OpenSBI started it at 0x84000000" output_has moved \
		"Domain0 Next Address      : 0x0000000084000000"
	check "it moved itself" output_has moved \
		"Payload Loaded At      : 0x0000000084000000 (moved to where it is linked)"
	check "its data's absolute addresses hold (symbol table, strategy names)" grep -q \
		"memblock_reserve: \[0x0000000087fff000-0x0000000087ffffff\] memblock_alloc[a-z_]*+0x" \
		"$OUT/moved.out"
	check "integrity ok" output_has moved "Integrity check: ok"
}

# Refused: the loaded file overlaps where the image must go; the tree lies
# inside the image's footprint at its link address.
test_image_move_refused() {
	local end load ram_end size
	moved_elf overlap 0x80400000
	KERNEL=$OUT/overlap.elf boot overlap dynamic 128M
	check "the status line says why" output_has overlap \
		"payload: exit status 1: the image was loaded at 0x0000000080400000 but runs only where it is linked, at 0x0000000080200000; moving it there would overwrite itself"
	check "nothing ran" output_lacks overlap "memblock-rv: Linux 4.12"

	# QEMU puts fw_dynamic's tree at the last 2 MiB boundary below the end
	# of RAM: end RAM at the first such boundary above _end, so that the
	# tree lands below _end, and load the image just above _end.
	end=$(symbol _end)
	ram_end=$(((end + (2 << 20) - 1) / (2 << 20) * (2 << 20)))
	load=$(((end + 0xffff) / 0x10000 * 0x10000))
	size=$(stat -c %s "$IMAGE")
	check "room for the file between _end and the end of RAM (else: adjust this test)" \
		eval "[ $((load + size)) -le $ram_end ]"
	moved_elf on_dtb "$load"
	KERNEL=$OUT/on_dtb.elf boot on_dtb dynamic "$(((ram_end - 0x80000000) >> 20))M"
	check "the tree would be overwritten: refused" output_has on_dtb \
		"; moving it there would overwrite the device tree"
	check "nothing ran" output_lacks on_dtb "memblock-rv: Linux 4.12"
}

# The tree's hex dump (payload.dumpdtb) checked against the dump.
dump_matches_tree() {
	"$DTCHECK" - "$OUT/$1.out" >>"$LOG" 2>&1
}

# The blob's bytes hold STRING (its hex in the joined dtb: lines).
blob_has() {
	grep '^dtb: ' "$OUT/$1.out" | sed 's/^dtb: //' | tr -d '\n' |
		grep -q "$(printf '%s' "$2" | od -A n -t x1 | tr -d ' \n')"
}

# make run BOOT=uboot: OpenSBI, U-Boot's distro boot, boot.scr, booti.
test_uboot_boots_payload() {
	make_run uboot BOOT=uboot BENCH=off BOOTARGS=payload.dumpdtb
	check "exit status 0" status_is 0
	check "U-Boot found boot.scr by distro boot" output_has uboot "Found U-Boot script /boot.scr"
	check "the script loaded the Image" output_has uboot "memblock-rv: booti /payload.bin from virtio 0:1"
	check "booti started it" output_has uboot "Starting kernel ..."
	check "running at its link address" output_has uboot \
		"Payload Loaded At      : 0x0000000080200000"
	check "the tree is U-Boot's (not fw_jump's copy at 0x82200000)" output_lacks uboot \
		"DTB Address            : 0x0000000082200000"
	check "... with U-Boot's /chosen additions" blob_has uboot "u-boot,version"
	check "bootargs came through U-Boot" output_has uboot "Bootargs               : payload.dumpdtb"
	check "the dump matches the tree U-Boot passed on" dump_matches_tree uboot
	sed 's/^\( memory\[0x0\]\t\[0x0000000080000000-\)0x000000008f/\10x000000008e/' \
		"$OUT/uboot.out" >"$OUT/uboot_tampered.out"
	check "dtcheck - catches a dump one 16 MiB short" eval "! dump_matches_tree uboot_tampered"
	check "256 MiB by default" output_has uboot "memory size = 0x0000000010000000"
	check "integrity ok" output_has uboot "Integrity check: ok"
}

test_uboot_carries_status() {
	make_run uboot_panic BOOT=uboot BENCH=off BOOTARGS=payload.panic
	check "make run fails (status 1 through sifive,test0)" eval "[ $STATUS -ne 0 ] && [ $STATUS -ne 124 ]"
	check "the panic is U-Boot-started payload's" output_has uboot_panic \
		"Kernel panic - not syncing: payload.panic on the command line"
}

# run_qemu NAME VAR=VALUE...: tools/run-qemu.sh as make runs it.
run_qemu() {
	local name=$1
	shift
	echo "+ run-qemu.sh $*" >>"$LOG"
	env "$@" QEMU="$QEMU" OPENSBI_DIR="$OPENSBI_DIR" KERNEL="$KERNEL" NM="$NM" \
		DTBINFO=build/host/dtbinfo UBOOT_DIR="$UBOOT_DIR" BOOT=uboot MEM=256M \
		BENCH=off timeout "$TIMEOUT" tools/run-qemu.sh </dev/null 2>&1 |
		tr -d '\r' >"$OUT/$name.out"
	STATUS=${PIPESTATUS[0]}
	cat "$OUT/$name.out" >>"$LOG"
	echo "+ exit status $STATUS" >>"$LOG"
}

# U-Boot cannot start it: booti refuses a file that is no Image (the ELF);
# a disk without boot.scr leaves U-Boot at its prompt.  Both end, failing.
test_uboot_failures_end() {
	local cmd=$OUT/nothing.cmd
	tools/uboot-disk.sh "$KERNEL" tools/boot.cmd "$OUT/elf_disk.img" 2>>"$LOG"
	run_qemu uboot_elf UBOOT_DISK="$OUT/elf_disk.img"
	check "booti refuses the ELF" output_has uboot_elf "Bad Linux RISCV Image magic!"
	check "exit status 1, not 0 (U-Boot powered off) nor a hang" status_is 1
	check "run-qemu says U-Boot did not start it" output_has uboot_elf \
		"run-qemu: U-Boot did not start the payload"
	# a script that is found but boots nothing: U-Boot goes on to its prompt
	printf 'echo boots nothing\n' >"$cmd"
	tools/uboot-disk.sh "$IMAGE" "$cmd" "$OUT/noboot_disk.img" 2>>"$LOG"
	run_qemu uboot_prompt UBOOT_DISK="$OUT/noboot_disk.img"
	check "exit status 1, not a hang" status_is 1
	check "run-qemu stopped it at U-Boot's prompt" output_has uboot_prompt \
		"run-qemu: U-Boot stopped at its prompt without starting the payload"
}

test_uboot_settings_refused() {
	refused_by_make uboot_mem "BOOT=uboot takes 256M or more" BOOT=uboot MEM=128M
	refused_by_make uboot_sifive "Debian's U-Boot for QEMU (u-boot-qemu) is built for virt only" \
		BOOT=uboot MACHINE=sifive_u
	make_run boot_bad BOOT=u-boot
	check "BOOT=u-boot stops make" eval "[ $STATUS -ne 0 ]"
	check "... naming the values" output_has boot_bad "BOOT=u-boot: use one of: opensbi uboot"
	make_run machine_bad MACHINE=sifive
	check "MACHINE=sifive stops make" eval "[ $STATUS -ne 0 ]"
	check "... naming the values" output_has machine_bad "MACHINE=sifive: use one of: virt sifive_u"
}

# make run MACHINE=sifive_u, as a user types it (the benchmark included).
test_sifive_u() {
	make_run sifive_u MACHINE=sifive_u BOOTARGS=payload.dumpdtb
	check "exit status 0" status_is 0
	check "2 harts, the payload on hart 1 (hart 0: the E51)" output_has sifive_u \
		"Boot HART ID           : 1"
	check "OpenSBI's region is no-map" grep -q \
		"^Reserved memory: \[0x0000000080000000-0x000000008007ffff\] no-map *mmode_resv0" "$OUT/sifive_u.out"
	check "... and not memory" output_has sifive_u \
		" memory[0x0]	[0x0000000080080000-"
	check "the dump matches the tree OpenSBI passed on" dump_matches_tree sifive_u
	check "all three counters count there too" output_has sifive_u \
		"Counters               : rdcycle counts, rdinstret counts, rdtime counts"
	check "the benchmark reads rdcycle" output_has sifive_u "bench: counter rdcycle, read cost"
	check "every combination agreed" output_has sifive_u \
		"bench: every combination agreed on every result"
	check "integrity ok" output_has sifive_u "Integrity check: ok"
	check "no sifive,test0: the status came from the line" output_has sifive_u \
		"exit status 0, from the payload's status line"
	check "QEMU ended by itself (gpio-restart), not stopped" output_lacks sifive_u \
		"stopped QEMU after"
	make_run sifive_u_panic MACHINE=sifive_u BENCH=off BOOTARGS=payload.panic
	check "a panic fails make run" eval "[ $STATUS -ne 0 ] && [ $STATUS -ne 124 ]"
	check "... with status 1 from the payload's line" output_has sifive_u_panic \
		"exit status 1, from the payload's status line"
}

# The probe as QEMU with OpenSBI 1.1 leaves it: all three count.
test_counters_probed() {
	boot counters jump 128M
	check "all three count on virt" output_has counters \
		"Counters               : rdcycle counts, rdinstret counts, rdtime counts"
	check "the build figures have both" grep -q \
		"^DT parse *: [0-9]* instret, [0-9]* cycles$" "$OUT/counters.out"
}

# table_cells NAME: every median cell of the table, one per line.
table_cells() {
	sed -n '/^Median /,/^bench: /p' "$OUT/$1.out" |
		awk 'NF == 9 && $3 ~ /^[0-9]+$/ { for (i = 4; i <= 9; i++) print $i }'
}

# Counters that trap or stand still: the benchmark says what it fell back
# to and never prints a median of 0.
test_counters_fallback() {
	boot no_cycle jump 128M -append "bench=quick payload.counter_trap=cycle"
	check "exit status 0" status_is 0
	check "the banner says rdcycle traps" output_has no_cycle \
		"Counters               : rdcycle traps (payload.counter_trap), rdinstret counts, rdtime counts"
	check "the build figures leave cycles out" grep -q "^DT parse *: [0-9]* instret$" "$OUT/no_cycle.out"
	check "the benchmark falls back to rdinstret" output_has no_cycle \
		"bench: counter rdinstret (rdcycle traps), read cost"
	check "the table says so" output_has no_cycle "Median rdinstret ("
	check "a full table" eval "[ \$(table_cells no_cycle | wc -l) -eq 342 ]"

	# sifive_u's rdtime ticks at 1 MHz: most calls are below it
	make_run time_only MACHINE=sifive_u BOOTARGS="payload.counter_trap=cycle,instret"
	check "exit status 0" status_is 0
	check "the benchmark falls back to rdtime" output_has time_only \
		"bench: counter rdtime (rdcycle traps, rdinstret traps), read cost"
	check "the build is not measured" output_has time_only "DT parse               : not measured"
	check "cheap calls: below resolution, not 0" eval "table_cells time_only | grep -qx '<res'"
	check "... with the footnote" output_has time_only "<res: below the counter's resolution"
	check "no median of 0" eval "! table_cells time_only | grep -qx 0"

	boot no_counter jump 128M -append "bench=quick bench.csv payload.counter_trap=cycle,instret payload.counter_stuck=time"
	check "exit status 0" status_is 0
	check "the banner says rdtime does not count" output_has no_counter \
		"rdtime does not count (payload.counter_stuck)"
	check "nothing timed, everything checked" output_has no_counter \
		"bench: counter none (rdcycle traps, rdinstret traps, rdtime does not count): every result is checked, nothing is timed"
	check "every combination agreed" output_has no_counter \
		"bench: every combination agreed on every result"
	check "no table" output_lacks no_counter "Median "
	check "no csv line" eval "! grep -q '^csv: ' '$OUT/no_counter.out'"

	boot counter_bad jump 128M -append "payload.counter_trap=cycles"
	check "a bad name is warned" output_has counter_bad \
		"bootargs: warning: payload.counter_trap=cycles: use a list of cycle, instret and time; ignored"
	check "... and changes nothing" output_has counter_bad \
		"Counters               : rdcycle counts, rdinstret counts, rdtime counts"
}

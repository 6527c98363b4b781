# Sourced by tests/qemu/run.sh: what a hostile user meets first (issue 9).
# Most go through `make run`, as the user does: tools/run-qemu.sh must
# refuse a bad setting with one line before QEMU starts, and every boot
# must end with the payload's exit status, whatever the machine has.

# make_run NAME MAKE-ARGS...: `make -s run` in the tree, output in
# $OUT/NAME.out, exit status in $STATUS.
make_run() {
	local name=$1
	shift
	printf '+ make -s run' >>"$LOG"
	printf ' %q' "$@" >>"$LOG"
	echo >>"$LOG"
	timeout "$TIMEOUT" make -s -C "$ROOT" run "$@" </dev/null 2>&1 |
		tr -d '\r' >"$OUT/$name.out"
	STATUS=${PIPESTATUS[0]}
	cat "$OUT/$name.out" >>"$LOG"
	echo "+ exit status $STATUS" >>"$LOG"
}

# refused_by_make NAME MESSAGE MAKE-ARGS...: make stops with one run-qemu
# line holding MESSAGE, and QEMU never boots.
refused_by_make() {
	local name=$1 message=$2
	shift 2
	make_run "$name" "$@"
	check "make run fails (not a hang: 124)" eval "[ $STATUS -ne 0 ] && [ $STATUS -ne 124 ]"
	check "one line says why: $message" output_has "$name" "$message"
	check "exactly one run-qemu line" \
		eval "[ \$(grep -c '^run-qemu: ' '$OUT/$name.out') -eq 1 ]"
	check "QEMU did not boot" output_lacks "$name" "OpenSBI"
}

# Issue 9's blob (tests/dt_fuzz/corpus): it hangs OpenSBI itself, so it
# must be refused before QEMU starts.
test_make_run_refuses_malformed_blob() {
	refused_by_make malformed_blob \
		"run-qemu: DTB=tests/dt_fuzz/corpus/prop_len_fffffff4.dtb: not a device tree the payload can read: property at structure offset 0x6c: length 0xfffffff4 runs past the structure block" \
		DTB=tests/dt_fuzz/corpus/prop_len_fffffff4.dtb
}

# A 1 GiB tree on a 128 MiB machine used to trap on the first store above
# the machine's RAM.
test_make_run_refuses_tree_bigger_than_mem() {
	make_dts tree1g 1G
	compile_dtb tree1g
	refused_by_make tree1g \
		"/memory@80000000: memory [0x80000000-0xbfffffff] is more than the machine has (its RAM: [0x80000000-0x87ffffff])" \
		DTB="$OUT/tree1g.dtb" MEM=128M
}

# MEM as QEMU reads it: every form below is 16 MiB or about 31 MiB, below
# what fw_jump needs; each used to hang inside OpenSBI.
test_make_run_mem_forms() {
	local mem
	for mem in 16 16384K 16m 0.03G 34M; do
		refused_by_make "mem_$mem" "run-qemu: MEM=$mem is " MEM="$mem"
		check "MEM=$mem: the minimum is named" output_has "mem_$mem" \
			"too little to boot this tree with FW=jump (fw_jump needs 34824K, fw_dynamic"
	done
	refused_by_make mem_bogus "run-qemu: MEM=bogus SMP=1: QEMU refuses them: " MEM=bogus
	# QEMU takes -m 0 as its default size: a machine other than asked for
	for mem in 0 0M 0.0G 0x0 0P; do
		refused_by_make "mem_zero_$mem" "run-qemu: MEM=$mem: a machine without RAM" MEM="$mem"
	done
	# a bare hex number is MiB to QEMU: its error, not its deprecation warning
	refused_by_make mem_hex "cannot set up guest memory" MEM=0x8000000
	check "MEM=0x8000000: says how QEMU read it" output_has mem_hex \
		"QEMU reads a bare number as MiB, a hex one too"
}

# A tree that names devices the machine lacks (a 2-node NUMA tree has a
# second PLIC) makes OpenSBI trap and hang before the payload runs: make
# run must end anyway, fail and say so, without RUN_TIMEOUT.
test_make_run_firmware_trap_ends() {
	make_run numa_tree DTB="$ROOT/tests/replay/virt-1g-numa2.input.dtb" MEM=1G SMP=4 BENCH=off
	check "fails (not a hang: 124)" eval "[ $STATUS -ne 0 ] && [ $STATUS -ne 124 ]"
	check "OpenSBI's trap is on the console" output_has numa_tree "sbi_trap_error"
	check "one line says OpenSBI stopped" output_has numa_tree \
		"run-qemu: OpenSBI stopped on an error of its own"
	check "the payload never ran" output_lacks numa_tree "memblock-rv: Linux 4.12 memblock"
}

# The minimums make run names are the true ones: each boots, 8K less (the
# step of QEMU's -m) is refused, and fw_dynamic booted by hand with 8K less
# fails in the payload's demo.  fw_jump's is 34824K (34M + 8K) with QEMU's
# tree; fw_dynamic's follows the payload's size (_end).
test_make_run_mem_minimums() {
	local jump dynamic
	make_run mem_need MEM=1
	jump=$(sed -n 's/.*fw_jump needs \([0-9]*\)K, fw_dynamic \([0-9]*\)K here.*/\1/p' "$OUT/mem_need.out")
	dynamic=$(sed -n 's/.*fw_jump needs \([0-9]*\)K, fw_dynamic \([0-9]*\)K here.*/\2/p' "$OUT/mem_need.out")
	check "both minimums named" eval "[ -n '$jump' ] && [ -n '$dynamic' ]"
	[ -n "$jump" ] && [ -n "$dynamic" ] || return
	check "fw_jump needs 34M + 8K with QEMU's tree" eval "[ $jump -eq 34824 ]"
	make_run min_jump MEM="${jump}K" BENCH=off
	check "fw_jump at ${jump}K: exit status 0" status_is 0
	check "fw_jump at ${jump}K: integrity ok" output_has min_jump "Integrity check: ok"
	refused_by_make below_jump "too little to boot this tree with FW=jump" MEM="$((jump - 8))K"
	make_run min_dynamic MEM="${dynamic}K" FW=dynamic BENCH=off
	check "fw_dynamic at ${dynamic}K: exit status 0" status_is 0
	check "fw_dynamic at ${dynamic}K: integrity ok" output_has min_dynamic "Integrity check: ok"
	refused_by_make below_dynamic "too little to boot this tree with FW=dynamic" \
		MEM="$((dynamic - 8))K" FW=dynamic
	boot below_dynamic_by_hand dynamic "$((dynamic - 8))K"
	check "fw_dynamic by hand at $((dynamic - 8))K: the demo fails (status 1)" status_is 1
	check "... for want of its 2 MiB block" output_has below_dynamic_by_hand \
		"Kernel panic - not syncing: ERROR: Failed to allocate 0x0000000000200000 bytes"
}

# Make variables with a bad value stop make and name the accepted values.
test_make_variables_checked() {
	local bad
	for bad in "BENCH=fulll:quick full off" "MEMBLOCK_DEBUG=yes:0 1" \
		"FW=jmp:jump dynamic" "ICOUNT=2:0 1" "QUICK=x:0 1" "SMP=two:whole number"; do
		make_run "var_${bad%%=*}" "${bad%%:*}"
		check "${bad%%:*} stops make" eval "[ $STATUS -ne 0 ]"
		check "${bad%%:*}: names $bad" output_has "var_${bad%%=*}" "${bad%%:*}: use "
		check "${bad%%:*}: accepted values" output_has "var_${bad%%=*}" "${bad#*:}"
		check "${bad%%:*}: QEMU did not boot" output_lacks "var_${bad%%=*}" "OpenSBI"
	done
	refused_by_make var_smp0 "run-qemu: SMP=0: use a whole number, 1 or more" SMP=0
}

# No sifive,test0 (nor the poweroff/reboot nodes that use it): OpenSBI has
# no reset device, SRST cannot stop the machine.  The payload prints its
# status; make run takes it from there, says so, and stops QEMU.
test_make_run_without_exit_device() {
	make_dts noexit 128M
	printf '/ { /delete-node/ poweroff; /delete-node/ reboot; soc { /delete-node/ test@100000; }; };\n' \
		>>"$OUT/noexit.dts"
	compile_dtb noexit
	make_run noexit DTB="$OUT/noexit.dtb" BENCH=off
	check "exit status 0 (not a hang: 124)" status_is 0
	check "banner names the exit device" output_has noexit \
		"Exit Device            : none: no sifive,test0, no SBI reset device"
	check "status line" output_has noexit \
		"payload: exit status 0: no sifive,test0 to carry it; no SBI reset device either"
	check "make run says where the status came from" output_has noexit \
		"exit status 0, from that line"
	make_run noexit_panic DTB="$OUT/noexit.dtb" BOOTARGS=payload.panic
	check "a panic still fails make run" eval "[ $STATUS -ne 0 ] && [ $STATUS -ne 124 ]"
	check "status 1 taken from the payload" output_has noexit_panic \
		"stopped QEMU after 3s; exit status 1, from that line"
}

# sifive,test0 whose reg points at no device: the store faults; the payload
# keeps its status and says so; OpenSBI's own reset then faults too.
test_make_run_exit_device_elsewhere() {
	make_dts elsewhere 128M
	printf '/ { soc { test@100000 { reg = <0x00 0x200000 0x00 0x1000>; }; }; };\n' \
		>>"$OUT/elsewhere.dts"
	compile_dtb elsewhere
	make_run elsewhere DTB="$OUT/elsewhere.dtb" BOOTARGS=payload.panic
	check "exit status: the panic's, not a hang" eval "[ $STATUS -ne 0 ] && [ $STATUS -ne 124 ]"
	check "the faulting store is named" output_has elsewhere \
		"payload: exit status 1: the store to sifive,test0 faulted"
	check "status 1 taken from the payload" output_has elsewhere \
		"exit status 1, from that line"
}

# BOOTARGS reaches QEMU as one argument: no shell reads it.
test_make_run_bootargs_quoting() {
	rm -f "$OUT/injected"
	make_run quote_unbalanced 'BOOTARGS=foo"bar' BENCH=off
	check "foo\"bar boots" status_is 0
	check "foo\"bar reaches the payload" output_has quote_unbalanced \
		'Bootargs               : foo"bar'
	make_run quote_backticks "BOOTARGS=x=\`touch $OUT/injected\`" BENCH=off
	check "backticks boot" status_is 0
	check "backticks reach the payload as text" output_has quote_backticks \
		"Bootargs               : x=\`touch $OUT/injected\`"
	check "nothing ran" eval "[ ! -e '$OUT/injected' ]"
	make_run quote_value 'BOOTARGS=memblock.find="linear gaptree" memblock.update="binary"' BENCH=off
	check "quoted value boots" status_is 0
	check "a quoted value with a blank is one value" output_has quote_value \
		"bootargs: warning: memblock.find=linear gaptree: use linear, binary or gaptree; ignored"
	check "quotes dropped from a value" output_has quote_value \
		"memblock Strategies    : find linear, update binary"
}

# Bad bootarg values: one warning each, naming the accepted values; the
# last of two wins.
test_bootargs_bad_values_warned() {
	boot badargs jump 128M -append \
		"memblock.find=bogus memblock.update= bench=nope memblock.find=gaptree memblock.find=binary movable_node=1 memblock.fnd=x"
	check "exit status 0" status_is 0
	check "memblock.find=bogus" output_has badargs \
		"bootargs: warning: memblock.find=bogus: use linear, binary or gaptree; ignored"
	check "memblock.update=" output_has badargs \
		"bootargs: warning: memblock.update=: use linear or binary; ignored"
	check "bench=nope" output_has badargs \
		"bootargs: warning: bench=nope: use quick, full or off; ignored"
	check "a flag with a value" output_has badargs \
		"bootargs: warning: movable_node=1: takes no value; ignored"
	check "a misspelt name" output_has badargs \
		"bootargs: warning: memblock.fnd=x: unknown parameter; ignored"
	check "five warnings, one line each" \
		eval "[ \$(grep -c '^bootargs: warning: ' '$OUT/badargs.out') -eq 5 ]"
	check "the last memblock.find wins" output_has badargs \
		"memblock Strategies    : find binary, update linear"
	check "bench=nope ran no benchmark" output_lacks badargs "Benchmarks ("
}

# QEMU tests of the chain trace (issue 15): memblock.trace=chain|all in the
# trace image, the one line of the image without trace points, and
# docs/chain.md made afresh; sourced by tests/qemu/run.sh.

TRACE_KERNEL=${TRACE_KERNEL:-build/payload-trace.elf}
DTBINFO=${DTBINFO:-build/host/dtbinfo}

# tree_lines NAME: the call trees of NAME's console, "--" before each.
tree_lines() {
	awk '/^ rdinstret \| memblock\.trace=/ { print "--"; next }
	     substr($0, 11, 3) == " | " && substr($0, 1, 10) ~ /^ *[0-9]*$/' \
		"$OUT/$1.out"
}

# calls NAME: "tree cost depth function" for every call of every tree (a
# call whose line has no cost, as when rdinstret does not count: "-").
calls() {
	tree_lines "$1" | awk '
		$0 == "--" { t++; next }
		$1 ~ /^[0-9]+$/ || substr($0, 14) ~ /^ *[_a-z0-9]+\(.*\) (\[find=[a-z]+\] )?= / {
			cost = $1 ~ /^[0-9]+$/ ? $1 : "-"
			text = substr($0, 14)
			depth = (match(text, /[^ ]/) - 1) / 2
			fn = substr(text, depth * 2 + 1)
			sub(/\(.*/, "", fn)
			print t, cost, depth, fn
		}'
}

# Each of the first N trees walks the chain: the seven functions, each one
# level below its caller, memblock_reserve beside the search.
chain_in_order() {
	local want got t
	want="memblock_alloc:0 memblock_alloc_base:1 __memblock_alloc_base:2"
	want+=" memblock_alloc_base_nid:3 memblock_alloc_range_nid:4"
	want+=" memblock_find_in_range_node:5 __memblock_find_range_top_down:6"
	want+=" memblock_reserve:5 memblock_add_range:6"
	for t in $(seq 1 "$2"); do
		got=$(calls "$1" | awk -v t="$t" '$1 == t { printf "%s%s:%s", n++ ? " " : "", $4, $3 }')
		[ "$got" = "$want" ] || { echo "  tree $t: $got"; return 1; }
	done
}

# Each tree's memblock_alloc returns what the demo line after it prints.
returns_match() {
	local tree demo
	tree=$(tree_lines "$1" | sed -n 's/.* | memblock_alloc(size=\(0x[0-9a-f]*\), align=\(0x[0-9a-f]*\)) = \(0x[0-9a-f]*\)$/\1 \2 \3/p' |
		while read -r s a r; do printf '%d %d %d\n' "$s" "$a" "$r"; done)
	demo=$(sed -n 's/^ memblock_alloc(size=\(0x[0-9a-f]*\), align=\(0x[0-9a-f]*\)) = \(0x[0-9a-f]*\).*/\1 \2 \3/p' "$OUT/$1.out" |
		while read -r s a r; do printf '%d %d %d\n' "$s" "$a" "$r"; done)
	[ -n "$tree" ] && [ "$tree" = "$demo" ]
}

# The tracer takes itself out: a wrapper (memblock_alloc down to
# memblock_alloc_base_nid) costs from a few instructions less (argument
# set-up differs between call sites, docs/chain.md says so) to a few dozen
# more than the call it makes in the trace image; with the tracer's unseen
# part (the hook calls, measured at boot) left in, each would cost about 45
# more, and with its printing left in, hundreds more.  And a call costs at
# least what the calls it makes cost.
costs_hold() {
	calls "$1" | awk '
		{ cost[$1, $4] = $2; trees[$1] = 1 }
		END {
			split("memblock_alloc memblock_alloc_base __memblock_alloc_base memblock_alloc_base_nid memblock_alloc_range_nid", f, " ")
			for (t in trees) {
				for (i = 1; i < 5; i++) {
					# a wrapper adds a few instructions; the
					# calibration is right to a few (argument
					# set-up differs between call sites)
					d = cost[t, f[i]] - cost[t, f[i + 1]]
					if (d < -8 || d > 48) {
						printf "  tree %s: %s costs %d more than %s\n", t, f[i], d, f[i + 1]
						bad = 1
					}
				}
				if (cost[t, "memblock_alloc_range_nid"] < cost[t, "memblock_find_in_range_node"] + cost[t, "memblock_reserve"]) {
					printf "  tree %s: memblock_alloc_range_nid costs less than its calls\n", t
					bad = 1
				}
			}
			exit bad
		}'
}

# `make run TRACE=chain` itself: the trace image, -icount by default.
test_trace_chain() {
	local name=trace_chain
	echo "+ make -s run TRACE=chain BENCH=quick" >>"$LOG"
	timeout "$TIMEOUT" make -s -C "$ROOT" run TRACE=chain BENCH=quick \
		</dev/null 2>&1 | tr -d '\r' >"$OUT/$name.out"
	STATUS=${PIPESTATUS[0]}
	cat "$OUT/$name.out" >>"$LOG"
	check "exit status 0" status_is 0
	check "the banner says what is traced, in instructions" output_has $name \
		"memblock.trace         : chain, the demo's allocations; costs in instructions (rdinstret, -icount), the tracer's own left out"
	check "one tree per demo allocation" \
		eval "[ \$(tree_lines $name | grep -c '^--\$') -eq 4 ]"
	check "each tree walks the seven functions, in order" chain_in_order $name 4
	check "each tree returns what the demo prints" returns_match $name
	check "Linux's names for the arguments" output_has $name \
		"memblock_alloc_base_nid(size=0x1000, align=0x1000, max_addr=MEMBLOCK_ALLOC_ACCESSIBLE, nid=NUMA_NO_NODE, flags=MEMBLOCK_NONE) = 0x87fff000"
	check "the limit becomes memblock.current_limit" output_has $name \
		"end MEMBLOCK_ALLOC_ACCESSIBLE: memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE"
	check "top-down, and the free range taken" output_has $name \
		"candidate 0x87fff000 fits: taken"
	check "the first block is inserted at index 3" output_has $name \
		"inserted [0x87fff000, 0x88000000) at index 3 of memblock.reserved, cnt now 4"
	check "the second merges with it" output_has $name \
		"merged reserved[4] into [3]: [0x87ffefc0, 0x88000000)"
	check "the costs leave the tracer out" costs_hold $name
	check "the trace image does not benchmark" output_has $name \
		"Benchmarks: not run: this image has memblock's trace points"
	check "the demo is still checked" output_has $name \
		"Allocation demo: 4 allocations checked"
	check "integrity holds" output_has $name "Integrity check: ok"
}

# The image the benchmark measures: one line, no trees; bad values warned.
# A board whose rdinstret traps (payload.counter_trap=instret): the tracer
# reads no counter, the trees come without costs, and the boot ends well.
test_trace_without_counter() {
	local name=trace_no_counter
	echo "+ make -s run TRACE=chain BOOTARGS=payload.counter_trap=instret" >>"$LOG"
	timeout "$TIMEOUT" make -s -C "$ROOT" run TRACE=chain \
		BOOTARGS=payload.counter_trap=instret </dev/null 2>&1 |
		tr -d '\r' >"$OUT/$name.out"
	STATUS=${PIPESTATUS[0]}
	cat "$OUT/$name.out" >>"$LOG"
	check "exit status 0 (no trap)" status_is 0
	check "the banner says there are no costs" output_has $name \
		"memblock.trace         : chain, the demo's allocations; no costs: rdinstret traps"
	check "one tree per demo allocation" \
		eval "[ \$(tree_lines $name | grep -c '^--\$') -eq 4 ]"
	check "each tree walks the seven functions, in order" chain_in_order $name 4
	check "no line carries a cost" \
		eval "! tree_lines $name | grep -q '^ *[0-9][0-9]* | '"
}

test_trace_not_compiled_in() {
	local name=trace_absent
	boot $name jump 128M -icount shift=0 \
		-append "memblock.trace=bogus memblock.trace=chain"
	check "exit status 0" status_is 0
	check "a bad value is named with the accepted ones" output_has $name \
		"bootargs: warning: memblock.trace=bogus: use off, chain or all; ignored"
	check "one line: not compiled in, and how to get it" output_has $name \
		"memblock.trace         : chain: not compiled into this image; \`make run TRACE=chain\` boots build/payload-trace.elf"
	check "no call tree" eval "[ -z \"\$(tree_lines $name)\" ]"
	check "the demo's calls measured from outside" eval \
		"[ \$(grep -c '^ memblock_alloc(.*) = 0x[0-9a-f]* ([0-9]* rdinstret around the call, no trace points)\$' '$OUT/$name.out') -eq 4 ]"
}

# memblock.trace=all: the boot's own allocations too.  A tree with 140
# /memreserve/ entries makes the payload grow both arrays first (the gap
# index's pool follows the reserved one under gaptree), and two dynamic
# reserved-memory regions are allocated, one inside alloc-ranges.
test_trace_all() {
	local name=trace_all i
	make_dts $name 128M
	{
		echo "/dts-v1/;"
		for i in $(seq 0 139); do
			printf '/memreserve/ 0x%x 0x1000;\n' $((0x84000000 + i * 0x2000))
		done
		sed 1d "$OUT/$name.dts"
		cat <<'EOF'
/ {
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		cma {
			alignment = <0x00 0x400000>;
			size = <0x00 0x400000>;
			reusable;
		};
		below-64m {
			alloc-ranges = <0x00 0x83000000 0x00 0x1000000>;
			size = <0x00 0x100000>;
		};
	};
};
EOF
	} >"$OUT/$name.dts.new"
	mv "$OUT/$name.dts.new" "$OUT/$name.dts"
	compile_dtb $name
	KERNEL=$TRACE_KERNEL boot $name jump 128M -icount shift=0 \
		-dtb "$OUT/$name.dtb" -append "memblock.trace=all memblock.find=gaptree"
	check "exit status 0" status_is 0
	check "the reserved array's doubling is traced" output_has $name \
		"| memblock_double_array(type=&memblock.reserved, "
	check "its new array" output_has $name "the new array: 256 regions at "
	check "the gap index's pool follows it" output_has $name \
		"the gap index's pool follows the reserved array: "
	check "the dynamic region, from __memblock_alloc_base" output_has $name \
		"| __memblock_alloc_base(size=0x400000, align=0x400000, max_addr=MEMBLOCK_ALLOC_ANYWHERE) = 0x87c00000"
	check "align 0 becomes SMP_CACHE_BYTES" output_has $name \
		"align 0: SMP_CACHE_BYTES = 0x40"
	check "the ranged region below its range's end" output_has $name \
		"| __memblock_alloc_base(size=0x100000, align=0x0, max_addr=0x84000000) = 0x83f00000"
	check "and the demo's allocations" eval \
		"[ \$(calls $name | awk '\$3 == 0 && \$4 == \"memblock_alloc\"' | wc -l) -eq 4 ]"
}

# free_lines RUN N: the free ranges tree N of a chain-doc run visited.
free_lines() {
	awk -v n="$2" '/^ rdinstret \| memblock\.trace=/ { t++; next }
		t == n && substr($0, 11, 3) == " | " && / \| +free \[/' "$OUT/chain/$1.out" | wc -l
}

# docs/chain.md is what the payload prints today, and the runs behind it
# show what the page says: the strategies find the same blocks, visiting
# different ranges, and the failing request panics with 4.12's text.
test_trace_doc() {
	local run made=0
	echo "+ tools/chain-doc.sh ... $OUT/chain/chain.md" >>"$LOG"
	rm -rf "$OUT/chain"
	DTBINFO=$DTBINFO NM=$NM tools/chain-doc.sh "$TRACE_KERNEL" "$KERNEL" \
		docs/chain.md.in "$OUT/chain/chain.md" "$OUT/chain" >>"$LOG" 2>&1 ||
		made=$?
	check "the runs behind the page made it" eval "[ $made -eq 0 ]"
	check "docs/chain.md is what the payload prints today (make chain-doc)" \
		cmp -s docs/chain.md "$OUT/chain/chain.md"
	check "README.md's sample tree is what make run TRACE=chain prints today" \
		tools/chain-sample.sh check README.md "$OUT/chain/readme-sample.md"
	for run in binary gaptree update; do
		check "$run: the demo's blocks are linear's" \
			eval "[ \"\$(grep '^ memblock_alloc(' '$OUT/chain/$run.out')\" = \"\$(grep '^ memblock_alloc(' '$OUT/chain/linear.out')\" ]"
	done
	check "the failure: linear visits 5 free ranges" eval "[ \$(free_lines linear 5) -eq 5 ]"
	check "binary visits 1, from a binary search" eval \
		"[ \$(free_lines binary 5) -eq 1 ] && grep -q 'binary search: the walk starts in memory\[0\]' '$OUT/chain/binary.out'"
	check "gaptree none: only a gap with no memory" eval \
		"[ \$(free_lines gaptree 5) -eq 0 ] && grep -q 'gap \[0x0, 0x80000000) (0x80000000 bytes, from the index): no free memory in it' '$OUT/chain/gaptree.out'"
	check "memblock_alloc_base panics in the tree" grep -qF \
		'|   panic("ERROR: Failed to allocate 0x0000000000201000 bytes below 0x0000000080200000.")' "$OUT/chain/linear.out"
	check "with 4.12's text" grep -qF \
		"Kernel panic - not syncing: ERROR: Failed to allocate 0x0000000000201000 bytes below 0x0000000080200000." "$OUT/chain/linear.out"
	check "update=binary grows the neighbour in place" grep -qF \
		"touches reserved[3]: grown in place to [0x87ffefc0, 0x88000000), no insertion, no merge" "$OUT/chain/update.out"
}

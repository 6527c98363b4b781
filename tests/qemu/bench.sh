# QEMU tests of the strategies and the benchmark (issues 4 and 5); sourced
# by tests/qemu/run.sh.

# The dump and the demo's addresses, as one boot printed them.
memblock_lines() {
	sed -n '/^MEMBLOCK configuration:/,/^Allocation demo: /p' "$OUT/$1.out"
}

# Every find/update combination boots to the same memblock and the same
# demo addresses as Linux 4.12's linear/linear.
test_strategies_boot_alike() {
	local f u name args
	for f in linear binary gaptree; do
		for u in linear binary; do
			name=strat_${f}_$u
			# bootargs of one length, so that the DTB is the same size
			args=$(printf 'memblock.find=%-7s memblock.update=%s' "$f" "$u")
			boot "$name" jump 128M -append "$args"
			check "$f/$u boots" status_is 0
			check "$f/$u named in the banner" output_has "$name" \
				"memblock Strategies    : find $f, update $u"
			check "$f/$u: same dump and demo as linear/linear" \
				cmp -s <(memblock_lines strat_linear_linear) <(memblock_lines "$name")
		done
	done
}

# bench=quick: every combination agrees on every result, in the payload.
test_bench_quick_agrees() {
	boot bench_quick jump 128M -append "bench=quick bench.csv"
	check "exit status 0" status_is 0
	check "all combinations agreed" output_has bench_quick \
		"bench: every combination agreed on every result"
	check "the table is printed" output_has bench_quick \
		"Median rdinstret (instructions under QEMU -icount, host ticks without) per operation"
	# 5 workloads, 9 ops, 3 region counts, 6 combinations
	check "162 csv rows of 12 fields" eval \
		"[ \$(grep -c '^csv: [a-z]*,[a-z]*,[a-z]*,[0-9]*,[a-z]*,[0-9]*\(,[0-9]*\)\{6\}\$' '$OUT/bench_quick.out') -eq 162 ]"
	check "integrity holds after the benchmark" output_has bench_quick \
		"Integrity check: ok"
}

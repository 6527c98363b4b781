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
		"Median rdcycle (instructions under QEMU -icount, host ticks without) per operation"
	# 19 ops x 3 region counts x 6 combinations x 2 (<op>.first and the
	# samples) = 684; dtbuild whole: 6 + 6 + 3 (no linear update at 4096)
	# = 15; its doublings: 6 at 256 (both arrays in one call), 8 from
	# 512 to 4096 under the 3 binary-update combinations = 30.
	check "729 csv rows of 10 fields" eval \
		"[ \$(grep -c '^csv: [a-z-]*,[a-z]*,[a-z]*,[0-9]*,[a-z.-]*,[0-9]*\(,[0-9]*\)\{4\}\$' '$OUT/bench_quick.out') -eq 729 ]"
	# in 128 MiB every layout holds at 16, 256 and 4096 regions
	check "only the linear whole builds above 1024 skipped" eval \
		"[ \"\$(grep '^bench: skip' '$OUT/bench_quick.out')\" = 'bench: skip dtbuild whole N=4096: under the linear update path: a whole build is O(N^2) there, so it runs only up to N=1024' ]"
	check "integrity holds after the benchmark" output_has bench_quick \
		"Integrity check: ok"
}

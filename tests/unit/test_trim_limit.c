// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Trimming and limiting memory: memblock_trim_memory(),
 * memblock_enforce_memory_limit(), memblock_cap_memory_range(),
 * memblock_mem_limit_remove_map().
 */

#include "unit.h"

/*
 * Trim to pages:
 *
 *  |  +~r1~~~~~~+  +r2+  +--r3--+  |
 *  |  |  [  4K ]|  |  |  |      |  |
 *  +--+---------+--+--+--+------+--+
 *
 * Expect: r1 shrinks to its whole page, r2 (no whole page) vanishes, r3
 * (aligned) stays; total_size follows (4.12 left it stale: this project
 * keeps it exact).
 */
static void memblock_trim_memory_check(void)
{
	memblock_add(DRAM + 100, SZ_8K);
	memblock_add(DRAM + SZ_1M + 1, 100);
	memblock_add_node(DRAM + SZ_2M, SZ_8K, 1);
	memblock_trim_memory(SZ_4K);
	HT_REGIONS(&memblock.memory, { DRAM + SZ_4K, SZ_4K, 0, MAX_NUMNODES },
		   { DRAM + SZ_2M, SZ_8K, 0, 1 });
	HT_ASSERT_EQ(memblock_phys_mem_size(), SZ_4K + SZ_8K);
}

/*
 * Trimming everything away leaves the empty array:
 *
 *  |  +r1+  +r2+              |
 *  +--+--+--+--+--------------+
 *
 * Expect: memory empty.
 */
static void memblock_trim_memory_all_check(void)
{
	memblock_add(DRAM + 1, 100);
	memblock_add(DRAM + SZ_8K + 1, SZ_4K);
	memblock_trim_memory(SZ_4K);
	HT_EMPTY(&memblock.memory);
}

/*
 * mem=: keep the first @limit bytes of memory, drop memory and reserved
 * above:
 *
 *  |  +---r1---+    +--r2--|--+  +~rsv~+
 *  |  |   1M   |    |  64K | cut  above |
 *  +--+--------+----+------+--+--+-----+
 *
 * Expect: r1 whole, r2 cut at 64K, reservations above the cut gone.
 */
static void memblock_enforce_memory_limit_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_add(DRAM + SZ_2M, SZ_1M);
	memblock_reserve(DRAM, SZ_4K);
	memblock_reserve(DRAM + SZ_2M + SZ_32K, SZ_64K);
	memblock_reserve(DRAM + SZ_4M, SZ_4K);
	memblock_enforce_memory_limit(SZ_1M + SZ_64K);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_1M, 0, MAX_NUMNODES },
		   { DRAM + SZ_2M, SZ_64K, 0, MAX_NUMNODES });
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, 0, MAX_NUMNODES },
		   { DRAM + SZ_2M + SZ_32K, SZ_32K, 0, MAX_NUMNODES });
}

/*
 * mem=0 and mem= larger than memory change nothing; mem= exactly the size
 * of memory cuts reserved above the end of memory:
 *
 *  |  +---r1---+    +~rsv~+   |
 *  +--+--------+----+-----+---+
 *
 * Expect: r1 unchanged throughout; the reservation gone after mem=1M.
 */
static void memblock_enforce_memory_limit_noop_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_reserve(DRAM + SZ_2M, SZ_4K);
	memblock_enforce_memory_limit(0);
	memblock_enforce_memory_limit(SZ_2M);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_1M, 0, MAX_NUMNODES });
	HT_REGIONS(&memblock.reserved, { DRAM + SZ_2M, SZ_4K, 0, MAX_NUMNODES });
	memblock_enforce_memory_limit(SZ_1M);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_1M, 0, MAX_NUMNODES });
	HT_EMPTY(&memblock.reserved);
}

/*
 * Keep only [base, base + size) of mapped memory; NOMAP regions outside
 * stay; reserved is cut to the range:
 *
 *  |  +r0+-N-+--r2--[--+   +-[r3-]--+
 *  |  |  |   |      |  |   |  keep  |
 *  +--+--+---+------+--+---+--------+
 *             base ^            ^ base + size
 *
 * Expect: the NOMAP region, r2's upper part and r3's lower part; reserved
 * only inside the range.
 */
static void memblock_cap_memory_range_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_mark_nomap(DRAM + SZ_64K, SZ_64K);
	memblock_add(DRAM + SZ_2M, SZ_1M);
	memblock_reserve(DRAM, SZ_4K);
	memblock_reserve(DRAM + SZ_512K + SZ_64K, SZ_4K);
	memblock_reserve(DRAM + 3 * SZ_1M - SZ_4K, SZ_4K);
	memblock_cap_memory_range(DRAM + SZ_512K, SZ_2M);
	HT_REGIONS(&memblock.memory,
		   { DRAM + SZ_64K, SZ_64K, MEMBLOCK_NOMAP, MAX_NUMNODES },
		   { DRAM + SZ_512K, SZ_512K, 0, MAX_NUMNODES },
		   { DRAM + SZ_2M, SZ_512K, 0, MAX_NUMNODES });
	HT_REGIONS(&memblock.reserved,
		   { DRAM + SZ_512K + SZ_64K, SZ_4K, 0, MAX_NUMNODES });
	/* and the search sees the new layout (every find strategy) */
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_4K, SZ_4K),
		     DRAM + SZ_2M + SZ_512K - SZ_4K);
	HT_ASSERT_EQ(memblock_find_in_range(0, DRAM + SZ_2M, SZ_64K, SZ_4K),
		     DRAM + SZ_1M - SZ_64K);
	memblock_set_bottom_up(true);
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_64K, SZ_4K),
		     DRAM + SZ_512K);
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_64K + SZ_4K,
					    SZ_4K),
		     DRAM + SZ_512K + SZ_64K + SZ_4K);
}

/*
 * 4.12 quirk: when no region lies inside the range, isolation reports
 * nothing (start_rgn == end_rgn == 0) and every mapped region goes.
 *
 *  |  +--r0--+-N-+    [ cap ]  |
 *  +--+------+---+-------------+
 *
 * Expect: only the NOMAP region stays.
 */
static void memblock_cap_memory_range_outside_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_mark_nomap(DRAM + SZ_512K, SZ_512K);
	memblock_cap_memory_range(DRAM + SZ_4M, SZ_1M);
	HT_REGIONS(&memblock.memory,
		   { DRAM + SZ_512K, SZ_512K, MEMBLOCK_NOMAP, MAX_NUMNODES });
}

/*
 * A NOMAP region across the edge of the range is split by the isolation
 * and both halves are kept, touching and unmerged (as in 4.12), until the
 * next merging call joins them.
 *
 *  |  +-----N-----+----+      |
 *  |  |  N  [ N   |keep|]     |
 *  +--+-----+-----+----+------+
 *
 * Expect: two NOMAP regions meeting at base (so no 512K NOMAP free range),
 * then one after a mark call (and the 512K range is there).
 */
static void memblock_cap_memory_range_split_nomap_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_mark_nomap(DRAM, SZ_512K);
	memblock_cap_memory_range(DRAM + SZ_256K, SZ_1M);
	HT_ASSERT_EQ(memblock.memory.cnt, 3);
	HT_ASSERT_EQ(memblock.memory.regions[0].base, DRAM);
	HT_ASSERT_EQ(memblock.memory.regions[0].size, SZ_256K);
	HT_ASSERT_EQ(memblock.memory.regions[1].base, DRAM + SZ_256K);
	HT_ASSERT_EQ(memblock.memory.regions[1].size, SZ_256K);
	HT_ASSERT_EQ(memblock.memory.regions[1].flags, MEMBLOCK_NOMAP);
	HT_ASSERT_EQ(memblock.memory.regions[2].base, DRAM + SZ_512K);
	HT_ASSERT_EQ(memblock.memory.total_size, SZ_1M);
	HT_ASSERT_EQ(memblock_find_in_range_node(SZ_512K, SZ_4K, 0, DRAM + SZ_512K,
						 NUMA_NO_NODE, MEMBLOCK_NOMAP), 0);
	HT_ASSERT_EQ(memblock_clear_hotplug(DRAM + SZ_512K, SZ_4K), 0);
	HT_REGIONS(&memblock.memory,
		   { DRAM, SZ_512K, MEMBLOCK_NOMAP, MAX_NUMNODES },
		   { DRAM + SZ_512K, SZ_512K, 0, MAX_NUMNODES });
	/* merged again: the whole NOMAP region is one free range */
	HT_ASSERT_EQ(memblock_find_in_range_node(SZ_512K, SZ_4K, 0, DRAM + SZ_512K,
						 NUMA_NO_NODE, MEMBLOCK_NOMAP),
		     DRAM);
}

/*
 * mem= that keeps NOMAP: memblock_cap_memory_range(0, max_addr).
 *
 *  |  +--keep--|--cut--+-N-+  |
 *  +--+--------+-------+---+--+
 *
 * Expect: the first 256K and the NOMAP region above; 0 changes nothing.
 */
static void memblock_mem_limit_remove_map_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_mark_nomap(DRAM + SZ_512K, SZ_64K);
	memblock_reserve(DRAM + SZ_512K, SZ_4K);
	memblock_mem_limit_remove_map(0);
	HT_ASSERT_EQ(memblock.memory.cnt, 3);
	memblock_mem_limit_remove_map(SZ_256K);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_256K, 0, MAX_NUMNODES },
		   { DRAM + SZ_512K, SZ_64K, MEMBLOCK_NOMAP, MAX_NUMNODES });
	HT_EMPTY(&memblock.reserved);
}

/*
 * Mainline's check, taken: capping before any memory is added is a caller
 * bug that 4.12 answered by truncating the reservations.
 *
 *  memory:   (none)
 *  reserved: |  [r0]     [r1]   |     cap: [ r1 ]
 *
 * Expect: a warning, and both reservations still there.
 */
static void memblock_cap_memory_range_no_memory_check(void)
{
	memblock_reserve(DRAM, SZ_4K);
	memblock_reserve(DRAM + SZ_1M, SZ_4K);
	ht_log_clear();
	memblock_cap_memory_range(DRAM + SZ_1M, SZ_64K);
	HT_ASSERT(ht_log_contains("No memory registered yet"));
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, 0, MAX_NUMNODES },
		   { DRAM + SZ_1M, SZ_4K, 0, MAX_NUMNODES });
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_trim_memory_check),
	HT_CASE(memblock_trim_memory_all_check),
	HT_CASE(memblock_enforce_memory_limit_check),
	HT_CASE(memblock_enforce_memory_limit_noop_check),
	HT_CASE(memblock_cap_memory_range_check),
	HT_CASE(memblock_cap_memory_range_outside_check),
	HT_CASE(memblock_cap_memory_range_split_nomap_check),
	HT_CASE(memblock_cap_memory_range_no_memory_check),
	HT_CASE(memblock_mem_limit_remove_map_check),
};

void test_trim_limit_group(void)
{
	ht_run_cases("trim_limit", cases, HT_ARRAY_SIZE(cases));
}

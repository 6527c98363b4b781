// SPDX-License-Identifier: GPL-2.0-or-later
/* memblock_reserve() and memblock_free(): marking ranges in use and free. */

#include "unit.h"

/*
 * A reservation inside memory:
 *
 *  |  +----------------+      |
 *  |  |  memory +~~+   |      |
 *  |  |         |r1|   |      |
 *  +--+---------+--+---+------+
 *
 * Expect: reserved is exactly r1, nid MAX_NUMNODES, flags 0; memory is
 * unchanged.
 */
static void memblock_reserve_simple_check(void)
{
	memblock_add(DRAM, SZ_1M);
	HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_64K, SZ_4K), 0);
	HT_REGIONS(&memblock.reserved, { DRAM + SZ_64K, SZ_4K, 0, MAX_NUMNODES });
	HT_REGIONS(&memblock.memory, { DRAM, SZ_1M, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_reserved_size(), SZ_4K);
}

/*
 * A reservation outside any memory is allowed:
 *
 *  |  +----+        +~~~~+    |
 *  |  |mem |        | r1 |    |
 *  +--+----+--------+----+----+
 *
 * Expect: recorded as given.
 */
static void memblock_reserve_outside_memory_check(void)
{
	memblock_add(DRAM, SZ_4K);
	HT_ASSERT_EQ(memblock_reserve(0x1000, SZ_4K), 0);
	HT_REGIONS(&memblock.reserved, { 0x1000, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * Touching and overlapping reservations merge:
 *
 *  |  +~~~~+~~~~+~~~~+        |
 *  |  | r1 | r2 | r3 |        |
 *  +--+----+----+----+--------+
 *
 * Expect: one region.
 */
static void memblock_reserve_merge_check(void)
{
	HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_4K, SZ_4K), 0);
	HT_ASSERT_EQ(memblock_reserve(DRAM, SZ_4K), 0);
	HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_4K + SZ_2K, SZ_8K), 0);
	HT_REGIONS(&memblock.reserved,
		   { DRAM, SZ_8K + SZ_4K + SZ_2K, 0, MAX_NUMNODES });
}

/*
 * Reserving a range already reserved changes nothing:
 *
 *  |  +~~~~~~~~~+             |
 *  |  |  r1 [r2]|             |
 *  +--+---------+-------------+
 *
 * Expect: one region, total unchanged.
 */
static void memblock_reserve_twice_check(void)
{
	memblock_reserve(DRAM, SZ_8K);
	HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_1K, SZ_1K), 0);
	HT_ASSERT_EQ(memblock_reserve(DRAM, SZ_8K), 0);
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_8K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_reserved_size(), SZ_8K);
}

/*
 * Freeing the middle of a reservation splits it:
 *
 *  |  +~~~~+----+~~~~+        |
 *  |  | r1 |free| r2 |        |
 *  +--+----+----+----+--------+
 *
 * Expect: two reserved regions.
 */
static void memblock_free_split_check(void)
{
	memblock_reserve(DRAM, 3 * SZ_4K);
	HT_ASSERT_EQ(memblock_free(DRAM + SZ_4K, SZ_4K), 0);
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, 0, MAX_NUMNODES },
		   { DRAM + SZ_8K, SZ_4K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_reserved_size(), SZ_8K);
}

/*
 * Freeing everything leaves the empty array; freeing what is not reserved
 * is a no-op:
 *
 *  |  +~~~~+   ....           |
 *  +--+----+------------------+
 *
 * Expect: 0 both times; reserved empty at the end.
 */
static void memblock_free_all_check(void)
{
	memblock_reserve(DRAM, SZ_4K);
	HT_ASSERT_EQ(memblock_free(DRAM + SZ_1M, SZ_4K), 0);
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_free(DRAM - SZ_4K, SZ_16K), 0);
	HT_EMPTY(&memblock.reserved);
}

/*
 * Freeing does not touch memory:
 *
 *  |  +--------+              |
 *  |  | memory |              |
 *  +--+--------+--------------+
 *
 * Expect: memblock_free over memory leaves it.
 */
static void memblock_free_leaves_memory_check(void)
{
	memblock_add(DRAM, SZ_4K);
	HT_ASSERT_EQ(memblock_free(DRAM, SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * A reservation next to one whose node was set does not merge with it:
 *
 *  |  +~~~~~~+~~~~~~+         |
 *  |  | r1 n0| r2   |         |
 *  +--+------+------+---------+
 *
 * Expect: two regions (nid 0 and MAX_NUMNODES).
 */
static void memblock_reserve_after_set_node_check(void)
{
	memblock_reserve(DRAM, SZ_4K);
	HT_ASSERT_EQ(memblock_set_node(DRAM, SZ_4K, &memblock.reserved, 0), 0);
	HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_4K, SZ_4K), 0);
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, 0, 0 },
		   { DRAM + SZ_4K, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * Freeing the start, then the end of one region (the binary update path
 * changes the region in place, 4.12 splits and deletes):
 *
 *  |  +~~+~~~~~~~~~~~~+~~+    |
 *  |  |f1|     r1     |f2|    |
 *  +--+--+------------+--+----+
 *
 * Expect: one region between f1 and f2, total_size down by both.
 */
static void memblock_free_prefix_suffix_check(void)
{
	memblock_reserve(DRAM, SZ_16K);
	memblock_reserve(DRAM + SZ_64K, SZ_4K);
	HT_ASSERT_EQ(memblock_free(DRAM, SZ_4K), 0);
	HT_ASSERT_EQ(memblock_free(DRAM + SZ_8K + SZ_4K, SZ_4K), 0);
	HT_REGIONS(&memblock.reserved, { DRAM + SZ_4K, SZ_8K, 0, MAX_NUMNODES },
		   { DRAM + SZ_64K, SZ_4K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_reserved_size(), SZ_8K + SZ_4K);
	HT_CHECK_INVARIANTS();
}

/*
 * A free that covers the top of one region, free space, a whole region,
 * free space and the bottom of a third:
 *
 *  |  +~~r1~~+    +~r2~+    +~~r3~~+  |
 *  |      [========== free =====]     |
 *  +--+------+----+----+----+------+--+
 *
 * Expect: r1's lower half and r3's upper half stay, r2 is gone.
 */
static void memblock_free_overhang_check(void)
{
	memblock_reserve(DRAM, SZ_8K);
	memblock_reserve(DRAM + SZ_16K, SZ_4K);
	memblock_reserve(DRAM + SZ_32K, SZ_8K);
	HT_ASSERT_EQ(memblock_free(DRAM + SZ_4K, SZ_32K), 0);
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, 0, MAX_NUMNODES },
		   { DRAM + SZ_32K + SZ_4K, SZ_4K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_reserved_size(), SZ_8K);
	HT_CHECK_INVARIANTS();
}

/*
 * Freeing the start of a region when the array is nearly full: 4.12's
 * isolation makes room for two more regions first, so the array doubles
 * even though nothing is split.
 *
 *  |+~+ +~+ ... (127)          +~arr~+|
 *  ++-+-+-+--------------------+-----++
 *
 * Expect: under every strategy, max 256 and the array at the top of RAM.
 */
static void memblock_free_doubles_as_isolate_check(void)
{
	ht_ram_map(DRAM, SZ_16M);
	memblock_add(DRAM, SZ_16M);
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS - 1; i++)
		memblock_reserve(DRAM + i * SZ_4K, SZ_2K);
	memblock_allow_resize();
	HT_ASSERT_EQ(memblock_free(DRAM, SZ_1K), 0);
	HT_ASSERT_EQ(memblock.reserved.max, 2 * INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock.reserved.regions[0].base, DRAM + SZ_1K);
	HT_ASSERT_EQ(memblock_virt_to_phys(memblock.reserved.regions),
		     DRAM + SZ_16M - SZ_8K);
	HT_CHECK_INVARIANTS();
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_reserve_simple_check),
	HT_CASE(memblock_reserve_outside_memory_check),
	HT_CASE(memblock_reserve_merge_check),
	HT_CASE(memblock_reserve_twice_check),
	HT_CASE(memblock_free_split_check),
	HT_CASE(memblock_free_all_check),
	HT_CASE(memblock_free_leaves_memory_check),
	HT_CASE(memblock_reserve_after_set_node_check),
	HT_CASE(memblock_free_prefix_suffix_check),
	HT_CASE(memblock_free_overhang_check),
	HT_CASE(memblock_free_doubles_as_isolate_check),
};

void test_reserve_free_group(void)
{
	ht_run_cases("reserve_free", cases, HT_ARRAY_SIZE(cases));
}

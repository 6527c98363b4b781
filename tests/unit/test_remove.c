// SPDX-License-Identifier: GPL-2.0-or-later
/* memblock_remove(): taking memory away, splitting regions at the edges. */

#include "unit.h"

/*
 * Removing a whole region:
 *
 *  |  +----+      +----+      |
 *  |  | r1 |      | r2 |      |   remove r2
 *  +--+----+------+----+------+
 *
 * Expect: only r1 left.
 */
static void memblock_remove_simple_check(void)
{
	memblock_add(DRAM, SZ_4K);
	memblock_add(DRAM + SZ_1M, SZ_4K);
	HT_ASSERT_EQ(memblock_remove(DRAM + SZ_1M, SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * Removing a range that is not memory:
 *
 *  |  +----+   ....           |
 *  |  | r1 |   (rm)           |
 *  +--+----+------------------+
 *
 * Expect: r1 unchanged, 0 returned.
 */
static void memblock_remove_absent_check(void)
{
	memblock_add(DRAM, SZ_4K);
	HT_ASSERT_EQ(memblock_remove(DRAM + SZ_1M, SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * Removing the last region leaves 4.12's empty array:
 *
 *  |  +----+                  |
 *  |  | r1 |  -> removed      |
 *  +--+----+------------------+
 *
 * Expect: cnt 1, one empty region (nid MAX_NUMNODES), total 0.
 */
static void memblock_remove_all_check(void)
{
	memblock_add_node(DRAM, SZ_4K, 1);
	HT_ASSERT_EQ(memblock_remove(DRAM, SZ_4K), 0);
	HT_EMPTY(&memblock.memory);
	/* 4.12's memblock_remove_region() gives the dummy no node */
	HT_ASSERT_EQ(memblock.memory.regions[0].nid, MAX_NUMNODES);
	/* and it can be filled again */
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_8K, SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { DRAM + SZ_8K, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * Removing the top of a region, then the bottom:
 *
 *  |  +--+--------+--+        |
 *  |  |rm|   r1   |rm|        |
 *  +--+--+--------+--+--------+
 *
 * Expect: the middle stays.
 */
static void memblock_remove_edges_check(void)
{
	memblock_add(DRAM, SZ_16K);
	HT_ASSERT_EQ(memblock_remove(DRAM + SZ_8K + SZ_4K, SZ_8K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_8K + SZ_4K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_remove(DRAM - SZ_4K, SZ_8K), 0);
	HT_REGIONS(&memblock.memory, { DRAM + SZ_4K, SZ_8K, 0, MAX_NUMNODES });
}

/*
 * Removing from the middle splits a region in two, attributes kept:
 *
 *  |  +----+--+----+          |
 *  |  | r1 |rm| r2 |          |
 *  +--+----+--+----+----------+
 *
 * Expect: two regions of node 2 with the hole between them.
 */
static void memblock_remove_split_check(void)
{
	memblock_add_node(DRAM, SZ_16K, 2);
	HT_ASSERT_EQ(memblock_remove(DRAM + SZ_4K, SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_4K, 0, 2 },
		   { DRAM + SZ_8K, SZ_8K, 0, 2 });
	HT_ASSERT_EQ(memblock_phys_mem_size(), SZ_4K + SZ_8K);
}

/*
 * Removing a range that spans several regions and the gaps between them:
 *
 *  |  +--+ +--+ +--+ +--+     |
 *  |  |r1| |r2| |r3| |r4|     |
 *  |    [======rm======]      |
 *  +--+--+-+--+-+--+-+--+-----+
 *
 * Expect: the outer halves of r1 and r4 stay.
 */
static void memblock_remove_span_check(void)
{
	for (int i = 0; i < 4; i++)
		memblock_add_node(DRAM + i * SZ_8K, SZ_4K, i);
	HT_ASSERT_EQ(memblock_remove(DRAM + SZ_2K, 3 * SZ_8K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_2K, 0, 0 },
		   { DRAM + 3 * SZ_8K + SZ_2K, SZ_2K, 0, 3 });
}

/*
 * Removing everything from a base to the end of the address space (size
 * 2^64 - 1 is clipped by memblock_cap_size()):
 *
 *  |  +----+   +----+---->    |
 *  |  | r1 |   | rm ...       |
 *  +--+----+---+--------------+
 *
 * Expect: only what lies below the base stays.
 */
static void memblock_remove_to_end_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_add(DRAM + SZ_2M, SZ_1M);
	HT_ASSERT_EQ(memblock_remove(DRAM + SZ_4K, ULLONG_MAX), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * Removing from reserved directly (memblock_remove only touches memory):
 *
 *  |  +----+                  |
 *  |  | r1 |  memory          |
 *  |  +~~~~+  reserved        |
 *  +--+----+------------------+
 *
 * Expect: memblock_remove leaves reserved alone.
 */
static void memblock_remove_leaves_reserved_check(void)
{
	memblock_add(DRAM, SZ_4K);
	memblock_reserve(DRAM, SZ_4K);
	HT_ASSERT_EQ(memblock_remove(DRAM, SZ_4K), 0);
	HT_EMPTY(&memblock.memory);
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, 0, MAX_NUMNODES });
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_remove_simple_check),
	HT_CASE(memblock_remove_absent_check),
	HT_CASE(memblock_remove_all_check),
	HT_CASE(memblock_remove_edges_check),
	HT_CASE(memblock_remove_split_check),
	HT_CASE(memblock_remove_span_check),
	HT_CASE(memblock_remove_to_end_check),
	HT_CASE(memblock_remove_leaves_reserved_check),
};

void test_remove_group(void)
{
	ht_run_cases("remove", cases, HT_ARRAY_SIZE(cases));
}

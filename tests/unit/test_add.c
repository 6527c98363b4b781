// SPDX-License-Identifier: GPL-2.0-or-later
/* memblock_add() and memblock_add_node(): describing memory. */

#include "unit.h"

/*
 * The boot state: both arrays hold 4.12's dummy entry.
 *
 *  |                          |
 *  +--------------------------+
 *
 * Expect: cnt 1, one empty region at 0, max 128, total 0; limit ANYWHERE,
 * top-down.
 */
static void memblock_reset_boot_state_check(void)
{
	HT_EMPTY(&memblock.memory);
	HT_EMPTY(&memblock.reserved);
	HT_ASSERT_EQ(memblock.memory.max, INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock.reserved.max, INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_STREQ(memblock.memory.name, "memory");
	HT_ASSERT_STREQ(memblock.reserved.name, "reserved");
	HT_ASSERT_EQ(memblock.current_limit, MEMBLOCK_ALLOC_ANYWHERE);
	HT_ASSERT(!memblock_bottom_up());
	HT_ASSERT(!memblock_debug_enabled());
}

/*
 * memblock_reset() undoes every setting, not only the arrays:
 *
 *  |  +-M-+ ... settings changed, then reset
 *  +--+---+-------------------+
 *
 * Expect: limit ANYWHERE, top-down, no debug, no movable_node, no mirror
 * preference (no "mirrored memory" retry message), resizing disallowed
 * again (the 129th region is -ENOMEM).
 */
static void memblock_reset_clears_state_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_mark_mirror(DRAM, SZ_4K);
	memblock_mark_hotplug(DRAM + SZ_512K, SZ_512K);
	memblock_set_bottom_up(true);
	memblock_set_current_limit(DRAM + SZ_64K);
	memblock_set_debug(true);
	memblock_set_movable_node(true);
	memblock_allow_resize();
	memblock_reset();
	HT_EMPTY(&memblock.memory);
	HT_ASSERT_EQ(memblock.current_limit, MEMBLOCK_ALLOC_ANYWHERE);
	HT_ASSERT(!memblock_bottom_up());
	HT_ASSERT(!memblock_debug_enabled());
	memblock_add(DRAM, SZ_1M);
	memblock_mark_hotplug(DRAM + SZ_512K, SZ_512K);
	ht_log_clear();
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_4K, SZ_4K),
		     DRAM + SZ_1M - SZ_4K);	/* hotplug allowed again */
	HT_ASSERT(!ht_log_contains("mirrored"));
	memblock_reset();
	ht_ram_map(DRAM, SZ_16M);
	memblock_add(DRAM + SZ_8M, SZ_8M);
	for (int i = 1; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_add(DRAM + i * SZ_4K, SZ_64);
	HT_ASSERT_EQ(memblock_add(DRAM, SZ_64), -ENOMEM);
	HT_ASSERT_EQ(memblock.memory.max, INIT_MEMBLOCK_REGIONS);
}

/*
 * One region into empty memory:
 *
 *  |        +--------+        |
 *  |        |   r1   |        |
 *  +--------+--------+--------+
 *
 * Expect: memory is exactly r1, node MAX_NUMNODES, flags 0.
 */
static void memblock_add_simple_check(void)
{
	HT_ASSERT_EQ(memblock_add(DRAM, SZ_128M), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_128M, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_phys_mem_size(), SZ_128M);
	HT_EMPTY(&memblock.reserved);
}

/*
 * A region with a node id:
 *
 *  |        +--------+        |
 *  |        | r1 n=1 |        |
 *  +--------+--------+--------+
 *
 * Expect: r1 carries nid 1.
 */
static void memblock_add_node_simple_check(void)
{
	HT_ASSERT_EQ(memblock_add_node(DRAM, SZ_16M, 1), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_16M, 0, 1 });
}

/*
 * Two regions apart, the higher one added first:
 *
 *  |  +----+       +----+     |
 *  |  | r1 |       | r2 |     |
 *  +--+----+-------+----+-----+
 *
 * Expect: two regions, sorted by base.
 */
static void memblock_add_disjoint_check(void)
{
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_1M, SZ_64K), 0);
	HT_ASSERT_EQ(memblock_add(DRAM, SZ_64K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_64K, 0, MAX_NUMNODES },
		   { DRAM + SZ_1M, SZ_64K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock.memory.total_size, 2 * SZ_64K);
}

/*
 * A region that touches an existing one from above, then one from below:
 *
 *  |    +----+----+----+      |
 *  |    | r3 | r1 | r2 |      |
 *  +----+----+----+----+------+
 *
 * Expect: one region [r3.base, r2.end).
 */
static void memblock_add_touching_merge_check(void)
{
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_64K, SZ_64K), 0);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_128K, SZ_64K), 0);
	HT_REGIONS(&memblock.memory, { DRAM + SZ_64K, SZ_128K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_add(DRAM, SZ_64K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, 3 * SZ_64K, 0, MAX_NUMNODES });
}

/*
 * A region overlapping the top of an existing one, then one overlapping its
 * bottom:
 *
 *  |      +---+--------+---+  |
 *  |      |r3 |   r1 +-|r2 |  |
 *  +------+---+--------+---+--+
 *
 * Expect: one region spanning all three.
 */
static void memblock_add_overlap_check(void)
{
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_1M, SZ_1M), 0);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_1M + SZ_512, SZ_2M), 0);
	HT_REGIONS(&memblock.memory,
		   { DRAM + SZ_1M, SZ_2M + SZ_512, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_add(DRAM, SZ_1M + SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, 3 * SZ_1M + SZ_512, 0, MAX_NUMNODES });
}

/*
 * A region inside an existing one, and the same region twice:
 *
 *  |    +-----------------+   |
 *  |    |  r1  +--+       |   |
 *  |    |      |r2|       |   |
 *  +----+------+--+-------+---+
 *
 * Expect: r1 unchanged, total_size counted once.
 */
static void memblock_add_within_check(void)
{
	HT_ASSERT_EQ(memblock_add(DRAM, SZ_1M), 0);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_4K, SZ_4K), 0);
	HT_ASSERT_EQ(memblock_add(DRAM, SZ_1M), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_1M, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_phys_mem_size(), SZ_1M);
}

/*
 * A region that fills the gap between two and covers both:
 *
 *  |  +----+........+----+    |
 *  |  | r1 |   r3   | r2 |    |
 *  +--+----+--------+----+----+
 *
 * Expect: one region from r1.base to r2.end.
 */
static void memblock_add_fill_gap_check(void)
{
	HT_ASSERT_EQ(memblock_add(DRAM, SZ_4K), 0);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_16K, SZ_4K), 0);
	HT_ASSERT_EQ(memblock_add(DRAM, SZ_16K + SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_16K + SZ_4K, 0, MAX_NUMNODES });
}

/*
 * Touching regions of different nodes do not merge:
 *
 *  |  +------+------+         |
 *  |  | r1 0 | r2 1 |         |
 *  +--+------+------+---------+
 *
 * Expect: two regions, nids 0 and 1.
 */
static void memblock_add_node_no_merge_check(void)
{
	HT_ASSERT_EQ(memblock_add_node(DRAM, SZ_1M, 0), 0);
	HT_ASSERT_EQ(memblock_add_node(DRAM + SZ_1M, SZ_1M, 1), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_1M, 0, 0 },
		   { DRAM + SZ_1M, SZ_1M, 0, 1 });
}

/*
 * An add over existing regions of another node keeps their node and fills
 * only the holes:
 *
 *  |  +----+....+----+        |
 *  |  | 0  | 1  | 0  |  1     |   <- [DRAM, DRAM + 16K) added as node 1
 *  +--+----+----+----+--------+
 *
 * Expect: 0 | 1 | 0 | 1, four regions (4.12 fills holes, never overwrites).
 */
static void memblock_add_node_overlap_keeps_nid_check(void)
{
	HT_ASSERT_EQ(memblock_add_node(DRAM, SZ_4K, 0), 0);
	HT_ASSERT_EQ(memblock_add_node(DRAM + SZ_8K, SZ_4K, 0), 0);
	HT_ASSERT_EQ(memblock_add_node(DRAM, SZ_16K, 1), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_4K, 0, 0 },
		   { DRAM + SZ_4K, SZ_4K, 0, 1 },
		   { DRAM + SZ_8K, SZ_4K, 0, 0 },
		   { DRAM + 3 * SZ_4K, SZ_4K, 0, 1 });
	HT_ASSERT_EQ(memblock_phys_mem_size(), SZ_16K);
}

/*
 * A hole filled by a node that matches both neighbours: insert + merge
 * leaves one region.
 *
 *  |  +----+....+----+        |
 *  |  | 2  | 2  | 2  |        |
 *  +--+----+----+----+--------+
 *
 * Expect: one region of node 2.
 */
static void memblock_add_node_fill_merges_check(void)
{
	HT_ASSERT_EQ(memblock_add_node(DRAM, SZ_4K, 2), 0);
	HT_ASSERT_EQ(memblock_add_node(DRAM + SZ_8K, SZ_4K, 2), 0);
	HT_ASSERT_EQ(memblock_add_node(DRAM + SZ_4K, SZ_4K, 2), 0);
	HT_REGIONS(&memblock.memory, { DRAM, 3 * SZ_4K, 0, 2 });
}

/*
 * Many small regions added from the top down, every other one missing:
 *
 *  |  +-+ +-+ +-+ ... +-+     |
 *  +--+-+-+-+-+-+-----+-+-----+
 *
 * Expect: 100 regions sorted by base.  One add covering them all needs 100
 * insertions before the merge: 4.12 counts them first, so with a static
 * array of 128 it is refused (-ENOMEM) and nothing changes.  [DRAM, 58
 * pages) needs 29 insertions (129 > 128): refused; [DRAM, 56 pages) needs
 * 28 (128): it fits, and merges the 29 regions it covers or touches.
 */
static void memblock_add_many_sorted_check(void)
{
	for (int i = 99; i >= 0; i--)
		HT_ASSERT_EQ(memblock_add(DRAM + 2 * i * SZ_4K, SZ_4K), 0);
	HT_ASSERT_EQ(memblock.memory.cnt, 100);
	for (unsigned long i = 0; i < 100; i++)
		HT_ASSERT_EQ(memblock.memory.regions[i].base, DRAM + 2 * i * SZ_4K);
	HT_CHECK_INVARIANTS();
	HT_ASSERT_EQ(memblock_add(DRAM, 200 * SZ_4K), -ENOMEM);
	HT_ASSERT_EQ(memblock.memory.cnt, 100);
	HT_ASSERT_EQ(memblock_add(DRAM, 58 * SZ_4K), -ENOMEM);
	HT_ASSERT_EQ(memblock_add(DRAM, 56 * SZ_4K), 0);
	HT_ASSERT_EQ(memblock.memory.cnt, 72);	/* it touches region 28 too */
	HT_ASSERT_EQ(memblock.memory.regions[0].size, 57 * SZ_4K);
	HT_CHECK_INVARIANTS();
}

/*
 * memblock_add_range() on the reserved type, with a node and flags:
 *
 *  |  +~~~~~~~~+              |
 *  +--+--------+--------------+
 *
 * Expect: the region keeps exactly the nid and flags given.
 */
static void memblock_add_range_type_check(void)
{
	HT_ASSERT_EQ(memblock_add_range(&memblock.reserved, DRAM, SZ_4K, 3,
					MEMBLOCK_HOTPLUG), 0);
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, MEMBLOCK_HOTPLUG, 3 });
	HT_EMPTY(&memblock.memory);
}

/*
 * A region's node changed by hand with 4.12's raw setter, said with
 * memblock_regions_changed(), then an unrelated add:
 *
 *  |  +----+----+       +----+  |
 *  |  | 0  | 1->0 |     | 0  |  |
 *  +--+----+----+-------+----+--+
 *
 * Expect: 4.12's merge at the add joins the two touching node-0 regions,
 * under every update strategy: two regions.
 */
static void memblock_add_after_raw_set_node_check(void)
{
	HT_ASSERT_EQ(memblock_add_node(DRAM, SZ_4K, 0), 0);
	HT_ASSERT_EQ(memblock_add_node(DRAM + SZ_4K, SZ_4K, 1), 0);
	memblock_set_region_node(&memblock.memory.regions[1], 0);
	memblock_regions_changed();
	HT_ASSERT_EQ(memblock_add_node(DRAM + SZ_64K, SZ_4K, 0), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_8K, 0, 0 },
		   { DRAM + SZ_64K, SZ_4K, 0, 0 });
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_reset_boot_state_check),
	HT_CASE(memblock_reset_clears_state_check),
	HT_CASE(memblock_add_simple_check),
	HT_CASE(memblock_add_node_simple_check),
	HT_CASE(memblock_add_disjoint_check),
	HT_CASE(memblock_add_touching_merge_check),
	HT_CASE(memblock_add_overlap_check),
	HT_CASE(memblock_add_within_check),
	HT_CASE(memblock_add_fill_gap_check),
	HT_CASE(memblock_add_node_no_merge_check),
	HT_CASE(memblock_add_node_overlap_keeps_nid_check),
	HT_CASE(memblock_add_node_fill_merges_check),
	HT_CASE(memblock_add_many_sorted_check),
	HT_CASE(memblock_add_range_type_check),
	HT_CASE(memblock_add_after_raw_set_node_check),
};

void test_add_group(void)
{
	ht_run_cases("add", cases, HT_ARRAY_SIZE(cases));
}

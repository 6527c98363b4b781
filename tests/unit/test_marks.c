// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock_mark_* / memblock_clear_* and memblock_set_node(): isolate the
 * range (split at its edges), change the regions inside, merge again.
 */

#include "unit.h"

/*
 * Marking the middle of a region hotpluggable:
 *
 *  |  +----+~~~~+----+        |
 *  |  | r1 | H  | r3 |        |
 *  +--+----+----+----+--------+
 *
 * Expect: three regions, the middle one with MEMBLOCK_HOTPLUG.
 */
static void memblock_mark_hotplug_split_check(void)
{
	memblock_add(DRAM, 3 * SZ_4K);
	HT_ASSERT_EQ(memblock_mark_hotplug(DRAM + SZ_4K, SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_4K, 0, MAX_NUMNODES },
		   { DRAM + SZ_4K, SZ_4K, MEMBLOCK_HOTPLUG, MAX_NUMNODES },
		   { DRAM + SZ_8K, SZ_4K, 0, MAX_NUMNODES });
	HT_ASSERT(memblock_is_hotpluggable(&memblock.memory.regions[1]));
}

/*
 * Clearing the flag merges the three back:
 *
 *  |  +--------------+        |
 *  |  |      r1      |        |
 *  +--+--------------+--------+
 *
 * Expect: one region, flags 0.
 */
static void memblock_clear_hotplug_merge_check(void)
{
	memblock_add(DRAM, 3 * SZ_4K);
	memblock_mark_hotplug(DRAM + SZ_4K, SZ_4K);
	HT_ASSERT_EQ(memblock_clear_hotplug(DRAM, 3 * SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, 3 * SZ_4K, 0, MAX_NUMNODES });
}

/*
 * A mark across a gap between regions marks both parts and leaves the gap:
 *
 *  |  +----+....+----+        |
 *  |  | M  |    | M  |        |
 *  +--+----+----+----+--------+
 *
 * Expect: two mirror regions, no region in the gap.
 */
static void memblock_mark_mirror_gap_check(void)
{
	memblock_add(DRAM, SZ_4K);
	memblock_add(DRAM + SZ_8K, SZ_4K);
	HT_ASSERT_EQ(memblock_mark_mirror(DRAM, 3 * SZ_4K), 0);
	HT_REGIONS(&memblock.memory,
		   { DRAM, SZ_4K, MEMBLOCK_MIRROR, MAX_NUMNODES },
		   { DRAM + SZ_8K, SZ_4K, MEMBLOCK_MIRROR, MAX_NUMNODES });
	HT_ASSERT(memblock_is_mirror(&memblock.memory.regions[0]));
}

/*
 * Flags accumulate: nomap over a mirror region:
 *
 *  |  +--------+--------+     |
 *  |  |  M     | M+N    |     |
 *  +--+--------+--------+-----+
 *
 * Expect: MIRROR, then MIRROR|NOMAP; clear_nomap merges them back.
 */
static void memblock_mark_nomap_accumulate_check(void)
{
	memblock_add(DRAM, SZ_8K);
	memblock_mark_mirror(DRAM, SZ_8K);
	HT_ASSERT_EQ(memblock_mark_nomap(DRAM + SZ_4K, SZ_4K), 0);
	HT_REGIONS(&memblock.memory,
		   { DRAM, SZ_4K, MEMBLOCK_MIRROR, MAX_NUMNODES },
		   { DRAM + SZ_4K, SZ_4K, MEMBLOCK_MIRROR | MEMBLOCK_NOMAP,
		     MAX_NUMNODES });
	HT_ASSERT(memblock_is_nomap(&memblock.memory.regions[1]));
	HT_ASSERT_EQ(memblock_clear_nomap(DRAM, SZ_8K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_8K, MEMBLOCK_MIRROR, MAX_NUMNODES });
}

/*
 * Marks only touch memory, never reserved, and marking where there is no
 * memory changes nothing:
 *
 *  |  +~~~~+                  |
 *  |  | r1 |   (reserved)     |
 *  +--+----+------------------+
 *
 * Expect: 0 returned, reserved flags still 0, memory still empty.
 */
static void memblock_mark_no_memory_check(void)
{
	memblock_reserve(DRAM, SZ_4K);
	HT_ASSERT_EQ(memblock_mark_hotplug(DRAM, SZ_4K), 0);
	HT_ASSERT_EQ(memblock_mark_nomap(DRAM, SZ_4K), 0);
	HT_EMPTY(&memblock.memory);
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * memblock_set_node over part of memory:
 *
 *  |  +----+------+----+      |
 *  |  | 64 |  1   | 64 |      |
 *  +--+----+------+----+------+
 *
 * Expect: the middle gets node 1; setting node 64 (MAX_NUMNODES) on it
 * again merges everything back.
 */
static void memblock_set_node_split_merge_check(void)
{
	memblock_add(DRAM, SZ_16K);
	HT_ASSERT_EQ(memblock_set_node(DRAM + SZ_4K, SZ_8K, &memblock.memory, 1), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_4K, 0, MAX_NUMNODES },
		   { DRAM + SZ_4K, SZ_8K, 0, 1 },
		   { DRAM + 3 * SZ_4K, SZ_4K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_get_region_node(&memblock.memory.regions[1]), 1);
	HT_ASSERT_EQ(memblock_set_node(DRAM + SZ_4K, SZ_8K, &memblock.memory,
				       MAX_NUMNODES), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_16K, 0, MAX_NUMNODES });
}

/*
 * memblock_set_node on two neighbours of different nodes makes them one:
 *
 *  |  +----+----+             |
 *  |  | 0  | 1  |  -> all 3   |
 *  +--+----+----+-------------+
 *
 * Expect: one region of node 3.
 */
static void memblock_set_node_joins_check(void)
{
	memblock_add_node(DRAM, SZ_4K, 0);
	memblock_add_node(DRAM + SZ_4K, SZ_4K, 1);
	HT_ASSERT_EQ(memblock_set_node(0, ULLONG_MAX, &memblock.memory, 3), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_8K, 0, 3 });
}

/*
 * memblock_set_node works on reserved too:
 *
 *  |  +~~~~~~~~~~+            |
 *  |  | r1 | n=2 |            |
 *  +--+----+-----+------------+
 *
 * Expect: the upper half of r1 on node 2.
 */
static void memblock_set_node_reserved_check(void)
{
	memblock_reserve(DRAM, SZ_8K);
	HT_ASSERT_EQ(memblock_set_node(DRAM + SZ_4K, SZ_4K, &memblock.reserved, 2), 0);
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, 0, MAX_NUMNODES },
		   { DRAM + SZ_4K, SZ_4K, 0, 2 });
}

/*
 * memblock_isolate_range() alone: splits at the edges and reports the
 * regions inside; it does not merge.
 *
 *  |  +--+------+--+          |
 *  |  |r0|  r1  |r2|          |
 *  +--+--+------+--+----------+
 *
 * Expect: three regions, start_rgn 1, end_rgn 2; a search sees three free
 * ranges until the next merge.
 */
static void memblock_isolate_range_check(void)
{
	int start = -1, end = -1;

	memblock_add(DRAM, SZ_16K);
	HT_ASSERT_EQ(memblock_isolate_range(&memblock.memory, DRAM + SZ_4K,
					    SZ_8K, &start, &end), 0);
	HT_ASSERT_EQ(start, 1);
	HT_ASSERT_EQ(end, 2);
	HT_ASSERT_EQ(memblock.memory.cnt, 3);
	HT_ASSERT_EQ(memblock.memory.regions[1].base, DRAM + SZ_4K);
	HT_ASSERT_EQ(memblock.memory.regions[1].size, SZ_8K);
	HT_ASSERT_EQ(memblock.memory.total_size, SZ_16K);
	/* each piece is its own free range: 12K fits nowhere, 8K in r1 */
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_8K + SZ_4K,
					    SZ_4K), 0);
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_8K, SZ_4K),
		     DRAM + SZ_4K);
	/* the next merging operation joins them again */
	HT_ASSERT_EQ(memblock_mark_hotplug(DRAM, SZ_4K), 0);
	HT_ASSERT_EQ(memblock_clear_hotplug(DRAM, SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_16K, 0, MAX_NUMNODES });
}

/*
 * memblock_isolate_range() on reserved, then a reservation elsewhere: 4.12
 * merges the whole array on every insertion, so the split pieces join
 * again, under every update strategy.
 *
 *  reserved: |  +--+--+--+        +--+  |
 *            |  |r0|r1|r2|        |r3|  |
 *            +--+--+--+--+--------+--+--+
 *
 * Expect: after isolating r1 three touching pieces; after reserving r3
 * far above, two regions.
 */
static void memblock_isolate_range_reserved_check(void)
{
	int start = -1, end = -1;

	memblock_add(DRAM, SZ_2M);
	memblock_reserve(DRAM + SZ_4K, 3 * SZ_4K);
	HT_ASSERT_EQ(memblock_isolate_range(&memblock.reserved, DRAM + SZ_8K,
					    SZ_4K, &start, &end), 0);
	HT_ASSERT_EQ(memblock.reserved.cnt, 3);
	HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_1M, SZ_4K), 0);
	HT_REGIONS(&memblock.reserved, { DRAM + SZ_4K, 3 * SZ_4K, 0, MAX_NUMNODES },
		   { DRAM + SZ_1M, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * memblock_isolate_range() over nothing:
 *
 *  |  +--+     [....]         |
 *  +--+--+--------------------+
 *
 * Expect: 0, start_rgn == end_rgn == 0.
 */
static void memblock_isolate_range_empty_check(void)
{
	int start = -1, end = -1;

	memblock_add(DRAM, SZ_4K);
	HT_ASSERT_EQ(memblock_isolate_range(&memblock.memory, DRAM + SZ_8K,
					    SZ_8K, &start, &end), 0);
	HT_ASSERT_EQ(start, 0);
	HT_ASSERT_EQ(end, 0);
	HT_ASSERT_EQ(memblock_isolate_range(&memblock.memory, DRAM, 0, &start,
					    &end), 0);
	HT_ASSERT_EQ(end, 0);
}

/*
 * The raw region helpers change one region's fields and nothing else: no
 * split, no merge (memblock_setclr_flag() and memblock_set_node() merge
 * after them).
 *
 *  |  +--r0--+--r1--+         |   touching, r1 hotplug
 *  +--+------+------+---------+
 *
 * Expect: clearing r1's flag leaves two regions that could merge; the
 * node and flags set are read back.
 */
static void memblock_region_helpers_check(void)
{
	struct memblock_region *r;

	memblock_add(DRAM, SZ_8K);
	memblock_mark_hotplug(DRAM + SZ_4K, SZ_4K);
	HT_ASSERT_EQ(memblock.memory.cnt, 2);
	r = &memblock.memory.regions[1];
	memblock_clear_region_flags(r, MEMBLOCK_HOTPLUG);
	HT_ASSERT_EQ(r->flags, 0);
	HT_ASSERT_EQ(memblock.memory.cnt, 2);
	memblock_set_region_flags(r, MEMBLOCK_MIRROR | MEMBLOCK_NOMAP);
	HT_ASSERT_EQ(r->flags, MEMBLOCK_MIRROR | MEMBLOCK_NOMAP);
	HT_ASSERT(memblock_is_mirror(r) && memblock_is_nomap(r));
	memblock_set_region_node(r, 5);
	HT_ASSERT_EQ(memblock_get_region_node(r), 5);
	HT_ASSERT_EQ(memblock.memory.regions[0].nid, MAX_NUMNODES);
	HT_ASSERT_EQ(memblock.memory.cnt, 2);
}

/*
 * for_each_memblock_type() walks a type given by pointer, with the
 * caller's idx:
 *
 *  |  +~+ +~+ +~+             |
 *  +--+-+-+-+-+-+-------------+
 *
 * Expect: three regions, idx 0..2 in order, idx 3 at the end.
 */
static void for_each_memblock_type_check(void)
{
	struct memblock_type *type = &memblock.reserved;
	struct memblock_region *rgn;
	unsigned long idx;

	for (int k = 2; k >= 0; k--)
		memblock_reserve(DRAM + k * SZ_8K, SZ_4K);
	for_each_memblock_type(type, rgn)
		HT_ASSERT_EQ(rgn->base, DRAM + idx * SZ_8K);
	HT_ASSERT_EQ(idx, 3);
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_mark_hotplug_split_check),
	HT_CASE(memblock_clear_hotplug_merge_check),
	HT_CASE(memblock_mark_mirror_gap_check),
	HT_CASE(memblock_mark_nomap_accumulate_check),
	HT_CASE(memblock_mark_no_memory_check),
	HT_CASE(memblock_set_node_split_merge_check),
	HT_CASE(memblock_set_node_joins_check),
	HT_CASE(memblock_set_node_reserved_check),
	HT_CASE(memblock_isolate_range_check),
	HT_CASE(memblock_isolate_range_reserved_check),
	HT_CASE(memblock_isolate_range_empty_check),
	HT_CASE(memblock_region_helpers_check),
	HT_CASE(for_each_memblock_type_check),
};

void test_marks_group(void)
{
	ht_run_cases("marks", cases, HT_ARRAY_SIZE(cases));
}

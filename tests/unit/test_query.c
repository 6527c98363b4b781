// SPDX-License-Identifier: GPL-2.0-or-later
/* Queries: sizes, DRAM bounds, memblock_is_*, overlaps, memblock_search. */

#include "unit.h"

/* memory: [DRAM, +16K) node 0, [DRAM + 16K, +16K) node 1 nomap,
 *         [DRAM + 64K, +4K); reserved: [DRAM + 4K, +4K) */
static void layout(void)
{
	memblock_add_node(DRAM, SZ_16K, 0);
	memblock_add_node(DRAM + SZ_16K, SZ_16K, 1);
	memblock_mark_nomap(DRAM + SZ_16K, SZ_16K);
	memblock_add(DRAM + SZ_64K, SZ_4K);
	memblock_reserve(DRAM + SZ_4K, SZ_4K);
}

/*
 *  |  +-- n0 --+-n1 nomap-+   +--+
 *  |  |  ~~    |          |   |  |
 *  +--+--------+----------+---+--+
 *
 * Expect: sizes are the sums, DRAM spans first base to last end; empty
 * memory gives 0 for both bounds.
 */
static void memblock_sizes_and_bounds_check(void)
{
	HT_ASSERT_EQ(memblock_start_of_DRAM(), 0);
	HT_ASSERT_EQ(memblock_end_of_DRAM(), 0);
	layout();
	HT_ASSERT_EQ(memblock_phys_mem_size(), SZ_32K + SZ_4K);
	HT_ASSERT_EQ(memblock_reserved_size(), SZ_4K);
	HT_ASSERT_EQ(memblock_start_of_DRAM(), DRAM);
	HT_ASSERT_EQ(memblock_end_of_DRAM(), DRAM + SZ_64K + SZ_4K);
}

/*
 *  |  +-- n0 --+-n1 nomap-+...+--+
 *  +--+--------+----------+---+--+
 *     ^a       ^b         ^c  ^d
 *
 * Expect: is_memory true inside regions, false in the gap and at an end;
 * is_map_memory false on NOMAP.
 */
static void memblock_is_memory_check(void)
{
	layout();
	HT_ASSERT(memblock_is_memory(DRAM));
	HT_ASSERT(memblock_is_memory(DRAM + SZ_16K));
	HT_ASSERT(memblock_is_memory(DRAM + SZ_32K - 1));
	HT_ASSERT(!memblock_is_memory(DRAM + SZ_32K));
	HT_ASSERT(!memblock_is_memory(DRAM - 1));
	HT_ASSERT(memblock_is_memory(DRAM + SZ_64K + SZ_4K - 1));
	HT_ASSERT(!memblock_is_memory(DRAM + SZ_64K + SZ_4K));
	HT_ASSERT(memblock_is_map_memory(DRAM + SZ_8K));
	HT_ASSERT(!memblock_is_map_memory(DRAM + SZ_16K));
	HT_ASSERT(!memblock_is_map_memory(DRAM + SZ_32K));
}

/*
 * memblock_is_region_memory: the one region holding base must hold the
 * whole range (4.12), touching regions of two nodes do not count.
 *
 *  |  +-- n0 --+-- n1 ----+   |
 *  |     [ ok ]            |
 *  |        [ across  ]    |
 *  +--+--------+----------+---+
 *
 * Expect: true inside n0, false across n0/n1 and past the end.
 */
static void memblock_is_region_memory_check(void)
{
	layout();
	HT_ASSERT(memblock_is_region_memory(DRAM + SZ_4K, SZ_8K));
	HT_ASSERT(memblock_is_region_memory(DRAM, SZ_16K));
	HT_ASSERT(!memblock_is_region_memory(DRAM + SZ_8K, SZ_16K));
	HT_ASSERT(!memblock_is_region_memory(DRAM + SZ_64K, SZ_8K));
	HT_ASSERT(!memblock_is_region_memory(DRAM + SZ_32K, SZ_4K));
	HT_ASSERT(memblock_is_region_memory(DRAM + SZ_64K, 0));
}

/*
 * Reserved queries:
 *
 *  |  +--+~~+------+          |
 *  +--+--+--+------+----------+
 *
 * Expect: is_reserved inside only; is_region_reserved on any overlap; a
 * range that only touches does not overlap.
 */
static void memblock_is_reserved_check(void)
{
	layout();
	HT_ASSERT(memblock_is_reserved(DRAM + SZ_4K));
	HT_ASSERT(memblock_is_reserved(DRAM + SZ_8K - 1));
	HT_ASSERT(!memblock_is_reserved(DRAM + SZ_8K));
	HT_ASSERT(!memblock_is_reserved(DRAM));
	HT_ASSERT(memblock_is_region_reserved(DRAM, SZ_4K + 1));
	HT_ASSERT(!memblock_is_region_reserved(DRAM, SZ_4K));
	HT_ASSERT(!memblock_is_region_reserved(DRAM + SZ_8K, SZ_4K));
	HT_ASSERT(memblock_is_region_reserved(DRAM, ULLONG_MAX));
}

/*
 * memblock_overlaps_region on either type:
 *
 *  |  +-- n0 --+-- n1 --+ ... +--+
 *  +--+--------+--------+-----+--+
 *
 * Expect: overlap iff [base, base + size) shares a byte with a region.
 */
static void memblock_overlaps_region_check(void)
{
	layout();
	HT_ASSERT(memblock_overlaps_region(&memblock.memory, DRAM + SZ_32K - 1, 2));
	HT_ASSERT(!memblock_overlaps_region(&memblock.memory, DRAM + SZ_32K, SZ_32K));
	HT_ASSERT(memblock_overlaps_region(&memblock.memory, DRAM + SZ_32K, SZ_32K + 1));
	HT_ASSERT(!memblock_overlaps_region(&memblock.reserved, DRAM + SZ_8K, SZ_1M));
	HT_ASSERT(memblock_overlaps_region(&memblock.reserved, 0, ULLONG_MAX));
}

/*
 * memblock_search: index of the region holding an address.
 *
 *  |  +-0--+-1--+ ... +-2-+   |
 *  +--+----+----+-----+---+---+
 *
 * Expect: 0, 1, 2 inside; -1 in gaps and on an empty array.
 */
static void memblock_search_check(void)
{
	HT_ASSERT_EQ(memblock_search(&memblock.memory, 0), -1);
	layout();
	HT_ASSERT_EQ(memblock_search(&memblock.memory, DRAM), 0);
	HT_ASSERT_EQ(memblock_search(&memblock.memory, DRAM + SZ_16K), 1);
	HT_ASSERT_EQ(memblock_search(&memblock.memory, DRAM + SZ_64K + 1), 2);
	HT_ASSERT_EQ(memblock_search(&memblock.memory, DRAM + SZ_32K), -1);
	HT_ASSERT_EQ(memblock_search(&memblock.memory, ULLONG_MAX), -1);
	HT_ASSERT_EQ(memblock_search(&memblock.reserved, DRAM + SZ_4K), 0);
}

/*
 * 4.12's deferred-init sizing aid counts the whole size of every reserved
 * region that overlaps or touches [start, end]:
 *
 *  |  +~r0~+  +~~r1~~+  +r2+  |
 *  +--+----+--+------+--+--+--+
 *           ^start  ^end
 *
 * Expect: r1 whole for a range inside it; r0 too when start is its end;
 * r2 when end is its base; 0 on an empty array.
 */
static void memblock_reserved_memory_within_check(void)
{
	HT_ASSERT_EQ(memblock_reserved_memory_within(0, PHYS_ADDR_MAX), 0);
	memblock_reserve(DRAM, SZ_4K);
	memblock_reserve(DRAM + SZ_8K, SZ_8K);
	memblock_reserve(DRAM + SZ_32K, SZ_1K);
	HT_ASSERT_EQ(memblock_reserved_memory_within(DRAM + SZ_8K + 1,
						     DRAM + SZ_8K + 2), SZ_8K);
	HT_ASSERT_EQ(memblock_reserved_memory_within(DRAM + SZ_4K,
						     DRAM + SZ_8K), SZ_4K + SZ_8K);
	HT_ASSERT_EQ(memblock_reserved_memory_within(DRAM + SZ_16K + 1,
						     DRAM + SZ_32K), SZ_1K);
	HT_ASSERT_EQ(memblock_reserved_memory_within(DRAM + SZ_16K + 1,
						     DRAM + SZ_32K - 1), 0);
}

/*
 * movable_node_is_enabled() follows memblock_set_movable_node():
 *
 *  |                          |
 *  +--------------------------+
 *
 * Expect: off after reset, on, off.
 */
static void movable_node_is_enabled_check(void)
{
	HT_ASSERT(!movable_node_is_enabled());
	memblock_set_movable_node(true);
	HT_ASSERT(movable_node_is_enabled());
	memblock_set_movable_node(false);
	HT_ASSERT(!movable_node_is_enabled());
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_sizes_and_bounds_check),
	HT_CASE(memblock_is_memory_check),
	HT_CASE(memblock_is_region_memory_check),
	HT_CASE(memblock_is_reserved_check),
	HT_CASE(memblock_overlaps_region_check),
	HT_CASE(memblock_search_check),
	HT_CASE(memblock_reserved_memory_within_check),
	HT_CASE(movable_node_is_enabled_check),
};

void test_query_group(void)
{
	ht_run_cases("query", cases, HT_ARRAY_SIZE(cases));
}

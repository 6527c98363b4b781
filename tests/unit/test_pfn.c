// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The page frame view (CONFIG_HAVE_MEMBLOCK_NODE_MAP): for_each_mem_pfn_range
 * over __next_mem_pfn_range, memblock_search_pfn_nid, memblock_next_valid_pfn,
 * memblock_mem_size and the memblock_region_*_pfn() helpers.  Pictures count
 * pages: "|" marks page boundaries where it matters.
 */

#include "unit.h"

#define PFN0	(DRAM >> PAGE_SHIFT)	/* the first page frame of DRAM */

/*
 * Whole pages per region, regions without one skipped, node selection as
 * 4.12's: MAX_NUMNODES for all, NUMA_NO_NODE only matches its own nid.
 *
 *  page |0|1|2|3|4|..|16|17|18|19|
 *       +-n0----+ +s+  +|-n1-|-+
 *
 * Expect: [0, 4) on node 0 and [17, 19) on node 1 (offsets from DRAM's
 * first page); the sub-page region s is skipped; i ends at -1.
 */
static void for_each_mem_pfn_range_check(void)
{
	unsigned long start[4], end[4];
	int nid[4], n = 0, i;
	unsigned long s, e;
	int node;

	memblock_add_node(DRAM, SZ_16K, 0);
	memblock_add_node(DRAM + SZ_16K + 100, 100, 1);
	memblock_add_node(DRAM + SZ_64K + SZ_2K, SZ_8K + SZ_2K, 1);

	for_each_mem_pfn_range(i, MAX_NUMNODES, &s, &e, &node) {
		if (n == 4)
			HT_FAIL("walk does not end");
		start[n] = s;
		end[n] = e;
		nid[n] = node;
		n++;
	}
	HT_ASSERT_EQ(i, -1);
	HT_ASSERT_EQ(n, 2);
	HT_ASSERT_EQ(start[0], PFN0);
	HT_ASSERT_EQ(end[0], PFN0 + 4);
	HT_ASSERT_EQ(nid[0], 0);
	HT_ASSERT_EQ(start[1], PFN0 + 17);
	HT_ASSERT_EQ(end[1], PFN0 + 19);
	HT_ASSERT_EQ(nid[1], 1);

	n = 0;
	for_each_mem_pfn_range(i, 1, &s, NULL, NULL)
		n++;
	HT_ASSERT_EQ(n, 1);
	HT_ASSERT_EQ(s, PFN0 + 17);

	n = 0;
	for_each_mem_pfn_range(i, NUMA_NO_NODE, NULL, NULL, NULL)
		n++;
	HT_ASSERT_EQ(n, 0);
}

/*
 * No memory: the placeholder region holds no page.
 *
 *  |                          |
 *  +--------------------------+
 *
 * Expect: no step at all.
 */
static void for_each_mem_pfn_range_empty_check(void)
{
	int n = 0, i;

	for_each_mem_pfn_range(i, MAX_NUMNODES, NULL, NULL, NULL)
		n++;
	HT_ASSERT_EQ(n, 0);
	HT_ASSERT_EQ(i, -1);
}

/*
 * The region holding a page frame:
 *
 *  page |0|1|2|3|..|8|9|
 *       +-n2----+  +x|-+    x: [DRAM + 32K + 8, +6K)
 *
 * Expect: node 2 and [0, 4) for pages 0..3; for page 8 (its first byte
 * is in no region) -1; for page 9, node 0 and [8, 9) (rounded down);
 * -1 and the outputs untouched for a frame past the address space.
 */
static void memblock_search_pfn_nid_check(void)
{
	unsigned long s = 7, e = 7;

	memblock_add_node(DRAM, SZ_16K, 2);
	memblock_add_node(DRAM + SZ_32K + 8, SZ_4K + SZ_2K, 0);

	HT_ASSERT_EQ(memblock_search_pfn_nid(PFN0 + 3, &s, &e), 2);
	HT_ASSERT_EQ(s, PFN0);
	HT_ASSERT_EQ(e, PFN0 + 4);
	HT_ASSERT_EQ(memblock_search_pfn_nid(PFN0 + 4, &s, &e), -1);
	HT_ASSERT_EQ(memblock_search_pfn_nid(PFN0 + 8, &s, &e), -1);
	HT_ASSERT_EQ(memblock_search_pfn_nid(PFN0 + 9, &s, &e), 0);
	HT_ASSERT_EQ(s, PFN0 + 8);
	HT_ASSERT_EQ(e, PFN0 + 9);

	/* 4.12 would shift the top bits away and find page PFN0 + 3 */
	s = e = 7;
	HT_ASSERT_EQ(memblock_search_pfn_nid((1UL << 52) + PFN0 + 3, &s, &e),
		     -1);
	HT_ASSERT_EQ(s, 7);
	HT_ASSERT_EQ(e, 7);
}

/*
 * Stepping over the holes:
 *
 *  page |0|1|..|16|17|..
 *       +-m-+  +-m--+
 *
 * Expect: 0 -> 1 (memory), 1 -> 16 (next region), capped at max_pfn;
 * max_pfn above the last region and for a frame at the top.
 */
static void memblock_next_valid_pfn_check(void)
{
	memblock_add(DRAM, SZ_8K);
	memblock_add(DRAM + SZ_64K, SZ_8K);

	HT_ASSERT_EQ(memblock_next_valid_pfn(PFN0, PFN0 + 100), PFN0 + 1);
	HT_ASSERT_EQ(memblock_next_valid_pfn(PFN0 + 1, PFN0 + 100), PFN0 + 16);
	HT_ASSERT_EQ(memblock_next_valid_pfn(PFN0 + 1, PFN0 + 10), PFN0 + 10);
	HT_ASSERT_EQ(memblock_next_valid_pfn(PFN0 - 5, PFN0 + 100), PFN0);
	HT_ASSERT_EQ(memblock_next_valid_pfn(PFN0 + 16, PFN0 + 100), PFN0 + 17);
	HT_ASSERT_EQ(memblock_next_valid_pfn(PFN0 + 17, PFN0 + 100), PFN0 + 100);
	HT_ASSERT_EQ(memblock_next_valid_pfn(ULONG_MAX, 42), 42);
	HT_ASSERT_EQ(memblock_next_valid_pfn(PHYS_PFN(PHYS_ADDR_MAX), 42), 42);
}

/*
 * Whole pages below a limit:
 *
 *  page |0|1|2|3|..|16|..|32|33|34|35|
 *        +-|-a-|-+  +s+   +----b----+
 *
 * a = [DRAM + 100, +12K) holds pages 1, 2; s is smaller than a page;
 * b = [DRAM + 128K, +16K) holds 32..35.
 *
 * Expect: 6 pages in all, 1 below page 2, 0 below page 0; s adds nothing
 * (4.12 would add -1 pages).
 */
static void memblock_mem_size_check(void)
{
	memblock_add(DRAM + 100, 3 * SZ_4K);
	memblock_add(DRAM + SZ_64K + 8, 100);
	memblock_add(DRAM + SZ_128K, SZ_16K);

	HT_ASSERT_EQ(memblock_mem_size(ULONG_MAX), 6 * SZ_4K);
	HT_ASSERT_EQ(memblock_mem_size(PFN0 + 2), SZ_4K);
	HT_ASSERT_EQ(memblock_mem_size(PFN0 + 34), 4 * SZ_4K);
	HT_ASSERT_EQ(memblock_mem_size(0), 0);
}

/*
 * Memory counts the pages a region holds whole, reserved every page it
 * touches:
 *
 *  page |0|1|2|3|
 *        +-r-|-+      r = [DRAM + 100, +8K)
 *
 * Expect: memory [1, 2), reserved [0, 3); at the top of the address space
 * the reserved end is 2^52, where 4.12's PFN_UP() wraps to 0.
 */
static void memblock_region_pfn_helpers_check(void)
{
	struct memblock_region r = { .base = DRAM + 100, .size = SZ_8K };
	struct memblock_region top = { .base = PHYS_ADDR_MAX - SZ_4K + 9,
					.size = 100 };

	HT_ASSERT_EQ(memblock_region_memory_base_pfn(&r), PFN0 + 1);
	HT_ASSERT_EQ(memblock_region_memory_end_pfn(&r), PFN0 + 2);
	HT_ASSERT_EQ(memblock_region_reserved_base_pfn(&r), PFN0);
	HT_ASSERT_EQ(memblock_region_reserved_end_pfn(&r), PFN0 + 3);
	HT_ASSERT_EQ(memblock_region_reserved_base_pfn(&top),
		     PHYS_PFN(PHYS_ADDR_MAX));
	HT_ASSERT_EQ(memblock_region_reserved_end_pfn(&top), 1ull << 52);
	HT_ASSERT_EQ(memblock_region_memory_base_pfn(&top), 1ull << 52);
	HT_ASSERT_EQ(memblock_region_memory_end_pfn(&top),
		     PHYS_PFN(PHYS_ADDR_MAX));
}

static const struct ht_case cases[] = {
	HT_CASE(for_each_mem_pfn_range_check),
	HT_CASE(for_each_mem_pfn_range_empty_check),
	HT_CASE(memblock_search_pfn_nid_check),
	HT_CASE(memblock_next_valid_pfn_check),
	HT_CASE(memblock_mem_size_check),
	HT_CASE(memblock_region_pfn_helpers_check),
};

void test_pfn_group(void)
{
	ht_run_cases("pfn", cases, HT_ARRAY_SIZE(cases));
}

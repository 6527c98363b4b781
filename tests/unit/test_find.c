// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock_find_in_range_node() and memblock_find_in_range(): top-down,
 * bottom-up, limits, filters.  A find never reserves.
 */

#include "unit.h"

static phys_addr_t find(phys_addr_t size, phys_addr_t align, phys_addr_t start,
			phys_addr_t end)
{
	return memblock_find_in_range_node(size, align, start, end,
					   NUMA_NO_NODE, MEMBLOCK_NONE);
}

/*
 * Top-down, nothing reserved:
 *
 *  |  +-----------------+--+  |
 *  |  |                 |f |  |
 *  +--+-----------------+--+--+
 *
 * Expect: the top 4K; reserved still empty.
 */
static void memblock_find_top_down_check(void)
{
	memblock_add(DRAM, SZ_1M);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_1M - SZ_4K);
	HT_EMPTY(&memblock.reserved);
}

/*
 * Never the first page: memory at 0.
 *
 *  |+----+----+---------+     |
 *  ||pg 0|rsv |         |     |
 *  +-----+----+---------+-----+
 *
 * Expect: with only page 0 free, nothing (top-down and bottom-up).
 */
static void memblock_find_first_page_check(void)
{
	memblock_add(0, SZ_16K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), SZ_16K - SZ_4K);
	memblock_reserve(SZ_4K, SZ_16K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), 0);
	HT_ASSERT_EQ(find(SZ_64, 1, 0, MEMBLOCK_ALLOC_ANYWHERE), 0);
	memblock_set_bottom_up(true);
	HT_ASSERT_EQ(find(SZ_64, 1, 0, MEMBLOCK_ALLOC_ANYWHERE), 0);
}

/*
 * MEMBLOCK_ALLOC_ACCESSIBLE (0) means memblock.current_limit; ANYWHERE
 * means no limit:
 *
 *  |  +------+--limit---------+
 *  |  |    f1|              f2|
 *  +--+------+----------------+
 *
 * Expect: f1 below the limit, f2 at the top.
 */
static void memblock_find_accessible_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_set_current_limit(DRAM + SZ_64K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ACCESSIBLE),
		     DRAM + SZ_64K - SZ_4K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_1M - SZ_4K);
}

/*
 * end below start: end becomes start, nothing fits.
 *
 *  |  +---end---start---------+
 *  +--+-----------------------+
 *
 * Expect: 0.
 */
static void memblock_find_end_below_start_check(void)
{
	memblock_add(DRAM, SZ_1M);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, DRAM + SZ_512K, DRAM + SZ_256K), 0);
}

/*
 * A gap exactly the size asked for:
 *
 *  |  +~~~~~~+----+~~~~~~+----+~~~+
 *  |  | rsv  | f1 | rsv  | f2 |rsv|
 *  +--+------+----+------+----+---+
 *
 * Expect: the gap; one byte more does not fit.  With a second exact gap
 * f2 above: top-down f2, bottom-up f1.
 */
static void memblock_find_exact_fit_check(void)
{
	memblock_add(DRAM, SZ_64K);
	memblock_reserve(DRAM, SZ_16K);
	memblock_reserve(DRAM + SZ_16K + SZ_4K, SZ_64K - SZ_16K - SZ_4K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), DRAM + SZ_16K);
	HT_ASSERT_EQ(find(SZ_4K + 1, 1, 0, MEMBLOCK_ALLOC_ANYWHERE), 0);
	/*
	 * A second exact gap higher up: top-down takes it, bottom-up the
	 * lower one (not by falling back to top-down).
	 */
	memblock_free(DRAM + SZ_32K + SZ_8K, SZ_4K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_32K + SZ_8K);
	memblock_set_bottom_up(true);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), DRAM + SZ_16K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, DRAM + SZ_16K + 1, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_32K + SZ_8K);
}

/*
 * Many gaps, few that fit: a 4K hole every 5 pages, and two 8K holes (pages
 * 22-23 and 102-103) with reserved pages on both sides:
 *
 *  |  +~~~~+ +~~+  +~~~~ .. +~~+  +~~~ .. |
 *  |  |4K| |  |8K|  |4K|    |  |8K|  |     |
 *  +--+----+-+--+--+------+-+--+--+-------+
 *
 * Expect: 8K top-down in the upper one, bottom-up in the lower one; with a
 * limit inside the upper one, top-down the lower one; 16K nowhere; 4K at
 * the very top / the first hole above the start.
 */
static void memblock_find_many_gaps_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_reserve(DRAM, SZ_1M);
	for (int page = 0; page < 256; page += 5)
		memblock_free(DRAM + page * SZ_4K, SZ_4K);
	memblock_free(DRAM + 22 * SZ_4K, SZ_8K);
	memblock_free(DRAM + 102 * SZ_4K, SZ_8K);
	HT_ASSERT_EQ(find(SZ_8K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + 102 * SZ_4K);
	HT_ASSERT_EQ(find(SZ_8K, SZ_4K, 0, DRAM + 103 * SZ_4K), DRAM + 22 * SZ_4K);
	HT_ASSERT_EQ(find(SZ_16K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), 0);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + 255 * SZ_4K);
	HT_ASSERT_EQ(find(SZ_8K, SZ_8K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + 102 * SZ_4K);
	memblock_set_bottom_up(true);
	HT_ASSERT_EQ(find(SZ_8K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + 22 * SZ_4K);
	HT_ASSERT_EQ(find(SZ_8K, SZ_4K, DRAM + 23 * SZ_4K, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + 102 * SZ_4K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, DRAM + 3 * SZ_4K, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + 5 * SZ_4K);
	/* nothing fits bottom-up above page 104: top-down from the top */
	ht_kernel_end = DRAM + 104 * SZ_4K;
	HT_ASSERT_EQ(find(SZ_8K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + 102 * SZ_4K);
}

/*
 * The alignment pushes the fit out of its gap:
 *
 *  |  +~~~~~~~+----+~~~~~~~~~~+
 *  |  |  rsv  |4K  |   rsv    |   the gap starts 2K past a 4K boundary
 *  +--+-------+----+----------+
 *
 * Expect: 4K at 4K alignment does not fit; at 2K alignment it does.
 */
static void memblock_find_align_pushes_out_check(void)
{
	memblock_add(DRAM, SZ_64K);
	memblock_reserve(DRAM, SZ_16K + SZ_2K);
	memblock_reserve(DRAM + SZ_16K + SZ_2K + SZ_4K, SZ_32K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, DRAM + SZ_16K + SZ_2K + SZ_4K + SZ_32K),
		     0);
	HT_ASSERT_EQ(find(SZ_4K, SZ_2K, 0, DRAM + SZ_16K + SZ_2K + SZ_4K + SZ_32K),
		     DRAM + SZ_16K + SZ_2K);
}

/*
 * A limit inside a region, and a region entirely above the limit:
 *
 *  |  +----------+--- end  +----+
 *  |  |        f |         | r2 |
 *  +--+----------+---------+----+
 *
 * Expect: round_down(end - size, align) inside r1; r2 ignored.
 */
static void memblock_find_limit_inside_region_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_add(DRAM + SZ_2M, SZ_1M);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, DRAM + SZ_64K + 123), DRAM + SZ_64K - SZ_4K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, DRAM + SZ_2M), DRAM + SZ_1M - SZ_4K);
}

/*
 * start above memory, or inside the only free range:
 *
 *  |  +-------start----+      |
 *  |  |        |     f |      |
 *  +--+--------+-------+------+
 *
 * Expect: a fit at or above start, else 0.
 */
static void memblock_find_start_check(void)
{
	memblock_add(DRAM, SZ_64K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, DRAM + SZ_32K, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_64K - SZ_4K);
	HT_ASSERT_EQ(find(SZ_32K + SZ_4K, SZ_4K, DRAM + SZ_32K,
			  MEMBLOCK_ALLOC_ANYWHERE), 0);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, DRAM + SZ_1M, MEMBLOCK_ALLOC_ANYWHERE), 0);
}

/*
 * Bottom-up starts above the kernel image:
 *
 *  |  +kernel-+f+-------------+
 *  +--+-------+-+-------------+
 *
 * Expect: kernel_end; with kernel_end 0, the bottom of memory.
 */
static void memblock_find_bottom_up_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_set_bottom_up(true);
	ht_kernel_end = DRAM + SZ_32K;
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), DRAM + SZ_32K);
	ht_kernel_end = 0;
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), DRAM);
	/* align rounds the start up */
	HT_ASSERT_EQ(find(SZ_4K, SZ_64K, DRAM + 1, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_64K);
}

/*
 * Bottom-up finds nothing above the kernel: fall back to top-down.
 *
 *  |  +--------------kernel+--+
 *  |  |        f           |4K|
 *  +--+--------------------+--+
 *
 * Expect: the top-down answer below the kernel.
 */
static void memblock_find_bottom_up_fallback_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_set_bottom_up(true);
	ht_kernel_end = DRAM + SZ_1M - SZ_4K;
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_1M - SZ_4K);
	HT_ASSERT_EQ(find(SZ_8K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_1M - SZ_8K);
}

/*
 * end at or below the kernel: bottom-up is not even tried.
 *
 *  |  +-------f--end---kernel-+
 *  +--+-------+---------------+
 *
 * Expect: the top-down answer below end.
 */
static void memblock_find_bottom_up_end_below_kernel_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_set_bottom_up(true);
	ht_kernel_end = DRAM + SZ_1M;
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, DRAM + SZ_512K), DRAM + SZ_512K - SZ_4K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, DRAM + SZ_1M), DRAM + SZ_1M - SZ_4K);
}

/*
 * NOMAP memory is skipped unless MEMBLOCK_NOMAP is asked for:
 *
 *  |  +--------f1+--nomap--f2+
 *  +--+----------+-----------+
 *
 * Expect: f1 without the flag, f2 with it.
 */
static void memblock_find_nomap_check(void)
{
	memblock_add(DRAM, SZ_64K);
	memblock_mark_nomap(DRAM + SZ_32K, SZ_32K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_32K - SZ_4K);
	HT_ASSERT_EQ(memblock_find_in_range_node(SZ_4K, SZ_4K, 0,
						 MEMBLOCK_ALLOC_ANYWHERE,
						 NUMA_NO_NODE, MEMBLOCK_NOMAP),
		     DRAM + SZ_64K - SZ_4K);
}

/*
 * Hotpluggable memory is skipped only with movable_node:
 *
 *  |  +--------f2+-hotplug-f1+
 *  +--+----------+-----------+
 *
 * Expect: f1 normally, f2 with movable_node.
 */
static void memblock_find_hotplug_movable_check(void)
{
	memblock_add(DRAM, SZ_64K);
	memblock_mark_hotplug(DRAM + SZ_32K, SZ_32K);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_64K - SZ_4K);
	memblock_set_movable_node(true);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_32K - SZ_4K);
}

/*
 * nid filtering:
 *
 *  |  +---- n0 ---+---- n1 ---+
 *  |  |         f0|         f1|
 *  +--+-----------+-----------+
 *
 * Expect: each node's top; 0 for node 2; NUMA_NO_NODE the overall top.
 */
static void memblock_find_nid_check(void)
{
	memblock_add_node(DRAM, SZ_64K, 0);
	memblock_add_node(DRAM + SZ_64K, SZ_64K, 1);
	HT_ASSERT_EQ(memblock_find_in_range_node(SZ_4K, SZ_4K, 0,
						 MEMBLOCK_ALLOC_ANYWHERE, 0, 0),
		     DRAM + SZ_64K - SZ_4K);
	HT_ASSERT_EQ(memblock_find_in_range_node(SZ_4K, SZ_4K, 0,
						 MEMBLOCK_ALLOC_ANYWHERE, 1, 0),
		     DRAM + SZ_128K - SZ_4K);
	HT_ASSERT_EQ(memblock_find_in_range_node(SZ_4K, SZ_4K, 0,
						 MEMBLOCK_ALLOC_ANYWHERE, 2, 0), 0);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_128K - SZ_4K);
}

/*
 * A free range does not span two memory regions, even touching ones:
 *
 *  |  +--- n0 ---+--- n1 ---+ |
 *  |  |     [ 8K fits only across ]
 *  +--+----------+----------+-+
 *
 * Expect: 0 for a size that fits only across the boundary.
 */
static void memblock_find_not_across_regions_check(void)
{
	memblock_add_node(DRAM, SZ_4K, 0);
	memblock_add_node(DRAM + SZ_4K, SZ_4K, 1);
	HT_ASSERT_EQ(find(SZ_8K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), 0);
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), DRAM + SZ_4K);
}

/*
 * Linux 4.12's __next_mem_range() treats nid MAX_NUMNODES as NUMA_NO_NODE
 * (with a "Usage of MAX_NUMNODES is deprecated" warning):
 *
 *  |  +---- n0 ---+           |
 *  |  |          f|           |
 *  +--+-----------+-----------+
 *
 * Expect: a find for MAX_NUMNODES finds node 0's memory, and so does the
 * walk.
 */
static void memblock_find_max_numnodes_check(void)
{
	phys_addr_t s, e;
	int n = 0;
	u64 i;

	memblock_add_node(DRAM, SZ_64K, 0);
	for_each_free_mem_range(i, MAX_NUMNODES, MEMBLOCK_NONE, &s, &e, NULL)
		n++;
	for_each_free_mem_range_reverse(i, MAX_NUMNODES, MEMBLOCK_NONE, &s, &e,
					NULL)
		n++;
	HT_ASSERT_EQ(n, 2);
	HT_ASSERT_EQ(memblock_alloc_nid(SZ_4K, SZ_4K, MAX_NUMNODES),
		     DRAM + SZ_64K - SZ_4K);
	HT_ASSERT_EQ(memblock_find_in_range_node(SZ_4K, SZ_4K, 0,
						 MEMBLOCK_ALLOC_ANYWHERE,
						 MAX_NUMNODES, 0),
		     DRAM + SZ_64K - SZ_8K);
}

/*
 * MEMBLOCK_MIRROR asks for mirrored memory only; memblock_find_in_range()
 * prefers it once some memory is mirrored and retries without:
 *
 *  |  +-mirror-f1+--------f2-+
 *  +--+----------+-----------+
 *
 * Expect: f1 for MIRROR; 0 when the mirror is full; find_in_range then
 * falls back to f2 and says so.
 */
static void memblock_find_mirror_check(void)
{
	memblock_add(DRAM, SZ_64K);
	HT_ASSERT_EQ(memblock_find_in_range_node(SZ_4K, SZ_4K, 0,
						 MEMBLOCK_ALLOC_ANYWHERE,
						 NUMA_NO_NODE, MEMBLOCK_MIRROR), 0);
	memblock_mark_mirror(DRAM, SZ_32K);
	HT_ASSERT_EQ(memblock_find_in_range_node(SZ_4K, SZ_4K, 0,
						 MEMBLOCK_ALLOC_ANYWHERE,
						 NUMA_NO_NODE, MEMBLOCK_MIRROR),
		     DRAM + SZ_32K - SZ_4K);
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_4K, SZ_4K),
		     DRAM + SZ_32K - SZ_4K);
	memblock_reserve(DRAM, SZ_32K);
	ht_log_clear();
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_4K, SZ_4K),
		     DRAM + SZ_64K - SZ_4K);
	HT_ASSERT(ht_log_contains("Could not allocate 0x0000000000001000 bytes of mirrored memory"));
}

/*
 * An alignment that is not a power of two is refused with a message:
 *
 *  |  +---------------------+ |
 *  +--+---------------------+-+
 *
 * Expect: 0 and a message; align 0 finds nothing either.
 */
static void memblock_find_bad_align_check(void)
{
	memblock_add(DRAM, SZ_1M);
	HT_ASSERT_EQ(find(SZ_4K, 3 * SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), 0);
	HT_ASSERT(ht_log_contains("power of two"));
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_4K, 0), 0);
	HT_EMPTY(&memblock.reserved);
}

/*
 * MEMBLOCK_ALLOC_ANYWHERE reaches the top of the address space:
 *
 *  |                  +------+|
 *  |                  |     f||  memory up to 2^64 - 1
 *  +------------------+------++
 *
 * Expect: the highest page that fits below 2^64 - 1.
 */
static void memblock_find_anywhere_top_check(void)
{
	memblock_add(ULLONG_MAX - SZ_64K + 1, SZ_64K);	/* capped by one byte */
	HT_REGIONS(&memblock.memory,
		   { ULLONG_MAX - SZ_64K + 1, SZ_64K - 1, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(find(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     ULLONG_MAX - SZ_8K + 1);
}

/*
 * size 0: 4.12's rule returns round_down(end, align) of the highest free
 * range, one past its last byte; bottom-up, the first free range that is
 * not empty once clamped.
 *
 *  |  +--+~~~~~~~~~~~+--+f    |
 *  +--+--+-----------+--+-----+
 *
 * Expect: the end of memory; bottom-up from 4K, the upper range's base.
 */
static void memblock_find_size_zero_check(void)
{
	memblock_add(DRAM, SZ_64K);
	HT_ASSERT_EQ(find(0, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE), DRAM + SZ_64K);
	/*
	 * Bottom-up, a free range clamped to nothing ([4K, 4K) here) is no
	 * fit even for 0 bytes: cand must lie below this_end.
	 */
	memblock_reserve(DRAM + SZ_4K, SZ_64K - SZ_8K);
	memblock_set_bottom_up(true);
	HT_ASSERT_EQ(find(0, SZ_4K, DRAM + SZ_4K, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_64K - SZ_4K);
	/* nor is one whose aligned start is its end: [60K + 64, 64K) */
	memblock_reset();
	memblock_add(DRAM, SZ_128K);
	memblock_reserve(DRAM, SZ_64K - SZ_4K + SZ_64);
	memblock_reserve(DRAM + SZ_64K, SZ_32K);
	memblock_set_bottom_up(true);
	HT_ASSERT_EQ(find(0, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_64K + SZ_32K);
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_find_top_down_check),
	HT_CASE(memblock_find_first_page_check),
	HT_CASE(memblock_find_accessible_check),
	HT_CASE(memblock_find_end_below_start_check),
	HT_CASE(memblock_find_exact_fit_check),
	HT_CASE(memblock_find_many_gaps_check),
	HT_CASE(memblock_find_align_pushes_out_check),
	HT_CASE(memblock_find_limit_inside_region_check),
	HT_CASE(memblock_find_start_check),
	HT_CASE(memblock_find_bottom_up_check),
	HT_CASE(memblock_find_bottom_up_fallback_check),
	HT_CASE(memblock_find_bottom_up_end_below_kernel_check),
	HT_CASE(memblock_find_nomap_check),
	HT_CASE(memblock_find_hotplug_movable_check),
	HT_CASE(memblock_find_nid_check),
	HT_CASE(memblock_find_not_across_regions_check),
	HT_CASE(memblock_find_max_numnodes_check),
	HT_CASE(memblock_find_mirror_check),
	HT_CASE(memblock_find_bad_align_check),
	HT_CASE(memblock_find_anywhere_top_check),
	HT_CASE(memblock_find_size_zero_check),
};

void test_find_group(void)
{
	ht_run_cases("find", cases, HT_ARRAY_SIZE(cases));
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The gap index (mm/gaptree.c): its pool follows the reserved array and is
 * reserved from memblock, the footprint makes every strategy see the same
 * map, memblock_regions_changed() revalidates it after direct writes, and
 * memblock_gaptree_check() notices an index that disagrees with the array.
 * Every case runs under every combination; some only mean something under
 * gaptree and say so.  The simulated RAM is [DRAM, DRAM + 16M).
 */

#include "unit.h"

#define RAM_SIZE	SZ_16M
#define POOL_12K	(SZ_8K + SZ_4K)	/* PAGE_ALIGN(258 nodes * 40) */
#define POOL_24K	(SZ_16K + SZ_8K)	/* PAGE_ALIGN(514 nodes * 40) */

static bool gaptree(void)
{
	return memblock_get_find_strategy() == MEMBLOCK_FIND_GAPTREE;
}

/* RAM, resizing allowed, and @n separate 64-byte reservations at its bottom */
static void spread(int n)
{
	ht_ram_map(DRAM, RAM_SIZE);
	memblock_add(DRAM, RAM_SIZE);
	memblock_allow_resize();
	for (int i = 0; i < n; i++)
		HT_ASSERT_EQ(memblock_reserve(DRAM + i * SZ_4K, SZ_64), 0);
}

/* Is all of [@base, @base + @size) reserved? */
static bool all_reserved(phys_addr_t base, phys_addr_t size)
{
	int i = memblock_search(&memblock.reserved, base);

	return i >= 0 &&
	       memblock.reserved.regions[i].base +
	       memblock.reserved.regions[i].size >= base + size;
}

/*
 * The pool follows the reserved array through two doublings:
 *
 *  |+~+ +~+ ... (129, then 385)  +pool+~arr~+|
 *  ++-+-+-+---------------------+----+-----++
 *
 * Expect, under gaptree: no reservation while the array is static; after
 * the first doubling a 12K pool, reserved; after the second a 24K one and
 * the 12K one given back; the pool freed when gaptree is left.  Under
 * the other find strategies: no pool at all.
 */
static void gaptree_pool_follows_reserved_check(void)
{
	phys_addr_t base, size, first_base;

	spread(INIT_MEMBLOCK_REGIONS);
	HT_ASSERT(!memblock_gaptree_pool(NULL, NULL));
	HT_ASSERT_EQ(memblock_find_in_range(0, DRAM + RAM_SIZE, SZ_4K, SZ_4K),
		     DRAM + RAM_SIZE - SZ_4K);

	HT_ASSERT_EQ(memblock_reserve(DRAM + 200 * SZ_4K, SZ_64), 0);
	HT_ASSERT_EQ(memblock.reserved.max, 2 * INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock_gaptree_pool(&base, &size), gaptree());
	if (!gaptree()) {
		HT_ASSERT_EQ(memblock_gaptree_bytes(), 0);
		return;
	}
	HT_ASSERT_EQ(size, POOL_12K);
	HT_ASSERT_EQ(memblock_gaptree_bytes(), POOL_12K);
	HT_ASSERT(all_reserved(base, size));
	first_base = base;
	HT_CHECK_INVARIANTS();

	for (int i = 0; i < 2 * INIT_MEMBLOCK_REGIONS; i++)
		HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_1M + i * SZ_4K, SZ_64), 0);
	HT_ASSERT_EQ(memblock.reserved.max, 4 * INIT_MEMBLOCK_REGIONS);
	HT_ASSERT(memblock_gaptree_pool(&base, &size));
	HT_ASSERT_EQ(size, POOL_24K);
	HT_ASSERT(all_reserved(base, size));
	HT_ASSERT(!memblock_is_region_reserved(first_base, POOL_12K));
	HT_CHECK_INVARIANTS();

	memblock_set_find_strategy(MEMBLOCK_FIND_BINARY);
	HT_ASSERT(!memblock_gaptree_pool(NULL, NULL));
	HT_ASSERT(!memblock_is_region_reserved(base, size));
	HT_CHECK_INVARIANTS();
}

/*
 * With the footprint, the pool is there whatever the find strategy, at
 * the same place, and allocations land at the same addresses:
 *
 * Expect: after a doubling, a 12K pool reserved right below the array
 * under every combination, and the next allocation right below the pool.
 */
static void gaptree_footprint_same_map_check(void)
{
	phys_addr_t top = DRAM + RAM_SIZE, base, size;

	memblock_set_index_footprint(true);
	spread(INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock_reserve(top - SZ_4K, SZ_4K), 0);
	HT_ASSERT(memblock_gaptree_pool(&base, &size));
	HT_ASSERT_EQ(memblock_virt_to_phys(memblock.reserved.regions),
		     top - SZ_4K - SZ_8K);
	HT_ASSERT_EQ(base, top - SZ_4K - SZ_8K - POOL_12K);
	HT_ASSERT_EQ(size, POOL_12K);
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), base - SZ_4K);
	HT_CHECK_INVARIANTS();
	memblock_set_index_footprint(false);
	HT_ASSERT_EQ(memblock_gaptree_pool(NULL, NULL), gaptree());
	HT_CHECK_INVARIANTS();
}

/*
 * Writing the arrays directly and saying so:
 *
 *  |  +~~r0~~+   +~r1~+        |   r1 moved up by hand
 *  +--+------+---+----+--------+
 *
 * Expect: after memblock_regions_changed() the index agrees with the
 * array again and a search sees the new gap.  Under gaptree, without the
 * call, memblock_gaptree_check() finds the disagreement.
 */
static void gaptree_regions_changed_check(void)
{
	struct memblock_region *r;

	memblock_add(DRAM, SZ_1M);
	memblock_reserve(DRAM + SZ_64K, SZ_64K);
	memblock_reserve(DRAM + SZ_256K, SZ_64K);
	/* the top-down search builds the index */
	HT_ASSERT_EQ(memblock_find_in_range(DRAM, DRAM + SZ_256K, SZ_128K,
					    SZ_4K), DRAM + SZ_128K);

	r = &memblock.reserved.regions[1];
	r->base = DRAM + SZ_512K;
	HT_ASSERT_EQ(memblock_gaptree_check() != 0, gaptree());
	memblock_regions_changed();
	HT_ASSERT_EQ(memblock_gaptree_check(), 0);
	HT_ASSERT_EQ(memblock_find_in_range(DRAM, DRAM + SZ_512K, SZ_256K,
					    SZ_4K), DRAM + SZ_256K);
	HT_CHECK_INVARIANTS();
}

/*
 * A region whose node slot is overwritten:
 *
 * Expect: memblock_gaptree_check() says the index is wrong (under
 * gaptree, once built), and nothing else is.
 */
static void gaptree_check_detects_corruption_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_reserve(DRAM + SZ_64K, SZ_4K);
	memblock_reserve(DRAM + SZ_128K, SZ_4K);
	memblock_find_in_range(0, DRAM + SZ_1M, SZ_4K, SZ_4K);
	HT_ASSERT_EQ(memblock_gaptree_check(), 0);
	memblock.reserved.regions[0].gap_node =
		memblock.reserved.regions[1].gap_node;
	HT_ASSERT_EQ(memblock_gaptree_check() != 0, gaptree());
	memblock_regions_changed();
	HT_ASSERT_EQ(memblock_gaptree_check(), 0);
}

/*
 * No room for the pool: once the doubled array (8K) has taken its place,
 * 8K of free memory is left, less than the 12K pool, and the 64-byte
 * reservations leave only gaps under a page between them.
 *
 *  |+~+ +~+ ... (126) +~~~~~~~~~~~~~~~~~~~+ free 16K +~~~|
 *
 * Expect: the array doubles, gaptree says once that it searches without
 * its index, and the searches still find what 4.12 finds.
 */
static void gaptree_no_room_for_pool_check(void)
{
	phys_addr_t top = DRAM + RAM_SIZE;
	phys_addr_t bottom = DRAM + (INIT_MEMBLOCK_REGIONS - 2) * SZ_4K;

	spread(INIT_MEMBLOCK_REGIONS - 2);
	HT_ASSERT_EQ(memblock_reserve(bottom, top - SZ_32K - bottom), 0);
	HT_ASSERT_EQ(memblock_reserve(top - SZ_16K, SZ_16K), 0);
	HT_ASSERT_EQ(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_2K, SZ_64), 0);
	HT_ASSERT_EQ(memblock.reserved.max, 2 * INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock_virt_to_phys(memblock.reserved.regions),
		     top - SZ_16K - SZ_8K);
	HT_ASSERT(!memblock_gaptree_pool(NULL, NULL));
	HT_ASSERT_EQ(ht_log_contains("no room for the gap index"), gaptree());
	HT_ASSERT_EQ(memblock_find_in_range(0, top, SZ_4K, SZ_4K),
		     top - SZ_32K + SZ_4K);
	HT_ASSERT_EQ(memblock_find_in_range(0, top, SZ_16K, SZ_4K), 0);
	HT_CHECK_INVARIANTS();
}

/*
 * The same, under the footprint (every strategy keeps the pool), then room
 * freed and the find strategy switched:
 *
 * Expect: no pool under any strategy, and the switch reserves nothing: a
 * run that switches keeps the map of one that does not (the pool waits
 * for the array's next doubling).
 */
static void gaptree_footprint_switch_reserves_nothing_check(void)
{
	phys_addr_t top = DRAM + RAM_SIZE;
	phys_addr_t bottom = DRAM + (INIT_MEMBLOCK_REGIONS - 2) * SZ_4K;
	phys_addr_t reserved;
	unsigned long cnt;

	memblock_set_index_footprint(true);
	spread(INIT_MEMBLOCK_REGIONS - 2);
	HT_ASSERT_EQ(memblock_reserve(bottom, top - SZ_32K - bottom), 0);
	HT_ASSERT_EQ(memblock_reserve(top - SZ_16K, SZ_16K), 0);
	HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_2K, SZ_64), 0);
	HT_ASSERT_EQ(memblock.reserved.max, 2 * INIT_MEMBLOCK_REGIONS);
	HT_ASSERT(!memblock_gaptree_pool(NULL, NULL));
	HT_ASSERT(ht_log_contains("no room for the gap index"));
	HT_ASSERT_EQ(memblock_free(bottom, SZ_1M), 0);
	reserved = memblock.reserved.total_size;
	cnt = memblock.reserved.cnt;
	memblock_set_find_strategy((memblock_get_find_strategy() + 1) %
				   MEMBLOCK_FIND_NR);
	HT_ASSERT_EQ(memblock.reserved.total_size, reserved);
	HT_ASSERT_EQ(memblock.reserved.cnt, cnt);
	HT_ASSERT(!memblock_gaptree_pool(NULL, NULL));
	memblock_set_index_footprint(false);
	HT_CHECK_INVARIANTS();
}

/*
 * With the default, gaptree builds its index only once a walk has visited
 * 8 free ranges without a fit:
 *
 *  |+~+ +~+ ... (16 gaps of 3K)      big gap at the bottom |
 *
 * Expect: a 2K request (the first gap below the top fits) builds nothing;
 * a 16K request walks past 8 small gaps, and then, under gaptree only,
 * the index is built (memblock=debug says so) and finds what 4.12 finds.
 */
static void gaptree_built_when_walks_run_long_check(void)
{
	phys_addr_t top = DRAM + SZ_1M;

	memblock_set_gaptree_build_after(8);
	memblock_set_debug(true);
	memblock_add(DRAM, SZ_1M);
	for (int i = 0; i < 16; i++)
		memblock_reserve(top - (i + 1) * SZ_4K, SZ_1K);
	HT_ASSERT_EQ(memblock_find_in_range(0, top, SZ_2K, SZ_1K),
		     top - SZ_2K);
	HT_ASSERT(!ht_log_contains("gap index built"));
	HT_ASSERT_EQ(memblock_find_in_range(0, top, SZ_16K, SZ_4K),
		     top - 16 * SZ_4K - SZ_16K);
	HT_ASSERT_EQ(ht_log_contains("memblock: gap index built over 17 gaps"),
		     gaptree());
	HT_CHECK_INVARIANTS();
}

/*
 * Linux's own test suite resets the arrays by hand and does not know
 * about memblock_regions_changed():
 *
 *  |  +~r0~+  +~r1~+   +~r2~+  |   memset, cnt = 1, then the same again
 *
 * Expect: no hang and no reserved memory handed out; the same addresses
 * under every strategy, the second time as the first; under gaptree one
 * line saying the index no longer matched and was rebuilt.
 */
static void gaptree_arrays_reset_by_hand_check(void)
{
	for (int round = 0; round < 2; round++) {
		struct memblock_type *rsv = &memblock.reserved;

		memset(rsv->regions, 0, rsv->max * sizeof(*rsv->regions));
		rsv->cnt = 1;
		rsv->total_size = 0;
		memblock_add(DRAM, SZ_1M);
		memblock_reserve(DRAM + SZ_64K, SZ_4K);
		memblock_reserve(DRAM + SZ_256K, SZ_4K);
		memblock_reserve(DRAM + SZ_512K, SZ_4K);
		HT_ASSERT_EQ(memblock_alloc(SZ_128K, SZ_4K), DRAM + SZ_1M - SZ_128K);
		HT_ASSERT_EQ(memblock_alloc(SZ_256K, SZ_4K), DRAM + SZ_512K + SZ_128K);
		HT_ASSERT_EQ(memblock_free(DRAM + SZ_64K, SZ_4K), 0);
		HT_ASSERT_EQ(memblock_alloc(SZ_128K, SZ_4K), DRAM + SZ_256K + SZ_128K);
		HT_CHECK_INVARIANTS();
	}
	HT_ASSERT_EQ(ht_log_contains("no longer matches the reserved array"),
		     gaptree());
}

/*
 * A 0-byte search bottom-up while gaptree still walks (its index not yet
 * built), through more free ranges than the walk's budget, none of which
 * holds an address aligned to 1K below its end:
 *
 *  |+~~~~+ +~~~~+ ... (16 regions, 512-byte gaps below each 4K)  |
 *
 * Expect: the walk answers (the index does not serve 0 bytes), as under
 * every strategy: nothing bottom-up in [DRAM, DRAM + 64K), so 4.12's
 * top-down retry, which takes the 0 bytes at its end; and DRAM + 64K in
 * [DRAM, DRAM + 1M).
 */
static void gaptree_size0_bottom_up_walks_check(void)
{
	memblock_set_gaptree_build_after(8);
	memblock_add(DRAM, SZ_1M);
	for (int i = 0; i < 16; i++)
		memblock_reserve(DRAM + i * SZ_4K, SZ_4K - SZ_512);
	memblock_set_bottom_up(true);
	HT_ASSERT_EQ(memblock_find_in_range(DRAM, DRAM + SZ_64K, 0, SZ_1K),
		     DRAM + SZ_64K);
	HT_ASSERT_EQ(memblock_find_in_range(DRAM, DRAM + SZ_1M, 0, SZ_1K),
		     DRAM + SZ_64K);
	HT_CHECK_INVARIANTS();
}

/*
 * A bottom-up search whose alignment wraps past the top of the address
 * space in the first free range that could hold it:
 *
 *  |+r+  ...  +r+ [DRAM, +16M) ...  [2^63 + 64K, +64K) +r+ |
 *
 * Expect: 0 under every strategy, as 4.12's walk returns at that range
 * (round_up() gives 0); the index, whose answer it is too, is not
 * distrusted for it: no "no longer matches" line.
 */
static void gaptree_bottom_up_align_wraps_check(void)
{
	const phys_addr_t high = (phys_addr_t)1 << 63;

	memblock_set_gaptree_build_after(0);
	memblock_add(DRAM, RAM_SIZE);
	memblock_add(high + SZ_64K, SZ_64K);
	memblock_reserve(SZ_4K, SZ_8K);
	memblock_reserve(DRAM, SZ_4K);
	memblock_reserve(high + 3 * SZ_64K, SZ_4K);
	memblock_set_bottom_up(true);
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_8K,
					    high), 0);
	HT_ASSERT(!ht_log_contains("no longer matches"));
	HT_CHECK_INVARIANTS();
}

static const struct ht_case cases[] = {
	HT_CASE(gaptree_pool_follows_reserved_check),
	HT_CASE(gaptree_footprint_same_map_check),
	HT_CASE(gaptree_regions_changed_check),
	HT_CASE(gaptree_check_detects_corruption_check),
	HT_CASE(gaptree_no_room_for_pool_check),
	HT_CASE(gaptree_footprint_switch_reserves_nothing_check),
	HT_CASE(gaptree_built_when_walks_run_long_check),
	HT_CASE(gaptree_arrays_reset_by_hand_check),
	HT_CASE(gaptree_size0_bottom_up_walks_check),
	HT_CASE(gaptree_bottom_up_align_wraps_check),
};

void test_gaptree_group(void)
{
	ht_run_cases("gaptree", cases, HT_ARRAY_SIZE(cases));
}

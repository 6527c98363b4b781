// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock_double_array(): after memblock_allow_resize(), a full array moves
 * into twice the room, allocated from memblock itself (page-aligned, found
 * with memblock_find_in_range), reserved, the old one freed unless static.
 * The simulated RAM here is [DRAM, DRAM + 16M), so that __va() works.
 */

#include "unit.h"

#define RAM_SIZE	SZ_16M
#define ARRAY_8K	SZ_8K	/* PAGE_ALIGN(256 * sizeof(region)) */
#define ARRAY_16K	SZ_16K	/* PAGE_ALIGN(512 * sizeof(region)) */
#define POOL_12K	(SZ_8K + SZ_4K)	/* PAGE_ALIGN(258 * 40): the gap index */

static void ram(void)
{
	ht_ram_map(DRAM, RAM_SIZE);
}

/* @n separate 64-byte memory regions in [DRAM, DRAM + 1M) */
static void add_small_regions(int n)
{
	for (int i = 0; i < n; i++)
		HT_ASSERT_EQ(memblock_add(DRAM + i * SZ_4K, SZ_64), 0);
}

/*
 * The memory array doubles on its 129th region:
 *
 *  | +-+ +-+ ... (128)     +big memory+~arr~+|
 *  +-+-+-+-+---------------+----------+-----++
 *
 * Expect: max 256, the array now at the top 8K of memory (top-down,
 * page-aligned), that 8K reserved, every region kept, 129 regions.
 */
static void memblock_double_array_memory_check(void)
{
	phys_addr_t arr = DRAM + RAM_SIZE - ARRAY_8K;

	ram();
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_4M, RAM_SIZE - SZ_4M), 0);
	add_small_regions(INIT_MEMBLOCK_REGIONS - 1);
	HT_ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	memblock_allow_resize();
	memblock_set_debug(true);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_2M, SZ_64), 0);
	HT_ASSERT_EQ(memblock.memory.max, 2 * INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS + 1);
	HT_ASSERT(memblock.memory.regions == memblock_phys_to_virt(arr));
	HT_ASSERT_EQ(memblock_virt_to_phys(memblock.memory.regions), arr);
	HT_REGIONS(&memblock.reserved, { arr, ARRAY_8K, 0, MAX_NUMNODES });
	HT_ASSERT(ht_log_contains("memblock: memory is doubled to 256 at [0x80ffe000-0x80ffffff]"));
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS - 1; i++)
		HT_ASSERT_EQ(memblock.memory.regions[i].base, DRAM + i * SZ_4K);
	HT_ASSERT_EQ(memblock.memory.regions[INIT_MEMBLOCK_REGIONS - 1].base,
		     DRAM + SZ_2M);
	HT_ASSERT_EQ(memblock.memory.regions[INIT_MEMBLOCK_REGIONS].base,
		     DRAM + SZ_4M);
	HT_CHECK_INVARIANTS();
	/* allocations now come from below the array */
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), arr - SZ_4K);
}

/*
 * The reserved array doubles inside memblock_reserve() and avoids the range
 * being reserved: nothing above it, so the new array goes right below.
 *
 *  |  +~+ +~+ ... (128)  +----------+~arr~+~new~+|
 *  +--+-+-+-+------------+----------+-----+-----++
 *
 * Expect: the array at [top - 4K - 8K, top - 4K), merged with the new
 * reservation into one region; max 256.  Under gaptree, the gap index's
 * pool (258 nodes of 40 bytes: 12K) follows the array, right below it, and
 * merges with it too.
 */
static void memblock_double_array_reserved_check(void)
{
	phys_addr_t top = DRAM + RAM_SIZE;
	phys_addr_t pool = memblock_get_find_strategy() ==
			   MEMBLOCK_FIND_GAPTREE ? POOL_12K : 0;

	ram();
	memblock_add(DRAM, RAM_SIZE);
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		HT_ASSERT_EQ(memblock_reserve(DRAM + i * SZ_4K, SZ_64), 0);
	memblock_allow_resize();
	HT_ASSERT_EQ(memblock_reserve(top - SZ_4K, SZ_4K), 0);
	HT_ASSERT_EQ(memblock.reserved.max, 2 * INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock_virt_to_phys(memblock.reserved.regions),
		     top - SZ_4K - ARRAY_8K);
	HT_ASSERT_EQ(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS + 1);
	HT_ASSERT_EQ(memblock.reserved.regions[INIT_MEMBLOCK_REGIONS].base,
		     top - SZ_4K - ARRAY_8K - pool);
	HT_ASSERT_EQ(memblock.reserved.regions[INIT_MEMBLOCK_REGIONS].size,
		     ARRAY_8K + SZ_4K + pool);
	HT_CHECK_INVARIANTS();
}

/*
 * The reserved array doubles inside an allocation (memblock_alloc ->
 * memblock_reserve): the new array avoids the block just found.
 *
 *  |  +~+ ... (128) +------+~arr~+~a~+|
 *  +--+-+-----------+------+-----+---++
 *
 * Expect: a at the top, the array right below it.
 */
static void memblock_double_array_in_alloc_check(void)
{
	phys_addr_t top = DRAM + RAM_SIZE;

	ram();
	memblock_add(DRAM, RAM_SIZE);
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_reserve(DRAM + i * SZ_4K, SZ_64);
	memblock_allow_resize();
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), top - SZ_4K);
	HT_ASSERT_EQ(memblock_virt_to_phys(memblock.reserved.regions),
		     top - SZ_4K - ARRAY_8K);
	HT_CHECK_INVARIANTS();
}

/*
 * Doubling twice: the second doubling frees the first (dynamic) array and
 * reserves a 16K one.
 *
 *  | +-+ ... (256) +------+~16K~+..8K..|
 *  +-+-+-----------+------+-----+------+
 *
 * Expect: max 512; the old 8K array is no longer reserved.
 */
static void memblock_double_array_twice_check(void)
{
	phys_addr_t top = DRAM + RAM_SIZE;

	ram();
	memblock_add(DRAM + SZ_4M, RAM_SIZE - SZ_4M);
	memblock_allow_resize();
	add_small_regions(2 * INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock.memory.max, 4 * INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock.memory.cnt, 2 * INIT_MEMBLOCK_REGIONS + 1);
	/* first array at [top - 8K, top); second below it, 16K */
	HT_ASSERT_EQ(memblock_virt_to_phys(memblock.memory.regions),
		     top - ARRAY_8K - ARRAY_16K);
	HT_REGIONS(&memblock.reserved,
		   { top - ARRAY_8K - ARRAY_16K, ARRAY_16K, 0, MAX_NUMNODES });
	HT_ASSERT(!memblock_is_reserved(top - ARRAY_8K));
	HT_CHECK_INVARIANTS();
}

/*
 * No room for the new array: -ENOMEM with 4.12's message, arrays intact.
 *
 *  | +-+ +-+ ... (128), all 64-byte regions, no free page |
 *  +-+-+-+-+----------------------------------------------+
 *
 * Expect: -ENOMEM, "Failed to double memory array from 128 to 256 entries".
 */
static void memblock_double_array_no_room_check(void)
{
	ram();
	add_small_regions(INIT_MEMBLOCK_REGIONS);
	memblock_allow_resize();
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_2M, SZ_64), -ENOMEM);
	HT_ASSERT(ht_log_contains("memblock: Failed to double memory array from 128 to 256 entries !"));
	HT_ASSERT_EQ(memblock.memory.max, INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	HT_EMPTY(&memblock.reserved);
	HT_CHECK_INVARIANTS();
}

/*
 * Isolation doubles too, even when nothing is split (cnt + 2 > max):
 *
 *  | +-+ ... (127) +big memory +~arr~+|
 *  +-+-+-----------+-----------+-----++
 *
 * Expect: memblock_remove of a whole region succeeds and the array has
 * doubled.
 */
static void memblock_double_array_isolate_check(void)
{
	ram();
	memblock_add(DRAM + SZ_4M, RAM_SIZE - SZ_4M);
	add_small_regions(INIT_MEMBLOCK_REGIONS - 2);
	HT_ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS - 1);
	memblock_allow_resize();
	HT_ASSERT_EQ(memblock_remove(DRAM, SZ_64), 0);
	HT_ASSERT_EQ(memblock.memory.max, 2 * INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS - 2);
	HT_REGIONS(&memblock.reserved,
		   { DRAM + RAM_SIZE - ARRAY_8K, ARRAY_8K, 0, MAX_NUMNODES });
}

/*
 * The arrays respect memblock.current_limit:
 *
 *  | +-+ ... (128) +--+~arr~+--limit----------+|
 *  +-+-+-----------+--+-----+-----------------++
 *
 * Expect: the new array ends at the limit.
 */
static void memblock_double_array_limit_check(void)
{
	ram();
	memblock_add(DRAM + SZ_4M, RAM_SIZE - SZ_4M);
	add_small_regions(INIT_MEMBLOCK_REGIONS - 1);
	memblock_set_current_limit(DRAM + SZ_8M);
	memblock_allow_resize();
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_2M, SZ_64), 0);
	HT_ASSERT_EQ(memblock_virt_to_phys(memblock.memory.regions),
		     DRAM + SZ_8M - ARRAY_8K);
}

/*
 * get_allocated_memblock_*_regions_info() tell where a doubled array lives
 * and how much it reserved; a static array reports nothing.
 *
 *  | +-+ ... (128)  +big memory +~arr~+|
 *  +-+-+------------+-----------+-----++
 *
 * Expect: 0 and the address untouched for both static arrays; after the
 * memory array doubles, its physical address and 8K.
 */
static void get_allocated_memblock_regions_info_check(void)
{
	phys_addr_t addr = 1;

	ram();
	HT_ASSERT_EQ(get_allocated_memblock_memory_regions_info(&addr), 0);
	HT_ASSERT_EQ(get_allocated_memblock_reserved_regions_info(&addr), 0);
	HT_ASSERT_EQ(addr, 1);
	memblock_add(DRAM + SZ_4M, RAM_SIZE - SZ_4M);
	add_small_regions(INIT_MEMBLOCK_REGIONS - 1);
	memblock_allow_resize();
	HT_ASSERT_EQ(memblock.memory.max, INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_2M, SZ_64), 0);
	HT_ASSERT_EQ(get_allocated_memblock_memory_regions_info(&addr),
		     ARRAY_8K);
	HT_ASSERT_EQ(addr, DRAM + RAM_SIZE - ARRAY_8K);
	addr = 1;
	HT_ASSERT_EQ(get_allocated_memblock_reserved_regions_info(&addr), 0);
	HT_ASSERT_EQ(addr, 1);
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_double_array_memory_check),
	HT_CASE(memblock_double_array_reserved_check),
	HT_CASE(memblock_double_array_in_alloc_check),
	HT_CASE(memblock_double_array_twice_check),
	HT_CASE(memblock_double_array_no_room_check),
	HT_CASE(memblock_double_array_isolate_check),
	HT_CASE(memblock_double_array_limit_check),
	HT_CASE(get_allocated_memblock_regions_info_check),
};

void test_double_group(void)
{
	ht_run_cases("double", cases, HT_ARRAY_SIZE(cases));
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Bad input gets a defined outcome and never corrupts the arrays: size 0,
 * ranges that would wrap past 2^64 - 1 (memblock_cap_size()), impossible
 * requests, alignments that are not powers of two, arrays that cannot grow.
 */

#include "unit.h"

/*
 * Size 0 everywhere:
 *
 *  |  +------+~~+             |
 *  +--+------+--+-------------+
 *
 * Expect: every call returns 0 and changes nothing.
 */
static void memblock_size_zero_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_reserve(DRAM, SZ_4K);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_2M, 0), 0);
	HT_ASSERT_EQ(memblock_add_node(DRAM + SZ_2M, 0, 1), 0);
	HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_8K, 0), 0);
	HT_ASSERT_EQ(memblock_remove(DRAM, 0), 0);
	HT_ASSERT_EQ(memblock_free(DRAM, 0), 0);
	HT_ASSERT_EQ(memblock_mark_hotplug(DRAM, 0), 0);
	HT_ASSERT_EQ(memblock_mark_mirror(DRAM, 0), 0);
	HT_ASSERT_EQ(memblock_mark_nomap(DRAM, 0), 0);
	HT_ASSERT_EQ(memblock_set_node(DRAM, 0, &memblock.memory, 1), 0);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_1M, 0, MAX_NUMNODES });
	HT_REGIONS(&memblock.reserved, { DRAM, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * base + size past 2^64 - 1 is clipped to end at 2^64 - 1:
 *
 *  |                   +-----+|
 *  |                   | r1  ||-> 2^64
 *  +-------------------+-----++
 *
 * Expect: regions ending exactly at ULLONG_MAX; base ULLONG_MAX gives size
 * 0 (nothing); removing and freeing with huge sizes clip the same way.
 */
static void memblock_cap_size_check(void)
{
	phys_addr_t top = ULLONG_MAX - SZ_4K + 1;	/* 0xfffffffffffff000 */

	HT_ASSERT_EQ(memblock_add(top, SZ_8K), 0);
	HT_REGIONS(&memblock.memory, { top, SZ_4K - 1, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_reserve(top + SZ_2K, ULLONG_MAX), 0);
	HT_REGIONS(&memblock.reserved,
		   { top + SZ_2K, SZ_2K - 1, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_add(ULLONG_MAX, 1), 0);
	HT_ASSERT_EQ(memblock_reserve(ULLONG_MAX, SZ_4K), 0);
	HT_REGIONS(&memblock.memory, { top, SZ_4K - 1, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_mark_nomap(top + SZ_1K, ULLONG_MAX), 0);
	HT_REGIONS(&memblock.memory, { top, SZ_1K, 0, MAX_NUMNODES },
		   { top + SZ_1K, SZ_4K - SZ_1K - 1, MEMBLOCK_NOMAP,
		     MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_free(top + SZ_2K + SZ_1K, ULLONG_MAX), 0);
	HT_REGIONS(&memblock.reserved, { top + SZ_2K, SZ_1K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(memblock_remove(0, ULLONG_MAX), 0);
	HT_EMPTY(&memblock.memory);
}

/*
 * A request larger than all memory:
 *
 *  |  +------+                |
 *  |  | 1M   |  want 2M       |
 *  +--+------+----------------+
 *
 * Expect: 0 from finds and inner allocations, a panic naming 2M from
 * memblock_alloc(); nothing reserved.
 */
static void memblock_too_large_check(void)
{
	memblock_add(DRAM, SZ_1M);
	HT_ASSERT_EQ(memblock_find_in_range(0, MEMBLOCK_ALLOC_ANYWHERE, SZ_2M, SZ_4K), 0);
	HT_ASSERT_EQ(memblock_alloc_nid(SZ_2M, 0, NUMA_NO_NODE), 0);
	HT_ASSERT_EQ(memblock_alloc_range(ULLONG_MAX, 0, 0, MEMBLOCK_ALLOC_ANYWHERE, 0), 0);
	HT_ASSERT_PANIC(memblock_alloc(SZ_2M, 0),
			"ERROR: Failed to allocate 0x0000000000200000 bytes below 0x0000000000000000.\n");
	HT_EMPTY(&memblock.reserved);
}

/*
 * An alignment that is not a power of two: refused with a message naming
 * the request; through memblock_alloc() that is the usual panic.
 *
 *  |  +----------------+      |
 *  +--+----------------+------+
 *
 * Expect: 0 / panic, the log names the alignment, nothing reserved.
 */
static void memblock_bad_align_check(void)
{
	memblock_add(DRAM, SZ_1M);
	HT_ASSERT_EQ(memblock_alloc_range(SZ_4K, 96, 0, MEMBLOCK_ALLOC_ANYWHERE, 0), 0);
	HT_ASSERT(ht_log_contains("0x60"));
	HT_ASSERT_PANIC(memblock_alloc(SZ_4K, 3),
			"ERROR: Failed to allocate 0x0000000000001000 bytes below 0x0000000000000000.\n");
	HT_EMPTY(&memblock.reserved);
}

/*
 * Arrays that cannot grow (no memblock_allow_resize()): the 129th region is
 * refused with -ENOMEM; so is an add that would merge into a neighbour
 * (4.12 counts the insertion before merging); an add inside an existing
 * region needs no room and works.
 *
 *  |  +-+ +-+ +-+ ... +-+ (128) + one more |
 *  +--+-+-+-+-+-+-----+-+------------------+
 *
 * Expect: -ENOMEM, arrays valid and unchanged.
 */
static void memblock_add_full_check(void)
{
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		HT_ASSERT_EQ(memblock_add(DRAM + i * SZ_8K, SZ_4K), 0);
	HT_ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_16M, SZ_4K), -ENOMEM);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_4K, SZ_4K), -ENOMEM);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_1K, SZ_1K), 0);
	HT_ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock_phys_mem_size(), INIT_MEMBLOCK_REGIONS * SZ_4K);
	HT_CHECK_INVARIANTS();
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		HT_ASSERT_EQ(memblock.memory.regions[i].base, DRAM + i * SZ_8K);
	/* reserved fills the same way */
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		HT_ASSERT_EQ(memblock_reserve(DRAM + i * SZ_8K, SZ_4K), 0);
	HT_ASSERT_EQ(memblock_reserve(DRAM + SZ_16M, SZ_4K), -ENOMEM);
	HT_ASSERT_EQ(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	HT_CHECK_INVARIANTS();
}

/*
 * 4.12's isolate wants room for two more regions before it looks, even
 * when nothing needs splitting: with 127 regions, remove/free/mark/set_node
 * fail with -ENOMEM; with 126 they work.
 *
 *  |  +-+ +-+ ... +-+ (127)   |
 *  +--+-+-+-+-----+-+---------+
 *
 * Expect: -ENOMEM at 127 regions, success at 126.
 */
static void memblock_isolate_full_check(void)
{
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS - 1; i++)
		memblock_add(DRAM + i * SZ_8K, SZ_4K);
	HT_ASSERT_EQ(memblock_remove(DRAM, SZ_4K), -ENOMEM);
	HT_ASSERT_EQ(memblock_mark_hotplug(DRAM, SZ_4K), -ENOMEM);
	HT_ASSERT_EQ(memblock_set_node(DRAM, SZ_4K, &memblock.memory, 1), -ENOMEM);
	HT_ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS - 1);
	HT_ASSERT_EQ(memblock.memory.regions[0].nid, MAX_NUMNODES);
	HT_ASSERT_EQ(memblock_add(DRAM + SZ_16M, SZ_4K), 0);	/* 128 */
	HT_ASSERT_EQ(memblock_remove(DRAM + SZ_16M, SZ_4K), -ENOMEM);
	memblock_reset();
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS - 2; i++)
		memblock_add(DRAM + i * SZ_8K, SZ_4K);
	HT_ASSERT_EQ(memblock_remove(DRAM, SZ_4K), 0);
	HT_ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS - 3);
	HT_CHECK_INVARIANTS();
}

/*
 * Strategies out of range panic with a message.
 *
 * Expect: "memblock: no find strategy 3" / "no update strategy 2".
 */
static void memblock_bad_strategy_check(void)
{
	HT_ASSERT_PANIC(memblock_set_find_strategy(MEMBLOCK_FIND_NR),
			"memblock: no find strategy 3\n");
	HT_ASSERT_PANIC(memblock_set_update_strategy(MEMBLOCK_UPDATE_NR),
			"memblock: no update strategy 2\n");
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_size_zero_check),
	HT_CASE(memblock_cap_size_check),
	HT_CASE(memblock_too_large_check),
	HT_CASE(memblock_bad_align_check),
	HT_CASE(memblock_add_full_check),
	HT_CASE(memblock_isolate_full_check),
	HT_CASE(memblock_bad_strategy_check),
};

void test_bad_input_group(void)
{
	ht_run_cases("bad_input", cases, HT_ARRAY_SIZE(cases));
}

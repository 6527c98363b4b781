// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The allocation chain: memblock_alloc -> memblock_alloc_base ->
 * __memblock_alloc_base -> memblock_alloc_base_nid -> (find, reserve), and
 * memblock_alloc_nid / _try_nid / _range / memblock_phys_alloc_range.
 */

#include "unit.h"

#define PANIC_MSG(size, max)						\
	"ERROR: Failed to allocate 0x" size " bytes below 0x" max ".\n"

/*
 * The default is top-down: the highest fit.
 *
 *  |  +-----------------+~~+  |
 *  |  |     memory      |a1|  |
 *  +--+-----------------+--+--+
 *
 * Expect: [end - 4K, end) returned and reserved; memory untouched.
 */
static void memblock_alloc_top_down_check(void)
{
	memblock_add(DRAM, SZ_128M);
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), DRAM + SZ_128M - SZ_4K);
	HT_REGIONS(&memblock.reserved,
		   { DRAM + SZ_128M - SZ_4K, SZ_4K, 0, MAX_NUMNODES });
	HT_REGIONS(&memblock.memory, { DRAM, SZ_128M, 0, MAX_NUMNODES });
}

/*
 * align 0 means SMP_CACHE_BYTES (64):
 *
 *  |  +-------------------+~+ |
 *  |  |                   |a| |   a = 100 bytes, 64-aligned
 *  +--+-------------------+-+-+
 *
 * Expect: round_down(end - 100, 64).
 */
static void memblock_alloc_default_align_check(void)
{
	phys_addr_t want = (DRAM + SZ_1M - 100) & ~(phys_addr_t)63;

	memblock_add(DRAM, SZ_1M);
	HT_ASSERT_EQ(memblock_alloc(100, 0), want);
	HT_REGIONS(&memblock.reserved, { want, 100, 0, MAX_NUMNODES });
}

/*
 * Two allocations in a row touch and merge:
 *
 *  |  +-------------+~~~~+~~~~+
 *  |  |             | a2 | a1 |
 *  +--+-------------+----+----+
 *
 * Expect: one reserved region of 8K at the top.
 */
static void memblock_alloc_adjacent_merge_check(void)
{
	memblock_add(DRAM, SZ_1M);
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), DRAM + SZ_1M - SZ_4K);
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), DRAM + SZ_1M - SZ_8K);
	HT_REGIONS(&memblock.reserved,
		   { DRAM + SZ_1M - SZ_8K, SZ_8K, 0, MAX_NUMNODES });
}

/*
 * Reserved memory is skipped:
 *
 *  |  +-----------+~~+~~~~~~~~+
 *  |  |           |a1|  rsv   |
 *  +--+-----------+--+--------+
 *
 * Expect: the allocation ends where the reservation starts.
 */
static void memblock_alloc_skips_reserved_check(void)
{
	memblock_add(DRAM, SZ_64K);
	memblock_reserve(DRAM + SZ_32K + SZ_16K, SZ_16K);
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), DRAM + SZ_32K + SZ_16K - SZ_4K);
	HT_REGIONS(&memblock.reserved,
		   { DRAM + SZ_32K + SZ_16K - SZ_4K, SZ_16K + SZ_4K, 0,
		     MAX_NUMNODES });
}

/*
 * memblock.current_limit bounds MEMBLOCK_ALLOC_ACCESSIBLE, and
 * memblock_alloc_base()'s max_addr bounds the search too:
 *
 *  |  +------+~~+--limit------+
 *  |  |      |a1|             |
 *  +--+------+--+-------------+
 *
 * Expect: allocations end at the limit / at max_addr.
 */
static void memblock_alloc_below_limit_check(void)
{
	memblock_add(DRAM, SZ_4M);
	memblock_set_current_limit(DRAM + SZ_1M);
	HT_ASSERT_EQ(memblock_get_current_limit(), DRAM + SZ_1M);
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), DRAM + SZ_1M - SZ_4K);
	HT_ASSERT_EQ(memblock_alloc_base(SZ_4K, SZ_4K, DRAM + SZ_2M),
		     DRAM + SZ_2M - SZ_4K);
	HT_ASSERT_EQ(__memblock_alloc_base(SZ_4K, SZ_4K, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_4M - SZ_4K);
}

/*
 * An alignment larger than the request:
 *
 *  |  +---------------+~+---+ |
 *  |  |               |a|   | |   a at a 1M boundary
 *  +--+---------------+-+---+-+
 *
 * Expect: the highest 1M-aligned address that fits.
 */
static void memblock_alloc_align_check(void)
{
	memblock_add(DRAM, SZ_2M + SZ_4K);
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_1M), DRAM + SZ_2M);
	HT_ASSERT_EQ(memblock_alloc(SZ_8K, SZ_1M), DRAM + SZ_1M);
}

/*
 * Nothing fits: memblock_alloc()/memblock_alloc_base() panic with 4.12's
 * message naming the request, the inner calls return 0.
 *
 *  |  +--+                    |
 *  |  |4K|  want 8K           |
 *  +--+--+--------------------+
 *
 * Expect: "ERROR: Failed to allocate 0x...2000 bytes below 0x...0." and the
 * arrays unchanged.
 */
static void memblock_alloc_panic_check(void)
{
	memblock_add(DRAM, SZ_4K);
	HT_ASSERT_PANIC(memblock_alloc(SZ_8K, SZ_4K),
			PANIC_MSG("0000000000002000", "0000000000000000"));
	HT_ASSERT_PANIC(memblock_alloc_base(SZ_4K, SZ_4K, DRAM),
			PANIC_MSG("0000000000001000", "0000000080000000"));
	HT_ASSERT_EQ(__memblock_alloc_base(SZ_8K, SZ_4K, MEMBLOCK_ALLOC_ANYWHERE), 0);
	HT_ASSERT_EQ(memblock_alloc_base_nid(SZ_8K, SZ_4K, 0, NUMA_NO_NODE, 0), 0);
	HT_ASSERT_EQ(memblock_alloc_range(SZ_8K, SZ_4K, 0, 0, 0), 0);
	HT_EMPTY(&memblock.reserved);
	HT_REGIONS(&memblock.memory, { DRAM, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * No memory at all:
 *
 *  |                          |
 *  +--------------------------+
 *
 * Expect: the brief's example message, exactly.
 */
static void memblock_alloc_no_memory_check(void)
{
	HT_ASSERT_PANIC(memblock_alloc(SZ_4K, SZ_4K),
			"ERROR: Failed to allocate 0x0000000000001000 bytes below 0x0000000000000000.\n");
	HT_EMPTY(&memblock.reserved);
}

/*
 * memblock_alloc_nid() takes only the node asked for:
 *
 *  |  +---- n0 ----+---- n1 ----+
 *  |  |          a0|          a1|
 *  +--+------------+------------+
 *
 * Expect: the top of each node; 0 for a node without memory.
 */
static void memblock_alloc_nid_check(void)
{
	memblock_add_node(DRAM, SZ_1M, 0);
	memblock_add_node(DRAM + SZ_1M, SZ_1M, 1);
	HT_ASSERT_EQ(memblock_alloc_nid(SZ_4K, SZ_4K, 0), DRAM + SZ_1M - SZ_4K);
	HT_ASSERT_EQ(memblock_alloc_nid(SZ_4K, SZ_4K, 1), DRAM + SZ_2M - SZ_4K);
	HT_ASSERT_EQ(memblock_alloc_nid(SZ_4K, SZ_4K, 2), 0);
	HT_ASSERT_EQ(memblock_alloc_base_nid(SZ_4K, SZ_4K, MEMBLOCK_ALLOC_ANYWHERE,
					     0, 0), DRAM + SZ_1M - SZ_8K);
}

/*
 * memblock_alloc_try_nid() falls back to any node, then panics:
 *
 *  |  +---- n0 ----+          |
 *  |  |          a |          |   asked for node 3
 *  +--+------------+----------+
 *
 * Expect: node 0's top; then, memory full, the panic (below 0).
 */
static void memblock_alloc_try_nid_check(void)
{
	memblock_add_node(DRAM, SZ_8K, 0);
	HT_ASSERT_EQ(memblock_alloc_try_nid(SZ_4K, SZ_4K, 3), DRAM + SZ_4K);
	HT_ASSERT_EQ(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0), DRAM);
	HT_ASSERT_PANIC(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0),
			PANIC_MSG("0000000000001000", "0000000000000000"));
}

/*
 * memblock_alloc_range() and memblock_phys_alloc_range() stay inside
 * [start, end):
 *
 *  |  +----[start ~~ end)-----+
 *  |  |        |  a|          |
 *  +--+--------+---+----------+
 *
 * Expect: the highest fit below end; 0 when start..end holds nothing.
 */
static void memblock_alloc_range_check(void)
{
	memblock_add(DRAM, SZ_1M);
	HT_ASSERT_EQ(memblock_alloc_range(SZ_4K, SZ_4K, DRAM + SZ_64K,
					  DRAM + SZ_128K, 0),
		     DRAM + SZ_128K - SZ_4K);
	HT_ASSERT_EQ(memblock_phys_alloc_range(SZ_4K, SZ_4K, DRAM + SZ_64K,
					       DRAM + SZ_128K),
		     DRAM + SZ_128K - SZ_8K);
	HT_ASSERT_EQ(memblock_alloc_range(SZ_4K, SZ_4K, DRAM + SZ_2M,
					  MEMBLOCK_ALLOC_ANYWHERE, 0), 0);
	HT_ASSERT_EQ(memblock_phys_alloc_range(SZ_64K, SZ_4K, DRAM,
					       DRAM + SZ_32K), 0);
}

/*
 * Mirror first: with some memory marked mirror, memblock_alloc_nid() and
 * memblock_phys_alloc_range() take mirrored memory while it lasts, then
 * anything.  memblock_alloc_range() with MEMBLOCK_MIRROR does not retry.
 *
 *  |  +-- mirror --+-- plain --+
 *  |  |          a1|         a3|
 *  +--+------------+-----------+
 *
 * Expect: a1 in the mirror; when the mirror is full, a plain address.
 */
static void memblock_alloc_mirror_retry_check(void)
{
	memblock_add(DRAM, SZ_2M);
	memblock_mark_mirror(DRAM, SZ_1M);
	HT_ASSERT_EQ(memblock_alloc_nid(SZ_4K, SZ_4K, NUMA_NO_NODE),
		     DRAM + SZ_1M - SZ_4K);
	HT_ASSERT_EQ(memblock_phys_alloc_range(SZ_4K, SZ_4K, 0,
					       MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_1M - SZ_8K);
	memblock_reserve(DRAM, SZ_1M);	/* the mirror is full */
	HT_ASSERT_EQ(memblock_alloc_range(SZ_4K, SZ_4K, 0,
					  MEMBLOCK_ALLOC_ANYWHERE,
					  MEMBLOCK_MIRROR), 0);
	HT_ASSERT_EQ(memblock_alloc_nid(SZ_4K, SZ_4K, NUMA_NO_NODE),
		     DRAM + SZ_2M - SZ_4K);
	HT_ASSERT_EQ(memblock_phys_alloc_range(SZ_4K, SZ_4K, 0,
					       MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_2M - SZ_8K);
	/* __memblock_alloc_base asks for MEMBLOCK_NONE: no mirror preference */
	HT_ASSERT_EQ(__memblock_alloc_base(SZ_4K, SZ_4K, MEMBLOCK_ALLOC_ANYWHERE),
		     DRAM + SZ_2M - 3 * SZ_4K);
}

/*
 * This project refuses an allocation of 0 bytes (4.12 would return an
 * address and reserve nothing, handing it out again).
 *
 *  |  +----------+            |
 *  |  |  memory  |  size 0    |
 *  +--+----------+------------+
 *
 * Expect: 0 from the inner calls, a panic from memblock_alloc(), nothing
 * reserved.
 */
static void memblock_alloc_zero_size_check(void)
{
	memblock_add(DRAM, SZ_1M);
	HT_ASSERT_EQ(memblock_alloc_range(0, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE, 0), 0);
	HT_ASSERT_EQ(memblock_phys_alloc_range(0, 0, 0, MEMBLOCK_ALLOC_ANYWHERE), 0);
	HT_ASSERT_PANIC(memblock_alloc(0, 0),
			PANIC_MSG("0000000000000000", "0000000000000000"));
	HT_EMPTY(&memblock.reserved);
}

/*
 * The reservation fails (reserved array full, resizing not allowed): the
 * allocation returns 0, nothing changes.
 *
 *  |  +~+ +~+ ... +~+ (128)   |
 *  +--+-+-+-+-----+-+---------+
 *
 * Expect: 0 from __memblock_alloc_base, panic from memblock_alloc, the 128
 * reservations intact.
 */
static void memblock_alloc_reserve_fails_check(void)
{
	memblock_add(DRAM, SZ_2M);
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		HT_ASSERT_EQ(memblock_reserve(DRAM + i * SZ_8K, SZ_4K), 0);
	HT_ASSERT_EQ(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(__memblock_alloc_base(SZ_4K, SZ_4K, MEMBLOCK_ALLOC_ANYWHERE), 0);
	HT_ASSERT_PANIC(memblock_alloc(SZ_4K, SZ_4K),
			PANIC_MSG("0000000000001000", "0000000000000000"));
	HT_ASSERT_EQ(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock_reserved_size(), INIT_MEMBLOCK_REGIONS * SZ_4K);
	HT_CHECK_INVARIANTS();
}

/*
 * Bottom-up: the lowest fit above the kernel image.
 *
 *  |  +kernel+~~+~~+--------+ |
 *  |  |      |a1|a2|        | |
 *  +--+------+--+--+--------+-+
 *
 * Expect: a1 at kernel_end, a2 right above, one merged reservation.
 */
static void memblock_alloc_bottom_up_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_set_bottom_up(true);
	HT_ASSERT(memblock_bottom_up());
	ht_kernel_end = DRAM + SZ_64K;
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), DRAM + SZ_64K);
	HT_ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), DRAM + SZ_64K + SZ_4K);
	HT_REGIONS(&memblock.reserved, { DRAM + SZ_64K, SZ_8K, 0, MAX_NUMNODES });
}

/*
 * choose_memblock_flags(): mirror first once any memory is mirrored.
 *
 *  |  +-- mirror --+----------+
 *  +--+------------+----------+
 *
 * Expect: MEMBLOCK_NONE, then MEMBLOCK_MIRROR (even after the mirrored
 * memory is gone, as 4.12's system_has_some_mirror stays set).
 */
static void choose_memblock_flags_check(void)
{
	HT_ASSERT_EQ(choose_memblock_flags(), MEMBLOCK_NONE);
	memblock_add(DRAM, SZ_2M);
	HT_ASSERT_EQ(choose_memblock_flags(), MEMBLOCK_NONE);
	memblock_mark_mirror(DRAM, SZ_1M);
	HT_ASSERT_EQ(choose_memblock_flags(), MEMBLOCK_MIRROR);
	memblock_remove(DRAM, SZ_1M);
	HT_ASSERT_EQ(choose_memblock_flags(), MEMBLOCK_MIRROR);
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_alloc_top_down_check),
	HT_CASE(memblock_alloc_default_align_check),
	HT_CASE(memblock_alloc_adjacent_merge_check),
	HT_CASE(memblock_alloc_skips_reserved_check),
	HT_CASE(memblock_alloc_below_limit_check),
	HT_CASE(memblock_alloc_align_check),
	HT_CASE(memblock_alloc_panic_check),
	HT_CASE(memblock_alloc_no_memory_check),
	HT_CASE(memblock_alloc_nid_check),
	HT_CASE(memblock_alloc_try_nid_check),
	HT_CASE(memblock_alloc_range_check),
	HT_CASE(memblock_alloc_mirror_retry_check),
	HT_CASE(memblock_alloc_zero_size_check),
	HT_CASE(memblock_alloc_reserve_fails_check),
	HT_CASE(memblock_alloc_bottom_up_check),
	HT_CASE(choose_memblock_flags_check),
};

void test_alloc_group(void)
{
	ht_run_cases("alloc", cases, HT_ARRAY_SIZE(cases));
}

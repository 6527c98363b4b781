// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bootmem.h's memblock API: memblock_virt_alloc_try_nid[_nopanic]() and
 * its inline wrappers (zeroed memory through __va(), node fallback,
 * min_addr dropped, the limit at memblock.current_limit, 4.12's debug line
 * and panic text), __memblock_free_early() and __memblock_free_late().
 * Simulated RAM windows back every block, filled with FILL first, so that
 * the zeroing shows.
 */

#include "unit.h"

#define FILL	0xa5

/* A RAM window of @size bytes at @base, filled with FILL, added as memory. */
static unsigned char *ram(phys_addr_t base, size_t size)
{
	unsigned char *mem = ht_ram_map(base, size);

	memset(mem, FILL, size);
	HT_ASSERT_EQ(memblock_add(base, size), 0);
	return mem;
}

static void expect_zeroed(const void *ptr, phys_addr_t phys, size_t size)
{
	const unsigned char *p = ptr;

	HT_ASSERT(ptr == memblock_phys_to_virt(phys));
	for (size_t i = 0; i < size; i++)
		if (p[i])
			HT_FAIL("byte %zu of the block is 0x%x, not 0", i, p[i]);
}

/*
 * The block comes zeroed, at the top, through __va(); its neighbours keep
 * their bytes:
 *
 *  |  +-------------------+~~+  |
 *  |  |      FILL         |00|  |
 *  +--+-------------------+--+--+
 *
 * Expect: [end - 4K, end) reserved, its bytes 0, the byte below it FILL.
 */
static void memblock_virt_alloc_try_nid_zeroed_check(void)
{
	unsigned char *mem = ram(DRAM, SZ_64K);
	void *ptr;

	ptr = memblock_virt_alloc_try_nid(SZ_4K, SZ_4K, 0,
					  BOOTMEM_ALLOC_ACCESSIBLE,
					  NUMA_NO_NODE);
	expect_zeroed(ptr, DRAM + SZ_64K - SZ_4K, SZ_4K);
	HT_ASSERT_EQ(mem[SZ_64K - SZ_4K - 1], FILL);
	HT_REGIONS(&memblock.reserved,
		   { DRAM + SZ_64K - SZ_4K, SZ_4K, 0, MAX_NUMNODES });
}

/*
 * Nothing free above min_addr: 4.12 drops min_addr and takes the highest
 * fit below it.
 *
 *  |  +-----------+~~~~~~~~~~~+ |
 *  |  |        a  |  reserved | |
 *  +--+-----------+-----------+-+
 *                 ^ min_addr
 *
 * Expect: the block ends at min_addr.
 */
static void memblock_virt_alloc_try_nid_min_addr_dropped_check(void)
{
	void *ptr;

	ram(DRAM, SZ_1M);
	memblock_reserve(DRAM + SZ_512K, SZ_512K);
	ptr = memblock_virt_alloc_try_nid_nopanic(SZ_4K, SZ_4K,
						  DRAM + SZ_512K,
						  BOOTMEM_ALLOC_ACCESSIBLE,
						  NUMA_NO_NODE);
	expect_zeroed(ptr, DRAM + SZ_512K - SZ_4K, SZ_4K);
	HT_REGIONS(&memblock.reserved,
		   { DRAM + SZ_512K - SZ_4K, SZ_512K + SZ_4K, 0, MAX_NUMNODES });
}

/*
 * min_addr above max_addr: the first try finds nothing, the retry from 0
 * does.
 *
 *  |  +------a|---------------+ |
 *  +--+-------+-------+-------+-+
 *             ^max    ^min
 *
 * Expect: the highest fit below max_addr.
 */
static void memblock_virt_alloc_try_nid_min_above_max_check(void)
{
	void *ptr;

	ram(DRAM, SZ_1M);
	ptr = memblock_virt_alloc_try_nid(SZ_4K, SZ_4K, DRAM + SZ_512K,
					  DRAM + SZ_256K, NUMA_NO_NODE);
	expect_zeroed(ptr, DRAM + SZ_256K - SZ_4K, SZ_4K);
}

/*
 * The node asked for is full: any node will do, even above min_addr on
 * another node before dropping min_addr.
 *
 *  |  +---- n0 ----+~~~~ n1 ~~~~+
 *  |  |          a |  reserved  |
 *  +--+------------+------------+
 *
 * Expect: the top of node 0 for a request on node 1; node 1 itself when
 * it has room.
 */
static void memblock_virt_alloc_try_nid_node_fallback_check(void)
{
	void *ptr;

	ht_ram_map(DRAM, SZ_2M);
	memblock_add_node(DRAM, SZ_1M, 0);
	memblock_add_node(DRAM + SZ_1M, SZ_1M, 1);
	ptr = memblock_virt_alloc_try_nid(SZ_4K, SZ_4K, 0,
					  BOOTMEM_ALLOC_ACCESSIBLE, 0);
	expect_zeroed(ptr, DRAM + SZ_1M - SZ_4K, SZ_4K);
	memblock_reserve(DRAM + SZ_1M, SZ_1M);	/* node 1 full */
	ptr = memblock_virt_alloc_try_nid(SZ_4K, SZ_4K, DRAM + SZ_512K,
					  BOOTMEM_ALLOC_ACCESSIBLE, 1);
	expect_zeroed(ptr, DRAM + SZ_1M - SZ_8K, SZ_4K);
	/* MAX_NUMNODES is 4.12's old spelling of "any node" */
	ptr = memblock_virt_alloc_try_nid(SZ_4K, SZ_4K, 0,
					  BOOTMEM_ALLOC_ACCESSIBLE,
					  MAX_NUMNODES);
	expect_zeroed(ptr, DRAM + SZ_1M - 3 * SZ_4K, SZ_4K);
}

/*
 * max_addr is capped at memblock.current_limit: ACCESSIBLE and ANYWHERE
 * both end there, a lower max_addr stays.
 *
 *  |  +-------a3|---a2 a1|---------+
 *  +--+---------+--------+---------+
 *               ^max     ^current_limit
 *
 * Expect: a1, a2 just below the limit, a3 just below max_addr.
 */
static void memblock_virt_alloc_try_nid_current_limit_check(void)
{
	void *ptr;

	ram(DRAM, SZ_2M);
	memblock_set_current_limit(DRAM + SZ_1M);
	ptr = memblock_virt_alloc_try_nid(SZ_4K, SZ_4K, 0,
					  BOOTMEM_ALLOC_ANYWHERE,
					  NUMA_NO_NODE);
	expect_zeroed(ptr, DRAM + SZ_1M - SZ_4K, SZ_4K);
	ptr = memblock_virt_alloc_try_nid(SZ_4K, SZ_4K, 0,
					  BOOTMEM_ALLOC_ACCESSIBLE,
					  NUMA_NO_NODE);
	expect_zeroed(ptr, DRAM + SZ_1M - SZ_8K, SZ_4K);
	ptr = memblock_virt_alloc_try_nid(SZ_4K, SZ_4K, 0, DRAM + SZ_512K,
					  NUMA_NO_NODE);
	expect_zeroed(ptr, DRAM + SZ_512K - SZ_4K, SZ_4K);
}

/*
 * Nothing fits: the _nopanic call returns NULL, the other panics with
 * 4.12's text, which repeats the arguments as given.
 *
 *  |  +--+                    |
 *  |  |4K|   want 8K on node 2 |
 *  +--+--+--------------------+
 *
 * Expect: NULL, the panic text, nothing reserved.
 */
static void memblock_virt_alloc_try_nid_panic_check(void)
{
	ram(DRAM, SZ_4K);
	HT_ASSERT(!memblock_virt_alloc_try_nid_nopanic(SZ_8K, 0, DRAM, 0, 2));
	HT_ASSERT_PANIC(memblock_virt_alloc_try_nid(SZ_8K, 0, DRAM, 0, 2),
			"memblock_virt_alloc_try_nid: Failed to allocate 8192 bytes align=0x0 nid=2 from=0x80000000 max_addr=0x0\n");
	HT_ASSERT_PANIC(memblock_virt_alloc(SZ_8K, SZ_4K),
			"memblock_virt_alloc_try_nid: Failed to allocate 8192 bytes align=0x1000 nid=-1 from=0x0 max_addr=0x0\n");
	HT_EMPTY(&memblock.reserved);
}

/*
 * memblock=debug prints each request before it is tried, then the caller;
 * the frees print their range with the kernel's %#016llx (0x and 14
 * digits).
 *
 *  |  +------------------+~~+ |
 *  +--+------------------+--+-+
 *
 * Expect: 4.12's lines, exactly up to the caller.
 */
static void memblock_virt_alloc_debug_line_check(void)
{
	void *ptr;

	ram(DRAM, SZ_64K);
	memblock_set_debug(true);
	ht_log_clear();
	ptr = memblock_virt_alloc_nopanic(100, 0);
	HT_ASSERT(ptr);
	HT_ASSERT_PREFIX("memblock_virt_alloc_try_nid_nopanic: 100 bytes align=0x0 nid=-1 from=0x0 max_addr=0x0 ");
	ht_log_clear();
	HT_ASSERT(memblock_virt_alloc_try_nid(SZ_4K, SZ_4K, DRAM, DRAM + SZ_32K, 1));
	HT_ASSERT_PREFIX("memblock_virt_alloc_try_nid: 4096 bytes align=0x1000 nid=1 from=0x80000000 max_addr=0x80008000 ");
	ht_log_clear();
	__memblock_free_early(DRAM + SZ_32K - SZ_4K, SZ_4K);
	HT_ASSERT_PREFIX("__memblock_free_early: [0x00000080007000-0x00000080007fff] ");
	ht_log_clear();
	memblock_free_late(0, 1);
	HT_ASSERT_PREFIX("__memblock_free_late: [0x00000000000000-0x00000000000000] ");
	memblock_set_debug(false);
	ht_log_clear();
	HT_ASSERT(memblock_virt_alloc(SZ_4K, 0));
	HT_ASSERT_EQ(ht_log_len(), 0);
}

/*
 * align 0 means SMP_CACHE_BYTES (64 here):
 *
 *  |  +-------------------+~+ |
 *  |  |                   |a| |   a = 100 bytes, 64-aligned
 *  +--+-------------------+-+-+
 *
 * Expect: round_down(end - 100, 64) for the plain and the node wrapper.
 */
static void memblock_virt_alloc_default_align_check(void)
{
	phys_addr_t want = (DRAM + SZ_64K - 100) & ~(phys_addr_t)63;

	ram(DRAM, SZ_64K);
	expect_zeroed(memblock_virt_alloc(100, 0), want, 100);
	expect_zeroed(memblock_virt_alloc_node(100, NUMA_NO_NODE),
		      (want - 100) & ~(phys_addr_t)63, 100);
}

/*
 * With some memory mirrored, 4.12 drops min_addr before the mirror
 * preference: a mirrored block below min_addr beats plain memory above
 * it.  Once the mirror is full, it says so and takes plain memory.
 *
 *  |  +-- mirror --+-- plain --+
 *  |  |          a1|           |
 *  +--+------------+-----------+
 *                  ^ min_addr
 *
 * Expect: a1 at the top of the mirror; then "Could not allocate ... of
 * mirrored memory" and the top of plain memory.
 */
static void memblock_virt_alloc_try_nid_mirror_order_check(void)
{
	void *ptr;

	ram(DRAM, SZ_2M);
	memblock_mark_mirror(DRAM, SZ_1M);
	ptr = memblock_virt_alloc_from_nopanic(SZ_4K, SZ_4K, DRAM + SZ_1M);
	expect_zeroed(ptr, DRAM + SZ_1M - SZ_4K, SZ_4K);
	HT_ASSERT(!ht_log_contains("mirrored"));
	memblock_reserve(DRAM, SZ_1M);	/* the mirror is full */
	ptr = memblock_virt_alloc_from_nopanic(SZ_4K, SZ_4K, DRAM + SZ_1M);
	expect_zeroed(ptr, DRAM + SZ_2M - SZ_4K, SZ_4K);
	HT_ASSERT(ht_log_contains("Could not allocate 0x0000000000001000 bytes of mirrored memory\n"));
}

/*
 * memblock_virt_alloc_low*() stay below ARCH_LOW_ADDRESS_LIMIT,
 * 0xffffffff: an exclusive end, so 4.12 never returns the last aligned
 * block below 4G.
 *
 *  |  +--------a|-------------+ |
 *  +--+---------+-------------+-+
 *               ^ 0xffffffff
 *
 * Expect: 0xffffe000 for 4K at 4K, 0xffffff80 for 64 at 64 (the page
 * above 0xffffe000 is still free); plain memblock_virt_alloc() goes above.
 */
static void memblock_virt_alloc_low_check(void)
{
	ram(0xfff00000ull, SZ_2M);
	expect_zeroed(memblock_virt_alloc_low(SZ_4K, SZ_4K), 0xffffe000ull,
		      SZ_4K);
	expect_zeroed(memblock_virt_alloc_low_nopanic(SZ_64, SZ_64),
		      0xffffff80ull, SZ_64);
	expect_zeroed(memblock_virt_alloc(SZ_4K, SZ_4K),
		      0xfff00000ull + SZ_2M - SZ_4K, SZ_4K);
}

/*
 * This project refuses 0 bytes and an alignment that is not a power of
 * two, with one line each (4.12 would hand out an unreserved or
 * misaligned address).
 *
 *  |  +----------+            |
 *  +--+----------+------------+
 *
 * Expect: NULL or the panic, one refusal line, nothing reserved.
 */
static void memblock_virt_alloc_try_nid_bad_input_check(void)
{
	ram(DRAM, SZ_64K);
	HT_ASSERT(!memblock_virt_alloc_nopanic(0, 0));
	HT_ASSERT_STREQ(ht_log(), "memblock: refusing an allocation of 0 bytes\n");
	ht_log_clear();
	HT_ASSERT(!memblock_virt_alloc_try_nid_nopanic(SZ_4K, 3, DRAM, 0,
						       NUMA_NO_NODE));
	HT_ASSERT_STREQ(ht_log(), "memblock: refusing 0x1000 bytes at alignment 0x3: not a power of two\n");
	HT_ASSERT_PANIC(memblock_virt_alloc(0, SZ_4K),
			"memblock_virt_alloc_try_nid: Failed to allocate 0 bytes align=0x1000 nid=-1 from=0x0 max_addr=0x0\n");
	HT_EMPTY(&memblock.reserved);
}

/*
 * The reservation fails (reserved array full, no resizing): every retry
 * fails the same way and nothing changes.
 *
 *  |  +~+ +~+ ... +~+ (128)   |
 *  +--+-+-+-+-----+-+---------+
 *
 * Expect: NULL, the 128 reservations intact.
 */
static void memblock_virt_alloc_try_nid_reserve_fails_check(void)
{
	ram(DRAM, SZ_2M);
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		HT_ASSERT_EQ(memblock_reserve(DRAM + i * SZ_8K, SZ_4K), 0);
	HT_ASSERT(!memblock_virt_alloc_try_nid_nopanic(SZ_4K, SZ_4K, DRAM,
						       0, 0));
	HT_ASSERT_EQ(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	HT_ASSERT_EQ(memblock_reserved_size(), INIT_MEMBLOCK_REGIONS * SZ_4K);
	HT_CHECK_INVARIANTS();
}

/*
 * __memblock_free_early() and its wrappers unreserve; the nid of
 * memblock_free_early_nid() does not matter.
 *
 *  |  +--------------+~~+~~+~~+
 *  |  |              |a3|a2|a1|
 *  +--+--------------+--+--+--+
 *
 * Expect: each block freed in turn; reserved empty at the end.
 */
static void memblock_free_early_check(void)
{
	ram(DRAM, SZ_64K);
	for (int i = 0; i < 3; i++)
		HT_ASSERT(memblock_virt_alloc(SZ_4K, SZ_4K));
	memblock_free_early(DRAM + SZ_64K - SZ_4K, SZ_4K);
	HT_REGIONS(&memblock.reserved,
		   { DRAM + SZ_64K - 3 * SZ_4K, SZ_8K, 0, MAX_NUMNODES });
	memblock_free_early_nid(DRAM + SZ_64K - 2 * SZ_4K, SZ_4K, 7);
	__memblock_free_early(DRAM + SZ_64K - 3 * SZ_4K, SZ_4K);
	HT_EMPTY(&memblock.reserved);
	__memblock_free_early(DRAM, SZ_4K);	/* not reserved: ignored */
	HT_EMPTY(&memblock.reserved);
}

static unsigned long released_start, released_end;
static int released_calls;

/* The page allocator __memblock_free_late() hands its pages to. */
void memblock_release_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	released_start = start_pfn;
	released_end = end_pfn;
	released_calls++;
}

/*
 * __memblock_free_late() leaves memblock alone and releases the pages the
 * range holds whole:
 *
 *  |  +-------+~~|~~~~~~|~~+--+
 *  |  |       |  | page |  |  |
 *  +--+-------+--+------+--+--+
 *
 * Expect: reserved unchanged; pages [PFN_UP(base), PFN_DOWN(end)); no
 * call for a range inside one page; a range past 2^64 cut at the top.
 */
static void memblock_free_late_check(void)
{
	released_calls = 0;
	ram(DRAM, SZ_64K);
	memblock_reserve(DRAM + SZ_4K + 8, 3 * SZ_4K);
	__memblock_free_late(DRAM + SZ_4K + 8, 3 * SZ_4K);
	HT_REGIONS(&memblock.reserved,
		   { DRAM + SZ_4K + 8, 3 * SZ_4K, 0, MAX_NUMNODES });
	HT_ASSERT_EQ(released_calls, 1);
	HT_ASSERT_EQ(released_start, (DRAM >> PAGE_SHIFT) + 2);
	HT_ASSERT_EQ(released_end, (DRAM >> PAGE_SHIFT) + 4);
	memblock_free_late(DRAM + 8, SZ_2K);
	HT_ASSERT_EQ(released_calls, 1);
	__memblock_free_late(PHYS_ADDR_MAX - SZ_8K + 1, SZ_16K);
	HT_ASSERT_EQ(released_calls, 2);
	HT_ASSERT_EQ(released_start, PHYS_PFN(PHYS_ADDR_MAX) - 1);
	HT_ASSERT_EQ(released_end, PHYS_PFN(PHYS_ADDR_MAX));
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_virt_alloc_try_nid_zeroed_check),
	HT_CASE(memblock_virt_alloc_try_nid_min_addr_dropped_check),
	HT_CASE(memblock_virt_alloc_try_nid_min_above_max_check),
	HT_CASE(memblock_virt_alloc_try_nid_node_fallback_check),
	HT_CASE(memblock_virt_alloc_try_nid_current_limit_check),
	HT_CASE(memblock_virt_alloc_try_nid_panic_check),
	HT_CASE(memblock_virt_alloc_debug_line_check),
	HT_CASE(memblock_virt_alloc_default_align_check),
	HT_CASE(memblock_virt_alloc_try_nid_mirror_order_check),
	HT_CASE(memblock_virt_alloc_low_check),
	HT_CASE(memblock_virt_alloc_try_nid_bad_input_check),
	HT_CASE(memblock_virt_alloc_try_nid_reserve_fails_check),
	HT_CASE(memblock_free_early_check),
	HT_CASE(memblock_free_late_check),
};

void test_bootmem_group(void)
{
	ht_run_cases("bootmem", cases, HT_ARRAY_SIZE(cases));
}

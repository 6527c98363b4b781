// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The iterators: for_each_mem_range(_rev), for_each_free_mem_range(_reverse)
 * and for_each_memblock, over __next_mem_range(_rev).
 */

#include "unit.h"

#define MAX_OUT 16

struct walk {
	int n;
	phys_addr_t start[MAX_OUT], end[MAX_OUT];
	int nid[MAX_OUT];
};

static void record(struct walk *w, phys_addr_t s, phys_addr_t e, int nid)
{
	if (w->n == MAX_OUT)
		HT_FAIL("walk does not end");
	w->start[w->n] = s;
	w->end[w->n] = e;
	w->nid[w->n] = nid;
	w->n++;
}

#define HT_RANGE(w, i, s, e)						\
	do {								\
		HT_ASSERT_EQ((w).start[i], (s));			\
		HT_ASSERT_EQ((w).end[i], (e));				\
	} while (0)

/* memory [DRAM, +64K), reserved [DRAM + 16K, +16K) */
static void two_free_ranges(void)
{
	memblock_add(DRAM, SZ_64K);
	memblock_reserve(DRAM + SZ_16K, SZ_16K);
}

/*
 * Free ranges, both directions:
 *
 *  |  +----+~~~~+--------+    |
 *  |  | f0 |rsv |   f1   |    |
 *  +--+----+----+--------+----+
 *
 * Expect: f0, f1 upwards; f1, f0 downwards; nid MAX_NUMNODES; the loop
 * variable ends at ULLONG_MAX.
 */
static void for_each_free_mem_range_check(void)
{
	struct walk up = { 0 }, down = { 0 };
	phys_addr_t s, e;
	int nid;
	u64 i;

	two_free_ranges();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, &nid)
		record(&up, s, e, nid);
	HT_ASSERT_EQ(i, ULLONG_MAX);
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e,
					&nid)
		record(&down, s, e, nid);
	HT_ASSERT_EQ(i, ULLONG_MAX);
	HT_ASSERT_EQ(up.n, 2);
	HT_RANGE(up, 0, DRAM, DRAM + SZ_16K);
	HT_RANGE(up, 1, DRAM + SZ_32K, DRAM + SZ_64K);
	HT_ASSERT_EQ(up.nid[0], MAX_NUMNODES);
	HT_ASSERT_EQ(down.n, 2);
	HT_RANGE(down, 0, DRAM + SZ_32K, DRAM + SZ_64K);
	HT_RANGE(down, 1, DRAM, DRAM + SZ_16K);
}

/*
 * The output pointers may be NULL:
 *
 *  |  +----+~~~~+--------+    |
 *  +--+----+----+--------+----+
 *
 * Expect: still two steps each way.
 */
static void for_each_mem_range_null_outputs_check(void)
{
	int n = 0;
	u64 i;

	two_free_ranges();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, NULL, NULL, NULL)
		n++;
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, NULL,
					NULL, NULL)
		n++;
	HT_ASSERT_EQ(n, 4);
}

/*
 * No memory, or everything reserved: no step at all.
 *
 *  |  +~~~~~~~~~+             |
 *  +--+---------+-------------+
 *
 * Expect: zero iterations both ways.
 */
static void for_each_free_mem_range_none_check(void)
{
	int n = 0;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, NULL, NULL, NULL)
		n++;
	memblock_add(DRAM, SZ_4K);
	memblock_reserve(DRAM - SZ_4K, SZ_16K);
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, NULL, NULL, NULL)
		n++;
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, NULL,
					NULL, NULL)
		n++;
	HT_ASSERT_EQ(n, 0);
}

/*
 * type_b NULL: whole regions of type_a, filtered:
 *
 *  |  +-n0-+  +-n1-+  +nomap+ |
 *  +--+----+--+----+--+-----+-+
 *
 * Expect: three, two without NOMAP, one for node 1; reversed order by _rev.
 */
static void for_each_mem_range_no_exclusion_check(void)
{
	struct walk all = { 0 }, map = { 0 }, n1 = { 0 }, rev = { 0 };
	phys_addr_t s, e;
	int nid;
	u64 i;

	memblock_add_node(DRAM, SZ_4K, 0);
	memblock_add_node(DRAM + SZ_8K, SZ_4K, 1);
	memblock_add_node(DRAM + SZ_16K, SZ_4K, 1);
	memblock_mark_nomap(DRAM + SZ_16K, SZ_4K);
	memblock_reserve(DRAM, SZ_1M);
	for_each_mem_range(i, &memblock.memory, NULL, NUMA_NO_NODE,
			   MEMBLOCK_NOMAP, &s, &e, &nid)
		record(&all, s, e, nid);
	for_each_mem_range(i, &memblock.memory, NULL, NUMA_NO_NODE,
			   MEMBLOCK_NONE, &s, &e, &nid)
		record(&map, s, e, nid);
	for_each_mem_range(i, &memblock.memory, NULL, 1, MEMBLOCK_NONE, &s, &e,
			   &nid)
		record(&n1, s, e, nid);
	for_each_mem_range_rev(i, &memblock.memory, NULL, NUMA_NO_NODE,
			       MEMBLOCK_NOMAP, &s, &e, &nid)
		record(&rev, s, e, nid);
	HT_ASSERT_EQ(all.n, 3);
	HT_ASSERT_EQ(map.n, 2);
	HT_ASSERT_EQ(n1.n, 1);
	HT_RANGE(n1, 0, DRAM + SZ_8K, DRAM + SZ_8K + SZ_4K);
	HT_ASSERT_EQ(n1.nid[0], 1);
	HT_ASSERT_EQ(rev.n, 3);
	HT_RANGE(rev, 0, DRAM + SZ_16K, DRAM + SZ_16K + SZ_4K);
	HT_RANGE(rev, 2, DRAM, DRAM + SZ_4K);
}

/*
 * Free ranges of one node:
 *
 *  |  +-- n0 --+-- n1 --+     |
 *  |  |   ~~   |   ~~   |     |
 *  +--+--------+--------+-----+
 *
 * Expect: only node 1's two pieces.
 */
static void for_each_free_mem_range_nid_check(void)
{
	struct walk w = { 0 };
	phys_addr_t s, e;
	int nid;
	u64 i;

	memblock_add_node(DRAM, SZ_16K, 0);
	memblock_add_node(DRAM + SZ_16K, SZ_16K, 1);
	memblock_reserve(DRAM + SZ_4K, SZ_4K);
	memblock_reserve(DRAM + SZ_16K + SZ_4K, SZ_4K);
	for_each_free_mem_range(i, 1, MEMBLOCK_NONE, &s, &e, &nid)
		record(&w, s, e, nid);
	HT_ASSERT_EQ(w.n, 2);
	HT_RANGE(w, 0, DRAM + SZ_16K, DRAM + SZ_16K + SZ_4K);
	HT_RANGE(w, 1, DRAM + SZ_16K + SZ_8K, DRAM + SZ_32K);
	HT_ASSERT_EQ(w.nid[1], 1);
}

/*
 * Reserved minus memory (the types swapped):
 *
 *  |  +~~~~~~~~~~~~~~+        |
 *  |  | r  +-mem-+   |        |
 *  +--+----+-----+---+--------+
 *
 * Expect: the two parts of the reservation outside memory.
 */
static void for_each_mem_range_swapped_check(void)
{
	struct walk w = { 0 };
	phys_addr_t s, e;
	u64 i;

	memblock_reserve(DRAM, SZ_16K);
	memblock_add(DRAM + SZ_4K, SZ_4K);
	for_each_mem_range(i, &memblock.reserved, &memblock.memory, NUMA_NO_NODE,
			   MEMBLOCK_NONE, &s, &e, NULL)
		record(&w, s, e, 0);
	HT_ASSERT_EQ(w.n, 2);
	HT_RANGE(w, 0, DRAM, DRAM + SZ_4K);
	HT_RANGE(w, 1, DRAM + SZ_8K, DRAM + SZ_16K);
}

/*
 * 4.12's walk meets the empty gap between two touching reservations (they
 * differ in nid) and yields it as an empty range:
 *
 *  |  +----+~~~~+~~~~+----+   |
 *  |  | f0 |r64 |r0  | f2 |   |
 *  +--+----+----+----+----+---+
 *
 * Expect: [0, 4K), [8K, 8K), [12K, 16K) - in both directions.
 */
static void for_each_free_mem_range_empty_gap_check(void)
{
	struct walk up = { 0 }, down = { 0 };
	phys_addr_t s, e;
	u64 i;

	memblock_add(DRAM, SZ_16K);
	memblock_reserve(DRAM + SZ_4K, SZ_8K);
	memblock_set_node(DRAM + SZ_8K, SZ_4K, &memblock.reserved, 0);
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, NULL)
		record(&up, s, e, 0);
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e,
					NULL)
		record(&down, s, e, 0);
	HT_ASSERT_EQ(up.n, 3);
	HT_RANGE(up, 0, DRAM, DRAM + SZ_4K);
	HT_RANGE(up, 1, DRAM + SZ_8K, DRAM + SZ_8K);
	HT_RANGE(up, 2, DRAM + 3 * SZ_4K, DRAM + SZ_16K);
	HT_ASSERT_EQ(down.n, 3);
	HT_RANGE(down, 1, DRAM + SZ_8K, DRAM + SZ_8K);
}

/*
 * for_each_memblock walks the array itself:
 *
 *  |  +--+ +--+ +--+          |
 *  +--+--+-+--+-+--+----------+
 *
 * Expect: three regions in order; the empty array has one (the dummy).
 */
static void for_each_memblock_check(void)
{
	struct memblock_region *r;
	int n = 0;

	for_each_memblock(reserved, r)
		n++;
	HT_ASSERT_EQ(n, 1);
	n = 0;
	for (int k = 2; k >= 0; k--)
		memblock_add(DRAM + k * SZ_8K, SZ_4K);
	for_each_memblock(memory, r) {
		HT_ASSERT_EQ(r->base, DRAM + n * SZ_8K);
		n++;
	}
	HT_ASSERT_EQ(n, 3);
}

/*
 * The reserved regions, each with its last byte (4.12's end is inclusive):
 *
 *  |  +~~r0~~+     +r1+       |
 *  +--+------+-----+--+-------+
 *
 * Expect: [DRAM, DRAM + 4K - 1], [DRAM + 16K, DRAM + 16K + 99]; NULL
 * outputs allowed; an empty array gives nothing (4.12: [0, ULLONG_MAX]).
 */
static void for_each_reserved_mem_region_check(void)
{
	struct walk w = { 0 };
	phys_addr_t s, e;
	int n = 0;
	u64 i;

	for_each_reserved_mem_region(i, &s, &e)
		n++;
	HT_ASSERT_EQ(n, 0);
	HT_ASSERT_EQ(i, ULLONG_MAX);

	memblock_reserve(DRAM + SZ_16K, 100);
	memblock_reserve(DRAM, SZ_4K);
	for_each_reserved_mem_region(i, &s, &e)
		record(&w, s, e, 0);
	HT_ASSERT_EQ(i, ULLONG_MAX);
	HT_ASSERT_EQ(w.n, 2);
	HT_RANGE(w, 0, DRAM, DRAM + SZ_4K - 1);
	HT_RANGE(w, 1, DRAM + SZ_16K, DRAM + SZ_16K + 99);

	for_each_reserved_mem_region(i, NULL, NULL)
		n++;
	HT_ASSERT_EQ(n, 2);
}

static const struct ht_case cases[] = {
	HT_CASE(for_each_free_mem_range_check),
	HT_CASE(for_each_mem_range_null_outputs_check),
	HT_CASE(for_each_free_mem_range_none_check),
	HT_CASE(for_each_mem_range_no_exclusion_check),
	HT_CASE(for_each_free_mem_range_nid_check),
	HT_CASE(for_each_mem_range_swapped_check),
	HT_CASE(for_each_free_mem_range_empty_gap_check),
	HT_CASE(for_each_memblock_check),
	HT_CASE(for_each_reserved_mem_region_check),
};

void test_iter_group(void)
{
	ht_run_cases("iter", cases, HT_ARRAY_SIZE(cases));
}

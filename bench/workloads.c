// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The benchmark's workloads: how each case's memblock state is laid out in
 * free RAM, and the calls that are timed on it.
 *
 * Every case but dtbuild starts from the memblock the payload booted with
 * (memory, firmware, image, device tree) and adds N reserved regions in
 * the largest free range, the "area".  The top of the area is left free
 * (top_zone(), 2 MiB or more) because the doubled region arrays go there:
 * doubling is real, as in the kernel, and writes the new array into that
 * RAM.
 *
 *  limit   N regions spread evenly; 256-byte requests below a limit at
 *          1/16 of the area, so a walk from the top crosses 15/16 of them.
 *  topfit  the same layout; 4 KiB requests that fit in the free top zone:
 *          4.12's best case.
 *  frag    N 2 KiB gaps between 2 KiB regions, the rest of the area and
 *          the top zone reserved, and one large gap at the bottom: every
 *          gap is too small for a 4 KiB request except that one.
 *  dtbuild memblock built from nothing: one large bank, then N - 1 small
 *          banks each with one reservation, added in ascending order as
 *          device trees list them (memblock_add, memblock_reserve, ...).
 *          The last samples' calls are timed; the calls before them build
 *          the same arrays untimed (as every build, with the binary update
 *          path the harness selects while building).
 *  churn   the limit layout under a current_limit in mid-area; a ring of
 *          allocations of random size and alignment, the oldest freed as
 *          a new one is made.
 */

#include "bench/workloads.h"

#define TOP_ZONE_MIN	((phys_addr_t)2 << 20)
#define CHURN_RING	4

/* Deterministic pseudo-random numbers, reset by every build. */
static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Room for the doubled reserved array: 2 arrays of 2n 32-byte entries. */
static phys_addr_t top_zone(unsigned long n)
{
	phys_addr_t need = (phys_addr_t)n * 256;

	return need > TOP_ZONE_MIN ? need : TOP_ZONE_MIN;
}

/*
 * Reserve every free range in [@lo, @hi).  A reservation changes the array
 * the walk is indexing, so the walk starts again after each one.
 */
static void reserve_free_in(phys_addr_t lo, phys_addr_t hi)
{
	phys_addr_t start, end;
	bool again = true;
	u64 i;

	while (again) {
		again = false;
		for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start,
					&end, NULL) {
			start = start > lo ? start : lo;
			end = end < hi ? end : hi;
			if (start < end) {
				memblock_reserve(start, end - start);
				again = true;
				break;
			}
		}
	}
}

/*
 * Shared by limit, topfit and churn: the boot state plus @n regions of half
 * a slot each, evenly over the area below its top zone (n >= 16).  Sets
 * @limit_addr to 1/16 of the way up.  Return: false if slots would be under
 * 512 bytes.
 */
static phys_addr_t limit_addr;

static bool build_spread(unsigned long n, const struct bench_area *area)
{
	phys_addr_t top = area->hi - top_zone(n);
	phys_addr_t slot, rsize;

	if (top <= area->lo)
		return false;
	slot = ((top - area->lo) / n) & ~(phys_addr_t)63;
	if (slot < 512)
		return false;
	rsize = (slot / 2) & ~(phys_addr_t)63;

	bench_boot_state_restore();
	for (unsigned long i = 0; i < n; i++)
		memblock_reserve(area->lo + i * slot, rsize);
	/* the start of the region 1/16 of the way up: the gap below it fits */
	limit_addr = area->lo + ((top - area->lo) / 16 / slot) * slot;
	return true;
}

static bool build_limit(unsigned long n, unsigned int samples,
			const struct bench_area *area)
{
	(void)samples;
	return build_spread(n, area);
}

#define LIMIT_SIZE	256

static phys_addr_t limit_find(unsigned int i)
{
	(void)i;
	return memblock_find_in_range_node(LIMIT_SIZE, SMP_CACHE_BYTES, 0,
					   limit_addr, NUMA_NO_NODE,
					   MEMBLOCK_NONE);
}

static phys_addr_t limit_alloc(unsigned int i)
{
	(void)i;
	return memblock_alloc_base(LIMIT_SIZE, 0, limit_addr);
}

static const struct workload_op limit_ops[] = {
	{ "find", NULL, limit_find, NULL },
	{ "alloc", NULL, limit_alloc, NULL },
};

#define TOPFIT_SIZE	4096

static phys_addr_t topfit_find(unsigned int i)
{
	(void)i;
	return memblock_find_in_range_node(TOPFIT_SIZE, TOPFIT_SIZE, 0,
					   MEMBLOCK_ALLOC_ACCESSIBLE,
					   NUMA_NO_NODE, MEMBLOCK_NONE);
}

static phys_addr_t topfit_alloc(unsigned int i)
{
	(void)i;
	return memblock_alloc(TOPFIT_SIZE, TOPFIT_SIZE);
}

static const struct workload_op topfit_ops[] = {
	{ "find", NULL, topfit_find, NULL },
	{ "alloc", NULL, topfit_alloc, NULL },
};

#define FRAG_SLOT	4096
#define FRAG_GAP	2048
#define FRAG_SIZE	4096

static bool build_frag(unsigned long n, unsigned int samples,
		       const struct bench_area *area)
{
	phys_addr_t top = area->hi - top_zone(n);
	phys_addr_t big = (phys_addr_t)(samples + 1) * FRAG_SIZE;
	phys_addr_t first;

	if (top <= area->lo ||
	    top - area->lo < (phys_addr_t)n * FRAG_SLOT + big + FRAG_SLOT)
		return false;
	first = top - (phys_addr_t)n * FRAG_SLOT;

	bench_boot_state_restore();
	for (unsigned long i = 0; i < n; i++)
		memblock_reserve(first + i * FRAG_SLOT + FRAG_GAP,
				 FRAG_SLOT - FRAG_GAP);
	/* the filler below the small gaps; everything free above them */
	memblock_reserve(area->lo + big, first - area->lo - big);
	reserve_free_in(top, PHYS_ADDR_MAX);
	return true;
}

static phys_addr_t frag_find(unsigned int i)
{
	(void)i;
	return memblock_find_in_range_node(FRAG_SIZE, SMP_CACHE_BYTES, 0,
					   MEMBLOCK_ALLOC_ACCESSIBLE,
					   NUMA_NO_NODE, MEMBLOCK_NONE);
}

static phys_addr_t frag_alloc(unsigned int i)
{
	(void)i;
	return memblock_alloc(FRAG_SIZE, 0);
}

static const struct workload_op frag_ops[] = {
	{ "find", NULL, frag_find, NULL },
	{ "alloc", NULL, frag_alloc, NULL },
};

/*
 * dtbuild's calls: 2k is memblock_add of bank k, 2k + 1 memblock_reserve of
 * its reservation.  Bank 0 is half the area; banks 1..n-1 share the rest.
 */
static struct {
	phys_addr_t lo, half, slot;
	unsigned long n, first_timed;
} dt;

static phys_addr_t dtbuild_call(unsigned long c)
{
	unsigned long k = c / 2;
	phys_addr_t base, size;

	if (k == 0) {
		base = dt.lo;
		size = dt.half;
	} else {
		base = dt.lo + dt.half + (k - 1) * dt.slot;
		size = (dt.slot / 2) & ~(phys_addr_t)63;
	}
	if (c % 2 == 0)
		return (phys_addr_t)memblock_add(base, size);
	return (phys_addr_t)memblock_reserve(base + 64, 64);
}

static unsigned long dtbuild_max_samples(unsigned long n)
{
	return 2 * n;
}

static bool build_dtbuild(unsigned long n, unsigned int samples,
			  const struct bench_area *area)
{
	phys_addr_t len = area->hi - area->lo;

	dt.lo = area->lo;
	dt.half = (len / 2) & ~(phys_addr_t)0xffff;
	dt.n = n;
	dt.slot = n > 1 ? ((len - dt.half) / (n - 1)) & ~(phys_addr_t)63 : 0;
	if (n > 1 && dt.slot < 256)
		return false;
	dt.first_timed = 2 * n - samples;

	memblock_reset();
	memblock_allow_resize();
	for (unsigned long c = 0; c < dt.first_timed; c++)
		if (dtbuild_call(c))
			return false;
	return true;
}

static phys_addr_t dtbuild_timed(unsigned int i)
{
	return dtbuild_call(dt.first_timed + i);
}

static const struct workload_op dtbuild_ops[] = {
	{ "build", NULL, dtbuild_timed, NULL },
};

static struct {
	phys_addr_t base[CHURN_RING], size[CHURN_RING];
	unsigned int next;	/* oldest slot of the ring */
} churn;

static phys_addr_t churn_alloc_one(void)
{
	phys_addr_t size = 64 * (1 + rng() % 32);
	phys_addr_t align = (phys_addr_t)64 << (rng() % 5);
	phys_addr_t addr = memblock_alloc(size, align);

	churn.base[churn.next] = addr;
	churn.size[churn.next] = size;
	churn.next = (churn.next + 1) % CHURN_RING;
	return addr;
}

static phys_addr_t churn_free_oldest(void)
{
	unsigned int s = churn.next;

	return (phys_addr_t)memblock_free(churn.base[s], churn.size[s]);
}

static bool build_churn(unsigned long n, unsigned int samples,
			const struct bench_area *area)
{
	(void)samples;
	if (!build_spread(n, area))
		return false;
	memblock_set_current_limit(area->lo + (area->hi - area->lo) / 2);
	rng_state = 0x9e3779b97f4a7c15ULL;
	churn.next = 0;
	for (unsigned int s = 0; s < CHURN_RING; s++)
		churn_alloc_one();
	return true;
}

static phys_addr_t churn_timed_alloc(unsigned int i)
{
	(void)i;
	/* the new block goes where the oldest is about to leave the ring */
	return churn_alloc_one();
}

static void churn_prepare_alloc(unsigned int i)
{
	(void)i;
	churn_free_oldest();
}

static phys_addr_t churn_timed_free(unsigned int i)
{
	(void)i;
	return churn_free_oldest();
}

static void churn_after_free(unsigned int i)
{
	(void)i;
	churn_alloc_one();
}

static const struct workload_op churn_ops[] = {
	{ "alloc", churn_prepare_alloc, churn_timed_alloc, NULL },
	{ "free", NULL, churn_timed_free, churn_after_free },
};

#define OPS(a)	a, sizeof(a) / sizeof(a[0])

const struct workload bench_workloads[] = {
	{ "limit", build_limit, OPS(limit_ops), NULL },
	{ "topfit", build_limit, OPS(topfit_ops), NULL },
	{ "frag", build_frag, OPS(frag_ops), NULL },
	{ "dtbuild", build_dtbuild, OPS(dtbuild_ops), dtbuild_max_samples },
	{ "churn", build_churn, OPS(churn_ops), NULL },
};

const unsigned int bench_nr_workloads =
	sizeof(bench_workloads) / sizeof(bench_workloads[0]);

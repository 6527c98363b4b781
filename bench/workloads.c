// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The benchmark's workloads: the state each case is built on (outside the
 * timed region) and the calls that are timed on it.
 *
 * Every case but dtbuild starts from the memblock the payload booted with
 * (memory, firmware, image, device tree) and adds N reserved regions in
 * the area, the largest free range (bench/layout.c).
 *
 *  limit      the spread layout; 256-byte requests below a limit 1/16 of
 *             the way up, so a walk from the top crosses 15/16 of the
 *             regions.  They stay allocated.
 *  topfit     the same layout, and the small free ranges above the area
 *             reserved, so that the highest free range is the top zone;
 *             4 KiB requests that fit there: a walk from the top finds it
 *             at once (4.12's find at its best), and the reservation goes
 *             at the end of the array (where 4.12's update path scans
 *             the whole array first).
 *  frag       the frag layout: N gaps of 2 KiB and one large gap at the
 *             bottom; 4 KiB requests fit only the bottom one.
 *  dtbuild    memblock built from nothing as device trees list it
 *             (bench/dtbuild.c).
 *  churn      the spread layout under a current_limit halfway up; a ring
 *             of allocations of random size (64 B to 1 KiB) and alignment
 *             (64 B to 1 KiB), the oldest freed as a new one is made.
 *             Every request fits every gap.
 *  pair-limit, pair-frag, lifo
 *             allocations freed again (bench/temporaries.c).
 *  scatter    the spread layout; 64-byte reservations at random places
 *             in the middle half of the gaps, none touching another
 *             region: each one is an insertion in the middle of the
 *             array, as a device tree that lists regions in any order
 *             gives.
 */

#include "bench/layout.h"

#define LIMIT_SIZE	256
#define TOPFIT_SIZE	4096
#define CHURN_RING	4
#define CHURN_SIZES	16	/* 64 B to 1 KiB */
#define CHURN_ALIGNS	5	/* 64 B to 1 KiB */
#define SCATTER_SIZE	64

static const char *build_spread_case(unsigned long n, unsigned int samples,
				     const struct bench_area *area)
{
	(void)samples;
	return build_spread(n, area);
}

static const char *check_limit(unsigned long n, unsigned int samples)
{
	(void)n;
	(void)samples;
	return check_below_limit(spread.limit, LIMIT_SIZE, "a request");
}

static phys_addr_t limit_find(unsigned int i)
{
	(void)i;
	return memblock_find_in_range_node(LIMIT_SIZE, SMP_CACHE_BYTES, 0,
					   spread.limit, NUMA_NO_NODE,
					   MEMBLOCK_NONE);
}

static phys_addr_t limit_alloc(unsigned int i)
{
	(void)i;
	return memblock_alloc_base(LIMIT_SIZE, 0, spread.limit);
}

static const struct workload_op limit_ops[] = {
	{ "find", NULL, limit_find, NULL, 0 },
	{ "alloc", NULL, limit_alloc, NULL, 0 },
};

static const char *build_topfit(unsigned long n, unsigned int samples,
				const struct bench_area *area)
{
	const char *no = build_spread(n, area);

	(void)samples;
	if (!no)
		reserve_free_in(area->hi, PHYS_ADDR_MAX);
	return no;
}

/* topfit: the highest free range holds every sample's request. */
static const char *check_topfit(unsigned long n, unsigned int samples)
{
	phys_addr_t s, e, need = (phys_addr_t)(samples + 1) * TOPFIT_SIZE;

	(void)n;
	if (!free_range_below(memblock.current_limit, &s, &e) ||
	    e - s < need)
		return why("the highest free range holds fewer than %u requests of %d B",
			   samples + 1, TOPFIT_SIZE);
	return NULL;
}

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
	{ "find", NULL, topfit_find, NULL, 0 },
	{ "alloc", NULL, topfit_alloc, NULL, 0 },
};

static const char *check_frag_case(unsigned long n, unsigned int samples)
{
	return check_frag(n, samples);
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
	{ "find", NULL, frag_find, NULL, 0 },
	{ "alloc", NULL, frag_alloc, NULL, 0 },
};

static struct {
	phys_addr_t base[CHURN_RING], size[CHURN_RING];
	unsigned int next;	/* oldest slot of the ring */
} churn;

static phys_addr_t churn_size(uint64_t r)
{
	return 64 * (1 + r % CHURN_SIZES);
}

static phys_addr_t churn_align(uint64_t r)
{
	return (phys_addr_t)64 << (r % CHURN_ALIGNS);
}

static phys_addr_t churn_alloc_one(void)
{
	phys_addr_t size = churn_size(bench_rng());
	phys_addr_t align = churn_align(bench_rng());
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

/* churn: the share of its request kinds that fit the gap below the limit. */
static const char *check_churn(unsigned long n, unsigned int samples)
{
	unsigned int fit = 0, kinds = CHURN_SIZES * CHURN_ALIGNS;
	phys_addr_t s, e;

	(void)n;
	(void)samples;
	if (!free_range_below(spread.middle, &s, &e))
		return why("no free range below the limit");
	for (unsigned int k = 0; k < kinds; k++)
		fit += range_fits(s, e, churn_size(k % CHURN_SIZES),
				  churn_align(k / CHURN_SIZES));
	if (fit < kinds)
		return why("the gap below the limit is %llu B: %u%% of churn's request kinds (64 B to 1 KiB at 64 B to 1 KiB alignment) fit it, not all",
			   (unsigned long long)(e - s), fit * 100 / kinds);
	return NULL;
}

static const char *build_churn(unsigned long n, unsigned int samples,
			       const struct bench_area *area)
{
	const char *no = build_spread(n, area);

	(void)samples;
	if (no)
		return no;
	/* the state the check looks at: the ring is made after it */
	memblock_set_current_limit(spread.middle);
	return NULL;
}

static void churn_start(void)
{
	bench_rng_seed(0x9e3779b97f4a7c15ULL);
	churn.next = 0;
	for (unsigned int s = 0; s < CHURN_RING; s++)
		churn_alloc_one();
}

static void churn_prepare_alloc(unsigned int i)
{
	if (i == 0)
		churn_start();
	churn_free_oldest();
}

static phys_addr_t churn_timed_alloc(unsigned int i)
{
	(void)i;
	/* the new block goes where the oldest has just left the ring */
	return churn_alloc_one();
}

static void churn_prepare_free(unsigned int i)
{
	if (i == 0)
		churn_start();
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
	{ "alloc", churn_prepare_alloc, churn_timed_alloc, NULL, 0 },
	{ "free", churn_prepare_free, churn_timed_free, churn_after_free, 0 },
};

static phys_addr_t scatter_at;

/* scatter: room in the middle gaps, and no doubling among the samples. */
static const char *check_scatter(unsigned long n, unsigned int samples)
{
	phys_addr_t gap = spread.slot - spread.rsize;

	(void)n;
	if (gap < 4 * SCATTER_SIZE)
		return why("gaps of %llu B leave no room for a %d B reservation touching nothing",
			   (unsigned long long)gap, SCATTER_SIZE);
	if (memblock.reserved.cnt + samples > memblock.reserved.max)
		return why("%lu regions and %u reservations would double the array of %lu among the samples",
			   memblock.reserved.cnt, samples,
			   memblock.reserved.max);
	return NULL;
}

/*
 * A place in the gap after a random region of the middle half, 64 bytes
 * from anything reserved on either side, so that the reservation is an
 * insertion and merges with nothing.
 */
static void scatter_prepare(unsigned int i)
{
	unsigned long half = spread.n / 2;
	phys_addr_t gap = spread.slot - spread.rsize;
	phys_addr_t places = (gap - 2 * SCATTER_SIZE) / (2 * SCATTER_SIZE);

	if (i == 0)
		bench_rng_seed(0x2545f4914f6cdd1dULL);
	for (unsigned int try = 0; try < 1000; try++) {
		unsigned long g = spread.n / 4 + bench_rng() % half;
		phys_addr_t start = spread.lo + g * spread.slot + spread.rsize;

		scatter_at = start + SCATTER_SIZE +
			     2 * SCATTER_SIZE * (bench_rng() % places);
		if (!memblock_is_region_reserved(scatter_at - SCATTER_SIZE,
						 3 * SCATTER_SIZE))
			return;
	}
}

static phys_addr_t scatter_reserve(unsigned int i)
{
	(void)i;
	return (phys_addr_t)memblock_reserve(scatter_at, SCATTER_SIZE);
}

static const struct workload_op scatter_ops[] = {
	{ "reserve", scatter_prepare, scatter_reserve, NULL, 0 },
};

#define OPS(a)	a, sizeof(a) / sizeof(a[0])

static const struct workload bench_limit = {
	"limit", build_spread_case, check_limit, NULL, OPS(limit_ops), NULL,
};

static const struct workload bench_topfit = {
	"topfit", build_topfit, check_topfit, NULL, OPS(topfit_ops), NULL,
};

static const struct workload bench_frag = {
	"frag", build_frag, check_frag_case, NULL, OPS(frag_ops), NULL,
};

static const struct workload bench_churn = {
	"churn", build_churn, check_churn, NULL, OPS(churn_ops), NULL,
};

static const struct workload bench_scatter = {
	"scatter", build_spread_case, check_scatter, NULL, OPS(scatter_ops),
	NULL,
};

const struct workload *const bench_workloads[] = {
	&bench_limit, &bench_topfit, &bench_frag,
	&bench_dtbuild, &bench_churn,
	&bench_pair_limit, &bench_pair_frag, &bench_lifo,
	&bench_scatter,
};

const unsigned int bench_nr_workloads =
	sizeof(bench_workloads) / sizeof(bench_workloads[0]);

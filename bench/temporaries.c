// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Workloads whose allocations are freed again, as kernels free temporary
 * buffers, the initrd or firmware tables early on (issue 10):
 *
 *  pair-limit  the limit layout: a 256-byte block allocated below the
 *              limit and freed again.  Ops: pair (both calls as one op),
 *              alloc and free (each half alone, the other untimed).
 *  pair-frag   the frag layout: a 4 KiB block, which only the bottom gap
 *              holds, allocated and freed again.  The same ops.
 *  lifo        the limit layout: k = 8 temporaries of 256 bytes allocated
 *              below the limit, then freed in reverse order.  Ops: seq
 *              (all 16 calls as one op), alloc and free (one call each,
 *              the rest of the sequence untimed).
 *
 * Every sample leaves the state it found, so the samples after the first
 * measure the same thing again.
 */

#include "bench/layout.h"

#define TEMP_SIZE	256
#define LIFO_K		8

static struct {
	phys_addr_t size, max_addr;
	phys_addr_t base[LIFO_K];
} temps;

static phys_addr_t temp_alloc(unsigned int j)
{
	temps.base[j] = memblock_alloc_base(temps.size, 0, temps.max_addr);
	return temps.base[j];
}

static int temp_free(unsigned int j)
{
	return memblock_free(temps.base[j], temps.size);
}

/* A block's address, with bit 0 set if freeing it failed. */
static phys_addr_t alloc_then_free(unsigned int j)
{
	phys_addr_t a = temp_alloc(j);

	return a | (temp_free(j) != 0);
}

static phys_addr_t pair_timed(unsigned int i)
{
	(void)i;
	return alloc_then_free(0);
}

static phys_addr_t pair_timed_alloc(unsigned int i)
{
	(void)i;
	return temp_alloc(0);
}

static void pair_after_alloc(unsigned int i)
{
	(void)i;
	temp_free(0);
}

static void pair_prepare_free(unsigned int i)
{
	(void)i;
	temp_alloc(0);
}

static phys_addr_t pair_timed_free(unsigned int i)
{
	(void)i;
	return (phys_addr_t)temp_free(0);
}

static const struct workload_op pair_ops[] = {
	{ "pair", NULL, pair_timed, NULL, 0 },
	{ "alloc", NULL, pair_timed_alloc, pair_after_alloc, 0 },
	{ "free", pair_prepare_free, pair_timed_free, NULL, 0 },
};

static const char *build_pair_limit(unsigned long n, unsigned int samples,
				    const struct bench_area *area)
{
	const char *no = build_spread(n, area);

	(void)samples;
	temps.size = TEMP_SIZE;
	temps.max_addr = spread.limit;
	return no;
}

static const char *check_pair_limit(unsigned long n, unsigned int samples)
{
	(void)n;
	(void)samples;
	return check_below_limit(spread.limit, TEMP_SIZE, "a request");
}

static const char *build_pair_frag(unsigned long n, unsigned int samples,
				   const struct bench_area *area)
{
	temps.size = FRAG_SIZE;
	temps.max_addr = MEMBLOCK_ALLOC_ACCESSIBLE;
	return build_frag(n, samples, area);
}

static const char *check_pair_frag(unsigned long n, unsigned int samples)
{
	return check_frag(n, samples);
}

/* lifo's sequence: alloc 0..k-1, then free k-1..0; a hash of the results. */
static phys_addr_t lifo_seq(unsigned int i)
{
	phys_addr_t h = 0;

	(void)i;
	for (unsigned int j = 0; j < LIFO_K; j++)
		h = h * 31 + temp_alloc(j);
	for (unsigned int j = LIFO_K; j-- > 0;)
		h = h * 31 + (phys_addr_t)temp_free(j);
	return h;
}

static phys_addr_t lifo_timed_alloc(unsigned int i)
{
	return temp_alloc(i % LIFO_K);
}

static void lifo_after_alloc(unsigned int i)
{
	if (i % LIFO_K != LIFO_K - 1)
		return;
	for (unsigned int j = LIFO_K; j-- > 0;)
		temp_free(j);
}

static void lifo_prepare_free(unsigned int i)
{
	if (i % LIFO_K)
		return;
	for (unsigned int j = 0; j < LIFO_K; j++)
		temp_alloc(j);
}

static phys_addr_t lifo_timed_free(unsigned int i)
{
	return (phys_addr_t)temp_free(LIFO_K - 1 - i % LIFO_K);
}

static const struct workload_op lifo_ops[] = {
	{ "seq", NULL, lifo_seq, NULL, 0 },
	{ "alloc", NULL, lifo_timed_alloc, lifo_after_alloc, 0 },
	{ "free", lifo_prepare_free, lifo_timed_free, NULL, 0 },
};

/* lifo's temporaries all fit the gap below the limit. */
static const char *check_lifo(unsigned long n, unsigned int samples)
{
	(void)n;
	(void)samples;
	return check_below_limit(spread.limit, LIFO_K * TEMP_SIZE,
				 "8 temporaries");
}

#define OPS(a)	a, sizeof(a) / sizeof(a[0])

const struct workload bench_pair_limit = {
	"pair-limit", build_pair_limit, check_pair_limit, NULL, OPS(pair_ops),
	NULL,
};

const struct workload bench_pair_frag = {
	"pair-frag", build_pair_frag, check_pair_frag, NULL, OPS(pair_ops),
	NULL,
};

const struct workload bench_lifo = {
	"lifo", build_pair_limit, check_lifo, NULL, OPS(lifo_ops), NULL,
};

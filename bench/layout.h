/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef BENCH_LAYOUT_H
#define BENCH_LAYOUT_H

/*
 * The layouts the workloads build in the area, and the queries that check
 * a built state is what a workload's name says (bench/layout.c).  All of
 * it runs outside the timed region.
 */

#include "bench/workloads.h"

/* Deterministic pseudo-random numbers: the same sequence for every combination. */
void bench_rng_seed(uint64_t seed);
uint64_t bench_rng(void);

/*
 * The spread layout: the boot state plus n reserved regions of half a slot
 * each, evenly over the area below its top zone.  @limit is the start of
 * the region 1/16 of the way up (limit's max_addr), @middle the start of
 * the region halfway up (churn's current_limit).
 */
struct spread_layout {
	unsigned long n;
	phys_addr_t lo, top, slot, rsize;
	phys_addr_t limit, middle;
};

extern struct spread_layout spread;

const char *build_spread(unsigned long n, const struct bench_area *area);
const char *check_below_limit(phys_addr_t limit, phys_addr_t need,
			      const char *what);

/*
 * The frag layout: n 2 KiB gaps between 2 KiB regions at the top of the
 * area, everything else in the area reserved but for one gap at its
 * bottom that holds @samples + 1 requests of FRAG_SIZE.
 */
#define FRAG_SIZE	4096
const char *build_frag(unsigned long n, unsigned int samples,
		       const struct bench_area *area);
const char *check_frag(unsigned long n, unsigned int samples);

/* Reserve every free range in [@lo, @hi). */
void reserve_free_in(phys_addr_t lo, phys_addr_t hi);
/* The free range [*start, *end) that ends highest at or below @limit. */
bool free_range_below(phys_addr_t limit, phys_addr_t *start,
		      phys_addr_t *end);
/* Does [@start, @end) hold @size bytes at @align (top-down, as memblock)? */
bool range_fits(phys_addr_t start, phys_addr_t end, phys_addr_t size,
		phys_addr_t align);

/* One line saying why a layout does not hold (printf-style). */
const char *why(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* BENCH_LAYOUT_H */

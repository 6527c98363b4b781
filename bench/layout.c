// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The layouts the workloads share, built in the area (the largest free
 * range of the boot state), and the queries their checks use.
 *
 * Sizes scale with the area: a slot is the area below the top zone divided
 * by N, so more memory (make bench MEM=1G) gives larger gaps at the same N.
 * A layout that cannot be what its workload's name says at this N and in
 * this much memory is not built, or fails its check, and the case is
 * skipped with one line saying why: never measured and reported as
 * something it is not.
 *
 * The top of the area is left free (top_zone(), 2 MiB or more) because the
 * doubled region arrays go there: doubling is real, as in the kernel, and
 * writes the new array into that RAM.
 */

#include <stdarg.h>
#include <stdio.h>

#include "bench/layout.h"

#define TOP_ZONE_MIN	((phys_addr_t)2 << 20)
#define MIN_SLOT	512
#define FRAG_SLOT	4096
#define FRAG_GAP	2048

struct spread_layout spread;
/* frag's bottom gap, as the layout places it in the area */
static phys_addr_t frag_bottom, frag_bottom_end;

static uint64_t rng_state;

void bench_rng_seed(uint64_t seed)
{
	rng_state = seed;
}

/* xorshift64: cheap, and the same on the payload and the host. */
uint64_t bench_rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

const char *why(const char *fmt, ...)
{
	static char line[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	return line;
}

/*
 * Room for the doubled arrays above the regions: the reserved array of 2n
 * 32-byte entries while the old one is still in use, and what else grows
 * with it (the gap index's pool under gaptree).
 */
static phys_addr_t top_zone(unsigned long n)
{
	phys_addr_t need = (phys_addr_t)n * 256;

	return need > TOP_ZONE_MIN ? need : TOP_ZONE_MIN;
}

/*
 * Reserve every free range in [@lo, @hi).  A reservation changes the array
 * the walk is indexing, so the walk starts again after each one.
 */
void reserve_free_in(phys_addr_t lo, phys_addr_t hi)
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

bool free_range_below(phys_addr_t limit, phys_addr_t *start,
		      phys_addr_t *end)
{
	phys_addr_t s, e;
	u64 i;

	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s,
					&e, NULL) {
		if (s >= limit)
			continue;
		*start = s;
		*end = e < limit ? e : limit;
		return true;
	}
	return false;
}

bool range_fits(phys_addr_t start, phys_addr_t end, phys_addr_t size,
		phys_addr_t align)
{
	return end - start >= size && ((end - size) & ~(align - 1)) >= start;
}

const char *build_spread(unsigned long n, const struct bench_area *area)
{
	phys_addr_t zone = top_zone(n);

	if (area->hi - area->lo <= zone)
		return why("the area of %llu KiB leaves nothing below a top zone of %llu KiB for the doubled arrays",
			   (unsigned long long)(area->hi - area->lo) >> 10,
			   (unsigned long long)zone >> 10);
	spread.n = n;
	spread.lo = area->lo;
	spread.top = area->hi - zone;
	spread.slot = ((spread.top - spread.lo) / n) & ~(phys_addr_t)63;
	if (spread.slot < MIN_SLOT)
		return why("slots of %llu B, under %d B: no room for regions and gaps of 256 B",
			   (unsigned long long)spread.slot, MIN_SLOT);
	spread.rsize = (spread.slot / 2) & ~(phys_addr_t)63;

	bench_boot_state_restore();
	for (unsigned long i = 0; i < n; i++)
		memblock_reserve(spread.lo + i * spread.slot, spread.rsize);
	spread.limit = spread.lo + (n / 16) * spread.slot;
	spread.middle = spread.lo + (n / 2) * spread.slot;
	return NULL;
}

/*
 * The spread layout below @limit: the walk from the top crosses at least
 * 15/16 of the regions, and the gap just below @limit holds @need bytes.
 */
const char *check_below_limit(phys_addr_t limit, phys_addr_t need,
			      const char *what)
{
	unsigned long above = 0;
	phys_addr_t s, e;

	for (unsigned long i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		above += r->base >= limit && r->base < spread.top;
	}
	if (above < spread.n - spread.n / 16)
		return why("%lu of the %lu regions lie above the limit, not 15/16 of them",
			   above, spread.n);
	if (!free_range_below(limit, &s, &e) || e != limit)
		return why("no free gap ends at the limit 0x%llx",
			   (unsigned long long)limit);
	if (!range_fits(s, e, need, SMP_CACHE_BYTES))
		return why("the gap below the limit is %llu B: %s (%llu B) do not fit",
			   (unsigned long long)(e - s), what,
			   (unsigned long long)need);
	return NULL;
}

const char *build_frag(unsigned long n, unsigned int samples,
		       const struct bench_area *area)
{
	phys_addr_t zone = top_zone(n);
	phys_addr_t top = area->hi - zone;
	phys_addr_t big = (phys_addr_t)(samples + 1) * FRAG_SIZE;
	phys_addr_t first;

	if (area->hi - area->lo <= zone ||
	    top - area->lo < (phys_addr_t)n * FRAG_SLOT + big + FRAG_SLOT)
		return why("%lu slots of %d B, a bottom gap of %llu KiB and a top zone of %llu KiB need more than the area's %llu KiB",
			   n, FRAG_SLOT, (unsigned long long)big >> 10,
			   (unsigned long long)zone >> 10,
			   (unsigned long long)(area->hi - area->lo) >> 10);
	first = top - (phys_addr_t)n * FRAG_SLOT;

	bench_boot_state_restore();
	for (unsigned long i = 0; i < n; i++)
		memblock_reserve(first + i * FRAG_SLOT + FRAG_GAP,
				 FRAG_SLOT - FRAG_GAP);
	/* the filler below the small gaps; everything free above them */
	memblock_reserve(area->lo + big, first - area->lo - big);
	reserve_free_in(top, PHYS_ADDR_MAX);
	frag_bottom = area->lo;
	frag_bottom_end = area->lo + big;
	return NULL;
}

/*
 * frag: walking down from the top, the first free range that holds a
 * request is the bottom gap (with whatever free memory lies just below the
 * area), which holds all of them; above it lie the n small gaps.
 */
const char *check_frag(unsigned long n, unsigned int samples)
{
	unsigned long small = 0;
	phys_addr_t s, e;
	u64 i;

	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s,
					&e, NULL) {
		if (range_fits(s, e, FRAG_SIZE, SMP_CACHE_BYTES)) {
			if (s > frag_bottom || e != frag_bottom_end)
				return why("the free range [0x%llx-0x%llx) above the bottom gap holds a request",
					   (unsigned long long)s,
					   (unsigned long long)e);
			if (e - s < (phys_addr_t)(samples + 1) * FRAG_SIZE)
				return why("the bottom gap holds fewer than %u requests",
					   samples + 1);
			break;
		}
		small++;
	}
	if (small != n)
		return why("%lu small gaps above the bottom one, not %lu",
			   small, n);
	return NULL;
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Find strategy "binary": 4.12's walk of the free ranges, started where the
 * answer can first be and stopped where it can no longer be.
 *
 * Linux walks from the top of memory (or the bottom) whatever [start, end)
 * is; every free range outside [start, end) is clamped to nothing and
 * skipped.  Both arrays are sorted, so two binary searches find the memory
 * region and the reserved gap where the walk has to begin, and the walk
 * ends as soon as a range lies wholly past the other bound.  The ranges
 * visited in between are the same ones, in the same order, so the answer
 * is the same.
 *
 * The walk also serves gaptree before its index is built: it then visits at
 * most memblock_walk_budget free ranges without a fit and hands the search
 * over to the index (mm/gaptree.c), which builds itself.  Under binary the
 * budget is unlimited; the instructions are the same either way.
 */

#include "memblock_internal.h"

/* Walk index of __next_mem_range*(): memory index low, reserved gap high. */
static u64 walk_index(long idx_a, long idx_b)
{
	return (u64)(uint32_t)idx_a | (u64)idx_b << 32;
}

/*
 * Top-down: begin at the last memory region starting below @end and at the
 * last reserved gap starting below min(@end, that region's end); gap b
 * starts where reserved region b - 1 ends.
 */
phys_addr_t memblock_find_binary_top_down(phys_addr_t start, phys_addr_t end,
					  phys_addr_t size, phys_addr_t align,
					  int nid, ulong flags)
{
	struct memblock_type *mem = &memblock.memory;
	struct memblock_type *rsv = &memblock.reserved;
	phys_addr_t this_start, this_end, cand, top;
	unsigned long budget = memblock_walk_budget;
	long ia, ib;
	u64 i;

	/* A 0-byte request can match at @end itself: leave it to 4.12's walk. */
	if (!size)
		return memblock_find_linear_top_down(start, end, size, align,
						     nid, flags);

	if (!mem->total_size)
		return 0;
	if (end >= region_end(&mem->regions[mem->cnt - 1])) {
		/* nothing to skip: start where 4.12 starts, at the very top */
		ia = mem->cnt - 1;
		ib = rsv->cnt;
	} else {
		ia = memblock_last_region_starting_below(mem, end);
		if (ia < 0)
			return 0;
		top = min(end, region_end(&mem->regions[ia]));
		/* gap ib starts at the end of region ib - 1, below @top */
		ib = memblock_first_region_ending_after(rsv, top - 1);
	}
	trace_memblock_step(MEMBLOCK_TRACE_BINARY_START, ia, ib);

	i = walk_index(ia, ib);
	for (__next_mem_range_rev(&i, nid, flags, mem, rsv, &this_start,
				  &this_end, NULL);
	     i != (u64)ULLONG_MAX;
	     __next_mem_range_rev(&i, nid, flags, mem, rsv, &this_start,
				  &this_end, NULL)) {
		/* everything from here down lies below @start */
		if (this_end <= start) {
			trace_memblock_step(MEMBLOCK_TRACE_BINARY_STOP,
					    this_start, this_end);
			break;
		}
		if (memblock_fit_top_down(this_start, this_end, start, end,
					  size, align, &cand))
			return cand;
		if (!--budget) {
			trace_memblock_step(MEMBLOCK_TRACE_HAND_OVER,
					    memblock_walk_budget);
			return memblock_find_gaptree_top_down(start, end, size,
								      align, nid, flags);
		}
	}

	return 0;
}

/*
 * Bottom-up: begin at the first memory region ending above @start and at
 * the reserved gap holding max(@start, that region's base); gap b ends
 * where reserved region b begins.
 */
phys_addr_t memblock_find_binary_bottom_up(phys_addr_t start, phys_addr_t end,
					   phys_addr_t size, phys_addr_t align,
					   int nid, ulong flags)
{
	struct memblock_type *mem = &memblock.memory;
	struct memblock_type *rsv = &memblock.reserved;
	phys_addr_t this_start, this_end, cand, bottom;
	unsigned long budget = memblock_walk_budget;
	unsigned long ia, ib;
	u64 i;

	if (start <= mem->regions[0].base) {
		/* nothing to skip: start where 4.12 starts, at the very bottom */
		ia = 0;
		ib = 0;
	} else {
		ia = memblock_first_region_ending_after(mem, start);
		if (ia >= mem->cnt)
			return 0;
		bottom = max(start, mem->regions[ia].base);
		/* gap ib ends at the base of region ib, above @bottom */
		ib = memblock_last_region_starting_below(rsv, bottom + 1) + 1;
	}
	trace_memblock_step(MEMBLOCK_TRACE_BINARY_START, ia, ib);

	i = walk_index(ia, ib);
	for (__next_mem_range(&i, nid, flags, mem, rsv, &this_start,
			      &this_end, NULL);
	     i != (u64)ULLONG_MAX;
	     __next_mem_range(&i, nid, flags, mem, rsv, &this_start,
			      &this_end, NULL)) {
		/* everything from here up lies at or above @end */
		if (this_start >= end) {
			trace_memblock_step(MEMBLOCK_TRACE_BINARY_STOP,
					    this_start, this_end);
			break;
		}
		if (memblock_fit_bottom_up(this_start, this_end, start, end,
					   size, align, &cand))
			return cand;
		if (!--budget) {
			trace_memblock_step(MEMBLOCK_TRACE_HAND_OVER,
					    memblock_walk_budget);
			return memblock_find_gaptree_bottom_up(start, end, size,
								       align, nid, flags);
		}
	}

	return 0;
}

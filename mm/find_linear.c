// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Find strategy "linear": Linux 4.12's __memblock_find_range_top_down() and
 * __memblock_find_range_bottom_up(), the baseline the other strategies are
 * measured against.  Both walk every free range (memory minus reserved)
 * from one end of memory, whatever [start, end) is.
 */

#include "memblock_internal.h"

/**
 * memblock_find_linear_bottom_up - find free area utility in bottom-up
 * @start: start of candidate range
 * @end: end of candidate range, can be %MEMBLOCK_ALLOC_ANYWHERE
 * @size: size of free area to find
 * @align: alignment of free area to find
 * @nid: nid of the free area to find, %NUMA_NO_NODE for any node
 * @flags: pick from blocks based on memory attributes
 *
 * Linux 4.12's __memblock_find_range_bottom_up(): walk every free range
 * from the bottom and return the first aligned fit in [@start, @end).
 *
 * Return: Found address on success, 0 on failure.
 */
phys_addr_t memblock_find_linear_bottom_up(phys_addr_t start, phys_addr_t end,
					   phys_addr_t size, phys_addr_t align,
					   int nid, ulong flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range(i, nid, flags, &this_start, &this_end, NULL)
		if (memblock_fit_bottom_up(this_start, this_end, start, end,
					   size, align, &cand))
			return cand;

	return 0;
}

/**
 * memblock_find_linear_top_down - find free area utility, in top-down
 * @start: start of candidate range
 * @end: end of candidate range, can be %MEMBLOCK_ALLOC_ANYWHERE
 * @size: size of free area to find
 * @align: alignment of free area to find
 * @nid: nid of the free area to find, %NUMA_NO_NODE for any node
 * @flags: pick from blocks based on memory attributes
 *
 * Linux 4.12's __memblock_find_range_top_down(): walk every free range
 * from the top and return the highest aligned fit in [@start, @end).  The
 * walk starts at the top of memory whatever @end is: that is the cost the
 * other strategies remove.
 *
 * Return: Found address on success, 0 on failure.
 */
phys_addr_t memblock_find_linear_top_down(phys_addr_t start, phys_addr_t end,
					  phys_addr_t size, phys_addr_t align,
					  int nid, ulong flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range_reverse(i, nid, flags, &this_start, &this_end,
					NULL)
		if (memblock_fit_top_down(this_start, this_end, start, end,
					  size, align, &cand))
			return cand;

	return 0;
}

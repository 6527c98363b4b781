// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock.memory seen as page frames, as Linux 4.12's node and zone setup
 * sees it (CONFIG_HAVE_MEMBLOCK_NODE_MAP): the pages each region holds
 * whole, which node they are on, and how many there are below a limit.
 *
 * A page frame number beyond the physical address space (above
 * PHYS_PFN(PHYS_ADDR_MAX)) names no memory here; 4.12 would shift its top
 * bits away and answer for a low address instead.
 */

#include "memblock_internal.h"

static bool pfn_addressable(unsigned long pfn)
{
	return pfn <= PHYS_PFN(PHYS_ADDR_MAX);
}

/**
 * __next_mem_pfn_range - next function for for_each_mem_pfn_range()
 * @idx: pointer to int loop variable, -1 to start
 * @nid: node selector, %MAX_NUMNODES for all nodes
 * @out_start_pfn: ptr to ulong for start pfn of the range, can be %NULL
 * @out_end_pfn: ptr to ulong for end pfn of the range, can be %NULL
 * @out_nid: ptr to int for nid of the range, can be %NULL
 *
 * Step to the next memory region after *@idx that holds at least one whole
 * page and is on node @nid, and give its whole pages [*@out_start_pfn,
 * *@out_end_pfn).  As in 4.12, @nid %MAX_NUMNODES means every node and
 * %NUMA_NO_NODE only regions whose nid is %NUMA_NO_NODE.  *@idx becomes -1
 * at the end.
 */
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid)
{
	struct memblock_type *type = &memblock.memory;
	struct memblock_region *r = NULL;

	while (++*idx < (long)type->cnt) {
		r = &type->regions[*idx];

		if (memblock_region_memory_base_pfn(r) >=
		    memblock_region_memory_end_pfn(r))
			continue;
		if (nid == MAX_NUMNODES || nid == r->nid)
			break;
	}
	if (*idx >= (long)type->cnt) {
		*idx = -1;
		return;
	}

	if (out_start_pfn)
		*out_start_pfn = memblock_region_memory_base_pfn(r);
	if (out_end_pfn)
		*out_end_pfn = memblock_region_memory_end_pfn(r);
	if (out_nid)
		*out_nid = r->nid;
}

/**
 * memblock_search_pfn_nid - the memory region holding page frame @pfn
 * @pfn: page frame number to look up
 * @start_pfn: out: the first page frame of that region (rounded down)
 * @end_pfn: out: the page frame after its last whole page
 *
 * Return: the region's node id, or -1 (and the outputs untouched) when no
 * memory region holds the first byte of @pfn.
 */
int memblock_search_pfn_nid(unsigned long pfn, unsigned long *start_pfn,
			    unsigned long *end_pfn)
{
	struct memblock_type *type = &memblock.memory;
	int mid;

	if (!pfn_addressable(pfn))
		return -1;

	mid = memblock_search(type, PFN_PHYS(pfn));
	if (mid == -1)
		return -1;

	*start_pfn = PFN_DOWN(type->regions[mid].base);
	*end_pfn = PFN_DOWN(region_end(&type->regions[mid]));

	return type->regions[mid].nid;
}

/**
 * memblock_next_valid_pfn - the next page frame after @pfn that is memory
 * @pfn: the page frame to step from
 * @max_pfn: the answer's upper bound
 *
 * For walks over page frames that skip the holes between memory regions:
 * @pfn + 1 when its first byte is memory, else the first page frame of
 * the next memory region above it.
 *
 * Return: that page frame, at most @max_pfn; @max_pfn when no memory
 * lies above.
 */
unsigned long memblock_next_valid_pfn(unsigned long pfn,
				      unsigned long max_pfn)
{
	struct memblock_type *type = &memblock.memory;
	phys_addr_t addr;
	unsigned long right;

	if (pfn >= PHYS_PFN(PHYS_ADDR_MAX))
		return max_pfn;
	addr = PFN_PHYS(pfn + 1);

	/* the first region that ends above @addr: it holds it or lies above */
	right = memblock_first_region_ending_after(type, addr);
	if (right == type->cnt)
		return max_pfn;
	if (type->regions[right].base <= addr)
		return min(pfn + 1, max_pfn);
	return min(PHYS_PFN(type->regions[right].base), max_pfn);
}

/**
 * memblock_mem_size - memory below a page frame, in whole pages
 * @limit_pfn: count only the pages below this page frame
 *
 * The size of the whole pages of memory below @limit_pfn.  A region too
 * small to hold a whole page counts nothing; 4.12 would add its negative
 * page count, wrapping the sum.
 *
 * Return: that size in bytes.
 */
phys_addr_t memblock_mem_size(unsigned long limit_pfn)
{
	unsigned long pages = 0;
	struct memblock_region *r;

	for_each_memblock(memory, r) {
		unsigned long start_pfn = memblock_region_memory_base_pfn(r);
		unsigned long end_pfn = memblock_region_memory_end_pfn(r);

		start_pfn = min(start_pfn, limit_pfn);
		end_pfn = min(end_pfn, limit_pfn);
		if (end_pfn > start_pfn)
			pages += end_pfn - start_pfn;
	}

	return PFN_PHYS(pages);
}

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The two-index walk behind for_each_mem_range() and friends.
 *
 * The loop variable packs two indices: the low 32 bits index type_a (the
 * regions walked, usually memory), the high 32 bits index the gaps of
 * type_b (the regions excluded, usually reserved).  Gap i of type_b is the
 * space between region i - 1 and region i; gap 0 starts at 0 and gap cnt
 * ends at ULLONG_MAX.  Each step yields the next intersection of a type_a
 * region with a type_b gap and advances whichever of the two ends first.
 */

#include "memblock_internal.h"

/* The slow half of memblock_nid_or_any(): 4.12's WARN_ONCE. */
int memblock_max_numnodes_is_any(void)
{
	static bool warned;

	if (!warned) {
		memblock_printf("memblock: Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead\n");
		warned = true;
	}
	return NUMA_NO_NODE;
}

static phys_addr_t gap_start(const struct memblock_type *type, long idx_b)
{
	return idx_b ? region_end(&type->regions[idx_b - 1]) : 0;
}

static phys_addr_t gap_end(const struct memblock_type *type, long idx_b)
{
	return (unsigned long)idx_b < type->cnt ? type->regions[idx_b].base :
						  ULLONG_MAX;
}

static void next_out(phys_addr_t start, phys_addr_t end, int nid,
		     phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid)
{
	if (out_start)
		*out_start = start;
	if (out_end)
		*out_end = end;
	if (out_nid)
		*out_nid = nid;
}

static u64 pack(long idx_a, long idx_b)
{
	return (u64)(uint32_t)idx_a | (u64)idx_b << 32;
}

/**
 * __next_mem_range - next function for for_each_free_mem_range() etc.
 * @idx: pointer to u64 loop variable
 * @nid: node selector, %NUMA_NO_NODE for all nodes
 * @flags: pick from blocks based on memory attributes
 * @type_a: pointer to memblock_type from where the range is taken
 * @type_b: pointer to memblock_type which excludes memory from being taken
 * @out_start: ptr to phys_addr_t for start address of the range, can be %NULL
 * @out_end: ptr to phys_addr_t for end address of the range, can be %NULL
 * @out_nid: ptr to int for nid of the range, can be %NULL
 *
 * Find the first area from *@idx which matches @nid, fill the out
 * parameters, and update *@idx for the next iteration.  The lower 32bit of
 * *@idx contains index into type_a and the upper 32bit indexes the
 * areas before each region in type_b.  For example, if type_b regions
 * look like the following,
 *
 *	0:[0-16), 1:[32-48), 2:[128-130)
 *
 * The upper 32bit indexes the following regions.
 *
 *	0:[0-0), 1:[16-32), 2:[48-128), 3:[130-MAX)
 *
 * As both region arrays are sorted, the function advances the two indices
 * in lockstep and returns each intersection.  *@idx becomes ULLONG_MAX at
 * the end.
 */
void __next_mem_range(u64 *idx, int nid, ulong flags,
		      struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start,
		      phys_addr_t *out_end, int *out_nid)
{
	long idx_a = (int32_t)(uint32_t)*idx;	/* -1 once past region 0 */
	long idx_b = *idx >> 32;

	nid = memblock_nid_or_any(nid);
	for (; idx_a < (long)type_a->cnt; idx_a++) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = region_end(m);
		int m_nid = memblock_get_region_node(m);

		if (!memblock_region_usable(m, nid, flags))
			continue;

		if (!type_b) {
			next_out(m_start, m_end, m_nid, out_start, out_end,
				 out_nid);
			*idx = pack(idx_a + 1, idx_b);
			return;
		}

		/* scan areas before each reservation */
		for (; idx_b < (long)type_b->cnt + 1; idx_b++) {
			phys_addr_t r_start = gap_start(type_b, idx_b);
			phys_addr_t r_end = gap_end(type_b, idx_b);

			/*
			 * if idx_b advanced past idx_a,
			 * break out to advance idx_a
			 */
			if (r_start >= m_end)
				break;
			/* if the two regions intersect, we're done */
			if (m_start < r_end) {
				next_out(max(m_start, r_start),
					 min(m_end, r_end), m_nid,
					 out_start, out_end, out_nid);
				/*
				 * The region which ends first is
				 * advanced for the next iteration.
				 */
				if (m_end <= r_end)
					idx_a++;
				else
					idx_b++;
				*idx = pack(idx_a, idx_b);
				return;
			}
		}
	}

	/* signal end of iteration */
	*idx = ULLONG_MAX;
}

/**
 * __next_mem_range_rev - generic next function for for_each_*_range_rev()
 * @idx: pointer to u64 loop variable
 * @nid: node selector, %NUMA_NO_NODE for all nodes
 * @flags: pick from blocks based on memory attributes
 * @type_a: pointer to memblock_type from where the range is taken
 * @type_b: pointer to memblock_type which excludes memory from being taken
 * @out_start: ptr to phys_addr_t for start address of the range, can be %NULL
 * @out_end: ptr to phys_addr_t for end address of the range, can be %NULL
 * @out_nid: ptr to int for nid of the range, can be %NULL
 *
 * The same walk as __next_mem_range(), from the top down: *@idx ==
 * ULLONG_MAX starts at the last region of @type_a and the last gap of
 * @type_b.
 */
void __next_mem_range_rev(u64 *idx, int nid, ulong flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid)
{
	long idx_a = (int32_t)(uint32_t)*idx;	/* -1 once past region 0 */
	long idx_b = *idx >> 32;

	nid = memblock_nid_or_any(nid);
	if (*idx == (u64)ULLONG_MAX) {
		idx_a = type_a->cnt - 1;
		idx_b = type_b ? (long)type_b->cnt : 0;
	}

	for (; idx_a >= 0; idx_a--) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = region_end(m);
		int m_nid = memblock_get_region_node(m);

		if (!memblock_region_usable(m, nid, flags))
			continue;

		if (!type_b) {
			next_out(m_start, m_end, m_nid, out_start, out_end,
				 out_nid);
			*idx = pack(idx_a - 1, idx_b);
			return;
		}

		for (; idx_b >= 0; idx_b--) {
			phys_addr_t r_start = gap_start(type_b, idx_b);
			phys_addr_t r_end = gap_end(type_b, idx_b);

			/*
			 * if idx_b advanced past idx_a,
			 * break out to advance idx_a
			 */
			if (r_end <= m_start)
				break;
			/* if the two regions intersect, we're done */
			if (m_end > r_start) {
				next_out(max(m_start, r_start),
					 min(m_end, r_end), m_nid,
					 out_start, out_end, out_nid);
				if (m_start >= r_start)
					idx_a--;
				else
					idx_b--;
				*idx = pack(idx_a, idx_b);
				return;
			}
		}
	}
	/* signal end of iteration */
	*idx = ULLONG_MAX;
}

/**
 * __next_reserved_mem_region - next function for for_each_reserved_mem_region()
 * @idx: pointer to u64 loop variable
 * @out_start: ptr to phys_addr_t for start address of the region, can be %NULL
 * @out_end: ptr to phys_addr_t for the last byte of the region, can be %NULL
 *
 * Give reserved region *@idx as [*@out_start, *@out_end] (4.12's end is
 * inclusive) and step *@idx on; *@idx becomes ULLONG_MAX at the end.  The
 * empty array's placeholder is no region: 4.12 would give it as [0,
 * ULLONG_MAX], all of memory reserved.
 */
void __next_reserved_mem_region(u64 *idx, phys_addr_t *out_start,
				phys_addr_t *out_end)
{
	struct memblock_type *type = &memblock.reserved;

	if (*idx < type->cnt && type->regions[*idx].size) {
		struct memblock_region *r = &type->regions[*idx];

		if (out_start)
			*out_start = r->base;
		if (out_end)
			*out_end = region_end(r) - 1;

		*idx += 1;
		return;
	}

	/* signal end of iteration */
	*idx = ULLONG_MAX;
}

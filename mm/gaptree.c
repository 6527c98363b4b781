// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Find strategy "gaptree": an index of the gaps between reserved regions,
 * so that the highest (top-down) or lowest (bottom-up) gap that can hold a
 * request is found in O(log n) even when almost every gap is too small.
 *
 * Gap b of memblock.reserved is [end of region b - 1, base of region b):
 * gap 0 starts at 0 and gap cnt ends at PHYS_ADDR_MAX.  Free memory is
 * memory minus reserved, so every free range lies inside exactly one gap
 * and is no longer than it.  The index is an implicit segment tree over
 * the gaps holding the longest gap under each node, in the spirit of the
 * kernel's rb_subtree_gap and the maple tree's gap arrays: a subtree whose
 * longest gap is shorter than the request cannot hold it and is skipped.
 *
 * A gap that passes that test is checked exactly: it is clipped to
 * [start, end) and intersected with the memory regions inside it, with the
 * same node, mirror, NOMAP and hotplug filters and the same candidate
 * arithmetic as 4.12's walk, visiting the free ranges in the walk's order.
 * So a request with a node id or MEMBLOCK_MIRROR uses the index too; only
 * its pruning is weaker (a gap can be long but hold memory of another node
 * or NOMAP memory), never its answer.
 *
 * The tree is maintained lazily: changes to memblock.reserved are recorded
 * (gaptree_changed(), gaptree_region_changed()) and applied at the next
 * search, an in-place change in O(log n), a shift of the array from index
 * i in O(n - i), as the memmove that caused it.  It is only kept while
 * gaptree is the find strategy; selecting it again rebuilds it.  Past
 * GAPTREE_MAX_LEAVES gaps it does not fit its static table, and the search
 * falls back to the binary walk.
 */

#include "memblock_internal.h"

#define GAPTREE_MAX_LEAVES	(1UL << 17)
#define GAPTREE_POINTS		8
#define NONE			(~0UL)

/* tree[1] is the root, tree[leaves + b] is gap b. */
static phys_addr_t tree[2 * GAPTREE_MAX_LEAVES];
static unsigned long leaves;		/* power of two; 0: not built */
static unsigned long synced_gaps;	/* gaps the leaves describe */
static unsigned long dirty_from = NONE;	/* gaps from here on moved */
static unsigned long points[GAPTREE_POINTS];	/* regions changed in place */
static unsigned long nr_points;

static phys_addr_t gap_start(unsigned long b)
{
	return b ? region_end(&memblock.reserved.regions[b - 1]) : 0;
}

static phys_addr_t gap_end(unsigned long b)
{
	return b < memblock.reserved.cnt ? memblock.reserved.regions[b].base :
					   PHYS_ADDR_MAX;
}

static phys_addr_t gap_len(unsigned long b)
{
	return b <= memblock.reserved.cnt ? gap_end(b) - gap_start(b) : 0;
}

/**
 * gaptree_invalidate - forget the index; the next search rebuilds it
 */
void gaptree_invalidate(void)
{
	leaves = 0;
	nr_points = 0;
	dirty_from = NONE;
}

static bool tracking(struct memblock_type *type)
{
	if (type != &memblock.reserved || !leaves)
		return false;
	if (memblock_find_strategy != MEMBLOCK_FIND_GAPTREE) {
		gaptree_invalidate();
		return false;
	}
	return true;
}

/**
 * gaptree_changed - regions of @type from @first on may have moved
 * @type: the memblock type that changed
 * @first: lowest region index that moved or changed
 */
void gaptree_changed(struct memblock_type *type, unsigned long first)
{
	if (tracking(type))
		dirty_from = min(dirty_from, first);
}

/**
 * gaptree_region_changed - region @idx of @type changed its base or size
 * @type: the memblock type that changed
 * @idx: index of the region; gaps @idx and @idx + 1 change with it
 */
void gaptree_region_changed(struct memblock_type *type, unsigned long idx)
{
	if (!tracking(type))
		return;
	if (nr_points < GAPTREE_POINTS)
		points[nr_points++] = idx;
	else
		dirty_from = min(dirty_from, idx);
}

static void update_parents(unsigned long lo, unsigned long hi)
{
	for (lo = (leaves + lo) / 2, hi = (leaves + hi) / 2; lo >= 1;
	     lo /= 2, hi /= 2)
		for (unsigned long k = lo; k <= hi; k++)
			tree[k] = max(tree[2 * k], tree[2 * k + 1]);
}

static void set_leaves(unsigned long lo, unsigned long hi)
{
	for (unsigned long b = lo; b <= hi; b++)
		tree[leaves + b] = gap_len(b);
	update_parents(lo, hi);
}

static bool rebuild(void)
{
	unsigned long gaps = memblock.reserved.cnt + 1;

	if (gaps > GAPTREE_MAX_LEAVES) {
		leaves = 0;
		return false;
	}
	for (leaves = 1; leaves < gaps; leaves <<= 1)
		;
	set_leaves(0, leaves - 1);
	synced_gaps = gaps;
	nr_points = 0;
	dirty_from = NONE;
	return true;
}

/* Bring the tree up to date with memblock.reserved.  Return: usable? */
static __attribute__((noinline)) bool catch_up(void)
{
	unsigned long gaps = memblock.reserved.cnt + 1;

	if (!leaves || gaps > leaves)
		return rebuild();

	for (unsigned long i = 0; i < nr_points; i++) {
		unsigned long b = points[i];

		if (b < dirty_from)
			set_leaves(b, min(b + 1, dirty_from - 1));
	}
	nr_points = 0;

	if (dirty_from != NONE) {
		set_leaves(dirty_from, max(synced_gaps, gaps) - 1);
		dirty_from = NONE;
	}
	synced_gaps = gaps;
	return true;
}

/* Inline, so that a search with nothing to catch up on pays two tests. */
static inline bool sync(void)
{
	if (leaves && !nr_points && dirty_from == NONE &&
	    synced_gaps == memblock.reserved.cnt + 1)
		return true;
	return catch_up();
}

/*
 * Highest gap in [@lo, @hi] at least @size long, or -1.  Climb from leaf
 * @hi until a left sibling holds such a gap, then descend into it keeping
 * to the right: O(log n), and O(1) when gap @hi itself is long enough.
 */
static long last_fit(unsigned long lo, unsigned long hi, phys_addr_t size)
{
	unsigned long k = leaves + hi;

	if (tree[k] < size) {
		for (;;) {
			if (k == 1)
				return -1;
			if ((k & 1) && tree[k - 1] >= size) {
				k--;
				break;
			}
			k >>= 1;
		}
		while (k < leaves)
			k = tree[2 * k + 1] >= size ? 2 * k + 1 : 2 * k;
	}
	return k - leaves >= lo ? (long)(k - leaves) : -1;
}

/* Lowest gap in [@lo, @hi] at least @size long, or -1: the mirror image. */
static long first_fit(unsigned long lo, unsigned long hi, phys_addr_t size)
{
	unsigned long k = leaves + lo;

	if (tree[k] < size) {
		for (;;) {
			if (k == 1)
				return -1;
			if (!(k & 1) && tree[k + 1] >= size) {
				k++;
				break;
			}
			k >>= 1;
		}
		while (k < leaves)
			k = tree[2 * k] >= size ? 2 * k : 2 * k + 1;
	}
	return k - leaves <= hi ? (long)(k - leaves) : -1;
}

/*
 * The free ranges of gap @b inside [@start, @end), top down, with 4.12's
 * candidate rule.  Return: true and *@found if one fits.
 */
static bool gap_fit_top_down(unsigned long b, phys_addr_t start,
			     phys_addr_t end, phys_addr_t size,
			     phys_addr_t align, int nid, ulong flags,
			     phys_addr_t *found)
{
	struct memblock_type *mem = &memblock.memory;
	phys_addr_t lo = max(gap_start(b), start);
	phys_addr_t hi = min(gap_end(b), end);
	long im;

	if (lo >= hi)
		return false;

	im = hi > mem->regions[mem->cnt - 1].base ? (long)mem->cnt - 1 :
		memblock_last_region_starting_below(mem, hi);
	for (; im >= 0 && region_end(&mem->regions[im]) > lo; im--) {
		struct memblock_region *m = &mem->regions[im];

		if (memblock_region_usable(m, nid, flags) &&
		    memblock_fit_top_down(max(m->base, lo),
					  min(region_end(m), hi), start, end,
					  size, align, found))
			return true;
	}
	return false;
}

/* The same, bottom up, with 4.12's bottom-up candidate rule. */
static bool gap_fit_bottom_up(unsigned long b, phys_addr_t start,
			      phys_addr_t end, phys_addr_t size,
			      phys_addr_t align, int nid, ulong flags,
			      phys_addr_t *found)
{
	struct memblock_type *mem = &memblock.memory;
	phys_addr_t lo = max(gap_start(b), start);
	phys_addr_t hi = min(gap_end(b), end);
	unsigned long im;

	if (lo >= hi)
		return false;

	im = lo < region_end(&mem->regions[0]) ? 0 :
		memblock_first_region_ending_after(mem, lo);
	for (; im < mem->cnt && mem->regions[im].base < hi; im++) {
		struct memblock_region *m = &mem->regions[im];

		/* a candidate of 0 (an alignment that wrapped) ends it too */
		if (memblock_region_usable(m, nid, flags) &&
		    memblock_fit_bottom_up(max(m->base, lo),
					   min(region_end(m), hi), start, end,
					   size, align, found))
			return true;
	}
	return false;
}

/* Gaps that can meet [@start, @end): [*@lo, *@hi].  Return: any? */
static inline bool gap_range(phys_addr_t start, phys_addr_t end,
		      unsigned long *lo, unsigned long *hi)
{
	struct memblock_type *rsv = &memblock.reserved;

	if (start >= end)
		return false;
	/* first gap ending above @start: gap b ends at the base of region b */
	if (start < rsv->regions[0].base)
		*lo = 0;
	else
		*lo = memblock_last_region_starting_below(rsv, start + 1) + 1;
	/* last gap starting below @end: gap b starts at the end of region b - 1 */
	if (end > region_end(&rsv->regions[rsv->cnt - 1]))
		*hi = rsv->cnt;
	else
		*hi = memblock_first_region_ending_after(rsv, end - 1);
	return *lo <= *hi;
}

/**
 * memblock_find_gaptree_top_down - highest fit, through the gap index
 * @start: start of candidate range
 * @end: end of candidate range
 * @size: size of free area to find
 * @align: alignment of free area to find
 * @nid: nid of the free area to find, %NUMA_NO_NODE for any node
 * @flags: pick from blocks based on memory attributes
 *
 * Return: the address 4.12's top-down walk returns; 0 when nothing fits.
 */
phys_addr_t memblock_find_gaptree_top_down(phys_addr_t start, phys_addr_t end,
					   phys_addr_t size, phys_addr_t align,
					   int nid, ulong flags)
{
	unsigned long lo, hi;
	phys_addr_t found;
	long b;

	/* A 0-byte request matches anywhere; a tree that does not fit: walk. */
	if (!size || !sync())
		return memblock_find_binary_top_down(start, end, size, align,
						     nid, flags);
	if (!memblock.memory.total_size || !gap_range(start, end, &lo, &hi))
		return 0;

	while ((b = last_fit(lo, hi, size)) >= 0) {
		if (gap_fit_top_down(b, start, end, size, align, nid, flags,
				     &found))
			return found;
		if ((unsigned long)b == lo)
			break;
		hi = b - 1;
	}
	return 0;
}

/**
 * memblock_find_gaptree_bottom_up - lowest fit, through the gap index
 * @start: start of candidate range
 * @end: end of candidate range
 * @size: size of free area to find
 * @align: alignment of free area to find
 * @nid: nid of the free area to find, %NUMA_NO_NODE for any node
 * @flags: pick from blocks based on memory attributes
 *
 * Return: the address 4.12's bottom-up walk returns; 0 when nothing fits.
 */
phys_addr_t memblock_find_gaptree_bottom_up(phys_addr_t start, phys_addr_t end,
					    phys_addr_t size, phys_addr_t align,
					    int nid, ulong flags)
{
	unsigned long lo, hi;
	phys_addr_t found;
	long b;

	if (!size || !sync())
		return memblock_find_binary_bottom_up(start, end, size, align,
						      nid, flags);
	if (!memblock.memory.total_size || !gap_range(start, end, &lo, &hi))
		return 0;

	while ((b = first_fit(lo, hi, size)) >= 0) {
		if (gap_fit_bottom_up(b, start, end, size, align, nid, flags,
				      &found))
			return found;
		if ((unsigned long)b == hi)
			break;
		lo = b + 1;
	}
	return 0;
}

/**
 * memblock_gaptree_bytes - memory the gap index uses now
 *
 * Return: bytes of the tree in use (two entries of 8 bytes per leaf, leaves
 * a power of two >= reserved.cnt + 1); 0 when it is not built.
 */
size_t memblock_gaptree_bytes(void)
{
	return leaves * 2 * sizeof(tree[0]);
}
